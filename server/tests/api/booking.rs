//! Booking sessions: free times, booking under contention (one winner of 200),
//! the last seat of a group session, the cancellation deadline, the waitlist
//! with a hold that passes on (fixed clock), the active-bookings limit,
//! overlapping bookings of one young person, the staff day view (audited),
//! attendance, staff cancellation through the outbox, reminders exactly once,
//! and who sees which booking.
//!
//! The clock stands at noon on Monday 23 November 2026 (CET, UTC+1).

use std::time::Duration;

use axum::body::Body;
use axum::http::Method;
use lotsen_api::ErrorCode;
use lotsen_api::booking::{
    Booking, BookingStatus, FreeTimes, GroupSession, MyBookings, SessionType, StaffBookings,
    WaitlistEntry,
};
use lotsen_server::Settings;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::helpers::{
    ANNA, APP_HEADER, ELSA, KARIM, MARIA, OMAR, SVEN, Session, TestApp, TestResponse, request,
};

const JOHANNA: &str = "johanna.lind@lotsen.example";

/// Tuesday 24 November, 09:00 Swedish time.
const TUESDAY_9: &str = "2026-11-24T09:00:00+01:00";
/// Wednesday 25 November, 09:00 Swedish time.
const WEDNESDAY_9: &str = "2026-11-25T09:00:00+01:00";
/// Wednesday 25 November, 10:00 Swedish time.
const WEDNESDAY_10: &str = "2026-11-25T10:00:00+01:00";

/// The demo people with e-mail going through the outbox.
async fn world() -> TestApp {
    let app = TestApp::with_demo().await;
    let mut settings = Settings::new("http://lotsen.test");
    settings.email_delivery = true;
    app.with_settings(settings)
}

async fn id_of(app: &TestApp, email: &str) -> i64 {
    app.count(&format!("SELECT id FROM accounts WHERE email = '{email}'"))
        .await
}

