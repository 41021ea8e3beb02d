//! What the database holds about ratings and "you said, we did" answers.
//!
//! A rating row names the person only when it is not anonymous; its
//! `rater_key` (keyed by the secret in the rating key file over the person
//! and the occurrence, see [`super::rating_key`]) is unique, so one rating
//! per person and occurrence is decided by the database, also between
//! concurrent writes, and the young person can find and change their own
//! anonymous rating. The report's reads select no person and no key.

use lotsen_api::Date;
use lotsen_api::schedule::PersonRef;

use super::rules::{GroupKey, ListedActivity, RatingRow};
use crate::db::Db;
use crate::db::sql::{begin_write, query, query_as, query_scalar};

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

/// A young person's own rating as stored (read by its column names).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct OwnRating {
    pub rater_key: String,
    pub anonymous: bool,
    /// 1–5 (checked by the table).
    #[sqlx(try_from = "i64")]
    pub score: u8,
    pub comment: Option<String>,
    /// Unix seconds.
    pub changeable_until: i64,
}

/// A session the young person attended (read by its column names).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AttendedSession {
    pub booking_id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub staff_id: i64,
    pub staff_name: String,
    /// Unix seconds.
    pub starts_at: i64,
}

/// A "you said, we did" answer (read by its column names).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AnswerRecord {
    pub id: i64,
    pub activity_id: i64,
    pub activity_title: String,
    pub text: String,
    /// Unix seconds.
    pub written_at: i64,
}

/// A person read from a `LEFT JOIN`: none where the id is NULL.
fn person(id: Option<i64>, name: Option<String>) -> Option<PersonRef> {
    id.zip(name).map(|(id, name)| PersonRef { id, name })
}

/// The rating secret of a database made before the key file existed
/// (see [`super::rating_key`]); `None` once it has been moved out.
pub async fn rating_secret(db: &Db) -> Result<Option<String>, sqlx::Error> {
    query_scalar("SELECT secret FROM rating_secret WHERE id = 1")
        .fetch_optional(db)
        .await
}

/// Re-keys every rating with `rekey` and deletes the old rating secret, in
/// one transaction; the number of ratings.
pub async fn rekey_ratings(db: &Db, rekey: impl Fn(&str) -> String) -> Result<u64, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let rows: Vec<(i64, String)> = query_as("SELECT id, rater_key FROM ratings")
        .fetch_all(&mut tx)
        .await?;
    for (id, old) in &rows {
        query("UPDATE ratings SET rater_key = $1 WHERE id = $2")
            .bind(rekey(old))
            .bind(id)
            .execute(&mut tx)
            .await?;
    }
    query("DELETE FROM rating_secret").execute(&mut tx).await?;
    tx.commit().await?;
    Ok(rows.len() as u64)
}

