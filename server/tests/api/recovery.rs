//! Accounts belong to their owner: no invitation over a password, forgotten
//! passwords reset only through the owner's own address, throttling that slows
//! down but never locks out (a known device goes on), client addresses behind
//! a trusted proxy, one re-entry count, and no secret in the log.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::helpers::internals::RateLimiter;
use axum::extract::ConnectInfo;
use axum::http::Method;
use lotsen_api::ErrorCode;
use lotsen_api::account::{DevOutboxMessage, InvitationSent, PasswordResetAccepted};
use lotsen_api::application::Application;
use lotsen_server::Settings;
use serde_json::json;

use crate::helpers::{
    ANNA, APP_HEADER, DEMO_PASSWORD, ELSA, KARIM, LogCapture, PER, SVEN, Session, TestApp,
    TestResponse, message, request, token_of, valid_personnummer,
};

const NEW_PASSWORD: &str = "ett-helt-nytt-losenord";

trait Limited {
    fn assert_limited(&self) -> lotsen_api::ErrorBody;
}

impl Limited for TestResponse {
    /// A 429 `rate_limited` with `Retry-After`.
    #[track_caller]
    fn assert_limited(&self) -> lotsen_api::ErrorBody {
        let body: lotsen_api::ErrorBody = self.json();
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

fn sara() -> serde_json::Value {
    json!({ "name": "Sara Lind", "personnummer": valid_personnummer(2007, 5, 14, 123), "email": "sara.lind@example.se" })
}

/// Asks for a reset of `login`, from the app, anonymously.
async fn ask_reset(app: &TestApp, login: &str) -> TestResponse {
    app.post_as("/api/auth/password-reset", &json!({ "login": login }), None)
        .await
}

async fn complete(app: &TestApp, token: &str, password: &str) -> TestResponse {
    app.post_as(
        "/api/auth/password-reset/complete",
        &json!({ "token": token, "password": password }),
        None,
    )
    .await
}

/// The outbox, newest first, read from the database (the test server shows
/// it to no one: `--dev-outbox` is off).
async fn dev_outbox(app: &TestApp) -> Vec<DevOutboxMessage> {
    app.state
        .db
        .outbox_entries(50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| DevOutboxMessage {
            id: e.id,
            to: e.to_address,
            subject: e.subject,
            body: e.body,
            created_at: crate::helpers::internals::rfc3339(e.created_at),
        })
        .collect()
}

/// Waits (the request's work is done after answering) for `count` messages to
/// `to` whose subject starts with `subject`; returns them, newest first.
async fn messages_to(
    app: &TestApp,
    to: &str,
    subject: &str,
    count: usize,
) -> Vec<DevOutboxMessage> {
    for _ in 0..200 {
        let found: Vec<DevOutboxMessage> = dev_outbox(app)
            .await
            .into_iter()
            .filter(|m| m.to == to && m.subject.starts_with(subject))
            .collect();
        if found.len() >= count {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no {count} message(s) '{subject}' to {to}");
}

/// The reset token in a message's link (`…/password-reset#<token>`).
fn reset_token(message: &DevOutboxMessage) -> String {
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
async fn reset_link_for(app: &TestApp, login: &str, to: &str) -> String {
    let before = messages_count(app, to).await;
    assert_eq!(ask_reset(app, login).await.status, 202);
    let messages = messages_to(app, to, "Återställ", before + 1).await;
    reset_token(&messages[0])
}

async fn messages_count(app: &TestApp, to: &str) -> usize {
    dev_outbox(app)
        .await
        .iter()
        .filter(|m| m.to == to && m.subject.starts_with("Återställ"))
        .count()
}

// ---- Finding 3: an invitation never replaces a password ----

#[tokio::test]
async fn reinviting_an_account_that_has_a_password_is_refused() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let created = app.register(&karim, sara()).await;
    let path = format!("/api/youth/{}/invitation", created.youth.id);
    // Before the invitation is accepted a new one may replace it.
    let again = app.post_empty_as(&path, Some(&karim)).await;
    assert_eq!(again.status, 201, "{}", again.text());
    let link = again.json::<InvitationSent>().link.unwrap();
    app.accept(&link, "saras-eget-losenord").await;

    for lang in ["sv", "en"] {
        let refused = app
            .send(request(
                Method::POST,
                &path,
                &[
                    APP_HEADER,
                    ("cookie", &karim.cookie),
                    ("accept-language", lang),
                ],
                axum::body::Body::empty(),
            ))
            .await;
        let body = refused.assert_error(ErrorCode::PasswordAlreadySet, lang);
        assert_eq!(body.message, message(lang, "password_already_set"));
    }
    let anna = app.demo(ANNA).await;
    app.post_empty_as(&path, Some(&anna))
        .await
        .assert_error(ErrorCode::PasswordAlreadySet, "sv");
    // Nothing was written: no new invitation, no audit entry of one.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM invitations WHERE account_id = {}",
            created.youth.id
        ))
        .await,
        2
    );
    app.session("sara.lind@example.se", "saras-eget-losenord")
        .await;
}

#[tokio::test]
async fn an_old_invitation_cannot_replace_a_password_set_meanwhile() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let created = app.register(&karim, sara()).await;
    let link = created.invitation.link.unwrap();
    let hash = crate::helpers::internals::hash_password("saras-eget-losenord");
    app.execute(&format!(
        "UPDATE accounts SET password_hash = '{hash}' WHERE id = {}",
        created.youth.id
    ))
    .await
    .unwrap();
    let sara = app
        .session("sara.lind@example.se", "saras-eget-losenord")
        .await;
    let token = token_of(&link);
    app.post_as("/api/invitations/inspect", &json!({ "token": token }), None)
        .await
        .assert_error(ErrorCode::PasswordAlreadySet, "sv");
    app.post_as(
        "/api/invitations/accept",
        &json!({ "token": token, "password": "nagon-annans-losenord" }),
        None,
    )
    .await
    .assert_error(ErrorCode::PasswordAlreadySet, "sv");
    assert!(app.me(&sara).await.is_ok(), "her session goes on");
    app.session("sara.lind@example.se", "saras-eget-losenord")
        .await;
}

