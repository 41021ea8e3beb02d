//! A booked session can be rated once it is marked attended, by its young
//! person only, and the stored rating keeps neither her nor the booking.

use std::time::Duration;

use lotsen_api::feedback::GroupKind;
use serde_json::json;

use super::{my_ratings, report};
use crate::booking::{booked, individual, opening_hours, session_type};
use crate::helpers::{ELSA, OMAR, SVEN, TestApp};

#[tokio::test]
async fn an_attended_session_can_be_rated_and_a_booked_one_not() {
    let (app, sven) = TestApp::with_demo_signed_in(SVEN).await;
    let sven_id = app.account_id(SVEN).await;
    let elsa = app.demo(ELSA).await;
    opening_hours(&app, &sven, &[("tuesday", "09:00", "16:00")]).await;
    let t = session_type(
        &app,
        &sven,
        json!({ "name": "Studievägledning", "profession": "study_counsellor", "length_minutes": 45 }),
    )
    .await;
    let booking = booked(
        &app,
        &elsa,
        individual(&t, sven_id, "2026-11-24T09:00:00+01:00"),
    )
    .await;
    let path = format!("/api/me/ratings/sessions/{}", booking.id);
    assert_eq!(
        app.put_as(&path, &json!({ "score": 5 }), &elsa)
            .await
            .status,
        404
    );
    app.advance_signed_in(Duration::from_secs(24 * 3600)).await;
    assert_eq!(
        app.put_as(&path, &json!({ "score": 5 }), &elsa)
            .await
            .status,
        404,
        "booked, not yet marked attended"
    );
    app.post_as(
        &format!("/api/staff/bookings/{}/attendance", booking.id),
        &json!({ "attended": true }),
        Some(&sven),
    )
    .await
    .assert_status(200);
    app.put_as(
        &path,
        &json!({ "score": 5, "comment": "Jättebra", "anonymous": true }),
        &elsa,
    )
    .await
    .assert_status(200);
    let omar = app.demo(OMAR).await;
    assert_eq!(
        app.put_as(&path, &json!({ "score": 1 }), &omar)
            .await
            .status,
        404
    );
    let mine = my_ratings(&app, &elsa).await;
    let item = mine
        .items
        .iter()
        .find(|i| i.booking_id == Some(booking.id))
        .unwrap();
    assert_eq!(
        (item.title.as_str(), item.leader_name.as_deref()),
        ("Studievägledning", Some("Sven Berg"))
    );
    assert_eq!(item.rating.as_ref().map(|r| r.score), Some(5));
    // One rating: a session group is not even listed below five.
    let report = report(&app, &sven, "2026-autumn").await;
    assert!(report.groups.iter().all(|g| g.kind != GroupKind::Session));
    // The stored row keeps neither her nor the booking.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM ratings WHERE youth_id IS NULL AND session_type_id IS NOT NULL"
        )
        .await,
        1
    );
}
