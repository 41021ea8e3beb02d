//! Who may call what: every route × every kind of caller, and the rules per record.

use std::time::Duration;

use axum::http::Method;
use lotsen_api::application::Application;
use lotsen_api::people::{GuardedYouth, YouthDetail, YouthSummary};
use serde_json::{Value, json};

const JOHANNA: &str = "johanna.lind@lotsen.example";

use crate::helpers::{
    ANNA, APP_HEADER, DEMO_PASSWORD, ELSA, KARIM, LINNEA, MARIA, OMAR, SVEN, Session, TestApp,
    request, valid_personnummer,
};

/// The callers of the matrix, in its column order: each a relationship to
/// Elsa (17), whose record the rows mostly ask for.
pub const CALLERS: [&str; 11] = [
    "anonymous",
    "youth",
    "other youth",
    "guardian",
    "guardian of someone else",
    "staff contact person",
    "staff, no relation",
    "staff on the team",
    "staff booked by her",
    "staff whose offer she holds",
    "admin",
];

/// Invites a member of staff (as the administrator) and signs them in.
pub async fn new_staff(
    app: &TestApp,
    anna: &Session,
    name: &str,
    email: &str,
    profession: &str,
) -> (i64, Session) {
    let created: lotsen_api::people::StaffCreated = app
        .post_as(
            "/api/staff",
            &json!({ "name": name, "email": email, "profession": profession }),
            Some(anna),
        )
        .await
        .assert_status(201)
        .json();
    app.accept_invitation(&created.invitation, "personalens-losenord")
        .await;
    (
        created.staff.id,
        app.session(email, "personalens-losenord").await,
    )
}

/// Nina Lund, a social worker invited by the administrator `anna`: on no
/// young person's team, contact person of nobody.
pub async fn unrelated_staff(app: &TestApp, anna: &Session) -> Session {
    let (_, nina) = new_staff(
        app,
        anna,
        "Nina Lund",
        "nina.lund@lotsen.example",
        "social_worker",
    )
    .await;
    nina
}

/// The demo people plus a guardian of another young person, a member of staff
/// with no relation to Elsa and one on her team; Elsa has booked Johanna and
/// holds a waitlist offer from Sven. Sessions in [`CALLERS`] order, and Elsa's id.
pub async fn world() -> (TestApp, Vec<Option<Session>>, i64) {
    let app = TestApp::with_demo().await;
    let [karim, anna] = app.demos([KARIM, ANNA]).await;
    let greta = other_guardian(&app, &karim).await;
    let elsa_id = youth_id(&app, &karim, "Elsa Nilsson").await;
    let nina = unrelated_staff(&app, &anna).await;
    let (tove_id, tove) = new_staff(
        &app,
        &anna,
        "Tove Sund",
        "tove.sund@lotsen.example",
        "school_counsellor",
    )
    .await;
    app.post_as(
        &format!("/api/youth/{elsa_id}/team"),
        &json!({ "staff_id": tove_id, "reason": "Kuratorssamtal om skolan" }),
        Some(&karim),
    )
    .await
    .assert_status(201);
    let [elsa, sven] = app.demos([ELSA, SVEN]).await;
    waitlist_offer(&app, &sven, &elsa).await;
    let sessions = vec![
        None,
        Some(elsa),
        Some(app.demo(OMAR).await),
        Some(app.demo(MARIA).await),
        Some(greta),
        Some(karim),
        Some(nina),
        Some(tove),
        Some(app.demo(JOHANNA).await),
        Some(sven),
        Some(anna),
    ];
    (app, sessions, elsa_id)
}

/// Nils Holm (16), Karim's, and his guardian Greta Holm, signed in: a guardian
/// of someone else's young person.
pub async fn other_guardian(app: &TestApp, karim: &Session) -> Session {
    let nils = app
        .register(
            karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2010, 4, 5, 111), "email": "nils.holm@example.se" }),
        )
        .await;
    let greta = app
        .add_guardian(
            karim,
            nils.youth.id,
            json!({ "name": "Greta Holm", "email": "greta.holm@example.se" }),
        )
        .await;
    app.accept_invitation(&greta.invitation, "gretas-losenord")
        .await;
    app.session("greta.holm@example.se", "gretas-losenord")
        .await
}