// ---- Forgot password ----

#[tokio::test]
async fn a_reset_answers_the_same_for_unknown_logins_and_goes_only_to_the_owners_address() {
    let app = TestApp::with_demo().await;
    let known = ask_reset(&app, " Elsa.Nilsson@lotsen.example ").await;
    let cases = [
        "nobody@lotsen.example",
        "070-000 00 00",
        "not a login at all",
    ];
    for login in cases {
        let unknown = ask_reset(&app, login).await;
        assert_eq!(
            (unknown.status, &unknown.body),
            (known.status, &known.body),
            "{login}"
        );
    }
    assert_eq!(known.status, 202);
    assert_eq!(
        known.json::<PasswordResetAccepted>(),
        PasswordResetAccepted { accepted: true }
    );
    let sent = messages_to(&app, ELSA, "Återställ", 1).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].body.starts_with("Hej Elsa!"), "{}", sent[0].body);
    let everything = dev_outbox(&app).await;
    assert!(
        everything.iter().all(|m| m.to == ELSA),
        "only the owner gets a message: {everything:?}"
    );
    // Stored hashed: the token is nowhere in the table.
    let token = reset_token(&sent[0]);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM password_resets WHERE token_hash = '{token}'"
        ))
        .await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM password_resets").await, 1);
}

#[tokio::test]
async fn a_reset_link_sets_the_password_once_ends_every_session_and_tells_the_owner() {
    let app = TestApp::with_demo().await;
    let phone = app.demo(ELSA).await;
    let laptop = app.demo(ELSA).await;
    let token = reset_link_for(&app, ELSA, ELSA).await;

    let too_common = complete(&app, &token, "password").await;
    assert_eq!(
        too_common.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "password_common"
    );
    assert_eq!(complete(&app, &token, NEW_PASSWORD).await.status, 204);
    for session in [&phone, &laptop] {
        assert_eq!(
            app.me(session).await,
            Err(axum::http::StatusCode::UNAUTHORIZED)
        );
    }
    app.sign_in(ELSA, DEMO_PASSWORD)
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
    app.session(ELSA, NEW_PASSWORD).await;
    let notices = messages_to(&app, ELSA, "Ditt lösenord har ändrats", 1).await;
    assert!(
        !notices[0].body.contains("password-reset#"),
        "the notice holds no link to use: {}",
        notices[0].body
    );
    // Single use.
    complete(&app, &token, "ett-annat-nytt-losenord")
        .await
        .assert_error(ErrorCode::ResetLinkInvalid, "sv");
    for bad in ["AAAAAAAAAAAAAAAAAAAAAA", "", &"A".repeat(200)] {
        complete(&app, bad, NEW_PASSWORD)
            .await
            .assert_error(ErrorCode::ResetLinkInvalid, "sv");
    }
    app.session(ELSA, NEW_PASSWORD).await;
}

