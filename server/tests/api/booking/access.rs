//! Who sees which booking: a booking is the young person's and their staff's
//! alone, guardians have no booking pages, staff book only for young people
//! they may see, an administrator may cancel any booking; and every booking
//! operation is in the API description under its id.

use lotsen_api::booking::WaitlistEntry;
use serde_json::{Value, json};

use super::{
    Counselling, JOHANNA, WEDNESDAY_9, WEDNESDAY_10, act_on, book_for, booked, individual, mine,
    staff_cancel,
};
use crate::helpers::{ANNA, ELSA, MARIA, OMAR, TestApp, operations};

#[tokio::test]
async fn bookings_are_seen_only_by_their_young_person_and_their_staff() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
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

/// Every booking operation: method, path, operation id.
const OPERATIONS: &str = "
    get    /api/booking/session-types                 list_session_types
    post   /api/booking/session-types                 create_session_type
    put    /api/booking/session-types/{id}            update_session_type
    get    /api/booking/session-types/{id}/free-times list_free_times
    get    /api/booking/staff                         list_bookable_staff
    get    /api/staff/me/opening-hours                get_my_opening_hours
    put    /api/staff/me/opening-hours                set_my_opening_hours
    get    /api/staff/me/exceptions                   list_my_exceptions
    post   /api/staff/me/exceptions                   create_exception
    delete /api/staff/me/exceptions/{id}              delete_exception
    post   /api/booking/group-sessions                create_group_session
    get    /api/me/bookings                           list_my_bookings
    post   /api/me/bookings                           create_booking
    post   /api/me/bookings/{id}/cancel               cancel_my_booking
    post   /api/me/bookings/{id}/move                 move_my_booking
    post   /api/me/bookings/{id}/accept               accept_offer
    post   /api/me/bookings/{id}/decline              decline_offer
    post   /api/me/waitlist                           join_waitlist
    delete /api/me/waitlist/{id}                      leave_waitlist
    get    /api/staff/me/bookings                     list_staff_bookings
    post   /api/staff/bookings                        book_for_youth
    post   /api/staff/bookings/{id}/attendance        mark_attendance
    post   /api/staff/bookings/{id}/cancel            staff_cancel_booking
";

#[tokio::test]
async fn booking_operations_have_their_ids() {
    let raw: Value = TestApp::new().await.get("/api/openapi.json").await.json();
    for (method, path, id) in operations(OPERATIONS) {
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
