//! The app's one HTTP client: JSON to and from the server under `/api`.
//!
//! Every request says which language the answer should be in
//! (`Accept-Language`, the current UI language) and carries
//! `X-Requested-With: lotsen`, which the server requires on writes as a
//! defence against cross-site request forgery.

pub mod account;
pub mod applications;
pub mod booking;
pub mod feedback;
pub mod home;
pub mod passkeys;
pub mod phone;
pub mod register;
pub mod schedule;
pub mod staff;
pub mod timeline;

use std::fmt;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::use_context;
use lotsen_api::{ErrorBody, ErrorCode, Health, Lang};
use serde::Serialize;
use serde::de::DeserializeOwned;

use leptos_i18n::I18nContext;

use crate::i18n::Locale;
use crate::language::{from_lang, to_lang};

/// Where the server's API lives, relative to the app's origin.
pub const API_BASE: &str = "/api";

/// The header every request carries so the server can tell the app's own calls apart.
pub const REQUESTED_WITH: (&str, &str) = ("X-Requested-With", "lotsen");

/// Why an API call failed. [`ApiError::message`] is always fit to show to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The server answered with its error body; the message is in the language asked for.
    Server(ErrorBody),
    /// The server could not be reached (offline, DNS, refused connection, CORS).
    Network {
        /// The localized `errors.network` text.
        message: &'static str,
    },
    /// The server answered something this app cannot read.
    Unknown {
        /// The HTTP status, when there was a response.
        status: Option<u16>,
        /// The localized `errors.unknown` text.
        message: &'static str,
    },
}

impl ApiError {
    /// What went wrong, for a person, in the UI language.
    pub fn message(&self) -> &str {
        match self {
            Self::Server(body) => &body.message,
            Self::Network { message } | Self::Unknown { message, .. } => message,
        }
    }

