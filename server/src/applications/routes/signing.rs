//! Signing: the young person signs with their password, every guardian
//! co-signs while the young person is under 18, or a guardian declines.

use axum::extract::{Path, State};
use lotsen_api::ErrorBody;
use lotsen_api::account::Role;
use lotsen_api::application::{
    Application, ApplicationStatus, CosignRequest, PasskeySigningStart, ReasonRequest, SignRequest,
};
use lotsen_api::passkey::{PasskeyAssertionFinish, PasskeyChallenge};

use super::{answer, content_of, document_conflict, is_minor, load, refused, status_conflict};
use crate::AppState;
use crate::applications::rules::{self, document};
use crate::applications::store::{self, ApplicationRecord, Notification, Reader, Signing};
use crate::auth::{Guardian, SignedIn, Youth};
use crate::error::AppError;
use crate::i18n::{Compose, Letter};
use crate::json::Json;
use crate::outbox::OutgoingMessage;
use crate::passkeys::signing::Evidence;

/// The hash of the application's canonical document, if it is the one the
/// signer read (`given`); 409 `document_changed` otherwise.
fn signed_hash(record: &ApplicationRecord, given: &str) -> Result<String, AppError> {
    let content = content_of(record)?;
    let (_, hash) = document(record.id, record.version, &record.youth_name, &content);
    if given == hash {
        Ok(hash)
    } else {
        Err(document_conflict())
    }
}

/// Re-checks that the caller is the signer: their passkey's answer to the
/// challenge for this application and `hash` (the evidence, to be kept), or
/// else their password. One attempt count per account, shared with changing
/// the password (see [`crate::auth::reenter_password`]).
async fn verify_signer(
    state: &AppState,
    account_id: i64,
    application_id: i64,
    hash: &str,
    (password, passkey): (String, Option<PasskeyAssertionFinish>),
) -> Result<Option<Evidence>, AppError> {
    match passkey {
        Some(answer) => {
            let evidence =
                crate::passkeys::signing::finish(state, account_id, application_id, hash, &answer)
                    .await?;
            Ok(Some(evidence))
        }
        None => {
            crate::auth::reenter_password(state, account_id, password, "password").await?;
            Ok(None)
        }
    }
}

/// A message for the outbox through the recipient's channel ([`crate::outbox::route`]),
/// when this server sends through it and they have an address for it.
async fn notification(
    state: &AppState,
    account_id: i64,
    letter: impl FnOnce(Compose) -> Letter,
) -> Result<Option<Notification>, AppError> {
    let Some((channel, address)) = crate::outbox::reach_account(state, account_id).await? else {
        tracing::info!(
            account_id,
            "notification not sent (no channel configured that they have an address for)"
        );
        return Ok(None);
    };
    Ok(Some(Notification {
        account_id,
        message: OutgoingMessage::new(channel.as_str(), &address, letter(channel.compose())),
    }))
}

/// The young person signs their application with their password.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/sign",
    operation_id = "sign_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = SignRequest,
    responses(
        (status = 200, description = "Signed. 18 or older on the signing day (Swedish date): `submitted`. Under 18: `waiting_for_guardians`, and every guardian gets a message to sign in and co-sign.", body = Application),
        (status = 400, description = "`malformed_json`, or `bad_request` (a passkey answer that is not base64url)", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `document_hash` `document_changed` (the text changed: read it again), `status` `application_status` (not a draft), `guardians` `guardians_missing` (under 18 and no guardian registered), `ceremony` `passkey_ceremony_expired` (with `passkey`: not the challenge of this application and text, used or expired)", body = ErrorBody),
        (status = 422, description = "`validation`: `read` `read_required`, `password` `password_wrong`, `passkey` `passkey_wrong` (not the caller's passkey, or its answer does not verify)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many wrong passwords or passkey answers; one count per account shared with changing the password and co-signing, slowed down after 5", body = ErrorBody),
    )
)]
pub async fn sign_application(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
    Json(request): Json<SignRequest>,
) -> Result<Json<Application>, AppError> {
    let me = youth.0.account.id;
    let record = load(&state, Reader::Youth(me), id).await?;
    if !request.read {
        return Err(AppError::invalid_field("read", "read_required"));
    }
    if record.status != ApplicationStatus::Draft {
        return Err(status_conflict());
    }
    let hash = signed_hash(&record, &request.document_hash)?;
    let given = (request.password, request.passkey);
    let passkey = verify_signer(&state, me, id, &hash, given).await?;
    let minor = is_minor(&state, &record.youth_personnummer);
    if minor && record.guardians.is_empty() {
        return Err(AppError::conflict("guardians", "guardians_missing"));
    }
    let mut notifications: Vec<Notification> = Vec::new();
    let guardians = if minor {
        record.guardians.as_slice()
    } else {
        &[]
    };
    for g in guardians {
        let url = &state.settings.public_url;
        let letter =
            |compose| rules::cosign_request(compose, url, &g.name, &record.youth_name, g.language);
        notifications.extend(notification(&state, g.id, letter).await?);
    }
    let signing = Signing {
        id,
        youth_id: me,
        version: record.version,
        document_hash: &hash,
        guardians_needed: minor,
        notifications: &notifications,
        passkey: passkey.as_ref(),
    };
    store::sign_application(&state.db, signing, state.clock.unix_seconds())
        .await
        .map_err(|e| refused(e, document_conflict))?;
    if !notifications.is_empty() {
        state.outbox.notify_one();
    }
    answer(&state, Reader::Youth(me), id).await
}

