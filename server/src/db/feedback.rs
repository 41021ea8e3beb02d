//! What the database holds about ratings and "you said, we did" answers, and
//! the [`Db`] methods for them.
//!
//! A rating row names the person only when it is not anonymous; its
//! `rater_key` (keyed by the secret in the rating key file over the person
//! and the occurrence, see [`crate::rating_key`]) is unique, so one
//! rating per person and occurrence is decided by the database, also between
//! concurrent writes, and the young person can find and change their own
//! anonymous rating. The report's reads select no person and no key.

use lotsen_api::Date;

use super::Db;
use crate::feedback::{ListedActivity, RatingRow};

/// What is rated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rated {
    /// An activity's occurrence (by its planned date).
    Activity(i64),
    /// A booked session: its type and staff member.
    Session { session_type_id: i64, staff_id: i64 },
}

/// A rating to write.
#[derive(Clone, Debug)]
pub struct NewRating {
    pub rater_key: String,
    /// `None` when anonymous.
    pub youth_id: Option<i64>,
    pub rated: Rated,
    pub date: Date,
    pub score: u8,
    pub comment: Option<String>,
    /// For a first rating: until when it can be changed.
    pub changeable_until: i64,
}

/// A young person's own rating as stored: key, anonymous, score, comment, changeable until.
pub type OwnRating = (String, bool, u8, Option<String>, i64);

/// An attended session: booking, type, type name, staff id, staff name, start (Unix seconds).
pub type AttendedSession = (i64, i64, String, i64, String, i64);

/// An answer: id, activity, activity title, text, written at (Unix seconds).
pub type AnswerRecord = (i64, i64, String, String, i64);

