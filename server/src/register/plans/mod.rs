//! The mapping conversation and the individual plan (Skolverket's general
//! advice): versions of the plan (each kept as it was, with its measures),
//! the measures and their code list, and the young person's own view of
//! their plan with their answer ("I agree" or a comment).
//!
//! - [`routes`]: the endpoints under `/api/register/` (table:
//!   `lotsen_api::register::plans`);
//! - [`rules`]: rows into what staff and the young person see, without I/O;
//! - [`store`]: the code list, plans, measures and answers in the database.

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
            routes::list_measure_codes,
            routes::create_measure_code
        ))
        .routes(routes!(routes::update_measure_code))
        .routes(routes!(
            routes::get_register_plan,
            routes::revise_register_plan
        ))
        .routes(routes!(routes::get_register_plan_version))
        .routes(routes!(routes::add_register_measure))
        .routes(routes!(routes::update_register_measure))
        .routes(routes!(routes::get_my_register_plan))
        .routes(routes!(routes::answer_my_register_plan))
}