/// Opening hours for `staff`: Monday to Friday 09:00–16:00.
async fn weekdays(app: &TestApp, staff: &Session) {
    let windows: Vec<Value> = ["monday", "tuesday", "wednesday", "thursday", "friday"]
        .iter()
        .map(|d| json!({ "weekday": d, "start": "09:00", "end": "16:00" }))
        .collect();
    let saved = app
        .put_as(
            "/api/staff/me/opening-hours",
            &json!({ "windows": windows }),
            staff,
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
}

async fn session_type(app: &TestApp, staff: &Session, body: Value) -> SessionType {
    let created = app
        .post_as("/api/booking/session-types", &body, Some(staff))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    created.json()
}

/// Sven's 45-minute study counselling (15 minutes' buffer, 24 h deadline, at most 2).
async fn counselling(app: &TestApp, sven: &Session) -> SessionType {
    weekdays(app, sven).await;
    session_type(
        app,
        sven,
        json!({ "name": "Studievägledning", "profession": "study_counsellor", "length_minutes": 45, "buffer_minutes": 15 }),
    )
    .await
}

async fn book(app: &TestApp, youth: &Session, body: Value) -> TestResponse {
    app.post_as("/api/me/bookings", &body, Some(youth)).await
}

fn individual(t: &SessionType, staff: i64, at: &str) -> Value {
    json!({ "session_type_id": t.id, "staff_id": staff, "starts_at": at })
}

async fn mine(app: &TestApp, youth: &Session) -> MyBookings {
    let response = app.get_as("/api/me/bookings", youth).await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

/// `n` young people with e-mail addresses and signed-in sessions, made directly in
/// the database (hashing 200 passwords would take minutes).
async fn many_youth(app: &TestApp, n: usize) -> Vec<(i64, Session)> {
    let now = app.state.clock.unix_seconds();
    let ids: Vec<i64> = (0..n as i64).map(|i| 50_000 + i).collect();
    let accounts: Vec<String> = ids
        .iter()
        .map(|id| format!("({id}, 'youth', 'Ung {id}', 'ung{id}@example.se', {now})"))
        .collect();
    app.execute(&format!(
        "INSERT INTO accounts (id, role, name, email, created_at) VALUES {}",
        accounts.join(", ")
    ))
    .await
    .unwrap();
    let youth: Vec<String> = ids
        .iter()
        .map(|id| format!("({id}, '2006{id:08}')"))
        .collect();
    app.execute(&format!(
        "INSERT INTO youth (account_id, personnummer) VALUES {}",
        youth.join(", ")
    ))
    .await
    .unwrap();
    let sessions: Vec<String> = ids
        .iter()
        .map(|id| {
            let hash = lotsen_server::auth::token::hash(&format!("token-{id}"));
            format!("('{hash}', {id}, {now}, {now})")
        })
        .collect();
    app.execute(&format!(
        "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) VALUES {}",
        sessions.join(", ")
    ))
    .await
    .unwrap();
    ids.into_iter()
        .map(|id| {
            (
                id,
                Session {
                    cookie: format!("__Host-lotsen_session=token-{id}"),
                },
            )
        })
        .collect()
}

/// The young person joins a waitlist (`body`: the session type, and the staff
/// member or none); it must succeed.
async fn join(app: &TestApp, youth: &Session, body: Value) -> WaitlistEntry {
    let joined = app.post_as("/api/me/waitlist", &body, Some(youth)).await;
    assert_eq!(joined.status, 201, "{}", joined.text());
    joined.json()
}

/// Marks every session used now (after the clock moved past the idle timeout).
async fn keep_signed_in(app: &TestApp) {
    let now = app.state.clock.unix_seconds();
    app.execute(&format!("UPDATE sessions SET last_seen_at = {now}"))
        .await
        .unwrap();
}

/// Sends every body at once, each as its young person; the statuses and bodies.
async fn all_at_once(app: &TestApp, youth: &[(i64, Session)], body: &Value) -> Vec<(u16, String)> {
    let mut tasks = Vec::new();
    for (_, session) in youth {
        let router = app.router.clone();
        let req = request(
            Method::POST,
            "/api/me/bookings",
            &[
                ("content-type", "application/json"),
                APP_HEADER,
                ("cookie", session.cookie.as_str()),
            ],
            body.to_string().into(),
        );
        tasks.push(tokio::spawn(async move {
            let response = router.oneshot(req).await.unwrap();
            let status = response.status().as_u16();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }));
    }
    let mut out = Vec::new();
    for task in tasks {
        out.push(task.await.unwrap());
    }
    out
}

fn field_code(body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap();
    v["fields"][0]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn free_times_follow_the_opening_hours_grouped_by_day() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let elsa = app.demo(ELSA).await;
    let free: FreeTimes = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times?days=2", t.id),
            &elsa,
        )
        .await
        .json();
    assert_eq!(free.session_type.cancel_hours, 24);
    let today: Vec<&str> = free.days[0]
        .times
        .iter()
        .map(|t| t.starts_at.as_str())
        .collect();
    // Two hours' notice from noon: 14:00 and 15:00 are left today.
    assert_eq!(
        today,
        ["2026-11-23T14:00:00+01:00", "2026-11-23T15:00:00+01:00"]
    );
    assert_eq!(free.days[1].date, "2026-11-24");
    assert_eq!(free.days[1].times[0].starts_at, TUESDAY_9);
    assert_eq!(free.days[1].times[0].staff_name, "Sven Berg");
    assert_eq!(free.days[1].times.len(), 7);
    // By profession: the session types a young person chooses among.
    let types: Vec<SessionType> = app
        .get_as(
            "/api/booking/session-types?profession=study_counsellor",
            &elsa,
        )
        .await
        .json();
    assert!(types.iter().any(|x| x.id == t.id));
    assert!(
        types
            .iter()
            .all(|x| x.profession == lotsen_api::account::Profession::StudyCounsellor)
    );
    let coaching: Vec<SessionType> = app
        .get_as("/api/booking/session-types?profession=job_coach", &elsa)
        .await
        .json();
    assert!(coaching.iter().all(|x| x.id != t.id));
    // A booked time (with its buffer) is no longer free.
    let sven_id = id_of(&app, SVEN).await;
    let booked = book(&app, &elsa, individual(&t, sven_id, TUESDAY_9)).await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    let omar = app.demo(OMAR).await;
    let free: FreeTimes = app
        .get_as(
            &format!(
                "/api/booking/session-types/{}/free-times?days=2&staff_id={sven_id}",
                t.id
            ),
            &omar,
        )
        .await
        .json();
    assert_eq!(
        free.days[1].times[0].starts_at, "2026-11-24T10:00:00+01:00",
        "09:00 is taken"
    );
    // A time that is never offered is 422, not 409.
    let odd = book(
        &app,
        &omar,
        individual(&t, sven_id, "2026-11-24T09:10:00+01:00"),
    )
    .await;
    odd.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(field_code(odd.text()), "booking_not_free");
}

#[tokio::test]
async fn the_demo_staff_offer_free_times_and_a_group_session() {
    let app = world().await;
    let omar = app.demo(OMAR).await;
    let types: Vec<SessionType> = app.get_as("/api/booking/session-types", &omar).await.json();
    let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Jobbcoachning",
            "Studie- och yrkesvägledning",
            "Studiebesök på Komvux"
        ]
    );
    for t in &types {
        let free: FreeTimes = app
            .get_as(
                &format!("/api/booking/session-types/{}/free-times", t.id),
                &omar,
            )
            .await
            .json();
        assert!(!free.days.is_empty(), "{}", t.name);
        if t.group {
            assert_eq!(free.days[0].times[0].seats_left, Some(8));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_at_once_for_one_time_give_one_booking_and_199_conflicts() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = id_of(&app, SVEN).await;
    let youth = many_youth(&app, 200).await;
    let results = all_at_once(&app, &youth, &individual(&t, sven_id, TUESDAY_9)).await;
    let created = results.iter().filter(|r| r.0 == 201).count();
    let conflicts: Vec<&(u16, String)> = results.iter().filter(|r| r.0 == 409).collect();
    assert_eq!(created, 1, "{:?}", results.iter().find(|r| r.0 != 409));
    assert_eq!(conflicts.len(), 199);
    for (_, body) in conflicts {
        assert_eq!(field_code(body), "booking_taken", "{body}");
        assert!(body.contains("Någon hann boka tiden före dig"), "{body}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM bookings WHERE status = 'booked'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_at_once_for_the_last_seat_give_one_booking() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = session_type(
        &app,
        &sven,
        json!({ "name": "Studiebesök", "profession": "study_counsellor", "length_minutes": 120, "group": true }),
    )
    .await;
    let created = app
        .post_as(
            "/api/booking/group-sessions",
            &json!({ "session_type_id": t.id, "starts_at": WEDNESDAY_9, "seats": 3, "place": "Komvux" }),
            Some(&sven),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let group: GroupSession = created.json();
    assert_eq!(group.seats_left, 3);
    let youth = many_youth(&app, 202).await;
    let seat = json!({ "session_type_id": t.id, "group_session_id": group.id, "note": "Jag kommer med buss" });
    for (_, session) in &youth[..2] {
        let booked = book(&app, session, seat.clone()).await;
        assert_eq!(booked.status, 201, "{}", booked.text());
    }
    let free: FreeTimes = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times", t.id),
            &youth[0].1,
        )
        .await
        .json();
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
    let sven_id = id_of(&app, SVEN).await;
    let clash = book(
        &app,
        &app.demo(OMAR).await,
        individual(&counselling, sven_id, "2026-11-25T09:45:00+01:00"),
    )
    .await;
    assert_eq!(clash.status, 409, "{}", clash.text());
    assert_eq!(field_code(clash.text()), "booking_taken");
}

#[tokio::test]
async fn cancelling_or_moving_after_the_deadline_is_refused_with_whom_to_call() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = id_of(&app, SVEN).await;
    let elsa = app.demo(ELSA).await;
    let booked = book(
        &app,
        &elsa,
        json!({ "session_type_id": t.id, "staff_id": sven_id, "starts_at": WEDNESDAY_9, "note": "Jag vill prata om komvux" }),
    )
    .await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    let booking: Booking = booked.json();
    assert!(booking.can_change);
    assert_eq!(booking.change_deadline, "2026-11-24T09:00:00+01:00");
    assert_eq!(booking.note.as_deref(), Some("Jag vill prata om komvux"));
    // Moving before the deadline works.
    let moved = app
        .post_as(
            &format!("/api/me/bookings/{}/move", booking.id),
            &json!({ "starts_at": WEDNESDAY_10 }),
            Some(&elsa),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let moved: Booking = moved.json();
    assert_eq!(moved.starts_at, WEDNESDAY_10);
    // Just after Tuesday 10:00: the deadline (24 h before Wednesday 10:00) has passed.
    app.advance(Duration::from_secs(22 * 3600 + 60));
    let elsa = app.demo(ELSA).await;
    let listed = mine(&app, &elsa).await;
    assert!(!listed.upcoming[0].can_change);
    let refused = app
        .post_empty_as(
            &format!("/api/me/bookings/{}/cancel", booking.id),
            Some(&elsa),
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.text());
    let body: Value = refused.json();
    assert_eq!(body["code"], "conflict");
    assert_eq!(body["fields"][0]["code"], "booking_too_late");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("för sent") && message.contains("Ring Sven Berg"),
        "{message}"
    );
    let english = app
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
        .await;
    assert_eq!(english.status, 409, "{}", english.text());
    let body: Value = english.json();
    assert!(
        body["message"].as_str().unwrap().contains("Call Sven Berg"),
        "{body}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM bookings WHERE status = 'booked'")
            .await,
        1,
        "nothing changed"
    );
}

