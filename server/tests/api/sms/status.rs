//! The booked staff member sees where a booking's reminder and a waitlist
//! offer are (queued, sent, delivered, failed) with the booking, through a
//! gateway that takes every message and the delivery reports it would send.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::Query;
use axum::http::StatusCode;
use lotsen_api::account::MessageChannel;
use lotsen_api::booking::{BookingMessage, BookingMessageKind, StaffBookings};
use lotsen_api::register::contacts::SmsState;
use serde_json::json;

use super::{prefers_sms, send, unique_number, with_sms};
use crate::booking::{Counselling, TUESDAY_9, act_on, booked, individual, join};
use crate::helpers::internals::{SmsSender, send_reminders};
use crate::helpers::{Session, TestApp};

/// The public URL the delivery reports are addressed to.
const PUBLIC_URL: &str = "http://lotsen.test";

/// A gateway that takes every message, keeping the delivery-report URL each
/// came with; a sender through it.
async fn accepting_gateway() -> (SmsSender, Arc<Mutex<Vec<String>>>) {
    let reports = Arc::new(Mutex::new(Vec::new()));
    let kept = reports.clone();
    let take = move |Query(q): Query<HashMap<String, String>>| {
        kept.lock()
            .unwrap()
            .push(q.get("dlr-url").cloned().unwrap_or_default());
        async { (StatusCode::ACCEPTED, "0: Accepted for delivery") }
    };
    let router = axum::Router::new().route("/cgi-bin/sendsms", axum::routing::get(take));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let url = format!("http://127.0.0.1:{port}/cgi-bin/sendsms?username=lotsen&password=secret");
    (SmsSender::new(&url, "Lotsen", PUBLIC_URL).unwrap(), reports)
}

/// `c` with e-mail and SMS delivery on.
fn by_sms(c: Counselling) -> Counselling {
    Counselling {
        app: with_sms(c.app),
        ..c
    }
}

/// Delivers the gateway's report `status` (1 delivered, 2 failed) for the
/// message whose report URL is `url`.
async fn report(app: &TestApp, url: &str, status: u8) {
    let path = url
        .strip_prefix(PUBLIC_URL)
        .unwrap()
        .replace("%d", &status.to_string());
    assert_eq!(app.get(&path).await.status, 204, "{path}");
}

/// The message shown with the staff member's only booking on Tuesday 24 November.
async fn shown(app: &TestApp, staff: &Session) -> Option<BookingMessage> {
    let day: StaffBookings = app
        .get_as("/api/staff/me/bookings?date=2026-11-24", staff)
        .await
        .json();
    assert_eq!(day.bookings.len(), 1, "{day:?}");
    day.bookings[0].message.clone()
}

/// The state of `message`, checking its kind and channel.
fn state(message: Option<BookingMessage>, kind: BookingMessageKind) -> SmsState {
    let message = message.expect("a message shown with the booking");
    assert_eq!((message.kind, message.channel), (kind, MessageChannel::Sms));
    assert!(message.at.starts_with("2026-11-"), "{message:?}");
    message.state
}

#[tokio::test]
async fn staff_see_the_reminder_queued_then_sent_then_delivered() {
    let c = by_sms(Counselling::new().await);
    let (app, sven) = (&c.app, &c.sven);
    prefers_sms(app, crate::helpers::ELSA, &unique_number()).await;
    let elsa = app.demo(crate::helpers::ELSA).await;
    booked(app, &elsa, individual(&c.t, c.sven_id, TUESDAY_9)).await;
    // The confirmation is not a reminder: nothing shown yet.
    assert_eq!(shown(app, sven).await, None);

    let now = app.state.clock.timestamp();
    assert_eq!(send_reminders(&app.state, now).await.unwrap(), 1);
    let reminder = BookingMessageKind::Reminder;
    assert_eq!(state(shown(app, sven).await, reminder), SmsState::Waiting);

    let (sender, reports) = accepting_gateway().await;
    assert_eq!(
        send(app, &sender).await,
        2,
        "the confirmation and the reminder"
    );
    assert_eq!(state(shown(app, sven).await, reminder), SmsState::Sent);
    let url = reports.lock().unwrap().last().cloned().unwrap();
    report(app, &url, 1).await;
    assert_eq!(state(shown(app, sven).await, reminder), SmsState::Delivered);
    // No text, no number: only the kind, the channel, the state and when.
    let raw: serde_json::Value = app
        .get_as("/api/staff/me/bookings?date=2026-11-24", sven)
        .await
        .json();
    let message = &raw["bookings"][0]["message"];
    assert_eq!(
        message.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["at", "channel", "kind", "state"]
    );
    // The young person's own view does not carry it.
    let mine: serde_json::Value = app.get_as("/api/me/bookings", &elsa).await.json();
    assert!(mine["upcoming"][0].get("message").is_none(), "{mine}");
}

#[tokio::test]
async fn staff_see_a_waitlist_offer_queued_then_sent_then_failed() {
    let c = by_sms(Counselling::one_time().await);
    let (app, sven) = (&c.app, &c.sven);
    let youth = app.young_people(52_000, 2).await;
    let (a, b) = (&youth[0], &youth[1]);
    prefers_sms(app, "ung52001@example.se", &unique_number()).await;
    let booking = booked(app, &a.1, individual(&c.t, c.sven_id, TUESDAY_9)).await;
    join(app, &b.1, json!({ "session_type_id": c.t.id })).await;
    act_on(app, &a.1, booking.id, "cancel")
        .await
        .assert_status(200);
    let offer = BookingMessageKind::Offer;
    assert_eq!(state(shown(app, sven).await, offer), SmsState::Waiting);

    let (sender, reports) = accepting_gateway().await;
    assert_eq!(send(app, &sender).await, 1);
    assert_eq!(state(shown(app, sven).await, offer), SmsState::Sent);
    let url = reports.lock().unwrap().last().cloned().unwrap();
    report(app, &url, 2).await;
    assert_eq!(state(shown(app, sven).await, offer), SmsState::Failed);
}
