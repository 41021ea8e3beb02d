//! Staff plan a weekly activity and change single occurrences (cancel with a
//! note, move, restore); the young person's week shows each change.

use lotsen_api::ErrorCode;
use lotsen_api::schedule::{Assignment, Occurrence, OccurrenceStatus};
use serde_json::json;

use super::{activity, assign, create, my_week, of};
use crate::helpers::{ELSA, KARIM, TestApp};

#[tokio::test]
async fn staff_plan_a_weekly_activity_and_the_young_person_sees_it_with_changes() {
    let app = TestApp::with_demo().await;
    let [karim, elsa] = app.demos([KARIM, ELSA]).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(&app, &karim, &activity(&[1, 3], "2026-11-01", "2027-01-31")).await;
    assert_eq!(a.recurrence.weekdays, vec![1, 3]);
    assert_eq!(a.recurrence.start_time, "09:00");
    let assignment: Assignment = assign(
        &app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "weekdays": [], "from_date": "2026-11-23" }),
    )
    .await
    .assert_status(201)
    .json();
    assert_eq!(assignment.activity_title, "Jobbsök");

    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert_eq!(
        of(&week, a.id),
        vec![
            (
                "2026-11-23".into(),
                "09:00".into(),
                OccurrenceStatus::Scheduled
            ),
            (
                "2026-11-25".into(),
                "09:00".into(),
                OccurrenceStatus::Scheduled
            ),
        ]
    );
    // Sorted by date and time, the demo week around it.
    let keys: Vec<_> = week
        .items
        .iter()
        .map(|i| (i.date, i.start.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(week.items.len() > 2, "the demo activities too");
    // Nothing before the assignment's first date.
    let before = my_week(&app, &elsa, "2026-11-16", "2026-11-22").await;
    assert!(of(&before, a.id).is_empty());

    // Cancel Wednesday, move Monday.
    let path = format!("/api/activities/{}/occurrences/2026-11-25", a.id);
    let o: Occurrence = app
        .put_as(
            &path,
            &json!({ "action": "cancel", "note": "Ledaren är sjuk" }),
            &karim,
        )
        .await
        .assert_status(200)
        .json();
    assert_eq!(o.status, OccurrenceStatus::Cancelled);
    app.put_as(
        &format!("/api/activities/{}/occurrences/2026-11-23", a.id),
        &json!({ "action": "move", "date": "2026-11-24", "start": "13:00", "end": "15:00" }),
        &karim,
    )
    .await
    .assert_status(200);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert_eq!(
        of(&week, a.id),
        vec![
            ("2026-11-24".into(), "13:00".into(), OccurrenceStatus::Moved),
            (
                "2026-11-25".into(),
                "09:00".into(),
                OccurrenceStatus::Cancelled
            ),
        ]
    );
    let cancelled = week
        .items
        .iter()
        .find(|i| i.activity_id == a.id && i.status == OccurrenceStatus::Cancelled)
        .unwrap();
    assert_eq!(cancelled.note.as_deref(), Some("Ledaren är sjuk"));
    let moved = week
        .items
        .iter()
        .find(|i| i.activity_id == a.id && i.status == OccurrenceStatus::Moved)
        .unwrap();
    assert_eq!(
        moved
            .moved_from
            .as_ref()
            .map(|s| (s.date.to_string(), s.start.clone())),
        Some(("2026-11-23".into(), "09:00".into()))
    );

    // Restore: as planned again.
    let r = app.delete_as(&path, &karim).await.assert_status(200);
    assert_eq!(r.json::<Occurrence>().status, OccurrenceStatus::Scheduled);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert_eq!(of(&week, a.id)[1].2, OccurrenceStatus::Scheduled);
    // Not an occurrence (a Tuesday): 404.
    let r = app
        .put_as(
            &format!("/api/activities/{}/occurrences/2026-11-24", a.id),
            &json!({ "action": "cancel" }),
            &karim,
        )
        .await;
    r.assert_error(ErrorCode::NotFound, "sv");
}
