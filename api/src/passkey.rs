//! Passkeys (WebAuthn): registering one from My page, signing in with one
//! without typing a login, and listing and removing them.
//!
//! | Method | Path | operationId | Who |
//! |---|---|---|---|
//! | GET | `/api/me/passkeys` | `list_passkeys` | anyone signed in (→ `Vec<Passkey>`) |
//! | POST | `/api/me/passkeys/start` | `start_passkey_registration` | anyone signed in ([`PasskeyRegistrationStart`] → [`PasskeyCreation`]) |
//! | POST | `/api/me/passkeys/finish` | `finish_passkey_registration` | anyone signed in ([`PasskeyRegistrationFinish`] → [`Passkey`]) |
//! | DELETE | `/api/me/passkeys/{id}` | `remove_passkey` | the passkey's owner |
//! | POST | `/api/auth/passkey/start` | `start_passkey_sign_in` | anyone (→ [`PasskeyChallenge`]) |
//! | POST | `/api/auth/passkey/finish` | `finish_passkey_sign_in` | anyone ([`PasskeyAssertionFinish`] → `Me`) |
//!
//! Binary values (challenges, ids, the authenticator's answers) travel as
//! base64url without padding ([`b64url`]), as WebAuthn's JSON forms do.

use serde::{Deserialize, Serialize};

use crate::contact::FieldProblem;
use crate::text::{self, TextRule};

/// The longest name of a device.
pub const NAME_MAX: usize = 60;

/// The name a person gives the device a passkey is on: one line, required.
pub fn name(input: &str) -> Result<String, FieldProblem> {
    text::check(input, TextRule::line(NAME_MAX))
}

/// A passkey registered to the caller's account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Passkey {
    pub id: i64,
    /// The name the person gave the device.
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; absent until it is first used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
}

/// `POST /api/me/passkeys/start`: the device's name.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyRegistrationStart {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
    pub name: String,
}

/// What `navigator.credentials.create` needs (its `publicKey` options): a
/// passkey that verifies the person (user verification required) and can be
/// found by the device itself (a discoverable credential), ES256 or RS256.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyCreation {
    /// Names this ceremony in `finish` (five minutes).
    pub ceremony: String,
    /// base64url.
    pub challenge: String,
    /// The relying party: the public host.
    pub rp_id: String,
    pub rp_name: String,
    /// The account's user handle, base64url.
    pub user_id: String,
    pub user_name: String,
    pub user_display_name: String,
    /// COSE algorithm numbers, in order of preference.
    pub algorithms: Vec<i32>,
    /// The account's passkeys already registered (base64url ids).
    pub exclude_credentials: Vec<String>,
    pub timeout_ms: u32,
}

/// What `navigator.credentials.create` answered (base64url).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyAttestation {
    /// The credential's id.
    #[cfg_attr(feature = "openapi", schema(max_length = 1400, format = "base64url"))]
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 8000, format = "base64url"))]
    pub client_data_json: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 40000, format = "base64url"))]
    pub attestation_object: String,
}

/// `POST /api/me/passkeys/finish`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyRegistrationFinish {
    #[cfg_attr(feature = "openapi", schema(max_length = 64, format = "base64url"))]
    pub ceremony: String,
    pub credential: PasskeyAttestation,
}

/// What `navigator.credentials.get` needs (its `publicKey` options), user
/// verification required. Signing in: no credentials listed (the device
/// offers its own for this site).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyChallenge {
    /// Names this ceremony in `finish` (five minutes).
    pub ceremony: String,
    /// base64url.
    pub challenge: String,
    pub rp_id: String,
    /// base64url ids of the credentials that may answer (empty: any of this site's).
    pub allow_credentials: Vec<String>,
    pub timeout_ms: u32,
}

/// What `navigator.credentials.get` answered (base64url).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyAssertion {
    /// The credential's id.
    #[cfg_attr(feature = "openapi", schema(max_length = 1400, format = "base64url"))]
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 8000, format = "base64url"))]
    pub client_data_json: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 8000, format = "base64url"))]
    pub authenticator_data: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000, format = "base64url"))]
    pub signature: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200, format = "base64url"))]
    pub user_handle: Option<String>,
}

/// `POST /api/auth/passkey/finish`: the ceremony and the device's answer.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyAssertionFinish {
    #[cfg_attr(feature = "openapi", schema(max_length = 64, format = "base64url"))]
    pub ceremony: String,
    pub credential: PasskeyAssertion,
}

/// base64url without padding (RFC 4648 §5), the form WebAuthn's values take in JSON.
pub mod b64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// Encodes `bytes`.
    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            }
        }
        out
    }

    /// Decodes `text`; `None` if it is not base64url without padding.
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let value = |c: u8| ALPHABET.iter().position(|a| *a == c).map(|v| v as u32);
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        for chunk in text.as_bytes().chunks(4) {
            if chunk.len() == 1 {
                return None;
            }
            let mut n = 0u32;
            for (i, c) in chunk.iter().enumerate() {
                n |= value(*c)? << (18 - 6 * i);
            }
            for i in 0..chunk.len() - 1 {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::b64url;

    #[test]
    fn base64url_round_trips_every_length() {
        let bytes: Vec<u8> = (0..=255).collect();
        for len in 0..40 {
            let encoded = b64url::encode(&bytes[200 - len..200]);
            assert!(!encoded.contains('='));
            assert_eq!(b64url::decode(&encoded).unwrap(), &bytes[200 - len..200]);
        }
        assert_eq!(b64url::encode(b"\xfb\xff"), "-_8");
        assert_eq!(b64url::decode("A"), None);
        assert_eq!(b64url::decode("ab+/"), None);
    }

    #[test]
    fn a_device_name_is_one_required_line() {
        assert_eq!(super::name("  Min  telefon ").unwrap(), "Min telefon");
        assert!(super::name("   ").is_err());
        assert!(super::name(&"x".repeat(61)).is_err());
    }
}
