//! THE access rule for a young person's record, used by every feature that
//! shows staff anything of one.

use crate::db::Db;
use crate::db::sql::query_scalar;

/// A member of staff reading young people's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaffViewer {
    /// Their account id.
    pub id: i64,
    /// Administrators see everyone.
    pub is_admin: bool,
}

/// THE condition for which young people (`y`, a `youth` row) a member of staff
/// may see, with `$1` the staff member's account id and `$2` whether they are
/// an administrator: the one access rule for a young person's record (personal
/// details, applications, plan, schedule assignments, outcomes, guardians,
/// invitations). Administrators see everyone; others the young people they
/// are contact person for, and those whose team they are on (`youth_team`,
/// added by the contact person or an administrator). A booking, a waitlist
/// place or an offer opens nothing here: the booking views show the booked
/// staff member the name and the note, and no more.
pub const STAFF_CAN_SEE_YOUTH: &str = "($2 OR y.contact_person_id = $1 OR EXISTS (SELECT 1 FROM youth_team tm \
     WHERE tm.youth_id = y.account_id AND tm.staff_id = $1 AND tm.removed_at IS NULL))";

/// Whether `viewer` may open the record of the young person `youth_id`
/// ([`STAFF_CAN_SEE_YOUTH`]).
pub async fn staff_can_see_youth(
    db: &Db,
    viewer: StaffViewer,
    youth_id: i64,
) -> Result<bool, sqlx::Error> {
    youth_meets(db, viewer, youth_id, STAFF_CAN_SEE_YOUTH).await
}

/// Whether the young person `youth_id` meets `condition`: an access condition
/// on `y` (a `youth` row) with `$1` the viewer's account id and `$2` whether
/// they are an administrator, such as [`STAFF_CAN_SEE_YOUTH`].
pub async fn youth_meets(
    db: &Db,
    viewer: StaffViewer,
    youth_id: i64,
    condition: &str,
) -> Result<bool, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) FROM youth y WHERE y.account_id = $3 AND {condition}");
    let n: i64 = query_scalar(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(youth_id)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}
