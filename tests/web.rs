//! Browser tests: run in headless Chromium with
//! `cargo test --target wasm32-unknown-unknown --test web`
//! (see `webdriver.json` for the browser's flags).

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use lotsen::api::{Api, ApiError};
use lotsen::forms::{FormErrors, check_new_password, optional};
use lotsen::i18n::Locale;
use lotsen::language;
use lotsen::pages::invitation::token_from_hash;
use lotsen::pages::staff::audit::{action_label, audit_path};
use lotsen::session::{Access, after_sign_in, home_path, safe_next, sign_in_path};
use lotsen::validation::{check_personnummer, check_personnummer_on, today};
use lotsen_api::account::{Me, Profession, Role};
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

// --- Session: where people may go ----------------------------------------------

#[wasm_bindgen_test]
fn next_accepts_only_paths_on_this_site() {
    for ok in [
        "/staff",
        "/staff/youth/12",
        "/me?x=1",
        "/",
        "/staff/audit#top",
    ] {
        assert_eq!(safe_next(ok), Some(ok), "{ok}");
    }
    let bad = [
        "",
        "staff",
        "//evil.example/staff",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/sign-in",
        "/sign-in/",
        "/sign-in?next=/staff",
        "/staff\n",
        "/st\taff",
    ];
    for bad in bad {
        assert_eq!(safe_next(bad), None, "{bad:?}");
    }
    assert_eq!(safe_next(&format!("/{}", "a".repeat(2000))), None);
}

#[wasm_bindgen_test]
fn each_role_has_a_home() {
    assert_eq!(home_path(Role::Staff), "/staff");
    assert_eq!(home_path(Role::Youth), "/me");
    assert_eq!(home_path(Role::Guardian), "/me");
}

#[wasm_bindgen_test]
fn after_signing_in_go_back_or_home() {
    assert_eq!(
        after_sign_in(Some("/staff/audit"), Role::Staff),
        "/staff/audit"
    );
    assert_eq!(after_sign_in(None, Role::Staff), "/staff");
    assert_eq!(after_sign_in(None, Role::Youth), "/me");
    assert_eq!(after_sign_in(Some("//evil.example"), Role::Guardian), "/me");
    assert_eq!(after_sign_in(Some("/sign-in"), Role::Staff), "/staff");
}

#[wasm_bindgen_test]
fn the_way_to_sign_in_remembers_the_page() {
    assert_eq!(sign_in_path("/staff"), "/sign-in?next=%2Fstaff");
    assert_eq!(
        sign_in_path("/staff/youth/3?tab=1"),
        "/sign-in?next=%2Fstaff%2Fyouth%2F3%3Ftab%3D1"
    );
    assert_eq!(sign_in_path("/"), "/sign-in");
    assert_eq!(sign_in_path("//evil.example"), "/sign-in");
}

fn person(role: Role, is_admin: bool) -> Me {
    Me {
        id: 1,
        role,
        name: "Test Person".into(),
        profession: (role == Role::Staff).then_some(Profession::ContactPerson),
        is_admin,
    }
}

#[wasm_bindgen_test]
fn pages_are_for_the_right_people() {
    let staff = person(Role::Staff, false);
    let admin = person(Role::Staff, true);
    let youth = person(Role::Youth, false);
    let guardian = person(Role::Guardian, false);
    for me in [&staff, &admin, &youth, &guardian] {
        assert!(Access::SignedIn.allows(me));
    }
    assert!(Access::Staff.allows(&staff) && Access::Staff.allows(&admin));
    assert!(!Access::Staff.allows(&youth) && !Access::Staff.allows(&guardian));
    assert!(Access::Admin.allows(&admin));
    assert!(!Access::Admin.allows(&staff) && !Access::Admin.allows(&guardian));
    // A youth or guardian flagged admin by mistake is still not staff.
    assert!(!Access::Admin.allows(&person(Role::Youth, true)));
}

// --- Forms --------------------------------------------------------------------------

const YOUTH_FIELDS: [&str; 4] = ["name", "personnummer", "email", "phone"];

