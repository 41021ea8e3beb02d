//! `GET /api/me`, `GET /api/auth/session` and `POST /api/me/password`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lotsen_api::ErrorBody;
use lotsen_api::account::{ChangePasswordRequest, Me};

use crate::AppState;
use crate::auth::{self, SignedIn, password};
use crate::error::AppError;
use crate::json::Json;

/// The signed-in person.
#[utoipa::path(
    get,
    path = "/api/me",
    operation_id = "get_me",
    tag = "auth",
    security(("session" = [])),
    responses(
        (status = 200, description = "Who is signed in", body = Me),
        (status = 401, description = "`unauthenticated`: no session, or it has ended", body = ErrorBody),
    )
)]
pub async fn get_me(signed_in: SignedIn) -> Json<Me> {
    Json(signed_in.account.me())
}

/// Who is signed in, if anyone: the app's session check at start, which
/// (unlike `GET /api/me`) answers an anonymous visitor without an error, so
/// that no browser logs a failed request on a public page. Reads the session
/// cookie when there is one; an ended or expired session is nobody.
#[utoipa::path(
    get,
    path = "/api/auth/session",
    operation_id = "get_session",
    tag = "auth",
    responses(
        (status = 200, description = "Who is signed in", body = Me),
        (status = 204, description = "Nobody is signed in (no session, or it has ended)"),
    )
)]
pub async fn get_session(signed_in: Option<SignedIn>) -> Response {
    match signed_in {
        Some(signed_in) => Json(signed_in.account.me()).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    }
}

/// Changes the password; every other session of the account ends.
#[utoipa::path(
    post,
    path = "/api/me/password",
    operation_id = "change_password",
    tag = "auth",
    security(("session" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; this session goes on, all others are ended"),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 422, description = "`validation`: `new_password` breaks the rules, or `current_password` is `password_wrong`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many wrong passwords; one count per account shared with signing and co-signing, slowed down after 5", body = ErrorBody,
         headers(("retry-after" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Json(request): Json<ChangePasswordRequest>,
) -> Result<StatusCode, AppError> {
    password::check_policy(&request.new_password)
        .map_err(|problem| AppError::invalid_field("new_password", problem.code()))?;
    let account_id = signed_in.account.id;
    auth::reenter_password(
        &state,
        account_id,
        request.current_password,
        "current_password",
    )
    .await?;
    let hash = password::hash(request.new_password).await?;
    crate::accounts::store::change_password(
        &state.db,
        account_id,
        &hash,
        signed_in.session_id,
        state.clock.unix_seconds(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
