//! Forgotten passwords: `POST /api/auth/password-reset` (anyone, by login),
//! `POST /api/auth/password-reset/complete` (with the link's token),
//! `POST /api/youth/{id}/password-reset` (staff, on a young person's behalf),
//! and `GET /api/dev/outbox` (staff, only when no SMTP is configured).
//!
//! A reset link goes only to the account's own address, through the outbox;
//! nobody else ever sees it, and no log line holds it or the address.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use lotsen_api::account::{
    CompletePasswordResetRequest, DevOutboxMessage, PasswordResetAccepted, PasswordResetRequest,
};
use lotsen_api::contact::{self, Login};

use super::sign_in::ClientAddress;
use crate::AppState;
use crate::accounts::recovery::{changed_notice, reset_message};
use crate::accounts::store::ResetTarget;
use crate::auth::rate_limit::Key;
use crate::auth::{RESET_SECONDS, Staff, limit, password, token};
use crate::clock::rfc3339;
use crate::db::Db;
use crate::error::AppError;
use crate::json::Json;

/// How many messages the development outbox shows, newest first.
const DEV_OUTBOX_LIMIT: i64 = 50;

/// Makes a reset link for `target`, stores its hash and puts the message in the
/// outbox; `false` when the account has no address to send it to.
async fn send_reset(
    state: &AppState,
    target: &ResetTarget,
    created_by: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let token = token::generate();
    let link = format!("{}/password-reset#{token}", state.settings.public_url);
    let Some(message) = reset_message(target, &state.settings, &link) else {
        return Ok(false);
    };
    let now = state.clock.unix_seconds();
    crate::accounts::store::create_password_reset(
        &state.db,
        target.id,
        created_by,
        &token::hash(&token),
        now + RESET_SECONDS,
        &message,
        now,
    )
    .await?;
    state.outbox.notify_one();
    Ok(true)
}

