//! Who may call what in the register: every `/api/register/…` route × every
//! kind of caller. The callers are those of the main matrix
//! ([`crate::authorization::CALLERS`]) plus an activity-responsibility officer.

use axum::http::Method;
use serde_json::{Value, json};

use crate::authorization::{CALLERS, call, matches_template, new_staff, world};
use crate::helpers::{Session, TestApp};

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
    // TODO(people): give the permission through its route once it exists.
    app.execute(&format!(
        "UPDATE staff SET register_officer = TRUE WHERE account_id = {olle_id}"
    ))
    .await
    .unwrap();
    sessions.push(Some(olle));
    (app, sessions, elsa)
}

#[tokio::test]
async fn every_register_route_answers_every_caller_as_expected() {
    let (app, sessions, elsa) = register_world().await;
    // Plans: Elsa is in the register with version 1 of her plan and one measure.
    let karim = sessions[5].as_ref().unwrap();
    let measure = super::plans::with_plan(&app, karim, elsa).await;
    let plan = format!("/api/register/youth/{elsa}/plan");
    let plan_text = json!({ "own_words": "Jag vill jobba.", "goal": "Ett jobb" });
    let new_measure =
        json!({ "code": "guidance", "responsible_kind": "youth", "planned_start": "2026-09-01" });
    let code = json!({ "label_sv": "Vägledning", "label_en": "Guidance", "active": true });
    #[rustfmt::skip]
    let matrix: Vec<(Method, String, Option<Value>, [u16; 12])> = vec![
        //                                                     anon youth other guard other contact none team booked offer admin officer
        // Plans: the young person's own view first (version 1 is still the latest).
        (Method::GET, "/api/register/me/plan".into(), None, [401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::POST, "/api/register/me/plan/response".into(), Some(json!({ "version": 1, "agree": true })), [401, 200, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
        (Method::GET, "/api/register/measure-codes".into(), None, [401, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/register/measure-codes".into(), Some(json!({ "code": "mentor", "label_sv": "Mentor", "label_en": "Mentor" })), [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 403]),
        (Method::PUT, "/api/register/measure-codes/guidance".into(), Some(code), [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403]),
        (Method::GET, plan.clone(), None, [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        (Method::POST, plan.clone(), Some(plan_text), [401, 403, 403, 403, 403, 201, 404, 201, 404, 404, 201, 201]),
        (Method::GET, format!("{plan}/versions/1"), None, [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
        (Method::POST, format!("/api/register/youth/{elsa}/measures"), Some(new_measure), [401, 403, 403, 403, 403, 201, 404, 201, 404, 404, 201, 201]),
        (Method::PUT, format!("/api/register/youth/{elsa}/measures/{measure}"), Some(json!({ "planned_start": "2026-09-02" })), [401, 403, 403, 403, 403, 200, 404, 200, 404, 404, 200, 200]),
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