/// A guardian co-signs with their password.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/cosign",
    operation_id = "cosign_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = CosignRequest,
    responses(
        (status = 200, description = "Co-signed; once every guardian has, `submitted`", body = Application),
        (status = 400, description = "`malformed_json`, or `bad_request` (a passkey answer that is not base64url)", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a guardian) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: not an application the caller is asked to co-sign (or the young person is 18)", body = ErrorBody),
        (status = 409, description = "`conflict`: `document_hash` `document_changed`, `status` `application_status` (not waiting for guardians, or already co-signed), or `ceremony` `passkey_ceremony_expired` (with `passkey`)", body = ErrorBody),
        (status = 422, description = "`validation`: `read` `read_required`, `password` `password_wrong`, `passkey` `passkey_wrong`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many wrong passwords or passkey answers; one count per account shared with changing the password and signing, slowed down after 5", body = ErrorBody),
    )
)]
pub async fn cosign_application(
    State(state): State<AppState>,
    guardian: Guardian,
    Path(id): Path<i64>,
    Json(request): Json<CosignRequest>,
) -> Result<Json<Application>, AppError> {
    let me = guardian.0.account.id;
    let record = load(&state, Reader::Guardian(me), id).await?;
    if record.status != ApplicationStatus::WaitingForGuardians
        || record.signatures.iter().any(|s| s.signer_id == me)
    {
        return Err(status_conflict());
    }
    let hash = signed_hash(&record, &request.document_hash)?;
    if !request.read {
        return Err(AppError::invalid_field("read", "read_required"));
    }
    let given = (request.password, request.passkey);
    let passkey = verify_signer(&state, me, id, &hash, given).await?;
    let now = state.clock.unix_seconds();
    store::cosign_application(
        &state.db,
        id,
        me,
        record.version,
        &hash,
        passkey.as_ref(),
        now,
    )
    .await
    .map_err(|e| refused(e, document_conflict))?;
    answer(&state, Reader::Guardian(me), id).await
}

/// A guardian declines to co-sign, with a reason.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/guardian-decline",
    operation_id = "guardian_decline_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "Back to draft with every signature voided (timeline: `declined_by_guardian` with the reason, `signatures_voided`); the young person and the referrer get a message", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a guardian) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: not an application the caller is asked to co-sign", body = ErrorBody),
        (status = 409, description = "`conflict`: `status` `application_status` (not waiting for guardians)", body = ErrorBody),
        (status = 422, description = "`validation`: `reason` `required` or `too_long`", body = ErrorBody),
    )
)]
pub async fn guardian_decline_application(
    State(state): State<AppState>,
    guardian: Guardian,
    Path(id): Path<i64>,
    Json(request): Json<ReasonRequest>,
) -> Result<Json<Application>, AppError> {
    let me = guardian.0.account.id;
    let record = load(&state, Reader::Guardian(me), id).await?;
    let reason = lotsen_api::application::reason(&request.reason)
        .map_err(|p| AppError::invalid_field("reason", p.code()))?;
    if record.status != ApplicationStatus::WaitingForGuardians {
        return Err(status_conflict());
    }
    let mut notifications = Vec::new();
    for account_id in [record.youth_id, record.created_by] {
        if let Some(to) = store::account_address(&state.db, account_id).await? {
            let url = &state.settings.public_url;
            let letter = |compose| rules::guardian_declined(compose, url, &to.name, to.language);
            notifications.extend(notification(&state, account_id, letter).await?);
        }
    }
    let now = state.clock.unix_seconds();
    store::guardian_decline(&state.db, id, me, &reason, &notifications, now)
        .await
        .map_err(|e| refused(e, status_conflict))?;
    if !notifications.is_empty() {
        state.outbox.notify_one();
    }
    // The application is a draft again: no longer the guardian's to see, so the answer
    // is built from the young person's view of it.
    answer(&state, Reader::Youth(record.youth_id), id).await
}

/// A passkey challenge for signing (the young person) or co-signing (a
/// guardian) the text the caller read: SHA-256 of its hash and a nonce.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/passkey-challenge",
    operation_id = "application_passkey_challenge",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = PasskeySigningStart,
    responses(
        (status = 200, description = "The options for `navigator.credentials.get` (the caller's passkeys); answer within five minutes in `sign` or `cosign`'s `passkey`", body = PasskeyChallenge),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's application (or, for a guardian, not one they are asked to co-sign), or passkeys are off", body = ErrorBody),
        (status = 409, description = "`conflict`: `document_hash` `document_changed`, `status` `application_status` (nothing for the caller to sign), `passkey` `passkey_missing` (the caller has no passkey)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many ceremonies waiting on the server", body = ErrorBody),
    )
)]
pub async fn application_passkey_challenge(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Json(request): Json<PasskeySigningStart>,
) -> Result<Json<PasskeyChallenge>, AppError> {
    let me = signed_in.account.id;
    let (reader, status) = match signed_in.account.role {
        Role::Youth => (Reader::Youth(me), ApplicationStatus::Draft),
        Role::Guardian => (Reader::Guardian(me), ApplicationStatus::WaitingForGuardians),
        Role::Staff => return Err(AppError::Forbidden),
    };
    let record = load(&state, reader, id).await?;
    if record.status != status || record.signatures.iter().any(|s| s.signer_id == me) {
        return Err(status_conflict());
    }
    let hash = signed_hash(&record, &request.document_hash)?;
    let challenge = crate::passkeys::signing::start(&state, me, id, &hash).await?;
    Ok(Json(challenge))
}
