//! The team's decision on a submitted application, and the young person's
//! withdrawals (of one consent, or of the whole application).

use axum::extract::{Path, State};
use lotsen_api::ErrorBody;
use lotsen_api::application::{AcceptRequest, Application, ReasonRequest, WithdrawConsentRequest};

use super::{answer, content_of, load, refused, status_conflict};
use crate::AppState;
use crate::applications::store::{self, ApplicationError, Decision, Reader};
use crate::auth::{Staff, Youth};
use crate::error::AppError;
use crate::json::Json;
use crate::people::access::StaffViewer;

/// Records the team's decision; a refusal as its answer.
async fn decide(
    state: &AppState,
    staff: &Staff,
    id: i64,
    decision: Decision<'_>,
) -> Result<(), AppError> {
    let now = state.clock.unix_seconds();
    store::decide_application(&state.db, id, staff.id(), decision, now)
        .await
        .map_err(|e| refused(e, status_conflict))
}

/// The team accepts a submitted application and assigns a contact person.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/accept",
    operation_id = "accept_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = AcceptRequest,
    responses(
        (status = 200, description = "Accepted; the contact person becomes the young person's (timeline: `accepted`; audited: `accept_application`)", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: `status` `application_status` (not submitted)", body = ErrorBody),
        (status = 422, description = "`validation`: `contact_person_id` `contact_person_invalid`", body = ErrorBody),
    )
)]
pub async fn accept_application(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<AcceptRequest>,
) -> Result<Json<Application>, AppError> {
    let reader = Reader::Staff(staff.viewer());
    load(&state, reader, id).await?;
    let contact_person_id = request.contact_person_id;
    decide(&state, &staff, id, Decision::Accept { contact_person_id }).await?;
    // The new contact person may not be the caller, who may then no longer see it:
    // answer with what was decided all the same.
    let decided = Reader::Staff(StaffViewer {
        id: staff.id(),
        is_admin: true,
    });
    answer(&state, decided, id).await
}

/// The team declines a submitted application, with a reason.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/decline",
    operation_id = "decline_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "Declined (timeline: `declined` with the reason; audited: `decline_application`)", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: `status` `application_status` (not submitted)", body = ErrorBody),
        (status = 422, description = "`validation`: `reason` `required` or `too_long`", body = ErrorBody),
    )
)]
pub async fn decline_application(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<ReasonRequest>,
) -> Result<Json<Application>, AppError> {
    let reader = Reader::Staff(staff.viewer());
    load(&state, reader, id).await?;
    let reason = lotsen_api::application::reason(&request.reason)
        .map_err(|p| AppError::invalid_field("reason", p.code()))?;
    decide(&state, &staff, id, Decision::Decline { reason: &reason }).await?;
    answer(&state, reader, id).await
}

/// The young person withdraws consent to sharing information with one agency.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/consents/withdraw",
    operation_id = "withdraw_consent",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = WithdrawConsentRequest,
    responses(
        (status = 200, description = "Withdrawn, in any status, without voiding signatures (timeline: `consent_withdrawn` with the agency; listed in `withdrawn_consents`)", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `agency` `consent_not_given` (never given, or already withdrawn)", body = ErrorBody),
    )
)]
pub async fn withdraw_consent(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
    Json(request): Json<WithdrawConsentRequest>,
) -> Result<Json<Application>, AppError> {
    let me = youth.0.account.id;
    let record = load(&state, Reader::Youth(me), id).await?;
    let not_given = || AppError::conflict("agency", "consent_not_given");
    if !content_of(&record)?.consents.get(request.agency)
        || record.withdrawn_consents.contains(&request.agency)
    {
        return Err(not_given());
    }
    store::withdraw_consent(
        &state.db,
        id,
        me,
        request.agency,
        state.clock.unix_seconds(),
    )
    .await
    .map_err(|e| match e {
        ApplicationError::WrongStatus => not_given(),
        other => refused(other, status_conflict),
    })?;
    answer(&state, Reader::Youth(me), id).await
}

/// The young person withdraws the whole application.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/withdraw",
    operation_id = "withdraw_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    responses(
        (status = 200, description = "Withdrawn (timeline: `withdrawn`)", body = Application),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `status` `application_status` (already withdrawn or declined)", body = ErrorBody),
    )
)]
pub async fn withdraw_application(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
) -> Result<Json<Application>, AppError> {
    let me = youth.0.account.id;
    load(&state, Reader::Youth(me), id).await?;
    store::withdraw_application(&state.db, id, me, state.clock.unix_seconds())
        .await
        .map_err(|e| refused(e, status_conflict))?;
    answer(&state, Reader::Youth(me), id).await
}