#[tokio::test]
async fn the_waitlist_offers_a_freed_time_to_the_first_in_line_and_passes_it_on() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    // One time only: Tuesday 09:00–10:00, bookable one day ahead, cancellable until 2 h before.
    let saved = app
        .put_as(
            "/api/staff/me/opening-hours",
            &json!({ "windows": [{ "weekday": "tuesday", "start": "09:00", "end": "10:00" }] }),
            &sven,
        )
        .await;
    assert_eq!(saved.status, 200);
    let t = session_type(
        &app,
        &sven,
        json!({ "name": "Kort samtal", "profession": "study_counsellor", "length_minutes": 60, "bookable_days_ahead": 1, "cancel_hours": 2 }),
    )
    .await;
    let sven_id = id_of(&app, SVEN).await;
    let youth = many_youth(&app, 3).await;
    let (a, b, c) = (&youth[0], &youth[1], &youth[2]);
    let booked = book(&app, &a.1, individual(&t, sven_id, TUESDAY_9)).await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    let booking: Booking = booked.json();
    let free_path = format!("/api/booking/session-types/{}/free-times", t.id);
    let free: FreeTimes = app.get_as(&free_path, &b.1).await.json();
    assert!(free.days.is_empty(), "nothing is free");
    for (_, session) in [b, c] {
        join(&app, session, json!({ "session_type_id": t.id })).await;
    }
    let again = app
        .post_as(
            "/api/me/waitlist",
            &json!({ "session_type_id": t.id }),
            Some(&b.1),
        )
        .await;
    assert_eq!(again.status, 409);
    let c_place: Vec<WaitlistEntry> = mine(&app, &c.1).await.waitlist;
    assert_eq!(c_place[0].position, 2);

    // A cancels: B, first in line, is offered the time for two hours.
    let cancelled = app
        .post_empty_as(
            &format!("/api/me/bookings/{}/cancel", booking.id),
            Some(&a.1),
        )
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text());
    let b_view = mine(&app, &b.1).await;
    assert_eq!(b_view.offers.len(), 1);
    let offer = &b_view.offers[0];
    assert_eq!(offer.status, BookingStatus::Offered);
    assert_eq!(offer.starts_at, TUESDAY_9);
    assert_eq!(
        offer.hold_expires_at.as_deref(),
        Some("2026-11-23T14:00:00+01:00")
    );
    assert!(b_view.waitlist.is_empty());
    assert!(mine(&app, &c.1).await.offers.is_empty());
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE account_id = {} AND subject LIKE 'En tid har blivit ledig%'",
            b.0
        ))
        .await,
        1,
        "the offer also goes through the outbox"
    );
    let held: FreeTimes = app.get_as(&free_path, &c.1).await.json();
    assert!(held.days.is_empty(), "the held time is not free for others");

    // B does not answer within two hours: the offer passes to C.
    app.advance(Duration::from_secs(2 * 3600 + 60));
    keep_signed_in(&app).await;
    let c_view = mine(&app, &c.1).await;
    assert_eq!(c_view.offers.len(), 1, "{c_view:?}");
    let late = app
        .post_empty_as(&format!("/api/me/bookings/{}/accept", offer.id), Some(&b.1))
        .await;
    assert_eq!(late.status, 409, "{}", late.text());
    let b_after = mine(&app, &b.1).await;
    assert!(b_after.offers.is_empty());
    assert_eq!(b_after.past[0].status, BookingStatus::Lapsed);
    let accepted = app
        .post_empty_as(
            &format!("/api/me/bookings/{}/accept", c_view.offers[0].id),
            Some(&c.1),
        )
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    let accepted: Booking = accepted.json();
    assert_eq!(accepted.status, BookingStatus::Booked);
    assert_eq!(mine(&app, &c.1).await.upcoming.len(), 1);
}

