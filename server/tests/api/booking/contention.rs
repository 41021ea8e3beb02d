//! Booking under contention: 200 young people at once for one time, for the
//! last seat of a group session, and 200 overlapping times booked at once by
//! staff each end in exactly one booking and clear conflicts for the rest.

use axum::http::Method;
use lotsen_api::booking::GroupSession;
use serde_json::{Value, json};

use super::{
    Counselling, TUESDAY_9, WEDNESDAY_9, book, booked, booked_count, free_times, individual,
    session_type, weekdays,
};
use crate::helpers::{ANNA, OMAR, SVEN, Session, TestApp, field_code, json_request};

/// Books `body` for every young person at once; the statuses and bodies.
async fn all_at_once(app: &TestApp, youth: &[(i64, Session)], body: &Value) -> Vec<(u16, String)> {
    let requests = youth
        .iter()
        .map(|(_, session)| json_request(Method::POST, "/api/me/bookings", body, session))
        .collect();
    app.concurrently(requests).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_at_once_for_one_time_give_one_booking_and_199_conflicts() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let youth = app.young_people(50_000, 200).await;
    let results = all_at_once(&app, &youth, &individual(&t, sven_id, TUESDAY_9)).await;
    let created = results.iter().filter(|r| r.0 == 201).count();
    let conflicts: Vec<&(u16, String)> = results.iter().filter(|r| r.0 == 409).collect();
    assert_eq!(created, 1, "{:?}", results.iter().find(|r| r.0 != 409));
    assert_eq!(conflicts.len(), 199);
    for (_, body) in conflicts {
        assert_eq!(field_code(body), "booking_taken", "{body}");
        assert!(body.contains("Någon hann boka tiden före dig"), "{body}");
    }
    assert_eq!(booked_count(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_at_once_for_the_last_seat_give_one_booking() {
    let app = TestApp::with_demo_and_email().await;
    let sven = app.demo(SVEN).await;
    let t = session_type(
        &app,
        &sven,
        json!({ "name": "Studiebesök", "profession": "study_counsellor", "length_minutes": 120, "group": true }),
    )
    .await;
    let group: GroupSession = app
        .post_as(
            "/api/booking/group-sessions",
            &json!({ "session_type_id": t.id, "starts_at": WEDNESDAY_9, "seats": 3, "place": "Komvux" }),
            Some(&sven),
        )
        .await
        .assert_status(201)
        .json();
    assert_eq!(group.seats_left, 3);
    let youth = app.young_people(50_000, 202).await;
    let seat = json!({ "session_type_id": t.id, "group_session_id": group.id, "note": "Jag kommer med buss" });
    for (_, session) in &youth[..2] {
        booked(&app, session, seat.clone()).await;
    }
    let free = free_times(&app, &t, "", &youth[0].1).await;
    assert_eq!(free.days[0].times[0].seats_left, Some(1));
    let results = all_at_once(&app, &youth[2..], &seat).await;
    assert_eq!(results.iter().filter(|r| r.0 == 201).count(), 1);
    let conflicts: Vec<_> = results.iter().filter(|r| r.0 == 409).collect();
    assert_eq!(conflicts.len(), 199);
    assert!(
        conflicts
            .iter()
            .all(|(_, body)| field_code(body) == "booking_full")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM bookings WHERE group_session_id = {} AND status = 'booked'",
            group.id
        ))
        .await,
        3
    );
    // The staff member is busy during the group session: no double booking.
    let counselling = session_type(
        &app,
        &sven,
        json!({ "name": "Samtal", "profession": "study_counsellor", "length_minutes": 45 }),
    )
    .await;
    weekdays(&app, &sven).await;
    let sven_id = app.account_id(SVEN).await;
    let clash = book(
        &app,
        &app.demo(OMAR).await,
        individual(&counselling, sven_id, "2026-11-25T09:45:00+01:00"),
    )
    .await
    .assert_status(409);
    assert_eq!(field_code(clash.text()), "booking_taken");
}

/// Overlapping but different starts are not caught by any unique index: only the
/// lock taken before the overlap check keeps the staff member from being double-booked.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_overlapping_times_booked_at_once_by_staff_give_one_booking() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let youth = app.young_people(50_000, 200).await;
    let anna = app.demo(ANNA).await;
    let starts = [
        "2026-11-24T09:00:00+01:00",
        "2026-11-24T09:15:00+01:00",
        "2026-11-24T09:30:00+01:00",
        "2026-11-24T08:45:00+01:00",
    ];
    // Any two of these overlap (45 minutes plus 15 of buffer).
    let requests = youth
        .iter()
        .enumerate()
        .map(|(i, (youth_id, _))| {
            let body = json!({ "youth_id": youth_id, "session_type_id": t.id, "staff_id": sven_id, "starts_at": starts[i % starts.len()] });
            json_request(Method::POST, "/api/staff/bookings", &body, &anna)
        })
        .collect();
    let results = app.concurrently(requests).await;
    assert_eq!(
        results.iter().filter(|r| r.0 == 201).count(),
        1,
        "{:?}",
        results.iter().find(|r| r.0 != 409 && r.0 != 201)
    );
    assert!(
        results
            .iter()
            .filter(|r| r.0 != 201)
            .all(|(status, body)| *status == 409 && field_code(body) == "booking_taken")
    );
    assert_eq!(booked_count(&app).await, 1);
}
