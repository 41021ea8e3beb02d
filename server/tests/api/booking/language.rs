//! A young person's booking messages (the reminder, a cancellation by staff,
//! an offer from the waitlist) are written in the language they last signed
//! in with; one who never signed in (booked by staff) gets both, Swedish first.

use lotsen_api::account::DevOutboxMessage;
use lotsen_api::booking::Booking;
use serde_json::json;

use super::{
    Counselling, TUESDAY_9, WEDNESDAY_9, act_on, book_for, booked, individual, join, opening_hours,
    session_type, staff_cancel,
};
use crate::helpers::internals::send_reminders;
use crate::helpers::{ELSA, KARIM, OMAR, SVEN, Session, TestApp};

/// Elsa has a time with Sven on Tuesday, of which she is reminded the day
/// before, and one on Wednesday that Sven cancels. She books them herself
/// (`elsa`), or, if she never signed in, Karim books them for her. The
/// messages she gets: the reminder, then the cancellation.
async fn reminder_and_cancellation(
    c: &Counselling,
    elsa: Option<&Session>,
) -> [DevOutboxMessage; 2] {
    let elsa_id = c.app.account_id(ELSA).await;
    let karim = c.app.demo(KARIM).await;
    let mut ids = Vec::new();
    for at in [TUESDAY_9, WEDNESDAY_9] {
        let time = individual(&c.t, c.sven_id, at);
        let booking: Booking = match elsa {
            Some(elsa) => booked(&c.app, elsa, time).await,
            None => book_for(&c.app, &karim, elsa_id, time)
                .await
                .assert_status(201)
                .json(),
        };
        ids.push(booking.id);
    }
    let now = c.app.state.clock.timestamp();
    assert_eq!(send_reminders(&c.app.state, now).await.unwrap(), 1);
    staff_cancel(&c.app, &c.sven, ids[1], "Jag är sjuk.")
        .await
        .assert_status(200);
    let mut mail = c.app.mail_to(ELSA).await;
    assert_eq!(mail.len(), 2, "{mail:?}");
    let cancellation = mail.remove(0);
    [mail.remove(0), cancellation]
}

#[tokio::test]
async fn one_who_signed_in_in_english_is_reminded_and_told_of_a_cancellation_in_english_only() {
    let c = Counselling::new().await;
    let elsa = c.app.demo_in(ELSA, "en").await;
    let [reminder, cancelled] = reminder_and_cancellation(&c, Some(&elsa)).await;
    assert_eq!(reminder.subject, "Reminder: your time tomorrow");
    assert!(
        reminder
            .body
            .starts_with("Hello Elsa! Reminder: tomorrow at 2026-11-24 09:00"),
        "{}",
        reminder.body
    );
    assert_eq!(cancelled.subject, "Your time is cancelled");
    assert_eq!(
        cancelled.body,
        "Hello Elsa! Sven Berg has cancelled your time Studievägledning at 2026-11-25 09:00:\n\nJag är sjuk.\n"
    );
    for message in [&reminder, &cancelled] {
        assert!(!message.body.contains("Hej"), "{}", message.body);
    }
}

#[tokio::test]
async fn one_who_signed_in_in_swedish_is_reminded_and_told_of_a_cancellation_in_swedish_only() {
    let c = Counselling::new().await;
    let elsa = c.app.demo_in(ELSA, "sv-SE,sv;q=0.9,en;q=0.5").await;
    let [reminder, cancelled] = reminder_and_cancellation(&c, Some(&elsa)).await;
    assert_eq!(reminder.subject, "Påminnelse: din tid i morgon");
    assert!(
        reminder
            .body
            .starts_with("Hej Elsa!\n\nPåminnelse: i morgon 2026-11-24 09:00"),
        "{}",
        reminder.body
    );
    assert_eq!(cancelled.subject, "Din tid är avbokad");
    assert_eq!(
        cancelled.body,
        "Hej Elsa!\n\nSven Berg har avbokat din tid Studievägledning 2026-11-25 09:00:\n\nJag är sjuk."
    );
    for message in [&reminder, &cancelled] {
        assert!(!message.body.contains("Hello"), "{}", message.body);
    }
}

#[tokio::test]
async fn one_who_never_signed_in_gets_both_languages_swedish_first() {
    let c = Counselling::new().await;
    let [reminder, cancelled] = reminder_and_cancellation(&c, None).await;
    assert_eq!(
        reminder.subject,
        "Påminnelse: din tid i morgon / Reminder: your time tomorrow"
    );
    assert!(reminder.body.starts_with("Hej Elsa!"), "{}", reminder.body);
    assert!(
        reminder.body.contains("\n\n--\nHello Elsa! Reminder:"),
        "{}",
        reminder.body
    );
    assert_eq!(
        cancelled.subject,
        "Din tid är avbokad / Your time is cancelled"
    );
    assert_eq!(
        cancelled.body,
        "Hej Elsa!\n\nSven Berg har avbokat din tid Studievägledning 2026-11-25 09:00:\n\nJag är sjuk.\
         \n\n--\nHello Elsa! Sven Berg has cancelled your time Studievägledning at 2026-11-25 09:00:\n\nJag är sjuk.\n"
    );
}

#[tokio::test]
async fn an_offer_from_the_waitlist_is_in_english_for_one_who_signed_in_in_english() {
    let app = TestApp::with_demo_and_email().await;
    let sven = app.demo(SVEN).await;
    // One time only: Tuesday 09:00–10:00, bookable one day ahead, cancellable until 2 h before.
    opening_hours(&app, &sven, &[("tuesday", "09:00", "10:00")]).await;
    let t = session_type(
        &app,
        &sven,
        json!({ "name": "Kort samtal", "profession": "study_counsellor", "length_minutes": 60, "bookable_days_ahead": 1, "cancel_hours": 2 }),
    )
    .await;
    let sven_id = app.account_id(SVEN).await;
    let omar = app.demo(OMAR).await;
    let elsa = app.demo_in(ELSA, "en").await;
    let booking = booked(&app, &omar, individual(&t, sven_id, TUESDAY_9)).await;
    join(&app, &elsa, json!({ "session_type_id": t.id })).await;
    act_on(&app, &omar, booking.id, "cancel")
        .await
        .assert_status(200);
    let offer = app.mail_to(ELSA).await.remove(0);
    assert_eq!(offer.subject, "A time is free");
    assert_eq!(
        offer.body,
        "Hello Elsa! A time you are waiting for is free: Kort samtal with Sven Berg at 2026-11-24 09:00. \
         It is yours if you accept it by 2026-11-23 14:00 under My bookings at http://lotsen.test.\n"
    );
}