#[tokio::test]
async fn the_background_task_passes_lapsed_offers_on_with_a_given_time() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = id_of(&app, SVEN).await;
    let youth = many_youth(&app, 3).await;
    let booking: Booking = book(&app, &youth[0].1, individual(&t, sven_id, WEDNESDAY_9))
        .await
        .json();
    for (_, session) in &youth[1..] {
        join(
            &app,
            session,
            json!({ "session_type_id": t.id, "staff_id": sven_id }),
        )
        .await;
    }
    let cancelled = app
        .post_empty_as(
            &format!("/api/me/bookings/{}/cancel", booking.id),
            Some(&youth[0].1),
        )
        .await;
    assert_eq!(cancelled.status, 200);
    let now = app.state.clock.unix_seconds();
    let expire = |at| lotsen_server::booking::expire_holds(&app.state, at);
    assert_eq!(expire(now + 7199).await.unwrap(), 0, "still held");
    assert_eq!(expire(now + 7200).await.unwrap(), 1);
    assert_eq!(expire(now + 7200).await.unwrap(), 0, "once");
    let offered = app
        .count("SELECT youth_id FROM bookings WHERE status = 'offered'")
        .await;
    assert_eq!(offered, youth[2].0);
}

#[tokio::test]
async fn times_that_become_free_otherwise_are_offered_to_the_waitlist_in_order() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let no_hours = app
        .put_as(
            "/api/staff/me/opening-hours",
            &json!({ "windows": [] }),
            &sven,
        )
        .await;
    assert_eq!(no_hours.status, 200, "{}", no_hours.text());
    // Bookable two days ahead: from Monday noon, Tuesday and Wednesday.
    let t = session_type(
        &app,
        &sven,
        json!({ "name": "Kort samtal", "profession": "study_counsellor", "length_minutes": 60, "bookable_days_ahead": 2 }),
    )
    .await;
    let youth = many_youth(&app, 3).await;
    let (a, b, c) = (&youth[0], &youth[1], &youth[2]);
    for (_, session) in [a, b, c] {
        join(&app, session, json!({ "session_type_id": t.id })).await;
    }
    let offers = async |who: &(i64, Session)| -> Vec<String> {
        mine(&app, &who.1)
            .await
            .offers
            .into_iter()
            .map(|o| o.starts_at)
            .collect()
    };
    let offered_messages =
        || app.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'En tid har blivit ledig%'");

    // Wednesday is time off; then Sven opens 09:00–10:00 on Tuesday, Wednesday and
    // Thursday. Tuesday's time goes to A, first in line, at once; Wednesday's is
    // time off and Thursday's beyond the horizon.
    let off = app
        .post_as(
            "/api/staff/me/exceptions",
            &json!({ "starts_at": "2026-11-25T00:00:00+01:00", "ends_at": "2026-11-26T00:00:00+01:00" }),
            Some(&sven),
        )
        .await;
    assert_eq!(off.status, 201, "{}", off.text());
    let off_id = off.json::<Value>()["id"].as_i64().unwrap();
    let hours = app
        .put_as(
            "/api/staff/me/opening-hours",
            &json!({ "windows": [
                { "weekday": "tuesday", "start": "09:00", "end": "10:00" },
                { "weekday": "wednesday", "start": "09:00", "end": "10:00" },
                { "weekday": "thursday", "start": "09:00", "end": "10:00" },
            ] }),
            &sven,
        )
        .await;
    assert_eq!(hours.status, 200, "{}", hours.text());
    assert_eq!(offers(a).await, [TUESDAY_9]);
    assert!(offers(b).await.is_empty());
    assert!(offers(c).await.is_empty());
    assert_eq!(
        offered_messages().await,
        1,
        "the offer also goes through the outbox"
    );

    // The time off is removed: Wednesday's time goes to B, next in line.
    let removed = app
        .send(request(
            Method::DELETE,
            &format!("/api/staff/me/exceptions/{off_id}"),
            &[APP_HEADER, ("cookie", sven.cookie.as_str())],
            Body::empty(),
        ))
        .await;
    assert_eq!(removed.status, 204, "{}", removed.text());
    assert_eq!(offers(b).await, [WEDNESDAY_9]);
    assert!(offers(c).await.is_empty());
    assert_eq!(mine(&app, &c.1).await.waitlist[0].position, 1);
    // Serving again offers nothing twice.
    let serve = || lotsen_server::booking::serve_waitlists(&app.state);
    assert_eq!(serve().await.unwrap(), 0);
    assert_eq!(offered_messages().await, 2);

    // A and B take their times. A day later Thursday is within the horizon: the
    // background task offers it to C.
    for (who, offer) in [(a, TUESDAY_9), (b, WEDNESDAY_9)] {
        let id = mine(&app, &who.1).await.offers[0].id;
        assert_eq!(mine(&app, &who.1).await.offers[0].starts_at, offer);
        let accepted = app
            .post_empty_as(&format!("/api/me/bookings/{id}/accept"), Some(&who.1))
            .await;
        assert_eq!(accepted.status, 200, "{}", accepted.text());
    }
    app.advance(Duration::from_secs(24 * 3600));
    // (Sessions end 12 hours after signing in: C signs in again.)
    let now = app.state.clock.unix_seconds();
    app.execute(&format!(
        "UPDATE sessions SET created_at = {now}, last_seen_at = {now}"
    ))
    .await
    .unwrap();
    assert_eq!(serve().await.unwrap(), 1);
    assert_eq!(offers(c).await, ["2026-11-26T09:00:00+01:00"]);
    assert!(mine(&app, &c.1).await.waitlist.is_empty());
    assert_eq!(serve().await.unwrap(), 0, "nobody waits any more");
}

