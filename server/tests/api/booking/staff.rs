//! The staff's side: their day and week with names and notes (each read
//! audited, nobody else's bookings), attendance once a session has started,
//! and booking for a young person and cancelling with a message that reaches
//! them through the outbox.

use std::time::Duration;

use lotsen_api::booking::{Booking, BookingStatus, SessionType, StaffBookings};
use serde_json::json;

use super::{
    Counselling, TUESDAY_9, book_for, booked, counselling, individual, mine, staff_cancel,
};
use crate::helpers::{ELSA, KARIM, SVEN, TestApp};

/// Elsa has booked Sven's counselling on Tuesday at 09:00 with a note.
async fn elsa_booked_sven(app: &TestApp) -> (SessionType, Booking) {
    let sven = app.demo(SVEN).await;
    let t = counselling(app, &sven).await;
    let sven_id = app.account_id(SVEN).await;
    let elsa = app.demo(ELSA).await;
    let mut time = individual(&t, sven_id, TUESDAY_9);
    time["note"] = json!("Om komvux");
    let booking = booked(app, &elsa, time).await;
    (t, booking)
}

#[tokio::test]
async fn staff_see_their_day_and_week_with_names_and_notes_and_each_read_is_audited() {
    let app = TestApp::with_demo_and_email().await;
    let sven = app.demo(SVEN).await;
    let elsa_id = app.account_id(ELSA).await;
    // Sven is not Elsa's contact person: he cannot see her before she books him.
    assert_eq!(
        app.get_status(&format!("/api/youth/{elsa_id}"), &sven)
            .await,
        404
    );
    elsa_booked_sven(&app).await;
    let day: StaffBookings = app
        .get_as("/api/staff/me/bookings?date=2026-11-24", &sven)
        .await
        .json();
    assert_eq!(day.bookings.len(), 1);
    assert_eq!(day.bookings[0].youth_name, "Elsa Nilsson");
    assert_eq!(day.bookings[0].note.as_deref(), Some("Om komvux"));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'list_bookings' AND youth_id = {elsa_id}"
        ))
        .await,
        1
    );
    let week: StaffBookings = app
        .get_as("/api/staff/me/bookings?date=2026-11-23&days=7", &sven)
        .await
        .json();
    assert_eq!(
        (week.from.as_str(), week.to.as_str()),
        ("2026-11-23", "2026-11-29")
    );
    assert_eq!(week.bookings.len(), 1);
    // Other staff's views do not show it; Karim (her contact person) has no bookings of his own.
    let karim = app.demo(KARIM).await;
    let karims: StaffBookings = app
        .get_as("/api/staff/me/bookings?date=2026-11-24", &karim)
        .await
        .json();
    assert!(karims.bookings.is_empty());
}

#[tokio::test]
async fn attendance_is_marked_by_the_booked_staff_member_once_the_session_has_started() {
    let app = TestApp::with_demo_and_email().await;
    let (_, booking) = elsa_booked_sven(&app).await;
    let [sven, karim] = app.demos([SVEN, KARIM]).await;
    let attendance = format!("/api/staff/bookings/{}/attendance", booking.id);
    let early = app
        .post_as(&attendance, &json!({ "attended": true }), Some(&sven))
        .await;
    assert_eq!(early.status, 409);
    let not_his = app
        .post_as(&attendance, &json!({ "attended": true }), Some(&karim))
        .await;
    assert_eq!(not_his.status, 404);
    app.advance(Duration::from_secs(21 * 3600 + 60));
    let sven = app.demo(SVEN).await;
    let marked = app
        .post_as(&attendance, &json!({ "attended": false }), Some(&sven))
        .await
        .assert_status(200);
    assert_eq!(marked.json::<Booking>().status, BookingStatus::NoShow);
}

#[tokio::test]
async fn staff_book_for_a_young_person_and_cancel_with_a_message_that_reaches_them() {
    let Counselling {
        app,
        sven,
        t,
        sven_id,
    } = Counselling::new().await;
    let elsa_id = app.account_id(ELSA).await;
    // Karim books Elsa a time with Sven; Sven cancels it with a message.
    let karim = app.demo(KARIM).await;
    let second: Booking = book_for(
        &app,
        &karim,
        elsa_id,
        individual(&t, sven_id, "2026-11-26T13:00:00+01:00"),
    )
    .await
    .assert_status(201)
    .json();
    let empty = staff_cancel(&app, &sven, second.id, " ").await;
    assert_eq!(empty.status, 422);
    let message = "Jag är sjuk, boka gärna en ny tid.";
    staff_cancel(&app, &sven, second.id, message)
        .await
        .assert_status(200);
    let elsa = app.demo(ELSA).await;
    let view = mine(&app, &elsa).await;
    let past = view.past.iter().find(|b| b.id == second.id).unwrap();
    assert!(past.cancelled_by_staff);
    assert_eq!(past.cancel_message.as_deref(), Some(message));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE account_id = {elsa_id} AND body LIKE '%Jag är sjuk%'"
        ))
        .await,
        1
    );
}
