//! Passkeys: registering one from My page, signing in with it (a full
//! session, throttled like the password), listing and removing them.

pub mod authenticator;
mod signing;

use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_api::account::Me;
use lotsen_api::passkey::{Passkey, PasskeyChallenge, PasskeyCreation};
use lotsen_server::Settings;
use serde_json::{Value, json};

use crate::helpers::{DEMO_PASSWORD, ELSA, KARIM, Session, TestApp, TestResponse};
use authenticator::SoftPasskey;

/// `POST /api/me/passkeys/start` naming the device `name`, as `session`.
async fn start(app: &TestApp, session: &Session, name: &str) -> TestResponse {
    app.post_as(
        "/api/me/passkeys/start",
        &json!({ "name": name }),
        Some(session),
    )
    .await
}

/// Registers a new software passkey named `name` for `session`.
pub async fn register(app: &TestApp, session: &Session, name: &str) -> (SoftPasskey, Passkey) {
    let mut device = SoftPasskey::new();
    let options: PasskeyCreation = start(app, session, name).await.assert_status(200).json();
    let answer = device.create(&options);
    let passkey: Passkey = app
        .post_as(
            "/api/me/passkeys/finish",
            &json!({ "ceremony": options.ceremony, "credential": answer }),
            Some(session),
        )
        .await
        .assert_status(201)
        .json();
    (device, passkey)
}

/// A sign-in challenge.
async fn challenge(app: &TestApp) -> PasskeyChallenge {
    app.post_as("/api/auth/passkey/start", &json!({}), None)
        .await
        .assert_status(200)
        .json()
}

/// `POST /api/auth/passkey/finish` of `credential` for `ceremony`, by nobody.
async fn finish(app: &TestApp, ceremony: &str, credential: impl serde::Serialize) -> TestResponse {
    let body = json!({ "ceremony": ceremony, "credential": credential });
    app.post_as("/api/auth/passkey/finish", &body, None).await
}

/// Signs in with `device`'s answer to a new challenge.
async fn sign_in(app: &TestApp, device: &mut SoftPasskey) -> TestResponse {
    let challenge = challenge(app).await;
    let answer = device.get(&challenge.challenge);
    finish(app, &challenge.ceremony, answer).await
}

async fn list(app: &TestApp, session: &Session) -> Vec<Passkey> {
    app.get_as("/api/me/passkeys", session)
        .await
        .assert_status(200)
        .json()
}

#[tokio::test]
async fn a_registered_passkey_signs_in_without_a_login_and_can_be_removed() {
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    let (mut device, passkey) = register(&app, &elsa, "  Min   telefon ").await;
    assert_eq!(passkey.name, "Min telefon");
    assert_eq!(passkey.last_used_at, None);
    let options: PasskeyCreation = start(&app, &elsa, "Surfplatta").await.json();
    assert_eq!(options.rp_id, "lotsen.test");
    assert_eq!(
        options.exclude_credentials,
        [lotsen_api::passkey::b64url::encode(&device.id)],
        "a passkey already registered is not registered twice"
    );

    let response = sign_in(&app, &mut device).await.assert_status(200);
    let me: Me = response.json();
    assert_eq!(me.name, "Elsa Nilsson");
    let session = response.session();
    assert_eq!(app.me(&session).await.unwrap().id, me.id, "a full session");
    let listed = list(&app, &session).await;
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at.is_some());

    app.delete_as(&format!("/api/me/passkeys/{}", passkey.id), &session)
        .await
        .assert_status(204);
    assert!(list(&app, &session).await.is_empty());
    sign_in(&app, &mut device)
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
    // The password stays.
    app.session(ELSA, DEMO_PASSWORD).await;
}

#[tokio::test]
async fn a_passkey_is_its_owners_alone() {
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    let karim = app.demo(KARIM).await;
    let (_, passkey) = register(&app, &elsa, "Min telefon").await;
    assert!(list(&app, &karim).await.is_empty());
    app.delete_as(&format!("/api/me/passkeys/{}", passkey.id), &karim)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    assert_eq!(list(&app, &elsa).await.len(), 1);
    // Elsa's ceremony cannot be finished by Karim with his own device.
    let options: PasskeyCreation = start(&app, &elsa, "x").await.json();
    let answer = SoftPasskey::new().create(&options);
    let body = json!({ "ceremony": options.ceremony, "credential": answer });
    app.post_as("/api/me/passkeys/finish", &body, Some(&karim))
        .await
        .assert_error(ErrorCode::Conflict, "sv");
    assert!(list(&app, &karim).await.is_empty());
}

