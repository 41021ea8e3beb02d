//! What the database holds about the individual schedule, as the handlers see it.
//!
//! Activities and their weekdays, changes of single occurrences (keyed by the
//! activity and the planned date), assignments, absences and calendar feed
//! tokens (hashed). Dates are stored as ISO text, times as minutes after
//! midnight. The young person's own schedule is one plain read and writes
//! nothing; staff reads of one young person's schedule are audited.

use lotsen_api::Date;
use lotsen_api::schedule::NewActivity;

use super::in_place::in_place;
use super::sql::Arg;
use super::{Db, StaffViewer};

/// The audit action for a staff read of a young person's schedule or assignments.
pub const AUDIT_READ_SCHEDULE: &str = "read_schedule";
/// The audit action for assigning an activity.
pub const AUDIT_ASSIGN: &str = "assign_activity";
/// The audit action for ending an assignment.
pub const AUDIT_END_ASSIGNMENT: &str = "end_assignment";
/// The audit action for a young person named in an occurrence list.
pub const AUDIT_OCCURRENCES: &str = "list_occurrences";

/// An activity as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityRecord {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub place: String,
    pub kind: String,
    pub leader: Option<(i64, String)>,
    pub capacity: Option<i64>,
    pub start_minute: i64,
    pub end_minute: i64,
    pub first_date: String,
    pub last_date: String,
    /// ISO weekdays, ascending.
    pub weekdays: Vec<u8>,
}

/// A change of one occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeRecord {
    pub activity_id: i64,
    /// The planned date.
    pub date: String,
    /// `cancelled` or `moved`.
    pub status: String,
    pub moved_date: Option<String>,
    pub moved_start: Option<i64>,
    pub moved_end: Option<i64>,
    pub note: Option<String>,
}

/// An assignment as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignmentRecord {
    pub id: i64,
    pub youth_id: i64,
    pub youth_name: String,
    pub activity_id: i64,
    pub activity_title: String,
    /// Bit n-1 for ISO weekday n; 0 = all.
    pub weekdays: i64,
    pub from_date: String,
    pub ended_on: Option<String>,
}

/// An absence: young person, activity, planned date, reason.
pub type AbsenceRecord = (i64, i64, String, Option<String>);

/// Everything one young person's schedule is made of, for a range of dates.
#[derive(Clone, Debug, Default)]
pub struct ScheduleRows {
    /// Their assignments that may have occurrences in the range, with their activities.
    pub assigned: Vec<(AssignmentRecord, ActivityRecord)>,
    /// Changes of those activities' occurrences planned or moved into the range.
    pub changes: Vec<ChangeRecord>,
    /// Their absences in the range.
    pub absences: Vec<AbsenceRecord>,
}

/// One young person's schedule material for `from..=to` in one statement;
/// bound: `$1` the young person, `$2..$3` the wide range, `$4..$5` the range.
/// Run through rusqlite on SQLite (`sqlite_read`), sqlx on PostgreSQL; each
/// row is decoded by [`push_schedule_row`].
///
/// Changes are fetched for dates a week either side, so that an
/// occurrence moved into or out of the range is found. The rows are of
/// three kinds, told apart by the first column:
/// - 'x': an assignment with its activity (weekdays as a bitmask);
/// - 'c': a change of an occurrence of an assigned activity, planned in
///   the wide range or moved into the range;
/// - 'a': this young person's absence.
///
/// The union's columns are shared: see the comment at each select.
pub(super) const SCHEDULE_ROWS_SQL: &str = "SELECT 'x', asg.id, asg.weekdays, asg.from_date, asg.ended_on, act.id, act.title, act.description, \
     act.place, act.kind, act.leader_id, l.name, act.start_minute, act.end_minute, act.first_date, act.last_date, \
     CAST((SELECT SUM(CAST(1 AS BIGINT) << CAST(w.weekday - 1 AS INTEGER)) FROM activity_weekdays w WHERE w.activity_id = act.id) AS BIGINT) \
     FROM assignments asg JOIN activities act ON act.id = asg.activity_id \
     LEFT JOIN accounts l ON l.id = act.leader_id \
     WHERE asg.youth_id = $1 AND (asg.ended_on IS NULL OR asg.ended_on > $2) AND asg.from_date <= $3 \
     AND act.first_date <= $3 AND act.last_date >= $2 \
     UNION ALL \
     SELECT 'c', CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), date, moved_date, activity_id, CAST(NULL AS TEXT), note, \
     CAST(NULL AS TEXT), status, CAST(NULL AS BIGINT), CAST(NULL AS TEXT), moved_start, moved_end, \
     CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT) FROM occurrence_changes \
     WHERE activity_id IN (SELECT activity_id FROM assignments WHERE youth_id = $1) \
     AND ((date >= $2 AND date <= $3) OR (moved_date >= $4 AND moved_date <= $5)) \
     UNION ALL \
     SELECT 'a', CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), date, CAST(NULL AS TEXT), activity_id, CAST(NULL AS TEXT), reason, \
     CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), \
     CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT) \
     FROM absences WHERE youth_id = $1 AND date >= $2 AND date <= $3";

