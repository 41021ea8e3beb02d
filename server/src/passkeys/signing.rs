//! Signing an application with a passkey, bound to the text: the challenge
//! is SHA-256(document hash (64 hex digits, as text) ‖ a 32-byte server
//! nonce), so the assertion says "this person, on this device, approved this
//! document". What the authenticator returned is kept with the nonce and a
//! copy of the public key ([`Evidence`]); [`verify`] checks it again at any
//! time without the server's configuration.

use lotsen_api::passkey::{PasskeyAssertionFinish, PasskeyChallenge, b64url};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use webauthn_rs::prelude::COSEKey;

use super::{CEREMONY_SECONDS, Ceremony, store};
use crate::AppState;
use crate::auth::rate_limit::Key;
use crate::error::AppError;

/// A signature made with a passkey, as stored (base64url, the key as JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub credential_id: String,
    /// webauthn-rs's `COSEKey`, as JSON.
    pub public_key: String,
    pub nonce: String,
    pub authenticator_data: String,
    pub client_data_json: String,
    pub signature: String,
}

/// The challenge for signing the document whose hash is `document_hash`.
pub fn challenge(document_hash: &str, nonce: &[u8]) -> Vec<u8> {
    Sha256::new()
        .chain_update(document_hash.as_bytes())
        .chain_update(nonce)
        .finalize()
        .to_vec()
}

#[derive(Deserialize)]
struct ClientData {
    #[serde(rename = "type")]
    kind: String,
    challenge: String,
    origin: String,
}

/// Whether `evidence` is a valid signature of the document `document_hash`:
/// an assertion (`webauthn.get`) for the challenge of that hash and the
/// stored nonce, from the relying party its origin names, with the person
/// present and verified, signed by the stored public key.
pub fn verify(evidence: &Evidence, document_hash: &str) -> bool {
    origin_if_valid(evidence, document_hash).is_some()
}

/// The origin the signature was made on, if it is valid ([`verify`]).
fn origin_if_valid(evidence: &Evidence, document_hash: &str) -> Option<String> {
    let nonce = b64url::decode(&evidence.nonce)?;
    let authenticator_data = b64url::decode(&evidence.authenticator_data)?;
    let client_data_json = b64url::decode(&evidence.client_data_json)?;
    let signature = b64url::decode(&evidence.signature)?;
    let key: COSEKey = serde_json::from_str(&evidence.public_key).ok()?;
    let client: ClientData = serde_json::from_slice(&client_data_json).ok()?;
    let expected = challenge(document_hash, &nonce);
    let host = url::Url::parse(&client.origin).ok()?.host_str()?.to_owned();
    let rp_id_hash = Sha256::digest(host.as_bytes());
    let flags = *authenticator_data.get(32)?;
    let well_formed = client.kind == "webauthn.get"
        && b64url::decode(&client.challenge)? == expected
        && authenticator_data.get(..32)? == rp_id_hash.as_slice()
        && flags & 0x05 == 0x05;
    if !well_formed {
        return None;
    }
    let mut signed = authenticator_data;
    signed.extend(Sha256::digest(&client_data_json));
    key.verify_signature(&signature, &signed)
        .ok()?
        .then_some(client.origin)
}

/// Starts signing `application_id` at `document_hash` with one of
/// `account_id`'s passkeys: 409 `passkey` `passkey_missing` if they have none.
pub async fn start(
    state: &AppState,
    account_id: i64,
    application_id: i64,
    document_hash: &str,
) -> Result<PasskeyChallenge, AppError> {
    state.passkeys.webauthn()?;
    let rows = store::list(&state.db, account_id).await?;
    if rows.is_empty() {
        return Err(AppError::conflict("passkey", "passkey_missing"));
    }
    let mut nonce = [0u8; 32];
    getrandom::getrandom(&mut nonce).map_err(|e| AppError::Internal(e.to_string()))?;
    let challenge = b64url::encode(&challenge(document_hash, &nonce));
    let ceremony = state.passkeys.wait(
        Ceremony::Sign {
            account_id,
            application_id,
            document_hash: document_hash.to_owned(),
            nonce: b64url::encode(&nonce),
        },
        state.clock.unix_seconds(),
    )?;
    Ok(PasskeyChallenge {
        ceremony,
        challenge,
        rp_id: state.passkeys.rp_id().to_owned(),
        allow_credentials: rows.iter().map(|r| r.credential_id.clone()).collect(),
        timeout_ms: u32::try_from(CEREMONY_SECONDS * 1000).unwrap_or(u32::MAX),
    })
}