/// Asks for a reset link for the account that signs in with `login`; it goes to
/// that account's own e-mail address. The same answer whether or not there is
/// such an account.
#[utoipa::path(
    post,
    path = "/api/auth/password-reset",
    operation_id = "request_password_reset",
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "Always the same: if the login is an account's with an e-mail address, a link valid for 30 minutes is on its way there (the work is done after answering, so the answer takes as long either way)", body = PasswordResetAccepted),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: 3 requests per login or 100 per client address in 15 minutes", body = ErrorBody,
         headers(("retry-after" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn request_password_reset(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Json(request): Json<PasswordResetRequest>,
) -> Result<(StatusCode, Json<PasswordResetAccepted>), AppError> {
    let now = state.clock.unix_seconds();
    let login = contact::login(&request.login).ok();
    let login_key = Key::ResetLogin(match &login {
        Some(Login::Email(l) | Login::Phone(l)) => l.clone(),
        None => request.login.trim().to_lowercase(),
    });
    let address_key = Key::ResetAddress(address);
    limit(&state, &[&address_key, &login_key], now)?;
    if let Some(login) = login {
        // After answering: an unknown login and a known one take the same time.
        let state = state.clone();
        tokio::spawn(async move {
            let sent = match crate::accounts::store::reset_target(&state.db, &login).await {
                Ok(Some(target)) => send_reset(&state, &target, None).await,
                Ok(None) => Ok(false),
                Err(error) => Err(error),
            };
            if let Err(error) = sent {
                tracing::warn!(%error, "cannot make a password reset link");
            }
        });
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(PasswordResetAccepted { accepted: true }),
    ))
}

/// Sets a new password with a reset link's token; every session of the account
/// ends, and its owner is told (by e-mail) that the password was changed.
#[utoipa::path(
    post,
    path = "/api/auth/password-reset/complete",
    operation_id = "complete_password_reset",
    tag = "auth",
    request_body = CompletePasswordResetRequest,
    responses(
        (status = 204, description = "The password is set, every session of the account is ended and a notice is sent; sign in with the new password"),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 410, description = "`reset_link_invalid`: unknown, used, replaced by a newer link, or older than 30 minutes (also for the loser of two simultaneous uses)", body = ErrorBody),
        (status = 422, description = "`validation`: `password` is too short, too long or too common", body = ErrorBody),
    )
)]
pub async fn complete_password_reset(
    State(state): State<AppState>,
    Json(request): Json<CompletePasswordResetRequest>,
) -> Result<StatusCode, AppError> {
    let token_hash = token::presented(request.token.trim()).ok_or(AppError::ResetLinkInvalid)?;
    // Cheap checks first, so that a bad link costs no password hashing.
    let target = crate::accounts::store::usable_password_reset(
        &state.db,
        &token_hash,
        state.clock.unix_seconds(),
    )
    .await?
    .ok_or(AppError::ResetLinkInvalid)?;
    let hash = password::hash_new("password", request.password).await?;
    let notice = changed_notice(&target, &state.settings);
    crate::accounts::store::complete_password_reset(
        &state.db,
        &token_hash,
        &hash,
        notice.as_ref(),
        state.clock.unix_seconds(),
    )
    .await?
    .ok_or(AppError::ResetLinkInvalid)?;
    state.outbox.notify_one();
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a reset link to a young person's own e-mail address, on their behalf
/// (audited: `send_password_reset`). The staff member never sees the link.
#[utoipa::path(
    post,
    path = "/api/youth/{id}/password-reset",
    operation_id = "send_youth_password_reset",
    tag = "youth",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 202, description = "A link valid for 30 minutes is on its way to the young person's own e-mail address (not in this answer)", body = PasswordResetAccepted),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`validation`: `email` `reset_no_email`: the young person has no e-mail address to send to", body = ErrorBody),
        (status = 429, description = "`rate_limited`: 3 links per young person in 15 minutes", body = ErrorBody,
         headers(("retry-after" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn send_youth_password_reset(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<PasswordResetAccepted>), AppError> {
    // The same rule as every other staff access to the record.
    let invitee = crate::people::store::youth_invitee(&state.db, staff.viewer(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let target = crate::accounts::store::reset_target_by_id(&state.db, invitee.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if target.email.is_none() {
        return Err(AppError::invalid_field("email", "reset_no_email"));
    }
    limit(
        &state,
        &[&Key::ResetLogin(format!("#{}", target.id))],
        state.clock.unix_seconds(),
    )?;
    send_reset(&state, &target, Some(staff.id())).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(PasswordResetAccepted { accepted: true }),
    ))
}

/// The outbox, for developing without SMTP: what would have been e-mailed,
/// links included. Staff only, and only on a server started with
/// `--dev-outbox` and no SMTP: on a real deployment a reset link here would
/// let staff take over an account.
#[utoipa::path(
    get,
    path = "/api/dev/outbox",
    operation_id = "dev_outbox",
    tag = "auth",
    security(("session" = [])),
    responses(
        (status = 200, description = "The newest 50 messages of the outbox, newest first", body = [DevOutboxMessage]),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: the server was not started with `--dev-outbox` (development only), or SMTP is configured", body = ErrorBody),
    )
)]
pub async fn dev_outbox(
    State(state): State<AppState>,
    _staff: Staff,
) -> Result<Json<Vec<DevOutboxMessage>>, AppError> {
    if !state.settings.dev_outbox || state.settings.email_delivery {
        return Err(AppError::NotFound);
    }
    Ok(Json(dev_outbox_messages(&state.db).await?))
}

/// The newest messages of the outbox ([`DEV_OUTBOX_LIMIT`]), as the
/// development outbox shows them (the tests read the outbox through it too).
pub async fn dev_outbox_messages(db: &Db) -> Result<Vec<DevOutboxMessage>, sqlx::Error> {
    let entries = crate::accounts::store::outbox_entries(db, DEV_OUTBOX_LIMIT).await?;
    Ok(entries
        .into_iter()
        .map(|e| DevOutboxMessage {
            id: e.id,
            to: e.to_address,
            subject: e.subject,
            body: e.body,
            created_at: rfc3339(e.created_at),
        })
        .collect())
}
