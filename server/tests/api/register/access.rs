//! Who may call what in the register: every `/api/register/…` route × every
//! kind of caller. The callers are those of the main matrix
//! ([`crate::authorization::CALLERS`]) plus an activity-responsibility officer.

use axum::http::Method;
use serde_json::{Value, json};

use crate::authorization::{
    CALLERS, assert_matrix_answers, assert_matrix_covers_the_routes, call, world,
};
use crate::helpers::{ELSA, Session, TestApp, valid_personnummer};
use crate::register::people::{new_officer, personnummer_of, post_file};

/// The callers, in the matrix's column order: the main matrix's eleven, and
/// last an officer (Olle, a social worker given the register by Anna).
fn caller(i: usize) -> &'static str {
    CALLERS.get(i).copied().unwrap_or("register officer")
}

/// The main matrix's world (Elsa, 17, whose record the rows mostly ask for)
/// and an officer; sessions in [`caller`] order, and Elsa's id.
async fn register_world() -> (TestApp, Vec<Option<Session>>, i64) {
    let (app, mut sessions, elsa) = world().await;
    let anna = sessions[10].clone().unwrap();
    let olle = new_officer(&app, &anna).await;
    // Elsa is in the register (registered today, by Olle).
    let pnr = personnummer_of(&app, ELSA).await;
    app.post_as("/api/register/people", &entry(&pnr), Some(&olle))
        .await
        .assert_status(201);
    sessions.push(Some(olle));
    (app, sessions, elsa)
}

/// A register entry by hand for `personnummer`, registered today.
fn entry(personnummer: &str) -> Value {
    serde_json::json!({
        "personnummer": personnummer,
        "name": "Elsa Nilsson",
        "details": { "phone": "+46709990009", "street": "Storgatan 1", "postal_code": "44130", "city": "Alingsås" },
        "registration": { "on": "2026-11-23", "reason": "school_notice" }
    })
}

/// [`call`], except that a JSON string body is sent as the raw `text/csv`
/// file the import routes read.
async fn register_call(
    app: &TestApp,
    method: &Method,
    path: &str,
    body: Option<&Value>,
    session: Option<&Session>,
) -> u16 {
    match (body, session) {
        (Some(Value::String(file)), Some(session)) => {
            post_file(app, path, file.clone().into_bytes(), "text/csv", session)
                .await
                .status
                .as_u16()
        }
        _ => call(app, method, path, body, session).await,
    }
}