#[tokio::test]
async fn a_ceremony_is_used_once_and_expires() {
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    let (mut device, _) = register(&app, &elsa, "Min telefon").await;
    let challenge = challenge(&app).await;
    let answer = device.get(&challenge.challenge);
    finish(&app, &challenge.ceremony, &answer)
        .await
        .assert_status(200);
    finish(&app, &challenge.ceremony, &answer)
        .await
        .assert_error(ErrorCode::Conflict, "sv");

    let challenge = self::challenge(&app).await;
    app.advance(Duration::from_secs(5 * 60));
    let answer = device.get(&challenge.challenge);
    finish(&app, &challenge.ceremony, &answer)
        .await
        .assert_error(ErrorCode::Conflict, "sv");
}

#[tokio::test]
async fn an_answer_to_another_challenge_or_forged_is_refused() {
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    let (mut device, _) = register(&app, &elsa, "Min telefon").await;
    let first = challenge(&app).await;
    let second = challenge(&app).await;
    finish(&app, &second.ceremony, device.get(&first.challenge))
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
    // Someone else's key under Elsa's credential id.
    let mut forger = SoftPasskey::new();
    forger.id = device.id.clone();
    forger.user_handle = device.user_handle.clone();
    let third = challenge(&app).await;
    let mut forged = forger.get(&third.challenge);
    forged.authenticator_data = device.get(&third.challenge).authenticator_data;
    finish(&app, &third.ceremony, forged)
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
}

#[tokio::test]
async fn a_passkey_sign_in_is_throttled_with_the_password() {
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    let (mut device, _) = register(&app, &elsa, "Min telefon").await;
    for _ in 0..5 {
        app.sign_in(ELSA, "fel-losenord").await.assert_status(401);
    }
    app.sign_in(ELSA, "fel-losenord").await.assert_status(429);
    let held_back = sign_in(&app, &mut device).await.assert_status(429);
    assert_eq!(held_back.json::<Value>()["code"], "rate_limited");
    app.advance(Duration::from_secs(60));
    sign_in(&app, &mut device).await.assert_status(200);
}

#[tokio::test]
async fn no_client_input_is_a_server_error() {
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    let options: PasskeyCreation = start(&app, &elsa, "Min telefon").await.json();
    let garbage = [
        json!({ "id": "!!", "client_data_json": "AA", "attestation_object": "AA" }),
        json!({ "id": "AAAA", "client_data_json": "e30", "attestation_object": "oA" }),
        json!({ "id": "AAAA", "client_data_json": "AAAA", "attestation_object": "AAAA" }),
    ];
    for credential in garbage {
        // A fresh ceremony each time: an answer that does not verify uses it up.
        let options: PasskeyCreation = start(&app, &elsa, "x").await.json();
        let body = json!({ "ceremony": options.ceremony, "credential": credential });
        let response = app
            .post_as("/api/me/passkeys/finish", &body, Some(&elsa))
            .await;
        assert_eq!(response.status, 400, "{credential}: {}", response.text());
    }
    let not_json = app
        .post_json("/api/me/passkeys/finish", "{\"ceremony\": ")
        .await;
    assert!(not_json.status.is_client_error());
    let body = json!({ "ceremony": options.ceremony, "credential": { "id": 1 } });
    app.post_as("/api/me/passkeys/finish", &body, Some(&elsa))
        .await
        .assert_error(ErrorCode::MalformedJson, "sv");
    let challenge = challenge(&app).await;
    let assertion: Value = json!({ "id": "AAAA", "client_data_json": "AAAA", "authenticator_data": "AAAA", "signature": "AAAA", "user_handle": "%%" });
    let response = finish(&app, &challenge.ceremony, assertion).await;
    assert_eq!(response.status, 400, "{}", response.text());
    start(&app, &elsa, "")
        .await
        .assert_error(ErrorCode::Validation, "sv");
}

#[tokio::test]
async fn passkeys_are_off_when_the_public_host_is_an_ip_address() {
    let app = TestApp::with_demo()
        .await
        .with_settings(Settings::new("http://127.0.0.1:8080"));
    let elsa = app.demo(ELSA).await;
    start(&app, &elsa, "x")
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    app.post_as("/api/auth/passkey/start", &json!({}), None)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
}
