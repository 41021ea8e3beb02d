//! `POST /api/auth/sign-in` and `POST /api/auth/sign-out`.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lotsen_api::ErrorBody;
use lotsen_api::account::{Me, SignInRequest};
use lotsen_api::contact::{self, Login};

use crate::AppState;
use crate::auth::rate_limit::Key;
use crate::auth::{cookie, password, token};
use crate::error::AppError;
use crate::json::Json;

/// The client's address, when the server knows it (not in in-process tests).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Self(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip()),
        ))
    }
}

/// Signs in with an e-mail address or phone number and a password; sets a new session cookie.
#[utoipa::path(
    post,
    path = "/api/auth/sign-in",
    operation_id = "sign_in",
    tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in: the session cookie is set (a new token each time; a session cookie sent along is ended)", body = Me,
         headers(("set-cookie" = String, description = "`__Host-lotsen_session=…; Path=/; HttpOnly; Secure; SameSite=Lax`"))),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`invalid_credentials`: the login or the password is wrong (never says which)", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many failed attempts from this address (20) or for this account (5) in 15 minutes; `retry_after_seconds` and `Retry-After` say when to try again", body = ErrorBody,
         headers(("retry-after" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    Json(request): Json<SignInRequest>,
) -> Result<Response, AppError> {
    let now = state.clock.unix_seconds();
    let address_key = address.map_or(Key::UnknownAddress, Key::Address);
    limit(&state, &address_key, now)?;
    let login = contact::login(&request.login).ok();
    let account = match &login {
        Some(login) => state.db.login_account(login).await?,
        None => None,
    };
    let account_key = match (&account, &login) {
        (Some((id, _)), _) => Key::Account(*id),
        (None, Some(Login::Email(e) | Login::Phone(e))) => Key::Login(e.clone()),
        (None, None) => Key::Login(request.login.trim().to_lowercase()),
    };
    limit(&state, &account_key, now)?;
    let (account_id, stored_hash) = account.map_or((None, None), |(id, hash)| (Some(id), hash));
    let matches = password::verify(request.password, stored_hash).await?;
    let Some(account_id) = account_id.filter(|_| matches) else {
        state.limiter.fail(address_key, now);
        state.limiter.fail(account_key, now);
        return Err(AppError::InvalidCredentials);
    };
    state.limiter.reset(&account_key);
    let account = state
        .db
        .account(account_id)
        .await?
        .ok_or(AppError::InvalidCredentials)?;
    let session_token = token::generate();
    let presented =
        cookie::read(&headers, state.settings.insecure_cookies).map(|t| token::hash(&t));
    state
        .db
        .create_session(
            account_id,
            &token::hash(&session_token),
            presented.as_deref(),
            now,
        )
        .await?;
    let set_cookie = cookie::set(&session_token, state.settings.insecure_cookies);
    Ok(([(header::SET_COOKIE, set_cookie)], Json(account.me())).into_response())
}

fn limit(state: &AppState, key: &Key, now: i64) -> Result<(), AppError> {
    state
        .limiter
        .check(key, now)
        .map_err(|retry_after_seconds| AppError::RateLimited {
            retry_after_seconds,
        })
}

/// Ends the session (if any) and removes the cookie.
#[utoipa::path(
    post,
    path = "/api/auth/sign-out",
    operation_id = "sign_out",
    tag = "auth",
    responses(
        (status = 204, description = "Signed out: the session is ended and the cookie removed",
         headers(("set-cookie" = String, description = "The session cookie with `Max-Age=0`"))),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
    )
)]
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let insecure = state.settings.insecure_cookies;
    if let Some(session_token) = cookie::read(&headers, insecure)
        && let Some(session) = state.db.session(&token::hash(&session_token)).await?
    {
        state
            .db
            .end_session(session.id, state.clock.unix_seconds())
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cookie::clear(insecure))],
    )
        .into_response())
}