#[tokio::test]
async fn a_reset_link_expires_after_30_minutes_and_a_newer_one_replaces_it() {
    let app = TestApp::with_demo().await;
    let first = reset_link_for(&app, ELSA, ELSA).await;
    app.advance(Duration::from_secs(30 * 60));
    complete(&app, &first, NEW_PASSWORD)
        .await
        .assert_error(ErrorCode::ResetLinkInvalid, "sv");

    let second = reset_link_for(&app, ELSA, ELSA).await;
    let third = reset_link_for(&app, ELSA, ELSA).await;
    complete(&app, &second, NEW_PASSWORD)
        .await
        .assert_error(ErrorCode::ResetLinkInvalid, "sv");
    app.advance(Duration::from_secs(30 * 60 - 1));
    assert_eq!(complete(&app, &third, NEW_PASSWORD).await.status, 204);
}

#[tokio::test]
async fn reset_requests_are_limited_per_login_and_per_address() {
    let app = TestApp::with_demo().await;
    for _ in 0..3 {
        assert_eq!(ask_reset(&app, "nobody@lotsen.example").await.status, 202);
    }
    let limited = ask_reset(&app, "NOBODY@lotsen.example").await;
    limited.assert_limited();
    assert!(limited.header("retry-after").is_some());
    app.advance(Duration::from_secs(15 * 60));
    assert_eq!(ask_reset(&app, "nobody@lotsen.example").await.status, 202);

    let from = |login: String, address: &'static str| {
        let mut req = request(
            Method::POST,
            "/api/auth/password-reset",
            &[("content-type", "application/json"), APP_HEADER],
            json!({ "login": login }).to_string().into(),
        );
        let addr: SocketAddr = format!("{address}:50000").parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
        req
    };
    for i in 0..100 {
        let response = app
            .send(from(format!("guess{i}@lotsen.example"), "192.0.2.7"))
            .await;
        assert_eq!(response.status, 202, "{i}");
    }
    app.send(from("guess@lotsen.example".into(), "192.0.2.7"))
        .await
        .assert_limited();
    let other = app
        .send(from("guess@lotsen.example".into(), "192.0.2.8"))
        .await;
    assert_eq!(other.status, 202);
}

#[tokio::test]
async fn staff_send_a_reset_to_the_young_persons_own_address_and_never_see_the_link() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let path = format!("/api/youth/{elsa_id}/password-reset");
    let sent = app.post_empty_as(&path, Some(&karim)).await;
    assert_eq!(sent.status, 202, "{}", sent.text());
    assert!(!sent.text().contains("password-reset#"), "{}", sent.text());
    assert!(sent.json::<PasswordResetAccepted>().accepted);
    let messages = messages_to(&app, ELSA, "Återställ", 1).await;
    let token = reset_token(&messages[0]);
    // Staff who may not see her record cannot send one either.
    let sven = app.demo(SVEN).await;
    app.post_empty_as(&path, Some(&sven))
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE youth_id = {elsa_id} AND action = 'send_password_reset'"
        ))
        .await,
        1
    );
    // Only Elsa, with her own e-mail, can use it.
    assert_eq!(complete(&app, &token, NEW_PASSWORD).await.status, 204);
    app.session(ELSA, NEW_PASSWORD).await;
    // Someone with a phone number only cannot be sent one (no SMS yet).
    let nils = app
        .register(
            &karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2009, 1, 2, 345), "phone": "070-765 43 21" }),
        )
        .await;
    let no_email = app
        .post_empty_as(
            &format!("/api/youth/{}/password-reset", nils.youth.id),
            Some(&karim),
        )
        .await;
    assert_eq!(
        no_email.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "reset_no_email"
    );
}