#[tokio::test]
async fn a_young_person_has_at_most_the_limit_of_active_bookings_and_no_overlaps() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = id_of(&app, SVEN).await;
    let elsa = app.demo(ELSA).await;
    for at in [TUESDAY_9, WEDNESDAY_9] {
        let booked = book(&app, &elsa, individual(&t, sven_id, at)).await;
        assert_eq!(booked.status, 201, "{}", booked.text());
    }
    let third = book(&app, &elsa, individual(&t, sven_id, WEDNESDAY_10)).await;
    assert_eq!(third.status, 409);
    assert_eq!(field_code(third.text()), "booking_limit");
    // The job coach at the same time as Sven: one young person, two places at once.
    let johanna = app.demo(JOHANNA).await;
    weekdays(&app, &johanna).await;
    let coaching = session_type(
        &app,
        &johanna,
        json!({ "name": "Jobbcoachning", "profession": "job_coach", "length_minutes": 30 }),
    )
    .await;
    let johanna_id = id_of(&app, JOHANNA).await;
    let overlap = book(&app, &elsa, individual(&coaching, johanna_id, TUESDAY_9)).await;
    assert_eq!(overlap.status, 409, "{}", overlap.text());
    assert_eq!(field_code(overlap.text()), "booking_youth_overlap");
    // "Anyone" of the profession lists Johanna.
    let free: FreeTimes = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times", coaching.id),
            &elsa,
        )
        .await
        .json();
    assert_eq!(free.days[0].times[0].staff_name, "Johanna Lind");
}

