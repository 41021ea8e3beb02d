//! The passkeys' endpoints: My page's list, registering and removing one, and
//! signing in with one.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use lotsen_api::ErrorBody;
use lotsen_api::account::Me;
use lotsen_api::passkey::{
    Passkey, PasskeyAssertion, PasskeyAssertionFinish, PasskeyAttestation, PasskeyChallenge,
    PasskeyCreation, PasskeyRegistrationFinish, PasskeyRegistrationStart, b64url,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use webauthn_rs::prelude::{
    CreationChallengeResponse, DiscoverableKey, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse,
};

use super::{Ceremony, account_of, store, user_handle};
use crate::AppState;
use crate::accounts::routes::sign_in::{Attempt, ClientAddress, address_key, known_device};
use crate::auth::rate_limit::Key;
use crate::auth::{SignedIn, limit};
use crate::clock::rfc3339;
use crate::error::AppError;
use crate::json::Json;

/// The passkeys' routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_passkeys))
        .routes(routes!(start_passkey_registration))
        .routes(routes!(finish_passkey_registration))
        .routes(routes!(remove_passkey))
        .routes(routes!(start_passkey_sign_in))
        .routes(routes!(finish_passkey_sign_in))
}

fn wire(row: &store::PasskeyRow) -> Passkey {
    Passkey {
        id: row.id,
        name: row.name.clone(),
        created_at: rfc3339(row.created_at),
        last_used_at: row.last_used_at.map(rfc3339),
    }
}

/// 409 `conflict` on `ceremony`: no such ceremony waiting (expired, used, or another's).
fn ceremony_expired() -> AppError {
    AppError::conflict("ceremony", "passkey_ceremony_expired")
}

fn internal(error: impl std::fmt::Display) -> AppError {
    AppError::Internal(error.to_string())
}

/// The caller's passkeys.
#[utoipa::path(
    get,
    path = "/api/me/passkeys",
    operation_id = "list_passkeys",
    tag = "passkeys",
    security(("session" = [])),
    responses(
        (status = 200, description = "The caller's passkeys, oldest first", body = Vec<Passkey>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
    )
)]
pub async fn list_passkeys(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Vec<Passkey>>, AppError> {
    let rows = store::list(&state.db, signed_in.account.id).await?;
    Ok(Json(rows.iter().map(wire).collect()))
}

/// Starts registering a passkey on this device, named by the person.
#[utoipa::path(
    post,
    path = "/api/me/passkeys/start",
    operation_id = "start_passkey_registration",
    tag = "passkeys",
    security(("session" = [])),
    request_body = PasskeyRegistrationStart,
    responses(
        (status = 200, description = "The options for `navigator.credentials.create`; answer within five minutes", body = PasskeyCreation),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: passkeys are off (the public URL's host is an IP address)", body = ErrorBody),
        (status = 422, description = "`validation`: `name` `required`, `too_long` or a text problem", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many ceremonies waiting on the server", body = ErrorBody),
    )
)]
pub async fn start_passkey_registration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Json(request): Json<PasskeyRegistrationStart>,
) -> Result<Json<PasskeyCreation>, AppError> {
    let webauthn = state.passkeys.webauthn()?;
    let name = lotsen_api::passkey::name(&request.name)
        .map_err(|p| AppError::invalid_field("name", p.code()))?;
    let account = &signed_in.account;
    let mut exclude = Vec::new();
    for row in store::list(&state.db, account.id).await? {
        let passkey: webauthn_rs::prelude::Passkey =
            serde_json::from_str(&row.passkey).map_err(internal)?;
        exclude.push(passkey.cred_id().clone());
    }
    let (ccr, registration) = webauthn
        .start_passkey_registration(
            user_handle(account.id),
            &account.name,
            &account.name,
            Some(exclude),
        )
        .map_err(internal)?;
    let ceremony = state.passkeys.wait(
        Ceremony::Register {
            account_id: account.id,
            name,
            state: Box::new(registration),
        },
        state.clock.unix_seconds(),
    )?;
    Ok(Json(creation(ceremony, ccr)))
}