#[wasm_bindgen_test]
fn server_field_errors_go_next_to_their_fields_in_form_order() {
    let body = r#"{"status":422,"code":"validation","message":"Kontrollera de markerade fälten.",
        "fields":[
          {"field":"email","code":"email","message":"Skriv en e-postadress."},
          {"field":"personnummer","code":"personnummer_checksum","message":"Personnumret stämmer inte."},
          {"field":"school","code":"required","message":"Fyll i skolan."}]}"#;
    let errors = FormErrors::from_api(&ApiError::from_response(422, body, Lang::Sv), &YOUTH_FIELDS);
    assert_eq!(
        errors.field("personnummer").as_deref(),
        Some("Personnumret stämmer inte.")
    );
    assert_eq!(
        errors.field("email").as_deref(),
        Some("Skriv en e-postadress.")
    );
    assert_eq!(errors.field("name"), None);
    // The first invalid field in the form's order takes focus, whatever the server's order.
    assert_eq!(errors.first_field(), Some("personnummer"));
    // A field the form does not show is not lost: it joins the summary.
    assert_eq!(
        errors.summary.as_deref(),
        Some("Kontrollera de markerade fälten. Fyll i skolan.")
    );
}

#[wasm_bindgen_test]
fn a_conflict_names_its_field() {
    let body = r#"{"status":409,"code":"conflict","message":"Det krockar.",
        "fields":[{"field":"personnummer","code":"personnummer_taken","message":"Det finns redan en ung person med det personnumret."}]}"#;
    let errors = FormErrors::from_api(&ApiError::from_response(409, body, Lang::Sv), &YOUTH_FIELDS);
    assert_eq!(errors.first_field(), Some("personnummer"));
    assert_eq!(errors.summary.as_deref(), Some("Det krockar."));
}

#[wasm_bindgen_test]
fn errors_without_fields_are_a_summary_only() {
    let errors = FormErrors::from_api(&ApiError::network(Lang::En), &YOUTH_FIELDS);
    assert!(errors.fields.is_empty());
    assert_eq!(
        errors.summary.as_deref(),
        Some("No contact with the server. Check your connection and try again.")
    );
    assert!(!errors.focus_first("youth"));
    assert!(FormErrors::none().is_empty());
    assert!(FormErrors::from_checks(Locale::sv, vec![]).is_empty());
}

#[wasm_bindgen_test]
fn one_field_can_be_checked_on_its_own() {
    let errors = FormErrors::from_checks(Locale::sv, vec![("email", "Fel e-post.".into())]);
    assert_eq!(
        errors.summary.as_deref(),
        Some("Kontrollera de markerade fälten.")
    );
    let errors = errors.with_field(&YOUTH_FIELDS, "personnummer", Some("Fel.".into()));
    assert_eq!(errors.first_field(), Some("personnummer"));
    assert_eq!(errors.fields.len(), 2);
    let errors = errors.with_field(&YOUTH_FIELDS, "personnummer", None);
    assert_eq!(errors.first_field(), Some("email"));
    let errors = errors.with_field(&YOUTH_FIELDS, "email", None);
    assert!(errors.is_empty(), "no fields left, no summary: {errors:?}");
}

#[wasm_bindgen_test]
fn focus_moves_to_the_first_invalid_field() {
    let input = document().create_element("input").unwrap();
    input.set_id("test-form-email");
    document().body().unwrap().append_child(&input).unwrap();
    let errors = FormErrors::from_checks(Locale::sv, vec![("email", "Fel.".into())]);
    assert!(errors.focus_first("test-form"));
    assert_eq!(
        document().active_element().map(|e| e.id()),
        Some("test-form-email".into())
    );
    input.remove();
}

#[wasm_bindgen_test]
fn new_passwords_are_checked_before_sending() {
    assert_eq!(
        check_new_password("sommarlov-i-alingsas", "sommarlov-i-alingsas", Locale::sv),
        Ok(())
    );
    assert_eq!(
        check_new_password("kort", "kort", Locale::sv),
        Err(("password", "Lösenordet måste ha minst 8 tecken.".into()))
    );
    assert_eq!(
        check_new_password("", "", Locale::en),
        Err(("password", "Please fill in this field.".into()))
    );
    assert_eq!(
        check_new_password("sommarlov-i-alingsas", "sommarlov-i-alingsås", Locale::sv),
        Err(("repeat", "Lösenorden är inte lika.".into()))
    );
    assert_eq!(optional("  "), None);
    assert_eq!(optional(" a@b.se "), Some("a@b.se".into()));
}

// --- Invitations and the audit log -------------------------------------------------

