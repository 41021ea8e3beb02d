//! Activities (with their weekdays), the changes of their occurrences, and
//! who takes part in them.

use std::collections::HashMap;

use lotsen_api::Date;
use lotsen_api::schedule::NewActivity;

use super::{
    AUDIT_OCCURRENCES, AbsenceRecord, ActivityRecord, AssignmentRecord, ChangeRecord, MovedTo,
    Participants, ScheduleError,
};
use crate::db::Db;
use crate::db::sql::{QueryScalar, Tx, begin_write, query, query_as, query_scalar};
use crate::people::access::{STAFF_CAN_SEE_YOUTH, StaffViewer};

const ACTIVITY_COLUMNS: &str = "act.id, act.title, act.description, act.place, act.kind, act.leader_id, l.name, \
     act.capacity, act.start_minute, act.end_minute, act.first_date, act.last_date";
const ACTIVITY_FROM: &str = "activities act LEFT JOIN accounts l ON l.id = act.leader_id";
type ActivityRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    i64,
    i64,
    String,
    String,
);

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

async fn weekdays_of(db: &Db, ids: &[i64]) -> Result<HashMap<i64, Vec<u8>>, sqlx::Error> {
    let mut map: HashMap<i64, Vec<u8>> = HashMap::new();
    if ids.is_empty() {
        return Ok(map);
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT activity_id, weekday FROM activity_weekdays WHERE activity_id IN ({list}) ORDER BY activity_id, weekday"
    );
    let rows: Vec<(i64, i64)> = query_as(&sql).fetch_all(db).await?;
    for (id, day) in rows {
        map.entry(id).or_default().push(day as u8);
    }
    Ok(map)
}

/// Every activity, soonest term first.
pub async fn list_activities(db: &Db) -> Result<Vec<ActivityRecord>, sqlx::Error> {
    let sql = format!(
        "SELECT {ACTIVITY_COLUMNS} FROM {ACTIVITY_FROM} ORDER BY act.first_date, act.start_minute, act.id"
    );
    let rows: Vec<ActivityRow> = query_as(&sql).fetch_all(db).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let mut days = weekdays_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let d = days.remove(&r.0).unwrap_or_default();
            activity_of(r, d)
        })
        .collect())
}

