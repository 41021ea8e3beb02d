//! Sessions: rotated at sign-in, ended by signing out, idle and absolute timeouts,
//! and a password change ends the others.

use std::time::Duration;

use axum::http::StatusCode;
use lotsen_api::ErrorCode;
use serde_json::json;

use crate::helpers::{APP_HEADER, DEMO_PASSWORD, ELSA, KARIM, Session, TestApp, message, request};

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test]
async fn signing_in_again_rotates_the_token_and_ends_the_old_session() {
    let (app, first) = TestApp::with_demo_signed_in(ELSA).await;
    let response = app
        .send(request(
            axum::http::Method::POST,
            "/api/auth/sign-in",
            &[
                ("content-type", "application/json"),
                APP_HEADER,
                ("cookie", &first.cookie),
            ],
            json!({ "login": ELSA, "password": DEMO_PASSWORD })
                .to_string()
                .into(),
        ))
        .await;
    assert_eq!(response.status, 200);
    let second = response.session();
    assert_ne!(first, second, "a new token at every sign-in");
    assert_eq!(app.me(&first).await, Err(StatusCode::UNAUTHORIZED));
    assert!(app.me(&second).await.is_ok());
    // Only hashes are stored.
    let stored = app
        .count(&format!(
            "SELECT COUNT(*) FROM sessions WHERE token_hash = '{}'",
            second.token()
        ))
        .await;
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn made_up_and_ended_sessions_are_unauthenticated() {
    let app = TestApp::with_demo().await;
    let forged = Session {
        cookie: "__Host-lotsen_session=AAAAAAAAAAAAAAAAAAAAAA".into(),
    };
    app.get_as("/api/me", &forged)
        .await
        .assert_error(ErrorCode::Unauthenticated, "sv");
    app.get("/api/me")
        .await
        .assert_error(ErrorCode::Unauthenticated, "sv");
    let other_name = Session {
        cookie: format!("lotsen_session={}", app.demo(ELSA).await.token()),
    };
    assert_eq!(
        app.me(&other_name).await,
        Err(StatusCode::UNAUTHORIZED),
        "the insecure name is not read by default"
    );
}

#[tokio::test]
async fn a_session_ends_after_30_idle_minutes() {
    let (app, session) = TestApp::with_demo_signed_in(ELSA).await;
    for step in 1..=4 {
        app.advance(29 * MINUTE);
        assert!(
            app.me(&session).await.is_ok(),
            "used again after 29 minutes (step {step})"
        );
    }
    app.advance(30 * MINUTE);
    app.get_as("/api/me", &session)
        .await
        .assert_error(ErrorCode::Unauthenticated, "sv");
    app.advance(MINUTE);
    assert_eq!(
        app.me(&session).await,
        Err(StatusCode::UNAUTHORIZED),
        "and stays ended"
    );
}

#[tokio::test]
async fn a_session_ends_12_hours_after_signing_in_however_busy() {
    let (app, session) = TestApp::with_demo_signed_in(ELSA).await;
    for _ in 0..(12 * 3 - 1) {
        app.advance(20 * MINUTE);
        assert!(app.me(&session).await.is_ok());
    }
    app.advance(20 * MINUTE); // exactly 12 hours
    assert_eq!(app.me(&session).await, Err(StatusCode::UNAUTHORIZED));
    app.session(ELSA, DEMO_PASSWORD).await;
}

#[tokio::test]
async fn a_password_change_ends_every_other_session() {
    let app = TestApp::with_demo().await;
    let [phone, laptop] = app.demos([KARIM, KARIM]).await;
    let change =
        |current: &str, new: &str| json!({ "current_password": current, "new_password": new });
    let cases = [
        (
            change("fel-losenord", "ett-nytt-langt-losenord"),
            "current_password",
            "password_wrong",
            "a wrong current password",
        ),
        (
            change(DEMO_PASSWORD, "qwerty123"),
            "new_password",
            "password_common",
            "a common new password",
        ),
        (
            change(DEMO_PASSWORD, "kort"),
            "new_password",
            "password_too_short",
            "a short new password",
        ),
    ];
    for (body, field, code, why) in cases {
        let response = app.post_as("/api/me/password", &body, Some(&phone)).await;
        let error = response.assert_error(ErrorCode::Validation, "sv");
        assert_eq!(
            (
                error.fields[0].field.as_str(),
                error.fields[0].code.as_str()
            ),
            (field, code),
            "{why}"
        );
        assert_eq!(error.fields[0].message, message("sv", code), "{why}");
    }
    assert!(
        app.me(&laptop).await.is_ok(),
        "failed attempts change nothing"
    );

    app.post_as(
        "/api/me/password",
        &change(DEMO_PASSWORD, "ett-nytt-langt-losenord"),
        Some(&phone),
    )
    .await
    .assert_status(204);
    assert!(app.me(&phone).await.is_ok(), "this session goes on");
    assert_eq!(
        app.me(&laptop).await,
        Err(StatusCode::UNAUTHORIZED),
        "the other one ended"
    );
    app.sign_in(KARIM, DEMO_PASSWORD)
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
    app.session(KARIM, "ett-nytt-langt-losenord").await;
}

#[tokio::test]
async fn changing_the_password_needs_a_session() {
    let app = TestApp::with_demo().await;
    app.post_as(
        "/api/me/password",
        &json!({ "current_password": DEMO_PASSWORD, "new_password": "ett-nytt-langt-losenord" }),
        None,
    )
    .await
    .assert_error(ErrorCode::Unauthenticated, "sv");
}

#[tokio::test]
async fn insecure_cookies_drop_secure_and_the_host_prefix() {
    let app = TestApp::with_demo().await;
    let mut settings = lotsen_server::Settings::new("http://lotsen.intranet:8080");
    settings.insecure_cookies = true;
    let app = app.with_settings(settings);
    let response = app.sign_in(ELSA, DEMO_PASSWORD).await;
    let set_cookie = response.header("set-cookie").unwrap();
    assert!(set_cookie.starts_with("lotsen_session="), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "{set_cookie}");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"));
    let cookie = set_cookie.split(';').next().unwrap();
    let me = app.get_with("/api/me", &[("cookie", cookie)]).await;
    assert_eq!(me.status, 200);
}

#[tokio::test]
async fn sessions_are_deleted_thirty_days_after_signing_in() {
    let app = TestApp::with_demo().await;
    let [old, _recent] = app.demos([ELSA, KARIM]).await;
    let now = app.state.clock.unix_seconds();
    let month = crate::helpers::internals::SESSION_RETENTION_SECONDS;
    // Elsa's session began a month and a minute ago; Karim's a minute short of a month.
    let moved = app
        .execute(&format!(
            "UPDATE sessions SET created_at = {}, last_seen_at = {} WHERE token_hash = '{}'",
            now - month - 60,
            now - month - 60,
            crate::helpers::internals::hash_token(old.token())
        ))
        .await
        .unwrap();
    assert_eq!(moved, 1);
    app.execute(&format!(
        "UPDATE sessions SET created_at = {} WHERE token_hash <> '{}'",
        now - month + 60,
        crate::helpers::internals::hash_token(old.token())
    ))
    .await
    .unwrap();
    let before = app.count("SELECT COUNT(*) FROM sessions").await;
    let deleted = crate::helpers::internals::forget_old_sessions(&app.state.db, now)
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, before - 1);
    let left = app
        .count(&format!(
            "SELECT COUNT(*) FROM sessions WHERE token_hash = '{}'",
            crate::helpers::internals::hash_token(old.token())
        ))
        .await;
    assert_eq!(left, 0, "the old session is gone");
}

#[tokio::test]
async fn the_session_check_answers_anonymous_visitors_without_an_error() {
    let app = TestApp::with_demo().await;
    let anonymous = app.get("/api/auth/session").await;
    assert_eq!(anonymous.status, 204);
    assert!(anonymous.body.is_empty());
    let forged = Session {
        cookie: "__Host-lotsen_session=AAAAAAAAAAAAAAAAAAAAAA".into(),
    };
    assert_eq!(app.get_as("/api/auth/session", &forged).await.status, 204);
    let elsa = app.demo(ELSA).await;
    let signed_in = app.get_as("/api/auth/session", &elsa).await;
    assert_eq!(signed_in.status, 200);
    assert_eq!(
        signed_in.json::<lotsen_api::account::Me>(),
        app.me(&elsa).await.unwrap()
    );
    // An ended session is nobody, as for `GET /api/me` (401 there).
    app.advance(30 * MINUTE);
    assert_eq!(app.get_as("/api/auth/session", &elsa).await.status, 204);
    assert_eq!(app.me(&elsa).await, Err(StatusCode::UNAUTHORIZED));
}
