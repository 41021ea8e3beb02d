//! The outbox's SMS, through an HTTP gateway: Kannel's `sendsms` interface
//! (`--sms-url`, with the sendsms user's credentials), which many SMS
//! aggregators offer too. Each message is sent exactly once:
//!
//! 1. a sender **claims** a queued message whose back-off is over (one
//!    `UPDATE … WHERE status = 'queued'`: of two senders, one wins), gives it
//!    a fresh delivery-report secret (only its hash is kept) and counts the
//!    attempt;
//! 2. it calls the gateway: an answer of 2xx means **sent**; a refused
//!    connection or any other answer means the gateway did not take it, so it
//!    is queued again after a back-off doubling from 30 seconds up to an hour,
//!    and **failed** after [`MAX_SMS_ATTEMPTS`];
//! 3. when the request may have reached the gateway but no answer came
//!    (a timeout, a broken connection) — or the server stopped in between —
//!    the message stays `sending` and is never tried again: sending it twice
//!    is worse than a message that staff see did not surely go. Its delivery
//!    report, if the gateway did take it, still moves it on
//!    ([`super::delivery`]).
//!
//! A sent message keeps its text with any link blanked out; the sendsms URL
//! (it holds a password) is never logged, nor is the phone number.

use std::time::Duration;

use reqwest::Url;

use super::gsm;
use crate::accounts::invite::redact_links;
use crate::auth::token;
use crate::clock::Clock;
use crate::db::Db;
use crate::db::sql::{query, query_as};

/// Attempts per SMS before it is marked failed (about seven hours of back-off).
pub const MAX_SMS_ATTEMPTS: i64 = 12;

/// Kannel's delivery-report mask: delivered (1), not delivered (2), taken by
/// the SMS centre (8), refused by it (16).
pub const DLR_MASK: u32 = 1 | 2 | 8 | 16;

/// The first back-off; it doubles with each attempt.
const FIRST_BACKOFF_SECONDS: i64 = 30;
/// The longest back-off.
const LONGEST_BACKOFF_SECONDS: i64 = 3600;

/// How many due messages one round claims.
const BATCH: i64 = 20;

/// The gateway and how to reach it.
#[derive(Clone)]
pub struct SmsSender {
    client: reqwest::Client,
    url: Url,
    from: String,
    /// `{public_url}/api/sms/delivery/`: the secret and `?status=%d` follow.
    report_base: String,
}

/// Leaves the URL (and its credentials) out.
impl std::fmt::Debug for SmsSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsSender")
            .field("from", &self.from)
            .field("report_base", &self.report_base)
            .finish()
    }
}

/// How one call to the gateway went.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    /// The gateway took the message (2xx).
    Taken,
    /// The gateway surely did not take it (no connection, or it said no): try again later.
    NotTaken(String),
    /// It may have: never try again.
    Unknown(String),
}

/// Whether `from` is a sender a gateway accepts: a name of 1–11 letters and
/// digits, or a number of up to 15 digits (a leading `+` allowed).
fn valid_sender(from: &str) -> bool {
    let digits = from.strip_prefix('+').unwrap_or(from);
    let number =
        !digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit());
    let name = (1..=11).contains(&from.len()) && from.bytes().all(|b| b.is_ascii_alphanumeric());
    number || name
}

