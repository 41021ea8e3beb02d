//! "Can't come": the young person says so for an occurrence (by the date it is
//! shown on, also when moved), staff see it, and it can be withdrawn.

use lotsen_api::ErrorCode;
use lotsen_api::schedule::Schedule;
use serde_json::json;

use super::{ElsaAssigned, change_occurrence, my_week, occurrences};
use crate::helpers::OMAR;

#[tokio::test]
async fn the_young_person_says_they_cant_come_and_staff_see_it() {
    let ElsaAssigned {
        app,
        karim,
        elsa,
        elsa_id,
        activity: a,
    } = ElsaAssigned::new(&[1, 3], "2026-11-01", "2027-01-31", "2026-11-01").await;
    let omar = app.demo(OMAR).await;
    let path = format!("/api/me/schedule/absences/{}/2026-11-25", a.id);
    app.put_as(&path, &json!({ "reason": "  Tandläkaren " }), &elsa)
        .await
        .assert_status(204);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    let item = week
        .items
        .iter()
        .find(|i| i.activity_id == a.id && i.date.to_string() == "2026-11-25")
        .unwrap();
    assert_eq!(item.absence.as_deref(), Some("Tandläkaren"));
    // The contact person sees it, in the occurrence list and the young person's schedule.
    let list = occurrences(&app, &karim, a.id, "2026-11-23", "2026-11-29").await;
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[1]
            .expected
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Elsa Nilsson"]
    );
    assert_eq!(list[1].absent[0].reason.as_deref(), Some("Tandläkaren"));
    assert!(list[0].absent.is_empty());
    let theirs: Schedule = app
        .get_as(
            &format!("/api/youth/{elsa_id}/schedule?from=2026-11-23&to=2026-11-29"),
            &karim,
        )
        .await
        .json();
    assert!(
        theirs
            .items
            .iter()
            .any(|i| i.activity_id == a.id && i.absence.is_some())
    );
    // Omar has no such occurrence: 404; a Tuesday is no occurrence either.
    let r = app.put_as(&path, &json!({}), &omar).await;
    r.assert_error(ErrorCode::NotFound, "sv");
    let r = app
        .put_as(
            &format!("/api/me/schedule/absences/{}/2026-11-24", a.id),
            &json!({}),
            &elsa,
        )
        .await;
    r.assert_error(ErrorCode::NotFound, "sv");
    // A cancelled occurrence needs no "can't come".
    change_occurrence(
        &app,
        &karim,
        a.id,
        "2026-11-30",
        json!({ "action": "cancel" }),
    )
    .await;
    let r = app
        .put_as(
            &format!("/api/me/schedule/absences/{}/2026-11-30", a.id),
            &json!({}),
            &elsa,
        )
        .await;
    r.assert_error(ErrorCode::NotFound, "sv");
    // Too long a reason.
    let r = app
        .put_as(&path, &json!({ "reason": "x".repeat(501) }), &elsa)
        .await;
    let body = r.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(body.fields[0].field, "reason");
    // Withdrawn.
    assert_eq!(app.delete_as(&path, &elsa).await.status, 204);
    assert_eq!(app.delete_as(&path, &elsa).await.status, 404);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert!(week.items.iter().all(|i| i.absence.is_none()));
}

#[tokio::test]
async fn cant_come_to_a_moved_occurrence_by_the_date_it_is_shown_on() {
    let ElsaAssigned {
        app,
        karim,
        elsa,
        activity: a,
        ..
    } = ElsaAssigned::new(&[1], "2026-11-01", "2027-01-31", "2026-11-01").await;
    change_occurrence(
        &app,
        &karim,
        a.id,
        "2026-11-23",
        json!({ "action": "move", "date": "2026-11-27", "start": "13:00", "end": "15:00" }),
    )
    .await;
    // The schedule shows it on Friday; "can't come" on that date.
    let path = format!("/api/me/schedule/absences/{}/2026-11-27", a.id);
    app.put_as(&path, &json!({ "reason": "Jobbintervju" }), &elsa)
        .await
        .assert_status(204);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    let item = week.items.iter().find(|i| i.activity_id == a.id).unwrap();
    assert_eq!(
        (item.date.to_string(), item.absence.as_deref()),
        ("2026-11-27".into(), Some("Jobbintervju"))
    );
    // Staff see it on the occurrence (listed at its planned date).
    let list = occurrences(&app, &karim, a.id, "2026-11-23", "2026-11-23").await;
    assert_eq!(list[0].absent[0].reason.as_deref(), Some("Jobbintervju"));
    // Withdrawn by the same date.
    assert_eq!(app.delete_as(&path, &elsa).await.status, 204);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert!(week.items.iter().all(|i| i.absence.is_none()));
}