/// A young person's attended sessions that started in `from..to` (Unix
/// seconds), newest first.
pub async fn attended_sessions(
    db: &Db,
    youth_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<AttendedSession>, sqlx::Error> {
    query_as(
        "SELECT b.id AS booking_id, b.session_type_id, st.name AS session_type_name, b.staff_id, \
         a.name AS staff_name, b.starts_at FROM bookings b \
         JOIN session_types st ON st.id = b.session_type_id JOIN accounts a ON a.id = b.staff_id \
         WHERE b.youth_id = $1 AND b.status = 'attended' AND b.starts_at >= $2 AND b.starts_at < $3 \
         ORDER BY b.starts_at DESC",
    )
    .bind(youth_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// The columns of an [`OwnRating`] (of `ratings`).
const OWN_RATING_COLUMNS: &str =
    "rater_key, youth_id IS NULL AS anonymous, score, comment, changeable_until";

/// The ratings with these keys.
pub async fn own_ratings(db: &Db, keys: &[String]) -> Result<Vec<OwnRating>, sqlx::Error> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let list = (1..=keys.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("SELECT {OWN_RATING_COLUMNS} FROM ratings WHERE rater_key IN ({list})");
    let mut q = query_as(&sql);
    for k in keys {
        q = q.bind(k);
    }
    q.fetch_all(db).await
}

/// Gives or, while it can be changed, changes a rating; `None` when it can
/// no longer be changed.
pub async fn save_rating(
    db: &Db,
    r: &NewRating,
    now: i64,
) -> Result<Option<OwnRating>, sqlx::Error> {
    let (activity, session_type, staff) = match r.rated {
        Rated::Activity(id) => (Some(id), None, None),
        Rated::Session {
            session_type_id,
            staff_id,
        } => (None, Some(session_type_id), Some(staff_id)),
    };
    let mut tx = begin_write(db).await?;
    let sql = format!(
        "INSERT INTO ratings (rater_key, youth_id, activity_id, session_type_id, staff_id, occurrence_date, score, comment, \
         changeable_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (rater_key) DO UPDATE SET youth_id = excluded.youth_id, score = excluded.score, \
         comment = excluded.comment WHERE ratings.changeable_until > $10 \
         RETURNING {OWN_RATING_COLUMNS}"
    );
    let saved = query_as(&sql)
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
        .fetch_optional(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(saved)
}

/// Every rating of occurrences in `from..=to`, without who gave it.
pub async fn rating_rows(db: &Db, from: Date, to: Date) -> Result<Vec<RatingRow>, sqlx::Error> {
    type Row = (
        String,
        i64,
        i64,
        String,
        Option<i64>,
        Option<String>,
        String,
        i64,
        Option<String>,
    );
    let rows: Vec<Row> = query_as(
        "SELECT 'a', r.activity_id, CAST(0 AS BIGINT), act.title, act.leader_id, l.name, r.occurrence_date, r.score, r.comment \
         FROM ratings r JOIN activities act ON act.id = r.activity_id LEFT JOIN accounts l ON l.id = act.leader_id \
         WHERE r.occurrence_date >= $1 AND r.occurrence_date <= $2 \
         UNION ALL \
         SELECT 's', r.session_type_id, r.staff_id, st.name, r.staff_id, sa.name, r.occurrence_date, r.score, r.comment \
         FROM ratings r JOIN session_types st ON st.id = r.session_type_id JOIN accounts sa ON sa.id = r.staff_id \
         WHERE r.occurrence_date >= $1 AND r.occurrence_date <= $2",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let group = if r.0 == "a" {
                GroupKey::Activity(r.1)
            } else {
                GroupKey::Session(r.1, r.2)
            };
            Some(RatingRow {
                group,
                title: r.3,
                leader: person(r.4, r.5),
                date: lotsen_api::date::parse_iso(&r.6)?,
                score: r.7 as u8,
                comment: r.8,
            })
        })
        .collect())
}

/// The activities that run in `from..=to`.
pub async fn term_activities(
    db: &Db,
    from: Date,
    to: Date,
) -> Result<Vec<ListedActivity>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<i64>, Option<String>)> = query_as(
        "SELECT act.id, act.title, act.leader_id, l.name FROM activities act LEFT JOIN accounts l ON l.id = act.leader_id \
         WHERE act.first_date <= $2 AND act.last_date >= $1 ORDER BY act.title, act.id",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ListedActivity {
            id: r.0,
            title: r.1,
            leader: person(r.2, r.3),
        })
        .collect())
}

/// The columns of an [`AnswerRecord`].
const ANSWER_COLUMNS: &str = "SELECT fa.id, fa.activity_id, act.title AS activity_title, fa.body AS text, \
     fa.written_at FROM feedback_answers fa JOIN activities act ON act.id = fa.activity_id";

/// Every answer, newest first.
pub async fn all_answers(db: &Db) -> Result<Vec<AnswerRecord>, sqlx::Error> {
    let sql = format!("{ANSWER_COLUMNS} ORDER BY fa.written_at DESC, fa.id DESC");
    query_as(&sql).fetch_all(db).await
}

/// The answers to the activities a young person has (had) on their
/// schedule, newest first (at most 20).
pub async fn youth_answers(db: &Db, youth_id: i64) -> Result<Vec<AnswerRecord>, sqlx::Error> {
    let sql = format!(
        "{ANSWER_COLUMNS} WHERE fa.activity_id IN (SELECT activity_id FROM assignments WHERE youth_id = $1) \
         ORDER BY fa.written_at DESC, fa.id DESC LIMIT 20"
    );
    query_as(&sql).bind(youth_id).fetch_all(db).await
}

/// Answers written since `since` (Unix seconds) to activities the young
/// person has (or had) on their schedule, newest first, at most `limit`:
/// one range of the index on (activity, written) per activity of theirs.
pub async fn recent_youth_answers(
    db: &Db,
    youth_id: i64,
    since: i64,
    limit: i64,
) -> Result<Vec<AnswerRecord>, sqlx::Error> {
    let sql = format!(
        "{ANSWER_COLUMNS} WHERE fa.activity_id IN (SELECT activity_id FROM assignments WHERE youth_id = $1) \
         AND fa.written_at >= $2 ORDER BY fa.written_at DESC, fa.id DESC LIMIT $3"
    );
    query_as(&sql)
        .bind(youth_id)
        .bind(since)
        .bind(limit)
        .fetch_all(db)
        .await
}

/// Adds an answer; `None` when there is no such activity.
pub async fn add_answer(
    db: &Db,
    activity_id: i64,
    text: &str,
    by: i64,
    now: i64,
) -> Result<Option<AnswerRecord>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let title: Option<String> = query_scalar("SELECT title FROM activities WHERE id = $1")
        .bind(activity_id)
        .fetch_optional(&mut tx)
        .await?;
    let Some(title) = title else { return Ok(None) };
    let id: i64 = query_scalar(
        "INSERT INTO feedback_answers (activity_id, body, written_by, written_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(activity_id)
    .bind(text)
    .bind(by)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(Some(AnswerRecord {
        id,
        activity_id,
        activity_title: title,
        text: text.to_owned(),
        written_at: now,
    }))
}