#[tokio::test]
async fn the_dev_outbox_is_for_staff_only_with_dev_outbox_and_without_smtp() {
    let app = TestApp::with_demo().await;
    // A real deployment (no `--dev-outbox`): staff never see the outbox, whose
    // reset links would let them take over an account.
    let karim = app.demo(KARIM).await;
    app.get_as("/api/dev/outbox", &karim)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    let mut settings = Settings::new("http://lotsen.test");
    settings.dev_outbox = true;
    let app = app.with_settings(settings);
    let karim = app.demo(KARIM).await;
    let shown = app.get_as("/api/dev/outbox", &karim).await;
    assert_eq!(shown.status, 200, "{}", shown.text());
    let elsa = app.demo(ELSA).await;
    app.get_as("/api/dev/outbox", &elsa)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
    app.get("/api/dev/outbox")
        .await
        .assert_error(ErrorCode::Unauthenticated, "sv");
    let mut settings = Settings::new("http://lotsen.test");
    settings.email_delivery = true;
    settings.dev_outbox = true;
    let app = app.with_settings(settings);
    let karim = app.demo(KARIM).await;
    app.get_as("/api/dev/outbox", &karim)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
}

// ---- Finding 4: slow down, never lock out ----

/// The device cookie (`name=value`) a successful sign-in set.
fn device_cookie(response: &TestResponse) -> String {
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

async fn sign_in_with(app: &TestApp, cookie: &str, login: &str, password: &str) -> TestResponse {
    app.send(request(
        Method::POST,
        "/api/auth/sign-in",
        &[
            ("content-type", "application/json"),
            APP_HEADER,
            ("cookie", cookie),
        ],
        json!({ "login": login, "password": password })
            .to_string()
            .into(),
    ))
    .await
}

#[tokio::test]
async fn the_right_password_from_a_known_device_goes_on_while_an_attacker_guesses() {
    let app = TestApp::with_demo().await;
    let first = app.sign_in(KARIM, DEMO_PASSWORD).await;
    assert_eq!(first.status, 200);
    let device = device_cookie(&first);
    assert!(first.headers.get_all("set-cookie").iter().any(|v| {
        v.to_str()
            .unwrap()
            .contains("HttpOnly; Secure; SameSite=Lax")
            && v.to_str().unwrap().contains("Max-Age=31536000")
    }));
    // An attacker guesses for ten minutes, as fast as allowed.
    let mut limited = 0;
    for _ in 0..600 {
        let response = app.sign_in(KARIM, "fel-losenord").await;
        if response.status == 429 {
            limited += 1;
        } else {
            response.assert_error(ErrorCode::InvalidCredentials, "sv");
        }
        app.advance(Duration::from_secs(1));
    }
    assert!(
        limited > 500,
        "the attacker is slowed down: {limited} of 600 held back"
    );
    // Karim's own browser is not held back, and no new device cookie is needed.
    let known = sign_in_with(&app, &device, KARIM, DEMO_PASSWORD).await;
    assert_eq!(known.status, 200, "{}", known.text());
    assert_eq!(known.headers.get_all("set-cookie").iter().count(), 1);
    // A new device is slowed down, not locked out: it waits, then goes on.
    let new_device = app.sign_in(KARIM, DEMO_PASSWORD).await;
    let body = new_device.assert_limited();
    let wait = body.retry_after_seconds.unwrap();
    assert!(wait <= 300, "at most five minutes: {wait}");
    app.advance(Duration::from_secs(wait));
    assert_eq!(app.sign_in(KARIM, DEMO_PASSWORD).await.status, 200);
    // A device cookie of another account does not count for this one.
    let anna = app.sign_in(ANNA, DEMO_PASSWORD).await;
    for _ in 0..6 {
        app.sign_in(KARIM, "fel-losenord").await;
    }
    let borrowed = sign_in_with(&app, &device_cookie(&anna), KARIM, DEMO_PASSWORD).await;
    borrowed.assert_limited();
}

#[tokio::test]
async fn a_known_device_is_slowed_by_its_own_failures_only() {
    let app = TestApp::with_demo().await;
    let device = device_cookie(&app.sign_in(KARIM, DEMO_PASSWORD).await);
    for _ in 0..5 {
        sign_in_with(&app, &device, KARIM, "fel-losenord")
            .await
            .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    sign_in_with(&app, &device, KARIM, DEMO_PASSWORD)
        .await
        .assert_limited();
    assert_eq!(
        app.sign_in(KARIM, DEMO_PASSWORD).await.status,
        200,
        "other devices are not slowed by this one's failures"
    );
}

/// Signs in with TCP peer `peer` and these extra headers.
async fn sign_in_via(
    app: &TestApp,
    peer: &str,
    forwarded_for: Option<&str>,
    login: &str,
    password: &str,
) -> TestResponse {
    let mut headers = vec![("content-type", "application/json"), APP_HEADER];
    if let Some(value) = forwarded_for {
        headers.push(("x-forwarded-for", value));
    }
    let mut req = request(
        Method::POST,
        "/api/auth/sign-in",
        &headers,
        json!({ "login": login, "password": password })
            .to_string()
            .into(),
    );
    let addr: SocketAddr = format!("{peer}:50000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    app.send(req).await
}

/// A test app whose address limit is `per_address` failures.
async fn app_with_address_limit(per_address: usize, trusted: &[&str]) -> TestApp {
    let mut settings = Settings::new("http://lotsen.test");
    settings.trusted_proxies = trusted.iter().map(|a| a.parse().unwrap()).collect();
    let mut app = TestApp::with_demo().await.with_settings(settings);
    app.state.limiter = Arc::new(RateLimiter::new(per_address));
    app.router = lotsen_server::app(app.state.clone());
    app
}

#[tokio::test]
async fn an_address_is_held_back_after_its_limit_but_known_devices_go_on() {
    assert_eq!(crate::helpers::internals::PER_ADDRESS, 300);
    let app = app_with_address_limit(4, &[]).await;
    let device = device_cookie(&app.sign_in(KARIM, DEMO_PASSWORD).await);
    for i in 0..4 {
        sign_in_via(
            &app,
            "192.0.2.7",
            None,
            &format!("guess{i}@lotsen.example"),
            "x",
        )
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    sign_in_via(&app, "192.0.2.7", None, ANNA, DEMO_PASSWORD)
        .await
        .assert_limited();
    assert_eq!(
        sign_in_via(&app, "192.0.2.8", None, ANNA, DEMO_PASSWORD)
            .await
            .status,
        200,
        "another address"
    );
    let mut req = request(
        Method::POST,
        "/api/auth/sign-in",
        &[
            ("content-type", "application/json"),
            APP_HEADER,
            ("cookie", &device),
        ],
        json!({ "login": KARIM, "password": DEMO_PASSWORD })
            .to_string()
            .into(),
    );
    req.extensions_mut().insert(ConnectInfo(
        "192.0.2.7:50000".parse::<SocketAddr>().unwrap(),
    ));
    assert_eq!(
        app.send(req).await.status,
        200,
        "a known device behind the address"
    );
}

#[tokio::test]
async fn x_forwarded_for_counts_only_from_a_trusted_proxy() {
    let app = app_with_address_limit(3, &["10.0.0.1"]).await;
    // Behind the proxy: each client is counted on its own.
    for i in 0..3 {
        sign_in_via(
            &app,
            "10.0.0.1",
            Some("192.0.2.7"),
            &format!("g{i}@lotsen.example"),
            "x",
        )
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    sign_in_via(&app, "10.0.0.1", Some("192.0.2.7"), ANNA, DEMO_PASSWORD)
        .await
        .assert_limited();
    assert_eq!(
        sign_in_via(
            &app,
            "10.0.0.1",
            Some("198.51.100.1, 192.0.2.8"),
            ANNA,
            DEMO_PASSWORD
        )
        .await
        .status,
        200,
        "the proxy's nearest client counts, not what the client claimed"
    );
    // Anyone else's header is ignored: a new one each time does not help.
    for i in 0..3 {
        sign_in_via(
            &app,
            "203.0.113.5",
            Some(&format!("192.0.2.{}", 100 + i)),
            &format!("h{i}@lotsen.example"),
            "x",
        )
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    sign_in_via(
        &app,
        "203.0.113.5",
        Some("192.0.2.200"),
        ANNA,
        DEMO_PASSWORD,
    )
    .await
    .assert_limited();
}

// ---- Finding 5: one re-entry count per account ----

#[tokio::test]
async fn changing_the_password_signing_and_cosigning_share_one_attempt_count() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let per = app.demo(PER).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let application: Application = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": elsa_id, "content": {
                "situation": "nothing", "last_school": "", "school_status": "dropped_out",
                "help_with": ["work"], "contact_by": "email",
                "consents": { "school": true, "social_services": false, "employment_service": false, "youth_clinic": false }
            } }),
            Some(&karim),
        )
        .await
        .json();
    let change = |session: &Session, current: &str| {
        let body = json!({ "current_password": current, "new_password": NEW_PASSWORD });
        let session = session.clone();
        let app = &app;
        async move { app.post_as("/api/me/password", &body, Some(&session)).await }
    };
    let sign_path = format!("/api/applications/{}/sign", application.id);
    let sign = |password: &str| json!({ "password": password, "read": true, "document_hash": application.document_hash });
    for _ in 0..3 {
        change(&elsa, "fel-losenord")
            .await
            .assert_error(ErrorCode::Validation, "sv");
    }
    for _ in 0..2 {
        app.post_as(&sign_path, &sign("fel-losenord"), Some(&elsa))
            .await
            .assert_error(ErrorCode::Validation, "sv");
    }
    change(&elsa, DEMO_PASSWORD).await.assert_limited();
    app.post_as(&sign_path, &sign(DEMO_PASSWORD), Some(&elsa))
        .await
        .assert_limited();
    // Slowed down, not locked: a second later the right password works.
    app.advance(Duration::from_secs(1));
    let signed = app
        .post_as(&sign_path, &sign(DEMO_PASSWORD), Some(&elsa))
        .await;
    assert_eq!(signed.status, 200, "{}", signed.text());

    // Per's wrong current passwords count against his co-signing.
    for _ in 0..5 {
        change(&per, "fel-losenord")
            .await
            .assert_error(ErrorCode::Validation, "sv");
    }
    app.post_as(
        &format!("/api/applications/{}/cosign", application.id),
        &json!({ "password": DEMO_PASSWORD, "read": true, "document_hash": application.document_hash }),
        Some(&per),
    )
    .await
    .assert_limited();
}

// ---- Finding 7: no secret in the log ----

#[tokio::test]
async fn no_token_link_or_address_reaches_the_log() {
    let app = TestApp::with_demo().await;
    let logs = LogCapture::start();
    let signed_in = app.sign_in(KARIM, DEMO_PASSWORD).await;
    let karim = signed_in.session();
    let device = device_cookie(&signed_in);
    let created = app.register(&karim, sara()).await;
    let invitation = created.invitation.link.clone().unwrap();
    app.accept(&invitation, "saras-eget-losenord").await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    app.post_empty_as(
        &format!("/api/youth/{elsa_id}/password-reset"),
        Some(&karim),
    )
    .await;
    let reset = reset_link_for(&app, ELSA, ELSA).await;
    assert_eq!(complete(&app, &reset, NEW_PASSWORD).await.status, 204);
    app.sign_in(ELSA, "fel-losenord").await;
    app.session(ELSA, NEW_PASSWORD).await;
    let logged = logs.text();
    drop(logs);
    assert!(
        logged.contains("/api/auth/password-reset"),
        "the capture works: {logged}"
    );
    let secrets = [
        token_of(&invitation),
        invitation.clone(),
        reset.clone(),
        "/password-reset#".to_owned(),
        "/invitation#".to_owned(),
        karim.token().to_owned(),
        device.split_once('=').unwrap().1.to_owned(),
        "sara.lind@example.se".to_owned(),
        ELSA.to_owned(),
        KARIM.to_owned(),
    ];
    for secret in secrets {
        assert!(
            !logged.contains(&secret),
            "{secret} is in the log:\n{logged}"
        );
    }
}