/// Adds one row of [`SCHEDULE_ROWS_SQL`] to `out`.
pub(super) fn push_schedule_row(
    out: &mut ScheduleRows,
    youth_id: i64,
    r: &dyn super::Columns,
) -> Result<(), sqlx::Error> {
    match r.text_required(0)?.as_str() {
        "x" => {
            let activity_id = r.int_required(5)?;
            let title = r.text_required(6)?;
            let assignment = AssignmentRecord {
                id: r.int_required(1)?,
                youth_id,
                youth_name: String::new(),
                activity_id,
                activity_title: title.clone(),
                weekdays: r.int_required(2)?,
                from_date: r.text_required(3)?,
                ended_on: r.text(4)?,
            };
            let activity = ActivityRecord {
                id: activity_id,
                title,
                description: r.text_required(7)?,
                place: r.text_required(8)?,
                kind: r.text_required(9)?,
                leader: r.int(10)?.zip(r.text(11)?),
                capacity: None,
                start_minute: r.int_required(12)?,
                end_minute: r.int_required(13)?,
                first_date: r.text_required(14)?,
                last_date: r.text_required(15)?,
                weekdays: weekdays_of_mask(r.int(16)?.unwrap_or(0)),
            };
            out.assigned.push((assignment, activity));
        }
        "c" => out.changes.push(ChangeRecord {
            activity_id: r.int_required(5)?,
            date: r.text_required(3)?,
            status: r.text(9)?.unwrap_or_default(),
            moved_date: r.text(4)?,
            moved_start: r.int(12)?,
            moved_end: r.int(13)?,
            note: r.text(7)?,
        }),
        _ => out.absences.push((
            youth_id,
            r.int_required(5)?,
            r.text_required(3)?,
            r.text(7)?,
        )),
    }
    Ok(())
}

impl ScheduleRows {
    /// Assignments in a stable order (by id), once all rows are in.
    pub(super) fn sorted(mut self) -> Self {
        self.assigned.sort_by_key(|(a, _)| a.id);
        self
    }
}

/// Why a schedule write failed.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// The leader is not on the staff.
    #[error("the leader is not on the staff")]
    LeaderInvalid,
    /// The activity does not exist.
    #[error("no such activity")]
    NoActivity,
    /// The young person already has this activity running.
    #[error("already assigned")]
    AlreadyAssigned,
    /// A database error.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Bitmask of ISO weekdays (bit n-1 for day n).
pub fn weekday_mask(days: &[u8]) -> i64 {
    days.iter()
        .filter(|d| (1..=7).contains(*d))
        .fold(0, |m, d| m | 1 << (d - 1))
}

/// ISO weekdays of a bitmask, ascending.
pub fn weekdays_of_mask(mask: i64) -> Vec<u8> {
    (1..=7u8).filter(|d| mask & (1 << (d - 1)) != 0).collect()
}

