//! The half-year report to SCB (*Kommunernas aktivitetsansvar*), its checks
//! and exports (JSON preview, CSV, xlsx), and the programme's own figures.
//!
//! - [`config`]: the file's columns and code lists (one JSON file, replaceable
//!   with `--scb-config`);
//! - [`rules`]: the rows, the checks and the figures from plain facts;
//! - [`store`]: the facts of a half-year;
//! - [`routes`]: the handlers of `/api/register/reports/scb` (also `.csv`,
//!   `.xlsx`) and `/api/register/reports/figures`.

pub mod config;
pub mod routes;
pub mod rules;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// This part's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::scb_report))
        .routes(routes!(routes::scb_report_csv))
        .routes(routes!(routes::scb_report_xlsx))
        .routes(routes!(routes::register_figures))
}
