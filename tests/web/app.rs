//! The app: languages, signing in, unknown addresses.

use leptos::prelude::*;
use lotsen::i18n::Locale;
use lotsen::language;
use wasm_bindgen_test::*;

use crate::support::{click, eventually, forget_language_choice, html_lang, mount_app, visit};

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

#[wasm_bindgen_test]
async fn the_app_starts_in_swedish_switches_to_english_and_remembers_it() {
    forget_language_choice();

    let app = mount_app();
    app.shows_heading("Välkommen till Lotsen").await;
    let switch = app.find("button.lang-switch", "a language switch");
    assert_eq!(switch.text_content().unwrap().trim(), "In English");
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("en"));
    assert!(app.root.query_selector("main#main").unwrap().is_some());
    assert!(
        app.root
            .query_selector("a.skip-link[href='#main']")
            .unwrap()
            .is_some()
    );
    eventually("<html lang=sv>", || html_lang().as_deref() == Some("sv")).await;
    eventually("the Swedish page title", || {
        document().title() == "Start – Lotsen"
    })
    .await;

    click(&switch);
    app.shows_heading("Welcome to Lotsen").await;
    assert_eq!(switch.text_content().unwrap().trim(), "På svenska");
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("sv"));
    eventually("<html lang=en>", || html_lang().as_deref() == Some("en")).await;
    assert_eq!(language::remembered(), Some(Locale::en));

    // A reload: a fresh app reads the remembered choice.
    drop(app);
    let app = mount_app();
    app.shows_heading("Welcome to Lotsen").await;
    assert_eq!(app.text("button.lang-switch").trim(), "På svenska");

    // And back to Swedish.
    click(&app.find("button.lang-switch", "a language switch"));
    app.shows_heading("Välkommen till Lotsen").await;

    drop(app);
    forget_language_choice();
}

#[wasm_bindgen_test]
async fn a_protected_page_leads_to_sign_in_and_back() {
    // The test runner's server has no /api/auth/session: nobody is signed in.
    let app = visit("/staff/audit");
    app.shows_heading("Logga in").await;
    assert_eq!(window().location().pathname().unwrap(), "/sign-in");
    assert_eq!(
        window().location().search().unwrap(),
        "?next=%2Fstaff%2Faudit"
    );
    let login = app.find("#sign-in-login", "a login field");
    assert_eq!(
        login.get_attribute("autocomplete").as_deref(),
        Some("username")
    );
    assert_eq!(
        app.text("label[for='sign-in-login']"),
        "E-post eller mobilnummer"
    );
    let password = app.find("#sign-in-password", "a password field");
    assert_eq!(password.get_attribute("type").as_deref(), Some("password"));
    assert_eq!(
        password.get_attribute("autocomplete").as_deref(),
        Some("current-password")
    );
    // Signed out, the header offers signing in.
    assert_eq!(app.text("header a[href='/sign-in']"), "Logga in");

    // Submitting an empty form says what is missing, without asking the server.
    click(&app.find("form button[type=submit]", "a submit button"));
    eventually("an alert", || {
        app.text("[role=alert]") == "Fyll i e-postadress eller mobilnummer och lösenord."
    })
    .await;
}

#[wasm_bindgen_test]
async fn unknown_addresses_show_the_not_found_page_with_a_way_home() {
    let app = visit("/no/such/page");
    app.shows_heading("Sidan hittades inte").await;
    eventually("the not-found title", || {
        document().title() == "Sidan hittades inte – Lotsen"
    })
    .await;
    let home = app.find("main a[href='/']", "a link to the start page");
    assert_eq!(home.text_content().unwrap().trim(), "Gå till startsidan");

    click(&home);
    app.shows_heading("Välkommen till Lotsen").await;
    assert_eq!(window().location().pathname().unwrap(), "/");
}
