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
use crate::auth::{cookie, limit, password, token};
use crate::error::AppError;
use crate::json::Json;

/// The client's address, when the server knows it (not in in-process tests):
/// the TCP peer, or, when the peer is a trusted proxy (`--trusted-proxy`), the
/// address that proxy put in `X-Forwarded-For`.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        Ok(Self(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(
            |ConnectInfo(addr)| {
                client_address(addr.ip(), &parts.headers, &state.settings.trusted_proxies)
            },
        )))
    }
}

/// The client behind `peer`: `peer` itself unless it is a trusted proxy; then
/// `X-Forwarded-For` read from the right, skipping trusted proxies, up to the
/// first address none of them is (what the nearest proxy saw). A header that
/// cannot be read leaves the last address known.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.contains(&ip.to_canonical());
    let mut client = peer.to_canonical();
    if !is_trusted(&client) {
        return client;
    }
    let values: Vec<&str> = headers
        .get_all(X_FORWARDED_FOR)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    for part in values.iter().rev().flat_map(|v| v.rsplit(',')) {
        let Ok(ip) = part.trim().parse::<IpAddr>() else {
            return client;
        };
        client = ip.to_canonical();
        if !is_trusted(&client) {
            return client;
        }
    }
    client
}

const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// Signs in with an e-mail address or phone number and a password; sets a new session cookie.
#[utoipa::path(
    post,
    path = "/api/auth/sign-in",
    operation_id = "sign_in",
    tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in: the session cookie is set (a new token each time; a session cookie sent along is ended), and the device cookie when this browser had none for the account", body = Me,
         headers(("set-cookie" = String, description = "`__Host-lotsen_session=…; Path=/; HttpOnly; Secure; SameSite=Lax` and possibly `__Host-lotsen_device=…; Max-Age=31536000; …`"))),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`invalid_credentials`: the login or the password is wrong (never says which)", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: slowed down, never locked: after 5 failures for the account (or login) in 15 minutes each attempt waits 1, 2, 4 … up to 300 seconds after the last (a device that signed in to the account before is counted on its own); or 300 failures from this client address in 15 minutes. `retry_after_seconds` and `Retry-After` say when to try again", body = ErrorBody,
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
    let login = contact::login(&request.login).ok();
    let account = match &login {
        Some(login) => crate::accounts::store::login_account(&state.db, login).await?,
        None => None,
    };
    // A device cookie issued when this browser signed in to this account.
    let device = match &account {
        Some((id, _)) => known_device(&state, &headers, *id).await?,
        None => None,
    };
    let account_key = match (&account, &login) {
        (Some((id, _)), _) => Key::Account(*id),
        (None, Some(Login::Email(e) | Login::Phone(e))) => Key::Login(e.clone()),
        (None, None) => Key::Login(request.login.trim().to_lowercase()),
    };
    let attempt = Attempt::start(&state, address_key(address), device, account_key, now)?;
    let (account_id, stored_hash) = account.map_or((None, None), |(id, hash)| (Some(id), hash));
    let matches = password::verify(request.password, stored_hash).await?;
    let Some(account_id) = account_id.filter(|_| matches) else {
        return Err(AppError::InvalidCredentials);
    };
    attempt.succeed(&state, account_id, &headers).await
}

/// What sign-in attempts from the client at `address` are counted against.
pub fn address_key(address: Option<IpAddr>) -> Key {
    address.map_or(Key::UnknownAddress, Key::Address)
}

/// One sign-in attempt (with a password or a passkey), counted against its
/// keys: from a browser that signed in to the account before (`device`, its
/// cookie's hash) only against that device's own failures; otherwise against
/// the client address and `account` (the account, or the login that matches none).
pub struct Attempt {
    keys: Vec<Key>,
    known_device: bool,
    now: i64,
}

impl Attempt {
    /// Starts the attempt: 429 `rate_limited` while any of its keys is held back.
    pub fn start(
        state: &AppState,
        address: Key,
        device: Option<String>,
        account: Key,
        now: i64,
    ) -> Result<Self, AppError> {
        let known_device = device.is_some();
        let keys = match device {
            Some(device_hash) => vec![Key::Device(device_hash)],
            None => vec![address, account],
        };
        limit(state, &keys.iter().collect::<Vec<_>>(), now)?;
        Ok(Self {
            keys,
            known_device,
            now,
        })
    }

    /// The credentials were right: the keys' failures are forgotten and
    /// `account_id` is signed in (see [`open_session`]).
    pub async fn succeed(
        self,
        state: &AppState,
        account_id: i64,
        headers: &HeaderMap,
    ) -> Result<Response, AppError> {
        state
            .limiter
            .succeeded(&self.keys.iter().collect::<Vec<_>>(), self.now);
        open_session(state, account_id, headers, !self.known_device).await
    }
}

/// The hash of the device cookie that came along, if it was issued when this
/// browser signed in to `account_id`.
pub async fn known_device(
    state: &AppState,
    headers: &HeaderMap,
    account_id: i64,
) -> Result<Option<String>, AppError> {
    let Some(device) = cookie::read_device(headers, state.settings.insecure_cookies) else {
        return Ok(None);
    };
    let device_hash = token::hash(&device);
    let owner = crate::accounts::store::known_device(&state.db, &device_hash).await?;
    Ok((owner == Some(account_id)).then_some(device_hash))
}

/// Signs `account_id` in (after a password or a passkey): a new session (the
/// one whose cookie came along is ended), its cookie, and a device cookie when
/// `new_device` (this browser had none for the account); answers with the person.
async fn open_session(
    state: &AppState,
    account_id: i64,
    headers: &HeaderMap,
    new_device: bool,
) -> Result<Response, AppError> {
    let now = state.clock.unix_seconds();
    let insecure = state.settings.insecure_cookies;
    let account = crate::auth::store::account(&state.db, account_id)
        .await?
        .ok_or(AppError::InvalidCredentials)?;
    let session_token = token::generate();
    let presented = cookie::read(headers, insecure).map(|t| token::hash(&t));
    crate::auth::store::create_session(
        &state.db,
        account_id,
        &token::hash(&session_token),
        presented.as_deref(),
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(lotsen_api::Lang::from_accept_language)
            .unwrap_or_default(),
        now,
    )
    .await?;
    let mut response = Json(account.me()).into_response();
    let cookies = response.headers_mut();
    cookies.append(header::SET_COOKIE, cookie::set(&session_token, insecure));
    if new_device {
        let device_token = token::generate();
        crate::accounts::store::add_known_device(
            &state.db,
            account_id,
            &token::hash(&device_token),
            now,
        )
        .await?;
        cookies.append(
            header::SET_COOKIE,
            cookie::set_device(&device_token, insecure),
        );
    }
    Ok(response)
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
        && let Some(session) =
            crate::auth::store::session(&state.db, &token::hash(&session_token)).await?
    {
        crate::auth::store::end_session(&state.db, session.id, state.clock.unix_seconds()).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cookie::clear(insecure))],
    )
        .into_response())
}
