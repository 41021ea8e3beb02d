//! Outgoing messages: written in the transaction that causes them
//! ([`write`]), sent in the background by [`run`]: e-mail over SMTP
//! ([`email`]) and SMS through an HTTP gateway such as Kannel ([`sms`]), whose
//! delivery reports come back to [`delivery`]. Which channel reaches a person
//! is [`route`]'s choice.

pub mod delivery;
pub mod email;
pub mod gsm;
pub mod sms;

use std::sync::Arc;
use std::time::Duration;

use lotsen_api::account::MessageChannel;
use lotsen_api::register::contacts::SmsState;
use tokio::sync::Notify;

pub use email::{MAX_ATTEMPTS, Mailer, send_pending};
pub use sms::{SmsSender, send_pending_sms};

use crate::Settings;
use crate::clock::Clock;
use crate::db::Db;
use crate::db::sql::{Tx, query, query_scalar};
use crate::i18n::{self, Compose, Letter};

/// How often failed messages are retried (an SMS waits for its back-off too).
const RETRY_EVERY: Duration = Duration::from_secs(30);

/// What sends: either, both or neither configured.
#[derive(Clone, Debug, Default)]
pub struct Senders {
    /// `--smtp-url` and `--mail-from`.
    pub mail: Option<Mailer>,
    /// `--sms-url` and `--sms-from`.
    pub sms: Option<SmsSender>,
}

/// Sends the outbox forever: when woken, and every 30 seconds.
pub async fn run(db: Db, clock: Clock, senders: Senders, wake: Arc<Notify>) {
    loop {
        if let Some(mailer) = &senders.mail
            && let Err(error) = send_pending(&db, &clock, mailer).await
        {
            tracing::warn!(%error, "cannot read the outbox");
        }
        if let Some(sms) = &senders.sms
            && let Err(error) = send_pending_sms(&db, &clock, sms).await
        {
            tracing::warn!(%error, "cannot read the outbox (SMS)");
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(RETRY_EVERY) => {}
        }
    }
}

/// A channel a person can be reached through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    /// As `outbox.channel` and `accounts.message_channel` store it.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    /// How a message is composed for it: a letter, or a short SMS in one language.
    pub fn compose(self) -> Compose {
        match self {
            Channel::Email => i18n::letter,
            Channel::Sms => i18n::sms,
        }
    }

    /// As the API names it.
    pub fn wire(self) -> MessageChannel {
        match self {
            Channel::Email => MessageChannel::Email,
            Channel::Sms => MessageChannel::Sms,
        }
    }

    /// From its stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
            _ => None,
        }
    }
}

/// How a person can be reached: their addresses and their choice
/// (`accounts.message_channel`; `None`: e-mail first, as before it existed).
#[derive(Clone, Copy, Debug)]
pub struct Reach<'a> {
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub choice: Option<Channel>,
}

/// Where a message to someone goes, the one place that decides: the channel
/// they chose, else the other; of those, the first this server sends through
/// and they have an address for, else (nothing configured: the message waits in
/// the outbox, as development's outbox shows it) the first they have an address for.
pub fn route<'a>(reach: &Reach<'a>, settings: &Settings) -> Option<(Channel, &'a str)> {
    let order = match reach.choice {
        Some(Channel::Sms) => [Channel::Sms, Channel::Email],
        _ => [Channel::Email, Channel::Sms],
    };
    let address = |c: Channel| match c {
        Channel::Email => reach.email,
        Channel::Sms => reach.phone,
    };
    let configured = |c: Channel| match c {
        Channel::Email => settings.email_delivery,
        Channel::Sms => settings.sms_delivery,
    };
    let with_address = || order.into_iter().filter_map(|c| Some((c, address(c)?)));
    with_address()
        .find(|(c, _)| configured(*c))
        .or_else(|| with_address().next())
}

/// Where a message to account `account_id`'s owner goes ([`route`]): the
/// channel and the address, or `None` when it is not one this server sends
/// through (the message is then only in the app).
pub async fn reach_account(
    state: &crate::AppState,
    account_id: i64,
) -> Result<Option<(Channel, String)>, sqlx::Error> {
    let Some(owner) = crate::accounts::store::reset_target_by_id(&state.db, account_id).await?
    else {
        return Ok(None);
    };
    let reach = Reach {
        email: owner.email.as_deref(),
        phone: owner.phone.as_deref(),
        choice: owner.choice,
    };
    Ok(route(&reach, &state.settings)
        .filter(|(channel, _)| delivers(&state.settings, *channel))
        .map(|(channel, address)| (channel, address.to_owned())))
}