/// Checks a passkey's answer for signing `application_id` at `document_hash`
/// by `account_id`: the evidence to store. Counted like a password re-entry
/// (429 after 5 failures); 409 `ceremony` `passkey_ceremony_expired` for
/// another ceremony, 422 `passkey` `passkey_wrong` when it does not verify.
pub async fn finish(
    state: &AppState,
    account_id: i64,
    application_id: i64,
    document_hash: &str,
    answer: &PasskeyAssertionFinish,
) -> Result<Evidence, AppError> {
    state.passkeys.webauthn()?;
    let now = state.clock.unix_seconds();
    let credential = &answer.credential;
    let raw_id = super::decode(&credential.id)?;
    for part in [
        &credential.client_data_json,
        &credential.authenticator_data,
        &credential.signature,
    ] {
        super::decode(part)?;
    }
    let nonce = match state.passkeys.take(&answer.ceremony, now) {
        Some(Ceremony::Sign {
            account_id: a,
            application_id: id,
            document_hash: hash,
            nonce,
        }) if a == account_id && id == application_id && hash == document_hash => nonce,
        _ => return Err(AppError::conflict("ceremony", "passkey_ceremony_expired")),
    };
    let key = Key::Reentry(account_id);
    crate::auth::limit(state, &[&key], now)?;
    let wrong = || AppError::invalid_field("passkey", "passkey_wrong");
    let row = store::by_credential(&state.db, &b64url::encode(&raw_id))
        .await?
        .filter(|row| row.account_id == account_id)
        .ok_or_else(wrong)?;
    let passkey: webauthn_rs::prelude::Passkey =
        serde_json::from_str(&row.passkey).map_err(|e| AppError::Internal(e.to_string()))?;
    let evidence = Evidence {
        credential_id: row.credential_id.clone(),
        public_key: serde_json::to_string(passkey.get_public_key())
            .map_err(|e| AppError::Internal(e.to_string()))?,
        nonce,
        authenticator_data: credential.authenticator_data.clone(),
        client_data_json: credential.client_data_json.clone(),
        signature: credential.signature.clone(),
    };
    if origin_if_valid(&evidence, document_hash).as_deref()
        != Some(state.settings.public_origin.as_str())
    {
        return Err(wrong());
    }
    // The signature counter, as at sign-in: moved on, or the authenticator
    // may be a copy (refused, as webauthn-rs refuses such a sign-in).
    let counter = sign_count(&super::decode(&credential.authenticator_data)?).ok_or_else(wrong)?;
    let Some(updated) =
        counted(&row.passkey, counter).map_err(|e| AppError::Internal(e.to_string()))?
    else {
        tracing::warn!(
            passkey_id = row.id,
            "passkey signature counter went back: not signed"
        );
        return Err(wrong());
    };
    state.limiter.succeeded(&[&key], now);
    store::used(&state.db, row.id, &updated, now).await?;
    Ok(evidence)
}

/// The signature counter in authenticator data: the four bytes after the
/// relying party's hash (32) and the flags (1), big-endian.
pub fn sign_count(authenticator_data: &[u8]) -> Option<u32> {
    let bytes: [u8; 4] = authenticator_data.get(33..37)?.try_into().ok()?;
    Some(u32::from_be_bytes(bytes))
}

/// The stored passkey (webauthn-rs' JSON, `{"cred": {…, "counter": n}}`)
/// with its counter moved on to `counter`; unchanged when neither counts
/// (a synchronised passkey keeps 0); `None` when the counter did not move on
/// past the stored one, which may mean a copied authenticator.
pub fn counted(passkey: &str, counter: u32) -> Result<Option<String>, serde_json::Error> {
    let mut value: serde_json::Value = serde_json::from_str(passkey)?;
    let stored = value["cred"]["counter"].as_u64().unwrap_or(0);
    if counter == 0 && stored == 0 {
        return Ok(Some(passkey.to_owned()));
    }
    if u64::from(counter) <= stored {
        return Ok(None);
    }
    value["cred"]["counter"] = counter.into();
    serde_json::to_string(&value).map(Some)
}