    /// The server's error code, when the server sent one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Server(body) => Some(body.code),
            _ => None,
        }
    }

    /// The HTTP status, when there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Server(body) => Some(body.status),
            Self::Network { .. } => None,
            Self::Unknown { status, .. } => *status,
        }
    }

    /// The error for a non-2xx response whose body is `body`.
    pub fn from_response(status: u16, body: &str, lang: Lang) -> Self {
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(error) => Self::Server(error),
            Err(_) => Self::unknown(Some(status), lang),
        }
    }

    /// The server could not be reached.
    pub fn network(lang: Lang) -> Self {
        Self::Network {
            // Looked up directly, not through `error_message`: the main module
            // needs these two texts, the full table can stay in the page chunks.
            message: crate::i18n::td_string!(from_lang(lang), errors.network),
        }
    }

    /// Something this app cannot make sense of.
    pub fn unknown(status: Option<u16>, lang: Lang) -> Self {
        Self::Unknown {
            status,
            message: crate::i18n::td_string!(from_lang(lang), errors.unknown),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ApiError {}

/// A client for the server's API that asks for answers in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Api {
    lang: Lang,
    base: &'static str,
}

impl Api {
    /// A client for `/api` on the app's own origin, asking for answers in `lang`.
    pub fn new(lang: Lang) -> Self {
        Self::with_base(lang, API_BASE)
    }

    /// A client for the API at `base` (an absolute path or URL without a trailing slash).
    pub fn with_base(lang: Lang, base: &'static str) -> Self {
        Self { lang, base }
    }

    /// A client in the current UI language; Swedish outside the app's language context.
    pub fn current() -> Self {
        let locale = use_context::<I18nContext<Locale>>()
            .map(|i18n| i18n.get_locale_untracked())
            .unwrap_or(crate::language::DEFAULT);
        Self::new(to_lang(locale))
    }

    /// The language answers are asked for in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// `GET {base}{path}`, decoding a JSON answer.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let answer = self.fetch(Request::get(&self.url(path)), None).await?;
        self.decode(answer)
    }

    /// `GET {base}{path}` for an owned path: a future that borrows nothing,
    /// as the typed API functions of the features return.
    pub async fn read<T: DeserializeOwned>(self, path: String) -> Result<T, ApiError> {
        self.get(&path).await
    }

    /// `POST {base}{path}` with `body` as JSON, decoding a JSON answer.
    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send_json(Request::post(&self.url(path)), body).await
    }

    /// `PUT {base}{path}` with `body` as JSON, decoding a JSON answer.
    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send_json(Request::put(&self.url(path)), body).await
    }

    /// Sends `request` with `body` as JSON, decoding a JSON answer.
    async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        request: RequestBuilder,
        body: &B,
    ) -> Result<T, ApiError> {
        // Serialising the app's own request types cannot fail; if it ever did, it is a bug.
        let json = serde_json::to_string(body).map_err(|_| ApiError::unknown(None, self.lang))?;
        let answer = self.fetch(request, Some(json)).await?;
        self.decode(answer)
    }

    /// `POST {base}{path}` without a body, decoding a JSON answer (`()` for 204 No Content).
    pub async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let answer = self.fetch(Request::post(&self.url(path)), None).await?;
        self.decode(answer)
    }

    /// `DELETE {base}{path}`, decoding a JSON answer (`()` for 204 No Content).
    pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let answer = self.fetch(Request::delete(&self.url(path)), None).await?;
        self.decode(answer)
    }

    /// `GET /api/health`: whether the server and its database are up.
    pub async fn health(&self) -> Result<Health, ApiError> {
        self.get("/health").await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    fn prepare(&self, request: RequestBuilder) -> RequestBuilder {
        request
            .header("Accept", "application/json")
            .header("Accept-Language", self.lang.tag())
            .header(REQUESTED_WITH.0, REQUESTED_WITH.1)
    }

    /// Sends a request and reads the answer's status and text. Not generic, so
    /// that the wasm holds one copy of it however many answer types there are.
    async fn fetch(
        &self,
        request: RequestBuilder,
        json: Option<String>,
    ) -> Result<(u16, String), ApiError> {
        let request = self.prepare(request);
        let request = match json {
            Some(json) => request
                .header("Content-Type", "application/json")
                .body(json),
            None => request.build(),
        };
        self.send(request).await
    }

    /// Sends a built request and reads the answer's status and text (not
    /// generic either; [`Api::fetch`] and the register's file upload use it).
    async fn send(
        &self,
        request: Result<gloo_net::http::Request, gloo_net::Error>,
    ) -> Result<(u16, String), ApiError> {
        // Building fails only for a body the browser cannot take: a bug, not the network.
        let request = request.map_err(|_| ApiError::unknown(None, self.lang))?;
        let response = request
            .send()
            .await
            .map_err(|_| ApiError::network(self.lang))?;
        self.receive(response).await
    }

    /// An answer that came some other way (the session check `route.js`
    /// starts before the app has loaded), read and decoded as [`Api::get`]'s.
    pub async fn answered<T: DeserializeOwned>(
        &self,
        response: gloo_net::http::Response,
    ) -> Result<T, ApiError> {
        let answer = self.receive(response).await?;
        self.decode(answer)
    }

    /// Reads an answer's status and text; an error status is an [`ApiError`].
    async fn receive(&self, response: gloo_net::http::Response) -> Result<(u16, String), ApiError> {
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|_| ApiError::unknown(Some(status), self.lang))?;
        if !response.ok() {
            return Err(ApiError::from_response(status, &text, self.lang));
        }
        Ok((status, text))
    }

    fn decode<T: DeserializeOwned>(&self, (status, text): (u16, String)) -> Result<T, ApiError> {
        // An empty answer (204 No Content) reads as JSON `null`, so `()` fits it.
        let json = if text.trim().is_empty() {
            "null"
        } else {
            &text
        };
        serde_json::from_str(json).map_err(|_| ApiError::unknown(Some(status), self.lang))
    }
}
