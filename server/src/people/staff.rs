//! `GET /api/staff` (any staff) and `POST /api/staff` (administrators).

use axum::extract::State;
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use lotsen_api::account::Role;
use lotsen_api::people::{NewStaff, StaffCreated, StaffMember};

use super::store::NewStaffRecord;
use super::youth::{invitee, write_error};
use crate::AppState;
use crate::accounts::invite;
use crate::auth::{Admin, Staff};
use crate::error::AppError;
use crate::json::Json;

/// Every member of staff (to choose a contact person, for instance).
#[utoipa::path(
    get,
    path = "/api/staff",
    operation_id = "list_staff",
    tag = "staff",
    security(("session" = [])),
    responses(
        (status = 200, description = "All staff", body = Vec<StaffMember>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn list_staff(
    State(state): State<AppState>,
    _staff: Staff,
) -> Result<Json<Vec<StaffMember>>, AppError> {
    let mut staff = crate::people::store::list_staff(&state.db).await?;
    staff.sort_by_cached_key(|s| (super::youth::swedish_order(&s.name), s.id));
    Ok(Json(staff))
}

/// Adds a member of staff and invites them.
#[utoipa::path(
    post,
    path = "/api/staff",
    operation_id = "invite_staff",
    tag = "staff",
    security(("session" = [])),
    request_body = NewStaff,
    responses(
        (status = 201, description = "Added and invited", body = StaffCreated),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not an administrator) or `csrf_rejected`", body = ErrorBody),
        (status = 409, description = "`conflict`: `email_taken` or `phone_taken`", body = ErrorBody),
        (status = 422, description = "`validation`: field errors", body = ErrorBody),
    )
)]
pub async fn invite_staff(
    State(state): State<AppState>,
    admin: Admin,
    Json(request): Json<NewStaff>,
) -> Result<(StatusCode, Json<StaffCreated>), AppError> {
    let (account, prepared) = invitee(
        &state,
        Role::Staff,
        &request.name,
        request.email.as_deref(),
        request.phone.as_deref(),
    )?;
    let staff = NewStaffRecord {
        account: &account,
        profession: request.profession,
        is_admin: request.is_admin,
    };
    let id = crate::people::store::invite_staff(
        &state.db,
        admin.0.account.id,
        &staff,
        &prepared.invitation,
        prepared.message.as_ref(),
        state.clock.unix_seconds(),
    )
    .await
    .map_err(write_error)?;
    let invitation = invite::announce(&state, prepared);
    Ok((
        StatusCode::CREATED,
        Json(StaffCreated {
            staff: StaffMember {
                id,
                name: account.name,
                profession: request.profession,
                is_admin: request.is_admin,
            },
            invitation,
        }),
    ))
}
