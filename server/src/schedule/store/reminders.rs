//! What was reminded after a change of a young person's schedule
//! (`change_reminders`), and the changes not yet reminded.

use lotsen_api::Date;

use crate::db::Db;
use crate::db::sql::{begin_write, query_as, query_scalar};
use crate::outbox::OutgoingMessage;

/// A change of an activity on a young person's schedule that has not been
/// reminded (nor seen to have passed) yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnremindedChange {
    pub youth_id: i64,
    pub activity_id: i64,
    /// When the activity was last changed: its last edit (not its creation)
    /// or its latest occurrence change, whichever is later (Unix seconds).
    pub changed_at: i64,
}

/// An assignment's young person and activity, the activity's creation and
/// last edit, its latest occurrence change, and the latest change recorded
/// for them in `change_reminders`.
type AssignedActivity = (i64, i64, i64, i64, Option<i64>, Option<i64>);

/// The latest change of an activity, if there is one newer than what was recorded.
fn unreminded(row: AssignedActivity) -> Option<UnremindedChange> {
    let (youth_id, activity_id, created, updated, moved, recorded) = row;
    let edited = (updated > created).then_some(updated);
    let changed_at = edited.max(moved)?;
    (recorded < Some(changed_at)).then_some(UnremindedChange {
        youth_id,
        activity_id,
        changed_at,
    })
}

/// The latest change of every activity running on `today..=tomorrow` that a
/// young person has a running assignment of, when it is newer than what was
/// recorded for them in `change_reminders`.
pub async fn unreminded_changes(
    db: &Db,
    today: Date,
    tomorrow: Date,
) -> Result<Vec<UnremindedChange>, sqlx::Error> {
    let rows: Vec<AssignedActivity> = query_as(
        "SELECT asg.youth_id, act.id, act.created_at, act.updated_at, \
         (SELECT MAX(oc.changed_at) FROM occurrence_changes oc WHERE oc.activity_id = act.id), \
         (SELECT MAX(cr.changed_at) FROM change_reminders cr \
          WHERE cr.youth_id = asg.youth_id AND cr.activity_id = act.id) \
         FROM assignments asg JOIN activities act ON act.id = asg.activity_id \
         WHERE (asg.ended_on IS NULL OR asg.ended_on > $1) AND asg.from_date <= $2 \
         AND act.last_date >= $1 AND act.first_date <= $2 ORDER BY asg.youth_id, act.id",
    )
    .bind(today.to_string())
    .bind(tomorrow.to_string())
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(unreminded).collect())
}

/// What became of a change: the first occurrence after it starts at
/// `starts_at`; reminded at `now` with `message` (if they can be reached),
/// or, `reminded` false, it had begun before the change was seen.
#[derive(Clone, Debug)]
pub struct ChangeOutcome<'a> {
    pub change: UnremindedChange,
    pub starts_at: i64,
    pub reminded: bool,
    pub message: Option<&'a OutgoingMessage>,
}

/// Records `outcome` and queues its message in one transaction, once: whether
/// this call recorded it (false: another run already had, and the message
/// queued here is rolled back with the transaction).
pub async fn record_change_reminder(
    db: &Db,
    outcome: &ChangeOutcome<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let c = outcome.change;
    let mut tx = begin_write(db).await?;
    let mut outbox_id = None;
    if let Some(message) = outcome.message.filter(|_| outcome.reminded) {
        outbox_id = Some(crate::outbox::write(&mut tx, c.youth_id, message, now).await?);
    }
    let claimed: Option<i64> = query_scalar(
        "INSERT INTO change_reminders (youth_id, activity_id, changed_at, starts_at, reminded_at, outbox_id) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (youth_id, activity_id, changed_at) DO NOTHING \
         RETURNING youth_id",
    )
    .bind(c.youth_id)
    .bind(c.activity_id)
    .bind(c.changed_at)
    .bind(outcome.starts_at)
    .bind(outcome.reminded.then_some(now))
    .bind(outbox_id)
    .fetch_optional(&mut tx)
    .await?;
    if claimed.is_none() {
        return Ok(false); // dropped: rolled back
    }
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_change_counts_once_and_creating_is_none() {
        let change = |changed_at| {
            Some(UnremindedChange {
                youth_id: 1,
                activity_id: 2,
                changed_at,
            })
        };
        assert_eq!(unreminded((1, 2, 10, 10, None, None)), None, "only created");
        assert_eq!(unreminded((1, 2, 10, 20, None, None)), change(20), "edited");
        assert_eq!(unreminded((1, 2, 10, 20, Some(30), None)), change(30));
        assert_eq!(unreminded((1, 2, 10, 40, Some(30), None)), change(40));
        assert_eq!(
            unreminded((1, 2, 10, 10, Some(30), Some(30))),
            None,
            "recorded"
        );
        assert_eq!(
            unreminded((1, 2, 10, 50, Some(30), Some(30))),
            change(50),
            "a newer one"
        );
    }
}