#[wasm_bindgen_test]
fn the_invitation_token_comes_from_the_fragment() {
    assert_eq!(
        token_from_hash("#abc_DEF-123").as_deref(),
        Some("abc_DEF-123")
    );
    assert_eq!(token_from_hash("abc"), Some("abc".into()));
    assert_eq!(token_from_hash("#"), None);
    assert_eq!(token_from_hash(""), None);
}

#[wasm_bindgen_test]
fn audit_pages_and_actions() {
    assert_eq!(audit_path(None), "/audit?limit=50");
    assert_eq!(audit_path(Some(120)), "/audit?before=120&limit=50");
    assert_eq!(action_label("read_youth", Locale::sv), "Läste uppgifter");
    assert_eq!(action_label("read_youth", Locale::en), "Read the details");
    assert_eq!(action_label("register_youth", Locale::sv), "Registrerade");
    assert_eq!(action_label("list_youth", Locale::sv), "Såg i listan");
    assert_eq!(action_label("something_new", Locale::sv), "something_new");
}

#[wasm_bindgen_test]
fn dates_are_written_in_the_ui_language() {
    assert_eq!(
        lotsen::format::date("2026-11-30T12:00:00Z", Locale::sv),
        "30 november 2026"
    );
    assert_eq!(
        lotsen::format::date("2026-11-30T12:00:00Z", Locale::en),
        "30 November 2026"
    );
    assert_eq!(lotsen::format::date("not a date", Locale::sv), "not a date");
}

// --- Personnummer feedback ------------------------------------------------------

