//! The waitlist: a freed time is offered to the first in line with a hold of
//! two hours that passes on (by a request or the background task), and times
//! that become free otherwise (opening hours, time off removed, the horizon
//! moving) are offered in order, each once.

use std::time::Duration;

use lotsen_api::booking::{Booking, BookingStatus, WaitlistEntry};
use serde_json::json;

use super::{
    Counselling, TUESDAY_9, WEDNESDAY_9, act_on, booked, free_times, individual, join, mine,
    opening_hours, session_type,
};
use crate::helpers::internals::{expire_holds, serve_waitlists};
use crate::helpers::{SVEN, Session, TestApp};

/// The subject with which an offer goes out.
const OFFERED: &str = "En tid har blivit ledig";

#[tokio::test]
async fn the_waitlist_offers_a_freed_time_to_the_first_in_line_and_passes_it_on() {
    // One time only: Tuesday 09:00–10:00, bookable one day ahead, cancellable until 2 h before.
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::one_time().await;
    let youth = app.young_people(50_000, 3).await;
    let (a, b, c) = (&youth[0], &youth[1], &youth[2]);
    let booking = booked(&app, &a.1, individual(&t, sven_id, TUESDAY_9)).await;
    let free = free_times(&app, &t, "", &b.1).await;
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
    act_on(&app, &a.1, booking.id, "cancel")
        .await
        .assert_status(200);
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
        app.outbox_count(b.0, OFFERED).await,
        1,
        "the offer also goes through the outbox"
    );
    let held = free_times(&app, &t, "", &c.1).await;
    assert!(held.days.is_empty(), "the held time is not free for others");

    // B does not answer within two hours: the offer passes to C.
    app.advance_signed_in(Duration::from_secs(2 * 3600 + 60))
        .await;
    let c_view = mine(&app, &c.1).await;
    assert_eq!(c_view.offers.len(), 1, "{c_view:?}");
    act_on(&app, &b.1, offer.id, "accept")
        .await
        .assert_status(409);
    let b_after = mine(&app, &b.1).await;
    assert!(b_after.offers.is_empty());
    assert_eq!(b_after.past[0].status, BookingStatus::Lapsed);
    let accepted: Booking = act_on(&app, &c.1, c_view.offers[0].id, "accept")
        .await
        .assert_status(200)
        .json();
    assert_eq!(accepted.status, BookingStatus::Booked);
    assert_eq!(mine(&app, &c.1).await.upcoming.len(), 1);
}

#[tokio::test]
async fn the_background_task_passes_lapsed_offers_on_with_a_given_time() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let youth = app.young_people(50_000, 3).await;
    let booking = booked(&app, &youth[0].1, individual(&t, sven_id, WEDNESDAY_9)).await;
    for (_, session) in &youth[1..] {
        join(
            &app,
            session,
            json!({ "session_type_id": t.id, "staff_id": sven_id }),
        )
        .await;
    }
    act_on(&app, &youth[0].1, booking.id, "cancel")
        .await
        .assert_status(200);
    let now = app.state.clock.unix_seconds();
    let expire = |at| expire_holds(&app.state, at);
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
    let app = TestApp::with_demo_and_email().await;
    let sven = app.demo(SVEN).await;
    opening_hours(&app, &sven, &[]).await;
    // Bookable two days ahead: from Monday noon, Tuesday and Wednesday.
    let t = session_type(
        &app,
        &sven,
        json!({ "name": "Kort samtal", "profession": "study_counsellor", "length_minutes": 60, "bookable_days_ahead": 2 }),
    )
    .await;
    let youth = app.young_people(50_000, 3).await;
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
    let offered_sql = format!("SELECT COUNT(*) FROM outbox WHERE subject LIKE '{OFFERED}%'");
    let offered_messages = || app.count(&offered_sql);

    // Wednesday is time off; then Sven opens 09:00–10:00 on Tuesday, Wednesday and
    // Thursday. Tuesday's time goes to A, first in line, at once; Wednesday's is
    // time off and Thursday's beyond the horizon.
    let off = app
        .post_as(
            "/api/staff/me/exceptions",
            &json!({ "starts_at": "2026-11-25T00:00:00+01:00", "ends_at": "2026-11-26T00:00:00+01:00" }),
            Some(&sven),
        )
        .await
        .assert_status(201);
    let off_id = off.json::<serde_json::Value>()["id"].as_i64().unwrap();
    let nine_to_ten = ["tuesday", "wednesday", "thursday"].map(|d| (d, "09:00", "10:00"));
    opening_hours(&app, &sven, &nine_to_ten).await;
    assert_eq!(offers(a).await, [TUESDAY_9]);
    assert!(offers(b).await.is_empty());
    assert!(offers(c).await.is_empty());
    assert_eq!(
        offered_messages().await,
        1,
        "the offer also goes through the outbox"
    );

    // The time off is removed: Wednesday's time goes to B, next in line.
    app.delete_as(&format!("/api/staff/me/exceptions/{off_id}"), &sven)
        .await
        .assert_status(204);
    assert_eq!(offers(b).await, [WEDNESDAY_9]);
    assert!(offers(c).await.is_empty());
    assert_eq!(mine(&app, &c.1).await.waitlist[0].position, 1);
    // Serving again offers nothing twice.
    let serve = || serve_waitlists(&app.state);
    assert_eq!(serve().await.unwrap(), 0);
    assert_eq!(offered_messages().await, 2);

    // A and B take their times. A day later Thursday is within the horizon: the
    // background task offers it to C.
    for (who, offer) in [(a, TUESDAY_9), (b, WEDNESDAY_9)] {
        let id = mine(&app, &who.1).await.offers[0].id;
        assert_eq!(mine(&app, &who.1).await.offers[0].starts_at, offer);
        act_on(&app, &who.1, id, "accept").await.assert_status(200);
    }
    app.advance(Duration::from_secs(24 * 3600));
    // (Sessions end 12 hours after signing in: C signs in again.)
    app.keep_signed_in().await;
    assert_eq!(serve().await.unwrap(), 1);
    assert_eq!(offers(c).await, ["2026-11-26T09:00:00+01:00"]);
    assert!(mine(&app, &c.1).await.waitlist.is_empty());
    assert_eq!(serve().await.unwrap(), 0, "nobody waits any more");
}
