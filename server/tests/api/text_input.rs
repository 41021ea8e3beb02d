//! Every free text of every request goes through the one text check
//! (`lotsen_api::text`): table-driven over the operations of the OpenAPI
//! document, each free-text property of each JSON body gets a NUL, text of
//! zero-width characters only and a right-to-left override, and each must be
//! a 422 naming the field — never a 500, never stored. Other strings (logins,
//! e-mail addresses, phone numbers, personnummer, passwords, tokens, times)
//! have their own checks; a NUL there must still be a 4xx.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::http::Method;
use lotsen_api::application::Application;
use lotsen_api::booking::{Booking, SessionType};
use lotsen_api::people::YouthSummary;
use serde_json::{Value, json};

use crate::helpers::{
    ANNA, APP_HEADER, DEMO_PASSWORD, ELSA, KARIM, MARIA, OMAR, SVEN, Session, TestApp,
    TestResponse, request, valid_personnummer,
};
use crate::register::builder::{Entry, put_in_register};

/// String properties that are not free text: each has a check of its own.
const NOT_FREE_TEXT: [&str; 17] = [
    "login",
    "password",
    "current_password",
    "new_password",
    "token",
    "personnummer",
    "email",
    "phone",
    "document_hash",
    "starts_at",
    "ends_at",
    "start",
    "end",
    "start_time",
    "end_time",
    "from_date",
    // A measure code: a-z, 0-9 and _ (`measure_code_format`), or one of the list.
    "code",
];

/// Of those, the ones that name a person or an account: a NUL is a 4xx.
const IDENTITIES: [&str; 5] = ["login", "email", "phone", "personnummer", "token"];

/// One operation's valid request: path, body, and a caller allowed to make it.
struct Example {
    method: Method,
    path: String,
    body: Value,
    caller: Session,
}

