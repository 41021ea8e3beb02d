//! A guardian who chose SMS is asked to co-sign by SMS (in their language),
//! and a guardian without an e-mail address is reached by SMS too.

use super::{Gateway, prefers_sms, send, unique_number, with_sms};
use crate::applications::{draft, sign};
use crate::helpers::{ELSA, KARIM, MARIA, PER, TestApp};

#[tokio::test]
async fn a_guardian_who_chose_sms_is_asked_to_cosign_by_sms() {
    let app = with_sms(TestApp::with_demo().await);
    let (maria_number, per_number) = (unique_number(), unique_number());
    prefers_sms(&app, MARIA, &maria_number).await;
    // Per has no e-mail address, only a phone (no choice made).
    app.execute(&format!(
        "UPDATE accounts SET email = NULL, phone = '{per_number}' WHERE email = '{PER}'"
    ))
    .await
    .unwrap();
    let [karim, elsa] = app.demos([KARIM, ELSA]).await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    sign(&app, &created, &elsa).await.assert_status(200);

    let to = |number: &str| {
        format!("SELECT body FROM outbox WHERE channel = 'sms' AND to_address = '{number}'")
    };
    let expected = |guardian: &str| {
        format!(
            "Hej {guardian}! Elsa har skrivit under sin ansökan till Lotsen. Som vårdnadshavare \
             behöver du också skriva under. Logga in: http://lotsen.test"
        )
    };
    assert_eq!(app.texts(&to(&maria_number)).await, [expected("Maria")]);
    assert_eq!(app.texts(&to(&per_number)).await, [expected("Per")]);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND subject LIKE 'Ansökan%'"
        )
        .await,
        0
    );

    if let Some(gateway) = Gateway::from_env("co-sign request by SMS") {
        let sender = gateway.sender("http://lotsen.test");
        send(&app, &sender).await;
        assert_eq!(
            gateway.wait_for(&maria_number, 1).await,
            [expected("Maria")]
        );
    }
}