/// Compiles the schedule statements for one engine (next to `queries!`, whose
/// `begin_write`, `audit` and `Pool` they use).
macro_rules! schedule_queries {
    ($engine:ty) => {
        use super::schedule::{
            AUDIT_ASSIGN, AUDIT_END_ASSIGNMENT, AUDIT_OCCURRENCES, AbsenceRecord, ActivityRecord, AssignmentRecord,
            ChangeRecord, ScheduleError,
        };

        const ACTIVITY_COLUMNS: &str = "act.id, act.title, act.description, act.place, act.kind, act.leader_id, l.name, \
             act.capacity, act.start_minute, act.end_minute, act.first_date, act.last_date";
        const ACTIVITY_FROM: &str = "activities act LEFT JOIN accounts l ON l.id = act.leader_id";
        type ActivityRow = (i64, String, String, String, String, Option<i64>, Option<String>, Option<i64>, i64, i64, String, String);

        fn activity_of(r: ActivityRow, weekdays: Vec<u8>) -> ActivityRecord {
            ActivityRecord {
                id: r.0,
                title: r.1,
                description: r.2,
                place: r.3,
                kind: r.4,
                leader: r.5.zip(r.6),
                capacity: r.7,
                start_minute: r.8,
                end_minute: r.9,
                first_date: r.10,
                last_date: r.11,
                weekdays,
            }
        }

        async fn weekdays_of(pool: &Pool, ids: &[i64]) -> Result<std::collections::HashMap<i64, Vec<u8>>, sqlx::Error> {
            let mut map: std::collections::HashMap<i64, Vec<u8>> = std::collections::HashMap::new();
            if ids.is_empty() {
                return Ok(map);
            }
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
                "SELECT activity_id, weekday FROM activity_weekdays WHERE activity_id IN ({list}) ORDER BY activity_id, weekday"
            ))
            .fetch_all(pool)
            .await?;
            for (id, day) in rows {
                map.entry(id).or_default().push(day as u8);
            }
            Ok(map)
        }

        pub(super) async fn list_activities(pool: &Pool) -> Result<Vec<ActivityRecord>, sqlx::Error> {
            let rows: Vec<ActivityRow> = sqlx::query_as(&format!(
                "SELECT {ACTIVITY_COLUMNS} FROM {ACTIVITY_FROM} ORDER BY act.first_date, act.start_minute, act.id"
            ))
            .fetch_all(pool)
            .await?;
            let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
            let mut days = weekdays_of(pool, &ids).await?;
            Ok(rows.into_iter().map(|r| { let d = days.remove(&r.0).unwrap_or_default(); activity_of(r, d) }).collect())
        }

        pub(super) async fn activity(pool: &Pool, id: i64) -> Result<Option<ActivityRecord>, sqlx::Error> {
            let row: Option<ActivityRow> = sqlx::query_as(&format!("SELECT {ACTIVITY_COLUMNS} FROM {ACTIVITY_FROM} WHERE act.id = $1"))
                .bind(id)
                .fetch_optional(pool)
                .await?;
            let Some(row) = row else { return Ok(None) };
            let days = weekdays_of(pool, &[id]).await?.remove(&id).unwrap_or_default();
            Ok(Some(activity_of(row, days)))
        }

        async fn check_leader(tx: &mut Tx, leader_id: Option<i64>) -> Result<(), ScheduleError> {
            if let Some(leader) = leader_id {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE account_id = $1")
                    .bind(leader)
                    .fetch_one(&mut **tx)
                    .await?;
                if n == 0 {
                    return Err(ScheduleError::LeaderInvalid);
                }
            }
            Ok(())
        }

        async fn set_weekdays(tx: &mut Tx, id: i64, weekdays: &[u8]) -> Result<(), sqlx::Error> {
            sqlx::query("DELETE FROM activity_weekdays WHERE activity_id = $1").bind(id).execute(&mut **tx).await?;
            for day in weekdays {
                sqlx::query("INSERT INTO activity_weekdays (activity_id, weekday) VALUES ($1, $2)")
                    .bind(id)
                    .bind(i64::from(*day))
                    .execute(&mut **tx)
                    .await?;
            }
            Ok(())
        }

        /// Creates (`id` None) or updates an activity; `Ok(None)` when there is no such activity.
        pub(super) async fn save_activity(
            pool: &Pool,
            id: Option<i64>,
            a: &lotsen_api::schedule::NewActivity,
            minutes: (i64, i64),
            actor: i64,
            now: i64,
        ) -> Result<Option<i64>, ScheduleError> {
            let mut tx = begin_write(pool).await?;
            check_leader(&mut tx, a.leader_id).await?;
            let capacity = a.capacity.map(i64::from);
            let saved: Option<i64> = match id {
                None => sqlx::query_scalar(
                    "INSERT INTO activities (title, description, place, kind, leader_id, capacity, start_minute, end_minute, \
                     first_date, last_date, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                )
                .bind(&a.title)
                .bind(&a.description)
                .bind(&a.place)
                .bind(a.kind.as_str())
                .bind(a.leader_id)
                .bind(capacity)
                .bind(minutes.0)
                .bind(minutes.1)
                .bind(a.recurrence.first_date.to_string())
                .bind(a.recurrence.last_date.to_string())
                .bind(actor)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?,
                Some(id) => sqlx::query_scalar(
                    "UPDATE activities SET title = $1, description = $2, place = $3, kind = $4, leader_id = $5, capacity = $6, \
                     start_minute = $7, end_minute = $8, first_date = $9, last_date = $10, updated_at = $11 WHERE id = $12 RETURNING id",
                )
                .bind(&a.title)
                .bind(&a.description)
                .bind(&a.place)
                .bind(a.kind.as_str())
                .bind(a.leader_id)
                .bind(capacity)
                .bind(minutes.0)
                .bind(minutes.1)
                .bind(a.recurrence.first_date.to_string())
                .bind(a.recurrence.last_date.to_string())
                .bind(now)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?,
            };
            let Some(saved) = saved else { return Ok(None) };
            set_weekdays(&mut tx, saved, &a.recurrence.weekdays).await?;
            tx.commit().await?;
            Ok(Some(saved))
        }

        type ChangeRow = (i64, String, String, Option<String>, Option<i64>, Option<i64>, Option<String>);
        const CHANGE_COLUMNS: &str = "activity_id, date, status, moved_date, moved_start, moved_end, note";

        fn change_of(r: ChangeRow) -> ChangeRecord {
            ChangeRecord { activity_id: r.0, date: r.1, status: r.2, moved_date: r.3, moved_start: r.4, moved_end: r.5, note: r.6 }
        }

        /// Changes of an activity's occurrences planned in `from..=to`.
        pub(super) async fn activity_changes(pool: &Pool, id: i64, from: &str, to: &str) -> Result<Vec<ChangeRecord>, sqlx::Error> {
            let rows: Vec<ChangeRow> = sqlx::query_as(&format!(
                "SELECT {CHANGE_COLUMNS} FROM occurrence_changes WHERE activity_id = $1 AND date >= $2 AND date <= $3"
            ))
            .bind(id)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(change_of).collect())
        }

        /// Cancels (`moved` None) or moves one occurrence, replacing any earlier change.
        pub(super) async fn change_occurrence(
            pool: &Pool,
            id: i64,
            date: &str,
            moved: Option<(String, i64, i64)>,
            note: Option<&str>,
            actor: i64,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            let status = if moved.is_some() { "moved" } else { "cancelled" };
            let (md, ms, me) = match moved {
                Some((d, s, e)) => (Some(d), Some(s), Some(e)),
                None => (None, None, None),
            };
            let mut tx = begin_write(pool).await?;
            sqlx::query(
                "INSERT INTO occurrence_changes (activity_id, date, status, moved_date, moved_start, moved_end, note, changed_by, changed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (activity_id, date) DO UPDATE SET status = excluded.status, moved_date = excluded.moved_date, \
                 moved_start = excluded.moved_start, moved_end = excluded.moved_end, note = excluded.note, \
                 changed_by = excluded.changed_by, changed_at = excluded.changed_at",
            )
            .bind(id)
            .bind(date)
            .bind(status)
            .bind(md)
            .bind(ms)
            .bind(me)
            .bind(note)
            .bind(actor)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        }

        pub(super) async fn restore_occurrence(pool: &Pool, id: i64, date: &str) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            sqlx::query("DELETE FROM occurrence_changes WHERE activity_id = $1 AND date = $2")
                .bind(id)
                .bind(date)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }

        type AssignmentRow = (i64, i64, String, i64, String, i64, String, Option<String>);
        const ASSIGNMENT_COLUMNS: &str = "asg.id, asg.youth_id, ya.name, asg.activity_id, act.title, asg.weekdays, asg.from_date, asg.ended_on";

        fn assignment_of(r: AssignmentRow) -> AssignmentRecord {
            AssignmentRecord {
                id: r.0,
                youth_id: r.1,
                youth_name: r.2,
                activity_id: r.3,
                activity_title: r.4,
                weekdays: r.5,
                from_date: r.6,
                ended_on: r.7,
            }
        }

        /// The young people assigned to an activity (running, or ended after `from`)
        /// whom `viewer` may see, and their absences in `from..=to`; each one named is audited.
        pub(super) async fn activity_participants(
            pool: &Pool,
            viewer: StaffViewer,
            id: i64,
            from: &str,
            to: &str,
            now: i64,
        ) -> Result<(Vec<AssignmentRecord>, Vec<AbsenceRecord>), sqlx::Error> {
            let sql = format!(
                "SELECT {ASSIGNMENT_COLUMNS} FROM assignments asg JOIN activities act ON act.id = asg.activity_id \
                 JOIN youth y ON y.account_id = asg.youth_id JOIN accounts ya ON ya.id = asg.youth_id \
                 WHERE asg.activity_id = $3 AND (asg.ended_on IS NULL OR asg.ended_on > $4) AND asg.from_date <= $5 \
                 AND {STAFF_CAN_SEE_YOUTH} ORDER BY ya.name, asg.id"
            );
            let rows: Vec<AssignmentRow> = sqlx::query_as(&sql)
                .bind(viewer.id)
                .bind(viewer.is_admin)
                .bind(id)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?;
            let assigned: Vec<AssignmentRecord> = rows.into_iter().map(assignment_of).collect();
            let absences: Vec<AbsenceRecord> = sqlx::query_as(
                "SELECT youth_id, activity_id, date, reason FROM absences WHERE activity_id = $1 AND date >= $2 AND date <= $3",
            )
            .bind(id)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?;
            let absences = absences.into_iter().filter(|a| assigned.iter().any(|s| s.youth_id == a.0)).collect();
            let mut youth: Vec<i64> = assigned.iter().map(|a| a.youth_id).collect();
            youth.sort_unstable();
            youth.dedup();
            audit_read(pool, viewer.id, &youth, AUDIT_OCCURRENCES, now).await?;
            Ok((assigned, absences))
        }

        /// A young person's assignments, running first, then ended, newest first.
        pub(super) async fn assignments(pool: &Pool, youth_id: i64) -> Result<Vec<AssignmentRecord>, sqlx::Error> {
            let rows: Vec<AssignmentRow> = sqlx::query_as(&format!(
                "SELECT {ASSIGNMENT_COLUMNS} FROM assignments asg JOIN activities act ON act.id = asg.activity_id \
                 JOIN accounts ya ON ya.id = asg.youth_id WHERE asg.youth_id = $1 AND asg.ended_on IS NULL ORDER BY asg.id"
            ))
            .bind(youth_id)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(assignment_of).collect())
        }

        pub(super) async fn audit_youth(pool: &Pool, actor: i64, youth_id: i64, action: &str, now: i64) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            audit(&mut tx, actor, youth_id, action, now).await?;
            tx.commit().await
        }

        #[allow(clippy::too_many_arguments)]
        pub(super) async fn assign(
            pool: &Pool,
            youth_id: i64,
            activity_id: i64,
            weekdays: i64,
            from_date: &str,
            actor: i64,
            now: i64,
            audited: bool,
        ) -> Result<AssignmentRecord, ScheduleError> {
            let mut tx = begin_write(pool).await?;
            let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activities WHERE id = $1")
                .bind(activity_id)
                .fetch_one(&mut *tx)
                .await?;
            if exists == 0 {
                return Err(ScheduleError::NoActivity);
            }
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO assignments (youth_id, activity_id, weekdays, from_date, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(youth_id)
            .bind(activity_id)
            .bind(weekdays)
            .bind(from_date)
            .bind(actor)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else { return Err(ScheduleError::AlreadyAssigned) };
            if audited {
                audit(&mut tx, actor, youth_id, AUDIT_ASSIGN, now).await?;
            }
            let row: AssignmentRow = sqlx::query_as(&format!(
                "SELECT {ASSIGNMENT_COLUMNS} FROM assignments asg JOIN activities act ON act.id = asg.activity_id \
                 JOIN accounts ya ON ya.id = asg.youth_id WHERE asg.id = $1"
            ))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(assignment_of(row))
        }

        pub(super) async fn end_assignment(
            pool: &Pool,
            youth_id: i64,
            id: i64,
            today: &str,
            actor: i64,
            now: i64,
        ) -> Result<bool, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            let done = sqlx::query(
                "UPDATE assignments SET ended_on = $1, ended_by = $2, ended_at = $3 WHERE id = $4 AND youth_id = $5 AND ended_on IS NULL",
            )
            .bind(today)
            .bind(actor)
            .bind(now)
            .bind(id)
            .bind(youth_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 0 {
                return Ok(false);
            }
            audit(&mut tx, actor, youth_id, AUDIT_END_ASSIGNMENT, now).await?;
            tx.commit().await?;
            Ok(true)
        }

        pub(super) async fn report_absence(pool: &Pool, youth_id: i64, activity_id: i64, date: &str, reason: Option<&str>, now: i64)
            -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            sqlx::query(
                "INSERT INTO absences (youth_id, activity_id, date, reason, reported_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (youth_id, activity_id, date) DO UPDATE SET reason = excluded.reason, reported_at = excluded.reported_at",
            )
            .bind(youth_id)
            .bind(activity_id)
            .bind(date)
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        }

        pub(super) async fn withdraw_absence(pool: &Pool, youth_id: i64, activity_id: i64, date: &str) -> Result<bool, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            let n = sqlx::query("DELETE FROM absences WHERE youth_id = $1 AND activity_id = $2 AND date = $3")
                .bind(youth_id)
                .bind(activity_id)
                .bind(date)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(n > 0)
        }

        /// Replaces the young person's feed token (the old one stops working).
        pub(super) async fn create_feed(pool: &Pool, youth_id: i64, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            // Takes the young person's row lock on PostgreSQL, so that of two
            // concurrent renewals one waits and then revokes the other's token
            // (instead of both inserting an active one); SQLite writers take turns anyway.
            sqlx::query("UPDATE youth SET account_id = account_id WHERE account_id = $1")
                .bind(youth_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE calendar_feeds SET revoked_at = $1 WHERE youth_id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(youth_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO calendar_feeds (youth_id, token_hash, created_at) VALUES ($1, $2, $3)")
                .bind(youth_id)
                .bind(token_hash)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }

        pub(super) async fn revoke_feed(pool: &Pool, youth_id: i64, now: i64) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            sqlx::query("UPDATE calendar_feeds SET revoked_at = $1 WHERE youth_id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(youth_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }

        pub(super) async fn feed_active(pool: &Pool, youth_id: i64) -> Result<bool, sqlx::Error> {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calendar_feeds WHERE youth_id = $1 AND revoked_at IS NULL")
                .bind(youth_id)
                .fetch_one(pool)
                .await?;
            Ok(n > 0)
        }

        pub(super) async fn feed_owner(pool: &Pool, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
            sqlx::query_scalar("SELECT youth_id FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL")
                .bind(token_hash)
                .fetch_optional(pool)
                .await
        }
    };
}

/// Calls the engine's function of the same name.
macro_rules! on_db {
    ($db:expr, $function:ident($($arg:expr),* $(,)?)) => {
        match $db {
            Db::Sqlite(pool) => super::sqlite::$function(pool, $($arg),*).await,
            Db::Postgres(pool) => super::postgres::$function(pool, $($arg),*).await,
        }
    };
}

impl Db {
    /// Every activity, soonest term first.
    pub async fn list_activities(&self) -> Result<Vec<ActivityRecord>, sqlx::Error> {
        on_db!(self, list_activities())
    }

    /// One activity.
    pub async fn activity(&self, id: i64) -> Result<Option<ActivityRecord>, sqlx::Error> {
        on_db!(self, activity(id))
    }

    /// Creates (`id` None) or updates a validated activity; `Ok(None)` for an unknown id.
    pub async fn save_activity(
        &self,
        id: Option<i64>,
        activity: &NewActivity,
        minutes: (i64, i64),
        actor: i64,
        now: i64,
    ) -> Result<Option<i64>, ScheduleError> {
        on_db!(self, save_activity(id, activity, minutes, actor, now))
    }

    /// Changes of an activity's occurrences planned in `from..=to`.
    pub async fn activity_changes(
        &self,
        id: i64,
        from: Date,
        to: Date,
    ) -> Result<Vec<ChangeRecord>, sqlx::Error> {
        on_db!(
            self,
            activity_changes(id, &from.to_string(), &to.to_string())
        )
    }

    /// Cancels (`moved` None) or moves (date, start, end minutes) one occurrence.
    pub async fn change_occurrence(
        &self,
        id: i64,
        date: Date,
        moved: Option<(Date, i64, i64)>,
        note: Option<&str>,
        actor: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let moved = moved.map(|(d, s, e)| (d.to_string(), s, e));
        on_db!(
            self,
            change_occurrence(id, &date.to_string(), moved, note, actor, now)
        )
    }

    /// Puts an occurrence back as planned.
    pub async fn restore_occurrence(&self, id: i64, date: Date) -> Result<(), sqlx::Error> {
        on_db!(self, restore_occurrence(id, &date.to_string()))
    }

    /// The young people assigned to an activity whom `viewer` may see (audited), and their absences.
    pub async fn activity_participants(
        &self,
        viewer: StaffViewer,
        id: i64,
        from: Date,
        to: Date,
        now: i64,
    ) -> Result<(Vec<AssignmentRecord>, Vec<AbsenceRecord>), sqlx::Error> {
        on_db!(
            self,
            activity_participants(viewer, id, &from.to_string(), &to.to_string(), now)
        )
    }

    /// A young person's running assignments.
    pub async fn assignments(&self, youth_id: i64) -> Result<Vec<AssignmentRecord>, sqlx::Error> {
        on_db!(self, assignments(youth_id))
    }

    /// Writes one audit entry.
    pub async fn audit_youth(
        &self,
        actor: i64,
        youth_id: i64,
        action: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_db!(self, audit_youth(actor, youth_id, action, now))
    }

    /// Assigns an activity (audited unless it is demo data being seeded).
    #[allow(clippy::too_many_arguments)]
    pub async fn assign(
        &self,
        youth_id: i64,
        activity_id: i64,
        weekdays: i64,
        from_date: Date,
        actor: i64,
        now: i64,
        audited: bool,
    ) -> Result<AssignmentRecord, ScheduleError> {
        on_db!(
            self,
            assign(
                youth_id,
                activity_id,
                weekdays,
                &from_date.to_string(),
                actor,
                now,
                audited
            )
        )
    }

    /// Ends a running assignment from `today` (audited); false when there is none.
    pub async fn end_assignment(
        &self,
        youth_id: i64,
        id: i64,
        today: Date,
        actor: i64,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        on_db!(
            self,
            end_assignment(youth_id, id, &today.to_string(), actor, now)
        )
    }

    /// The material of one young person's schedule for `from..=to` (reads only).
    pub async fn schedule_rows(
        &self,
        youth_id: i64,
        from: Date,
        to: Date,
        wide: (Date, Date),
    ) -> Result<ScheduleRows, sqlx::Error> {
        let (from, to) = (from.to_string(), to.to_string());
        let (wide_from, wide_to) = (wide.0.to_string(), wide.1.to_string());
        let mut out = ScheduleRows::default();
        in_place(self)
            .each(
                SCHEDULE_ROWS_SQL,
                &[
                    Arg::Int(Some(youth_id)),
                    Arg::Str(Some(&wide_from)),
                    Arg::Str(Some(&wide_to)),
                    Arg::Str(Some(&from)),
                    Arg::Str(Some(&to)),
                ],
                |row| push_schedule_row(&mut out, youth_id, row),
            )
            .await?;
        Ok(out.sorted())
    }

    /// Records (or replaces) a "can't come".
    pub async fn report_absence(
        &self,
        youth_id: i64,
        activity_id: i64,
        date: Date,
        reason: Option<&str>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_db!(
            self,
            report_absence(youth_id, activity_id, &date.to_string(), reason, now)
        )
    }

    /// Withdraws a "can't come"; false when there was none.
    pub async fn withdraw_absence(
        &self,
        youth_id: i64,
        activity_id: i64,
        date: Date,
    ) -> Result<bool, sqlx::Error> {
        on_db!(
            self,
            withdraw_absence(youth_id, activity_id, &date.to_string())
        )
    }

    /// A new feed token hash for the young person; any old one is revoked.
    pub async fn create_feed(
        &self,
        youth_id: i64,
        token_hash: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_db!(self, create_feed(youth_id, token_hash, now))
    }

    /// Revokes the young person's feed.
    pub async fn revoke_feed(&self, youth_id: i64, now: i64) -> Result<(), sqlx::Error> {
        on_db!(self, revoke_feed(youth_id, now))
    }

    /// Whether the young person has an active feed.
    pub async fn feed_active(&self, youth_id: i64) -> Result<bool, sqlx::Error> {
        on_db!(self, feed_active(youth_id))
    }

    /// Whose active feed a token hash is.
    pub async fn feed_owner(&self, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
        on_db!(self, feed_owner(token_hash))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(weekday_mask(&[1, 3, 7]), 0b100_0101);
        assert_eq!(weekdays_of_mask(0b100_0101), vec![1, 3, 7]);
        assert_eq!(weekday_mask(&[]), 0);
    }
}
