//! One young person's schedule: their assignments, the material of their
//! week (one in-place read), and their "can't come".

use lotsen_api::Date;

use super::activities::ASSIGNMENT_COLUMNS;
use super::{
    AUDIT_ASSIGN, AUDIT_END_ASSIGNMENT, AbsenceRecord, ActivityRecord, AssignmentRecord,
    ChangeRecord, NewAssignment, ScheduleError, ScheduleRows,
};
use crate::audit::store::record;
use crate::db::Db;
use crate::db::in_place::in_place;
use crate::db::sql::{Arg, Columns, begin_write, query, query_as, query_scalar};
use crate::schedule::rules::weekdays_of_mask;
use lotsen_api::date::add_days;

/// One young person's schedule material for `from..=to` in one statement;
/// bound: `$1` the young person, `$2..$3` the wide range, `$4..$5` the range.
/// Run in place (rusqlite on SQLite, sqlx on PostgreSQL); each row is decoded
/// by [`push_schedule_row`].
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
pub const SCHEDULE_ROWS_SQL: &str = "SELECT 'x', asg.id, asg.weekdays, asg.from_date, asg.ended_on, act.id, act.title, act.description, \
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
fn push_schedule_row(
    out: &mut ScheduleRows,
    youth_id: i64,
    r: &dyn Columns,
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
        _ => out.absences.push(AbsenceRecord {
            youth_id,
            activity_id: r.int_required(5)?,
            date: r.text_required(3)?,
            reason: r.text(7)?,
        }),
    }
    Ok(())
}

/// How many days either side of a range changes are read for: an occurrence
/// planned there may have been moved into the range.
pub const CHANGES_AROUND_DAYS: i64 = 14;

/// The material of one young person's schedule for `from..=to` (reads only;
/// changes planned [`CHANGES_AROUND_DAYS`] either side are read too),
/// assignments by id.
pub async fn schedule_rows(
    db: &Db,
    youth_id: i64,
    from: Date,
    to: Date,
) -> Result<ScheduleRows, sqlx::Error> {
    let wide_from = add_days(from, -CHANGES_AROUND_DAYS).to_string();
    let wide_to = add_days(to, CHANGES_AROUND_DAYS).to_string();
    let (from, to) = (from.to_string(), to.to_string());
    let mut out = ScheduleRows::default();
    in_place(db)
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
    out.assigned.sort_by_key(|(a, _)| a.id);
    Ok(out)
}

/// A young person's running assignments, by id.
pub async fn assignments(db: &Db, youth_id: i64) -> Result<Vec<AssignmentRecord>, sqlx::Error> {
    let sql = format!(
        "SELECT {ASSIGNMENT_COLUMNS} FROM assignments asg JOIN activities act ON act.id = asg.activity_id \
         JOIN accounts ya ON ya.id = asg.youth_id WHERE asg.youth_id = $1 AND asg.ended_on IS NULL ORDER BY asg.id"
    );
    query_as(&sql).bind(youth_id).fetch_all(db).await
}

/// Writes one audit entry, in a transaction of its own.
pub async fn audit_youth(
    db: &Db,
    actor: i64,
    youth_id: i64,
    action: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    record(&mut tx, actor, youth_id, action, now).await?;
    tx.commit().await
}

/// Assigns an activity (audited unless `new.audited` is false).
pub async fn assign(
    db: &Db,
    new: &NewAssignment,
    now: i64,
) -> Result<AssignmentRecord, ScheduleError> {
    let mut tx = begin_write(db).await?;
    let exists: i64 = query_scalar("SELECT COUNT(*) FROM activities WHERE id = $1")
        .bind(new.activity_id)
        .fetch_one(&mut tx)
        .await?;
    if exists == 0 {
        return Err(ScheduleError::NoActivity);
    }
    let id: Option<i64> = query_scalar(
        "INSERT INTO assignments (youth_id, activity_id, weekdays, from_date, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(new.youth_id)
    .bind(new.activity_id)
    .bind(new.weekdays)
    .bind(new.from_date.to_string())
    .bind(new.actor)
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    let Some(id) = id else {
        return Err(ScheduleError::AlreadyAssigned);
    };
    if new.audited {
        record(&mut tx, new.actor, new.youth_id, AUDIT_ASSIGN, now).await?;
    }
    let sql = format!(
        "SELECT {ASSIGNMENT_COLUMNS} FROM assignments asg JOIN activities act ON act.id = asg.activity_id \
         JOIN accounts ya ON ya.id = asg.youth_id WHERE asg.id = $1"
    );
    let assigned = query_as(&sql).bind(id).fetch_one(&mut tx).await?;
    tx.commit().await?;
    Ok(assigned)
}

/// Ends a running assignment from `today` (audited); false when there is none.
pub async fn end_assignment(
    db: &Db,
    youth_id: i64,
    id: i64,
    today: Date,
    actor: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let done = query(
        "UPDATE assignments SET ended_on = $1, ended_by = $2, ended_at = $3 WHERE id = $4 AND youth_id = $5 AND ended_on IS NULL",
    )
    .bind(today.to_string())
    .bind(actor)
    .bind(now)
    .bind(id)
    .bind(youth_id)
    .execute(&mut tx)
    .await?
    .rows_affected();
    if done == 0 {
        return Ok(false);
    }
    record(&mut tx, actor, youth_id, AUDIT_END_ASSIGNMENT, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Records (or replaces) a "can't come".
pub async fn report_absence(
    db: &Db,
    youth_id: i64,
    activity_id: i64,
    date: Date,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    query(
        "INSERT INTO absences (youth_id, activity_id, date, reason, reported_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (youth_id, activity_id, date) DO UPDATE SET reason = excluded.reason, reported_at = excluded.reported_at",
    )
    .bind(youth_id)
    .bind(activity_id)
    .bind(date.to_string())
    .bind(reason)
    .bind(now)
    .execute(&mut tx)
    .await?;
    tx.commit().await
}

/// Withdraws a "can't come"; false when there was none.
pub async fn withdraw_absence(
    db: &Db,
    youth_id: i64,
    activity_id: i64,
    date: Date,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let n = query("DELETE FROM absences WHERE youth_id = $1 AND activity_id = $2 AND date = $3")
        .bind(youth_id)
        .bind(activity_id)
        .bind(date.to_string())
        .execute(&mut tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(n > 0)
}
