//! The register's entries: young people added by hand or imported from the
//! school register, their registrations and deregistrations (also on the 20th
//! birthday), the officer permission, and the young person's own view.
//!
//! - [`routes`]: the endpoints (`/api/register/people…`, `/api/register/imports…`,
//!   `/api/register/officers/{staff_id}`, `/api/register/me`);
//! - [`rules`]: ages, details, the 20th birthday and reading an import file, without I/O;
//! - [`store`]: the entries and periods in the database;
//! - [`tasks`]: the 20th-birthday deregistrations.

pub mod routes;
pub mod rules;
pub mod store;
pub mod tasks;

use axum::extract::DefaultBodyLimit;
use lotsen_api::register::people::IMPORT_MAX_BYTES;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub use tasks::{deregister_turned_20, run};

/// This part's routes; the imports read bodies up to `IMPORT_MAX_BYTES`.
pub fn router() -> OpenApiRouter<AppState> {
    let imports = OpenApiRouter::new()
        .routes(routes!(routes::preview_register_import))
        .routes(routes!(routes::import_register))
        .layer(DefaultBodyLimit::max(IMPORT_MAX_BYTES));
    OpenApiRouter::new()
        .routes(routes!(routes::set_register_officer))
        .routes(routes!(routes::list_register, routes::add_register_entry))
        .routes(routes!(routes::get_register_entry))
        .routes(routes!(routes::register_again))
        .routes(routes!(routes::deregister))
        .routes(routes!(routes::my_register_entry))
        .merge(imports)
}
