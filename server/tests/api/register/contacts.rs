//! The register's contacts: the contact log and the outreach ladder, the SMS
//! rung in the outbox, the letter (never an address with protected
//! identity), the "to contact" list's 14-day mark and the worklist, with the
//! tests' fixed clock.

use std::time::Duration;

use lotsen_api::date::add_days;
use lotsen_api::register::ContactChannel;
use lotsen_api::register::contacts::{
    ADDRESS_WINDOW, ContactEntry, ContactLetterPrint, ContactLog, FIELD_CODES, HomeVisitItem,
    SmsState, ToContactPage, Worklist,
};
use lotsen_api::{ErrorBody, ErrorCode};
use serde_json::{Value, json};

use super::builder::{Entry, put_in_register};
use crate::helpers::internals::{Mailer, send_pending};
use crate::helpers::{
    ANNA, KARIM, MARIA, OMAR, SVEN, Session, TestApp, field_codes, message, today,
};

const DAY: Duration = Duration::from_secs(86_400);
const OMAR_PHONE: &str = "+46701110001";
const OMAR_ADDRESS: (&str, &str, &str) = ("Kungsgatan 7 B", "44130", "Alingsås");

fn contacts(id: i64) -> String {
    format!("/api/register/people/{id}/contacts")
}

/// A contact attempt today, with `extra` fields on top.
fn attempt(channel: &str, outcome: &str, extra: Value) -> Value {
    let mut body = json!({
        "contacted_on": today().to_string(),
        "channel": channel,
        "recipient": "youth",
        "outcome": outcome,
    });
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

async fn log(app: &TestApp, staff: &Session, id: i64, body: Value) -> ContactEntry {
    app.post_as(&contacts(id), &body, Some(staff))
        .await
        .assert_status(201)
        .json()
}

/// The field errors of a 422.
async fn refused(app: &TestApp, staff: &Session, id: i64, body: Value) -> Vec<(String, String)> {
    let response = app.post_as(&contacts(id), &body, Some(staff)).await;
    let error = response.assert_error(ErrorCode::Validation, "sv");
    field_codes(&error)
        .into_iter()
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
        .collect()
}

/// The demo with Omar (19) in the register since today, with a phone and an address.
async fn omar_registered() -> (TestApp, Session, i64) {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let omar = app.youth_named("Omar Ali").await;
    let entry = Entry {
        phone: Some(OMAR_PHONE),
        address: Some(OMAR_ADDRESS),
    };
    put_in_register(&app, omar, today(), entry).await;
    (app, karim, omar)
}

#[tokio::test]
async fn every_field_code_has_a_message_in_both_languages() {
    for code in FIELD_CODES {
        assert!(!message("sv", code).is_empty(), "{code}");
        assert!(!message("en", code).is_empty(), "{code}");
    }
}

#[tokio::test]
async fn a_call_with_no_answer_suggests_an_sms_which_waits_in_the_outbox() {
    let (app, karim, omar) = omar_registered().await;
    let log_before: ContactLog = app.get_as(&contacts(omar), &karim).await.json();
    assert!(log_before.entries.is_empty());
    assert_eq!(log_before.suggested_next, Some(ContactChannel::Phone));

    let call = log(&app, &karim, omar, attempt("phone", "no_answer", json!({}))).await;
    assert_eq!(call.staff.name, "Karim Haddad");
    assert_eq!(call.sms, None);
    let after_call: ContactLog = app.get_as(&contacts(omar), &karim).await.json();
    assert_eq!(after_call.entries, [call]);
    assert_eq!(after_call.suggested_next, Some(ContactChannel::Sms));

    let sms = log(
        &app,
        &karim,
        omar,
        attempt("sms", "message_left", json!({})),
    )
    .await;
    assert_eq!(sms.sms, Some(SmsState::Waiting));
    let rows: Vec<String> = app
        .texts(&format!(
            "SELECT channel || '|' || to_address || '|' || body FROM outbox WHERE account_id = {omar}"
        ))
        .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (channel_to, body) = rows[0].split_at(rows[0].find("|H").unwrap());
    assert_eq!(channel_to, format!("sms|{OMAR_PHONE}"));
    // Omar has never signed in: an SMS is in one language, Swedish.
    assert!(
        body.starts_with("|Hej Omar! Det är Karim Haddad från Lotsen."),
        "{body}"
    );
    assert!(!body.contains("Hello Omar!"), "{body}");

    // The e-mail sender leaves SMS alone: it waits for the SMS gateway.
    let mailer = Mailer::new("smtp://127.0.0.1:9", "Lotsen <lotsen@kommun.example>").unwrap();
    send_pending(&app.state.db, &app.state.clock, &mailer)
        .await
        .unwrap();
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND sent_at IS NULL AND attempts = 0"
        )
        .await,
        1
    );
    let log_now: ContactLog = app.get_as(&contacts(omar), &karim).await.json();
    assert_eq!(
        log_now.entries[0].sms,
        Some(SmsState::Waiting),
        "newest first"
    );
    assert_eq!(log_now.suggested_next, Some(ContactChannel::Letter));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE youth_id = {omar} AND action = 'register_read_contacts'"
        ))
        .await,
        3,
        "every read of the contact log is audited"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE youth_id = {omar} AND action = 'register_log_contact'"
        ))
        .await,
        2
    );

    // Once the SMS gateway has sent it, the log says so, and what came of it
    // (the SMS tests send it through Kannel: sms/register.rs).
    for (status, state) in [
        ("sent", SmsState::Sent),
        ("delivered", SmsState::Delivered),
        ("failed", SmsState::Failed),
    ] {
        app.execute(&format!(
            "UPDATE outbox SET sent_at = 1, status = '{status}' WHERE channel = 'sms'"
        ))
        .await
        .unwrap();
        let sent: ContactLog = app.get_as(&contacts(omar), &karim).await.json();
        assert_eq!(sent.entries[0].sms, Some(state), "{status}");
    }
    let sent: ContactLog = app.get_as(&contacts(omar), &karim).await.json();
    assert_eq!(sent.entries[1].sms, None, "a call wrote no SMS");

    // Reached ends the ladder.
    let reached = attempt("phone", "reached", json!({ "occupation": "work" }));
    log(&app, &karim, omar, reached).await;
    let done: ContactLog = app.get_as(&contacts(omar), &karim).await.json();
    assert_eq!(done.suggested_next, None);
}

