//! A young person who chose SMS gets their booking confirmation, the
//! reminder, a waitlist offer (with the hold's end) and a password reset at
//! the fake SMS centre: the right number, the right text, in their language.

use serde_json::json;

use super::{Gateway, demo_preferring_sms, prefers_sms, send, unique_number, with_sms};
use crate::booking::{Counselling, TUESDAY_9, act_on, booked, individual, join};
use crate::helpers::internals::send_reminders;
use crate::helpers::{ELSA, OMAR};
use crate::recovery::{ask_reset, complete};

#[tokio::test]
async fn a_booking_confirmation_and_its_reminder_arrive_by_sms_in_the_young_persons_language() {
    let Some(gateway) = Gateway::from_env("booking reminder by SMS") else {
        return;
    };
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let app = with_sms(app);
    let number = unique_number();
    prefers_sms(&app, ELSA, &number).await;
    let elsa = app.demo_in(ELSA, "en").await;
    booked(&app, &elsa, individual(&t, sven_id, TUESDAY_9)).await;
    let now = app.state.clock.timestamp();
    assert_eq!(send_reminders(&app.state, now).await.unwrap(), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE channel = 'email'")
            .await,
        0,
        "nothing by e-mail: she chose SMS"
    );

    let sender = gateway.sender("http://lotsen.test");
    let sent = send(&app, &sender).await;
    assert_eq!(sent, 2);
    let received = gateway.wait_for(&number, 2).await;
    assert_eq!(
        received,
        [
            "Hello Elsa! Your time at 2026-11-24 09:00 is booked. You find it under My bookings: http://lotsen.test",
            "Hello Elsa! Reminder: you have a time tomorrow at 2026-11-24 09:00. Cannot come? \
             Cancel under My bookings: http://lotsen.test",
        ]
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND sent_at IS NOT NULL")
            .await,
        2
    );
}

#[tokio::test]
async fn a_waitlist_offer_arrives_by_sms_with_the_end_of_its_hold() {
    let Some(gateway) = Gateway::from_env("waitlist offer by SMS") else {
        return;
    };
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::one_time().await;
    let app = with_sms(app);
    let youth = app.young_people(51_000, 2).await;
    let (a, b) = (&youth[0], &youth[1]);
    let number = unique_number();
    prefers_sms(&app, "ung51001@example.se", &number).await;
    let booking = booked(&app, &a.1, individual(&t, sven_id, TUESDAY_9)).await;
    join(&app, &b.1, json!({ "session_type_id": t.id })).await;
    act_on(&app, &a.1, booking.id, "cancel")
        .await
        .assert_status(200);

    let sender = gateway.sender("http://lotsen.test");
    send(&app, &sender).await;
    // B never signed in: Swedish. The hold ends two hours after the offer.
    assert_eq!(
        gateway.wait_for(&number, 1).await,
        [
            "Hej Ung! En tid du väntar på har blivit ledig: 2026-11-24 09:00. Den är din om du \
          tackar ja senast 2026-11-23 14:00 under Mina bokningar: http://lotsen.test"
        ]
    );
}

#[tokio::test]
async fn a_password_reset_link_arrives_by_sms_and_works() {
    let Some((gateway, app, number)) = demo_preferring_sms("password reset by SMS", OMAR).await
    else {
        return;
    };
    ask_reset(&app, OMAR).await.assert_status(202);
    // The request's work is done after it answers.
    for _ in 0..200 {
        if app
            .count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms'")
            .await
            == 1
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let sender = gateway.sender("http://lotsen.test");
    assert_eq!(send(&app, &sender).await, 1);
    let received = gateway.wait_for(&number, 1).await;
    let text = &received[0];
    let (before, rest) = text
        .split_once("http://lotsen.test/password-reset#")
        .unwrap_or_else(|| panic!("no link: {text}"));
    let (token, after) = rest.split_once(' ').unwrap();
    assert_eq!(before, "Lotsen: öppna länken och välj ett nytt lösenord: ");
    assert_eq!(
        after,
        "Den gäller i 30 minuter. Bad du inte om det? Strunta i sms:et."
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE body LIKE '%{token}%'"
        ))
        .await,
        0,
        "the sent copy keeps no link"
    );
    complete(&app, token, "ett nytt långt lösenord")
        .await
        .assert_status(204);
    app.sign_in(OMAR, "ett nytt långt lösenord")
        .await
        .assert_status(200);
}
