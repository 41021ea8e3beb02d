//! The outbox's e-mail, over SMTP (lettre, rustls): tried when the outbox is
//! woken and every 30 seconds, up to 10 attempts per message. A sent message
//! keeps its text with the link blanked out.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::accounts::invite::redact_links;
use crate::clock::Clock;
use crate::db::Db;
use crate::db::sql::{query, query_as};

/// Attempts per message before it is left alone.
pub const MAX_ATTEMPTS: i64 = 10;

/// An SMTP connection and the sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// Leaves the transport (and its credentials) out.
impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// A mailer for `smtp_url` (`smtps://user:pass@host:465`, `smtp://host:25`) sending as `from`.
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            // The URL may hold a password: say only that it is wrong.
            .map_err(|_| {
                "the SMTP URL is not valid (smtps://user:pass@host:465 or smtp://host:25)"
                    .to_owned()
            })?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("the sender address is not valid: {e}"))?;
        Ok(Self { transport, from })
    }

    async fn send(&self, message: &PendingMessage) -> Result<(), String> {
        let to = message
            .to_address
            .parse::<Mailbox>()
            .map_err(|e| format!("bad recipient address: {e}"))?;
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| format!("cannot build the message: {e}"))?;
        self.transport
            .send(email)
            .await
            .map(drop)
            .map_err(|e| format!("SMTP: {e}"))
    }
}

/// Sends what is pending; returns how many were sent.
pub async fn send_pending(db: &Db, clock: &Clock, mailer: &Mailer) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    for message in pending(db, MAX_ATTEMPTS, 20).await? {
        match mailer.send(&message).await {
            Ok(()) => {
                mark_sent(
                    db,
                    message.id,
                    &redact_links(&message.body),
                    clock.unix_seconds(),
                )
                .await?;
                tracing::info!(outbox_id = message.id, "e-mail sent");
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(outbox_id = message.id, %error, "e-mail not sent; will retry");
                mark_failed(db, message.id, &error).await?;
            }
        }
    }
    Ok(sent)
}

/// A message waiting in the outbox.
#[derive(Clone, Debug)]
pub struct PendingMessage {
    /// Its id.
    pub id: i64,
    /// The address.
    pub to_address: String,
    /// The subject line.
    pub subject: String,
    /// The text.
    pub body: String,
}

/// Messages not yet sent that have been tried fewer than `max_attempts` times, oldest first.
pub async fn pending(
    db: &Db,
    max_attempts: i64,
    limit: i64,
) -> Result<Vec<PendingMessage>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = query_as(
        "SELECT id, to_address, subject, body FROM outbox \
         WHERE sent_at IS NULL AND channel = 'email' AND attempts < $1 ORDER BY id LIMIT $2",
    )
    .bind(max_attempts)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, to_address, subject, body)| PendingMessage {
            id,
            to_address,
            subject,
            body,
        })
        .collect())
}

/// Marks a message sent, keeping `body` (its text with the link blanked out).
pub async fn mark_sent(db: &Db, id: i64, body: &str, now: i64) -> Result<(), sqlx::Error> {
    let set = "attempts = attempts + 1, status = 'sent'";
    super::record_sent(db, set, id, body, now).await
}

/// Counts a failed attempt and why.
pub async fn mark_failed(db: &Db, id: i64, error: &str) -> Result<(), sqlx::Error> {
    query("UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1")
        .bind(id)
        .bind(error)
        .execute(db)
        .await
        .map(drop)
}
