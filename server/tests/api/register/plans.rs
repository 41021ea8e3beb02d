//! The register's plans: the plan story of issue 17's acceptance 2 (a plan
//! with three measures, one per kind of responsible party, revised; the young
//! person sees it and agrees or comments; staff see the answer), versions as
//! they were made, the code list, validation and who sees nothing.

use lotsen_api::ErrorCode;
use lotsen_api::register::plans::{
    FIELD_CODES, Measure, MeasureCode, MyPlan, Plan, PlanVersion, SENSITIVE_REMINDER_KEY,
};
use serde_json::{Value, json};

use crate::authorization::unrelated_staff;
use crate::helpers::{
    ANNA, ELSA, KARIM, MARIA, OMAR, Session, TestApp, field_codes, message, today,
};

/// Puts a young person into the register (registered 15 January, no
/// contact details): [`super::builder::put_in_register`].
pub async fn put_in_register(app: &TestApp, youth_id: i64) {
    let registered_on = lotsen_api::date::ymd(2026, 1, 15).unwrap();
    super::builder::put_in_register(app, youth_id, registered_on, Default::default()).await;
}

/// Puts the young person in the register and makes version 1 of their plan
/// (as `staff`) with one measure; the measure's id.
pub async fn with_plan(app: &TestApp, staff: &Session, youth_id: i64) -> i64 {
    put_in_register(app, youth_id).await;
    let measure = add_measure(app, staff, youth_id, guidance()).await;
    revise(
        app,
        staff,
        youth_id,
        plan_text("Jag vill plugga.", "Börja på Komvux"),
    )
    .await;
    measure.id
}

fn plan_path(youth: i64) -> String {
    format!("/api/register/people/{youth}/plan")
}

fn measures_path(youth: i64) -> String {
    format!("/api/register/people/{youth}/measures")
}

fn plan_text(own_words: &str, goal: &str) -> Value {
    json!({ "conversation_on": today().to_string(), "own_words": own_words, "goal": goal })
}

fn guidance() -> Value {
    json!({ "code": "guidance", "responsible_kind": "municipality", "responsible_name": "Ungdomsteamet",
            "planned_start": "2026-09-01", "planned_end": "2026-12-18", "next_follow_up": "2026-10-01" })
}

fn job_search() -> Value {
    json!({ "code": "job_support", "responsible_kind": "youth", "planned_start": "2026-09-07" })
}

fn komvux() -> Value {
    json!({ "code": "adult_education", "responsible_kind": "other", "responsible_name": "Komvux Partille",
            "planned_start": "2027-01-10", "planned_end": "2027-06-10" })
}

async fn add_measure(app: &TestApp, staff: &Session, youth: i64, body: Value) -> Measure {
    let response = app.post_as(&measures_path(youth), &body, Some(staff)).await;
    assert_eq!(response.status, 201, "{body}: {}", response.text());
    response.json()
}

async fn revise(app: &TestApp, staff: &Session, youth: i64, body: Value) -> PlanVersion {
    let response = app.post_as(&plan_path(youth), &body, Some(staff)).await;
    assert_eq!(response.status, 201, "{}", response.text());
    response.json()
}

async fn answer(app: &TestApp, youth: &Session, body: Value) -> MyPlan {
    let response = app
        .post_as("/api/register/me/plan/response", &body, Some(youth))
        .await;
    assert_eq!(response.status, 200, "{body}: {}", response.text());
    response.json()
}

/// The status and field codes of a failed request.
async fn refused(
    app: &TestApp,
    path: &str,
    body: Value,
    session: &Session,
    put: bool,
) -> (u16, Vec<(String, String)>) {
    let response = if put {
        app.put_as(path, &body, session).await
    } else {
        app.post_as(path, &body, Some(session)).await
    };
    let status = response.status.as_u16();
    let error: lotsen_api::ErrorBody = response.json();
    let fields = field_codes(&error)
        .into_iter()
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
        .collect();
    (status, fields)
}

fn fields(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect()
}

