//! Who may see what of the register. Activity-responsibility officers (staff
//! with `staff.register_officer`, given by an administrator) keep the whole
//! register; administrators may too. Otherwise a young person's register
//! entry, contact log and plan follow the one access rule for their record
//! ([`STAFF_CAN_SEE_YOUTH`]: their contact person and their team). Every read
//! of an entry, a contact log or a plan is audited by the routes.

use crate::auth::extract::Staff;
use crate::db::Db;
use crate::db::sql::query_scalar;
use crate::error::AppError;
use crate::people::access::{STAFF_CAN_SEE_YOUTH, youth_meets};

/// THE condition for which young people (`y`, a `youth` row) a member of staff
/// may see in the register, with `$1` the staff member's account id and `$2`
/// whether they are an administrator: an officer sees everyone, others as
/// [`STAFF_CAN_SEE_YOUTH`].
pub fn staff_can_see_in_register() -> String {
    format!(
        "(EXISTS (SELECT 1 FROM staff o WHERE o.account_id = $1 AND o.register_officer = TRUE) \
         OR {STAFF_CAN_SEE_YOUTH})"
    )
}

/// Whether the member of staff keeps the register: an officer or an
/// administrator ([`Account::keeps_register`](crate::auth::store::Account::keeps_register),
/// read with the session on every request).
pub fn keeps_register(staff: &Staff) -> bool {
    staff.0.account.keeps_register()
}

/// [`keeps_register`], or 403: for the register-wide routes (import, the
/// "to contact" list, the SCB report).
pub fn require_officer(staff: &Staff) -> Result<(), AppError> {
    if keeps_register(staff) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether `staff` may open `youth_id`'s register entry, contact log and plan.
pub async fn may_see(db: &Db, staff: &Staff, youth_id: i64) -> Result<bool, sqlx::Error> {
    youth_meets(db, staff.viewer(), youth_id, &staff_can_see_in_register()).await
}

/// Whether the young person has ever been registered (a period, open or closed).
async fn in_register(db: &Db, youth_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = query_scalar("SELECT COUNT(*) FROM register_periods WHERE youth_id = $1")
        .bind(youth_id)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

/// 404 unless `staff` may see the young person in the register ([`may_see`])
/// and they are (or were) in it: for their contact log and their plan.
pub async fn require_registered(db: &Db, staff: &Staff, youth_id: i64) -> Result<(), AppError> {
    if may_see(db, staff, youth_id).await? && in_register(db, youth_id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