/// Sven opens no hours and a type bookable two days ahead; the young person
/// joins its waitlist; Sven opens Tuesday 09–10 and the time is offered to
/// them at once (the offer holds the time as a booking).
async fn waitlist_offer(app: &TestApp, sven: &Session, youth: &Session) {
    app.put_as(
        "/api/staff/me/opening-hours",
        &json!({ "windows": [] }),
        sven,
    )
    .await
    .assert_status(200);
    let t: lotsen_api::booking::SessionType = app
        .post_as(
            "/api/booking/session-types",
            &json!({ "name": "Kort samtal", "profession": "study_counsellor", "length_minutes": 60, "bookable_days_ahead": 2 }),
            Some(sven),
        )
        .await
        .assert_status(201)
        .json();
    app.post_as(
        "/api/me/waitlist",
        &json!({ "session_type_id": t.id }),
        Some(youth),
    )
    .await
    .assert_status(201);
    let hours = json!({ "windows": [{ "weekday": "tuesday", "start": "09:00", "end": "10:00" }] });
    app.put_as("/api/staff/me/opening-hours", &hours, sven)
        .await
        .assert_status(200);
    let mine: lotsen_api::booking::MyBookings = app.get_as("/api/me/bookings", youth).await.json();
    assert_eq!(mine.offers.len(), 1, "the time is offered: {mine:?}");
}

/// Whether a concrete path fits an OpenAPI path template (`{id}` matches any segment).
pub fn matches_template(template: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| t.starts_with('{') || t == p)
}

/// Asserts that every route of the OpenAPI document (`GET /api/x/{id}`) is
/// asked by one of a matrix's `requests` (a method and a concrete path), or
/// is one that `elsewhere(method, template)` says another test covers.
pub async fn assert_matrix_covers_the_routes(
    app: &TestApp,
    requests: &[(&Method, &str)],
    elsewhere: impl Fn(&str, &str) -> bool,
) {
    let spec: Value = app.get("/api/openapi.json").await.json();
    let mut unclassified = Vec::new();
    for (template, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = method.to_uppercase();
            let in_matrix = requests
                .iter()
                .any(|(m, path)| m.as_str() == method && matches_template(template, path));
            if !in_matrix && !elsewhere(&method, template) {
                unclassified.push(format!("{method} {template}"));
            }
        }
    }
    assert!(
        unclassified.is_empty(),
        "not in the matrix: {unclassified:?}"
    );
}