#[tokio::test]
async fn every_register_route_answers_every_caller_as_expected() {
    let (app, sessions, elsa) = register_world().await;
    let sven = app.account_id(crate::helpers::SVEN).await;
    let elsa_pnr = app
        .texts(&format!(
            "SELECT personnummer FROM youth WHERE account_id = {elsa}"
        ))
        .await
        .remove(0);
    let file = format!(
        "Personnummer;Namn\n{};Kim Ström\n",
        valid_personnummer(2009, 2, 3, 456)
    );
    let officer = serde_json::json!({ "officer": false });
    let too_early = serde_json::json!({ "on": "2026-11-01", "reason": "moved_away" });
    let again = serde_json::json!({ "on": "2026-11-23", "reason": "other" });
    let entry_path = format!("/api/register/people/{elsa}");
    let off_path = format!("{entry_path}/deregistration");
    let on_path = format!("{entry_path}/registrations");
    let contact = json!({ "contacted_on": "2026-11-23", "channel": "phone", "recipient": "youth", "outcome": "no_answer" });
    // Plans: Elsa is in the register with version 1 of her plan and one measure.
    let karim = sessions[5].as_ref().unwrap();
    let measure = super::plans::with_plan(&app, karim, elsa).await;
    let plan = format!("/api/register/people/{elsa}/plan");
    let plan_text = json!({ "own_words": "Jag vill jobba.", "goal": "Ett jobb" });
    let new_measure =
        json!({ "code": "guidance", "responsible_kind": "youth", "planned_start": "2026-09-01" });
    let code = json!({ "label_sv": "Vägledning", "label_en": "Guidance", "active": true });
    #[rustfmt::skip]
    let matrix: Vec<(Method, String, Option<Value>, [u16; 12])> = vec![
        //                                                                          anon youth other guard other contact none team booked offer admin officer
        // Sven (staff, no officer) keeps no permission: admin only.
        (Method::PUT,  format!("/api/register/officers/{sven}"), Some(officer),      [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403]),
        // Elsa is registered already: 409 past the permission.
        (Method::POST, "/api/register/people".into(),      Some(entry(&elsa_pnr)),   [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 409, 409]),
        (Method::GET,  "/api/register/people".into(),      None,                     [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET,  entry_path.clone(),                 None,                     [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        // Before her registration: 422 past the permission, nothing written.
        (Method::POST, off_path,                           Some(too_early),          [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 422, 422]),
        (Method::POST, on_path,                            Some(again),              [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 409, 409]),
        // A file (sent as text/csv); the import is idempotent.
        (Method::POST, "/api/register/imports/preview".into(), Some(Value::String(file.clone())), [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::POST, "/api/register/imports".into(),     Some(Value::String(file)), [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET,  "/api/register/me".into(),          None,                     [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET, format!("/api/register/people/{elsa}/contacts"), None, [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        (Method::POST, format!("/api/register/people/{elsa}/contacts"), Some(contact), [401, 403, 403, 403, 403, 201, 404, 201, 404, 404, 201, 201]),
        (Method::GET, format!("/api/register/people/{elsa}/letter"), None, [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        (Method::GET, "/api/register/to-contact".into(), None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET, "/api/register/worklist".into(), None, [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET, "/api/register/reports/scb?period=2026-H1".into(),      None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET, "/api/register/reports/scb.csv?period=2026-H1".into(),  None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET, "/api/register/reports/scb.xlsx?period=2026-H1".into(), None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET, "/api/register/reports/figures?period=2026-H1".into(),  None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        // Plans: the young person's own view first (version 1 is still the latest).
        (Method::GET, "/api/register/me/plan".into(), None, [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, "/api/register/me/plan/response".into(), Some(json!({ "version": 1, "agree": true })), [401, 200, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET, "/api/register/measure-codes".into(), None, [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/register/measure-codes".into(), Some(json!({ "code": "mentor", "label_sv": "Mentor", "label_en": "Mentor" })), [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 403]),
        (Method::PUT, "/api/register/measure-codes/guidance".into(), Some(code), [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403]),
        (Method::GET, plan.clone(), None, [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        (Method::POST, plan.clone(), Some(plan_text), [401, 403, 403, 403, 403, 201, 404, 201, 404, 404, 201, 201]),
        (Method::GET, format!("{plan}/versions/1"), None, [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        (Method::POST, format!("/api/register/people/{elsa}/measures"), Some(new_measure), [401, 403, 403, 403, 403, 201, 404, 201, 404, 404, 201, 201]),
        (Method::PUT, format!("/api/register/people/{elsa}/measures/{measure}"), Some(json!({ "planned_start": "2026-09-02" })), [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
    ];
    // Every documented register route is in this matrix.
    let requests: Vec<(&Method, &str)> = matrix
        .iter()
        .map(|(m, path, _, _)| (m, path.as_str()))
        .collect();
    // The main matrix (authorization.rs) asks the other routes.
    assert_matrix_covers_the_routes(&app, &requests, |_, template| {
        !template.starts_with("/api/register/")
    })
    .await;
    let rows = matrix
        .iter()
        .map(|(m, path, body, expected)| (m, path.as_str(), body.as_ref(), &expected[..]));
    assert_matrix_answers(&app, &sessions, rows, caller, register_call).await;
}

/// `GET /api/me` tells the app who keeps the register, so that only they are
/// shown the register-wide pages: the officer and the administrator, not the
/// other staff, young people or guardians.
#[tokio::test]
async fn me_says_who_keeps_the_register() {
    let (app, sessions, _) = register_world().await;
    let mut asked = 0;
    for (i, session) in sessions.iter().enumerate() {
        let Some(session) = session else { continue };
        let me: Value = app
            .get_as("/api/me", session)
            .await
            .assert_status(200)
            .json();
        let keeps = matches!(caller(i), "admin" | "register officer");
        assert_eq!(me["keeps_register"], json!(keeps), "{}", caller(i));
        asked += 1;
    }
    assert_eq!(
        asked,
        sessions.len() - 1,
        "everyone but the anonymous caller"
    );
}
