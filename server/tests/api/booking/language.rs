//! A young person's booking messages (the reminder, a cancellation by staff,
//! an offer from the waitlist) are written in the language they last signed
//! in with; one who never signed in (booked by staff) gets both, Swedish first.

use lotsen_api::account::DevOutboxMessage;
use lotsen_api::booking::Booking;
use serde_json::json;

use super::{
    Counselling, TUESDAY_9, WEDNESDAY_9, act_on, book_for, booked, individual, join, staff_cancel,
};
use crate::helpers::internals::send_reminders;
use crate::helpers::{ELSA, KARIM, OMAR, Session};

/// Elsa has a time with Sven on Tuesday, of which she is reminded the day
/// before, and one on Wednesday that Sven cancels. She books them herself
/// (`elsa`), or, if she never signed in, Karim books them for her. The
/// messages she gets: a confirmation of each booking, the reminder, then the
/// cancellation.
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
    assert_eq!(mail.len(), 4, "{mail:?}");
    let confirmations = mail.split_off(2);
    for confirmation in confirmations {
        assert!(
            ["Din tid är bokad", "Your time is booked"]
                .iter()
                .any(|s| confirmation.subject.contains(s)),
            "{confirmation:?}"
        );
    }
    let cancellation = mail.remove(0);
    [mail.remove(0), cancellation]
}

/// What Elsa gets after signing in with `accept_language`: the reminder
/// (`subject`, the start of its body), the cancellation (`subject`, body),
/// and nothing of the other language (`greeting`).
struct OneLanguage {
    accept_language: &'static str,
    reminder: [&'static str; 2],
    cancelled: [&'static str; 2],
    other_greeting: &'static str,
}

async fn assert_in_one_language(expected: OneLanguage) {
    let c = Counselling::new().await;
    let elsa = c.app.demo_in(ELSA, expected.accept_language).await;
    let [reminder, cancelled] = reminder_and_cancellation(&c, Some(&elsa)).await;
    assert_eq!(reminder.subject, expected.reminder[0]);
    assert!(
        reminder.body.starts_with(expected.reminder[1]),
        "{}",
        reminder.body
    );
    assert_eq!(
        [cancelled.subject, cancelled.body.clone()],
        expected.cancelled
    );
    for body in [&reminder.body, &cancelled.body] {
        assert!(!body.contains(expected.other_greeting), "{body}");
    }
}

#[tokio::test]
async fn one_who_signed_in_in_english_is_reminded_and_told_of_a_cancellation_in_english_only() {
    assert_in_one_language(OneLanguage {
        accept_language: "en",
        reminder: [
            "Reminder: your time tomorrow",
            "Hello Elsa! Reminder: tomorrow at 2026-11-24 09:00",
        ],
        cancelled: [
            "Your time is cancelled",
            "Hello Elsa! Sven Berg has cancelled your time Studievägledning at 2026-11-25 09:00:\n\nJag är sjuk.\n",
        ],
        other_greeting: "Hej",
    })
    .await;
}

#[tokio::test]
async fn one_who_signed_in_in_swedish_is_reminded_and_told_of_a_cancellation_in_swedish_only() {
    assert_in_one_language(OneLanguage {
        accept_language: "sv-SE,sv;q=0.9,en;q=0.5",
        reminder: [
            "Påminnelse: din tid i morgon",
            "Hej Elsa!\n\nPåminnelse: i morgon 2026-11-24 09:00",
        ],
        cancelled: [
            "Din tid är avbokad",
            "Hej Elsa!\n\nSven Berg har avbokat din tid Studievägledning 2026-11-25 09:00:\n\nJag är sjuk.",
        ],
        other_greeting: "Hello",
    })
    .await;
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
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::one_time().await;
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
