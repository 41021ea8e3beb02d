//! SMS through a real gateway: Kannel with its fake SMS centre, which
//! `cargo xtask test` starts for both engines' stages and names in
//! `LOTSEN_TEST_SMS_URL` (the sendsms URL) and `LOTSEN_TEST_FAKESMSC_LOG`
//! (what fakesmsc received). Without them (a plain `cargo test`) the tests
//! that need the gateway say so and pass without it; the xtask always sets them.

mod channel;
mod cosign;
mod delivery;
mod messages;
mod outage;
mod phone;
mod register;
mod status;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use lotsen_server::Settings;

use crate::helpers::internals::{SmsSender, send_pending_sms};
use crate::helpers::{SpawnedServer, TestApp};

/// The test gateway.
pub struct Gateway {
    /// The sendsms URL with its credentials.
    pub url: String,
    log: PathBuf,
}

impl Gateway {
    /// The gateway the xtask started, or `None` (with the reason printed).
    pub fn from_env(test: &str) -> Option<Gateway> {
        match (
            std::env::var("LOTSEN_TEST_SMS_URL"),
            std::env::var("LOTSEN_TEST_FAKESMSC_LOG"),
        ) {
            (Ok(url), Ok(log)) => Some(Gateway {
                url,
                log: log.into(),
            }),
            _ => {
                println!(
                    "skipped {test}: no SMS gateway (LOTSEN_TEST_SMS_URL and LOTSEN_TEST_FAKESMSC_LOG \
                     are unset; `cargo xtask test` starts Kannel with fakesmsc and sets them)"
                );
                None
            }
        }
    }

    /// A sender through this gateway, delivery reports to `public_url`.
    pub fn sender(&self, public_url: &str) -> SmsSender {
        SmsSender::new(&self.url, "Lotsen", public_url).unwrap()
    }

    /// Every whole message fakesmsc received for `number`, in order (the
    /// parts of a long one put together).
    pub fn received(&self, number: &str) -> Vec<String> {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        received_in(&log, number)
    }

