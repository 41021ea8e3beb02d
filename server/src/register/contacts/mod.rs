//! The register's contacts: the contact log and the outreach ladder (call →
//! SMS → letter → home visit), the SMS rung's message in the outbox, the
//! letter for a windowed envelope, the "to contact" list with its 14-day
//! goal and each member of staff's worklist (`lotsen_api::register::contacts`).
//!
//! - [`routes`]: the endpoints under `/api/register/`;
//! - [`rules`]: the ladder, the 14-day mark, what is due, the letter's sender
//!   and address block, without I/O;
//! - [`store`]: the contact log and the lists' reads.

pub mod routes;
pub mod rules;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// This part's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            routes::register_contact_log,
            routes::register_log_contact
        ))
        .routes(routes!(routes::register_contact_letter))
        .routes(routes!(routes::register_to_contact))
        .routes(routes!(routes::register_worklist))
}
