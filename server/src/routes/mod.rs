//! The JSON API under `/api`: each handler carries its OpenAPI description,
//! and its extractors say who may call it (`SignedIn`, `Staff`, `Admin`,
//! `Guardian`, `Youth`; none for the public ones).

pub mod health;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::booking::routes as booking;
use crate::error::AppError;
use crate::openapi::{self, ApiDoc};

/// Every documented API route, with its OpenAPI operations.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(openapi::openapi_json))
        .merge(crate::accounts::routes::router())
        .merge(crate::passkeys::routes::router())
        .merge(crate::people::router())
        .merge(crate::audit::routes::router())
        .merge(crate::register::router())
        .merge(crate::home::routes::router())
        .merge(crate::timeline::router())
        .merge(crate::desk::routes::router())
        .merge(crate::outbox::delivery::router())
        .merge(crate::team::routes::router())
        .merge(crate::outcomes::routes::router())
        .merge(crate::applications::routes::router())
        .merge(crate::schedule::routes::router())
        .merge(crate::feedback::routes::router())
        .routes(routes!(
            booking::list_session_types,
            booking::create_session_type
        ))
        .routes(routes!(booking::update_session_type))
        .routes(routes!(booking::list_free_times))
        .routes(routes!(booking::list_bookable_staff))
        .routes(routes!(
            booking::get_my_opening_hours,
            booking::set_my_opening_hours
        ))
        .routes(routes!(
            booking::list_my_exceptions,
            booking::create_exception
        ))
        .routes(routes!(booking::delete_exception))
        .routes(routes!(booking::create_group_session))
        .routes(routes!(booking::list_my_bookings, booking::create_booking))
        .routes(routes!(booking::cancel_my_booking))
        .routes(routes!(booking::move_my_booking))
        .routes(routes!(booking::accept_offer))
        .routes(routes!(booking::decline_offer))
        .routes(routes!(booking::join_waitlist))
        .routes(routes!(booking::leave_waitlist))
        .routes(routes!(booking::list_staff_bookings))
        .routes(routes!(booking::book_for_youth))
        .routes(routes!(booking::mark_attendance))
        .routes(routes!(booking::staff_cancel_booking))
}

/// Any path under `/api` that no route matches: 404 `not_found`.
pub async fn api_not_found() -> AppError {
    AppError::NotFound
}