#[tokio::test]
async fn a_plan_with_three_measures_is_revised_and_the_young_person_agrees_and_comments() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let elsa = app.youth_named("Elsa Nilsson").await;
    // Not in the register yet: nothing to see.
    assert_eq!(app.get_status(&plan_path(elsa), &karim).await, 404);
    put_in_register(&app, elsa).await;
    let empty: Plan = app.get_as(&plan_path(elsa), &karim).await.json();
    assert_eq!(empty.reminder_key, SENSITIVE_REMINDER_KEY);
    assert!(empty.current.is_none() && empty.measures.is_empty() && empty.earlier.is_empty());

    // The mapping conversation: three measures, one per kind of responsible party.
    let municipal = add_measure(&app, &karim, elsa, guidance()).await;
    assert_eq!(municipal.label, "Studie- och yrkesvägledning");
    let own = add_measure(&app, &karim, elsa, job_search()).await;
    assert_eq!(own.responsible_name, None);
    add_measure(&app, &karim, elsa, komvux()).await;
    let own_words =
        "Jag vill ha ett jobb och kanske läsa klart svenska.\nJag behöver hjälp att komma igång.";
    let v1 = revise(
        &app,
        &karim,
        elsa,
        plan_text(own_words, "Arbete eller studier till våren"),
    )
    .await;
    assert_eq!(v1.version, 1);
    assert_eq!(v1.text.own_words, own_words);
    assert_eq!(v1.created_by.name, "Karim Haddad");
    assert_eq!(v1.measures.len(), 3);

    // Elsa sees her plan in plain words, in her language.
    let elsa_session = app.demo(ELSA).await;
    let mine: MyPlan = app
        .get_as("/api/register/me/plan", &elsa_session)
        .await
        .json();
    let plan = mine.plan.expect("Elsa has a plan");
    assert_eq!(plan.version, 1);
    let who: Vec<&str> = plan.measures.iter().map(|m| m.who.as_str()).collect();
    assert_eq!(
        who,
        ["Kommunen (Ungdomsteamet)", "Du själv", "Komvux Partille"]
    );
    let english: MyPlan = app
        .get_with(
            "/api/register/me/plan",
            &[("cookie", &elsa_session.cookie), ("accept-language", "en")],
        )
        .await
        .json();
    let english = english.plan.unwrap();
    assert_eq!(english.measures[0].label, "Study and career guidance");
    assert_eq!(english.measures[1].who, "You");
    assert_eq!(
        english.measures[2].label,
        "Municipal adult education (Komvux)"
    );

    // She agrees; her contact person sees it.
    let agreed = answer(&app, &elsa_session, json!({ "version": 1, "agree": true })).await;
    assert!(agreed.plan.unwrap().response.unwrap().agreed_at.is_some());
    let seen: Plan = app.get_as(&plan_path(elsa), &karim).await.json();
    let response = seen
        .current
        .unwrap()
        .response
        .expect("staff see the answer");
    assert!(response.agreed_at.is_some() && response.comment.is_none());

    // The municipal measure ends early, a follow-up is set; the plan is revised.
    let ended = app
        .put_as(
            &format!("{}/{}", measures_path(elsa), municipal.id),
            &json!({ "planned_start": "2026-09-01", "planned_end": "2026-12-18",
                     "actual_end": today().to_string(), "end_reason": "moved_on", "next_follow_up": "2026-11-01" }),
            &karim,
        )
        .await;
    assert_eq!(ended.status, 200, "{}", ended.text());
    let v2 = revise(&app, &karim, elsa, plan_text(own_words, "Arbete i vår")).await;
    assert_eq!(v2.version, 2);
    assert!(v2.response.is_none(), "a revision asks for a new answer");
    assert_eq!(v2.measures[0].dates.actual_end, Some(today()));

    // Version 1 still reads as it was: its goal, its three measures (none
    // ended) and Elsa's agreement.
    let old: PlanVersion = app
        .get_as(&format!("{}/versions/1", plan_path(elsa)), &karim)
        .await
        .json();
    assert_eq!(old.text.goal, "Arbete eller studier till våren");
    assert_eq!(old.measures.len(), 3);
    assert!(old.measures.iter().all(|m| m.dates.actual_end.is_none()));
    assert!(old.response.unwrap().agreed_at.is_some());
    let now: Plan = app.get_as(&plan_path(elsa), &karim).await.json();
    assert_eq!(now.current.as_ref().unwrap().version, 2);
    assert_eq!(now.earlier.len(), 1);
    assert!(now.earlier[0].agreed && !now.earlier[0].commented);

    // Answering the old version is refused with a message she understands.
    let stale = app
        .post_as(
            "/api/register/me/plan/response",
            &json!({ "version": 1, "agree": true }),
            Some(&elsa_session),
        )
        .await;
    assert_eq!(stale.status, 409);
    let body: lotsen_api::ErrorBody = stale.json();
    assert_eq!(body.message, message("sv", "plan_changed"));
    assert_eq!(field_codes(&body), [("version", "plan_changed")]);

    // She comments on version 2 without agreeing; staff see the comment.
    answer(
        &app,
        &elsa_session,
        json!({ "version": 2, "comment": "Jag vill hellre ha praktik först." }),
    )
    .await;
    let commented: Plan = app.get_as(&plan_path(elsa), &karim).await.json();
    let response = commented.current.unwrap().response.unwrap();
    assert_eq!(
        response.comment.as_deref(),
        Some("Jag vill hellre ha praktik först.")
    );
    assert!(response.agreed_at.is_none());
    // Version 1's agreement stays with version 1.
    let old: PlanVersion = app
        .get_as(&format!("{}/versions/1", plan_path(elsa)), &karim)
        .await
        .json();
    assert!(old.response.unwrap().agreed_at.is_some());

    // Every staff read and write of the plan is audited.
    let audited = |action: &str| {
        format!("SELECT COUNT(*) FROM audit_log WHERE youth_id = {elsa} AND action = '{action}'")
    };
    assert_eq!(app.count(&audited("read_register_plan")).await, 6);
    assert_eq!(app.count(&audited("write_register_plan")).await, 2);
    assert_eq!(app.count(&audited("write_register_measure")).await, 4);
}