#[tokio::test]
async fn an_sms_in_the_persons_language_or_to_a_guardian_only_under_18() {
    let (app, karim, omar) = omar_registered().await;
    app.demo_in(OMAR, "en").await;
    log(&app, &karim, omar, attempt("sms", "no_answer", json!({}))).await;
    let body = app
        .texts(&format!(
            "SELECT body FROM outbox WHERE account_id = {omar} AND channel = 'sms'"
        ))
        .await;
    assert!(
        body[0].starts_with("Hello Omar! This is Karim Haddad"),
        "{body:?}"
    );
    assert!(!body[0].contains("Hej"), "{body:?}");

    // Omar is 19: no guardian.
    let to_guardian = attempt("phone", "no_answer", json!({ "recipient": "guardian" }));
    let problems = refused(&app, &karim, omar, to_guardian.clone()).await;
    assert_eq!(
        problems,
        [("recipient".into(), "contact_guardian_adult".into())]
    );

    // Elsa is 17: an SMS to her guardian goes to the guardian's phone.
    let elsa = app.youth_named("Elsa Nilsson").await;
    put_in_register(&app, elsa, today(), Entry::default()).await;
    let sms_to_guardian = attempt("sms", "no_answer", json!({ "recipient": "guardian" }));
    let problems = refused(&app, &karim, elsa, sms_to_guardian.clone()).await;
    assert_eq!(
        problems,
        [("channel".into(), "contact_no_phone".into())],
        "no guardian has a phone yet"
    );
    let maria = app.account_id(MARIA).await;
    app.execute(&format!(
        "UPDATE accounts SET phone = '+46702220002' WHERE id = {maria}"
    ))
    .await
    .unwrap();
    let sent = log(&app, &karim, elsa, sms_to_guardian).await;
    assert_eq!(sent.sms, Some(SmsState::Waiting));
    let to: Vec<String> = app
        .texts(&format!(
            "SELECT to_address FROM outbox WHERE account_id = {maria} AND channel = 'sms'"
        ))
        .await;
    assert_eq!(to, ["+46702220002"]);
    let body = app
        .texts(&format!(
            "SELECT body FROM outbox WHERE account_id = {maria} AND channel = 'sms'"
        ))
        .await;
    assert!(body[0].contains("Vi försöker nå Elsa"), "{body:?}");
}

