//! A person chooses on My page whether messages come by e-mail or by SMS;
//! the choice decides where a password reset goes.

use lotsen_api::ErrorCode;
use lotsen_api::account::{MessageChannel, MessageChannelSetting};
use serde_json::json;

use super::with_sms;
use crate::helpers::{ELSA, TestApp, field_codes};
use crate::recovery::ask_reset;

const PATH: &str = "/api/me/message-channel";

#[tokio::test]
async fn a_young_person_chooses_sms_once_they_have_a_phone_and_a_reset_goes_there() {
    let app = with_sms(TestApp::with_demo().await);
    let elsa = app.demo(ELSA).await;
    let start: MessageChannelSetting = app.get_as(PATH, &elsa).await.json();
    assert_eq!(
        start,
        MessageChannelSetting {
            channel: MessageChannel::Email,
            chosen: false,
            has_email: true,
            has_phone: false,
        }
    );
    app.execute(&format!(
        "UPDATE accounts SET phone = NULL WHERE email = '{ELSA}'"
    ))
    .await
    .unwrap();
    let refused = app.put_as(PATH, &json!({ "channel": "sms" }), &elsa).await;
    let error = refused.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(field_codes(&error), [("channel", "channel_no_address")]);

    app.execute(&format!(
        "UPDATE accounts SET phone = '+46701239876' WHERE email = '{ELSA}'"
    ))
    .await
    .unwrap();
    let choose = async |channel: &str| -> MessageChannelSetting {
        app.put_as(PATH, &json!({ "channel": channel }), &elsa)
            .await
            .assert_status(200)
            .json()
    };
    let chosen = choose("sms").await;
    assert_eq!(chosen.channel, MessageChannel::Sms);
    assert!(chosen.chosen && chosen.has_phone);
    assert_eq!(
        app.get_as(PATH, &elsa)
            .await
            .json::<MessageChannelSetting>(),
        chosen
    );

    ask_reset(&app, ELSA).await.assert_status(202);
    let sql = "SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND to_address = '+46701239876' \
               AND body LIKE '%/password-reset#%'";
    for _ in 0..200 {
        if app.count(sql).await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(app.count(sql).await, 1, "the reset goes by SMS, as chosen");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE channel = 'email'")
            .await,
        0
    );

    // Back to e-mail.
    assert_eq!(choose("email").await.channel, MessageChannel::Email);
}