#[tokio::test]
async fn another_young_person_a_guardian_and_unrelated_staff_see_nothing() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let anna = app.demo(ANNA).await;
    let elsa = app.youth_named("Elsa Nilsson").await;
    with_plan(&app, &karim, elsa).await;
    let [omar, maria] = app.demos([OMAR, MARIA]).await;
    // Omar has no plan: a clear empty answer, nothing of Elsa's.
    let his = app.get_as("/api/register/me/plan", &omar).await;
    assert_eq!(his.status, 200);
    assert_eq!(his.text(), "{}");
    let no_plan = app
        .post_as(
            "/api/register/me/plan/response",
            &json!({ "version": 1, "agree": true }),
            Some(&omar),
        )
        .await;
    no_plan.assert_error(ErrorCode::NotFound, "sv");
    // Her guardian: the young person's view is hers alone.
    app.get_as("/api/register/me/plan", &maria)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
    // Staff with no relation to her: as if there were no plan.
    let nina = unrelated_staff(&app, &anna).await;
    for path in [plan_path(elsa), format!("{}/versions/1", plan_path(elsa))] {
        app.get_as(&path, &nina)
            .await
            .assert_error(ErrorCode::NotFound, "sv");
    }
    let (status, _) = refused(&app, &measures_path(elsa), guidance(), &nina, false).await;
    assert_eq!(status, 404);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM register_measures").await,
        1,
        "nothing written"
    );
}

#[tokio::test]
async fn measures_and_plans_are_validated_field_by_field() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let elsa = app.youth_named("Elsa Nilsson").await;
    let measure = with_plan(&app, &karim, elsa).await;
    let add = measures_path(elsa);
    let mut backwards = guidance();
    backwards["planned_end"] = json!("2026-08-01");
    let mut nameless = komvux();
    nameless["responsible_name"] = json!("   ");
    let mut unknown = job_search();
    unknown["code"] = json!("juggling");
    let mut nul = job_search();
    nul["code"] = json!("guid\u{0}ance");
    for (body, expected) in [
        (backwards, fields(&[("planned_end", "date_order")])),
        (nameless, fields(&[("responsible_name", "required")])),
        (unknown, fields(&[("code", "measure_code_invalid")])),
        (nul, fields(&[("code", "measure_code_invalid")])),
    ] {
        assert_eq!(
            refused(&app, &add, body, &karim, false).await,
            (422, expected)
        );
    }
    // Unknown kinds and impossible dates are unreadable, not a 500.
    let mut kind = job_search();
    kind["responsible_kind"] = json!("parents");
    let mut date = job_search();
    date["planned_start"] = json!("2026-02-30");
    for body in [kind, date] {
        assert_eq!(refused(&app, &add, body, &karim, false).await.0, 400);
    }
    let update = format!("{add}/{measure}");
    let end = |actual_end: Value, end_reason: Value| json!({ "planned_start": "2026-09-01", "actual_end": actual_end, "end_reason": end_reason });
    assert_eq!(
        refused(
            &app,
            &update,
            end(json!("2026-09-05"), Value::Null),
            &karim,
            true
        )
        .await,
        (422, fields(&[("end_reason", "required")]))
    );
    assert_eq!(
        refused(
            &app,
            &update,
            end(Value::Null, json!("completed")),
            &karim,
            true
        )
        .await,
        (422, fields(&[("actual_end", "required")]))
    );
    // An actual end before the start is kept (the SCB report's checks list it).
    let early = app
        .put_as(
            &update,
            &end(json!("2026-08-20"), json!("discontinued")),
            &karim,
        )
        .await;
    assert_eq!(early.status, 200, "{}", early.text());
    // Another young person's measure, or none: 404.
    let omar = app.youth_named("Omar Ali").await;
    put_in_register(&app, omar).await;
    let body = end(Value::Null, Value::Null);
    let elsewhere = format!("{}/{measure}", measures_path(omar));
    assert_eq!(
        refused(&app, &elsewhere, body.clone(), &app.demo(ANNA).await, true)
            .await
            .0,
        404
    );
    assert_eq!(
        refused(&app, &format!("{add}/99999"), body, &karim, true)
            .await
            .0,
        404
    );
    assert_eq!(
        app.get_status(&format!("{add}/x"), &karim).await.as_u16() / 100,
        4
    );
    // The plan's texts and date.
    let mut future = plan_text("Jag vill plugga.", "Komvux");
    future["conversation_on"] = json!(lotsen_api::date::add_days(today(), 1).to_string());
    assert_eq!(
        refused(&app, &plan_path(elsa), future, &karim, false).await,
        (422, fields(&[("conversation_on", "outcome_date")]))
    );
    let long = plan_text(&"ord ".repeat(1001), " ");
    assert_eq!(
        refused(&app, &plan_path(elsa), long, &karim, false).await,
        (
            422,
            fields(&[("own_words", "too_long"), ("goal", "required")])
        )
    );
    assert_eq!(
        app.get_status(&format!("{}/versions/7", plan_path(elsa)), &karim)
            .await,
        404
    );
    // The young person's answer.
    let elsa_session = app.demo(ELSA).await;
    let answer_path = "/api/register/me/plan/response";
    for (body, expected) in [
        (json!({ "version": 1 }), fields(&[("comment", "required")])),
        (
            json!({ "version": 1, "comment": "a".repeat(2001) }),
            fields(&[("comment", "too_long")]),
        ),
    ] {
        assert_eq!(
            refused(&app, answer_path, body, &elsa_session, false).await,
            (422, expected)
        );
    }
    for version in [0, 2, -1] {
        let (status, _) = refused(
            &app,
            answer_path,
            json!({ "version": version, "agree": true }),
            &elsa_session,
            false,
        )
        .await;
        assert_eq!(status, 404, "version {version}");
    }
}

