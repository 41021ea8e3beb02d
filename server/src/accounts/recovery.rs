//! Password reset messages: the link (token in its fragment,
//! `{public_url}/password-reset#{token}`, so that it never reaches a server
//! log) and the notice that the password was changed. Both go only to the
//! account's own address, through the outbox.
//!
//! Channels: the one the account's owner chose, by [`crate::outbox::route`]:
//! e-mail (in the language they last signed in with, else both) or SMS (one
//! language, Swedish if not known; the short text at `….sms`).

use crate::Settings;
use crate::accounts::store::ResetTarget;
use crate::i18n;
use crate::outbox::{self, Channel, OutgoingMessage, Reach};

/// Where a message to the account's owner goes: the channel and the address.
pub fn channel_for<'a>(target: &'a ResetTarget, settings: &Settings) -> Option<(Channel, &'a str)> {
    let reach = Reach {
        email: target.email.as_deref(),
        phone: target.phone.as_deref(),
        choice: target.choice,
    };
    outbox::route(&reach, settings)
}

/// The message at `key` to the account's owner through the channel [`channel_for`] picks.
fn to_owner(
    target: &ResetTarget,
    settings: &Settings,
    key: &str,
    args: &[(&str, &str)],
) -> Option<OutgoingMessage> {
    let (channel, address) = channel_for(target, settings)?;
    let letter = match channel {
        Channel::Email => i18n::letter(target.language, key, args),
        Channel::Sms => i18n::sms(target.language, key, args),
    };
    Some(OutgoingMessage::new(channel.as_str(), address, letter))
}

/// The message with a reset link (`accounts.reset`), in the language the
/// account last signed in with; Swedish, then English, if it never has.
pub fn reset_message(
    target: &ResetTarget,
    settings: &Settings,
    link: &str,
) -> Option<OutgoingMessage> {
    let args = [("name", i18n::first_name(&target.name)), ("link", link)];
    to_owner(target, settings, "accounts.reset", &args)
}

/// The notice that the password was changed with a reset link
/// (`accounts.password_changed`).
pub fn changed_notice(target: &ResetTarget, settings: &Settings) -> Option<OutgoingMessage> {
    let args = [
        ("name", i18n::first_name(&target.name)),
        ("public_url", settings.public_url.as_str()),
    ];
    to_owner(target, settings, "accounts.password_changed", &args)
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
            choice: None,
        }
    }

    fn settings(email: bool, sms: bool) -> Settings {
        let mut s = Settings::new("U");
        s.email_delivery = email;
        s.sms_delivery = sms;
        s
    }

    #[test]
    fn messages_go_to_the_own_address_by_the_chosen_channel() {
        let on = settings(true, true);
        let message = reset_message(
            &target(Some("sara@example.se")),
            &on,
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
        // No e-mail address: SMS, in Swedish only, with the link.
        let sms =
            reset_message(&target(None), &on, "https://l.example/password-reset#abc").unwrap();
        assert_eq!(sms.channel, "sms");
        assert_eq!(sms.to_address, "+46701234567");
        assert_eq!(
            sms.body,
            "Lotsen: öppna länken och välj ett nytt lösenord: https://l.example/password-reset#abc \
             Den gäller i 30 minuter. Bad du inte om det? Strunta i sms:et."
        );
        // SMS chosen: SMS although there is an address.
        let mut chooser = target(Some("sara@example.se"));
        chooser.choice = Some(Channel::Sms);
        assert_eq!(changed_notice(&chooser, &on).unwrap().channel, "sms");
        // … unless SMS is not sent here.
        assert_eq!(
            changed_notice(&chooser, &settings(true, false))
                .unwrap()
                .channel,
            "email"
        );
        let mut nowhere = target(None);
        nowhere.phone = None;
        assert!(reset_message(&nowhere, &on, "x").is_none());
    }

    #[test]
    fn the_texts_come_from_the_message_files_unchanged() {
        let reset = reset_message(&target(Some("s@e.se")), &settings(true, false), "L").unwrap();
        assert_eq!(
            reset.subject,
            "Återställ ditt lösenord / Reset your password"
        );
        assert!(reset.body.ends_with(
            "--\nHello Sara! Someone asked to reset the password of your Lotsen account. \
             Open the link and choose a new password: L\nThe link is valid for 30 minutes and can be \
             used only once. If you did not ask for this, ignore this message: your password is unchanged.\n"
        ));
        let notice = changed_notice(&target(Some("s@e.se")), &settings(true, false)).unwrap();
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
        let reset = reset_message(&english, &settings(true, false), "L").unwrap();
        assert_eq!(reset.subject, "Reset your password");
        assert!(
            reset.body.starts_with("Hello Sara! Someone asked"),
            "{}",
            reset.body
        );
        assert!(!reset.body.contains("Hej"), "{}", reset.body);
    }
}
