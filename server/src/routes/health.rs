//! `GET /api/health`.

use axum::extract::State;
use axum::http::StatusCode;
use lotsen_api::Health;

use crate::db::Db;
use crate::json::Json;

/// Whether the server and its database answer.
#[utoipa::path(
    get,
    path = "/api/health",
    operation_id = "get_health",
    tag = "system",
    responses(
        (status = 200, description = "Everything answers", body = Health),
        (status = 503, description = "The database does not answer (`status` is `degraded`)", body = Health),
    )
)]
pub async fn health(State(db): State<Db>) -> (StatusCode, Json<Health>) {
    let database = match db.ping().await {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, "health check: the database does not answer");
            false
        }
    };
    let status = if database {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let health = Health {
        status: if database { "ok" } else { "degraded" }.to_owned(),
        database,
        engine: db.engine().as_str().to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    (status, Json(health))
}