fn day(y: i32, m: u32, d: u32) -> Date {
    lotsen_api::date::ymd(y, m, d).unwrap()
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
async fn a_protected_page_leads_to_sign_in_and_back() {
    forget_language_choice();
    let history = window().history().unwrap();
    let test_page = window().location().href().unwrap();
    history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/staff/audit"))
        .unwrap();

    // The test runner's server has no /api/me: nobody is signed in.
    let (root, handle) = mount_app();
    eventually("the sign-in page", || text_of(&root, "h1") == "Logga in").await;
    assert_eq!(window().location().pathname().unwrap(), "/sign-in");
    assert_eq!(
        window().location().search().unwrap(),
        "?next=%2Fstaff%2Faudit"
    );
    let login = root
        .query_selector("#sign-in-login")
        .unwrap()
        .expect("a login field");
    assert_eq!(
        login.get_attribute("autocomplete").as_deref(),
        Some("username")
    );
    let label = root
        .query_selector("label[for='sign-in-login']")
        .unwrap()
        .unwrap();
    assert_eq!(label.text_content().unwrap(), "E-post eller mobilnummer");
    let password = root.query_selector("#sign-in-password").unwrap().unwrap();
    assert_eq!(password.get_attribute("type").as_deref(), Some("password"));
    assert_eq!(
        password.get_attribute("autocomplete").as_deref(),
        Some("current-password")
    );
    // Signed out, the header offers signing in.
    assert_eq!(text_of(&root, "header a[href='/sign-in']"), "Logga in");

    // Submitting an empty form says what is missing, without asking the server.
    root.query_selector("form button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_ref::<web_sys::HtmlElement>()
        .click();
    eventually("an alert", || {
        text_of(&root, "[role=alert]") == "Fyll i e-postadress eller mobilnummer och lösenord."
    })
    .await;

    drop(handle);
    root.remove();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&test_page))
        .unwrap();
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

// --- The application (issue 5) ------------------------------------------------

mod application {
    use lotsen::i18n::Locale;
    use lotsen::pages::application::{
        DraftForm, Route, StatusLine, route, status_line, waiting_days, waiting_text,
    };
    use lotsen_api::account::Role;
    use lotsen_api::application::{
        Application, ApplicationStatus, Consents, ContactChannel, GuardianSigner, HelpWith,
        SchoolStatus, Situation,
    };
    use lotsen_api::contact::FieldProblem;
    use wasm_bindgen_test::*;

    fn application(status: ApplicationStatus, guardians: &[(i64, &str, bool)]) -> Application {
        let mut a: Application = serde_json::from_str(
            r#"{"id":7,"youth_id":3,"youth_name":"Elsa Nilsson","status":"draft","version":1,
            "content":{"situation":"nothing","school_status":"dropped_out","help_with":["work"],
              "contact_by":"sms","consents":{"school":true,"social_services":false,
              "employment_service":false,"youth_clinic":false}},
            "document":"{}","document_hash":"ab","signatures":[],"created_at":"2026-11-01T10:00:00Z",
            "updated_at":"2026-11-01T10:00:00Z","timeline":[]}"#,
        )
        .unwrap();
        a.status = status;
        a.guardians = guardians
            .iter()
            .map(|(id, name, signed)| GuardianSigner {
                id: *id,
                name: (*name).into(),
                signed: *signed,
            })
            .collect();
        a
    }

    #[wasm_bindgen_test]
    fn application_paths_name_their_page() {
        assert_eq!(route("mine"), Route::Mine);
        assert_eq!(route("to-decide"), Route::ToDecide);
        assert_eq!(route("youth/5"), Route::Youth(5));
        assert_eq!(route("youth/5/new"), Route::New(5));
        assert_eq!(route("7"), Route::View(7));
        assert_eq!(route("7/"), Route::View(7));
        assert_eq!(route("7/edit"), Route::Edit(7));
        assert_eq!(route("7/receipt"), Route::Receipt(7));
        for bad in [
            "",
            "x",
            "0",
            "-1",
            "7/delete",
            "youth/x",
            "youth/5/old",
            "7/edit/more",
        ] {
            assert_eq!(route(bad), Route::NotFound, "{bad}");
        }
    }

    #[wasm_bindgen_test]
    fn the_status_line_depends_on_who_is_looking() {
        let draft = application(ApplicationStatus::Draft, &[]);
        assert_eq!(
            status_line(&draft, 3, Role::Youth),
            StatusLine::WaitingForYou
        );
        assert_eq!(
            status_line(&draft, 9, Role::Staff),
            StatusLine::WaitingForYouth
        );

        let waiting = application(
            ApplicationStatus::WaitingForGuardians,
            &[(11, "Maria Nilsson", true), (12, "Per Nilsson", false)],
        );
        let guardian_two = StatusLine::WaitingForGuardian {
            number: 2,
            name: "Per Nilsson".into(),
        };
        assert_eq!(status_line(&waiting, 3, Role::Youth), guardian_two);
        assert_eq!(
            status_line(&waiting, 11, Role::Guardian),
            guardian_two,
            "Maria has signed"
        );
        assert_eq!(
            status_line(&waiting, 12, Role::Guardian),
            StatusLine::WaitingForYourCosignature
        );

        assert_eq!(
            status_line(
                &application(ApplicationStatus::Submitted, &[]),
                3,
                Role::Youth
            ),
            StatusLine::Submitted
        );
        let mut accepted = application(ApplicationStatus::Accepted, &[]);
        accepted.contact_person = Some(lotsen_api::people::StaffMember {
            id: 2,
            name: "Karim Haddad".into(),
            profession: lotsen_api::account::Profession::ContactPerson,
            is_admin: false,
        });
        assert_eq!(
            status_line(&accepted, 3, Role::Youth),
            StatusLine::Accepted(Some("Karim Haddad".into()))
        );
        let mut declined = application(ApplicationStatus::Declined, &[]);
        declined.decision_reason = Some("Vi hör av oss".into());
        assert_eq!(
            status_line(&declined, 3, Role::Youth),
            StatusLine::Declined(Some("Vi hör av oss".into()))
        );
    }

    #[wasm_bindgen_test]
    fn waiting_time_is_whole_days_since_submission() {
        let since = "2026-11-20T09:00:00Z";
        let at = |iso: &str| js_sys::Date::new(&iso.into()).get_time();
        assert_eq!(waiting_days(since, at("2026-11-20T17:00:00Z")), Some(0));
        assert_eq!(waiting_days(since, at("2026-11-21T09:00:00Z")), Some(1));
        assert_eq!(waiting_days(since, at("2026-11-23T08:59:00Z")), Some(2));
        assert_eq!(
            waiting_days(since, at("2026-11-19T09:00:00Z")),
            Some(0),
            "never negative"
        );
        assert_eq!(waiting_days("not a time", 0.0), None);
        assert_eq!(waiting_text(0, Locale::sv), "sedan i dag");
        assert_eq!(waiting_text(1, Locale::en), "1 day");
        assert_eq!(waiting_text(5, Locale::sv), "5 dagar");
    }

    #[wasm_bindgen_test]
    fn the_form_becomes_the_request_or_names_what_is_missing() {
        let empty = DraftForm::default();
        let problems = empty.to_content().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            ["situation", "school_status", "help_with", "contact_by"],
            "in form order"
        );
        assert!(problems.iter().all(|(_, p)| *p == FieldProblem::Required));

        let mut form = DraftForm {
            situation: Some(Situation::Nothing),
            last_school: "  Alströmergymnasiet ".into(),
            school_status: Some(SchoolStatus::DroppedOut),
            help_text: String::new(),
            interests: "musik".into(),
            contact_by: Some(ContactChannel::Sms),
            consents: Consents {
                school: true,
                ..Consents::default()
            },
            ..DraftForm::default()
        };
        form.toggle_help(HelpWith::Work, true);
        form.toggle_help(HelpWith::Studies, true);
        form.toggle_help(HelpWith::Work, false);
        form.toggle_help(HelpWith::Work, true);
        let content = form.to_content().unwrap();
        assert_eq!(content.last_school, "Alströmergymnasiet", "trimmed");
        assert_eq!(
            content.help_with,
            [HelpWith::Studies, HelpWith::Work],
            "list order, no repeats"
        );
        assert!(content.consents.school && !content.consents.youth_clinic);
        assert_eq!(
            DraftForm::from_content(&content).to_content().unwrap(),
            content,
            "round trip"
        );

        form.last_school = "x".repeat(201);
        assert_eq!(
            form.to_content().unwrap_err(),
            [("last_school", FieldProblem::TooLong)]
        );
    }
}

