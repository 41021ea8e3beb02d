//! The audit log: who read or changed which young person's record. Every
//! feature writes its entries through [`store`], in the transaction of what
//! they record; administrators page through it (`GET /api/audit`).

pub(crate) mod group_commit;
pub mod routes;
pub mod store;

use crate::AppState;
use crate::auth::Staff;

/// That `staff` was shown the young people `youth_ids` (`action`), now: the
/// audit of a staff page that lists them ([`store::record_read`]).
pub async fn record_shown(
    state: &AppState,
    staff: &Staff,
    youth_ids: &[i64],
    action: &str,
) -> Result<(), sqlx::Error> {
    let now = state.clock.unix_seconds();
    store::record_read(&state.db, staff.id(), youth_ids, action, now).await
}
