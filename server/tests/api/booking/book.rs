//! A young person books, moves and cancels: until the deadline only (after it,
//! whom to call, in the asker's language), at most the limit of active
//! bookings, and never two places at once.

use std::time::Duration;

use axum::http::Method;
use lotsen_api::booking::Booking;
use serde_json::{Value, json};

use super::{
    Counselling, JOHANNA, TUESDAY_9, WEDNESDAY_9, WEDNESDAY_10, act_on, book, booked, booked_count,
    free_times, individual, mine, session_type, weekdays,
};
use crate::helpers::{APP_HEADER, ELSA, field_code, request};

#[tokio::test]
async fn cancelling_or_moving_after_the_deadline_is_refused_with_whom_to_call() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let elsa = app.demo(ELSA).await;
    let booking = booked(
        &app,
        &elsa,
        json!({ "session_type_id": t.id, "staff_id": sven_id, "starts_at": WEDNESDAY_9, "note": "Jag vill prata om komvux" }),
    )
    .await;
    assert!(booking.can_change);
    assert_eq!(booking.change_deadline, "2026-11-24T09:00:00+01:00");
    assert_eq!(booking.note.as_deref(), Some("Jag vill prata om komvux"));
    // Moving before the deadline works.
    let moved: Booking = app
        .post_as(
            &format!("/api/me/bookings/{}/move", booking.id),
            &json!({ "starts_at": WEDNESDAY_10 }),
            Some(&elsa),
        )
        .await
        .assert_status(200)
        .json();
    assert_eq!(moved.starts_at, WEDNESDAY_10);
    // Just after Tuesday 10:00: the deadline (24 h before Wednesday 10:00) has passed.
    app.advance(Duration::from_secs(22 * 3600 + 60));
    let elsa = app.demo(ELSA).await;
    let listed = mine(&app, &elsa).await;
    assert!(!listed.upcoming[0].can_change);
    let body: Value = act_on(&app, &elsa, booking.id, "cancel")
        .await
        .assert_status(409)
        .json();
    assert_eq!(body["code"], "conflict");
    assert_eq!(body["fields"][0]["code"], "booking_too_late");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("för sent") && message.contains("Ring Sven Berg"),
        "{message}"
    );
    let body: Value = app
        .send(request(
            Method::POST,
            &format!("/api/me/bookings/{}/move", booking.id),
            &[
                ("content-type", "application/json"),
                APP_HEADER,
                ("cookie", elsa.cookie.as_str()),
                ("accept-language", "en"),
            ],
            json!({ "starts_at": "2026-11-25T14:00:00+01:00" })
                .to_string()
                .into(),
        ))
        .await
        .assert_status(409)
        .json();
    assert!(
        body["message"].as_str().unwrap().contains("Call Sven Berg"),
        "{body}"
    );
    assert_eq!(booked_count(&app).await, 1, "nothing changed");
}

#[tokio::test]
async fn a_young_person_has_at_most_the_limit_of_active_bookings() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let elsa = app.demo(ELSA).await;
    for at in [TUESDAY_9, WEDNESDAY_9] {
        booked(&app, &elsa, individual(&t, sven_id, at)).await;
    }
    let third = book(&app, &elsa, individual(&t, sven_id, WEDNESDAY_10)).await;
    assert_eq!(third.status, 409);
    assert_eq!(field_code(third.text()), "booking_limit");
}

#[tokio::test]
async fn a_young_person_cannot_be_in_two_places_at_once() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let elsa = app.demo(ELSA).await;
    booked(&app, &elsa, individual(&t, sven_id, TUESDAY_9)).await;
    // The job coach at the same time as Sven.
    let johanna = app.demo(JOHANNA).await;
    weekdays(&app, &johanna).await;
    let coaching = session_type(
        &app,
        &johanna,
        json!({ "name": "Jobbcoachning", "profession": "job_coach", "length_minutes": 30 }),
    )
    .await;
    let johanna_id = app.account_id(JOHANNA).await;
    let overlap = book(&app, &elsa, individual(&coaching, johanna_id, TUESDAY_9))
        .await
        .assert_status(409);
    assert_eq!(field_code(overlap.text()), "booking_youth_overlap");
    // "Anyone" of the profession lists Johanna.
    let free = free_times(&app, &coaching, "", &elsa).await;
    assert_eq!(free.days[0].times[0].staff_name, "Johanna Lind");
}
