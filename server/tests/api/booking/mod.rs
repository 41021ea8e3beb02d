//! Booking sessions, one behaviour per file: free times, booking (and its
//! contention: one winner of 200), the waitlist with a hold that passes on,
//! the staff's day, reminders exactly once, who sees which booking, and the
//! messages in the young person's language.
//!
//! The clock stands at noon on Monday 23 November 2026 (CET, UTC+1); the demo
//! people's e-mail goes through the outbox.

mod access;
mod book;
mod contention;
mod free_times;
mod language;
mod reminders;
mod staff;
mod waitlist;
pub mod window_reads;

use lotsen_api::booking::{Booking, FreeTimes, MyBookings, SessionType, WaitlistEntry};
use serde_json::{Value, json};

use crate::helpers::{SVEN, Session, TestApp, TestResponse};

/// The demo job coach.
pub const JOHANNA: &str = "johanna.lind@lotsen.example";

/// Tuesday 24 November, 09:00 Swedish time.
pub const TUESDAY_9: &str = "2026-11-24T09:00:00+01:00";
/// Wednesday 25 November, 09:00 Swedish time.
pub const WEDNESDAY_9: &str = "2026-11-25T09:00:00+01:00";
/// Wednesday 25 November, 10:00 Swedish time.
pub const WEDNESDAY_10: &str = "2026-11-25T10:00:00+01:00";

/// `staff` sets their weekly opening hours (`windows` of weekday, start and end), which must succeed.
pub async fn opening_hours(app: &TestApp, staff: &Session, windows: &[(&str, &str, &str)]) {
    let windows: Vec<Value> = windows
        .iter()
        .map(|(weekday, start, end)| json!({ "weekday": weekday, "start": start, "end": end }))
        .collect();
    app.put_as(
        "/api/staff/me/opening-hours",
        &json!({ "windows": windows }),
        staff,
    )
    .await
    .assert_status(200);
}

/// Opening hours for `staff`: Monday to Friday 09:00–16:00.
pub async fn weekdays(app: &TestApp, staff: &Session) {
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    let windows: Vec<_> = days.iter().map(|d| (*d, "09:00", "16:00")).collect();
    opening_hours(app, staff, &windows).await;
}

/// `staff` makes a session type (`body` as the API takes it), which must succeed.
pub async fn session_type(app: &TestApp, staff: &Session, body: Value) -> SessionType {
    app.post_as("/api/booking/session-types", &body, Some(staff))
        .await
        .assert_status(201)
        .json()
}

/// Sven's 45-minute study counselling (15 minutes' buffer, 24 h deadline, at most 2),
/// on weekdays 09:00–16:00.
pub async fn counselling(app: &TestApp, sven: &Session) -> SessionType {
    weekdays(app, sven).await;
    session_type(
        app,
        sven,
        json!({ "name": "Studievägledning", "profession": "study_counsellor", "length_minutes": 45, "buffer_minutes": 15 }),
    )
    .await
}

/// The demo with e-mail on and a session type of Sven's: the app, Sven, the session type and Sven's id.
pub struct Counselling {
    pub app: TestApp,
    pub sven: Session,
    pub t: SessionType,
    pub sven_id: i64,
}

/// Sven's one time only: a 60-minute "Kort samtal" on Tuesday 09:00–10:00,
/// bookable one day ahead, cancellable until 2 h before.
pub async fn one_time(app: &TestApp, sven: &Session) -> SessionType {
    opening_hours(app, sven, &[("tuesday", "09:00", "10:00")]).await;
    session_type(
        app,
        sven,
        json!({ "name": "Kort samtal", "profession": "study_counsellor", "length_minutes": 60, "bookable_days_ahead": 1, "cancel_hours": 2 }),
    )
    .await
}

impl Counselling {
    /// With Sven's [`counselling`].
    pub async fn new() -> Self {
        Self::with(counselling).await
    }

    /// With Sven's [`one_time`] instead.
    pub async fn one_time() -> Self {
        Self::with(one_time).await
    }

    async fn with(session_type: impl AsyncFn(&TestApp, &Session) -> SessionType) -> Self {
        let app = TestApp::with_demo_and_email().await;
        let sven = app.demo(SVEN).await;
        let t = session_type(&app, &sven).await;
        let sven_id = app.account_id(SVEN).await;
        Self {
            app,
            sven,
            t,
            sven_id,
        }
    }
}

/// The session types of `profession` (`study_counsellor`, `job_coach`, …), as `session` sees them.
pub async fn session_types(app: &TestApp, session: &Session, profession: &str) -> Vec<SessionType> {
    let path = format!("/api/booking/session-types?profession={profession}");
    app.get_as(&path, session).await.json()
}

/// The young person books (`body`: an individual time or a seat); the response as it is.
pub async fn book(app: &TestApp, youth: &Session, body: Value) -> TestResponse {
    app.post_as("/api/me/bookings", &body, Some(youth)).await
}

/// The young person books, which must succeed.
pub async fn booked(app: &TestApp, youth: &Session, body: Value) -> Booking {
    book(app, youth, body).await.assert_status(201).json()
}

/// An individual time of session type `t` with `staff` at `at`.
pub fn individual(t: &SessionType, staff: i64, at: &str) -> Value {
    json!({ "session_type_id": t.id, "staff_id": staff, "starts_at": at })
}

/// The young person's bookings, offers and waitlist places.
pub async fn mine(app: &TestApp, youth: &Session) -> MyBookings {
    app.get_as("/api/me/bookings", youth)
        .await
        .assert_status(200)
        .json()
}

/// The free times of session type `t` as `who` sees them; `query` adds to the path (`?days=2`, …).
pub async fn free_times(app: &TestApp, t: &SessionType, query: &str, who: &Session) -> FreeTimes {
    app.get_as(
        &format!("/api/booking/session-types/{}/free-times{query}", t.id),
        who,
    )
    .await
    .json()
}

/// `POST /api/me/bookings/{id}/{action}` (cancel, accept, decline) as the young person.
pub async fn act_on(app: &TestApp, youth: &Session, booking: i64, action: &str) -> TestResponse {
    app.post_empty_as(&format!("/api/me/bookings/{booking}/{action}"), Some(youth))
        .await
}

/// The young person joins a waitlist (`body`: the session type, and the staff
/// member or none); it must succeed.
pub async fn join(app: &TestApp, youth: &Session, body: Value) -> WaitlistEntry {
    app.post_as("/api/me/waitlist", &body, Some(youth))
        .await
        .assert_status(201)
        .json()
}

/// `staff` books `youth` a time; the response as it is.
pub async fn book_for(app: &TestApp, staff: &Session, youth: i64, time: Value) -> TestResponse {
    let mut body = time;
    body["youth_id"] = json!(youth);
    app.post_as("/api/staff/bookings", &body, Some(staff)).await
}

/// `staff` cancels a booking with `message`; the response as it is.
pub async fn staff_cancel(
    app: &TestApp,
    staff: &Session,
    booking: i64,
    message: &str,
) -> TestResponse {
    app.post_as(
        &format!("/api/staff/bookings/{booking}/cancel"),
        &json!({ "message": message }),
        Some(staff),
    )
    .await
}

/// How many bookings are booked (not offered, cancelled or past).
pub async fn booked_count(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM bookings WHERE status = 'booked'")
        .await
}
