//! Passkeys: the caller's own (My page) and signing in with one. Each call
//! that needs the device asks the server, the device, then the server again.

use lotsen_api::account::Me;
use lotsen_api::application::{Application, PasskeySigningStart, SignRequest};
use lotsen_api::passkey::{
    Passkey, PasskeyAssertionFinish, PasskeyChallenge, PasskeyCreation, PasskeyRegistrationFinish,
    PasskeyRegistrationStart,
};

use super::{Api, ApiError};
use crate::language::from_lang;
use crate::webauthn::{self, DeviceFailed};

impl Api {
    /// The device did not answer: a message fit to show, in the UI language.
    fn device_failed(self, _: DeviceFailed) -> ApiError {
        ApiError::Unknown {
            status: None,
            message: crate::i18n::td_string!(from_lang(self.lang()), errors.passkey_device),
        }
    }

    /// `GET /me/passkeys`.
    pub async fn my_passkeys(self) -> Result<Vec<Passkey>, ApiError> {
        self.get("/me/passkeys").await
    }

    /// Registers a passkey on this device, named `name`
    /// (`POST /me/passkeys/start`, the device, `POST /me/passkeys/finish`).
    pub async fn add_passkey(self, name: String) -> Result<Passkey, ApiError> {
        let options: PasskeyCreation = self
            .post("/me/passkeys/start", &PasskeyRegistrationStart { name })
            .await?;
        let credential = webauthn::create(&options)
            .await
            .map_err(|e| self.device_failed(e))?;
        let finish = PasskeyRegistrationFinish {
            ceremony: options.ceremony,
            credential,
        };
        self.post("/me/passkeys/finish", &finish).await
    }

    /// `DELETE /me/passkeys/{id}`.
    pub async fn remove_passkey(self, id: i64) -> Result<(), ApiError> {
        self.delete(&format!("/me/passkeys/{id}")).await
    }

    /// Answers `challenge` with a passkey on this device.
    pub async fn answer_with_passkey(
        self,
        challenge: PasskeyChallenge,
    ) -> Result<PasskeyAssertionFinish, ApiError> {
        let credential = webauthn::get(&challenge)
            .await
            .map_err(|e| self.device_failed(e))?;
        Ok(PasskeyAssertionFinish {
            ceremony: challenge.ceremony,
            credential,
        })
    }

    /// Signs in with a passkey on this device, without a login
    /// (`POST /auth/passkey/start`, the device, `POST /auth/passkey/finish`).
    pub async fn sign_in_with_passkey(self) -> Result<Me, ApiError> {
        let challenge: PasskeyChallenge = self.post_empty("/auth/passkey/start").await?;
        let answer = self.answer_with_passkey(challenge).await?;
        self.post("/auth/passkey/finish", &answer).await
    }

    /// Signs or co-signs (`action`) application `id` with a passkey on this
    /// device: the challenge for the text read (`body.document_hash`), the
    /// device's answer, then the signature.
    pub async fn sign_with_passkey(
        self,
        id: i64,
        action: &str,
        mut body: SignRequest,
    ) -> Result<Application, ApiError> {
        let start = PasskeySigningStart {
            document_hash: body.document_hash.clone(),
        };
        let challenge: PasskeyChallenge = self
            .post(&format!("/applications/{id}/passkey-challenge"), &start)
            .await?;
        body.passkey = Some(self.answer_with_passkey(challenge).await?);
        self.application_action(id, action, Some(body)).await
    }
}
