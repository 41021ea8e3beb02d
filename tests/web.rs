//! Browser tests: run in headless Chromium with
//! `cargo test --target wasm32-unknown-unknown --test web`
//! (see `webdriver.json` for the browser's flags).

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use lotsen::api::{Api, ApiError};
use lotsen::i18n::Locale;
use lotsen::language;
use lotsen::validation::{check_personnummer, check_personnummer_on, today};
use lotsen_api::{Date, ErrorCode, Health, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// --- The API client -----------------------------------------------------------

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

// --- Personnummer feedback ------------------------------------------------------

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

#[wasm_bindgen_test]
fn personnummer_messages_in_swedish() {
    let on = day(2026, 11, 23);
    let cases = [
        ("", "Fyll i personnummer."),
        ("12345", "Skriv personnumret som ÅÅÅÅMMDD-NNNN."),
        ("19901301-1234", "Datumet i personnumret finns inte."),
        (
            "20991231-1234",
            "Födelsedatumet kan inte ligga i framtiden.",
        ),
        (
            "19121212-1213",
            "Personnumret stämmer inte. Kontrollera siffrorna.",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            check_personnummer_on(input, on, Locale::sv).unwrap_err(),
            message,
            "{input:?}"
        );
    }
}

#[wasm_bindgen_test]
fn personnummer_messages_in_english() {
    let on = day(2026, 11, 23);
    let cases = [
        ("", "Enter a personal identity number."),
        (
            "abcdefghijkl",
            "Write the personal identity number as YYYYMMDD-NNNN.",
        ),
        (
            "19900230-1234",
            "The date in the personal identity number does not exist.",
        ),
        (
            "20991231-1234",
            "The date of birth cannot be in the future.",
        ),
        (
            "19121212-1213",
            "The personal identity number does not add up. Check the digits.",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            check_personnummer_on(input, on, Locale::en).unwrap_err(),
            message,
            "{input:?}"
        );
    }
}

#[wasm_bindgen_test]
fn a_valid_personnummer_passes_against_todays_date() {
    assert!(today() >= day(2025, 1, 1));
    assert!(check_personnummer("19121212-1212", Locale::sv).is_ok());
    assert!(check_personnummer("121212-1212", Locale::en).is_ok());
}

// --- The app ------------------------------------------------------------------------

#[wasm_bindgen_test]
fn languages_map_both_ways() {
    for locale in [Locale::sv, Locale::en] {
        assert_eq!(language::from_lang(language::to_lang(locale)), locale);
        assert_ne!(language::other(locale), locale);
    }
    assert_eq!(language::DEFAULT, Locale::sv);
}

#[wasm_bindgen_test]
fn the_language_cookie_reads_back() {
    assert_eq!(language::from_cookie_header(""), None);
    assert_eq!(
        language::from_cookie_header("a=b; lotsen_lang=en; c=d"),
        Some(Locale::en)
    );
    assert_eq!(
        language::from_cookie_header("lotsen_lang=sv"),
        Some(Locale::sv)
    );
    assert_eq!(language::from_cookie_header("lotsen_lang=de"), None);
    assert_eq!(language::from_cookie_header("xlotsen_lang=en"), None);
    assert_eq!(
        language::cookie_for(Locale::en, true),
        "lotsen_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; Secure"
    );
    assert!(!language::cookie_for(Locale::sv, false).contains("Secure"));

    language::remember(Locale::en);
    assert_eq!(language::remembered(), Some(Locale::en));
    language::forget();
    assert_eq!(language::remembered(), None);
}

fn forget_language_choice() {
    language::forget();
    assert_eq!(language::remembered(), None);
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits up to two seconds for `condition`, letting the app's effects run.
async fn eventually(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..100 {
        if condition() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for: {what}");
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|el| el.text_content())
        .unwrap_or_default()
}

fn mount_app() -> (web_sys::HtmlElement, impl Drop) {
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), lotsen::App);
    (root, handle)
}

#[wasm_bindgen_test]
async fn the_app_starts_in_swedish_switches_to_english_and_remembers_it() {
    forget_language_choice();

    let (root, handle) = mount_app();
    eventually("the Swedish start page", || {
        text_of(&root, "h1") == "Välkommen till Lotsen"
    })
    .await;
    let switch = root
        .query_selector("button.lang-switch")
        .unwrap()
        .expect("a language switch");
    assert_eq!(switch.text_content().unwrap().trim(), "In English");
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("en"));
    assert!(root.query_selector("main#main").unwrap().is_some());
    assert!(
        root.query_selector("a.skip-link[href='#main']")
            .unwrap()
            .is_some()
    );
    eventually("<html lang=sv>", || {
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref()
            == Some("sv")
    })
    .await;
    eventually("the Swedish page title", || {
        document().title() == "Start – Lotsen"
    })
    .await;

    switch.unchecked_ref::<web_sys::HtmlElement>().click();
    eventually("the English start page", || {
        text_of(&root, "h1") == "Welcome to Lotsen"
    })
    .await;
    assert_eq!(switch.text_content().unwrap().trim(), "På svenska");
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("sv"));
    eventually("<html lang=en>", || {
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref()
            == Some("en")
    })
    .await;
    assert_eq!(language::remembered(), Some(Locale::en));

    // A reload: a fresh app reads the remembered choice.
    drop(handle);
    root.remove();
    let (root, handle) = mount_app();
    eventually("English after a reload", || {
        text_of(&root, "h1") == "Welcome to Lotsen"
    })
    .await;
    assert_eq!(text_of(&root, "button.lang-switch").trim(), "På svenska");

    // And back to Swedish.
    let switch = root.query_selector("button.lang-switch").unwrap().unwrap();
    switch.unchecked_ref::<web_sys::HtmlElement>().click();
    eventually("Swedish again", || {
        text_of(&root, "h1") == "Välkommen till Lotsen"
    })
    .await;

    drop(handle);
    root.remove();
    forget_language_choice();
}

#[wasm_bindgen_test]
async fn unknown_addresses_show_the_not_found_page_with_a_way_home() {
    forget_language_choice();
    let history = window().history().unwrap();
    let test_page = window().location().href().unwrap();
    history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/no/such/page"))
        .unwrap();

    let (root, handle) = mount_app();
    eventually("the not-found page", || {
        text_of(&root, "h1") == "Sidan hittades inte"
    })
    .await;
    eventually("the not-found title", || {
        document().title() == "Sidan hittades inte – Lotsen"
    })
    .await;
    let home = root
        .query_selector("main a[href='/']")
        .unwrap()
        .expect("a link to the start page");
    assert_eq!(home.text_content().unwrap().trim(), "Gå till startsidan");

    home.unchecked_ref::<web_sys::HtmlElement>().click();
    eventually("the start page", || {
        text_of(&root, "h1") == "Välkommen till Lotsen"
    })
    .await;
    assert_eq!(window().location().pathname().unwrap(), "/");

    drop(handle);
    root.remove();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&test_page))
        .unwrap();
}
