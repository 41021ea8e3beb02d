//! Signing in: one answer for every wrong login, rate limits per account and per address.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::Method;
use lotsen_api::account::{Me, Profession, Role};
use lotsen_api::{ErrorBody, ErrorCode};
use serde_json::json;

use crate::helpers::{
    APP_HEADER, DEMO_PASSWORD, KARIM, TestApp, TestResponse, message, request, valid_personnummer,
};

/// Signs in from `address`, as a real server would see it.
async fn sign_in_from(app: &TestApp, address: &str, login: &str, password: &str) -> TestResponse {
    let mut req = request(
        Method::POST,
        "/api/auth/sign-in",
        &[("content-type", "application/json"), APP_HEADER],
        json!({ "login": login, "password": password })
            .to_string()
            .into(),
    );
    let addr: SocketAddr = format!("{address}:50000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    app.send(req).await
}

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
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let me: Me = response.json();
    assert_eq!(me.role, Role::Staff);
    assert_eq!(me.name, "Karim Haddad");
    assert_eq!(me.profession, Some(Profession::ContactPerson));
    assert!(!me.is_admin);
    assert_eq!(app.me(&response.session()).await, Ok(me));
}

#[tokio::test]
async fn a_phone_number_is_a_login_too() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let created = app
        .register(
            &karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2008, 2, 3, 456), "phone": "+46 70 765 43 21" }),
        )
        .await;
    app.accept(
        created.invitation.link.as_deref().unwrap(),
        "nils-har-ett-losenord",
    )
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
async fn an_account_is_locked_for_15_minutes_after_5_failures() {
    let app = TestApp::with_demo().await;
    for attempt in 1..=5 {
        app.sign_in(KARIM, "fel-losenord")
            .await
            .assert_error(ErrorCode::InvalidCredentials, "sv");
        assert!(attempt <= 5);
        app.advance(Duration::from_secs(30));
    }
    // 2.5 minutes have passed since the first failure: 12.5 minutes to go.
    let right_password = app.sign_in(KARIM, DEMO_PASSWORD).await;
    assert_limited(&right_password, 13, "even the right password waits");
    let other_form = app
        .sign_in("KARIM.HADDAD@lotsen.example", "fel-losenord")
        .await;
    assert_limited(&other_form, 13, "the account, not the spelling, is counted");
    // Someone else is not affected.
    app.session("anna.andersson@lotsen.example", DEMO_PASSWORD)
        .await;

    app.advance(Duration::from_secs(13 * 60));
    app.session(KARIM, DEMO_PASSWORD).await;
}

#[tokio::test]
async fn unknown_logins_are_limited_like_accounts() {
    let app = TestApp::with_demo().await;
    for _ in 0..5 {
        app.sign_in("nobody@lotsen.example", "fel-losenord").await;
    }
    assert_limited(
        &app.sign_in("nobody@lotsen.example", "fel-losenord").await,
        15,
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
async fn an_address_is_limited_after_20_failures() {
    let app = TestApp::with_demo().await;
    for i in 0..20 {
        let response = sign_in_from(
            &app,
            "192.0.2.7",
            &format!("guess{i}@lotsen.example"),
            "fel-losenord",
        )
        .await;
        response.assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    let response = sign_in_from(&app, "192.0.2.7", KARIM, DEMO_PASSWORD).await;
    assert_limited(&response, 15, "the 21st attempt from the address");
    let other = sign_in_from(&app, "192.0.2.8", KARIM, DEMO_PASSWORD).await;
    assert_eq!(other.status, 200, "another address: {}", other.text());
    app.advance(Duration::from_secs(15 * 60));
    let later = sign_in_from(&app, "192.0.2.7", KARIM, DEMO_PASSWORD).await;
    assert_eq!(later.status, 200, "15 minutes later: {}", later.text());
}

#[tokio::test]
async fn a_real_server_counts_failures_per_client_address() {
    let app = TestApp::with_demo().await;
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
    assert_eq!(body.message, "Too many attempts. Try again in 15 min.");
}
