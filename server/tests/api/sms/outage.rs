//! While the gateway cannot be reached, messages stay queued and are tried
//! again after a back-off; when it is back, each goes out once — also with
//! two senders at work.

use std::time::Duration;

use super::{Gateway, send, unique_number};
use crate::helpers::internals::{SmsSender, send_pending_sms};
use crate::helpers::{ELSA, TestApp};

/// `n` SMS to `number` in the outbox, `Meddelande 1` to `Meddelande n`.
async fn queue(app: &TestApp, number: &str, n: usize) {
    let elsa = app.account_id(ELSA).await;
    for i in 1..=n {
        app.execute(&format!(
            "INSERT INTO outbox (account_id, channel, to_address, subject, body, created_at) \
             VALUES ({elsa}, 'sms', '{number}', 'S', 'Meddelande {i}', 0)"
        ))
        .await
        .unwrap();
    }
}

/// The gateway (or `None`), and the demo with `n` SMS to a number of their own.
async fn queued(test: &str, n: usize) -> Option<(Gateway, TestApp, String)> {
    let gateway = Gateway::from_env(test)?;
    let app = TestApp::with_demo().await;
    let number = unique_number();
    queue(&app, &number, n).await;
    Some((gateway, app, number))
}

/// The sendsms URL of a gateway on `port`, with a password (`secret`) that
/// no error may show.
fn sendsms_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}/cgi-bin/sendsms?username=lotsen&password=secret")
}

/// A sendsms URL on which nothing listens.
fn dead_gateway() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    sendsms_url(port)
}

/// How many outbox rows are `status` after one attempt, with an error that
/// starts with `why` and does not show the gateway's password.
async fn failed_once(app: &TestApp, status: &str, why: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM outbox WHERE status = '{status}' AND attempts = 1 \
         AND last_error LIKE '{why}%' AND last_error NOT LIKE '%secret%'"
    ))
    .await
}

#[tokio::test]
async fn while_the_gateway_is_down_messages_wait_and_go_out_once_when_it_returns() {
    let Some((gateway, app, number)) = queued("gateway outage", 3).await else {
        return;
    };
    let clock = &app.state.clock;

    let down = SmsSender::new(&dead_gateway(), "Lotsen", "http://l.test").unwrap();
    assert_eq!(send(&app, &down).await, 0);
    assert_eq!(
        failed_once(&app, "queued", "gateway unreachable").await,
        3,
        "queued again, with why (and no password)"
    );
    let now = clock.unix_seconds();
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE next_attempt_at = {}",
            now + 30
        ))
        .await,
        3,
        "tried again after 30 seconds"
    );

    // Back: nothing before the back-off is over, then each once.
    let up = gateway.sender("http://l.test");
    assert_eq!(send(&app, &up).await, 0);
    app.advance(Duration::from_secs(30));
    assert_eq!(send(&app, &up).await, 3);
    assert_eq!(send(&app, &up).await, 0);
    app.advance(Duration::from_secs(3600));
    assert_eq!(send(&app, &up).await, 0);
    assert_eq!(
        gateway.wait_for(&number, 3).await,
        ["Meddelande 1", "Meddelande 2", "Meddelande 3"]
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND attempts = 2")
            .await,
        3
    );
}

#[tokio::test]
async fn two_senders_at_once_send_each_message_once() {
    let Some((gateway, app, number)) = queued("two senders", 8).await else {
        return;
    };
    let (db, clock) = (&app.state.db, &app.state.clock);
    let (one, two) = (
        gateway.sender("http://l.test"),
        gateway.sender("http://l.test"),
    );
    let (a, b) = tokio::join!(
        send_pending_sms(db, clock, &one),
        send_pending_sms(db, clock, &two)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 8);
    let mut received = gateway.wait_for(&number, 8).await;
    received.sort();
    let expected: Vec<String> = (1..=8).map(|i| format!("Meddelande {i}")).collect();
    assert_eq!(received, expected);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND attempts = 1")
            .await,
        8
    );
}

/// A gateway that takes requests and never answers; counts them.
async fn silent_gateway() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                while stream.read(&mut buffer).await.is_ok_and(|n| n > 0) {}
            });
        }
    });
    (sendsms_url(port), requests)
}

#[tokio::test]
async fn a_message_whose_answer_never_came_is_not_sent_again() {
    let app = TestApp::with_demo().await;
    queue(&app, "+46700000001", 1).await;
    let (url, requests) = silent_gateway().await;
    let sender = SmsSender::new(&url, "Lotsen", "http://l.test")
        .unwrap()
        .with_timeout(Duration::from_millis(500))
        .unwrap();
    assert_eq!(send(&app, &sender).await, 0);
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(
        failed_once(&app, "sending", "no answer from the gateway").await,
        1,
        "perhaps sent: left so"
    );
    // Never again, however long one waits: it may have gone.
    app.advance(Duration::from_secs(24 * 3600));
    assert_eq!(send(&app, &sender).await, 0);
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 1);
}