/// Compiles the feedback statements for one engine (next to `queries!`).
macro_rules! feedback_queries {
    ($engine:ty) => {
        use super::feedback::{AnswerRecord, AttendedSession, NewRating, OwnRating, Rated};
        use crate::feedback::{GroupKey, ListedActivity, RatingRow};

        pub(super) async fn rating_secret(pool: &Pool) -> Result<Option<String>, sqlx::Error> {
            sqlx::query_scalar("SELECT secret FROM rating_secret WHERE id = 1")
                .fetch_optional(pool)
                .await
        }

        pub(super) async fn rekey_ratings(pool: &Pool, rekey: impl Fn(&str) -> String)
            -> Result<u64, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, rater_key FROM ratings")
                .fetch_all(&mut *tx)
                .await?;
            for (id, old) in &rows {
                sqlx::query("UPDATE ratings SET rater_key = $1 WHERE id = $2")
                    .bind(rekey(old))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("DELETE FROM rating_secret").execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(rows.len() as u64)
        }

        pub(super) async fn attended_sessions(pool: &Pool, youth_id: i64, from: i64, to: i64)
            -> Result<Vec<AttendedSession>, sqlx::Error> {
            sqlx::query_as(
                "SELECT b.id, b.session_type_id, st.name, b.staff_id, a.name, b.starts_at FROM bookings b \
                 JOIN session_types st ON st.id = b.session_type_id JOIN accounts a ON a.id = b.staff_id \
                 WHERE b.youth_id = $1 AND b.status = 'attended' AND b.starts_at >= $2 AND b.starts_at < $3 \
                 ORDER BY b.starts_at DESC",
            )
            .bind(youth_id)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await
        }

        pub(super) async fn own_ratings(pool: &Pool, keys: &[String]) -> Result<Vec<OwnRating>, sqlx::Error> {
            if keys.is_empty() {
                return Ok(Vec::new());
            }
            let list = (1..=keys.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT rater_key, youth_id IS NULL, score, comment, changeable_until FROM ratings WHERE rater_key IN ({list})"
            );
            let mut q = sqlx::query_as::<_, (String, bool, i64, Option<String>, i64)>(&sql);
            for k in keys {
                q = q.bind(k);
            }
            let rows = q.fetch_all(pool).await?;
            Ok(rows.into_iter().map(|r| (r.0, r.1, r.2 as u8, r.3, r.4)).collect())
        }

        /// Inserts or, while it can be changed, replaces; `None` when it can no longer be changed.
        pub(super) async fn save_rating(pool: &Pool, r: &NewRating, now: i64) -> Result<Option<OwnRating>, sqlx::Error> {
            let (activity, session_type, staff) = match r.rated {
                Rated::Activity(id) => (Some(id), None, None),
                Rated::Session { session_type_id, staff_id } => (None, Some(session_type_id), Some(staff_id)),
            };
            let mut tx = begin_write(pool).await?;
            let saved: Option<(bool, i64, Option<String>, i64)> = sqlx::query_as(
                "INSERT INTO ratings (rater_key, youth_id, activity_id, session_type_id, staff_id, occurrence_date, score, comment, \
                 changeable_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (rater_key) DO UPDATE SET youth_id = excluded.youth_id, score = excluded.score, \
                 comment = excluded.comment WHERE ratings.changeable_until > $10 \
                 RETURNING youth_id IS NULL, score, comment, changeable_until",
            )
            .bind(&r.rater_key)
            .bind(r.youth_id)
            .bind(activity)
            .bind(session_type)
            .bind(staff)
            .bind(r.date.to_string())
            .bind(i64::from(r.score))
            .bind(&r.comment)
            .bind(r.changeable_until)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(saved.map(|s| (r.rater_key.clone(), s.0, s.1 as u8, s.2, s.3)))
        }

        /// Every rating in `from..=to`, without who gave it.
        pub(super) async fn rating_rows(pool: &Pool, from: &str, to: &str) -> Result<Vec<RatingRow>, sqlx::Error> {
            type Row = (String, i64, i64, String, Option<i64>, Option<String>, String, i64, Option<String>);
            let rows: Vec<Row> = sqlx::query_as(
                "SELECT 'a', r.activity_id, CAST(0 AS BIGINT), act.title, act.leader_id, l.name, r.occurrence_date, r.score, r.comment \
                 FROM ratings r JOIN activities act ON act.id = r.activity_id LEFT JOIN accounts l ON l.id = act.leader_id \
                 WHERE r.occurrence_date >= $1 AND r.occurrence_date <= $2 \
                 UNION ALL \
                 SELECT 's', r.session_type_id, r.staff_id, st.name, r.staff_id, sa.name, r.occurrence_date, r.score, r.comment \
                 FROM ratings r JOIN session_types st ON st.id = r.session_type_id JOIN accounts sa ON sa.id = r.staff_id \
                 WHERE r.occurrence_date >= $1 AND r.occurrence_date <= $2",
            )
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .filter_map(|r| {
                    let group = if r.0 == "a" { GroupKey::Activity(r.1) } else { GroupKey::Session(r.1, r.2) };
                    Some(RatingRow {
                        group,
                        title: r.3,
                        leader: r.4.zip(r.5),
                        date: lotsen_api::date::parse_iso(&r.6)?,
                        score: r.7 as u8,
                        comment: r.8,
                    })
                })
                .collect())
        }

        /// The activities that run in `from..=to`.
        pub(super) async fn term_activities(pool: &Pool, from: &str, to: &str) -> Result<Vec<ListedActivity>, sqlx::Error> {
            let rows: Vec<(i64, String, Option<i64>, Option<String>)> = sqlx::query_as(
                "SELECT act.id, act.title, act.leader_id, l.name FROM activities act LEFT JOIN accounts l ON l.id = act.leader_id \
                 WHERE act.first_date <= $2 AND act.last_date >= $1 ORDER BY act.title, act.id",
            )
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|r| (r.0, r.1, r.2.zip(r.3))).collect())
        }

        /// Every answer, newest first.
        pub(super) async fn all_answers(pool: &Pool) -> Result<Vec<AnswerRecord>, sqlx::Error> {
            sqlx::query_as(
                "SELECT fa.id, fa.activity_id, act.title, fa.body, fa.written_at FROM feedback_answers fa \
                 JOIN activities act ON act.id = fa.activity_id ORDER BY fa.written_at DESC, fa.id DESC",
            )
            .fetch_all(pool)
            .await
        }

        /// The answers to the activities a young person has (had) on their schedule, newest first.
        pub(super) async fn youth_answers(pool: &Pool, youth_id: i64) -> Result<Vec<AnswerRecord>, sqlx::Error> {
            sqlx::query_as(
                "SELECT fa.id, fa.activity_id, act.title, fa.body, fa.written_at FROM feedback_answers fa \
                 JOIN activities act ON act.id = fa.activity_id \
                 WHERE fa.activity_id IN (SELECT activity_id FROM assignments WHERE youth_id = $1) \
                 ORDER BY fa.written_at DESC, fa.id DESC LIMIT 20",
            )
            .bind(youth_id)
            .fetch_all(pool)
            .await
        }

        /// Adds an answer; `None` when there is no such activity.
        pub(super) async fn add_answer(pool: &Pool, activity_id: i64, text: &str, by: i64, now: i64)
            -> Result<Option<AnswerRecord>, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            let title: Option<String> = sqlx::query_scalar("SELECT title FROM activities WHERE id = $1")
                .bind(activity_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(title) = title else { return Ok(None) };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO feedback_answers (activity_id, body, written_by, written_at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(activity_id)
            .bind(text)
            .bind(by)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Some((id, activity_id, title, text.to_owned(), now)))
        }
    };
}

