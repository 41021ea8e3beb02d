//! Passkeys (WebAuthn, with webauthn-rs): registered from My page, used to
//! sign in without typing a login (a discoverable credential) and, instead of
//! re-entering the password, to sign an application (`applications`).
//!
//! The relying party is the host of `--public-url` (a passkey belongs to a
//! host name, never an IP address: with an IP address passkeys are off and
//! their routes answer 404). Ceremonies in progress wait in memory for their
//! answer, five minutes at most, and are used once: like the sign-in
//! throttle, a restart forgets them (the person tries again), and one
//! process serves a municipality.

pub mod routes;
pub mod signing;
pub mod store;

use std::collections::HashMap;
use std::sync::Mutex;

use lotsen_api::passkey::b64url;
use url::{Host, Url};
use webauthn_rs::prelude::{DiscoverableAuthentication, PasskeyRegistration, Uuid};
use webauthn_rs::{Webauthn, WebauthnBuilder};

use crate::auth::token;
use crate::error::AppError;

/// How long a ceremony waits for the device's answer.
pub const CEREMONY_SECONDS: i64 = 5 * 60;

/// At most this many ceremonies wait at once (a flood of anonymous starts
/// gets 429 rather than the server's memory).
const MAX_PENDING: usize = 10_000;

/// A ceremony waiting for its answer.
pub enum Ceremony {
    /// Registering a passkey for `account_id`, named `name`.
    Register {
        account_id: i64,
        name: String,
        state: Box<PasskeyRegistration>,
    },
    /// Signing in: whoever's passkey answers.
    SignIn(Box<DiscoverableAuthentication>),
    /// `account_id` signing `application_id` at `document_hash` ([`signing`]).
    Sign {
        account_id: i64,
        application_id: i64,
        document_hash: String,
        /// base64url.
        nonce: String,
    },
}

/// The relying party and the ceremonies in progress.
pub struct Passkeys {
    webauthn: Option<Webauthn>,
    rp_id: String,
    pending: Mutex<HashMap<String, (i64, Ceremony)>>,
}

impl std::fmt::Debug for Passkeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passkeys")
            .field("rp_id", &self.rp_id)
            .field("enabled", &self.webauthn.is_some())
            .finish_non_exhaustive()
    }
}

impl Passkeys {
    /// The relying party of `public_url`: its host, unless that is an IP
    /// address (then passkeys are off).
    pub fn new(public_url: &str) -> Self {
        let origin = Url::parse(public_url).ok();
        let rp_id = match origin.as_ref().and_then(Url::host) {
            Some(Host::Domain(domain)) => domain.to_owned(),
            _ => String::new(),
        };
        let webauthn = origin.filter(|_| !rp_id.is_empty()).and_then(|origin| {
            WebauthnBuilder::new(&rp_id, &origin)
                .and_then(|b| b.rp_name("Lotsen").build())
                .inspect_err(|error| tracing::warn!(%error, "passkeys are off"))
                .ok()
        });
        Self {
            webauthn,
            rp_id,
            pending: Mutex::default(),
        }
    }

    /// The relying party's id (the public host).
    pub fn rp_id(&self) -> &str {
        &self.rp_id
    }

    /// webauthn-rs, or 404 `not_found` when passkeys are off.
    pub fn webauthn(&self) -> Result<&Webauthn, AppError> {
        self.webauthn.as_ref().ok_or(AppError::NotFound)
    }

    /// Keeps `ceremony` until `now` + [`CEREMONY_SECONDS`]; its name.
    pub fn wait(&self, ceremony: Ceremony, now: i64) -> Result<String, AppError> {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        if pending.len() >= MAX_PENDING {
            pending.retain(|_, (expires, _)| *expires > now);
        }
        if pending.len() >= MAX_PENDING {
            return Err(AppError::RateLimited {
                retry_after_seconds: 60,
            });
        }
        let name = token::generate();
        pending.insert(name.clone(), (now + CEREMONY_SECONDS, ceremony));
        Ok(name)
    }

    /// Takes the ceremony `name` (once), if it has not expired.
    pub fn take(&self, name: &str, now: i64) -> Option<Ceremony> {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending
            .remove(name)
            .filter(|(expires, _)| *expires > now)
            .map(|(_, ceremony)| ceremony)
    }
}

/// An account's user handle: the same for all its passkeys, and nothing
/// personal (the account's row id).
pub fn user_handle(account_id: i64) -> Uuid {
    Uuid::from_u64_pair(0x6c6f_7473_656e, account_id.cast_unsigned())
}

/// The account a user handle names, if it is one of [`user_handle`]'s.
pub fn account_of(handle: Uuid) -> Option<i64> {
    let (high, low) = handle.as_u64_pair();
    (high == 0x6c6f_7473_656e).then_some(low.cast_signed())
}

/// A base64url value from the client: 400 `bad_request` if it is not one.
pub fn decode(text: &str) -> Result<Vec<u8>, AppError> {
    b64url::decode(text).ok_or(AppError::BadRequest)
}