// --- The schedule (issue 6) ---------------------------------------------------

mod schedule {
    use lotsen::api::ApiError;
    use lotsen::i18n::Locale;
    use lotsen::pages::schedule::calendar::webcal;
    use lotsen::pages::schedule::calendar_math::{
        add_days, group_by_day, minutes, monday, week_days,
    };
    use lotsen::pages::schedule::youth::{Shown, after_load};
    use lotsen::pages::schedule::{Route, day_label, route, week_label, week_path, weekday_short};
    use lotsen_api::date::{days_between, weekday_number as weekday};
    use lotsen_api::{Date, Lang};
    use wasm_bindgen_test::*;

    fn d(s: &str) -> Date {
        lotsen_api::date::parse_iso(s).unwrap()
    }

    #[wasm_bindgen_test]
    fn schedule_paths_name_their_page() {
        assert_eq!(route(""), Route::Today);
        assert_eq!(route("/"), Route::Today);
        assert_eq!(route("week"), Route::Week(None));
        assert_eq!(route("week/2026-11-25"), Route::Week(Some(d("2026-11-25"))));
        assert_eq!(route("calendar"), Route::Calendar);
        assert_eq!(route("activities"), Route::Activities);
        assert_eq!(route("activities/new"), Route::NewActivity);
        assert_eq!(route("activities/4"), Route::Activity(4));
        assert_eq!(route("activities/4/edit"), Route::EditActivity(4));
        assert_eq!(route("youth/9"), Route::Youth(9));
        for bad in [
            "x",
            "week/2026-02-30",
            "week/x",
            "activities/0",
            "activities/-1",
            "youth/x",
            "activities/4/x",
        ] {
            assert_eq!(route(bad), Route::NotFound, "{bad}");
        }
        assert_eq!(week_path(d("2026-11-26")), "/schedule/week/2026-11-23");
    }

    #[wasm_bindgen_test]
    fn days_count_from_1970_both_ways() {
        let days = |date| days_between(d("1970-01-01"), date);
        let from_days = |n| Some(add_days(d("1970-01-01"), n));
        assert_eq!(days(d("1970-01-01")), 0);
        assert_eq!(days(d("2000-03-01")), 11_017);
        assert_eq!(days(d("1969-12-31")), -1);
        for s in [
            "2024-02-29",
            "2026-12-31",
            "2027-01-01",
            "1600-03-01",
            "9999-12-31",
            "0001-01-01",
        ] {
            assert_eq!(from_days(days(d(s))), Some(d(s)), "{s}");
        }
        assert_eq!(add_days(d("2026-12-31"), 1), d("2027-01-01"));
        assert_eq!(add_days(d("2028-03-01"), -1), d("2028-02-29"), "leap year");
        assert_eq!(add_days(d("2026-03-29"), -7), d("2026-03-22"));
        assert_eq!(
            add_days(d("9999-12-31"), 1),
            d("9999-12-31"),
            "past the calendar's end"
        );
    }