/// One activity.
pub async fn activity(db: &Db, id: i64) -> Result<Option<ActivityRecord>, sqlx::Error> {
    let sql = format!("SELECT {ACTIVITY_COLUMNS} FROM {ACTIVITY_FROM} WHERE act.id = $1");
    let row: Option<ActivityRow> = query_as(&sql).bind(id).fetch_optional(db).await?;
    let Some(row) = row else { return Ok(None) };
    let days = weekdays_of(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    Ok(Some(activity_of(row, days)))
}

async fn check_leader(tx: &mut Tx, leader_id: Option<i64>) -> Result<(), ScheduleError> {
    if let Some(leader) = leader_id {
        let n: i64 = query_scalar("SELECT COUNT(*) FROM staff WHERE account_id = $1")
            .bind(leader)
            .fetch_one(&mut *tx)
            .await?;
        if n == 0 {
            return Err(ScheduleError::LeaderInvalid);
        }
    }
    Ok(())
}

async fn set_weekdays(tx: &mut Tx, id: i64, weekdays: &[u8]) -> Result<(), sqlx::Error> {
    query("DELETE FROM activity_weekdays WHERE activity_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for day in weekdays {
        query("INSERT INTO activity_weekdays (activity_id, weekday) VALUES ($1, $2)")
            .bind(id)
            .bind(i64::from(*day))
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Binds an activity's fields to `$1..$10` (title, description, place, kind,
/// leader, capacity, start and end minute, first and last date).
fn activity_fields<'q>(
    statement: QueryScalar<'q, i64>,
    a: &'q NewActivity,
    minutes: (i64, i64),
) -> QueryScalar<'q, i64> {
    statement
        .bind(&a.title)
        .bind(&a.description)
        .bind(&a.place)
        .bind(a.kind.as_str())
        .bind(a.leader_id)
        .bind(a.capacity.map(i64::from))
        .bind(minutes.0)
        .bind(minutes.1)
        .bind(a.recurrence.first_date.to_string())
        .bind(a.recurrence.last_date.to_string())
}

/// Creates (`id` None) or updates a validated activity, its start and end
/// `minutes` after midnight; `Ok(None)` when there is no such activity.
pub async fn save_activity(
    db: &Db,
    id: Option<i64>,
    a: &NewActivity,
    minutes: (i64, i64),
    actor: i64,
    now: i64,
) -> Result<Option<i64>, ScheduleError> {
    let mut tx = begin_write(db).await?;
    check_leader(&mut tx, a.leader_id).await?;
    let saved: Option<i64> = match id {
        None => {
            activity_fields(
                query_scalar(
                    "INSERT INTO activities (title, description, place, kind, leader_id, capacity, start_minute, end_minute, \
                     first_date, last_date, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                ),
                a,
                minutes,
            )
            .bind(actor)
            .bind(now)
            .fetch_optional(&mut tx)
            .await?
        }
        Some(id) => {
            activity_fields(
                query_scalar(
                    "UPDATE activities SET title = $1, description = $2, place = $3, kind = $4, leader_id = $5, capacity = $6, \
                     start_minute = $7, end_minute = $8, first_date = $9, last_date = $10, updated_at = $11 WHERE id = $12 RETURNING id",
                ),
                a,
                minutes,
            )
            .bind(now)
            .bind(id)
            .fetch_optional(&mut tx)
            .await?
        }
    };
    let Some(saved) = saved else { return Ok(None) };
    set_weekdays(&mut tx, saved, &a.recurrence.weekdays).await?;
    tx.commit().await?;
    Ok(Some(saved))
}

/// Changes of an activity's occurrences planned in `from..=to`.
pub async fn activity_changes(
    db: &Db,
    id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<ChangeRecord>, sqlx::Error> {
    query_as(
        "SELECT activity_id, date, status, moved_date, moved_start, moved_end, note \
         FROM occurrence_changes WHERE activity_id = $1 AND date >= $2 AND date <= $3",
    )
    .bind(id)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db)
    .await
}

/// Cancels (`moved` None) or moves one occurrence, replacing any earlier change.
pub async fn change_occurrence(
    db: &Db,
    id: i64,
    date: Date,
    moved: Option<MovedTo>,
    note: Option<&str>,
    actor: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let status = if moved.is_some() {
        "moved"
    } else {
        "cancelled"
    };
    let mut tx = begin_write(db).await?;
    query(
        "INSERT INTO occurrence_changes (activity_id, date, status, moved_date, moved_start, moved_end, note, changed_by, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (activity_id, date) DO UPDATE SET status = excluded.status, moved_date = excluded.moved_date, \
         moved_start = excluded.moved_start, moved_end = excluded.moved_end, note = excluded.note, \
         changed_by = excluded.changed_by, changed_at = excluded.changed_at",
    )
    .bind(id)
    .bind(date.to_string())
    .bind(status)
    .bind(moved.map(|m| m.date.to_string()))
    .bind(moved.map(|m| m.start))
    .bind(moved.map(|m| m.end))
    .bind(note)
    .bind(actor)
    .bind(now)
    .execute(&mut tx)
    .await?;
    tx.commit().await
}

/// Puts an occurrence back as planned. Putting back a changed one is itself
/// a change of the activity (its `updated_at` is `now`: the reminders after
/// a change, [`crate::schedule::tasks`], count it).
pub async fn restore_occurrence(db: &Db, id: i64, date: Date, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let restored = query("DELETE FROM occurrence_changes WHERE activity_id = $1 AND date = $2")
        .bind(id)
        .bind(date.to_string())
        .execute(&mut tx)
        .await?;
    if restored.rows_affected() > 0 {
        query("UPDATE activities SET updated_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&mut tx)
            .await?;
    }
    tx.commit().await
}

/// The columns of an [`AssignmentRecord`], from `assignments asg`, `activities act` and the young person's `accounts ya`.
pub(super) const ASSIGNMENT_COLUMNS: &str = "asg.id, asg.youth_id, ya.name AS youth_name, asg.activity_id, \
     act.title AS activity_title, asg.weekdays, asg.from_date, asg.ended_on";

/// The young people assigned to an activity (running, or ended after `from`)
/// whom `viewer` may see, and their absences in `from..=to`; each one named is audited.
pub async fn activity_participants(
    db: &Db,
    viewer: StaffViewer,
    id: i64,
    from: Date,
    to: Date,
    now: i64,
) -> Result<Participants, sqlx::Error> {
    let (from, to) = (from.to_string(), to.to_string());
    let sql = format!(
        "SELECT {ASSIGNMENT_COLUMNS} FROM assignments asg JOIN activities act ON act.id = asg.activity_id \
         JOIN youth y ON y.account_id = asg.youth_id JOIN accounts ya ON ya.id = asg.youth_id \
         WHERE asg.activity_id = $3 AND (asg.ended_on IS NULL OR asg.ended_on > $4) AND asg.from_date <= $5 \
         AND {STAFF_CAN_SEE_YOUTH} ORDER BY ya.name, asg.id"
    );
    let assigned: Vec<AssignmentRecord> = query_as(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(id)
        .bind(&from)
        .bind(&to)
        .fetch_all(db)
        .await?;
    let mut absences: Vec<AbsenceRecord> = query_as(
        "SELECT youth_id, activity_id, date, reason FROM absences WHERE activity_id = $1 AND date >= $2 AND date <= $3",
    )
    .bind(id)
    .bind(&from)
    .bind(&to)
    .fetch_all(db)
    .await?;
    absences.retain(|a| assigned.iter().any(|s| s.youth_id == a.youth_id));
    let mut youth: Vec<i64> = assigned.iter().map(|a| a.youth_id).collect();
    youth.sort_unstable();
    youth.dedup();
    crate::audit::store::record_read(db, viewer.id, &youth, AUDIT_OCCURRENCES, now).await?;
    Ok(Participants { assigned, absences })
}
