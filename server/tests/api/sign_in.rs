//! Signing in: one answer for every wrong login, slowing down per account and limits per address
//! (more in recovery.rs: known devices, trusted proxies).

use std::time::Duration;

use axum::http::Method;
use lotsen_api::account::{Me, Profession, Role};
use lotsen_api::{ErrorBody, ErrorCode};
use serde_json::json;

use crate::helpers::{
    APP_HEADER, DEMO_PASSWORD, KARIM, TestApp, TestResponse, message, request, valid_personnummer,
};

/// Asserts a 429 that says "try again in `minutes` min" with a matching Retry-After.
#[track_caller]
fn assert_limited(response: &TestResponse, minutes: u64, why: &str) {
    let body = response.json::<ErrorBody>();
    assert_eq!(
        (response.status.as_u16(), body.code),
        (429, ErrorCode::RateLimited),
        "{why}"
    );
    let expected =
        message("sv", "rate_limited_minutes").replace("{{ minutes }}", &minutes.to_string());
    assert_eq!(body.message, expected, "{why}");
    let seconds = body.retry_after_seconds.expect("retry_after_seconds");
    assert_eq!(seconds.div_ceil(60), minutes, "{why}");
    assert_eq!(
        response.header("retry-after"),
        Some(seconds.to_string().as_str()),
        "{why}"
    );
}

#[tokio::test]
async fn staff_sign_in_with_email_and_get_who_they_are() {
    let app = TestApp::with_demo().await;
    let response = app
        .sign_in(" Karim.Haddad@Lotsen.example ", DEMO_PASSWORD)
        .await
        .assert_status(200);
    let me: Me = response.json();
    assert_eq!(me.role, Role::Staff);
    assert_eq!(me.name, "Karim Haddad");
    assert_eq!(me.profession, Some(Profession::ContactPerson));
    assert!(!me.is_admin);
    assert_eq!(app.me(&response.session()).await, Ok(me));
}

#[tokio::test]
async fn a_phone_number_is_a_login_too() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let created = app
        .register(
            &karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2008, 2, 3, 456), "phone": "+46 70 765 43 21" }),
        )
        .await;
    app.accept_invitation(&created.invitation, "nils-har-ett-losenord")
        .await;
    for login in ["070-765 43 21", "0046707654321", "+46707654321"] {
        let response = app.sign_in(login, "nils-har-ett-losenord").await;
        assert_eq!(response.status, 200, "{login}: {}", response.text());
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_login_get_the_same_answer() {
    let app = TestApp::with_demo().await;
    let cases = [
        (KARIM, "fel-losenord", "a wrong password"),
        (
            "nobody@lotsen.example",
            DEMO_PASSWORD,
            "an unknown e-mail address",
        ),
        ("070-000 00 00", DEMO_PASSWORD, "an unknown phone number"),
        (
            "karim",
            DEMO_PASSWORD,
            "not an e-mail address or phone number",
        ),
        (KARIM, "", "no password"),
    ];
    let mut bodies = Vec::new();
    for (login, password, why) in cases {
        let response = app.sign_in(login, password).await;
        response.assert_error(ErrorCode::InvalidCredentials, "sv");
        assert_eq!(response.header("set-cookie"), None, "{why}");
        bodies.push((response.body.clone(), why));
    }
    for (body, why) in &bodies {
        assert_eq!(body, &bodies[0].0, "{why} answers like {}", bodies[0].1);
    }
}

#[tokio::test]
async fn an_account_slows_down_after_5_failures_and_is_never_locked() {
    let app = TestApp::with_demo().await;
    for _ in 1..=5 {
        app.sign_in(KARIM, "fel-losenord")
            .await
            .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    let right_password = app.sign_in(KARIM, DEMO_PASSWORD).await;
    assert_limited(&right_password, 1, "a new device waits a second");
    let other_form = app
        .sign_in("KARIM.HADDAD@lotsen.example", "fel-losenord")
        .await;
    assert_limited(&other_form, 1, "the account, not the spelling, is counted");
    // Someone else is not affected.
    app.session("anna.andersson@lotsen.example", DEMO_PASSWORD)
        .await;

    app.advance(Duration::from_secs(1));
    app.session(KARIM, DEMO_PASSWORD).await;
}

#[tokio::test]
async fn unknown_logins_are_slowed_like_accounts() {
    let app = TestApp::with_demo().await;
    for _ in 0..5 {
        app.sign_in("nobody@lotsen.example", "fel-losenord").await;
    }
    assert_limited(
        &app.sign_in("nobody@lotsen.example", "fel-losenord").await,
        1,
        "unknown login",
    );
}

#[tokio::test]
async fn a_successful_sign_in_resets_the_account_count() {
    let app = TestApp::with_demo().await;
    for round in 0..3 {
        for _ in 0..4 {
            app.sign_in(KARIM, "fel-losenord")
                .await
                .assert_error(ErrorCode::InvalidCredentials, "sv");
        }
        let response = app.sign_in(KARIM, DEMO_PASSWORD).await;
        assert_eq!(response.status, 200, "round {round}: {}", response.text());
    }
}

#[tokio::test]
async fn a_real_server_counts_failures_per_client_address() {
    let mut app = TestApp::with_demo().await;
    // 20 instead of 300 failures per address, to keep the test quick.
    app.state.limiter = std::sync::Arc::new(crate::helpers::internals::RateLimiter::new(20));
    let server = app.spawn_server().await;
    let client = reqwest::Client::new();
    let attempt = |login: String, password: &'static str| {
        client
            .post(server.url("/api/auth/sign-in"))
            .header("x-requested-with", "lotsen")
            .json(&json!({ "login": login, "password": password }))
            .send()
    };
    for i in 0..20 {
        let response = attempt(format!("guess{i}@lotsen.example"), "fel-losenord")
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
    }
    let limited = attempt(KARIM.into(), DEMO_PASSWORD).await.unwrap();
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    // In-process requests have no address and are counted apart.
    assert_eq!(app.sign_in(KARIM, DEMO_PASSWORD).await.status, 200);
}

#[tokio::test]
async fn the_limit_message_is_in_the_asked_language() {
    let app = TestApp::with_demo().await;
    for _ in 0..5 {
        app.sign_in(KARIM, "fel-losenord").await;
    }
    let response = app
        .send(request(
            Method::POST,
            "/api/auth/sign-in",
            &[
                ("content-type", "application/json"),
                ("accept-language", "en"),
                APP_HEADER,
            ],
            json!({ "login": KARIM, "password": "fel-losenord" })
                .to_string()
                .into(),
        ))
        .await;
    let body: ErrorBody = response.json();
    assert_eq!(body.message, "Too many attempts. Try again in 1 min.");
}