    #[wasm_bindgen_test]
    fn weeks_run_monday_to_sunday() {
        assert_eq!(weekday(d("2026-11-23")), 1, "a Monday");
        assert_eq!(weekday(d("2026-11-29")), 7, "a Sunday");
        assert_eq!(weekday(d("1970-01-01")), 4, "a Thursday");
        assert_eq!(
            monday(d("2026-11-29")),
            d("2026-11-23"),
            "Sunday belongs to the week before"
        );
        assert_eq!(monday(d("2026-11-23")), d("2026-11-23"));
        assert_eq!(
            monday(d("2027-01-01")),
            d("2026-12-28"),
            "across the new year"
        );
        let week = week_days(d("2026-03-23"));
        assert_eq!(week[0], d("2026-03-23"));
        assert_eq!(
            week[6],
            d("2026-03-29"),
            "the week of the clock change is seven days"
        );
    }

    #[wasm_bindgen_test]
    fn iso_week_numbers() {
        use chrono::Datelike;
        let iso_week = |date: Date| date.iso_week().week();
        assert_eq!(iso_week(d("2026-11-23")), 48);
        assert_eq!(iso_week(d("2026-01-01")), 1, "a Thursday: week 1");
        assert_eq!(
            iso_week(d("2027-01-01")),
            53,
            "a Friday: the last week of 2026"
        );
        assert_eq!(iso_week(d("2020-12-31")), 53);
        assert_eq!(iso_week(d("2024-12-30")), 1, "a Monday in week 1 of 2025");
        assert_eq!(week_label(d("2026-11-23"), Locale::sv), "Vecka 48");
        assert_eq!(week_label(d("2026-11-23"), Locale::en), "Week 48");
    }

    #[wasm_bindgen_test]
    fn items_group_by_day_in_date_order() {
        let items = vec![
            ("2026-11-24", "a"),
            ("2026-11-23", "b"),
            ("2026-11-24", "c"),
        ];
        let groups = group_by_day(items, |(day, _)| d(day));
        let summary: Vec<(String, Vec<&str>)> = groups
            .into_iter()
            .map(|(day, list)| (day.to_string(), list.into_iter().map(|(_, x)| x).collect()))
            .collect();
        assert_eq!(
            summary,
            [
                ("2026-11-23".to_string(), vec!["b"]),
                ("2026-11-24".to_string(), vec!["a", "c"]),
            ],
            "kept in their order within a day"
        );
        assert!(group_by_day(Vec::<Date>::new(), |x| *x).is_empty());
    }

    #[wasm_bindgen_test]
    fn times_and_day_names() {
        assert_eq!(minutes("09:30"), Some(570));
        assert_eq!(minutes("23:59"), Some(1439));
        for bad in ["24:00", "9:30", "09:60", "0930", "xx:yy"] {
            assert_eq!(minutes(bad), None, "{bad}");
        }
        assert_eq!(weekday_short(1, Locale::sv), "mån");
        assert_eq!(weekday_short(7, Locale::en), "Sun");
        assert_eq!(day_label(d("2026-11-23"), Locale::sv), "måndag 23 november");
        assert_eq!(day_label(d("2026-11-23"), Locale::en), "Monday 23 November");
    }

    fn item(status: &str, moved_from: Option<&str>) -> lotsen_api::schedule::ScheduleItem {
        let moved_from = moved_from
            .map(|s| format!(r#"{{"date":"{s}","start":"09:00","end":"12:00"}}"#))
            .unwrap_or_else(|| "null".into());
        serde_json::from_str(&format!(
            r#"{{"activity_id":4,"date":"2026-11-25","start":"13:00","end":"15:00","title":"Studierum",
            "place":"Biblioteket","kind":"study_room","leader_name":"Sven Berg","status":"{status}",
            "moved_from":{moved_from},"note":null,"absence":null}}"#
        ))
        .unwrap()
    }

