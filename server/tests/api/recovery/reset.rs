//! Forgot password: a reset answers the same for unknown logins and goes only
//! to the owner's address; its link sets the password once, ends every
//! session, tells the owner, expires after 30 minutes and is replaced by a
//! newer one; requests are limited per login and per address.

use std::time::Duration;

use axum::http::StatusCode;
use lotsen_api::ErrorCode;
use lotsen_api::account::PasswordResetAccepted;

use super::{
    Client, Limited, NEW_PASSWORD, ask_reset, complete, messages_to, reset_link_for, reset_token,
};
use crate::helpers::{DEMO_PASSWORD, ELSA, TestApp};
use serde_json::json;

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
    let everything = app.outbox_messages().await;
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
    let [phone, laptop] = app.demos([ELSA, ELSA]).await;
    let token = reset_link_for(&app, ELSA, ELSA).await;

    let too_common = complete(&app, &token, "password").await;
    too_common.assert_field_error(ErrorCode::Validation, "password_common");
    assert_eq!(complete(&app, &token, NEW_PASSWORD).await.status, 204);
    for session in [&phone, &laptop] {
        assert_eq!(app.me(session).await, Err(StatusCode::UNAUTHORIZED));
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
        Client::from(address).post(&app, "/api/auth/password-reset", json!({ "login": login }))
    };
    for i in 0..100 {
        let response = from(format!("guess{i}@lotsen.example"), "192.0.2.7").await;
        assert_eq!(response.status, 202, "{i}");
    }
    from("guess@lotsen.example".into(), "192.0.2.7")
        .await
        .assert_limited();
    let other = from("guess@lotsen.example".into(), "192.0.2.8").await;
    assert_eq!(other.status, 202);
}
