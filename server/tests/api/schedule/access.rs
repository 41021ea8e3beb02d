//! Who reads what of the schedule: a young person's own reads write nothing,
//! staff reads are audited, staff who are not the contact person get 404, and
//! guardians get nothing of it.

use lotsen_api::ErrorCode;
use lotsen_api::schedule::Assignment;
use serde_json::json;

use super::{activity, assign, create, my_week, occurrences};
use crate::helpers::{ELSA, KARIM, MARIA, SVEN, TestApp};

#[tokio::test]
async fn reading_my_schedule_writes_nothing_and_staff_reads_are_audited() {
    let app = TestApp::with_demo().await;
    let [karim, elsa] = app.demos([KARIM, ELSA]).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let audit = "SELECT COUNT(*) FROM audit_log";
    let before = app.count(audit).await;
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert!(!week.items.is_empty(), "the demo week");
    assert_eq!(
        app.count(audit).await,
        before,
        "a young person's own read is not audited"
    );
    let r = app
        .get_as(
            &format!("/api/youth/{elsa_id}/schedule?from=2026-11-23&to=2026-11-29"),
            &karim,
        )
        .await;
    assert_eq!(r.status, 200);
    let r = app
        .get_as(&format!("/api/youth/{elsa_id}/assignments"), &karim)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json::<Vec<Assignment>>().len(), 5, "the demo week");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'read_schedule' AND youth_id = {elsa_id}"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn other_staff_get_404_for_a_young_persons_schedule_and_guardians_get_none() {
    let app = TestApp::with_demo().await;
    let [karim, sven, maria] = app.demos([KARIM, SVEN, MARIA]).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(&app, &karim, &activity(&[2], "2026-11-01", "2027-01-31")).await;
    // Sven is nobody's contact person: 404 for Elsa's schedule and assignments.
    for path in [
        format!("/api/youth/{elsa_id}/schedule?from=2026-11-23&to=2026-11-29"),
        format!("/api/youth/{elsa_id}/assignments"),
    ] {
        app.get_as(&path, &sven)
            .await
            .assert_error(ErrorCode::NotFound, "sv");
    }
    assign(
        &app,
        &sven,
        elsa_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-23" }),
    )
    .await
    .assert_error(ErrorCode::NotFound, "sv");
    // Sven may see the activity, but not who is expected.
    assign(
        &app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-23" }),
    )
    .await
    .assert_status(201);
    let list = occurrences(&app, &sven, a.id, "2026-11-23", "2026-11-29").await;
    assert!(list[0].expected.is_empty());
    // Guardians get nothing of the schedule.
    app.get_as("/api/me/schedule?from=2026-11-23&to=2026-11-29", &maria)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
    app.get_as("/api/activities", &maria)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
}
