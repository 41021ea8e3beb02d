//! Activities: listed and updated; bad input (an activity, a schedule's
//! range, an occurrence) is a clear 4xx with a message per field.

use lotsen_api::ErrorCode;
use lotsen_api::schedule::Activity;
use serde_json::json;

use super::{activity, create};
use crate::helpers::{ELSA, KARIM, TestApp};

#[tokio::test]
async fn an_invalid_activity_is_422_with_a_message_per_field() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let mut bad = activity(&[], "2026-12-01", "2026-11-01");
    bad["title"] = json!(" ");
    bad["recurrence"]["start_time"] = json!("25:00");
    bad["recurrence"]["end_time"] = json!("09:00");
    bad["capacity"] = json!(0);
    let r = app.post_as("/api/activities", &bad, Some(&karim)).await;
    let body = r.assert_error(ErrorCode::Validation, "sv");
    let fields: Vec<_> = crate::helpers::field_codes(&body);
    assert_eq!(
        fields,
        [
            ("title", "required"),
            ("capacity", "capacity"),
            ("recurrence.weekdays", "required"),
            ("recurrence.start_time", "time_format"),
            ("recurrence.last_date", "date_order"),
        ]
    );
    assert!(
        body.fields
            .iter()
            .all(|f| !f.message.is_empty() && f.message != f.code),
        "{:?}",
        body.fields
    );
    let mut order = activity(&[1], "2026-11-01", "2026-12-01");
    order["recurrence"]["end_time"] = json!("08:00");
    order["leader_id"] = json!(999_999);
    let r = app.post_as("/api/activities", &order, Some(&karim)).await;
    r.assert_field_error(ErrorCode::Validation, "time_order");
    let mut leader = activity(&[1], "2026-11-01", "2026-12-01");
    leader["leader_id"] = json!(999_999);
    let r = app.post_as("/api/activities", &leader, Some(&karim)).await;
    r.assert_field_error(ErrorCode::Validation, "leader_invalid");
}

#[tokio::test]
async fn a_schedule_range_too_long_reversed_or_malformed_is_a_clear_4xx() {
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    for (query, code) in [
        ("from=2026-11-23&to=2027-01-31", "range_too_long"),
        ("from=2026-11-23&to=2026-11-22", "date_order"),
    ] {
        let r = app
            .get_as(&format!("/api/me/schedule?{query}"), &elsa)
            .await;
        assert_eq!(
            r.assert_error(ErrorCode::Validation, "sv").fields[0].code,
            code
        );
    }
    for query in [
        "from=2026-11-23",
        "from=igår&to=2026-11-29",
        "from=2026-02-30&to=2026-03-01",
    ] {
        let r = app
            .get_as(&format!("/api/me/schedule?{query}"), &elsa)
            .await;
        assert_eq!(r.status, 400, "{query}: {}", r.text());
    }
}

#[tokio::test]
async fn a_bad_occurrence_date_or_time_and_an_unknown_activity_are_a_clear_4xx() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let r = app
        .put_as(
            "/api/activities/1/occurrences/inte-ett-datum",
            &json!({ "action": "cancel" }),
            &karim,
        )
        .await;
    r.assert_error(ErrorCode::BadRequest, "sv");
    let r = app
        .put_as(
            "/api/activities/1/occurrences/2026-11-23",
            &json!({ "action": "move", "date": "2026-11-24", "start": "9", "end": "08:00" }),
            &karim,
        )
        .await;
    r.assert_field_error(ErrorCode::Validation, "time_format");
    assert_eq!(app.get_status("/api/activities/999999", &karim).await, 404);
    let r = app
        .put_as(
            "/api/activities/999999",
            &activity(&[1], "2026-11-01", "2026-12-01"),
            &karim,
        )
        .await;
    r.assert_error(ErrorCode::NotFound, "sv");
}

#[tokio::test]
async fn activities_are_listed_and_updated() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let a = create(&app, &karim, &activity(&[1], "2026-11-01", "2026-12-01")).await;
    let mut changed = activity(&[2, 4], "2026-11-01", "2026-12-15");
    changed["title"] = json!("Jobbsök och CV");
    changed["leader_id"] = json!(app.me(&karim).await.unwrap().id);
    let saved: Activity = app
        .put_as(&format!("/api/activities/{}", a.id), &changed, &karim)
        .await
        .assert_status(200)
        .json();
    assert_eq!(saved.title, "Jobbsök och CV");
    assert_eq!(saved.recurrence.weekdays, vec![2, 4]);
    assert_eq!(
        saved.leader.map(|l| l.name).as_deref(),
        Some("Karim Haddad")
    );
    let all: Vec<Activity> = app.get_as("/api/activities", &karim).await.json();
    assert_eq!(all.len(), 6, "five demo activities and this one");
    assert!(
        all.iter()
            .any(|x| x.id == a.id && x.title == "Jobbsök och CV")
    );
}