#[tokio::test]
async fn staff_see_their_day_with_names_and_notes_mark_attendance_and_cancel_with_a_message() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = id_of(&app, SVEN).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = id_of(&app, ELSA).await;
    // Sven is not Elsa's contact person: he cannot see her before she books him.
    assert_eq!(
        app.get_as(&format!("/api/youth/{elsa_id}"), &sven)
            .await
            .status,
        404
    );
    let booking: Booking = book(
        &app,
        &elsa,
        json!({ "session_type_id": t.id, "staff_id": sven_id, "starts_at": TUESDAY_9, "note": "Om komvux" }),
    )
    .await
    .json();
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
    // Attendance only once it has started.
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
        .await;
    assert_eq!(marked.status, 200, "{}", marked.text());
    assert_eq!(marked.json::<Booking>().status, BookingStatus::NoShow);

    // Karim books Elsa a later time with Sven; Sven cancels it with a message.
    let karim = app.demo(KARIM).await;
    let by_staff = app
        .post_as(
            "/api/staff/bookings",
            &json!({ "youth_id": elsa_id, "session_type_id": t.id, "staff_id": sven_id, "starts_at": "2026-11-26T13:00:00+01:00" }),
            Some(&karim),
        )
        .await;
    assert_eq!(by_staff.status, 201, "{}", by_staff.text());
    let second: Booking = by_staff.json();
    let empty = app
        .post_as(
            &format!("/api/staff/bookings/{}/cancel", second.id),
            &json!({ "message": " " }),
            Some(&sven),
        )
        .await;
    assert_eq!(empty.status, 422);
    let cancelled = app
        .post_as(
            &format!("/api/staff/bookings/{}/cancel", second.id),
            &json!({ "message": "Jag är sjuk, boka gärna en ny tid." }),
            Some(&sven),
        )
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text());
    let elsa = app.demo(ELSA).await;
    let view = mine(&app, &elsa).await;
    let past = view.past.iter().find(|b| b.id == second.id).unwrap();
    assert!(past.cancelled_by_staff);
    assert_eq!(
        past.cancel_message.as_deref(),
        Some("Jag är sjuk, boka gärna en ny tid.")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE account_id = {elsa_id} AND body LIKE '%Jag är sjuk%'"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn reminders_go_out_the_day_before_exactly_once() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = id_of(&app, SVEN).await;
    let elsa = app.demo(ELSA).await;
    let omar = app.demo(OMAR).await;
    for (youth, at) in [(&elsa, TUESDAY_9), (&omar, WEDNESDAY_9)] {
        let booked = book(&app, youth, individual(&t, sven_id, at)).await;
        assert_eq!(booked.status, 201, "{}", booked.text());
    }
    let now = app.state.clock.timestamp();
    let remind = || lotsen_server::booking::send_reminders(&app.state, now);
    assert_eq!(remind().await.unwrap(), 1, "only Tuesday's is tomorrow");
    assert_eq!(remind().await.unwrap(), 0, "exactly once");
    let elsa_id = id_of(&app, ELSA).await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE account_id = {elsa_id} AND subject LIKE 'Påminnelse%'"
        ))
        .await,
        1
    );
    let night = now + jiff::SignedDuration::from_hours(19);
    assert_eq!(
        lotsen_server::booking::send_reminders(&app.state, night)
            .await
            .unwrap(),
        0,
        "not at 07:00"
    );
    let tomorrow = now + jiff::SignedDuration::from_hours(24);
    assert_eq!(
        lotsen_server::booking::send_reminders(&app.state, tomorrow)
            .await
            .unwrap(),
        1,
        "Wednesday's on Tuesday"
    );
}

