//! Slow down, never lock out: an attacker's guesses are held back while the
//! owner's known device goes on; a device is slowed by its own failures only;
//! an address is held back after its limit, counted behind a trusted proxy
//! only by the client the proxy names.

use std::sync::Arc;
use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_server::Settings;

use super::{Client, Limited, device_cookie};
use crate::helpers::internals::{PER_ADDRESS, RateLimiter};
use crate::helpers::{ANNA, DEMO_PASSWORD, KARIM, TestApp};

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
    let known = Client::default()
        .device(&device)
        .sign_in(&app, KARIM, DEMO_PASSWORD)
        .await
        .assert_status(200);
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
    let borrowed = Client::default()
        .device(&device_cookie(&anna))
        .sign_in(&app, KARIM, DEMO_PASSWORD)
        .await;
    borrowed.assert_limited();
}

#[tokio::test]
async fn a_known_device_is_slowed_by_its_own_failures_only() {
    let app = TestApp::with_demo().await;
    let device = device_cookie(&app.sign_in(KARIM, DEMO_PASSWORD).await);
    for _ in 0..5 {
        Client::default()
            .device(&device)
            .sign_in(&app, KARIM, "fel-losenord")
            .await
            .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    Client::default()
        .device(&device)
        .sign_in(&app, KARIM, DEMO_PASSWORD)
        .await
        .assert_limited();
    assert_eq!(
        app.sign_in(KARIM, DEMO_PASSWORD).await.status,
        200,
        "other devices are not slowed by this one's failures"
    );
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
    assert_eq!(PER_ADDRESS, 300);
    let app = app_with_address_limit(4, &[]).await;
    let device = device_cookie(&app.sign_in(KARIM, DEMO_PASSWORD).await);
    for i in 0..4 {
        Client::from("192.0.2.7")
            .sign_in(&app, &format!("guess{i}@lotsen.example"), "x")
            .await
            .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    Client::from("192.0.2.7")
        .sign_in(&app, ANNA, DEMO_PASSWORD)
        .await
        .assert_limited();
    assert_eq!(
        Client::from("192.0.2.8")
            .sign_in(&app, ANNA, DEMO_PASSWORD)
            .await
            .status,
        200,
        "another address"
    );
    assert_eq!(
        Client::from("192.0.2.7")
            .device(&device)
            .sign_in(&app, KARIM, DEMO_PASSWORD)
            .await
            .status,
        200,
        "a known device behind the address"
    );
}

#[tokio::test]
async fn x_forwarded_for_counts_only_from_a_trusted_proxy() {
    let app = app_with_address_limit(3, &["10.0.0.1"]).await;
    // Behind the proxy: each client is counted on its own.
    for i in 0..3 {
        Client::from("10.0.0.1")
            .forwarded_for("192.0.2.7")
            .sign_in(&app, &format!("g{i}@lotsen.example"), "x")
            .await
            .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    Client::from("10.0.0.1")
        .forwarded_for("192.0.2.7")
        .sign_in(&app, ANNA, DEMO_PASSWORD)
        .await
        .assert_limited();
    assert_eq!(
        Client::from("10.0.0.1")
            .forwarded_for("198.51.100.1, 192.0.2.8")
            .sign_in(&app, ANNA, DEMO_PASSWORD)
            .await
            .status,
        200,
        "the proxy's nearest client counts, not what the client claimed"
    );
    // Anyone else's header is ignored: a new one each time does not help.
    for i in 0..3 {
        Client::from("203.0.113.5")
            .forwarded_for(&format!("192.0.2.{}", 100 + i))
            .sign_in(&app, &format!("h{i}@lotsen.example"), "x")
            .await
            .assert_error(ErrorCode::InvalidCredentials, "sv");
    }
    Client::from("203.0.113.5")
        .forwarded_for("192.0.2.200")
        .sign_in(&app, ANNA, DEMO_PASSWORD)
        .await
        .assert_limited();
}
