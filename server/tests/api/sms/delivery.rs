//! Delivery reports: the gateway calls the URL with the message's secret; a
//! report marks the message sent, delivered or failed; any other input is a
//! 404 or a 204, never a 500.

use std::time::{Duration, Instant};

use super::{send, served_with_sms, unique_number};
use crate::helpers::internals::hash_token;
use crate::helpers::{ELSA, LogCapture, TestApp};

/// An SMS to Elsa in the outbox, as the gateway has it: `sending`, its
/// delivery-report secret `secret`. Its id.
async fn sms_with_secret(app: &TestApp, secret: &str) -> i64 {
    let elsa = app.account_id(ELSA).await;
    app.execute(&format!(
        "INSERT INTO outbox (account_id, channel, to_address, subject, body, created_at, status, attempts, dlr_secret_hash) \
         VALUES ({elsa}, 'sms', '+46700000000', 'S', 'B', 0, 'sending', 1, '{}')",
        hash_token(secret)
    ))
    .await
    .unwrap();
    app.count("SELECT MAX(id) FROM outbox").await
}

async fn status(app: &TestApp, id: i64) -> String {
    app.texts(&format!("SELECT status FROM outbox WHERE id = {id}"))
        .await
        .remove(0)
}

#[tokio::test]
async fn a_report_moves_the_message_on_and_a_delivered_one_stays_delivered() {
    let app = TestApp::with_demo().await;
    let secret = "s3cr3t-s3cr3t-s3cr3t-x";
    let id = sms_with_secret(&app, secret).await;
    let report = async |query: &str| {
        app.get(&format!("/api/sms/delivery/{secret}{query}"))
            .await
            .status
            .as_u16()
    };
    // Queued at the SMS centre (4), unknown types and none: acknowledged, nothing changes.
    for query in ["?status=4", "?status=x", "", "?status=-1", "?other=1"] {
        assert_eq!(report(query).await, 204, "{query}");
        assert_eq!(status(&app, id).await, "sending", "{query}");
    }
    let logs = LogCapture::start();
    assert_eq!(report("?status=8").await, 204);
    let logged = logs.text();
    drop(logs);
    assert!(logged.contains("/api/sms/delivery/{secret}"), "{logged}");
    assert!(
        !logged.contains(secret),
        "the secret is never logged: {logged}"
    );
    assert_eq!(status(&app, id).await, "sent");
    assert_eq!(report("?status=1").await, 204);
    assert_eq!(status(&app, id).await, "delivered");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE id = {id} AND delivered_at IS NOT NULL"
        ))
        .await,
        1
    );
    // Late or repeated reports do not undo a delivery.
    for late in ["?status=8", "?status=2", "?status=16"] {
        assert_eq!(report(late).await, 204);
        assert_eq!(status(&app, id).await, "delivered", "{late}");
    }

    // Not delivered: failed.
    let other = sms_with_secret(&app, "another-secret-of-22ch").await;
    assert_eq!(
        app.get("/api/sms/delivery/another-secret-of-22ch?status=2")
            .await
            .status,
        204
    );
    assert_eq!(status(&app, other).await, "failed");
}

#[tokio::test]
async fn unknown_secrets_and_odd_input_are_404_never_500() {
    let app = TestApp::with_demo().await;
    sms_with_secret(&app, "the-real-secret-abcdef").await;
    let long = "a".repeat(300);
    for path in [
        "/api/sms/delivery/the-real-secret-abcdeg?status=1".to_owned(),
        "/api/sms/delivery/1?status=1".to_owned(),
        format!("/api/sms/delivery/{long}?status=1"),
        "/api/sms/delivery/%00%ff?status=1".to_owned(),
        "/api/sms/delivery/'%20OR%201=1--?status=1".to_owned(),
    ] {
        let status = app.get(&path).await.status;
        assert!(status == 404 || status == 400, "{path}: {status}");
    }
    // An e-mail is never a delivery report's target, whatever its row holds.
    let elsa = app.account_id(ELSA).await;
    app.execute(&format!(
        "INSERT INTO outbox (account_id, channel, to_address, subject, body, created_at, dlr_secret_hash) \
         VALUES ({elsa}, 'email', 'e@x.se', 'S', 'B', 0, '{}')",
        hash_token("an-e-mail-with-secret-")
    ))
    .await
    .unwrap();
    assert_eq!(
        app.get("/api/sms/delivery/an-e-mail-with-secret-?status=1")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn kannels_delivery_report_marks_the_message_delivered() {
    let Some((gateway, app, server)) = served_with_sms("delivery report from Kannel").await else {
        return;
    };
    let number = unique_number();
    let elsa = app.account_id(ELSA).await;
    app.execute(&format!(
        "INSERT INTO outbox (account_id, channel, to_address, subject, body, created_at) \
         VALUES ({elsa}, 'sms', '{number}', 'S', 'Hej Elsa!', 0)"
    ))
    .await
    .unwrap();
    // The gateway reports to the public URL: here the test's own server.
    let sender = gateway.sender(&server.url(""));
    assert_eq!(send(&app, &sender).await, 1);
    assert_eq!(gateway.wait_for(&number, 1).await, ["Hej Elsa!"]);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let delivered = app
            .count("SELECT COUNT(*) FROM outbox WHERE status = 'delivered' AND delivered_at IS NOT NULL")
            .await;
        if delivered == 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no delivery report within a minute"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