#[tokio::test]
async fn bookings_are_seen_only_by_their_young_person_and_their_staff() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = id_of(&app, SVEN).await;
    let elsa = app.demo(ELSA).await;
    let booking: Booking = book(&app, &elsa, individual(&t, sven_id, WEDNESDAY_9))
        .await
        .json();
    let omar = app.demo(OMAR).await;
    assert!(mine(&app, &omar).await.upcoming.is_empty());
    for action in ["cancel", "accept", "decline"] {
        let response = app
            .post_empty_as(
                &format!("/api/me/bookings/{}/{action}", booking.id),
                Some(&omar),
            )
            .await;
        assert_eq!(response.status, 404, "{action}");
    }
    let maria = app.demo(MARIA).await;
    assert_eq!(app.get_as("/api/me/bookings", &maria).await.status, 403);
    assert_eq!(
        app.get_as("/api/booking/session-types", &maria)
            .await
            .status,
        403
    );
    // Staff cannot book for a young person they may not see.
    let johanna = app.demo(JOHANNA).await;
    let elsa_id = id_of(&app, ELSA).await;
    let not_visible = app
        .post_as(
            "/api/staff/bookings",
            &json!({ "youth_id": elsa_id, "session_type_id": t.id, "staff_id": sven_id, "starts_at": WEDNESDAY_10 }),
            Some(&johanna),
        )
        .await;
    assert_eq!(not_visible.status, 404);
    // An administrator may cancel any booking.
    let anna = app.demo(ANNA).await;
    let cancelled = app
        .post_as(
            &format!("/api/staff/bookings/{}/cancel", booking.id),
            &json!({ "message": "Sven är borta." }),
            Some(&anna),
        )
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text());
    // Leaving a waitlist that is not yours is 404.
    let joined: WaitlistEntry = app
        .post_as(
            "/api/me/waitlist",
            &json!({ "session_type_id": t.id }),
            Some(&elsa),
        )
        .await
        .json();
    let leave = |session: &Session| {
        app.send(request(
            Method::DELETE,
            &format!("/api/me/waitlist/{}", joined.id),
            &[APP_HEADER, ("cookie", session.cookie.as_str())],
            Body::empty(),
        ))
    };
    assert_eq!(leave(&omar).await.status, 404);
    assert_eq!(leave(&elsa).await.status, 204);
}