    #[wasm_bindgen_test]
    fn changes_are_marked_cancelled_or_moved_with_where_from() {
        use lotsen::pages::schedule::{StatusLabel, kind_label, status_label};
        assert_eq!(
            status_label(&item("scheduled", None)),
            StatusLabel::AsPlanned
        );
        assert_eq!(
            status_label(&item("cancelled", None)),
            StatusLabel::Cancelled
        );
        assert_eq!(
            status_label(&item("moved", Some("2026-11-24"))),
            StatusLabel::Moved {
                from_date: d("2026-11-24"),
                from_start: "09:00".into()
            },
            "shown at the new time, with the old one"
        );
        assert_eq!(
            status_label(&item("moved", None)),
            StatusLabel::Moved {
                from_date: d("2026-11-25"),
                from_start: "13:00".into()
            }
        );
        for kind in lotsen_api::schedule::ActivityKind::ALL {
            assert_ne!(
                kind_label(kind, Locale::sv),
                kind_label(kind, Locale::en),
                "{kind:?}"
            );
        }
        assert_eq!(
            kind_label(lotsen_api::schedule::ActivityKind::StudyRoom, Locale::sv),
            "Studierum"
        );
    }

    #[wasm_bindgen_test]
    fn the_kept_schedule_is_forgotten_on_sign_out() {
        use lotsen::pages::schedule::offline;
        let kept: lotsen_api::schedule::Schedule = serde_json::from_str(
            r#"{"from":"2026-11-23","to":"2026-11-29","generated_at":1795000000,"items":[]}"#,
        )
        .unwrap();
        let mut with_item = kept.clone();
        with_item.items.push(item("cancelled", None));
        offline::save(&with_item);
        assert_eq!(offline::load(), Some(with_item), "kept as it was");
        lotsen::session::forget_offline_data();
        assert_eq!(offline::load(), None, "gone after sign-out");
    }

    #[wasm_bindgen_test]
    fn the_calendar_link_opens_in_the_calendar_app() {
        assert_eq!(
            webcal("https://lotsen.example/api/calendar/abc"),
            "webcal://lotsen.example/api/calendar/abc"
        );
        assert_eq!(
            webcal("http://127.0.0.1:8080/api/calendar/abc"),
            "webcal://127.0.0.1:8080/api/calendar/abc"
        );
    }

    #[wasm_bindgen_test]
    fn offline_shows_the_kept_schedule_only_when_the_network_is_gone() {
        let kept: lotsen_api::schedule::Schedule = serde_json::from_str(
            r#"{"from":"2026-11-23","to":"2026-11-29","generated_at":1795000000,"items":[]}"#,
        )
        .unwrap();
        let network = ApiError::network(Lang::Sv);
        assert_eq!(
            after_load(Err(network.clone()), Some(kept.clone())),
            Ok(Shown::Offline(kept.clone()))
        );
        assert_eq!(after_load(Err(network.clone()), None), Err(network));
        let signed_out = ApiError::from_response(
            401,
            r#"{"status":401,"code":"unauthenticated","message":"Logga in.","fields":[]}"#,
            Lang::Sv,
        );
        assert_eq!(
            after_load(Err(signed_out.clone()), Some(kept.clone())),
            Err(signed_out),
            "a session that has ended shows nothing kept"
        );
        assert_eq!(after_load(Ok(kept.clone()), None), Ok(Shown::Live(kept)));
    }
}

// --- Booking sessions (issue 7) ------------------------------------------------

mod booking {
    use lotsen::i18n::Locale;
    use lotsen::pages::booking::{
        Route, clock, day_of, need_label, route, stockholm_time, time_range, times_path,
    };
    use lotsen::pages::schedule::youth::{Entry, bookings_between, merge};
    use lotsen_api::Date;
    use lotsen_api::account::Profession;
    use lotsen_api::booking::{Booking, MyBookings};
    use wasm_bindgen_test::*;

    fn d(s: &str) -> Date {
        lotsen_api::date::parse_iso(s).unwrap()
    }