impl SmsSender {
    /// A sender through the sendsms URL `sms_url`
    /// (`https://gw.example/cgi-bin/sendsms?username=…&password=…`) as `from`,
    /// with delivery reports to `public_url`.
    pub fn new(sms_url: &str, from: &str, public_url: &str) -> Result<Self, String> {
        // The URL may hold a password: say only what is wrong with it.
        let url = Url::parse(sms_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
            .ok_or(
                "the SMS URL is not valid (https://gateway/cgi-bin/sendsms?username=…&password=…)",
            )?;
        if !valid_sender(from) {
            return Err(
                "the SMS sender must be a name of 1–11 letters and digits or a number of up to 15 digits"
                    .into(),
            );
        }
        Ok(Self {
            client: client(Duration::from_secs(20))?,
            url,
            from: from.to_owned(),
            report_base: format!("{}/api/sms/delivery/", public_url.trim_end_matches('/')),
        })
    }

    /// The same sender, waiting at most `timeout` for the gateway's answer
    /// (20 seconds by default).
    pub fn with_timeout(mut self, timeout: Duration) -> Result<Self, String> {
        self.client = client(timeout)?;
        Ok(self)
    }

    /// The sendsms request for `text` to `to`, its delivery reports carrying `secret`.
    fn request(&self, to: &str, text: &str, secret: &str) -> reqwest::RequestBuilder {
        // GSM-7 when the text fits it, else UCS-2; the text itself is UTF-8.
        let coding = if gsm::gsm7_len(text).is_some() {
            "0"
        } else {
            "2"
        };
        let report = format!("{}{secret}?status=%d", self.report_base);
        let mask = DLR_MASK.to_string();
        self.client.get(self.url.clone()).query(&[
            ("from", self.from.as_str()),
            ("to", to),
            ("text", text),
            ("charset", "UTF-8"),
            ("coding", coding),
            ("dlr-mask", mask.as_str()),
            ("dlr-url", report.as_str()),
        ])
    }

    /// Calls the gateway once.
    pub async fn send(&self, to: &str, text: &str, secret: &str) -> Attempt {
        match self.request(to, text, secret).send().await {
            Ok(response) if response.status().is_success() => Attempt::Taken,
            Ok(response) => {
                let status = response.status();
                let said: String = response
                    .text()
                    .await
                    .unwrap_or_default()
                    .chars()
                    .take(100)
                    .collect();
                Attempt::NotTaken(format!("the gateway answered {status}: {}", said.trim()))
            }
            // `without_url`: the URL holds the password.
            Err(e) if e.is_connect() || e.is_builder() => {
                Attempt::NotTaken(format!("gateway unreachable: {}", e.without_url()))
            }
            Err(e) => Attempt::Unknown(format!(
                "no answer from the gateway (not tried again, so that it is never sent twice): {}",
                e.without_url()
            )),
        }
    }
}

/// An HTTP client that follows no redirect and waits at most `timeout`.
fn client(timeout: Duration) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5).min(timeout))
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| format!("cannot make an HTTP client: {e}"))
}

/// Seconds to wait after the `attempts`-th failed attempt.
pub fn backoff(attempts: i64) -> i64 {
    let doublings = (attempts - 1).clamp(0, 16) as u32;
    (FIRST_BACKOFF_SECONDS << doublings).min(LONGEST_BACKOFF_SECONDS)
}

/// A claimed message.
struct Claimed {
    to: String,
    body: String,
    attempts: i64,
}

