//! The SQL of staff's today. Each read is bounded by today's window: the
//! "can't come" of today's date (index `absences_date`, migration
//! `0018_desk`), submitted applications (index `applications_status`), the
//! ratings of the last days (`ratings_date`) and one answer look-up per
//! activity found (`feedback_answers_activity`).

use crate::db::Db;
use crate::db::sql::query_as;
use crate::people::access::{STAFF_CAN_SEE_YOUTH, StaffViewer};

/// The audit action for the young people named in staff's today ("can't come").
pub const AUDIT_STAFF_TODAY: &str = "staff_today";

/// A "can't come": young person's id and name, activity id and title, reason.
pub type AbsenceRow = (i64, String, i64, String, Option<String>);

/// The "can't come" for the occurrences planned on `today` that are neither
/// cancelled nor moved to another day, of young people `viewer` may see.
pub async fn absences(
    db: &Db,
    viewer: StaffViewer,
    today: &str,
) -> Result<Vec<AbsenceRow>, sqlx::Error> {
    let sql = format!(
        "SELECT ab.youth_id, ya.name, ab.activity_id, act.title, ab.reason \
         FROM absences ab JOIN activities act ON act.id = ab.activity_id \
         JOIN youth y ON y.account_id = ab.youth_id JOIN accounts ya ON ya.id = ab.youth_id \
         WHERE ab.date = $3 AND {STAFF_CAN_SEE_YOUTH} \
         AND NOT EXISTS (SELECT 1 FROM occurrence_changes oc WHERE oc.activity_id = ab.activity_id \
           AND oc.date = ab.date AND (oc.status = 'cancelled' OR oc.moved_date <> oc.date)) \
         ORDER BY act.start_minute, act.title, ya.name, ab.youth_id"
    );
    query_as(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(today)
        .fetch_all(db)
        .await
}

/// How many submitted applications of young people `viewer` may see wait
/// for a decision, and when the oldest was submitted (unix seconds).
pub async fn waiting_applications(
    db: &Db,
    viewer: StaffViewer,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    let sql = format!(
        "SELECT COUNT(*), MIN(ap.submitted_at) FROM applications ap \
         JOIN youth y ON y.account_id = ap.youth_id \
         WHERE ap.status = 'submitted' AND {STAFF_CAN_SEE_YOUTH}"
    );
    query_as(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .fetch_one(db)
        .await
}

/// Activities `viewer` leads (administrators: all) rated on an occurrence
/// in `from..=to`: id, title, the latest rated date; newest first.
pub async fn rated_activities(
    db: &Db,
    viewer: StaffViewer,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    query_as(
        "SELECT r.activity_id, act.title, MAX(r.occurrence_date) FROM ratings r \
         JOIN activities act ON act.id = r.activity_id \
         WHERE r.occurrence_date >= $3 AND r.occurrence_date <= $4 \
         AND ($2 OR act.leader_id = $1) \
         GROUP BY r.activity_id, act.title ORDER BY MAX(r.occurrence_date) DESC, act.title",
    )
    .bind(viewer.id)
    .bind(viewer.is_admin)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// When the latest answer to an activity's feedback was written (unix seconds).
pub async fn last_answer(db: &Db, activity_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = query_as(
        "SELECT written_at FROM feedback_answers WHERE activity_id = $1 \
         ORDER BY written_at DESC LIMIT 1",
    )
    .bind(activity_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.0))
}