fn creation(ceremony: String, ccr: CreationChallengeResponse) -> PasskeyCreation {
    let options = ccr.public_key;
    PasskeyCreation {
        ceremony,
        challenge: b64url::encode(options.challenge.as_ref()),
        rp_id: options.rp.id,
        rp_name: options.rp.name,
        user_id: b64url::encode(options.user.id.as_ref()),
        user_name: options.user.name,
        user_display_name: options.user.display_name,
        algorithms: options
            .pub_key_cred_params
            .iter()
            .filter_map(|p| i32::try_from(p.alg).ok())
            .collect(),
        exclude_credentials: options
            .exclude_credentials
            .unwrap_or_default()
            .iter()
            .map(|c| b64url::encode(c.id.as_ref()))
            .collect(),
        timeout_ms: options.timeout.unwrap_or(300_000),
    }
}

/// webauthn-rs's form of the device's answer to `create`: 400 `bad_request`
/// when it is not one.
fn attestation(credential: &PasskeyAttestation) -> Result<RegisterPublicKeyCredential, AppError> {
    public_key_credential(
        &credential.id,
        json!({
            "attestationObject": credential.attestation_object,
            "clientDataJSON": credential.client_data_json,
        }),
    )
}

/// webauthn-rs's form of the device's answer to `get`: 400 `bad_request`
/// when it is not one.
pub fn assertion(credential: &PasskeyAssertion) -> Result<PublicKeyCredential, AppError> {
    public_key_credential(
        &credential.id,
        json!({
            "authenticatorData": credential.authenticator_data,
            "clientDataJSON": credential.client_data_json,
            "signature": credential.signature,
            "userHandle": credential.user_handle,
        }),
    )
}

/// A device's answer (to `create` or `get`) with its credential id and
/// `response`, as webauthn-rs reads it: 400 `bad_request` when it is not one.
fn public_key_credential<T: DeserializeOwned>(id: &str, response: Value) -> Result<T, AppError> {
    let raw_id = super::decode(id)?;
    serde_json::from_value(json!({
        "id": b64url::encode(&raw_id),
        "rawId": id,
        "type": "public-key",
        "response": response,
    }))
    .map_err(|_| AppError::BadRequest)
}

/// Finishes registering: the device's answer checked against the ceremony, the passkey kept.
#[utoipa::path(
    post,
    path = "/api/me/passkeys/finish",
    operation_id = "finish_passkey_registration",
    tag = "passkeys",
    security(("session" = [])),
    request_body = PasskeyRegistrationFinish,
    responses(
        (status = 201, description = "Registered", body = Passkey),
        (status = 400, description = "`malformed_json`, or `bad_request`: the device's answer cannot be read or does not answer the ceremony (wrong challenge, origin or site, no user verification)", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: passkeys are off", body = ErrorBody),
        (status = 409, description = "`conflict`: `ceremony` `passkey_ceremony_expired` (unknown, used, expired or another account's: start again), `credential` `passkey_registered` (this passkey is registered already)", body = ErrorBody),
    )
)]
pub async fn finish_passkey_registration(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Json(request): Json<PasskeyRegistrationFinish>,
) -> Result<Response, AppError> {
    let webauthn = state.passkeys.webauthn()?;
    let now = state.clock.unix_seconds();
    let me = signed_in.account.id;
    let credential = attestation(&request.credential)?;
    let Some(Ceremony::Register {
        account_id,
        name,
        state: registration,
    }) = state.passkeys.take(&request.ceremony, now)
    else {
        return Err(ceremony_expired());
    };
    if account_id != me {
        return Err(ceremony_expired());
    }
    let passkey = webauthn
        .finish_passkey_registration(&credential, &registration)
        .map_err(|error| {
            tracing::info!(%error, "passkey registration refused");
            AppError::BadRequest
        })?;
    let credential_id = b64url::encode(passkey.cred_id().as_ref());
    let json = serde_json::to_string(&passkey).map_err(internal)?;
    let id = store::insert(&state.db, me, &credential_id, &json, &name, now)
        .await?
        .ok_or_else(|| AppError::conflict("credential", "passkey_registered"))?;
    let row = store::PasskeyRow {
        id,
        account_id: me,
        credential_id,
        passkey: json,
        name,
        created_at: now,
        last_used_at: None,
    };
    Ok((StatusCode::CREATED, Json(wire(&row))).into_response())
}

