//! Password reset messages: the link (token in its fragment,
//! `{public_url}/password-reset#{token}`, so that it never reaches a server
//! log) and the notice that the password was changed. Both go only to the
//! account's own address, through the outbox.
//!
//! Channels: e-mail only. An account with only a phone number gets nothing
//! until an SMS channel exists: [`channel_for`] is the one place to add it
//! (and `outbox.channel`'s check, which allows `email` alone).

use crate::accounts::store::ResetTarget;
use crate::i18n;
use crate::outbox::OutgoingMessage;

/// Where a message to the account's owner goes: the channel and the address.
pub fn channel_for(target: &ResetTarget) -> Option<(&'static str, &str)> {
    // SMS: `target.phone` once an SMS sender exists.
    target.email.as_deref().map(|email| ("email", email))
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// The message with a reset link (`accounts.reset`), in the language the
/// account last signed in with; Swedish, then English, if it never has.
pub fn reset_message(target: &ResetTarget, link: &str) -> Option<OutgoingMessage> {
    let (channel, address) = channel_for(target)?;
    let args = [("name", first_name(&target.name)), ("link", link)];
    let letter = i18n::letter(target.language, "accounts.reset", &args);
    Some(OutgoingMessage::new(channel, address, letter))
}

/// The notice that the password was changed with a reset link
/// (`accounts.password_changed`).
pub fn changed_notice(target: &ResetTarget, public_url: &str) -> Option<OutgoingMessage> {
    let (channel, address) = channel_for(target)?;
    let args = [
        ("name", first_name(&target.name)),
        ("public_url", public_url),
    ];
    let letter = i18n::letter(target.language, "accounts.password_changed", &args);
    Some(OutgoingMessage::new(channel, address, letter))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(email: Option<&str>) -> ResetTarget {
        ResetTarget {
            id: 1,
            name: "Sara Lind".into(),
            email: email.map(str::to_owned),
            phone: Some("+46701234567".into()),
            language: None,
        }
    }

    #[test]
    fn messages_go_to_the_own_email_only() {
        let message = reset_message(
            &target(Some("sara@example.se")),
            "https://l.example/password-reset#abc",
        )
        .unwrap();
        assert_eq!(message.to_address, "sara@example.se");
        assert!(message.body.starts_with("Hej Sara!"));
        assert!(
            message
                .body
                .contains("https://l.example/password-reset#abc")
        );
        assert!(reset_message(&target(None), "x").is_none(), "no SMS yet");
        assert!(changed_notice(&target(None), "x").is_none());
    }

    #[test]
    fn the_texts_come_from_the_message_files_unchanged() {
        let reset = reset_message(&target(Some("s@e.se")), "L").unwrap();
        assert_eq!(
            reset.subject,
            "Återställ ditt lösenord / Reset your password"
        );
        assert!(reset.body.ends_with(
            "--\nHello Sara! Someone asked to reset the password of your Lotsen account. \
             Open the link and choose a new password: L\nThe link is valid for 30 minutes and can be \
             used only once. If you did not ask for this, ignore this message: your password is unchanged.\n"
        ));
        let notice = changed_notice(&target(Some("s@e.se")), "U").unwrap();
        assert_eq!(
            notice.subject,
            "Ditt lösenord har ändrats / Your password was changed"
        );
        assert!(notice.body.starts_with(
            "Hej Sara!\n\nLösenordet till ditt konto i Lotsen har just ändrats med en återställningslänk"
        ));
        assert!(
            notice
                .body
                .contains("Be om en ny återställning på U/password-reset")
        );
    }

    #[test]
    fn an_account_that_signed_in_in_english_gets_english_only() {
        let mut english = target(Some("s@e.se"));
        english.language = Some(lotsen_api::Lang::En);
        let reset = reset_message(&english, "L").unwrap();
        assert_eq!(reset.subject, "Reset your password");
        assert!(
            reset.body.starts_with("Hello Sara! Someone asked"),
            "{}",
            reset.body
        );
        assert!(!reset.body.contains("Hej"), "{}", reset.body);
    }
}
