//! The API's answers are compressed for a client that accepts it, and plain
//! for one that does not.

use std::io::Read;

use axum::body::Body;
use axum::http::{Method, StatusCode, header};

use crate::helpers::{TestApp, request};

/// The youth list as Karim (about 600 bytes of JSON in the tests' demo), asking for `accept_encoding`.
async fn youth_list(
    app: &TestApp,
    cookie: &str,
    accept_encoding: Option<&str>,
) -> crate::helpers::TestResponse {
    let mut headers = vec![("cookie", cookie)];
    if let Some(encoding) = accept_encoding {
        headers.push(("accept-encoding", encoding));
    }
    app.send(request(Method::GET, "/api/youth", &headers, Body::empty()))
        .await
}

#[tokio::test]
async fn a_large_answer_is_sent_gzipped_when_the_client_accepts_it() {
    let (app, karim) = TestApp::with_demo_signed_in("karim.haddad@lotsen.example").await;
    let plain = youth_list(&app, &karim.cookie, None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    let json: serde_json::Value = serde_json::from_slice(&plain.body).unwrap();
    assert!(json.is_array() || json.is_object(), "{json}");

    // A browser's list: gzip is what the server speaks of it.
    let gzip = youth_list(&app, &karim.cookie, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(gzip.status, StatusCode::OK);
    assert_eq!(gzip.headers[header::CONTENT_ENCODING], "gzip");
    assert!(
        gzip.body.len() * 2 < plain.body.len(),
        "{} vs {}",
        gzip.body.len(),
        plain.body.len()
    );
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(&gzip.body[..])
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&unpacked).unwrap(),
        json
    );
}

#[tokio::test]
async fn an_error_is_compressed_too_and_still_the_one_json_shape() {
    let app = TestApp::new().await;
    let answer = app
        .get_with("/api/youth", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let body = if answer.headers.get(header::CONTENT_ENCODING).is_some() {
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&answer.body[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        unpacked
    } else {
        answer.body.to_vec()
    };
    let error: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(error["message"].is_string(), "{error}");
}
