//! Accounts belong to their owner, one finding per file: no invitation over a
//! password, forgotten passwords reset only through the owner's own address
//! (also when staff send the link), throttling that slows down but never
//! locks out (a known device goes on), client addresses behind a trusted
//! proxy, one re-entry count, and no secret in the log.

mod attempts;
mod invitations;
mod language;
mod log;
mod reset;
mod staff_reset;
mod throttling;

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::Method;
use lotsen_api::account::DevOutboxMessage;
use lotsen_api::{ErrorBody, ErrorCode};
use serde_json::{Value, json};

use crate::helpers::{APP_HEADER, TestApp, TestResponse, request, valid_personnummer};

/// The password the owners choose anew.
pub const NEW_PASSWORD: &str = "ett-helt-nytt-losenord";

/// A 429 `rate_limited` with `Retry-After`.
pub trait Limited {
    fn assert_limited(&self) -> ErrorBody;
}

impl Limited for TestResponse {
    #[track_caller]
    fn assert_limited(&self) -> ErrorBody {
        let body: ErrorBody = self.json();
        assert_eq!(
            (self.status.as_u16(), body.code),
            (429, ErrorCode::RateLimited),
            "{}",
            self.text()
        );
        let seconds = body.retry_after_seconds.expect("retry_after_seconds");
        assert_eq!(
            self.header("retry-after"),
            Some(seconds.to_string().as_str())
        );
        body
    }
}

/// Sara, 19, with an e-mail address (to register).
pub fn sara() -> Value {
    json!({ "name": "Sara Lind", "personnummer": valid_personnummer(2007, 5, 14, 123), "email": "sara.lind@example.se" })
}

/// Asks for a reset of `login`, from the app, anonymously.
pub async fn ask_reset(app: &TestApp, login: &str) -> TestResponse {
    app.post_as("/api/auth/password-reset", &json!({ "login": login }), None)
        .await
}

/// Sets a new password with a reset token.
pub async fn complete(app: &TestApp, token: &str, password: &str) -> TestResponse {
    app.post_as(
        "/api/auth/password-reset/complete",
        &json!({ "token": token, "password": password }),
        None,
    )
    .await
}

/// The messages to `to` whose subject starts with `subject`, newest first.
async fn messages_of(app: &TestApp, to: &str, subject: &str) -> Vec<DevOutboxMessage> {
    let mut messages = app.mail_to(to).await;
    messages.retain(|m| m.subject.starts_with(subject));
    messages
}

/// Waits (the request's work is done after answering) for `count` messages to
/// `to` whose subject starts with `subject`; returns them, newest first.
pub async fn messages_to(
    app: &TestApp,
    to: &str,
    subject: &str,
    count: usize,
) -> Vec<DevOutboxMessage> {
    for _ in 0..200 {
        let found = messages_of(app, to, subject).await;
        if found.len() >= count {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no {count} message(s) '{subject}' to {to}");
}

/// The reset token in a message's link (`…/password-reset#<token>`).
pub fn reset_token(message: &DevOutboxMessage) -> String {
    let (_, rest) = message
        .body
        .split_once("http://lotsen.test/password-reset#")
        .unwrap_or_else(|| panic!("no reset link: {}", message.body));
    rest.split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_owned()
}

/// A fresh reset link for `login` (whose address is `to`).
pub async fn reset_link_for(app: &TestApp, login: &str, to: &str) -> String {
    let before = messages_of(app, to, "Återställ").await.len();
    assert_eq!(ask_reset(app, login).await.status, 202);
    let messages = messages_to(app, to, "Återställ", before + 1).await;
    reset_token(&messages[0])
}

/// The device cookie (`name=value`) a successful sign-in set.
pub fn device_cookie(response: &TestResponse) -> String {
    response
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("__Host-lotsen_device="))
        .unwrap_or_else(|| panic!("no device cookie: {:?}", response.headers))
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// A browser as the server sees it: its TCP peer, an `X-Forwarded-For` it
/// sends, its device cookie; by default none of these.
#[derive(Clone, Copy, Default)]
pub struct Client<'a> {
    peer: Option<&'a str>,
    forwarded_for: Option<&'a str>,
    device: Option<&'a str>,
}

impl<'a> Client<'a> {
    /// Connecting from `address`.
    pub fn from(address: &'a str) -> Self {
        Self {
            peer: Some(address),
            ..Self::default()
        }
    }

    /// Sending `X-Forwarded-For: value`.
    pub fn forwarded_for(self, value: &'a str) -> Self {
        Self {
            forwarded_for: Some(value),
            ..self
        }
    }

    /// With a device cookie (`name=value`).
    pub fn device(self, cookie: &'a str) -> Self {
        Self {
            device: Some(cookie),
            ..self
        }
    }

    /// `POST path` with a JSON body from the app, anonymously.
    pub async fn post(self, app: &TestApp, path: &str, body: Value) -> TestResponse {
        let mut headers = vec![("content-type", "application/json"), APP_HEADER];
        if let Some(value) = self.forwarded_for {
            headers.push(("x-forwarded-for", value));
        }
        if let Some(cookie) = self.device {
            headers.push(("cookie", cookie));
        }
        let mut req = request(Method::POST, path, &headers, body.to_string().into());
        if let Some(peer) = self.peer {
            let addr: SocketAddr = format!("{peer}:50000").parse().unwrap();
            req.extensions_mut().insert(ConnectInfo(addr));
        }
        app.send(req).await
    }

    /// Signs in.
    pub async fn sign_in(self, app: &TestApp, login: &str, password: &str) -> TestResponse {
        let body = json!({ "login": login, "password": password });
        self.post(app, "/api/auth/sign-in", body).await
    }
}
