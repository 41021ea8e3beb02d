//! A person changes their phone number on My page: a code goes by SMS to the
//! new number, and the number is used only once the code is entered (the old
//! one until then); codes expire, take five guesses, and three an hour.

use std::time::Duration;

use lotsen_api::phone::PhoneSetting;
use lotsen_api::{ErrorBody, ErrorCode};
use serde_json::json;

use super::{Gateway, prefers_sms, send, unique_number, with_sms};
use crate::helpers::{
    DEMO_PASSWORD, ELSA, MARIA, SVEN, Session, TestApp, TestResponse, field_codes,
};
use crate::recovery::ask_reset;

const PATH: &str = "/api/me/phone";
const CONFIRM: &str = "/api/me/phone/confirm";

/// The code in the newest message to `number` in the outbox.
async fn code_sent_to(app: &TestApp, number: &str) -> String {
    let bodies = app
        .texts(&format!(
            "SELECT body FROM outbox WHERE to_address = '{number}' AND channel = 'sms' ORDER BY id DESC"
        ))
        .await;
    let body = bodies.first().expect("a code was sent");
    code_in(body)
}

fn code_in(text: &str) -> String {
    let at = text.find(|c: char| c.is_ascii_digit()).expect("a code");
    text[at..at + 6].to_owned()
}

async fn ask(app: &TestApp, who: &Session, number: &str) -> TestResponse {
    app.post_as(PATH, &json!({ "phone": number }), Some(who))
        .await
}

async fn enter(app: &TestApp, who: &Session, code: &str) -> TestResponse {
    app.post_as(CONFIRM, &json!({ "code": code }), Some(who))
        .await
}

fn wrong(code: &str) -> String {
    let first = if code.starts_with('9') { '0' } else { '9' };
    format!("{first}{}", &code[1..])
}

#[tokio::test]
async fn a_new_number_gets_a_code_by_sms_and_is_used_only_once_it_is_entered() {
    let Some(gateway) = Gateway::from_env("verifying a new phone number") else {
        return;
    };
    let app = with_sms(TestApp::with_demo().await);
    let (old, new) = (unique_number(), unique_number());
    prefers_sms(&app, ELSA, &old).await;
    let elsa = app.demo_in(ELSA, "en").await;

    let asked: PhoneSetting = ask(&app, &elsa, &new).await.assert_status(202).json();
    assert_eq!(asked.phone.as_deref(), Some(old.as_str()));
    assert_eq!(asked.pending.as_ref().unwrap().phone, new);
    assert_eq!(app.get_as(PATH, &elsa).await.json::<PhoneSetting>(), asked);

    let sender = gateway.sender("http://lotsen.test");
    assert_eq!(send(&app, &sender).await, 1);
    let received = gateway.wait_for(&new, 1).await;
    let code = code_in(&received[0]);
    assert_eq!(
        received[0],
        format!(
            "Lotsen: your code is {code}. It works for 15 minutes. Did you not ask for it? Ignore this text."
        )
    );

    // Until the code is entered, the old number is hers: a reset goes there.
    ask_reset(&app, ELSA).await.assert_status(202);
    let reset_to_old = format!(
        "SELECT COUNT(*) FROM outbox WHERE to_address = '{old}' AND body LIKE '%/password-reset#%'"
    );
    for _ in 0..200 {
        if app.count(&reset_to_old).await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(app.count(&reset_to_old).await, 1);
    send(&app, &sender).await;
    assert_eq!(gateway.wait_for(&old, 1).await.len(), 1);

    let refused = enter(&app, &elsa, &wrong(&code)).await;
    let error = refused.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(field_codes(&error), [("code", "code_wrong")]);
    assert_eq!(
        app.get_as(PATH, &elsa)
            .await
            .json::<PhoneSetting>()
            .phone
            .as_deref(),
        Some(old.as_str())
    );

    let done: PhoneSetting = enter(&app, &elsa, &code).await.assert_status(200).json();
    assert_eq!(
        done,
        PhoneSetting {
            phone: Some(new.clone()),
            pending: None
        }
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE body LIKE '%{code}%'"
        ))
        .await,
        0,
        "the sent text keeps no code once it is used"
    );
    // She signs in with the new number, no longer with the old one.
    app.sign_in(&new, DEMO_PASSWORD).await.assert_status(200);
    app.sign_in(&old, DEMO_PASSWORD).await.assert_status(401);

    // A reset now goes to the new number.
    ask_reset(&app, ELSA).await.assert_status(202);
    let reset_to_new = reset_to_old.replace(&old, &new);
    for _ in 0..200 {
        if app.count(&reset_to_new).await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(app.count(&reset_to_new).await, 1);
    send(&app, &sender).await;
    assert_eq!(gateway.wait_for(&new, 2).await.len(), 2);
}

