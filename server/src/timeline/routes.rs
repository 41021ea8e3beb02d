//! The timeline's handlers.

use axum::extract::{Path, Query, State};
use lotsen_api::timeline::{
    DEFAULT_LIMIT, MAX_LIMIT, RevealedPersonnummer, TimelineKind, TimelinePage,
};
use lotsen_api::{ErrorBody, Personnummer};
use serde::Deserialize;
use utoipa::IntoParams;

use super::rules::Key;
use crate::AppState;
use crate::auth::Staff;
use crate::error::{AppError, Issues};
use crate::json::Json;

/// Which events.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineQuery {
    /// Only these kinds, comma-separated (`register`, `contact`,
    /// `application`, `plan`, `booking`, `absence`, `outcome`); all when absent.
    pub kind: Option<String>,
    /// Only events older than this cursor (the `next` of the previous page).
    pub before: Option<String>,
    /// Events per page, 1–50 (default 20).
    pub limit: Option<i64>,
}

/// A young person's timeline, newest first.
#[utoipa::path(
    get,
    path = "/api/youth/{id}/timeline",
    operation_id = "youth_timeline",
    tag = "youth",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id"), TimelineQuery),
    responses(
        (status = 200, description = "A page of what happened, newest first: registrations and contacts, application steps, plan versions, answers and measures, bookings, \"can't come\" and follow-up statuses; codes and names only, no notes. The read is audited (`read_timeline`).", body = TimelinePage),
        (status = 400, description = "`bad_request`: `limit` is not a number", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`validation`: `kind` names an unknown kind, `before` is not a cursor, or `limit` is outside 1–50", body = ErrorBody),
    )
)]
pub async fn youth_timeline(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(query): Query<TimelineQuery>,
) -> Result<Json<TimelinePage>, AppError> {
    let mut issues = Issues::default();
    let kinds = TimelineKind::parse_query(query.kind.as_deref().unwrap_or(""));
    if kinds.is_none() {
        issues.add("kind", "timeline_kind");
    }
    let before = match query.before.as_deref() {
        Some(cursor) => {
            let key = Key::parse(cursor);
            if key.is_none() {
                issues.add("before", "timeline_cursor");
            }
            key
        }
        None => None,
    };
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        issues.add("limit", "timeline_limit");
    }
    issues.finish()?;
    let (Some(kinds), Ok(limit)) = (kinds, usize::try_from(limit)) else {
        return Err(AppError::Internal("validated query missing".into()));
    };
    let (events, next) = super::store::page(
        &state.db,
        staff.viewer(),
        id,
        &kinds,
        before,
        limit,
        state.clock.unix_seconds(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Json(TimelinePage {
        events,
        next: next.map(|k| k.to_string()),
    }))
}

/// Shows a young person's personnummer in full (the record shows it masked).
#[utoipa::path(
    post,
    path = "/api/youth/{id}/personnummer",
    operation_id = "reveal_personnummer",
    tag = "youth",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "The number in full. Every time is written to the audit log (`reveal_personnummer`).", body = RevealedPersonnummer),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn reveal_personnummer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<RevealedPersonnummer>, AppError> {
    let stored = super::store::reveal_personnummer(
        &state.db,
        staff.viewer(),
        id,
        state.clock.unix_seconds(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let personnummer = Personnummer::parse_stored(&stored)
        .map_err(|_| AppError::Internal("a stored personnummer does not parse".into()))?;
    Ok(Json(RevealedPersonnummer {
        personnummer: personnummer.to_string(),
    }))
}

/// The timeline's routes.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(youth_timeline))
        .routes(utoipa_axum::routes!(reveal_personnummer))
}