/// A string property of a body: its path of keys, and whether it is free text.
#[derive(Debug)]
struct StringProperty {
    keys: Vec<String>,
    free_text: bool,
    max_length: Option<u64>,
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            resolve(spec, &spec["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn is_string(schema: &Value) -> bool {
    match &schema["type"] {
        Value::String(t) => t == "string",
        Value::Array(types) => types.iter().any(|t| t == "string"),
        _ => false,
    }
}

/// Every string property under `schema` (objects, `$ref`s, `allOf`/`oneOf`/`anyOf`).
fn string_properties(
    spec: &Value,
    schema: &Value,
    prefix: &[String],
    out: &mut Vec<StringProperty>,
) {
    let schema = resolve(spec, schema);
    for combinator in ["allOf", "oneOf", "anyOf"] {
        if let Some(parts) = schema[combinator].as_array() {
            for part in parts {
                string_properties(spec, part, prefix, out);
            }
        }
    }
    let Some(properties) = schema["properties"].as_object() else {
        return;
    };
    for (name, property) in properties {
        let mut keys = prefix.to_vec();
        keys.push(name.clone());
        let resolved = resolve(spec, property);
        let plain = ["oneOf", "anyOf", "allOf"]
            .iter()
            .all(|c| resolved.get(*c).is_none());
        if is_string(resolved) && plain {
            let free_text = resolved.get("enum").is_none()
                && resolved.get("format").is_none()
                && !NOT_FREE_TEXT.contains(&name.as_str());
            if out.iter().all(|p| p.keys != keys) {
                out.push(StringProperty {
                    keys,
                    free_text,
                    max_length: resolved["maxLength"].as_u64(),
                });
            }
        } else {
            string_properties(spec, property, &keys, out);
        }
    }
}

fn with_value(body: &Value, keys: &[String], value: &str) -> Value {
    let mut body = body.clone();
    let mut at = &mut body;
    for key in &keys[..keys.len() - 1] {
        at = &mut at[key.as_str()];
    }
    at[keys.last().unwrap().as_str()] = json!(value);
    body
}

async fn send(app: &TestApp, example: &Example, body: &Value) -> TestResponse {
    let headers = vec![
        ("content-type", "application/json"),
        APP_HEADER,
        ("cookie", example.caller.cookie.as_str()),
    ];
    app.send(request(
        example.method.clone(),
        &example.path,
        &headers,
        body.to_string().into(),
    ))
    .await
}

fn application_content() -> Value {
    json!({
        "situation": "studying",
        "last_school": "Alströmergymnasiet",
        "school_status": "has_grades",
        "help_with": ["work"],
        "help_text": "Jag vill hitta ett jobb.",
        "interests": "Musik",
        "contact_by": "email",
        "consents": { "school": true, "social_services": false, "employment_service": false, "youth_clinic": false }
    })
}

/// The demo world with what every operation that takes text needs, and one
/// valid example per operation id.
async fn examples(app: &TestApp) -> BTreeMap<&'static str, Example> {
    // An attended session of Elsa's with Sven yesterday, to rate.
    let [sven, elsa] = app.demos([SVEN, ELSA]).await;
    let sven_id = app.me(&sven).await.unwrap().id;
    let tuesday =
        json!({ "windows": [{ "weekday": "tuesday", "start": "09:00", "end": "16:00" }] });
    assert_eq!(
        app.put_as("/api/staff/me/opening-hours", &tuesday, &sven)
            .await
            .status,
        200
    );
    let guidance: SessionType = app
        .post_as("/api/booking/session-types", &json!({ "name": "Studievägledning", "profession": "study_counsellor", "length_minutes": 45 }), Some(&sven))
        .await
        .assert_status(201)
        .json();
    let attended: Booking = app
        .post_as("/api/me/bookings", &json!({ "session_type_id": guidance.id, "staff_id": sven_id, "starts_at": "2026-11-24T09:00:00+01:00" }), Some(&elsa))
        .await
        .assert_status(201)
        .json();
    app.advance_signed_in(Duration::from_secs(24 * 3600)).await;
    app.post_as(
        &format!("/api/staff/bookings/{}/attendance", attended.id),
        &json!({ "attended": true }),
        Some(&sven),
    )
    .await
    .assert_status(200);

    let [karim, anna, maria, omar] = app.demos([KARIM, ANNA, MARIA, OMAR]).await;
    let johanna = app.demo("johanna.lind@lotsen.example").await;
    let johanna_id = app.me(&johanna).await.unwrap().id;
    let list: Vec<YouthSummary> = app.get_as("/api/youth", &anna).await.json();
    let id_of = |name: &str| list.iter().find(|y| y.name == name).unwrap().id;
    let (elsa_id, omar_id) = (id_of("Elsa Nilsson"), id_of("Omar Ali"));
    let registered_on = lotsen_api::date::ymd(2026, 11, 2).unwrap();
    put_in_register(app, omar_id, registered_on, Entry::default()).await;
    let nils = app
        .register(
            &karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2007, 4, 5, 111), "email": "nils.holm@example.se" }),
        )
        .await
        .youth
        .id;

    // Elsa's application, signed by her: her guardian may decline, staff may decline.
    let signed: Application = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": elsa_id, "content": application_content() }),
            Some(&karim),
        )
        .await
        .assert_status(201)
        .json();
    app.post_as(
        &format!("/api/applications/{}/sign", signed.id),
        &json!({ "password": DEMO_PASSWORD, "read": true, "document_hash": signed.document_hash }),
        Some(&elsa),
    )
    .await
    .assert_status(200);
    // Omar's draft, edited by an administrator.
    let draft: Application = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": omar_id, "content": application_content() }),
            Some(&anna),
        )
        .await
        .assert_status(201)
        .json();

    // Johanna's coaching on Wednesdays; a group type; Omar's booking to cancel.
    let wednesday =
        json!({ "windows": [{ "weekday": "wednesday", "start": "09:00", "end": "12:00" }] });
    assert_eq!(
        app.put_as("/api/staff/me/opening-hours", &wednesday, &johanna)
            .await
            .status,
        200
    );
    let new_type = |name: &str, group: bool| json!({ "name": name, "profession": "job_coach", "length_minutes": 30, "description": "Om jobb.", "group": group });
    let coaching: SessionType = app
        .post_as(
            "/api/booking/session-types",
            &new_type("Jobbcoachning", false),
            Some(&johanna),
        )
        .await
        .assert_status(201)
        .json();
    let gym: SessionType = app
        .post_as(
            "/api/booking/session-types",
            &new_type("Gym", true),
            Some(&johanna),
        )
        .await
        .assert_status(201)
        .json();
    let omars: Booking = app
        .post_as(
            "/api/me/bookings",
            &json!({ "session_type_id": coaching.id, "staff_id": johanna_id, "starts_at": "2026-11-25T11:00:00+01:00" }),
            Some(&omar),
        )
        .await
        .assert_status(201)
        .json();

    // The demo week: the individual meeting is on Elsa's schedule.
    let meeting = app.individual_meeting(&karim).await;
    let activity = json!({
        "title": "Jobbsök", "description": "Vi skriver CV.", "place": "Rum 3", "kind": "working_life",
        "recurrence": { "weekdays": [1], "start_time": "09:00", "end_time": "11:00", "first_date": "2026-11-23", "last_date": "2026-12-21" }
    });

    // Another activity to edit, so that the meeting keeps its days.
    let extra: lotsen_api::schedule::Activity = app
        .post_as("/api/activities", &activity, Some(&karim))
        .await
        .assert_status(201)
        .json();

    crate::register::plans::with_plan(app, &karim, elsa_id).await;

    let e = |method: Method, path: String, body: Value, caller: &Session| Example {
        method,
        path,
        body,
        caller: caller.clone(),
    };
    let app_path = |id: i64| format!("/api/applications/{id}");
    BTreeMap::from([
        (
            "register_youth",
            e(
                Method::POST,
                "/api/youth".into(),
                json!({ "name": "Ny Person", "personnummer": valid_personnummer(2008, 1, 2, 123), "email": "ny.person@example.se" }),
                &karim,
            ),
        ),
        (
            "add_guardian",
            e(
                Method::POST,
                format!("/api/youth/{elsa_id}/guardians"),
                json!({ "name": "Ny Förälder", "email": "ny.foralder@example.se", "phone": "070-123 45 67" }),
                &karim,
            ),
        ),
        (
            "add_team_member",
            e(
                Method::POST,
                format!("/api/youth/{elsa_id}/team"),
                json!({ "staff_id": johanna_id, "reason": "Planerar praktik" }),
                &karim,
            ),
        ),
        (
            "remove_team_member",
            e(
                Method::POST,
                format!("/api/youth/{elsa_id}/team/{johanna_id}/remove"),
                json!({ "reason": "Praktiken är ordnad" }),
                &karim,
            ),
        ),
        (
            "invite_staff",
            e(
                Method::POST,
                "/api/staff".into(),
                json!({ "name": "Ny Personal", "email": "ny.personal@lotsen.example", "profession": "job_coach" }),
                &anna,
            ),
        ),
        (
            "create_application",
            e(
                Method::POST,
                "/api/applications".into(),
                json!({ "youth_id": nils, "content": application_content() }),
                &karim,
            ),
        ),
        (
            "update_application",
            e(
                Method::PUT,
                app_path(draft.id),
                json!({ "version": draft.version, "content": application_content() }),
                &anna,
            ),
        ),
        (
            "guardian_decline_application",
            e(
                Method::POST,
                format!("{}/guardian-decline", app_path(signed.id)),
                json!({ "reason": "Vi vill prata först." }),
                &maria,
            ),
        ),
        (
            "decline_application",
            e(
                Method::POST,
                format!("{}/decline", app_path(signed.id)),
                json!({ "reason": "Passar inte just nu." }),
                &karim,
            ),
        ),
        (
            "create_session_type",
            e(
                Method::POST,
                "/api/booking/session-types".into(),
                new_type("Samtal", false),
                &johanna,
            ),
        ),
        (
            "update_session_type",
            e(
                Method::PUT,
                format!("/api/booking/session-types/{}", coaching.id),
                new_type("Jobbcoachning", false),
                &johanna,
            ),
        ),
        (
            "create_exception",
            e(
                Method::POST,
                "/api/staff/me/exceptions".into(),
                json!({ "starts_at": "2026-12-01T09:00:00+01:00", "ends_at": "2026-12-01T10:00:00+01:00", "reason": "Kurs" }),
                &johanna,
            ),
        ),
        (
            "create_group_session",
            e(
                Method::POST,
                "/api/booking/group-sessions".into(),
                json!({ "session_type_id": gym.id, "starts_at": "2026-12-02T13:00:00+01:00", "seats": 5, "place": "Gymmet" }),
                &johanna,
            ),
        ),
        (
            "create_booking",
            e(
                Method::POST,
                "/api/me/bookings".into(),
                json!({ "session_type_id": coaching.id, "staff_id": johanna_id, "starts_at": "2026-11-25T09:00:00+01:00", "note": "Jag vill prata om CV." }),
                &elsa,
            ),
        ),
        (
            "book_for_youth",
            e(
                Method::POST,
                "/api/staff/bookings".into(),
                json!({ "youth_id": elsa_id, "session_type_id": coaching.id, "staff_id": johanna_id, "starts_at": "2026-11-25T10:00:00+01:00", "note": "Uppföljning." }),
                &anna,
            ),
        ),
        (
            "staff_cancel_booking",
            e(
                Method::POST,
                format!("/api/staff/bookings/{}/cancel", omars.id),
                json!({ "message": "Johanna är sjuk." }),
                &anna,
            ),
        ),
        (
            "record_outcome",
            e(
                Method::POST,
                format!("/api/youth/{elsa_id}/outcomes"),
                json!({ "kind": "studies", "from": "2026-11-23", "school": "Komvux", "programme": "Svenska" }),
                &karim,
            ),
        ),
        (
            "add_register_entry",
            e(
                Method::POST,
                "/api/register/people".into(),
                json!({
                    "personnummer": valid_personnummer(2009, 6, 7, 222),
                    "name": "Kim Ström",
                    "details": { "street": "Storgatan 1", "postal_code": "44130", "city": "Alingsås", "phone": "0701234567", "email": "kim@example.se", "last_school": "Alströmergymnasiet", "last_programme": "El- och energiprogrammet", "left_reason": "Avbrott" },
                    "registration": { "on": "2026-11-20", "reason": "school_notice", "note": "Lång ogiltig frånvaro enligt skolan." }
                }),
                &anna,
            ),
        ),
        // Elsa (in the register since 15 January) is deregistered, then registered again.
        (
            "deregister",
            e(
                Method::POST,
                format!("/api/register/people/{elsa_id}/deregistration"),
                json!({ "on": "2026-11-20", "reason": "other", "note": "Flyttar till släkt." }),
                &anna,
            ),
        ),
        (
            "register_again",
            e(
                Method::POST,
                format!("/api/register/people/{elsa_id}/registrations"),
                json!({ "on": "2026-11-21", "reason": "moved_in", "note": "Flyttade tillbaka." }),
                &anna,
            ),
        ),
        (
            "register_log_contact",
            e(
                Method::POST,
                format!("/api/register/people/{omar_id}/contacts"),
                json!({ "contacted_on": "2026-11-20", "channel": "phone", "recipient": "youth", "outcome": "no_answer", "note": "Ringde två gånger." }),
                &karim,
            ),
        ),
        (
            "create_measure_code",
            e(
                Method::POST,
                "/api/register/measure-codes".into(),
                json!({ "code": "mentor", "label_sv": "Mentor", "label_en": "Mentor" }),
                &anna,
            ),
        ),
        (
            "update_measure_code",
            e(
                Method::PUT,
                "/api/register/measure-codes/guidance".into(),
                json!({ "label_sv": "Vägledning", "label_en": "Guidance", "active": true }),
                &anna,
            ),
        ),
        (
            "revise_register_plan",
            e(
                Method::POST,
                format!("/api/register/people/{elsa_id}/plan"),
                json!({ "own_words": "Jag vill jobba.", "goal": "Ett jobb till sommaren." }),
                &karim,
            ),
        ),
        (
            "add_register_measure",
            e(
                Method::POST,
                format!("/api/register/people/{elsa_id}/measures"),
                json!({ "code": "job_support", "responsible_kind": "other", "responsible_name": "Arbetsförmedlingen", "planned_start": "2026-12-01" }),
                &karim,
            ),
        ),
        (
            "answer_my_register_plan",
            e(
                Method::POST,
                "/api/register/me/plan/response".into(),
                json!({ "version": 1, "agree": true, "comment": "Bra plan." }),
                &elsa,
            ),
        ),
        (
            "rate_activity",
            e(
                Method::PUT,
                format!("/api/me/ratings/activities/{meeting}/2026-11-19"),
                json!({ "score": 4, "comment": "Bra samtal." }),
                &elsa,
            ),
        ),
        (
            "rate_session",
            e(
                Method::PUT,
                format!("/api/me/ratings/sessions/{}", attended.id),
                json!({ "score": 5, "comment": "Jättebra." }),
                &elsa,
            ),
        ),
        (
            "answer_feedback",
            e(
                Method::POST,
                format!("/api/feedback/activities/{meeting}/answers"),
                json!({ "text": "Vi har flyttat tiden." }),
                &karim,
            ),
        ),
        (
            "create_activity",
            e(
                Method::POST,
                "/api/activities".into(),
                activity.clone(),
                &karim,
            ),
        ),
        (
            "update_activity",
            e(
                Method::PUT,
                format!("/api/activities/{}", extra.id),
                activity,
                &karim,
            ),
        ),
        (
            "change_occurrence",
            e(
                Method::PUT,
                format!("/api/activities/{meeting}/occurrences/2026-11-26"),
                json!({ "action": "cancel", "note": "Studiedag" }),
                &karim,
            ),
        ),
        (
            "report_absence",
            e(
                Method::PUT,
                format!("/api/me/schedule/absences/{meeting}/2026-12-03"),
                json!({ "reason": "Sjuk" }),
                &elsa,
            ),
        ),
        (
            "sign_in",
            e(
                Method::POST,
                "/api/auth/sign-in".into(),
                json!({ "login": "nobody@lotsen.example", "password": "fel-losenord" }),
                &omar,
            ),
        ),
        (
            "check_personnummer",
            e(
                Method::POST,
                "/api/personnummer/check".into(),
                json!({ "personnummer": "19121212-1212" }),
                &karim,
            ),
        ),
        (
            "start_passkey_registration",
            e(
                Method::POST,
                "/api/me/passkeys/start".into(),
                json!({ "name": "Min telefon" }),
                &omar,
            ),
        ),
    ])
}

