use lotsen_api::{ErrorBody, ErrorCode, Health, PersonnummerCheck};
use serde_json::json;

use crate::helpers::{DEMO_PASSWORD, KARIM, TestApp};

#[tokio::test]
async fn a_real_server_answers_over_http() {
    let app = TestApp::with_demo().await;
    let server = app.spawn_server().await;
    let client = reqwest::Client::new();

    let health = client.get(server.url("/api/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert!(health.headers().contains_key("x-request-id"));
    assert_eq!(health.json::<Health>().await.unwrap().status, "ok");

    let signed_in = client
        .post(server.url("/api/auth/sign-in"))
        .header("x-requested-with", "lotsen")
        .json(&json!({ "login": KARIM, "password": DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let set_cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    let cookie = set_cookie.split(';').next().unwrap().to_owned();

    let checked = client
        .post(server.url("/api/personnummer/check"))
        .header("x-requested-with", "lotsen")
        .header("origin", server.url(""))
        .header("cookie", &cookie)
        .json(&json!({ "personnummer": "191212121212" }))
        .send()
        .await
        .unwrap();
    assert_eq!(checked.status(), 200);
    assert_eq!(
        checked
            .json::<PersonnummerCheck>()
            .await
            .unwrap()
            .birth_date
            .to_string(),
        "1912-12-12"
    );

    let missing = client
        .get(server.url("/api/nope"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let body: ErrorBody = missing.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::NotFound);
    assert_eq!(body.message, crate::helpers::message("en", "not_found"));
}