    /// Waits up to a minute for `count` messages to `number`, then a moment
    /// more to see that no more come; returns them all.
    pub async fn wait_for(&self, number: &str, count: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.received(number).len() < count {
            assert!(
                Instant::now() < deadline,
                "fakesmsc got {:?} for {number}, waited for {count}",
                self.received(number)
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        self.received(number)
    }
}

/// The messages of fakesmsc's log (`Got message N: <from to type …>`) to
/// `number`: `text` as it is, `data` URL-encoded, `udh` the parts of a long
/// message (URL-encoded header `05 00 03 ref total seq`, then the data).
fn received_in(log: &str, number: &str) -> Vec<String> {
    let mut whole = Vec::new();
    // (ref) -> (total, seq -> text), and where the first part came.
    let mut parts: BTreeMap<u8, (usize, usize, BTreeMap<u8, String>)> = BTreeMap::new();
    for line in log.lines() {
        let Some((_, rest)) = line.split_once("Got message ") else {
            continue;
        };
        let Some(inner) = rest
            .split_once(": <")
            .and_then(|(_, m)| m.strip_suffix('>'))
        else {
            continue;
        };
        let mut words = inner.splitn(4, ' ');
        let (_from, to, kind, text) = (
            words.next().unwrap_or_default(),
            words.next().unwrap_or_default(),
            words.next().unwrap_or_default(),
            words.next().unwrap_or_default(),
        );
        if to != number {
            continue;
        }
        match kind {
            "text" => whole.push(text.to_owned()),
            "data" => whole.push(url_decoded(text)),
            "udh" => {
                let (udh, data) = text.split_once(' ').unwrap_or((text, ""));
                let data = data.strip_prefix("data ").unwrap_or(data);
                let udh = url_decoded_bytes(udh);
                let [_, _, _, reference, total, seq, ..] = udh[..] else {
                    panic!("not a concatenation header: {udh:?}");
                };
                let at = whole.len();
                let entry = parts
                    .entry(reference)
                    .or_insert_with(|| (usize::from(total), at, BTreeMap::new()));
                entry.2.insert(seq, url_decoded(data));
                if entry.2.len() == entry.0 {
                    let (_, at, texts) = parts.remove(&reference).unwrap();
                    whole.insert(at.min(whole.len()), texts.into_values().collect());
                }
            }
            other => panic!("fakesmsc: unknown message type {other}: {line}"),
        }
    }
    whole
}

fn url_decoded_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

fn url_decoded(s: &str) -> String {
    String::from_utf8(url_decoded_bytes(s)).unwrap()
}

/// A phone number no other test (nor an earlier run on the same gateway) uses.
pub fn unique_number() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let n = (nanos / 1000 + NEXT.fetch_add(1, Ordering::Relaxed) * 7919) % 10_000_000;
    format!("+4673{n:07}")
}

/// Sends what is due in `app`'s outbox through `sender`; how many went.
pub async fn send(app: &TestApp, sender: &SmsSender) -> usize {
    send_pending_sms(&app.state.db, &app.state.clock, sender)
        .await
        .unwrap()
}

/// The gateway (or `None`: see [`Gateway::from_env`]) and the demo with SMS
/// on, served on a real port too, for the gateway's delivery reports.
pub async fn served_with_sms(test: &str) -> Option<(Gateway, TestApp, SpawnedServer)> {
    let gateway = Gateway::from_env(test)?;
    let app = with_sms(TestApp::with_demo().await);
    let server = app.spawn_server().await;
    Some((gateway, app, server))
}

/// The gateway (or `None`: see [`Gateway::from_env`]) and the demo with SMS
/// on, in which `login` chose SMS, at a new number (the third).
pub async fn demo_preferring_sms(test: &str, login: &str) -> Option<(Gateway, TestApp, String)> {
    let gateway = Gateway::from_env(test)?;
    let app = with_sms(TestApp::with_demo().await);
    let number = unique_number();
    prefers_sms(&app, login, &number).await;
    Some((gateway, app, number))
}

/// The app with e-mail and SMS delivery on.
pub fn with_sms(app: TestApp) -> TestApp {
    let mut settings = Settings::new("http://lotsen.test");
    settings.email_delivery = true;
    settings.sms_delivery = true;
    app.with_settings(settings)
}

/// Gives the account `email` the phone `number` and SMS as its channel.
pub async fn prefers_sms(app: &TestApp, email: &str, number: &str) {
    app.execute(&format!(
        "UPDATE accounts SET phone = '{number}', message_channel = 'sms' WHERE email = '{email}'"
    ))
    .await
    .unwrap();
}

#[test]
fn reads_fakesmscs_log_and_puts_long_messages_together() {
    let log = "\
2026-12-07 00:32:10 [807] [0] INFO: fakesmsc starting
2026-12-07 00:32:13 [807] [0] DEBUG: Got message 1: <Lotsen +46701234567 text Hej åäö there>
2026-12-07 00:32:14 [807] [0] DEBUG: Got message 2: <Lotsen +46700000000 text not for us>
2026-12-07 00:32:23 [807] [0] DEBUG: Got message 3: <Lotsen +46701234567 udh %05%00%03%01%02%01 data P%C3%A5minnelse%3A+i+morgon>
2026-12-07 00:32:23 [807] [0] DEBUG: Got message 4: <Lotsen +46701234567 udh %05%00%03%01%02%02 data +kl.+9>
2026-12-07 00:32:24 [807] [0] DEBUG: Got message 5: <Lotsen +46701234567 data 50%25+%E2%82%AC>";
    assert_eq!(
        received_in(log, "+46701234567"),
        ["Hej åäö there", "Påminnelse: i morgon kl. 9", "50% €"]
    );
}
