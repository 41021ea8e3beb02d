use crate::helpers::{TestApp, TestResponse};

const HEADERS: [(&str, &str); 6] = [
    (
        "content-security-policy",
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

fn assert_security_headers(response: &TestResponse, what: &str) {
    for (name, value) in HEADERS {
        assert_eq!(response.header(name), Some(value), "{name} on {what}");
    }
}

#[tokio::test]
async fn every_response_has_the_security_headers() {
    let app = TestApp::with_dist(&[("index.html", b"<!doctype html>")]).await;
    assert_security_headers(&app.get("/api/health").await, "the API");
    assert_security_headers(&app.get("/api/nope").await, "an API error");
    assert_security_headers(&app.get("/").await, "the app");
    assert_security_headers(&app.get("/some/client/route").await, "a client route");
    let unbuilt = TestApp::new().await;
    assert_security_headers(&unbuilt.get("/").await, "the not-built page");
}

#[tokio::test]
async fn a_request_id_is_echoed() {
    let app = TestApp::new().await;
    let response = app
        .get_with("/api/health", &[("x-request-id", "test-request-1")])
        .await;
    assert_eq!(response.header("x-request-id"), Some("test-request-1"));
    let response = app
        .get_with("/api/nope", &[("x-request-id", "test-request-2")])
        .await;
    assert_eq!(response.header("x-request-id"), Some("test-request-2"));
}

#[tokio::test]
async fn a_request_id_is_made_when_missing() {
    let app = TestApp::new().await;
    let first = app.get("/api/health").await;
    let second = app.get("/api/health").await;
    let id = first
        .header("x-request-id")
        .expect("a generated request id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_ne!(Some(id), second.header("x-request-id"));
}

#[tokio::test]
async fn odd_request_ids_are_replaced() {
    let app = TestApp::new().await;
    let long = "a".repeat(65);
    for odd in [long.as_str(), "19121212-1212 <script>", "id\twith\ttabs"] {
        let response = app.get_with("/api/health", &[("x-request-id", odd)]).await;
        let id = response.header("x-request-id").expect("a request id");
        assert_ne!(id, odd);
        assert_eq!(id.len(), 36, "a fresh UUID: {id}");
    }
    let kept = app
        .get_with("/api/health", &[("x-request-id", "abc.DEF_123-4")])
        .await;
    assert_eq!(kept.header("x-request-id"), Some("abc.DEF_123-4"));
}

#[tokio::test]
async fn hsts_on_every_response_when_the_public_url_is_https() {
    const HSTS: &str = "max-age=63072000; includeSubDomains";
    let app = TestApp::with_dist(&[("index.html", b"<!doctype html>")])
        .await
        .with_settings(lotsen_server::Settings::new("https://lotsen.kommun.se"));
    for (what, response) in [
        ("the API", app.get("/api/health").await),
        ("an API error", app.get("/api/nope").await),
        ("the app", app.get("/").await),
        ("a client route", app.get("/some/client/route").await),
        (
            "a refused write",
            app.post_json("/api/auth/sign-in", "{}").await,
        ),
    ] {
        assert_eq!(
            response.header("strict-transport-security"),
            Some(HSTS),
            "{what}"
        );
    }

    let plain = TestApp::with_dist(&[("index.html", b"<!doctype html>")]).await;
    assert!(plain.state.settings.public_url.starts_with("http://"));
    for (what, response) in [
        ("the API", plain.get("/api/health").await),
        ("an API error", plain.get("/api/nope").await),
        ("the app", plain.get("/").await),
    ] {
        assert_eq!(response.header("strict-transport-security"), None, "{what}");
    }
}
