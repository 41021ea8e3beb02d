//! `POST /api/invitations/inspect` and `POST /api/invitations/accept`. The
//! token travels in the body (the link keeps it in its fragment), never in a URL.

use axum::extract::State;
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use lotsen_api::account::{AcceptInvitationRequest, InvitationInfo, InvitationToken};

use crate::AppState;
use crate::accounts::store::InvitationRecord;
use crate::auth::{password, token};
use crate::clock::rfc3339;
use crate::error::AppError;
use crate::json::Json;

/// The invitation for `token` if it can still be used; otherwise why not.
async fn usable(state: &AppState, raw_token: &str) -> Result<InvitationRecord, AppError> {
    let token_hash = token::presented(raw_token.trim()).ok_or(AppError::InvitationInvalid)?;
    let invitation = crate::accounts::store::invitation(&state.db, &token_hash)
        .await?
        .ok_or(AppError::InvitationInvalid)?;
    if invitation.revoked_at.is_some() {
        Err(AppError::InvitationInvalid)
    } else if invitation.used_at.is_some() {
        Err(AppError::InvitationUsed)
    } else if invitation.expires_at <= state.clock.unix_seconds() {
        Err(AppError::InvitationExpired)
    } else if invitation.has_password {
        // Set since this link was made (by another invitation or a reset):
        // an invitation never replaces a password.
        Err(AppError::PasswordAlreadySet)
    } else {
        Ok(invitation)
    }
}

/// Who an invitation is for, to greet them before they choose a password.
#[utoipa::path(
    post,
    path = "/api/invitations/inspect",
    operation_id = "inspect_invitation",
    tag = "invitations",
    request_body = InvitationToken,
    responses(
        (status = 200, description = "A usable invitation", body = InvitationInfo),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`invitation_invalid`: no such invitation, or a newer one replaced it", body = ErrorBody),
        (status = 409, description = "`password_already_set`: the account has got a password since the invitation was made", body = ErrorBody),
        (status = 410, description = "`invitation_used` or `invitation_expired`", body = ErrorBody),
    )
)]
pub async fn inspect_invitation(
    State(state): State<AppState>,
    Json(request): Json<InvitationToken>,
) -> Result<Json<InvitationInfo>, AppError> {
    let invitation = usable(&state, &request.token).await?;
    let first_name = invitation
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&invitation.name)
        .to_owned();
    Ok(Json(InvitationInfo {
        first_name,
        role: invitation.role,
        expires_at: rfc3339(invitation.expires_at),
    }))
}

/// Sets the password and uses up the invitation; the person then signs in.
#[utoipa::path(
    post,
    path = "/api/invitations/accept",
    operation_id = "accept_invitation",
    tag = "invitations",
    request_body = AcceptInvitationRequest,
    responses(
        (status = 204, description = "The password is set; sign in with it"),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`invitation_invalid`", body = ErrorBody),
        (status = 409, description = "`password_already_set`: the account has a password; an invitation never replaces it", body = ErrorBody),
        (status = 410, description = "`invitation_used` (also for the loser of two simultaneous accepts) or `invitation_expired`", body = ErrorBody),
        (status = 422, description = "`validation`: `password` is too short, too long or too common", body = ErrorBody),
    )
)]
pub async fn accept_invitation(
    State(state): State<AppState>,
    Json(request): Json<AcceptInvitationRequest>,
) -> Result<StatusCode, AppError> {
    // Cheap checks first, so that a bad link costs no password hashing.
    usable(&state, &request.token).await?;
    let hash = password::hash_new("password", request.password).await?;
    let token_hash = token::hash(request.token.trim());
    if crate::accounts::store::accept_invitation(
        &state.db,
        &token_hash,
        &hash,
        state.clock.unix_seconds(),
    )
    .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        // Used, replaced or expired since the check above.
        Err(usable(&state, &request.token)
            .await
            .err()
            .unwrap_or(AppError::InvitationUsed))
    }
}