#[tokio::test]
async fn bad_input_is_a_clear_422() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let hours = app
        .put_as(
            "/api/staff/me/opening-hours",
            &json!({ "windows": [
                { "weekday": "monday", "start": "09:00", "end": "12:00" },
                { "weekday": "monday", "start": "11:00", "end": "13:00" },
                { "weekday": "friday", "start": "25:00", "end": "13:00" }
            ] }),
            &sven,
        )
        .await;
    let body = hours.assert_error(ErrorCode::Validation, "sv");
    let fields: Vec<(&str, &str)> = body
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert!(fields.contains(&("windows[1].start", "booking_hours_overlap")));
    assert!(fields.contains(&("windows[2].start", "booking_time_format")));
    let t = counselling(&app, &sven).await;
    let elsa = app.demo(ELSA).await;
    let note = "x".repeat(501);
    let sven_id = id_of(&app, SVEN).await;
    let long = book(
        &app,
        &elsa,
        json!({ "session_type_id": t.id, "staff_id": sven_id, "starts_at": "i morgon", "note": note }),
    )
    .await;
    let body = long.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(body.fields.len(), 2, "{body:?}");
    let off = app
        .post_as(
            "/api/staff/me/exceptions",
            &json!({ "starts_at": "2026-11-24T13:00:00+01:00", "ends_at": "2026-11-24T12:00:00+01:00" }),
            Some(&sven),
        )
        .await;
    off.assert_error(ErrorCode::Validation, "sv");
    // A blocked afternoon removes the afternoon's free times.
    let blocked = app
        .post_as(
            "/api/staff/me/exceptions",
            &json!({ "starts_at": "2026-11-24T12:00:00+01:00", "ends_at": "2026-11-24T17:00:00+01:00", "reason": "Utbildning" }),
            Some(&sven),
        )
        .await;
    assert_eq!(blocked.status, 201, "{}", blocked.text());
    let free: FreeTimes = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times?days=1", t.id),
            &elsa,
        )
        .await
        .json();
    let tuesday: Vec<&str> = free.days[1]
        .times
        .iter()
        .map(|t| &t.starts_at[11..16])
        .collect();
    // 11:00–11:45 and its buffer end at 12:00, when the time off starts.
    assert_eq!(tuesday, ["09:00", "10:00", "11:00"]);
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

#[tokio::test]
async fn opening_hours_stay_on_the_wall_clock_over_the_change_to_summer_time() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    // From noon on 23 November 2026 to Sunday 28 March 2027, the day summer time starts.
    app.advance(Duration::from_secs(125 * 24 * 3600));
    let elsa = app.demo(ELSA).await;
    let free: FreeTimes = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times?days=1", t.id),
            &elsa,
        )
        .await
        .json();
    assert_eq!(free.days[0].date, "2027-03-29");
    assert_eq!(free.days[0].times[0].starts_at, "2027-03-29T09:00:00+02:00");
    assert_eq!(free.days[0].times[0].ends_at, "2027-03-29T09:45:00+02:00");
}

/// Overlapping but different starts are not caught by any unique index: only the
/// lock taken before the overlap check keeps the staff member from being double-booked.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_overlapping_times_booked_at_once_by_staff_give_one_booking() {
    let app = world().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = id_of(&app, SVEN).await;
    let youth = many_youth(&app, 200).await;
    let anna = app.demo(ANNA).await;
    let starts = [
        "2026-11-24T09:00:00+01:00",
        "2026-11-24T09:15:00+01:00",
        "2026-11-24T09:30:00+01:00",
        "2026-11-24T08:45:00+01:00",
    ];
    // Any two of these overlap (45 minutes plus 15 of buffer).
    let mut tasks = Vec::new();
    for (i, (youth_id, _)) in youth.iter().enumerate() {
        let body = json!({ "youth_id": youth_id, "session_type_id": t.id, "staff_id": sven_id, "starts_at": starts[i % starts.len()] });
        let req = request(
            Method::POST,
            "/api/staff/bookings",
            &[
                ("content-type", "application/json"),
                APP_HEADER,
                ("cookie", anna.cookie.as_str()),
            ],
            body.to_string().into(),
        );
        let router = app.router.clone();
        tasks.push(tokio::spawn(async move {
            let response = router.oneshot(req).await.unwrap();
            let status = response.status().as_u16();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }));
    }
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
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
    assert_eq!(
        app.count("SELECT COUNT(*) FROM bookings WHERE status = 'booked'")
            .await,
        1
    );
}