/// Sends the SMS that are due; returns how many the gateway took.
pub async fn send_pending_sms(
    db: &Db,
    clock: &Clock,
    sender: &SmsSender,
) -> Result<usize, sqlx::Error> {
    let now = clock.unix_seconds();
    let due: Vec<i64> = query_as::<(i64,)>(
        "SELECT id FROM outbox WHERE channel = 'sms' AND status = 'queued' \
         AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(id,)| id)
    .collect();
    let mut sent = 0;
    for id in due {
        let secret = token::generate();
        let Some(message) = claim(db, id, &token::hash(&secret), now).await? else {
            continue; // another sender has it
        };
        match sender.send(&message.to, &message.body, &secret).await {
            Attempt::Taken => {
                mark_sent(db, id, &redact_links(&message.body), clock.unix_seconds()).await?;
                tracing::info!(outbox_id = id, "SMS sent");
                sent += 1;
            }
            Attempt::NotTaken(error) => {
                let last = message.attempts >= MAX_SMS_ATTEMPTS;
                let next = clock.unix_seconds() + backoff(message.attempts);
                tracing::warn!(outbox_id = id, %error, gave_up = last, "SMS not sent");
                requeue(db, id, &error, next, last).await?;
            }
            Attempt::Unknown(error) => {
                tracing::warn!(outbox_id = id, %error, "SMS perhaps sent");
                query("UPDATE outbox SET last_error = $2 WHERE id = $1")
                    .bind(id)
                    .bind(&error)
                    .execute(db)
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// Takes a queued message for this sender, if no other has.
async fn claim(
    db: &Db,
    id: i64,
    secret_hash: &str,
    now: i64,
) -> Result<Option<Claimed>, sqlx::Error> {
    let row: Option<(String, String, i64)> = query_as(
        "UPDATE outbox SET status = 'sending', claimed_at = $3, attempts = attempts + 1, \
         dlr_secret_hash = $2 WHERE id = $1 AND status = 'queued' \
         RETURNING to_address, body, attempts",
    )
    .bind(id)
    .bind(secret_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(to, body, attempts)| Claimed { to, body, attempts }))
}

/// The gateway took it (a delivery report may already have moved it further).
async fn mark_sent(db: &Db, id: i64, body: &str, now: i64) -> Result<(), sqlx::Error> {
    let set = "status = CASE WHEN status = 'sending' THEN 'sent' ELSE status END";
    super::record_sent(db, set, id, body, now).await
}

/// Back in the queue until `next`, or failed for good.
async fn requeue(db: &Db, id: i64, error: &str, next: i64, last: bool) -> Result<(), sqlx::Error> {
    query(
        "UPDATE outbox SET status = $4, next_attempt_at = $3, last_error = $2, \
         claimed_at = NULL, dlr_secret_hash = NULL WHERE id = $1 AND status = 'sending'",
    )
    .bind(id)
    .bind(error)
    .bind(next)
    .bind(if last { "failed" } else { "queued" })
    .execute(db)
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_from_30_seconds_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(backoff).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }

    #[test]
    fn bad_settings_are_refused_without_echoing_the_password() {
        let error =
            SmsSender::new("ftp://u:hunter2@gw/x", "Lotsen", "https://l.example").unwrap_err();
        assert!(!error.contains("hunter2"), "{error}");
        assert!(
            SmsSender::new("not a url hunter2", "Lotsen", "x")
                .unwrap_err()
                .find("hunter2")
                .is_none()
        );
        for bad in ["", "Lotsen Kommun", "TwelveLetter", "+46 70", "Lötsen"] {
            assert!(SmsSender::new("http://gw/s", bad, "x").is_err(), "{bad}");
        }
        for good in ["Lotsen", "46701234567", "+46701234567", "Kommun2026"] {
            assert!(SmsSender::new("http://gw/s", good, "x").is_ok(), "{good}");
        }
        let sender =
            SmsSender::new("http://u:hunter2@gw/s?password=hunter2", "Lotsen", "x").unwrap();
        assert!(!format!("{sender:?}").contains("hunter2"));
    }

    #[test]
    fn the_request_carries_the_text_the_number_and_the_report_url() {
        let sender = SmsSender::new(
            "https://gw.example/cgi-bin/sendsms?username=l&password=p",
            "Lotsen",
            "https://lotsen.example/",
        )
        .unwrap();
        let request = sender
            .request("+46701234567", "Hej Åsa & co", "SECRET")
            .build()
            .unwrap();
        let pairs: Vec<(String, String)> = request
            .url()
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("username"), Some("l"));
        assert_eq!(get("password"), Some("p"));
        assert_eq!(get("to"), Some("+46701234567"));
        assert_eq!(get("text"), Some("Hej Åsa & co"));
        assert_eq!(get("coding"), Some("0"));
        assert_eq!(get("dlr-mask"), Some("27"));
        assert_eq!(
            get("dlr-url"),
            Some("https://lotsen.example/api/sms/delivery/SECRET?status=%d")
        );
        let emoji = sender
            .request("+46701234567", "Hej 👋", "S")
            .build()
            .unwrap();
        assert!(emoji.url().query().unwrap().contains("coding=2"));
    }
}
