//! Sends the outbox's e-mail over SMTP (lettre, rustls) in the background:
//! woken when a message is added, and every 30 seconds to retry failures, up
//! to 10 attempts per message. A sent message keeps its text with the link
//! blanked out.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::db::{Db, PendingMessage};
use crate::invite::redact_links;

/// Attempts per message before it is left alone.
pub const MAX_ATTEMPTS: i64 = 10;

/// How often failed messages are retried.
const RETRY_EVERY: Duration = Duration::from_secs(30);

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
    for message in db.pending_messages(MAX_ATTEMPTS, 20).await? {
        match mailer.send(&message).await {
            Ok(()) => {
                db.message_sent(
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
                db.message_failed(message.id, &error).await?;
            }
        }
    }
    Ok(sent)
}

/// Sends the outbox forever: when woken, and every 30 seconds.
pub async fn run(db: Db, clock: Clock, mailer: Mailer, wake: Arc<Notify>) {
    loop {
        if let Err(error) = send_pending(&db, &clock, &mailer).await {
            tracing::warn!(%error, "cannot read the outbox");
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(RETRY_EVERY) => {}
        }
    }
}