    #[wasm_bindgen_test]
    fn booking_paths_name_their_page() {
        assert_eq!(route(""), Route::Start);
        assert_eq!(route("new/3"), Route::Person(3));
        assert_eq!(route("new/3/anyone"), Route::Times(3, None));
        assert_eq!(route("new/3/7"), Route::Times(3, Some(7)));
        assert_eq!(route("mine"), Route::Mine);
        assert_eq!(route("mine/12/move"), Route::Move(12));
        assert_eq!(route("staff"), Route::StaffDay(None));
        assert_eq!(
            route("staff/day/2026-11-24"),
            Route::StaffDay(Some(d("2026-11-24")))
        );
        assert_eq!(route("staff/week"), Route::StaffWeek(None));
        assert_eq!(route("staff/book"), Route::StaffBook);
        assert_eq!(route("staff/hours"), Route::Hours);
        assert_eq!(route("staff/time-off"), Route::TimeOff);
        assert_eq!(route("staff/types"), Route::Types);
        assert_eq!(route("staff/types/2"), Route::EditType(2));
        for bad in [
            "x",
            "new/0",
            "new/x/anyone",
            "new/3/x",
            "mine/1",
            "staff/day/2026-02-30",
        ] {
            assert_eq!(route(bad), Route::NotFound, "{bad}");
        }
        assert_eq!(times_path(3, None), "/booking/new/3/anyone");
        assert_eq!(times_path(3, Some(7)), "/booking/new/3/7");
    }

    #[wasm_bindgen_test]
    fn times_read_as_swedish_wall_clock() {
        let (start, end) = ("2026-11-24T09:00:00+01:00", "2026-11-24T09:45:00+01:00");
        assert_eq!(clock(start), "09:00");
        assert_eq!(day_of(start), Some(d("2026-11-24")));
        assert_eq!(time_range(start, end), "09:00–09:45");
        assert_eq!(
            need_label(Profession::StudyCounsellor, Locale::sv),
            "Välja utbildning – studie- och yrkesvägledare"
        );
        // Typed times get the offset Sweden has on that day.
        assert_eq!(
            stockholm_time(d("2026-11-24"), "09:00").as_deref(),
            Some("2026-11-24T09:00:00+01:00")
        );
        assert_eq!(
            stockholm_time(d("2027-06-01"), "13:30").as_deref(),
            Some("2027-06-01T13:30:00+02:00")
        );
        assert_eq!(stockholm_time(d("2027-06-01"), "25:00"), None);
    }

    fn booking(id: i64, status: &str, starts_at: &str) -> Booking {
        serde_json::from_str(&format!(
            r#"{{"id":{id},"status":"{status}","session_type_id":1,"session_type_name":"Studievägledning",
            "profession":"study_counsellor","staff_id":2,"staff_name":"Sven Berg","youth_id":3,"youth_name":"Omar Ali",
            "starts_at":"{starts_at}","ends_at":"{starts_at}","note":null,"group_session_id":null,"place":null,
            "change_deadline":"{starts_at}","can_change":true,"hold_expires_at":null,"cancel_message":null,
            "cancelled_by_staff":false}}"#
        ))
        .unwrap()
    }

    #[wasm_bindgen_test]
    fn the_schedule_shows_booked_sessions_in_time_order() {
        let mine = MyBookings {
            upcoming: vec![
                booking(1, "booked", "2026-11-25T13:30:00+01:00"),
                booking(2, "booked", "2026-12-07T09:00:00+01:00"),
            ],
            offers: vec![booking(3, "offered", "2026-11-25T08:00:00+01:00")],
            past: vec![
                booking(4, "cancelled", "2026-11-24T10:00:00+01:00"),
                booking(5, "attended", "2026-11-23T10:00:00+01:00"),
            ],
            waitlist: Vec::new(),
        };
        let shown = bookings_between(mine, d("2026-11-23"), d("2026-11-29"));
        let ids: Vec<i64> = shown.iter().map(|b| b.id).collect();
        assert_eq!(ids, [5, 1], "not cancelled, not offered, not next week");

        let item: lotsen_api::schedule::ScheduleItem = serde_json::from_str(
            r#"{"activity_id":4,"date":"2026-11-25","start":"13:00","end":"15:00","title":"Studierum",
            "place":"Biblioteket","kind":"study_room","leader_name":null,"status":"scheduled",
            "moved_from":null,"note":null,"absence":null}"#,
        )
        .unwrap();
        let mut late = item.clone();
        late.start = "14:00".into();
        let day = merge(vec![item, late], vec![shown[1].clone()]);
        let starts: Vec<&str> = day.iter().map(Entry::start).collect();
        assert_eq!(starts, ["13:00", "13:30", "14:00"]);
        assert!(matches!(day[1], Entry::Booked(_)));
    }
}
