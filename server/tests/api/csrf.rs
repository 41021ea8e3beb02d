//! Writes need the app's header and, when an Origin is sent, this server's origin.

use axum::http::Method;
use lotsen_api::ErrorCode;
use serde_json::json;

use crate::helpers::{DEMO_PASSWORD, KARIM, TestApp, request, valid_personnummer};

#[tokio::test]
async fn writes_without_the_header_or_from_another_origin_are_refused() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let sign_in = json!({ "login": KARIM, "password": DEMO_PASSWORD }).to_string();
    let youth = json!({
        "name": "Sara Lind",
        "personnummer": valid_personnummer(2007, 5, 14, 123),
        "email": "sara.lind@example.se",
    })
    .to_string();
    let json_type = ("content-type", "application/json");
    let app_header = ("x-requested-with", "lotsen");
    let cookie = ("cookie", karim.cookie.as_str());
    let host = ("host", "lotsen.local:8080");
    // The headers of a sign-in and of a registration that send an Origin.
    let sign_in_from = |origin| vec![json_type, app_header, host, ("origin", origin)];
    let register_from = |origin| vec![json_type, cookie, app_header, host, ("origin", origin)];
    type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, bool, &'a str);
    let cases: Vec<Case> = vec![
        (
            "/api/auth/sign-in",
            &sign_in,
            vec![json_type],
            false,
            "sign-in without the header",
        ),
        (
            "/api/auth/sign-in",
            &sign_in,
            vec![json_type, ("x-requested-with", "XMLHttpRequest")],
            false,
            "another value",
        ),
        (
            "/api/auth/sign-in",
            &sign_in,
            sign_in_from("https://evil.example"),
            false,
            "a cross-origin sign-in",
        ),
        (
            "/api/youth",
            &youth,
            vec![json_type, cookie],
            false,
            "a registration without the header",
        ),
        (
            "/api/youth",
            &youth,
            register_from("https://evil.example"),
            false,
            "a cross-origin registration",
        ),
        (
            "/api/youth",
            &youth,
            register_from("null"),
            false,
            "an opaque origin",
        ),
        (
            "/api/auth/sign-out",
            "",
            vec![cookie],
            false,
            "sign-out without the header",
        ),
        (
            "/api/auth/sign-in",
            &sign_in,
            sign_in_from("http://lotsen.local:8080"),
            true,
            "the Host's own origin",
        ),
        (
            "/api/auth/sign-in",
            &sign_in,
            sign_in_from("http://lotsen.test"),
            true,
            "the public URL's origin",
        ),
        (
            "/api/youth",
            &youth,
            vec![json_type, cookie, app_header],
            true,
            "the app's own request without Origin",
        ),
    ];
    for (path, body, headers, allowed, why) in cases {
        let response = app
            .send(request(
                Method::POST,
                path,
                &headers,
                body.to_owned().into(),
            ))
            .await;
        if allowed {
            assert!(
                response.status.is_success(),
                "{why}: {} {}",
                response.status,
                response.text()
            );
        } else {
            response.assert_error(ErrorCode::CsrfRejected, "sv");
        }
    }
    // The refused registration did nothing, the allowed one did.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts WHERE name = 'Sara Lind'")
            .await,
        1
    );
    // The refused sign-out did not end the session.
    assert!(app.me(&karim).await.is_ok());
}

#[tokio::test]
async fn reads_need_no_header() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let response = app
        .get_with(
            "/api/youth",
            &[
                ("cookie", &karim.cookie),
                ("origin", "https://evil.example"),
            ],
        )
        .await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("access-control-allow-origin"),
        None,
        "no CORS"
    );
}