#[tokio::test]
async fn an_sms_with_no_phone_is_refused_with_a_clear_message() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let omar = app.youth_named("Omar Ali").await;
    put_in_register(&app, omar, today(), Entry::default()).await;
    let response = app
        .post_as(
            &contacts(omar),
            &attempt("sms", "no_answer", json!({})),
            Some(&karim),
        )
        .await;
    let error = response.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(field_codes(&error), [("channel", "contact_no_phone")]);
    assert_eq!(error.fields[0].message, message("sv", "contact_no_phone"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms'")
            .await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM register_contacts").await, 0);
}

#[tokio::test]
async fn a_home_visit_names_two_different_staff_and_keeps_its_checklist() {
    let (app, karim, omar) = omar_registered().await;
    let karim_id = app.account_id(KARIM).await;
    let sven_id = app.account_id(SVEN).await;
    let visit = |second: i64| {
        attempt(
            "home_visit",
            "no_answer",
            json!({
                "second_staff_id": second,
                "checklist": ["note_left", "two_staff", "safety_check", "note_left"],
                "note": "Ingen öppnade.",
            }),
        )
    };
    assert_eq!(
        refused(&app, &karim, omar, visit(karim_id)).await,
        [("second_staff_id".into(), "contact_same_staff".into())]
    );
    assert_eq!(
        refused(&app, &karim, omar, visit(omar)).await,
        [(
            "second_staff_id".into(),
            "contact_second_staff_unknown".into()
        )],
        "a young person is not staff"
    );
    let without = attempt("home_visit", "no_answer", json!({}));
    assert_eq!(
        refused(&app, &karim, omar, without).await,
        [("second_staff_id".into(), "required".into())]
    );
    let entry = log(&app, &karim, omar, visit(sven_id)).await;
    assert_eq!(
        entry.second_staff.map(|s| s.name).as_deref(),
        Some("Sven Berg")
    );
    assert_eq!(
        entry.checklist,
        [
            HomeVisitItem::SafetyCheck,
            HomeVisitItem::TwoStaff,
            HomeVisitItem::NoteLeft
        ]
    );
    assert_eq!(entry.note.as_deref(), Some("Ingen öppnade."));
    let call_with_list = attempt("phone", "no_answer", json!({ "checklist": ["id_shown"] }));
    assert_eq!(
        refused(&app, &karim, omar, call_with_list).await,
        [("checklist".into(), "contact_not_home_visit".into())]
    );
}

#[tokio::test]
async fn a_contact_is_checked_and_no_client_input_is_a_500() {
    let (app, karim, omar) = omar_registered().await;
    let tomorrow = add_days(today(), 1).to_string();
    let future = attempt("phone", "no_answer", json!({ "contacted_on": tomorrow }));
    assert_eq!(
        refused(&app, &karim, omar, future).await,
        [("contacted_on".into(), "contact_date".into())]
    );
    let reached = attempt("phone", "reached", json!({}));
    assert_eq!(
        refused(&app, &karim, omar, reached).await,
        [("occupation".into(), "required".into())]
    );
    let occupied = attempt("phone", "no_answer", json!({ "occupation": "studies" }));
    assert_eq!(
        refused(&app, &karim, omar, occupied).await,
        [("occupation".into(), "contact_occupation_not_reached".into())]
    );
    let earlier = attempt(
        "phone",
        "no_answer",
        json!({ "next_contact_on": "2026-01-01" }),
    );
    assert_eq!(
        refused(&app, &karim, omar, earlier).await,
        [("next_contact_on".into(), "contact_next_date".into())]
    );
    let long_note = attempt("phone", "no_answer", json!({ "note": "x".repeat(1001) }));
    assert_eq!(
        refused(&app, &karim, omar, long_note).await,
        [("note".into(), "too_long".into())]
    );
    for bad in [
        attempt("pigeon", "no_answer", json!({})),
        attempt(
            "phone",
            "no_answer",
            json!({ "contacted_on": "2026-02-30" }),
        ),
        attempt("phone", "no_answer", json!({ "checklist": ["cake"] })),
        attempt("phone", "no_answer", json!({ "second_staff_id": "x" })),
    ] {
        let response = app.post_as(&contacts(omar), &bad, Some(&karim)).await;
        response.assert_error(ErrorCode::MalformedJson, "sv");
    }
    let huge = attempt(
        "home_visit",
        "no_answer",
        json!({ "second_staff_id": i64::MAX }),
    );
    assert_eq!(
        refused(&app, &karim, omar, huge).await,
        [(
            "second_staff_id".into(),
            "contact_second_staff_unknown".into()
        )]
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM register_contacts").await, 0);

    // Not in the register, or not there at all: 404.
    let elsa = app.youth_named("Elsa Nilsson").await;
    for id in [elsa, i64::MAX, -1] {
        let response = app.get_as(&contacts(id), &karim).await;
        response.assert_error(ErrorCode::NotFound, "sv");
    }
}

#[tokio::test]
async fn the_letter_is_placed_for_a_windowed_envelope_in_the_persons_language() {
    let (app, karim, omar) = omar_registered().await;
    let path = format!("/api/register/people/{omar}/letter");
    let letter: ContactLetterPrint = app.get_as(&path, &karim).await.json();
    assert_eq!(letter.sender, ["Lotsen"], "a neutral sender");
    assert_eq!(
        letter.address,
        ["Omar Ali", "Kungsgatan 7 B", "441 30 ALINGSÅS"]
    );
    assert_eq!(letter.window, ADDRESS_WINDOW);
    assert_eq!((letter.window.left_mm, letter.window.top_mm), (20, 50));
    assert_eq!(letter.date, today());
    assert_eq!(
        letter.lang, None,
        "never signed in: both languages, Swedish first"
    );
    assert!(letter.body.starts_with("Hej Omar!"), "{}", letter.body);
    assert!(
        letter.body.contains("karim.haddad@lotsen.example"),
        "how to reach the sender"
    );
    assert!(letter.body.contains("Hello Omar!"), "{}", letter.body);

    app.demo_in(OMAR, "en").await;
    let english: ContactLetterPrint = app.get_as(&path, &karim).await.json();
    assert_eq!(english.lang, Some(lotsen_api::Lang::En));
    assert_eq!(english.subject, "We would like to talk with you");
    assert!(!english.body.contains("Hej"), "{}", english.body);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE youth_id = {omar} AND action = 'register_read_letter'"
        ))
        .await,
        2
    );

    // Without a full address there is nothing to print.
    app.execute(&format!(
        "UPDATE register_people SET street = NULL WHERE youth_id = {omar}"
    ))
    .await
    .unwrap();
    let error = app
        .get_as(&path, &karim)
        .await
        .assert_error(ErrorCode::Validation, "sv");
    assert_eq!(field_codes(&error), [("address", "letter_no_address")]);
}

