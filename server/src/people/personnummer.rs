//! `POST /api/personnummer/check`, for staff. The number is never logged.

use axum::extract::State;
use lotsen_api::{ErrorBody, Personnummer, PersonnummerCheck, PersonnummerCheckRequest};

use crate::auth::Staff;
use crate::clock::Clock;
use crate::error::AppError;
use crate::json::Json;

/// Validates a personnummer and tells what it says about its holder today.
#[utoipa::path(
    post,
    path = "/api/personnummer/check",
    operation_id = "check_personnummer",
    tag = "personnummer",
    security(("session" = [])),
    request_body = PersonnummerCheckRequest,
    responses(
        (status = 200, description = "A valid number", body = PersonnummerCheck),
        (status = 400, description = "`malformed_json`: the body is not the expected JSON", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not sent as `application/json`", body = ErrorBody),
        (status = 422, description = "`validation`: one field error for `personnummer` saying why", body = ErrorBody),
    )
)]
pub async fn check(
    State(clock): State<Clock>,
    _staff: Staff,
    Json(request): Json<PersonnummerCheckRequest>,
) -> Result<Json<PersonnummerCheck>, AppError> {
    let today = clock.today();
    let personnummer = Personnummer::parse(&request.personnummer, today)
        .map_err(|error| AppError::invalid_field("personnummer", error.code()))?;
    Ok(Json(PersonnummerCheck {
        birth_date: personnummer.birth_date(),
        age: personnummer.age_on(today),
        minor: personnummer.is_minor_on(today),
        coordination_number: personnummer.is_coordination_number(),
    }))
}
