use lotsen_api::{ErrorCode, PersonnummerCheck};
use serde_json::json;

use crate::helpers::{
    APP_HEADER, KARIM, Session, TestApp, message, request, valid_personnummer as valid,
};

/// The demo people and a signed-in member of staff (the check is for staff).
async fn staff_app() -> (TestApp, Session) {
    let (app, staff) = TestApp::with_demo_signed_in(KARIM).await;
    (app, staff)
}

async fn check_as(
    app: &TestApp,
    staff: &Session,
    personnummer: &str,
    lang: &str,
) -> crate::helpers::TestResponse {
    let body = json!({ "personnummer": personnummer });
    if lang == "sv" {
        // Swedish is the default: send no Accept-Language at all.
        return app
            .post_as("/api/personnummer/check", &body, Some(staff))
            .await;
    }
    let body = body.to_string();
    let headers = [
        ("content-type", "application/json"),
        ("accept-language", lang),
        APP_HEADER,
        ("cookie", &staff.cookie),
    ];
    app.send(request(
        axum::http::Method::POST,
        "/api/personnummer/check",
        &headers,
        body.into(),
    ))
    .await
}

#[tokio::test]
async fn the_check_is_for_staff_only() {
    let app = TestApp::with_demo().await;
    let body = json!({ "personnummer": "19121212-1212" });
    let anonymous = app.post_as("/api/personnummer/check", &body, None).await;
    anonymous.assert_error(ErrorCode::Unauthenticated, "sv");
    let youth = app.demo(crate::helpers::ELSA).await;
    let not_staff = app
        .post_as("/api/personnummer/check", &body, Some(&youth))
        .await;
    not_staff.assert_error(ErrorCode::Forbidden, "sv");
    let staff = app.demo(KARIM).await;
    let unmarked = app
        .send(request(
            axum::http::Method::POST,
            "/api/personnummer/check",
            &[
                ("content-type", "application/json"),
                ("cookie", &staff.cookie),
            ],
            body.to_string().into(),
        ))
        .await;
    unmarked.assert_error(ErrorCode::CsrfRejected, "sv");
}

#[tokio::test]
async fn a_valid_number_tells_birth_date_and_age() {
    let (app, staff) = staff_app().await;
    let response = check_as(&app, &staff, "19121212-1212", "sv")
        .await
        .assert_status(200);
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let raw: serde_json::Value = response.json();
    assert_eq!(
        raw,
        json!({ "birth_date": "1912-12-12", "age": 113, "minor": false, "coordination_number": false })
    );
}

#[tokio::test]
async fn age_and_minority_follow_the_clock() {
    let (app, staff) = staff_app().await; // today is 2026-11-23
    let cases = [
        (valid(2008, 11, 24, 123), 17, true, "turns 18 tomorrow"),
        (valid(2008, 11, 23, 123), 18, false, "turns 18 today"),
        (valid(2010, 1, 1, 42), 16, true, "a 16-year-old"),
    ];
    for (number, age, minor, why) in cases {
        let response = check_as(&app, &staff, &number, "sv").await;
        assert_eq!(response.status, 200, "{why}: {}", response.text());
        let result: PersonnummerCheck = response.json();
        assert_eq!((result.age, result.minor), (age, minor), "{why}");
    }
}

#[tokio::test]
async fn short_forms_and_coordination_numbers_are_understood() {
    let (app, staff) = staff_app().await;
    let full = valid(2010, 3, 84, 123); // samordningsnummer: born 2010-03-24
    let short = format!("{}{}", &full[2..8], &full[8..]);
    for input in [full.clone(), short, full.replace('-', "")] {
        let result: PersonnummerCheck = check_as(&app, &staff, &input, "sv").await.json();
        assert_eq!(result.birth_date.to_string(), "2010-03-24", "{input}");
        assert!(result.coordination_number, "{input}");
        assert!(result.minor);
    }
}

#[tokio::test]
async fn invalid_numbers_name_the_field_and_why() {
    let (app, staff) = staff_app().await;
    let cases = [
        ("", "personnummer_empty", "nothing entered"),
        ("   ", "personnummer_empty", "only spaces"),
        ("1912121", "personnummer_format", "too short"),
        ("19121212*1212", "personnummer_format", "odd separator"),
        ("19121212-12l2", "personnummer_format", "a letter"),
        ("19121212–1212", "personnummer_format", "an en dash"),
        ("19121332-1212", "personnummer_date", "day 32"),
        (
            "20230229-1234",
            "personnummer_date",
            "29 February in a common year",
        ),
        ("20261124-1234", "personnummer_future", "born tomorrow"),
        (
            "19121212-1213",
            "personnummer_checksum",
            "a typo in the last digit",
        ),
    ];
    for lang in ["sv", "en"] {
        for (input, code, why) in cases {
            let response = check_as(&app, &staff, input, lang).await;
            let body = response.assert_error(ErrorCode::Validation, lang);
            assert_eq!(body.fields.len(), 1, "{why}");
            let field = &body.fields[0];
            assert_eq!(
                (field.field.as_str(), field.code.as_str()),
                ("personnummer", code),
                "{why}: {input:?}"
            );
            assert_eq!(field.message, message(lang, code), "{why}");
            assert!(
                !response.text().contains(input.trim()) || input.trim().is_empty(),
                "{why}: the number is echoed"
            );
        }
    }
}
