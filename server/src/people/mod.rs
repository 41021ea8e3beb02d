//! The register of people: young people (registered by staff, with their
//! guardians and invitations), staff, guardians' view of whom they are
//! guardian of, the personnummer check, and who may see whose record.

pub mod access;
pub mod guardian;
pub mod personnummer;
pub mod staff;
pub mod store;
pub mod youth;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// The register's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(personnummer::check))
        .routes(routes!(youth::list_youth, youth::register_youth))
        .routes(routes!(youth::get_youth))
        .routes(routes!(youth::add_guardian))
        .routes(routes!(youth::reinvite_youth))
        .routes(routes!(staff::list_staff, staff::invite_staff))
        .routes(routes!(guardian::list_guarded_youth))
}
