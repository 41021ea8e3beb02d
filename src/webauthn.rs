//! The browser's passkeys (`navigator.credentials.create` and `get`) through
//! web-sys' typed WebAuthn bindings: the server's options in, the device's
//! answer out, binary values as base64url ([`b64url`]).
//!
//! Only the account pages (My page, sign-in) and the application's signing
//! call these, so they stay out of the first load.

use js_sys::{Array, ArrayBuffer, Object, Uint8Array};
use lotsen_api::passkey::{
    PasskeyAssertion, PasskeyAttestation, PasskeyChallenge, PasskeyCreation, b64url,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AuthenticatorAssertionResponse, AuthenticatorAttestationResponse,
    AuthenticatorSelectionCriteria, CredentialCreationOptions, CredentialRequestOptions,
    PublicKeyCredential, PublicKeyCredentialCreationOptions, PublicKeyCredentialDescriptor,
    PublicKeyCredentialParameters, PublicKeyCredentialRequestOptions, PublicKeyCredentialRpEntity,
    PublicKeyCredentialType, PublicKeyCredentialUserEntity, UserVerificationRequirement,
};

/// The device did not answer: the person cancelled, no passkey is there, the
/// browser has none of it, or the server sent something unreadable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceFailed;

impl From<JsValue> for DeviceFailed {
    fn from(_: JsValue) -> Self {
        Self
    }
}

fn bytes(text: &str) -> Result<Object, DeviceFailed> {
    let bytes = b64url::decode(text).ok_or(DeviceFailed)?;
    Ok(Uint8Array::from(bytes.as_slice()).into())
}

fn text(buffer: &ArrayBuffer) -> String {
    b64url::encode(&Uint8Array::new(buffer).to_vec())
}

fn descriptors(ids: &[String]) -> Result<JsValue, DeviceFailed> {
    let list = Array::new();
    for id in ids {
        list.push(&PublicKeyCredentialDescriptor::new(
            &bytes(id)?,
            PublicKeyCredentialType::PublicKey,
        ));
    }
    Ok(list.into())
}

fn credentials() -> Result<web_sys::CredentialsContainer, DeviceFailed> {
    Ok(web_sys::window()
        .ok_or(DeviceFailed)?
        .navigator()
        .credentials())
}

/// Waits for the device's answer to `asked` (a `create` or a `get`): the
/// credential and its response (`R`, the attestation or the assertion).
async fn answer<R: JsCast>(
    asked: Result<js_sys::Promise, JsValue>,
) -> Result<(PublicKeyCredential, R), DeviceFailed> {
    let credential: PublicKeyCredential = JsFuture::from(asked?).await?.dyn_into()?;
    let response = credential.response().dyn_into().map_err(|_| DeviceFailed)?;
    Ok((credential, response))
}

/// Makes a passkey on this device: discoverable (it signs in without a
/// login), verifying the person (fingerprint, face or the screen lock's code).
pub async fn create(options: &PasskeyCreation) -> Result<PasskeyAttestation, DeviceFailed> {
    let rp = PublicKeyCredentialRpEntity::new(&options.rp_name);
    rp.set_id(&options.rp_id);
    let user = PublicKeyCredentialUserEntity::new(
        &options.user_name,
        &options.user_display_name,
        &bytes(&options.user_id)?,
    );
    let algorithms = Array::new();
    for alg in &options.algorithms {
        algorithms.push(&PublicKeyCredentialParameters::new(
            *alg,
            PublicKeyCredentialType::PublicKey,
        ));
    }
    let selection = AuthenticatorSelectionCriteria::new();
    selection.set_resident_key("required");
    selection.set_require_resident_key(true);
    selection.set_user_verification(UserVerificationRequirement::Required);
    let public_key = PublicKeyCredentialCreationOptions::new(
        &bytes(&options.challenge)?,
        &algorithms,
        &rp,
        &user,
    );
    public_key.set_authenticator_selection(&selection);
    public_key.set_exclude_credentials(&descriptors(&options.exclude_credentials)?);
    public_key.set_timeout(options.timeout_ms);
    let request = CredentialCreationOptions::new();
    request.set_public_key(&public_key);
    let (credential, response): (_, AuthenticatorAttestationResponse) =
        answer(credentials()?.create_with_options(&request)).await?;
    Ok(PasskeyAttestation {
        id: text(&credential.raw_id()),
        client_data_json: text(&response.client_data_json()),
        attestation_object: text(&response.attestation_object()),
    })
}

/// Answers a challenge with a passkey on this device (any of this site's
/// when the challenge lists none), the person verified.
pub async fn get(challenge: &PasskeyChallenge) -> Result<PasskeyAssertion, DeviceFailed> {
    let public_key = PublicKeyCredentialRequestOptions::new(&bytes(&challenge.challenge)?);
    public_key.set_rp_id(&challenge.rp_id);
    public_key.set_allow_credentials(&descriptors(&challenge.allow_credentials)?);
    public_key.set_user_verification(UserVerificationRequirement::Required);
    public_key.set_timeout(challenge.timeout_ms);
    let request = CredentialRequestOptions::new();
    request.set_public_key(&public_key);
    let (credential, response): (_, AuthenticatorAssertionResponse) =
        answer(credentials()?.get_with_options(&request)).await?;
    Ok(PasskeyAssertion {
        id: text(&credential.raw_id()),
        client_data_json: text(&response.client_data_json()),
        authenticator_data: text(&response.authenticator_data()),
        signature: text(&response.signature()),
        user_handle: response.user_handle().map(|h| text(&h)),
    })
}