#[tokio::test]
async fn administrators_keep_the_code_list_and_never_delete_a_code() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let anna = app.demo(ANNA).await;
    let codes: Vec<MeasureCode> = app
        .get_as("/api/register/measure-codes", &karim)
        .await
        .json();
    assert_eq!(codes.len(), 10);
    assert!(codes.iter().all(|c| c.active));
    let new = json!({ "code": "mentor", "label_sv": "Mentor", "label_en": "Mentor" });
    assert_eq!(
        refused(
            &app,
            "/api/register/measure-codes",
            new.clone(),
            &karim,
            false
        )
        .await
        .0,
        403
    );
    let created = app
        .post_as("/api/register/measure-codes", &new, Some(&anna))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(
        refused(&app, "/api/register/measure-codes", new, &anna, false).await,
        (409, fields(&[("code", "conflict")]))
    );
    let bad = json!({ "code": "Mentor 2", "label_sv": "", "label_en": "Mentor" });
    assert_eq!(
        refused(&app, "/api/register/measure-codes", bad, &anna, false).await,
        (
            422,
            fields(&[("code", "measure_code_format"), ("label_sv", "required")])
        )
    );
    // A measure with the code, then the code is renamed and deactivated.
    let elsa = app.youth_named("Elsa Nilsson").await;
    put_in_register(&app, elsa).await;
    let mut mentor = job_search();
    mentor["code"] = json!("mentor");
    add_measure(&app, &karim, elsa, mentor.clone()).await;
    let retired = app
        .put_as(
            "/api/register/measure-codes/mentor",
            &json!({ "label_sv": "Mentorskap", "label_en": "Mentoring", "active": false }),
            &anna,
        )
        .await;
    assert_eq!(retired.status, 200, "{}", retired.text());
    let retired: MeasureCode = retired.json();
    assert!(!retired.active);
    assert_eq!(
        refused(&app, &measures_path(elsa), mentor, &karim, false).await,
        (422, fields(&[("code", "measure_code_invalid")]))
    );
    // The measure keeps its code, shown with the new label; the code stays listed.
    let plan: Plan = app.get_as(&plan_path(elsa), &karim).await.json();
    assert_eq!(plan.measures[0].label, "Mentorskap");
    let codes: Vec<MeasureCode> = app
        .get_as("/api/register/measure-codes", &karim)
        .await
        .json();
    assert_eq!(codes.len(), 11);
    let unknown = json!({ "label_sv": "x", "label_en": "x", "active": true });
    assert_eq!(
        refused(
            &app,
            "/api/register/measure-codes/nope",
            unknown,
            &anna,
            true
        )
        .await
        .0,
        404
    );
}

#[test]
fn every_plan_field_code_has_a_message_in_both_languages() {
    for code in FIELD_CODES.iter().chain(&["date_order", "outcome_date"]) {
        assert!(!message("sv", code).is_empty(), "{code}");
        assert!(!message("en", code).is_empty(), "{code}");
    }
}
