//! Password reset messages: the link (token in its fragment,
//! `{public_url}/password-reset#{token}`, so that it never reaches a server
//! log) and the notice that the password was changed. Both go only to the
//! account's own address, through the outbox.
//!
//! Channels: e-mail only. An account with only a phone number gets nothing
//! until an SMS channel exists: [`channel_for`] is the one place to add it
//! (and `outbox.channel`'s check, which allows `email` alone).

use crate::accounts::store::ResetTarget;
use crate::outbox::OutgoingMessage;

/// Where a message to the account's owner goes: the channel and the address.
pub fn channel_for(target: &ResetTarget) -> Option<(&'static str, &str)> {
    // SMS: `target.phone` once an SMS sender exists.
    target.email.as_deref().map(|email| ("email", email))
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// The message with a reset link (Swedish, then English).
pub fn reset_message(target: &ResetTarget, link: &str) -> Option<OutgoingMessage> {
    let (channel, address) = channel_for(target)?;
    let name = first_name(&target.name);
    Some(OutgoingMessage {
        channel,
        to_address: address.to_owned(),
        subject: "Återställ ditt lösenord / Reset your password".to_owned(),
        body: format!(
            "Hej {name}!\n\n\
             Någon har bett om att få återställa lösenordet till ditt konto i Lotsen. Öppna länken och välj ett nytt lösenord:\n\
             {link}\n\n\
             Länken gäller i 30 minuter och kan bara användas en gång. När du har valt ett nytt lösenord loggas du ut överallt.\n\
             Har du inte bett om det här kan du bortse från meddelandet: ditt lösenord är oförändrat.\n\n\
             --\n\
             Hello {name}! Someone asked to reset the password of your Lotsen account. Open the link and choose a new password: {link}\n\
             The link is valid for 30 minutes and can be used only once. If you did not ask for this, ignore this message: your password is unchanged.\n"
        ),
    })
}

/// The notice that the password was changed with a reset link.
pub fn changed_notice(target: &ResetTarget, public_url: &str) -> Option<OutgoingMessage> {
    let (channel, address) = channel_for(target)?;
    let name = first_name(&target.name);
    Some(OutgoingMessage {
        channel,
        to_address: address.to_owned(),
        subject: "Ditt lösenord har ändrats / Your password was changed".to_owned(),
        body: format!(
            "Hej {name}!\n\n\
             Lösenordet till ditt konto i Lotsen har just ändrats med en återställningslänk, och du har loggats ut överallt.\n\
             Var det inte du? Be om en ny återställning på {public_url}/password-reset och kontakta din kontaktperson.\n\n\
             --\n\
             Hello {name}! The password of your Lotsen account was just changed with a reset link, and you were signed out everywhere.\n\
             Was it not you? Ask for a new reset at {public_url}/password-reset and contact your contact person.\n"
        ),
    })
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
}
