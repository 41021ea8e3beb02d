//! The API client: errors, languages and an unreachable server.

use lotsen::api::{Api, ApiError};
use lotsen_api::{ErrorCode, Health, Lang};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn error_body_becomes_the_servers_message() {
    let body = r#"{"status":422,"code":"validation","message":"Kontrollera de markerade fälten.",
        "fields":[{"field":"personnummer","code":"personnummer_checksum","message":"Personnumret stämmer inte."}]}"#;
    let error = ApiError::from_response(422, body, Lang::Sv);
    assert_eq!(error.message(), "Kontrollera de markerade fälten.");
    assert_eq!(error.code(), Some(ErrorCode::Validation));
    assert_eq!(error.status(), Some(422));
    assert_eq!(error.to_string(), "Kontrollera de markerade fälten.");
    match error {
        ApiError::Server(body) => assert_eq!(body.fields[0].code, "personnummer_checksum"),
        other => panic!("expected a server error, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn an_unknown_server_code_still_shows_the_servers_message() {
    let body = r#"{"status":418,"code":"from_the_future","message":"Ny sorts fel."}"#;
    let error = ApiError::from_response(418, body, Lang::Sv);
    assert_eq!(error.code(), Some(ErrorCode::Unknown));
    assert_eq!(error.message(), "Ny sorts fel.");
}

#[wasm_bindgen_test]
fn an_unreadable_error_body_gives_the_localized_unknown_text() {
    let html = "<html><body>502 Bad Gateway</body></html>";
    let sv = ApiError::from_response(502, html, Lang::Sv);
    assert_eq!(sv.message(), "Något gick fel. Försök igen.");
    assert_eq!(sv.status(), Some(502));
    assert_eq!(sv.code(), None);
    let en = ApiError::from_response(502, "", Lang::En);
    assert_eq!(en.message(), "Something went wrong. Please try again.");
}

#[wasm_bindgen_test]
fn network_errors_are_localized() {
    assert_eq!(
        ApiError::network(Lang::Sv).message(),
        "Ingen kontakt med servern. Kontrollera din uppkoppling och försök igen."
    );
    assert_eq!(
        ApiError::network(Lang::En).message(),
        "No contact with the server. Check your connection and try again."
    );
}

#[wasm_bindgen_test]
async fn an_unreachable_server_is_a_network_error() {
    // Port 9 (discard) on the loopback interface: nothing listens there.
    let api = Api::with_base(Lang::En, "http://127.0.0.1:9/api");
    let error = api.health().await.expect_err("nothing answers on port 9");
    assert!(matches!(error, ApiError::Network { .. }), "{error:?}");
    assert_eq!(
        error.message(),
        "No contact with the server. Check your connection and try again."
    );
}

#[wasm_bindgen_test]
async fn a_non_json_404_is_an_unknown_error() {
    // The test runner's own web server has no /api: it answers 404 without our error body.
    let error = Api::new(Lang::Sv)
        .get::<Health>("/health")
        .await
        .expect_err("no API here");
    assert!(matches!(error, ApiError::Unknown { .. }), "{error:?}");
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.message(), "Något gick fel. Försök igen.");
}

#[wasm_bindgen_test]
fn the_client_speaks_the_current_language() {
    assert_eq!(Api::new(Lang::En).lang(), Lang::En);
    // Outside the app's language context the client falls back to Swedish.
    assert_eq!(Api::current().lang(), Lang::Sv);
}
