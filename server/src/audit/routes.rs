//! `GET /api/audit`: the audit log, for administrators.

use axum::extract::{Query, State};
use lotsen_api::ErrorBody;
use lotsen_api::people::AuditPage;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::AppState;
use crate::auth::Admin;
use crate::error::AppError;
use crate::json::Json;

/// Entries per page unless asked otherwise.
pub const DEFAULT_LIMIT: i64 = 50;
/// The most entries per page.
pub const MAX_LIMIT: i64 = 200;

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only entries older than this id (the `next_before` of the previous page).
    pub before: Option<i64>,
    /// Entries per page, 1–200 (default 50).
    pub limit: Option<i64>,
}

/// Who read or changed which young person's record, newest first.
#[utoipa::path(
    get,
    path = "/api/audit",
    operation_id = "list_audit",
    tag = "audit",
    security(("session" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of the audit log, newest first", body = AuditPage),
        (status = 400, description = "`bad_request`: `before` or `limit` is not a number", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
    )
)]
pub async fn list_audit(
    State(state): State<AppState>,
    _admin: Admin,
    Query(query): Query<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let entries = super::store::page(&state.db, query.before, limit).await?;
    let next_before = (entries.len() as i64 == limit)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    Ok(Json(AuditPage {
        entries,
        next_before,
    }))
}

/// The audit log's route.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(list_audit))
}