/// Calls the engine's function of the same name.
macro_rules! on_feedback_db {
    ($db:expr, $function:ident($($arg:expr),* $(,)?)) => {
        match $db {
            Db::Sqlite(pool) => super::sqlite::$function(pool, $($arg),*).await,
            Db::Postgres(pool) => super::postgres::$function(pool, $($arg),*).await,
        }
    };
}

impl Db {
    /// The rating secret of a database made before the key file existed
    /// (see [`crate::rating_key`]); `None` once it has been moved out.
    pub async fn rating_secret(&self) -> Result<Option<String>, sqlx::Error> {
        on_feedback_db!(self, rating_secret())
    }

    /// Re-keys every rating with `rekey` and deletes the old rating secret,
    /// in one transaction; the number of ratings.
    pub async fn rekey_ratings(&self, rekey: impl Fn(&str) -> String) -> Result<u64, sqlx::Error> {
        on_feedback_db!(self, rekey_ratings(rekey))
    }

    /// A young person's attended sessions that started in `from..to` (Unix seconds), newest first.
    pub async fn attended_sessions(
        &self,
        youth_id: i64,
        from: i64,
        to: i64,
    ) -> Result<Vec<AttendedSession>, sqlx::Error> {
        on_feedback_db!(self, attended_sessions(youth_id, from, to))
    }

    /// The ratings with these keys.
    pub async fn own_ratings(&self, keys: &[String]) -> Result<Vec<OwnRating>, sqlx::Error> {
        on_feedback_db!(self, own_ratings(keys))
    }

    /// Gives or changes a rating; `None` when it can no longer be changed.
    pub async fn save_rating(
        &self,
        rating: &NewRating,
        now: i64,
    ) -> Result<Option<OwnRating>, sqlx::Error> {
        on_feedback_db!(self, save_rating(rating, now))
    }

    /// Every rating of occurrences in `from..=to`, without who gave it.
    pub async fn rating_rows(&self, from: Date, to: Date) -> Result<Vec<RatingRow>, sqlx::Error> {
        on_feedback_db!(self, rating_rows(&from.to_string(), &to.to_string()))
    }

    /// The activities that run in `from..=to`.
    pub async fn term_activities(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<ListedActivity>, sqlx::Error> {
        on_feedback_db!(self, term_activities(&from.to_string(), &to.to_string()))
    }

    /// Every answer, newest first.
    pub async fn all_answers(&self) -> Result<Vec<AnswerRecord>, sqlx::Error> {
        on_feedback_db!(self, all_answers())
    }

    /// The answers to a young person's activities, newest first.
    pub async fn youth_answers(&self, youth_id: i64) -> Result<Vec<AnswerRecord>, sqlx::Error> {
        on_feedback_db!(self, youth_answers(youth_id))
    }

    /// Adds an answer; `None` when there is no such activity.
    pub async fn add_answer(
        &self,
        activity_id: i64,
        text: &str,
        by: i64,
        now: i64,
    ) -> Result<Option<AnswerRecord>, sqlx::Error> {
        on_feedback_db!(self, add_answer(activity_id, text, by, now))
    }
}
