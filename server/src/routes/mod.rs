//! The JSON API under `/api`: each handler carries its OpenAPI description.

pub mod health;
pub mod personnummer;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::AppError;
use crate::openapi::{self, ApiDoc};

/// Every documented API route, with its OpenAPI operations.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(openapi::openapi_json))
        .routes(routes!(personnummer::check))
}

/// Any path under `/api` that no route matches: 404 `not_found`.
pub async fn api_not_found() -> AppError {
    AppError::NotFound
}
