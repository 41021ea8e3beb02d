//! Assignments: on chosen weekdays, once per activity, only weekdays the
//! activity has, and ended today (then assignable again).

use lotsen_api::ErrorCode;
use lotsen_api::schedule::Assignment;
use serde_json::json;

use super::{activity, assign, create, dates_of, my_week};
use crate::helpers::{KARIM, OMAR, TestApp};

#[tokio::test]
async fn assignments_conflict_end_and_choose_weekdays() {
    let app = TestApp::with_demo().await;
    let [karim, omar] = app.demos([KARIM, OMAR]).await;
    let omar_id = app.youth_named("Omar Ali").await;
    let a = create(
        &app,
        &karim,
        &activity(&[1, 3, 5], "2026-11-01", "2027-01-31"),
    )
    .await;
    let assignment: Assignment = assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": a.id, "weekdays": [5, 1], "from_date": "2026-11-01" }),
    )
    .await
    .assert_status(201)
    .json();
    assert_eq!(assignment.weekdays, vec![1, 5]);
    let week = my_week(&app, &omar, "2026-11-23", "2026-11-29").await;
    assert_eq!(dates_of(&week, a.id), ["2026-11-23", "2026-11-27"]);
    // Twice: 409.
    assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-01" }),
    )
    .await
    .assert_error(ErrorCode::Conflict, "sv");
    // A weekday the activity does not have, an unknown activity: 422.
    let r = assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": a.id, "weekdays": [2], "from_date": "2026-11-01" }),
    )
    .await;
    r.assert_field_error(ErrorCode::Validation, "weekday");
    let r = assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": 999_999, "from_date": "2026-11-01" }),
    )
    .await;
    r.assert_field_error(ErrorCode::Validation, "activity_invalid");
    // Ended today: off the schedule from today on, and can be assigned again.
    let path = format!("/api/youth/{omar_id}/assignments/{}", assignment.id);
    assert_eq!(app.delete_as(&path, &karim).await.status, 204);
    assert_eq!(app.delete_as(&path, &karim).await.status, 404);
    let week = my_week(&app, &omar, "2026-11-16", "2026-11-29").await;
    assert_eq!(dates_of(&week, a.id), ["2026-11-16", "2026-11-20"]);
    assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-30" }),
    )
    .await
    .assert_status(201);
}
