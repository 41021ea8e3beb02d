//! Starting, listing, showing and editing applications.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use lotsen_api::application::{
    Application, ApplicationContent, ApplicationSaved, ApplicationStatus, ApplicationSummary,
    NewApplication, UpdateApplication,
};

use super::{
    answer, is_minor, json_of, load, reader_of, refused, summary, valid_content, version_conflict,
};
use crate::AppState;
use crate::applications::store::{self, Editor, Reader};
use crate::auth::{Guardian, SignedIn, Staff, Youth};
use crate::error::AppError;
use crate::json::Json;

/// The applications `reader` may see (of one young person, in one status),
/// as summaries: a guardian's only of young people under 18 today.
async fn list(
    state: &AppState,
    reader: Reader,
    youth_id: Option<i64>,
    only: Option<ApplicationStatus>,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    let now = state.clock.unix_seconds();
    let list = store::list_applications(&state.db, reader, youth_id, only, now).await?;
    Ok(Json(
        list.into_iter()
            .filter(|l| {
                !matches!(reader, Reader::Guardian(_)) || is_minor(state, &l.youth_personnummer)
            })
            .map(summary)
            .collect(),
    ))
}

/// Starts an application for a young person the caller can see.
#[utoipa::path(
    post,
    path = "/api/applications",
    operation_id = "create_application",
    tag = "applications",
    security(("session" = [])),
    request_body = NewApplication,
    responses(
        (status = 201, description = "A draft (timeline: `drafted`; audited: `create_application`)", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`validation`: `last_school`, `help_text`, `interests` `too_long`; `help_with` `required`", body = ErrorBody),
    )
)]
pub async fn create_application(
    State(state): State<AppState>,
    staff: Staff,
    Json(request): Json<NewApplication>,
) -> Result<(StatusCode, Json<Application>), AppError> {
    staff.may_see_youth(&state.db, request.youth_id).await?;
    let content = valid_content(&request.content)?;
    let id = store::create_application(
        &state.db,
        staff.viewer(),
        request.youth_id,
        &json_of(&content),
        state.clock.unix_seconds(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let answer = answer(&state, Reader::Staff(staff.viewer()), id).await?;
    Ok((StatusCode::CREATED, answer))
}

/// Submitted applications for the team meeting, oldest first.
#[utoipa::path(
    get,
    path = "/api/applications/submitted",
    operation_id = "list_submitted_applications",
    tag = "applications",
    security(("session" = [])),
    responses(
        (status = 200, description = "Submitted applications of young people the caller can see, the longest waiting first (by `submitted_at`). Each is audited (`list_applications`).", body = Vec<ApplicationSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn list_submitted_applications(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    let only = Some(ApplicationStatus::Submitted);
    list(&state, Reader::Staff(staff.viewer()), None, only).await
}

/// A young person's applications, as staff see them.
#[utoipa::path(
    get,
    path = "/api/youth/{id}/applications",
    operation_id = "list_youth_applications",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "Their applications, oldest first (audited: `list_applications`)", body = Vec<ApplicationSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn list_youth_applications(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    staff.may_see_youth(&state.db, id).await?;
    list(&state, Reader::Staff(staff.viewer()), Some(id), None).await
}

/// The caller's own applications (a young person).
#[utoipa::path(
    get,
    path = "/api/me/applications",
    operation_id = "list_my_applications",
    tag = "applications",
    security(("session" = [])),
    responses(
        (status = 200, description = "The young person's own applications, oldest first", body = Vec<ApplicationSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    )
)]
pub async fn list_my_applications(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    list(&state, Reader::Youth(youth.0.account.id), None, None).await
}

/// The applications a guardian is (or was) asked to co-sign.
#[utoipa::path(
    get,
    path = "/api/guardian/applications",
    operation_id = "list_guardian_applications",
    tag = "applications",
    security(("session" = [])),
    responses(
        (status = 200, description = "Applications of the caller's young people under 18 today that have reached guardian signing or later", body = Vec<ApplicationSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a guardian", body = ErrorBody),
    )
)]
pub async fn list_guardian_applications(
    State(state): State<AppState>,
    guardian: Guardian,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    list(&state, Reader::Guardian(guardian.0.account.id), None, None).await
}

/// One application, with the exact document to sign and its timeline.
#[utoipa::path(
    get,
    path = "/api/applications/{id}",
    operation_id = "get_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The application. Young people see their own; guardians those of their young people under 18 once asked to co-sign; staff those of young people they can see (audited: `read_application`).", body = Application),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn get_application(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> Result<Json<Application>, AppError> {
    answer(&state, reader_of(&signed_in), id).await
}

/// Replaces the content; after any signature, voids them all and makes it a draft again.
#[utoipa::path(
    put,
    path = "/api/applications/{id}",
    operation_id = "update_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = UpdateApplication,
    responses(
        (status = 200, description = "Saved as a draft (timeline: `edited`, and `signatures_voided` when it had signatures; staff edits audited: `edit_application`). Consents the young person has withdrawn stay withdrawn.", body = ApplicationSaved),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (a guardian) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `version` `application_changed` (reload), or `status` `application_status` (accepted, declined or withdrawn)", body = ErrorBody),
        (status = 422, description = "`validation`: field errors of the content", body = ErrorBody),
    )
)]
pub async fn update_application(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Json(request): Json<UpdateApplication>,
) -> Result<Json<ApplicationSaved>, AppError> {
    let reader = reader_of(&signed_in);
    if matches!(reader, Reader::Guardian(_)) {
        return Err(AppError::Forbidden);
    }
    let record = load(&state, reader, id).await?;
    let content = valid_content(&request.content)?;
    let content = ApplicationContent {
        consents: content.consents.without(&record.withdrawn_consents),
        ..content
    };
    let editor = match reader {
        Reader::Staff(viewer) => Editor::Staff(viewer.id),
        _ => Editor::Youth(signed_in.account.id),
    };
    let voided = store::update_application(
        &state.db,
        id,
        editor,
        request.version,
        &json_of(&content),
        state.clock.unix_seconds(),
    )
    .await
    .map_err(|e| refused(e, version_conflict))?;
    let Json(application) = answer(&state, reader, id).await?;
    Ok(Json(ApplicationSaved {
        application,
        signatures_voided: voided,
    }))
}
