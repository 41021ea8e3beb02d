//! Who may call what in the register: every `/api/register/…` route × every
//! kind of caller. The callers are those of the main matrix
//! ([`crate::authorization::CALLERS`]) plus an activity-responsibility officer.

use axum::http::Method;
use serde_json::{Value, json};

use super::builder::{Entry, make_officer, put_in_register};

use crate::authorization::{CALLERS, call, matches_template, new_staff, world};
use crate::helpers::{Session, TestApp, today};

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
    let (olle_id, olle) = new_staff(
        &app,
        &anna,
        "Olle Berg",
        "olle.berg@lotsen.example",
        "social_worker",
    )
    .await;
    make_officer(&app, olle_id).await;
    sessions.push(Some(olle));
    let entry = Entry {
        phone: Some("+46709990009"),
        address: Some(("Storgatan 1", "44130", "Alingsås")),
    };
    put_in_register(&app, elsa, today(), entry).await;
    (app, sessions, elsa)
}

#[tokio::test]
async fn every_register_route_answers_every_caller_as_expected() {
    let (app, sessions, elsa) = register_world().await;
    let contact = json!({ "contacted_on": today().to_string(), "channel": "phone", "recipient": "youth", "outcome": "no_answer" });
    #[rustfmt::skip]
    let matrix: Vec<(Method, String, Option<Value>, [u16; 12])> = vec![
        //                                                     anon youth other guard other contact none team booked offer admin officer
        (Method::GET, format!("/api/register/youth/{elsa}/contacts"), None, [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        (Method::POST, format!("/api/register/youth/{elsa}/contacts"), Some(contact), [401, 403, 403, 403, 403, 201, 404, 201, 404, 404, 201, 201]),
        (Method::GET, format!("/api/register/youth/{elsa}/letter"), None, [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        (Method::GET, "/api/register/to-contact".into(), None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET, "/api/register/worklist".into(), None, [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET, "/api/register/reports/scb?period=2026-H1".into(),      None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET, "/api/register/reports/scb.csv?period=2026-H1".into(),  None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET, "/api/register/reports/scb.xlsx?period=2026-H1".into(), None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
        (Method::GET, "/api/register/reports/figures?period=2026-H1".into(),  None, [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200]),
    ];
    // Every documented register route is in this matrix.
    let spec: Value = app.get("/api/openapi.json").await.json();
    let mut unclassified = Vec::new();
    for (template, item) in spec["paths"].as_object().unwrap() {
        if !template.starts_with("/api/register/") {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            let method = method.to_uppercase();
            if !matrix
                .iter()
                .any(|(m, path, _, _)| m.as_str() == method && matches_template(template, path))
            {
                unclassified.push(format!("{method} {template}"));
            }
        }
    }
    assert!(
        unclassified.is_empty(),
        "not in the matrix: {unclassified:?}"
    );
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &matrix {
        for (i, session) in sessions.iter().enumerate() {
            let status = call(&app, method, path, body.as_ref(), session.as_ref()).await;
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