#[tokio::test]
async fn every_free_text_field_refuses_control_invisible_and_bidi_text_with_422() {
    let app = TestApp::with_demo().await;
    let examples = examples(&app).await;
    let spec: Value = app.get("/api/openapi.json").await.json();
    let bad = [
        ("a\u{0}b", "text_control"),
        ("\u{200B}\u{200B}", "text_invisible"),
        ("abc\u{202E}def", "text_bidi"),
    ];
    let mut tested = Vec::new();
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    for (template, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(schema) = operation.pointer("/requestBody/content/application~1json/schema")
            else {
                continue;
            };
            let id = operation["operationId"].as_str().unwrap();
            let mut properties = Vec::new();
            string_properties(&spec, schema, &[], &mut properties);
            if properties.is_empty() {
                continue;
            }
            let Some(example) = examples.get(id) else {
                if properties.iter().any(|p| p.free_text) {
                    missing.push(format!("{method} {template} ({id})"));
                }
                continue;
            };
            for property in &properties {
                let field = property.keys.last().unwrap();
                let name = property.keys.join(".");
                if !property.free_text {
                    // Its own check: a NUL in an identity is refused as the
                    // client's fault; in any other string it is never a 5xx.
                    let r = send(
                        &app,
                        example,
                        &with_value(&example.body, &property.keys, "a\u{0}b"),
                    )
                    .await;
                    let refused = (400..500).contains(&r.status.as_u16());
                    if r.status.is_server_error()
                        || (IDENTITIES.contains(&field.as_str()) && !refused)
                    {
                        wrong.push(format!("{id} {name} with a NUL: {} {}", r.status, r.text()));
                    }
                    continue;
                }
                if property.max_length.is_none() {
                    wrong.push(format!("{id} {name}: no maxLength in the schema"));
                }
                for (value, code) in bad {
                    let r = send(
                        &app,
                        example,
                        &with_value(&example.body, &property.keys, value),
                    )
                    .await;
                    let named = r.status == 422
                        && r.json::<lotsen_api::ErrorBody>()
                            .fields
                            .iter()
                            .any(|f| (f.field == *field || f.field == name) && f.code == code);
                    if !named {
                        wrong.push(format!(
                            "{id} {name} = {value:?}: {} {}",
                            r.status,
                            r.text()
                        ));
                    }
                }
                tested.push(format!("{id} {name}"));
            }
            // The example itself passes every check.
            let r = send(&app, example, &example.body).await;
            if r.status == 422
                || r.status.is_server_error()
                || ([401, 403, 404].contains(&r.status.as_u16()) && id != "sign_in")
            {
                wrong.push(format!(
                    "{id}: the valid example answered {} {}",
                    r.status,
                    r.text()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "operations with free text but no example here: {missing:?}"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for expected in [
        "register_youth name",
        "invite_staff name",
        "create_application content.last_school",
        "update_application content.help_text",
        "decline_application reason",
        "create_activity title",
        "change_occurrence note",
        "record_outcome programme",
        "register_log_contact note",
        "add_register_entry registration.note",
        "deregister note",
        "register_again note",
        "rate_session comment",
        "staff_cancel_booking message",
        "create_group_session place",
    ] {
        assert!(
            tested.iter().any(|t| t == expected),
            "{expected} not tested: {tested:?}"
        );
    }
    // Nothing of it was stored.
    for (table, column) in [
        ("accounts", "name"),
        ("activities", "title"),
        ("ratings", "comment"),
    ] {
        let sql = format!(
            "SELECT COUNT(*) FROM {table} WHERE {column} LIKE '%' || {} || '%'",
            if app.is_sqlite() {
                "char(8238)"
            } else {
                "chr(8238)"
            }
        );
        assert_eq!(app.count(&sql).await, 0, "{table}.{column}");
    }
}
