use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, StatusCode};
use axum::routing::get;
use lotsen_api::{ErrorBody, ErrorCode};
use tower::ServiceExt;

use crate::helpers::{TestApp, TestResponse, request};

/// A request that fails the same way whatever the language.
struct Case {
    why: &'static str,
    method: Method,
    path: &'static str,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    code: ErrorCode,
}

fn cases() -> Vec<Case> {
    let oversized = format!(
        r#"{{"token": "{}"}}"#,
        "1".repeat(lotsen_server::BODY_LIMIT)
    )
    .into_bytes();
    let json = Some("application/json");
    vec![
        Case {
            why: "not JSON at all",
            method: Method::POST,
            path: "/api/invitations/inspect",
            content_type: json,
            body: b"{personnummer: ".to_vec(),
            code: ErrorCode::MalformedJson,
        },
        Case {
            why: "JSON of the wrong shape",
            method: Method::POST,
            path: "/api/invitations/inspect",
            content_type: json,
            body: br#"{"token": 191212121212}"#.to_vec(),
            code: ErrorCode::MalformedJson,
        },
        Case {
            why: "a missing field",
            method: Method::POST,
            path: "/api/invitations/inspect",
            content_type: json,
            body: b"{}".to_vec(),
            code: ErrorCode::MalformedJson,
        },
        Case {
            why: "an empty body",
            method: Method::POST,
            path: "/api/invitations/inspect",
            content_type: json,
            body: Vec::new(),
            code: ErrorCode::MalformedJson,
        },
        Case {
            why: "a form instead of JSON",
            method: Method::POST,
            path: "/api/invitations/inspect",
            content_type: Some("application/x-www-form-urlencoded"),
            body: b"token=x".to_vec(),
            code: ErrorCode::UnsupportedMediaType,
        },
        Case {
            why: "no content type",
            method: Method::POST,
            path: "/api/invitations/inspect",
            content_type: None,
            body: br#"{"token": "x"}"#.to_vec(),
            code: ErrorCode::UnsupportedMediaType,
        },
        Case {
            why: "a body over the limit",
            method: Method::POST,
            path: "/api/invitations/inspect",
            content_type: json,
            body: oversized,
            code: ErrorCode::PayloadTooLarge,
        },
        Case {
            why: "an unknown API route",
            method: Method::GET,
            path: "/api/x",
            content_type: None,
            body: Vec::new(),
            code: ErrorCode::NotFound,
        },
        Case {
            why: "a deep unknown API route",
            method: Method::DELETE,
            path: "/api/health/x/y",
            content_type: None,
            body: Vec::new(),
            code: ErrorCode::NotFound,
        },
        Case {
            why: "the API root",
            method: Method::GET,
            path: "/api",
            content_type: None,
            body: Vec::new(),
            code: ErrorCode::NotFound,
        },
        Case {
            why: "a wrong method on a route",
            method: Method::POST,
            path: "/api/health",
            content_type: None,
            body: Vec::new(),
            code: ErrorCode::MethodNotAllowed,
        },
        Case {
            why: "GET on a POST route",
            method: Method::GET,
            path: "/api/invitations/inspect",
            content_type: None,
            body: Vec::new(),
            code: ErrorCode::MethodNotAllowed,
        },
    ]
}

async fn send(app: &TestApp, case: &Case, accept_language: Option<&str>) -> TestResponse {
    let mut headers = vec![crate::helpers::APP_HEADER];
    if let Some(content_type) = case.content_type {
        headers.push(("content-type", content_type));
    }
    if let Some(lang) = accept_language {
        headers.push(("accept-language", lang));
    }
    app.send(request(
        case.method.clone(),
        case.path,
        &headers,
        Body::from(case.body.clone()),
    ))
    .await
}

/// Sends `case` (with `accept_language`, if any): it fails with the status of
/// its code and an error body of its code in `lang`; that body.
async fn fails_with_its_code(
    app: &TestApp,
    case: &Case,
    accept_language: Option<&str>,
    lang: &str,
) -> ErrorBody {
    let response = send(app, case, accept_language).await;
    assert_eq!(
        response.status.as_u16(),
        case.code.status(),
        "{}: {}",
        case.why,
        response.text()
    );
    response.assert_error(case.code, lang)
}

#[tokio::test]
async fn failures_answer_with_the_error_body_in_swedish_by_default() {
    let app = TestApp::new().await;
    for case in cases() {
        let body = fails_with_its_code(&app, &case, None, "sv").await;
        assert!(body.fields.is_empty(), "{}", case.why);
    }
}

#[tokio::test]
async fn failures_answer_in_english_when_asked() {
    let app = TestApp::new().await;
    for case in cases() {
        fails_with_its_code(&app, &case, Some("en-GB,en;q=0.9,sv;q=0.5"), "en").await;
    }
}

#[tokio::test]
async fn unsupported_languages_get_swedish() {
    let app = TestApp::new().await;
    app.get_with("/api/nothing", &[("accept-language", "de-DE, fr;q=0.8")])
        .await
        .assert_error(ErrorCode::NotFound, "sv");
}

#[tokio::test]
async fn method_not_allowed_keeps_the_allow_header() {
    let app = TestApp::new().await;
    let response = app
        .send(request(
            Method::PUT,
            "/api/health",
            &[crate::helpers::APP_HEADER],
            Body::empty(),
        ))
        .await;
    response.assert_error(ErrorCode::MethodNotAllowed, "sv");
    assert!(
        response
            .header("allow")
            .is_some_and(|allow| allow.contains("GET"))
    );
}

#[allow(clippy::unused_async)]
async fn boom() -> &'static str {
    panic!("a bug")
}

/// A router with the app's layers around routes that misbehave the way
/// layers and bugs do (the real app has no such routes).
fn misbehaving_app() -> Router {
    let routes = Router::new()
        .route("/api/boom", get(boom))
        .route(
            "/api/slow",
            get(|| async { tokio::time::sleep(Duration::from_secs(5)).await }),
        )
        .route(
            "/api/plain",
            get(|| async {
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [("retry-after", "7")],
                    "slow down",
                )
            }),
        )
        .route(
            "/plain",
            get(|| async { (StatusCode::BAD_REQUEST, "left alone outside /api") }),
        );
    lotsen_server::with_middleware(routes, Duration::from_millis(50))
}

async fn call(router: &Router, path: &str) -> TestResponse {
    let request = request(
        Method::GET,
        path,
        &[("accept-language", "en")],
        Body::empty(),
    );
    TestResponse::read(router.clone().oneshot(request).await.unwrap()).await
}

#[tokio::test]
async fn panics_timeouts_and_foreign_errors_get_the_error_body() {
    let router = misbehaving_app();
    call(&router, "/api/boom")
        .await
        .assert_error(ErrorCode::Internal, "en");
    call(&router, "/api/slow")
        .await
        .assert_error(ErrorCode::Unavailable, "en");
    let limited = call(&router, "/api/plain")
        .await
        .assert_error(ErrorCode::RateLimited, "en");
    assert_eq!(limited.retry_after_seconds, Some(7));
    let outside = call(&router, "/plain").await;
    assert_eq!(outside.status, 400);
    assert_eq!(outside.text(), "left alone outside /api");
}

#[tokio::test]
async fn internal_details_never_reach_the_client() {
    let response = call(&misbehaving_app(), "/api/boom").await;
    assert!(!response.text().contains("a bug"), "{}", response.text());
}
