//! Invitations: a single-use random token whose SHA-256 alone is stored, a
//! link with the token in its fragment (`{public_url}/invitation#{token}`, so
//! it never reaches a server log), and the message that carries it.
//!
//! With e-mail configured and an address to send to, the message goes into the
//! outbox in the same transaction as the invitation and a background task
//! sends it. Otherwise the staff member gets the link to hand over. Neither
//! the link nor the address is ever written to the log.

use lotsen_api::account::{Delivery, InvitationSent};

use super::store::NewInvitation;
use crate::AppState;
use crate::auth::{INVITATION_SECONDS, token};
use crate::clock::rfc3339;
use crate::clock::swedish_date;
use crate::i18n::{self, Letter};
use crate::outbox::OutgoingMessage;

/// An invitation ready to be stored, and what to tell about it.
#[derive(Debug)]
pub struct PreparedInvitation {
    /// The row to store.
    pub invitation: NewInvitation,
    /// The e-mail for the outbox, when it will be e-mailed.
    pub message: Option<OutgoingMessage>,
    /// The answer for the staff member.
    pub sent: InvitationSent,
}

/// The subject and text of an invitation: Swedish, with English under it
/// (`accounts.invitation` in `locales/messages/`).
pub fn invitation_message(name: &str, link: &str, expires: &str) -> Letter {
    let args = [
        ("name", i18n::first_name(name)),
        ("link", link),
        ("expires", expires),
    ];
    // Nobody has signed in with the account yet: its language is not known.
    i18n::letter(None, "accounts.invitation", &args)
}

/// A new invitation for `name`, sent to `email` when e-mail is configured
/// (`_phone`: no SMS channel yet; the link is handed over).
pub fn prepare(
    state: &AppState,
    name: &str,
    email: Option<&str>,
    _phone: Option<&str>,
) -> PreparedInvitation {
    let token = token::generate();
    let now = state.clock.unix_seconds();
    let expires_at = now + INVITATION_SECONDS;
    let link = format!("{}/invitation#{token}", state.settings.public_url);
    let letter = invitation_message(name, &link, &swedish_date(expires_at));
    let message = match email {
        Some(address) if state.settings.email_delivery => {
            Some(OutgoingMessage::new("email", address, letter))
        }
        _ => None,
    };
    let sent = InvitationSent {
        delivery: if message.is_some() {
            Delivery::Email
        } else {
            Delivery::Handover
        },
        link: message.is_none().then(|| link.clone()),
        expires_at: rfc3339(expires_at),
    };
    PreparedInvitation {
        invitation: NewInvitation {
            token_hash: token::hash(&token),
            expires_at,
        },
        message,
        sent,
    }
}

/// After the invitation is stored: wake the outbox when it holds the message
/// (otherwise the staff member hands the link over). Returns what to answer.
/// Logs nothing of the link or the address.
pub fn announce(state: &AppState, prepared: PreparedInvitation) -> InvitationSent {
    if prepared.message.is_some() {
        state.outbox.notify_one();
    }
    prepared.sent
}

/// The text with every invitation and reset token replaced by `…`, to keep once sent.
pub fn redact_links(body: &str) -> String {
    ["/invitation#", "/password-reset#"]
        .iter()
        .fold(body.to_owned(), |text, marker| redact_after(&text, marker))
}

fn redact_after(body: &str, marker: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(marker) {
        let start = at + marker.len();
        out.push_str(&rest[..start]);
        out.push('…');
        let end = rest[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .map_or(rest.len(), |n| start + n);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_greets_by_first_name_in_swedish_then_english() {
        let Letter { subject, body } = invitation_message(
            "Sara Lind",
            "https://lotsen.example/invitation#abc",
            "2026-11-30",
        );
        assert!(subject.starts_with("Inbjudan till Lotsen"));
        assert!(body.starts_with("Hej Sara!"));
        assert!(body.contains("Hello Sara!"));
        assert!(body.find("Hej").unwrap() < body.find("Hello").unwrap());
        assert_eq!(
            body.matches("https://lotsen.example/invitation#abc")
                .count(),
            2
        );
    }

    #[test]
    fn the_texts_come_from_the_message_files_unchanged() {
        let Letter { subject, body } = invitation_message("Sara Lind", "L", "2026-11-30");
        assert_eq!(subject, "Inbjudan till Lotsen / Invitation to Lotsen");
        assert_eq!(
            body,
            "Hej Sara!\n\nDu är inbjuden till Lotsen. Öppna länken och välj ett lösenord:\nL\n\n\
             Länken gäller till och med 2026-11-30 och kan bara användas en gång.\n\
             Har du inte väntat dig det här kan du bortse från meddelandet.\n\n--\n\
             Hello Sara! You are invited to Lotsen. Open the link and choose a password: L\n\
             The link is valid until 2026-11-30 and can be used only once.\n"
        );
    }

    #[test]
    fn sent_messages_keep_no_token() {
        let Letter { body, .. } = invitation_message(
            "Sara Lind",
            "https://l.example/invitation#Ab-_9xyz",
            "2026-11-30",
        );
        let redacted = redact_links(&body);
        assert!(!redacted.contains("Ab-_9xyz"), "{redacted}");
        assert!(redacted.contains("https://l.example/invitation#…\n"));
        assert_eq!(redact_links("no link"), "no link");
        assert_eq!(
            redact_links("a https://l.example/password-reset#Zz-9_a\nb"),
            "a https://l.example/password-reset#…\nb"
        );
    }
}