#[tokio::test]
async fn a_code_takes_five_guesses_expires_after_fifteen_minutes_and_three_come_an_hour() {
    let app = TestApp::with_demo().await;
    let [sven, maria] = app.demos([SVEN, MARIA]).await;
    let number = "+46705550101";

    let bad = ask(&app, &sven, "07-12").await;
    let error = bad.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(field_codes(&error), [("phone", "phone")]);
    app.execute(&format!(
        "UPDATE accounts SET phone = '{number}' WHERE email = '{MARIA}'"
    ))
    .await
    .unwrap();
    let same = ask(&app, &maria, "070-555 01 01").await;
    assert_eq!(
        field_codes(&same.assert_error(ErrorCode::Validation, "sv")),
        [("phone", "phone_same")]
    );
    let none = enter(&app, &sven, "123456").await;
    assert_eq!(
        field_codes(&none.assert_error(ErrorCode::Validation, "sv")),
        [("code", "code_expired")]
    );

    // Five wrong guesses; the sixth is refused even when it is right.
    ask(&app, &sven, "+46705550102").await.assert_status(202);
    let code = code_sent_to(&app, "+46705550102").await;
    for _ in 0..5 {
        enter(&app, &sven, &wrong(&code)).await.assert_status(422);
    }
    let limited = enter(&app, &sven, &code).await.assert_status(429);
    assert_eq!(limited.json::<ErrorBody>().code, ErrorCode::RateLimited);
    assert!(limited.header("retry-after").is_some());

    // A new code: new guesses. It expires after 15 minutes.
    ask(&app, &sven, "+46705550102").await.assert_status(202);
    let code = code_sent_to(&app, "+46705550102").await;
    app.advance_signed_in(Duration::from_secs(15 * 60)).await;
    let expired = enter(&app, &sven, &code).await;
    assert_eq!(
        field_codes(&expired.assert_error(ErrorCode::Validation, "sv")),
        [("code", "code_expired")]
    );
    assert_eq!(
        app.get_as(PATH, &sven).await.json::<PhoneSetting>().pending,
        None
    );

    // Three codes an hour: a fourth waits.
    ask(&app, &sven, "+46705550102").await.assert_status(202);
    let fourth = ask(&app, &sven, "+46705550102").await.assert_status(429);
    assert_eq!(fourth.json::<ErrorBody>().code, ErrorCode::RateLimited);
    let wait: u64 = fourth.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=45 * 60).contains(&wait), "{wait}");
    app.advance_signed_in(Duration::from_secs(wait)).await;

    // The number is Maria's by the time the code is entered: refused.
    ask(&app, &sven, number).await.assert_status(202);
    let code = code_sent_to(&app, number).await;
    let taken = enter(&app, &sven, &code).await;
    assert_eq!(
        field_codes(&taken.assert_error(ErrorCode::Conflict, "sv")),
        [("phone", "phone_taken")]
    );
    // The right code for a free number: his (spaces are fine).
    ask(&app, &sven, "+46705550103").await.assert_status(202);
    let code = code_sent_to(&app, "+46705550103").await;
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let done: PhoneSetting = enter(&app, &sven, &spaced).await.assert_status(200).json();
    assert_eq!(done.phone.as_deref(), Some("+46705550103"));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM accounts WHERE email = '{SVEN}' AND phone = '+46705550103'"
        ))
        .await,
        1
    );
}
