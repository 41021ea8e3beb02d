//! Who sees which booking: a booking is the young person's and their staff's
//! alone, guardians have no booking pages, staff book only for young people
//! they may see, an administrator may cancel any booking; and every booking
//! operation is in the API description under its id.

use lotsen_api::booking::WaitlistEntry;
use serde_json::{Value, json};

use super::{
    JOHANNA, WEDNESDAY_9, WEDNESDAY_10, act_on, book_for, booked, counselling, individual, mine,
    staff_cancel,
};
use crate::helpers::{ANNA, ELSA, MARIA, OMAR, SVEN, TestApp};

#[tokio::test]
async fn bookings_are_seen_only_by_their_young_person_and_their_staff() {
    let app = TestApp::with_demo_and_email().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = app.account_id(SVEN).await;
    let elsa = app.demo(ELSA).await;
    let booking = booked(&app, &elsa, individual(&t, sven_id, WEDNESDAY_9)).await;
    let omar = app.demo(OMAR).await;
    assert!(mine(&app, &omar).await.upcoming.is_empty());
    for action in ["cancel", "accept", "decline"] {
        let response = act_on(&app, &omar, booking.id, action).await;
        assert_eq!(response.status, 404, "{action}");
    }
    let maria = app.demo(MARIA).await;
    assert_eq!(app.get_status("/api/me/bookings", &maria).await, 403);
    assert_eq!(
        app.get_status("/api/booking/session-types", &maria).await,
        403
    );
    // Staff cannot book for a young person they may not see.
    let johanna = app.demo(JOHANNA).await;
    let elsa_id = app.account_id(ELSA).await;
    let not_visible = book_for(
        &app,
        &johanna,
        elsa_id,
        individual(&t, sven_id, WEDNESDAY_10),
    )
    .await;
    assert_eq!(not_visible.status, 404);
    // An administrator may cancel any booking.
    let anna = app.demo(ANNA).await;
    staff_cancel(&app, &anna, booking.id, "Sven är borta.")
        .await
        .assert_status(200);
    // Leaving a waitlist that is not yours is 404.
    let joined: WaitlistEntry = app
        .post_as(
            "/api/me/waitlist",
            &json!({ "session_type_id": t.id }),
            Some(&elsa),
        )
        .await
        .json();
    let leave = format!("/api/me/waitlist/{}", joined.id);
    assert_eq!(app.delete_as(&leave, &omar).await.status, 404);
    assert_eq!(app.delete_as(&leave, &elsa).await.status, 204);
}

#[tokio::test]
async fn booking_operations_have_their_ids() {
    let raw: Value = TestApp::new().await.get("/api/openapi.json").await.json();
    let cases = [
        ("/api/booking/session-types", "get", "list_session_types"),
        ("/api/booking/session-types", "post", "create_session_type"),
        (
            "/api/booking/session-types/{id}",
            "put",
            "update_session_type",
        ),
        (
            "/api/booking/session-types/{id}/free-times",
            "get",
            "list_free_times",
        ),
        ("/api/booking/staff", "get", "list_bookable_staff"),
        ("/api/staff/me/opening-hours", "get", "get_my_opening_hours"),
        ("/api/staff/me/opening-hours", "put", "set_my_opening_hours"),
        ("/api/staff/me/exceptions", "get", "list_my_exceptions"),
        ("/api/staff/me/exceptions", "post", "create_exception"),
        (
            "/api/staff/me/exceptions/{id}",
            "delete",
            "delete_exception",
        ),
        (
            "/api/booking/group-sessions",
            "post",
            "create_group_session",
        ),
        ("/api/me/bookings", "get", "list_my_bookings"),
        ("/api/me/bookings", "post", "create_booking"),
        ("/api/me/bookings/{id}/cancel", "post", "cancel_my_booking"),
        ("/api/me/bookings/{id}/move", "post", "move_my_booking"),
        ("/api/me/bookings/{id}/accept", "post", "accept_offer"),
        ("/api/me/bookings/{id}/decline", "post", "decline_offer"),
        ("/api/me/waitlist", "post", "join_waitlist"),
        ("/api/me/waitlist/{id}", "delete", "leave_waitlist"),
        ("/api/staff/me/bookings", "get", "list_staff_bookings"),
        ("/api/staff/bookings", "post", "book_for_youth"),
        (
            "/api/staff/bookings/{id}/attendance",
            "post",
            "mark_attendance",
        ),
        (
            "/api/staff/bookings/{id}/cancel",
            "post",
            "staff_cancel_booking",
        ),
    ];
    for (path, method, id) in cases {
        assert_eq!(
            raw["paths"][path][method]["operationId"], id,
            "{method} {path}"
        );
    }
    for schema in [
        "Booking",
        "MyBookings",
        "FreeTimes",
        "SessionType",
        "WeeklyHours",
    ] {
        assert!(
            raw["components"]["schemas"].get(schema).is_some(),
            "{schema}"
        );
    }
}