/// Asks every row of a matrix (a request and the status each caller should
/// get) as every caller of `sessions`, with `ask` (as [`call`]); fails listing
/// every answer that is not the expected one, each caller named by `caller`.
pub async fn assert_matrix_answers<'a>(
    app: &TestApp,
    sessions: &[Option<Session>],
    rows: impl IntoIterator<Item = (&'a Method, &'a str, Option<&'a Value>, &'a [u16])>,
    caller: impl Fn(usize) -> &'static str,
    ask: impl AsyncFn(&TestApp, &Method, &str, Option<&Value>, Option<&Session>) -> u16,
) {
    let mut wrong = Vec::new();
    for (method, path, body, expected) in rows {
        for (i, session) in sessions.iter().enumerate() {
            let status = ask(app, method, path, body, session.as_ref()).await;
            if status != expected[i] {
                wrong.push(format!(
                    "{method} {path} as {}: {status}, expected {}",
                    caller(i),
                    expected[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn application_content() -> Value {
    json!({
        "situation": "studying",
        "last_school": "",
        "school_status": "has_grades",
        "help_with": ["work"],
        "contact_by": "email",
        "consents": { "school": true, "social_services": false, "employment_service": false, "youth_clinic": false }
    })
}

async fn youth_id(app: &TestApp, staff: &Session, name: &str) -> i64 {
    let list: Vec<YouthSummary> = app.get_as("/api/youth", staff).await.json();
    list.iter().find(|y| y.name == name).unwrap().id
}

pub async fn call(
    app: &TestApp,
    method: &Method,
    path: &str,
    body: Option<&Value>,
    session: Option<&Session>,
) -> u16 {
    let mut headers = vec![APP_HEADER];
    if let Some(session) = session {
        headers.push(("cookie", session.cookie.as_str()));
    }
    let body = match body {
        Some(body) => {
            headers.push(("content-type", "application/json"));
            body.to_string().into()
        }
        None => axum::body::Body::empty(),
    };
    app.send(request(method.clone(), path, &headers, body))
        .await
        .status
        .as_u16()
}

#[tokio::test]
async fn every_route_answers_every_caller_as_expected() {
    let (app, sessions, elsa) = world().await;
    let invalid_person = json!({ "name": "", "personnummer": "", "email": "x" });
    let email_channel = json!({ "channel": "email" });
    let not_a_phone = json!({ "phone": "07-12" });
    let no_code_asked = json!({ "code": "123456" });
    let wrong_password =
        json!({ "current_password": "fel-losenord", "new_password": "ett-nytt-langt-losenord" });
    let personnummer = json!({ "personnummer": "19121212-1212" });
    let forged = json!({ "token": "AAAAAAAAAAAAAAAAAAAAAA" });
    let unnamed_device = json!({ "name": "" });
    let forged_passkey = json!({ "ceremony": "AAAAAAAAAAAAAAAAAAAAAA", "credential": { "id": "AAAA", "client_data_json": "AAAA", "attestation_object": "AAAA" } });
    let forged_assertion = json!({ "ceremony": "AAAAAAAAAAAAAAAAAAAAAA", "credential": { "id": "AAAA", "client_data_json": "AAAA", "authenticator_data": "AAAA", "signature": "AAAA" } });
    let invalid_staff = json!({ "name": "", "profession": "job_coach" });
    let elsa_path = format!("/api/youth/{elsa}");
    let guardians_path = format!("/api/youth/{elsa}/guardians");
    let invitation_path = format!("/api/youth/{elsa}/invitation");
    let reset_path = format!("/api/youth/{elsa}/password-reset");
    let timeline_path = format!("/api/youth/{elsa}/timeline");
    let personnummer_path = format!("/api/youth/{elsa}/personnummer");
    // Elsa's application, signed by her: her guardians are asked to co-sign it.
    let karim = sessions[5].as_ref().unwrap();
    let application: Application = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": elsa, "content": application_content() }),
            Some(karim),
        )
        .await
        .assert_status(201)
        .json();
    app
        .post_as(
            &format!("/api/applications/{}/sign", application.id),
            &json!({ "password": DEMO_PASSWORD, "read": true, "document_hash": application.document_hash }),
            sessions[1].as_ref(),
        )
        .await
        .assert_status(200);
    let mut no_help = application_content();
    no_help["help_with"] = json!([]);
    no_help["help_text"] = json!("");
    let invalid_application = json!({ "youth_id": elsa, "content": no_help });
    let invalid_edit = json!({ "version": application.version, "content": no_help });
    let not_read = json!({ "password": "fel-losenord", "read": false, "document_hash": "0" });
    let stale_cosign = json!({ "password": "fel-losenord", "document_hash": "0" });
    let no_reason = json!({ "reason": "" });
    let no_contact_person = json!({ "contact_person_id": 0 });
    let not_given = json!({ "agency": "youth_clinic" });
    let app_path = format!("/api/applications/{}", application.id);
    let sign_path = format!("{app_path}/sign");
    let cosign_path = format!("{app_path}/cosign");
    let passkey_challenge_path = format!("{app_path}/passkey-challenge");
    let read_text = json!({ "document_hash": application.document_hash });
    let guardian_decline_path = format!("{app_path}/guardian-decline");
    let accept_path = format!("{app_path}/accept");
    let decline_path = format!("{app_path}/decline");
    let withdraw_consent_path = format!("{app_path}/consents/withdraw");
    let withdraw_path = format!("{app_path}/withdraw");
    let youth_applications_path = format!("/api/youth/{elsa}/applications");
    // The schedule: the demo week; the individual meeting is on Elsa's schedule only.
    let meeting = app.individual_meeting(karim).await;
    let invalid_activity = json!({ "title": "", "kind": "other", "recurrence": { "weekdays": [], "start_time": "9", "end_time": "8", "first_date": "2026-11-01", "last_date": "2026-10-01" } });
    let invalid_move = json!({ "action": "move", "date": "2026-11-26", "start": "x", "end": "y" });
    let invalid_assignment = json!({ "activity_id": 999_999, "from_date": "2026-11-23" });
    let reason = json!({ "reason": "Sjuk" });
    let week = "from=2026-11-23&to=2026-11-29";
    let activity_path = format!("/api/activities/{meeting}");
    let occurrences_path = format!("/api/activities/{meeting}/occurrences?{week}");
    let occurrence_path = format!("/api/activities/{meeting}/occurrences/2026-11-26");
    let assignments_path = format!("/api/youth/{elsa}/assignments");
    let assignment_path = format!("/api/youth/{elsa}/assignments/999999");
    let youth_schedule_path = format!("/api/youth/{elsa}/schedule?{week}");
    let my_schedule_path = format!("/api/me/schedule?{week}");
    let absence_path = format!("/api/me/schedule/absences/{meeting}/2026-11-26");
    // Bookings: Elsa and Omar each have a time with Johanna (the job coach, no caller here).
    let johanna = app.demo("johanna.lind@lotsen.example").await;
    let hours =
        json!({ "windows": [{ "weekday": "wednesday", "start": "09:00", "end": "12:00" }] });
    assert_eq!(
        app.put_as("/api/staff/me/opening-hours", &hours, &johanna)
            .await
            .status,
        200
    );
    let coaching: lotsen_api::booking::SessionType = app
        .post_as(
            "/api/booking/session-types",
            &json!({ "name": "Jobbcoachning", "profession": "job_coach", "length_minutes": 30 }),
            Some(&johanna),
        )
        .await
        .assert_status(201)
        .json();
    let johanna_id = app.me(&johanna).await.unwrap().id;
    let mut booking_ids = Vec::new();
    for (youth, at) in [
        (1, "2026-11-25T09:00:00+01:00"),
        (2, "2026-11-25T10:00:00+01:00"),
    ] {
        let booked = app
            .post_as(
                "/api/me/bookings",
                &json!({ "session_type_id": coaching.id, "staff_id": johanna_id, "starts_at": at }),
                sessions[youth].as_ref(),
            )
            .await
            .assert_status(201);
        booking_ids.push(booked.json::<lotsen_api::booking::Booking>().id);
    }
    let invalid_type = json!({ "name": "", "profession": "job_coach", "length_minutes": 1 });
    let invalid_hours =
        json!({ "windows": [{ "weekday": "monday", "start": "9", "end": "10:00" }] });
    let invalid_time_off = json!({ "starts_at": "x", "ends_at": "y" });
    let invalid_group = json!({ "session_type_id": coaching.id, "starts_at": "x", "seats": 0 });
    let incomplete_booking = json!({ "session_type_id": coaching.id, "note": "hej" });
    let invalid_booking_move = json!({ "starts_at": "x" });
    let no_such_type = json!({ "session_type_id": 999999 });
    let invalid_staff_booking =
        json!({ "youth_id": elsa, "session_type_id": coaching.id, "starts_at": "x" });
    let attended = json!({ "attended": true });
    let cancel_message = json!({ "message": "Johanna är sjuk." });
    let type_path = format!("/api/booking/session-types/{}", coaching.id);
    let free_path = format!("{type_path}/free-times");
    let elsa_booking = format!("/api/me/bookings/{}", booking_ids[0]);
    let elsa_cancel = format!("{elsa_booking}/cancel");
    let elsa_move = format!("{elsa_booking}/move");
    let elsa_accept = format!("{elsa_booking}/accept");
    let elsa_decline = format!("{elsa_booking}/decline");
    let attendance_path = format!("/api/staff/bookings/{}/attendance", booking_ids[0]);
    let staff_cancel_path = format!("/api/staff/bookings/{}/cancel", booking_ids[1]);
    // Follow-up: Elsa's outcomes (her contact person and administrators); the term report.
    let outcomes_path = format!("/api/youth/{elsa}/outcomes");
    let invalid_outcome = json!({ "kind": "studies", "from": "2026-11-23", "school": "" });
    // Ratings: Elsa's individual meeting last Thursday (Omar does not have it).
    let rating = json!({ "score": 4 });
    let rate_path = format!("/api/me/ratings/activities/{meeting}/2026-11-19");
    let invalid_answer = json!({ "text": "" });
    let answer_path = format!("/api/feedback/activities/{meeting}/answers");
    // The team: Omar is no member of staff; Tove (on the team) is removed without a reason.
    let team_path = format!("/api/youth/{elsa}/team");
    let tove = app.me(sessions[7].as_ref().unwrap()).await.unwrap().id;
    let team_remove_path = format!("/api/youth/{elsa}/team/{tove}/remove");
    let omar_id = app.me(sessions[2].as_ref().unwrap()).await.unwrap().id;
    let not_staff_member = json!({ "staff_id": omar_id, "reason": "Fel person" });
    #[rustfmt::skip]
    let matrix: Vec<(Method, &str, Option<&Value>, [u16; 11])> = vec![
        //                                                                  anon youth other guard other contact none team booked offer admin
        (Method::GET,  "/api/health",               None,                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  "/api/me",                   None,                  [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        // The app's session check: nobody is 204, never an error.
        (Method::GET,  "/api/auth/session",         None,                  [204, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/me/password",          Some(&wrong_password), [401, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422]),
        // Each person's own choice of channel: nobody else's can be named.
        (Method::GET,  "/api/me/message-channel",   None,                  [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::PUT,  "/api/me/message-channel",   Some(&email_channel),  [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        // Each person's own phone number: nobody else's can be named.
        (Method::GET,  "/api/me/phone",             None,                  [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/me/phone",             Some(&not_a_phone),    [401, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422]),
        (Method::POST, "/api/me/phone/confirm",     Some(&no_code_asked),  [401, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422]),
        (Method::POST, "/api/invitations/inspect",  Some(&forged),         [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        // Passkeys: one's own only (another's id is 404; tested with a registered one in passkeys.rs).
        (Method::GET,  "/api/me/passkeys",          None,                  [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/me/passkeys/start",    Some(&unnamed_device), [401, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422]),
        (Method::POST, "/api/me/passkeys/finish",   Some(&forged_passkey), [401, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409]),
        (Method::DELETE, "/api/me/passkeys/999999", None,                  [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        (Method::POST, "/api/auth/passkey/start",   None,                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/auth/passkey/finish",  Some(&forged_assertion), [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409]),
        (Method::POST, "/api/personnummer/check",   Some(&personnummer),   [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  "/api/youth",                None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/youth",                Some(&invalid_person), [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::GET,  &elsa_path,                  None,                  [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200]),
        // Her timeline and her personnummer in full: the record's readers only (both audited).
        (Method::GET,  &timeline_path,              None,                  [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200]),
        (Method::POST, &personnummer_path,          None,                  [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200]),
        (Method::GET,  "/api/youth/999999/timeline", None,                 [401, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404]),
        (Method::POST, &guardians_path,             Some(&invalid_person), [401, 403, 403, 403, 403, 422, 404, 422, 404, 404, 422]),
        // Elsa has a password: an invitation never replaces it (409 `password_already_set`).
        (Method::POST, &invitation_path,            None,                  [401, 403, 403, 403, 403, 409, 404, 409, 404, 404, 409]),
        (Method::POST, &reset_path,                 None,                  [401, 403, 403, 403, 403, 202, 404, 202, 404, 404, 202]),
        // Development only (`--dev-outbox`): a real server shows no one its outbox.
        (Method::GET,  "/api/dev/outbox",           None,                  [401, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404]),
        (Method::GET,  "/api/youth/999999",         None,                  [401, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404]),
        (Method::GET,  "/api/staff",                None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/staff",                Some(&invalid_staff),  [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 422]),
        (Method::GET,  "/api/guardian/youth",       None,                  [401, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/audit",                None,                  [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200]),
        (Method::GET,  "/api/applications/submitted", None,                [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/applications",         Some(&invalid_application), [401, 403, 403, 403, 403, 422, 404, 422, 404, 404, 422]),
        (Method::GET,  &youth_applications_path,    None,                  [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200]),
        (Method::GET,  "/api/me/applications",      None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/guardian/applications", None,                 [401, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  &app_path,                   None,                  [401, 200, 404, 200, 404, 200, 404, 200, 404, 404, 200]),
        (Method::GET,  "/api/applications/999999",  None,                  [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        (Method::PUT,  &app_path,                   Some(&invalid_edit),   [401, 422, 404, 403, 403, 422, 404, 422, 404, 404, 422]),
        (Method::POST, &sign_path,                  Some(&not_read),       [401, 422, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, &cosign_path,                Some(&stale_cosign),   [401, 403, 403, 409, 404, 403, 403, 403, 403, 403, 403]),
        // Elsa has signed; her guardian has no passkey (409 `passkey_missing`); staff never sign.
        (Method::POST, &passkey_challenge_path,     Some(&read_text),      [401, 409, 404, 409, 404, 403, 403, 403, 403, 403, 403]),
        (Method::POST, &guardian_decline_path,      Some(&no_reason),      [401, 403, 403, 422, 404, 403, 403, 403, 403, 403, 403]),
        (Method::POST, &accept_path,                Some(&no_contact_person), [401, 403, 403, 403, 403, 422, 404, 422, 404, 404, 422]),
        (Method::POST, &decline_path,               Some(&no_reason),      [401, 403, 403, 403, 403, 422, 404, 422, 404, 404, 422]),
        (Method::POST, &withdraw_consent_path,      Some(&not_given),      [401, 409, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/activities",           None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/activities",           Some(&invalid_activity), [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::GET,  &activity_path,              None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::PUT,  &activity_path,              Some(&invalid_activity), [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::GET,  &occurrences_path,           None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::PUT,  &occurrence_path,            Some(&invalid_move),   [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::DELETE, &occurrence_path,          None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  &assignments_path,           None,                  [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200]),
        (Method::POST, &assignments_path,           Some(&invalid_assignment), [401, 403, 403, 403, 403, 422, 404, 422, 404, 404, 422]),
        (Method::DELETE, &assignment_path,          None,                  [401, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404]),
        (Method::GET,  &youth_schedule_path,        None,                  [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200]),
        (Method::GET,  &my_schedule_path,           None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::PUT,  &absence_path,               Some(&reason),         [401, 204, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::DELETE, &absence_path,             None,                  [401, 204, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/me/calendar",          None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, "/api/me/calendar",          None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::DELETE, "/api/me/calendar",        None,                  [401, 204, 204, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/calendar/AAAAAAAAAAAAAAAAAAAAAA", None,       [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        // The SMS gateway's delivery reports: a message's secret, or nothing; no session helps.
        (Method::GET,  "/api/sms/delivery/AAAAAAAAAAAAAAAAAAAAAA?status=1", None, [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        (Method::GET,  "/api/booking/session-types", None,                 [401, 200, 200, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/booking/session-types", Some(&invalid_type),  [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::PUT,  &type_path,                  Some(&invalid_type),   [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::GET,  &free_path,                  None,                  [401, 200, 200, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  "/api/booking/staff",        None,                  [401, 200, 200, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  "/api/staff/me/opening-hours", None,                [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::PUT,  "/api/staff/me/opening-hours", Some(&invalid_hours), [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::GET,  "/api/staff/me/exceptions",  None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/staff/me/exceptions",  Some(&invalid_time_off), [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::DELETE, "/api/staff/me/exceptions/999999", None,          [401, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404]),
        (Method::POST, "/api/booking/group-sessions", Some(&invalid_group), [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        (Method::GET,  "/api/me/bookings",          None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, "/api/me/bookings",          Some(&incomplete_booking), [401, 422, 422, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, &elsa_move,                  Some(&invalid_booking_move), [401, 422, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, &elsa_accept,                None,                  [401, 409, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, &elsa_decline,               None,                  [401, 409, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, "/api/me/waitlist",          Some(&no_such_type),   [401, 404, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::DELETE, "/api/me/waitlist/999999", None,                  [401, 404, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/staff/me/bookings",    None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  "/api/staff/today",          None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/staff/bookings",       Some(&invalid_staff_booking), [401, 403, 403, 403, 403, 422, 404, 422, 404, 404, 422]),
        (Method::GET,  "/api/me/ratings",           None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::PUT,  &rate_path,                  Some(&rating),         [401, 200, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::PUT,  "/api/me/ratings/sessions/999999", Some(&rating),   [401, 404, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/me/feedback-answers",  None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/feedback",             None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  "/api/feedback/export.csv",  None,                  [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200]),
        (Method::POST, &answer_path,                Some(&invalid_answer), [401, 403, 403, 403, 403, 422, 422, 422, 422, 422, 422]),
        // Only the booked staff member (Johanna) or an administrator; Elsa's has not started.
        (Method::POST, &attendance_path,            Some(&attended),       [401, 403, 403, 403, 403, 404, 404, 404, 409, 404, 409]),
        // Omar's booking with Johanna: she cancels it; then it is cancelled already.
        (Method::POST, &staff_cancel_path,          Some(&cancel_message), [401, 403, 403, 403, 403, 404, 404, 404, 200, 404, 409]),
        // Elsa cancels her own booking; nobody else can.
        (Method::POST, &elsa_cancel,                None,                  [401, 200, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  &outcomes_path,              None,                  [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200]),
        (Method::POST, &outcomes_path,              Some(&invalid_outcome), [401, 403, 403, 403, 403, 422, 404, 422, 404, 404, 422]),
        (Method::GET,  "/api/youth/999999/outcomes", None,                 [401, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404]),
        // Aggregates only: contact persons and administrators, not other staff.
        (Method::GET,  "/api/reports/term",         None,                  [401, 403, 403, 403, 403, 200, 403, 403, 403, 403, 200]),
        (Method::GET,  "/api/reports/term.csv",     None,                  [401, 403, 403, 403, 403, 200, 403, 403, 403, 403, 200]),
        // The team: staff who may see the record see it; the contact person and administrators change it.
        (Method::GET,  &team_path,                  None,                  [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200]),
        (Method::POST, &team_path,                  Some(&not_staff_member), [401, 403, 403, 403, 403, 422, 404, 403, 404, 404, 422]),
        (Method::POST, &team_remove_path,           Some(&no_reason),      [401, 403, 403, 403, 403, 422, 404, 403, 404, 404, 422]),
        (Method::GET,  "/api/youth/999999/team",    None,                  [401, 403, 403, 403, 403, 404, 404, 404, 404, 404, 404]),
        (Method::GET,  "/api/me/team",              None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        // The homes: each person's own; a guardian's holds only their own young people's applications.
        (Method::GET,  "/api/me/home",              None,                  [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET,  "/api/guardian/home",        None,                  [401, 403, 403, 200, 200, 403, 403, 403, 403, 403, 403]),
        // Last: Elsa's call withdraws the application.
        (Method::POST, &withdraw_path,              None,                  [401, 200, 404, 403, 403, 403, 403, 403, 403, 403, 403]),
    ];
    // Every documented route is in the matrix, or on the list of those tested elsewhere.
    let tested_elsewhere = [
        ("GET", "/api/openapi.json"),
        ("POST", "/api/auth/sign-in"),
        ("POST", "/api/auth/sign-out"),
        ("POST", "/api/invitations/accept"),
        // Anonymous and rate limited per login: tested in recovery.rs.
        ("POST", "/api/auth/password-reset"),
        ("POST", "/api/auth/password-reset/complete"),
    ];
    let requests: Vec<(&Method, &str)> = matrix.iter().map(|(m, path, _, _)| (m, *path)).collect();
    assert_matrix_covers_the_routes(&app, &requests, |method, template| {
        // The register's routes have their own matrix (register/access.rs).
        template.starts_with("/api/register/") || tested_elsewhere.contains(&(method, template))
    })
    .await;
    let rows = matrix
        .iter()
        .map(|(m, path, body, expected)| (m, *path, *body, &expected[..]));
    assert_matrix_answers(&app, &sessions, rows, |i| CALLERS[i], call).await;
    // Signing in with a wrong password is the same for everyone.
    for (i, session) in sessions.iter().enumerate() {
        let body =
            json!({ "login": format!("nobody{i}@lotsen.example"), "password": DEMO_PASSWORD });
        let status = call(
            &app,
            &Method::POST,
            "/api/auth/sign-in",
            Some(&body),
            session.as_ref(),
        )
        .await;
        assert_eq!(status, 401, "sign-in as {}", CALLERS[i]);
    }
}

#[tokio::test]
async fn staff_see_the_young_people_their_role_allows() {
    let (app, sessions, _) = world().await;
    let names = |list: Vec<YouthSummary>| list.into_iter().map(|y| y.name).collect::<Vec<_>>();
    let karim: Vec<YouthSummary> = app
        .get_as("/api/youth", sessions[5].as_ref().unwrap())
        .await
        .json();
    assert_eq!(
        names(karim),
        ["Elsa Nilsson", "Linnea Ek", "Nils Holm", "Omar Ali"]
    );
    let list = async |i: usize| -> Vec<String> {
        names(
            app.get_as("/api/youth", sessions[i].as_ref().unwrap())
                .await
                .json(),
        )
    };
    assert!(list(6).await.is_empty(), "no relation: no one");
    assert_eq!(list(7).await, ["Elsa Nilsson"], "on Elsa's team");
    assert!(list(8).await.is_empty(), "a booking opens no record");
    assert!(list(9).await.is_empty(), "a waitlist offer opens no record");
    let anna: Vec<YouthSummary> = app
        .get_as("/api/youth", sessions[10].as_ref().unwrap())
        .await
        .json();
    assert_eq!(anna.len(), 4, "an administrator sees everyone");
}

#[tokio::test]
async fn guardians_see_only_names_of_their_own_young_people() {
    let (app, sessions, elsa) = world().await;
    let maria: Vec<GuardedYouth> = app
        .get_as("/api/guardian/youth", sessions[3].as_ref().unwrap())
        .await
        .json();
    assert_eq!(
        maria,
        [GuardedYouth {
            id: elsa,
            name: "Elsa Nilsson".into()
        }]
    );
    let raw = app
        .get_as("/api/guardian/youth", sessions[3].as_ref().unwrap())
        .await;
    assert!(
        !raw.text().contains("personnummer") && !raw.text().contains("@"),
        "{}",
        raw.text()
    );
    let greta: Vec<GuardedYouth> = app
        .get_as("/api/guardian/youth", sessions[4].as_ref().unwrap())
        .await
        .json();
    assert_eq!(
        greta.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(),
        ["Nils Holm"]
    );
}

#[tokio::test]
async fn protected_identity_hides_contact_details_from_all_but_the_contact_person() {
    let app = TestApp::with_demo().await;
    let [karim, anna, sven] = app.demos([KARIM, ANNA, SVEN]).await;
    let linnea = youth_id(&app, &karim, "Linnea Ek").await;
    let omar = youth_id(&app, &karim, "Omar Ali").await;
    let path = format!("/api/youth/{linnea}");

    let by_contact: YouthDetail = app.get_as(&path, &karim).await.json();
    assert!(by_contact.protected_identity);
    assert!(!by_contact.contact_details_hidden);
    assert_eq!(by_contact.email.as_deref(), Some(LINNEA));

    let by_admin = app.get_as(&path, &anna).await;
    let detail: YouthDetail = by_admin.json();
    assert!(detail.contact_details_hidden);
    assert_eq!((detail.email, detail.phone), (None, None));
    assert!(!by_admin.text().contains(LINNEA), "{}", by_admin.text());

    assert_eq!(app.get_status(&path, &sven).await, 404);

    let not_protected: YouthDetail = app
        .get_as(&format!("/api/youth/{omar}"), &anna)
        .await
        .json();
    assert!(!not_protected.contact_details_hidden);
    assert_eq!(not_protected.email.as_deref(), Some(OMAR));
}

/// The matrix's guardian column on the 18th birthday: every route a guardian
/// can call about the young person answers as for a stranger from that day,
/// and the young person leaves the guardian's lists.
#[tokio::test]
async fn a_guardians_routes_close_on_the_18th_birthday() {
    let app = TestApp::with_demo().await; // today is 2026-11-23
    let karim = app.demo(KARIM).await;
    let created = app
        .register(
            &karim,
            json!({ "name": "Ida Berg", "personnummer": valid_personnummer(2008, 11, 24, 222), "email": "ida.berg@example.se" }),
        )
        .await;
    app.accept_invitation(&created.invitation, "idas-eget-losenord")
        .await;
    let guardian = app
        .add_guardian(
            &karim,
            created.youth.id,
            json!({ "name": "Eva Berg", "email": "eva.berg@example.se" }),
        )
        .await;
    app.accept_invitation(&guardian.invitation, "evas-eget-losenord")
        .await;
    let application: Application = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": created.youth.id, "content": application_content() }),
            Some(&karim),
        )
        .await
        .assert_status(201)
        .json();
    let ida = app
        .session("ida.berg@example.se", "idas-eget-losenord")
        .await;
    app
        .post_as(
            &format!("/api/applications/{}/sign", application.id),
            &json!({ "password": "idas-eget-losenord", "read": true, "document_hash": application.document_hash }),
            Some(&ida),
        )
        .await
        .assert_status(200);
    let app_path = format!("/api/applications/{}", application.id);
    let cosign = json!({ "password": "fel-losenord", "document_hash": "0" });
    let decline = json!({ "reason": "" });
    let rows: Vec<(Method, String, Option<&Value>, u16, u16)> = vec![
        //                                                             under 18, at 18
        (Method::GET, "/api/guardian/youth".into(), None, 200, 200),
        (
            Method::GET,
            "/api/guardian/applications".into(),
            None,
            200,
            200,
        ),
        (Method::GET, app_path.clone(), None, 200, 404),
        (
            Method::POST,
            format!("{app_path}/cosign"),
            Some(&cosign),
            409,
            404,
        ),
        (
            Method::POST,
            format!("{app_path}/guardian-decline"),
            Some(&decline),
            422,
            404,
        ),
    ];
    let lists = async |session: &Session| -> (usize, usize) {
        let youth: Vec<GuardedYouth> = app.get_as("/api/guardian/youth", session).await.json();
        let applications: Vec<Value> = app
            .get_as("/api/guardian/applications", session)
            .await
            .json();
        let home: lotsen_api::home::GuardianHome =
            app.get_as("/api/guardian/home", session).await.json();
        assert_eq!(
            home.applications.len(),
            applications.len(),
            "the home shows the same applications"
        );
        (youth.len(), applications.len())
    };
    let eva = app
        .session("eva.berg@example.se", "evas-eget-losenord")
        .await;
    for (method, path, body, under_18, _) in &rows {
        assert_eq!(
            call(&app, method, path, *body, Some(&eva)).await,
            *under_18,
            "{method} {path} under 18"
        );
    }
    assert_eq!(lists(&eva).await, (1, 1));

    app.advance(Duration::from_secs(24 * 3600));
    let eva = app
        .session("eva.berg@example.se", "evas-eget-losenord")
        .await;
    for (method, path, body, _, at_18) in &rows {
        assert_eq!(
            call(&app, method, path, *body, Some(&eva)).await,
            *at_18,
            "{method} {path} at 18"
        );
    }
    assert_eq!(
        lists(&eva).await,
        (0, 0),
        "the lists are empty from the birthday"
    );
}