/// Whether this server sends through `channel`.
pub fn delivers(settings: &Settings, channel: Channel) -> bool {
    match channel {
        Channel::Email => settings.email_delivery,
        Channel::Sms => settings.sms_delivery,
    }
}

/// Where a message is, from its outbox status, as staff see it (an outreach
/// SMS, a booking's reminder or offer): one the gateway may have taken
/// (`sending`, its answer never came) counts as sent.
pub fn message_state(status: &str) -> SmsState {
    match status {
        "sent" | "sending" => SmsState::Sent,
        "delivered" => SmsState::Delivered,
        "failed" => SmsState::Failed,
        _ => SmsState::Waiting,
    }
}

/// A message to put in the outbox, in the same transaction as what caused it.
#[derive(Clone, Debug)]
pub struct OutgoingMessage {
    /// `email` or `sms`.
    pub channel: &'static str,
    /// The address: an e-mail address or a phone number (`+46…`).
    pub to_address: String,
    /// The subject line (an SMS has none: its subject is kept for the outbox's lists).
    pub subject: String,
    /// The text.
    pub body: String,
}

impl OutgoingMessage {
    /// `letter` to `to_address` through `channel`.
    pub fn new(channel: &'static str, to_address: &str, letter: Letter) -> Self {
        Self {
            channel,
            to_address: to_address.to_owned(),
            subject: letter.subject,
            body: letter.body,
        }
    }
}

/// Records that message `id` went (`set`: how its status and attempts
/// change), keeping `body`, its text with any link blanked out.
async fn record_sent(db: &Db, set: &str, id: i64, body: &str, now: i64) -> Result<(), sqlx::Error> {
    query(&format!(
        "UPDATE outbox SET {set}, sent_at = $2, body = $3, last_error = NULL WHERE id = $1"
    ))
    .bind(id)
    .bind(now)
    .bind(body)
    .execute(db)
    .await
    .map(drop)
}

/// Puts a message in the outbox in the caller's transaction (the one place
/// every feature writes outgoing messages): it goes if and only if what
/// caused it is committed. Its id.
pub async fn write(
    tx: &mut Tx,
    account_id: i64,
    message: &OutgoingMessage,
    now: i64,
) -> Result<i64, sqlx::Error> {
    query_scalar(
        "INSERT INTO outbox (account_id, channel, to_address, subject, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(account_id)
    .bind(message.channel)
    .bind(&message.to_address)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(now)
    .fetch_one(tx)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(email: bool, sms: bool) -> Settings {
        let mut s = Settings::new("https://l.example");
        s.email_delivery = email;
        s.sms_delivery = sms;
        s
    }

    #[test]
    fn the_chosen_channel_goes_first_then_the_other_then_what_has_an_address() {
        let (email, phone) = (Some("a@b.se"), Some("+46701234567"));
        let (to_email, to_phone) = (
            Some((Channel::Email, "a@b.se")),
            Some((Channel::Sms, "+46701234567")),
        );
        let sms = Some(Channel::Sms);
        // (e-mail, phone, choice, e-mail configured, SMS configured) → where.
        let cases = [
            (email, phone, None, true, true, to_email),
            (email, phone, sms, true, true, to_phone),
            // SMS chosen but not configured: e-mail.
            (email, phone, sms, true, false, to_email),
            // E-mail (the default) without an address: SMS.
            (None, phone, None, true, true, to_phone),
            // Nothing configured: the choice, waiting in the outbox.
            (email, phone, sms, false, false, to_phone),
            (None, None, sms, true, true, None),
        ];
        for (email, phone, choice, mail_on, sms_on, expected) in cases {
            let reach = Reach {
                email,
                phone,
                choice,
            };
            assert_eq!(
                route(&reach, &settings(mail_on, sms_on)),
                expected,
                "{reach:?} {mail_on} {sms_on}"
            );
        }
    }
}