#[tokio::test]
async fn no_address_is_ever_given_for_a_person_with_protected_identity() {
    let app = TestApp::with_demo().await;
    let [karim, anna] = app.demos([KARIM, ANNA]).await;
    let linnea = app.youth_named("Linnea Ek").await;
    let entry = Entry {
        phone: Some("+46703330003"),
        address: Some(("Hemliga vägen 3", "44131", "Alingsås")),
    };
    put_in_register(&app, linnea, add_days(today(), -20), entry).await;
    let response = app
        .get_as(&format!("/api/register/people/{linnea}/letter"), &karim)
        .await;
    assert_eq!(response.status, 409);
    assert!(!response.text().contains("Hemliga"), "{}", response.text());
    let error: ErrorBody = response.json();
    assert_eq!(error.code, ErrorCode::Conflict);
    assert!(error.message.contains("Skatteverket"), "{}", error.message);
    assert_eq!(error.message, message("sv", "letter_protected_identity"));
    assert_eq!(
        field_codes(&error),
        [("address", "letter_protected_identity")]
    );

    // Nor anywhere else: the log, "to contact", the worklist.
    let next = today().to_string();
    let body = attempt("sms", "no_answer", json!({ "next_contact_on": next }));
    let logged = app.post_as(&contacts(linnea), &body, Some(&karim)).await;
    assert_eq!(logged.status, 201);
    let texts = [
        logged.text().to_owned(),
        app.get_as(&contacts(linnea), &karim)
            .await
            .text()
            .to_owned(),
        app.get_as("/api/register/to-contact", &anna)
            .await
            .text()
            .to_owned(),
        app.get_as("/api/register/worklist", &karim)
            .await
            .text()
            .to_owned(),
    ];
    for (i, text) in texts.iter().enumerate() {
        assert!(i == 0 || text.contains("Linnea"), "about her: {text}");
        for secret in ["Hemliga", "44131", "+46703330003"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}

/// The names on the "to contact" list, with days since registration and the 14-day mark.
async fn to_contact(app: &TestApp, officer: &Session) -> Vec<(String, i64, bool)> {
    let page: ToContactPage = app.get_as("/api/register/to-contact", officer).await.json();
    page.items
        .into_iter()
        .map(|i| (i.name, i.days_since_registration, i.past_goal))
        .collect()
}

#[tokio::test]
async fn the_to_contact_list_marks_those_past_the_14_day_goal_from_day_15() {
    let app = TestApp::with_demo().await;
    let [karim, sven] = app.demos([KARIM, SVEN]).await;
    let anna = app.demo(ANNA).await;
    super::people::make_officer(&app, &anna, app.account_id(SVEN).await).await;
    let [omar, elsa, linnea] = [
        app.youth_named("Omar Ali").await,
        app.youth_named("Elsa Nilsson").await,
        app.youth_named("Linnea Ek").await,
    ];
    put_in_register(&app, omar, today(), Entry::default()).await;
    put_in_register(&app, elsa, add_days(today(), -3), Entry::default()).await;
    put_in_register(&app, linnea, add_days(today(), -1), Entry::default()).await;
    // Reached before this registration does not count.
    app.execute(&format!(
        "INSERT INTO register_contacts (youth_id, contacted_on, channel, recipient, staff_id, outcome, occupation, recorded_at, recorded_by) \
         SELECT {linnea}, '2026-01-05', 'phone', 'youth', account_id, 'reached', 'work', 0, account_id FROM staff WHERE account_id = {}",
        app.account_id(KARIM).await
    ))
    .await
    .unwrap();
    assert_eq!(
        to_contact(&app, &sven).await,
        [
            ("Elsa Nilsson".into(), 3, false),
            ("Linnea Ek".into(), 1, false),
            ("Omar Ali".into(), 0, false)
        ],
        "oldest registration first"
    );
    log(&app, &karim, elsa, attempt("phone", "no_answer", json!({}))).await;
    log(
        &app,
        &karim,
        linnea,
        attempt("phone", "reached", json!({ "occupation": "none" })),
    )
    .await;

    // Omar's day 14: not past the goal; Elsa's day 17: past it.
    app.advance_signed_in(14 * DAY).await;
    assert_eq!(
        to_contact(&app, &sven).await,
        [
            ("Elsa Nilsson".into(), 17, true),
            ("Omar Ali".into(), 14, false)
        ]
    );
    let page: ToContactPage = app.get_as("/api/register/to-contact", &sven).await.json();
    assert_eq!(page.total, 2);
    assert_eq!(page.items[0].attempts, 1);
    assert_eq!(page.items[0].suggested_next, Some(ContactChannel::Sms));
    assert_eq!(page.items[1].suggested_next, Some(ContactChannel::Phone));

    // Day 15: marked.
    app.advance_signed_in(DAY).await;
    assert_eq!(
        to_contact(&app, &sven).await,
        [
            ("Elsa Nilsson".into(), 18, true),
            ("Omar Ali".into(), 15, true)
        ]
    );

    // Windowed.
    let second: ToContactPage = app
        .get_as("/api/register/to-contact?offset=1&limit=1", &sven)
        .await
        .json();
    assert_eq!((second.total, second.offset, second.items.len()), (2, 1, 1));
    assert_eq!(second.items[0].name, "Omar Ali");
    for odd in ["?limit=0", "?limit=100000", "?offset=-5"] {
        let page: ToContactPage = app
            .get_as(&format!("/api/register/to-contact{odd}"), &sven)
            .await
            .json();
        assert!(!page.items.is_empty(), "{odd}");
    }
    let response = app
        .get_as("/api/register/to-contact?limit=many", &sven)
        .await;
    response.assert_error(ErrorCode::BadRequest, "sv");
    assert!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'register_to_contact'")
            .await
            > 0
    );
}

/// The names on `staff`'s worklist: contacts due and follow-ups due.
async fn worklist(app: &TestApp, staff: &Session) -> (Vec<String>, Vec<String>) {
    let list: Worklist = app.get_as("/api/register/worklist", staff).await.json();
    (
        list.contacts_due.into_iter().map(|c| c.name).collect(),
        list.follow_ups_due.into_iter().map(|f| f.name).collect(),
    )
}

#[tokio::test]
async fn the_worklist_shows_what_is_due_today_and_not_tomorrow_until_tomorrow_comes() {
    let app = TestApp::with_demo().await;
    let [karim, sven] = app.demos([KARIM, SVEN]).await;
    let karim_id = app.account_id(KARIM).await;
    let omar = app.youth_named("Omar Ali").await;
    let elsa = app.youth_named("Elsa Nilsson").await;
    put_in_register(&app, omar, add_days(today(), -5), Entry::default()).await;
    put_in_register(&app, elsa, add_days(today(), -5), Entry::default()).await;
    let tomorrow = add_days(today(), 1).to_string();
    let next = |on: &str| {
        attempt(
            "phone",
            "no_answer",
            json!({ "contacted_on": add_days(today(), -2).to_string(), "next_contact_on": on }),
        )
    };
    log(&app, &karim, omar, next(&today().to_string())).await;
    log(&app, &karim, elsa, next(&tomorrow)).await;
    // The plans part writes measures; here straight into its table.
    for (youth, on) in [(omar, today().to_string()), (elsa, tomorrow.clone())] {
        app.execute(&format!(
            "INSERT INTO register_measures (youth_id, code, responsible_kind, planned_start, next_follow_up, created_at, created_by, updated_at) \
             VALUES ({youth}, 'guidance', 'youth', '2026-11-01', '{on}', 0, {karim_id}, 0)"
        ))
        .await
        .unwrap();
    }
    assert_eq!(
        worklist(&app, &karim).await,
        (vec!["Omar Ali".into()], vec!["Omar Ali".into()])
    );
    assert_eq!(
        worklist(&app, &sven).await,
        (vec![], vec![]),
        "only young people the caller may see"
    );

    app.advance_signed_in(DAY).await;
    assert_eq!(
        worklist(&app, &karim).await,
        (
            vec!["Omar Ali".into(), "Elsa Nilsson".into()],
            vec!["Omar Ali".into(), "Elsa Nilsson".into()]
        ),
        "earliest date first"
    );

    // A later attempt replaces the date; an ended measure is not followed up.
    log(
        &app,
        &karim,
        omar,
        attempt("phone", "reached", json!({ "occupation": "studies" })),
    )
    .await;
    app.execute(&format!(
        "UPDATE register_measures SET actual_end = '2026-11-24', end_reason = 'completed' WHERE youth_id = {omar}"
    ))
    .await
    .unwrap();
    assert_eq!(
        worklist(&app, &karim).await,
        (vec!["Elsa Nilsson".into()], vec!["Elsa Nilsson".into()])
    );
    assert!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE youth_id = {elsa} AND action = 'register_worklist'"
        ))
        .await
            > 0
    );
}