/// Removes one of the caller's passkeys (the password stays).
#[utoipa::path(
    delete,
    path = "/api/me/passkeys/{id}",
    operation_id = "remove_passkey",
    tag = "passkeys",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The passkey's id")),
    responses(
        (status = 204, description = "Removed: it no longer signs in or signs anything"),
        (status = 400, description = "`bad_request`: the id is not a number", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such passkey of the caller's", body = ErrorBody),
    )
)]
pub async fn remove_passkey(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    if store::remove(&state.db, signed_in.account.id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// Starts signing in with a passkey: a challenge any of this site's passkeys on the device may answer.
#[utoipa::path(
    post,
    path = "/api/auth/passkey/start",
    operation_id = "start_passkey_sign_in",
    tag = "auth",
    responses(
        (status = 200, description = "The options for `navigator.credentials.get`; answer within five minutes", body = PasskeyChallenge),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: passkeys are off", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many ceremonies waiting on the server", body = ErrorBody),
    )
)]
pub async fn start_passkey_sign_in(
    State(state): State<AppState>,
) -> Result<Json<PasskeyChallenge>, AppError> {
    let webauthn = state.passkeys.webauthn()?;
    let (rcr, authentication) = webauthn
        .start_discoverable_authentication()
        .map_err(internal)?;
    let ceremony = state.passkeys.wait(
        Ceremony::SignIn(Box::new(authentication)),
        state.clock.unix_seconds(),
    )?;
    Ok(Json(challenge(ceremony, rcr)))
}

/// The options of `get` for a ceremony.
pub fn challenge(ceremony: String, rcr: RequestChallengeResponse) -> PasskeyChallenge {
    let options = rcr.public_key;
    PasskeyChallenge {
        ceremony,
        challenge: b64url::encode(options.challenge.as_ref()),
        rp_id: options.rp_id,
        allow_credentials: options
            .allow_credentials
            .iter()
            .map(|c| b64url::encode(c.id.as_ref()))
            .collect(),
        timeout_ms: options.timeout.unwrap_or(300_000),
    }
}

/// Signs in with a passkey: a full session, as with the password, throttled the same way.
#[utoipa::path(
    post,
    path = "/api/auth/passkey/finish",
    operation_id = "finish_passkey_sign_in",
    tag = "auth",
    request_body = PasskeyAssertionFinish,
    responses(
        (status = 200, description = "Signed in: the session cookie is set, and the device cookie when this browser had none for the account (as `sign_in`)", body = Me,
         headers(("set-cookie" = String, description = "`__Host-lotsen_session=…` and possibly `__Host-lotsen_device=…`"))),
        (status = 400, description = "`malformed_json`, or `bad_request`: the device's answer cannot be read", body = ErrorBody),
        (status = 401, description = "`invalid_credentials`: no such passkey, or its answer does not verify", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: passkeys are off", body = ErrorBody),
        (status = 409, description = "`conflict`: `ceremony` `passkey_ceremony_expired` (unknown, used or expired: start again)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: as `sign_in` (per account after 5 failures, per client address after 300)", body = ErrorBody,
         headers(("retry-after" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn finish_passkey_sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    Json(request): Json<PasskeyAssertionFinish>,
) -> Result<Response, AppError> {
    let webauthn = state.passkeys.webauthn()?;
    let now = state.clock.unix_seconds();
    let credential = assertion(&request.credential)?;
    let Some(Ceremony::SignIn(authentication)) = state.passkeys.take(&request.ceremony, now) else {
        return Err(ceremony_expired());
    };
    let address_key = address_key(address);
    let credential_id = b64url::encode(credential.raw_id.as_ref());
    let Some(row) = store::by_credential(&state.db, &credential_id).await? else {
        limit(&state, &[&address_key], now)?;
        return Err(AppError::InvalidCredentials);
    };
    let device = known_device(&state, &headers, row.account_id).await?;
    let attempt = Attempt::start(
        &state,
        address_key,
        device,
        Key::Account(row.account_id),
        now,
    )?;
    let handle = webauthn
        .identify_discoverable_authentication(&credential)
        .ok()
        .and_then(|(handle, _)| account_of(handle));
    if handle != Some(row.account_id) {
        return Err(AppError::InvalidCredentials);
    }
    let mut passkey: webauthn_rs::prelude::Passkey =
        serde_json::from_str(&row.passkey).map_err(internal)?;
    let key = DiscoverableKey::from(&passkey);
    let result = webauthn
        .finish_discoverable_authentication(&credential, *authentication, &[key])
        .map_err(|error| {
            tracing::info!(%error, "passkey sign-in refused");
            AppError::InvalidCredentials
        })?;
    passkey.update_credential(&result);
    let json = serde_json::to_string(&passkey).map_err(internal)?;
    store::used(&state.db, row.id, &json, now).await?;
    attempt.succeed(&state, row.account_id, &headers).await
}
