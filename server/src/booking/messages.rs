//! The messages to young people about their bookings (the confirmation, an
//! offer from the waitlist, a cancellation by staff, the day-before
//! reminder): by e-mail or SMS as they chose ([`crate::outbox::route`]),
//! texts from `locales/messages/{sv,en}.json` under `booking.*`, in the
//! language the young person last signed in with; an e-mail in both, Swedish
//! first, if they never have (booked by staff), an SMS in Swedish. An SMS
//! names no session type, staff member or staff's text: only the time.

use jiff::Timestamp;

use super::store::{MessageFacts, MessageKind};
use crate::AppState;
use crate::clock::stockholm;
use crate::i18n;
use crate::outbox::{self, Channel, OutgoingMessage, Reach};

/// `YYYY-MM-DD HH:MM`, Swedish time.
pub fn short_time(unix_seconds: i64) -> String {
    Timestamp::from_second(unix_seconds)
        .map(|t| {
            t.to_zoned(stockholm())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// The message to a young person about a booking, by the channel they chose
/// when it is configured and they have an address for it (otherwise it is
/// only in the app).
pub fn compose(state: &AppState, facts: &MessageFacts) -> Option<OutgoingMessage> {
    let reach = Reach {
        email: facts.youth_email.as_deref(),
        phone: facts.youth_phone.as_deref(),
        choice: facts.youth_choice,
    };
    let (channel, address) = outbox::route(&reach, &state.settings)?;
    if !outbox::delivers(&state.settings, channel) {
        tracing::info!(
            account_id = facts.youth_id,
            channel = channel.as_str(),
            "booking message not sent (the channel is not configured)"
        );
        return None;
    }
    Some(message(&state.settings.public_url, channel, address, facts))
}

/// The text of a booking message, in the young person's language (an
/// e-mail in both if not known, an SMS in Swedish).
pub fn message(
    public_url: &str,
    channel: Channel,
    address: &str,
    f: &MessageFacts,
) -> OutgoingMessage {
    let (key, text_of_staff) = match &f.kind {
        MessageKind::Offer => ("booking.offer", ""),
        MessageKind::Confirmed => ("booking.confirmed", ""),
        MessageKind::CancelledByStaff(text) => ("booking.cancelled_by_staff", text.as_str()),
        MessageKind::Reminder => ("booking.reminder", ""),
    };
    let until = f.hold_expires_at.map(short_time).unwrap_or_default();
    let place = f
        .place
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let when = short_time(f.starts_at);
    // What people wrote comes last, so that nothing in it is taken for a placeholder.
    let args = [
        ("url", public_url),
        ("until", until.as_str()),
        ("when", when.as_str()),
        ("place", place.as_str()),
        ("what", f.session_type_name.as_str()),
        ("staff", f.staff_name.as_str()),
        ("name", i18n::first_name(&f.youth_name)),
        ("text", text_of_staff),
    ];
    let letter = match channel {
        Channel::Email => i18n::letter(f.youth_language, key, &args),
        Channel::Sms => i18n::sms(f.youth_language, key, &args),
    };
    OutgoingMessage::new(channel.as_str(), address, letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(kind: MessageKind) -> MessageFacts {
        MessageFacts {
            kind,
            youth_id: 1,
            youth_name: "Elsa Nilsson".into(),
            youth_email: Some("elsa@example.se".into()),
            youth_phone: Some("+46701234567".into()),
            youth_choice: None,
            youth_language: None,
            staff_name: "Sven Berg".into(),
            session_type_name: "Studievägledning".into(),
            starts_at: "2026-11-24T08:00:00Z"
                .parse::<Timestamp>()
                .unwrap()
                .as_second(),
            hold_expires_at: Some(
                "2026-11-23T13:00:00Z"
                    .parse::<Timestamp>()
                    .unwrap()
                    .as_second(),
            ),
            place: Some("Rum 2".into()),
        }
    }

    #[test]
    fn the_texts_are_todays_in_both_languages() {
        let url = "https://lotsen.example";
        let offer = message(
            url,
            Channel::Email,
            "elsa@example.se",
            &facts(MessageKind::Offer),
        );
        assert_eq!(offer.subject, "En tid har blivit ledig / A time is free");
        assert_eq!(
            offer.body,
            "Hej Elsa!\n\nEn tid du väntar på har blivit ledig: Studievägledning med Sven Berg 2026-11-24 09:00. \
             Den är din om du tackar ja senast 2026-11-23 14:00 under Mina bokningar på https://lotsen.example.\
             \n\n--\nHello Elsa! A time you are waiting for is free: Studievägledning with Sven Berg at 2026-11-24 09:00. \
             It is yours if you accept it by 2026-11-23 14:00 under My bookings at https://lotsen.example.\n"
        );
        let cancelled = message(
            url,
            Channel::Email,
            "elsa@example.se",
            &facts(MessageKind::CancelledByStaff("Jag är sjuk {url}".into())),
        );
        assert_eq!(
            cancelled.subject,
            "Din tid är avbokad / Your time is cancelled"
        );
        assert_eq!(
            cancelled.body,
            "Hej Elsa!\n\nSven Berg har avbokat din tid Studievägledning 2026-11-24 09:00:\n\nJag är sjuk {url}\
             \n\n--\nHello Elsa! Sven Berg has cancelled your time Studievägledning at 2026-11-24 09:00:\n\nJag är sjuk {url}\n"
        );
        let reminder = message(
            url,
            Channel::Email,
            "elsa@example.se",
            &facts(MessageKind::Reminder),
        );
        assert_eq!(
            reminder.subject,
            "Påminnelse: din tid i morgon / Reminder: your time tomorrow"
        );
        assert_eq!(
            reminder.body,
            "Hej Elsa!\n\nPåminnelse: i morgon 2026-11-24 09:00 har du Studievägledning med Sven Berg (Rum 2). \
             Kan du inte komma? Avboka under Mina bokningar på https://lotsen.example eller ring Sven Berg.\
             \n\n--\nHello Elsa! Reminder: tomorrow at 2026-11-24 09:00 you have Studievägledning with Sven Berg (Rum 2). \
             Cannot come? Cancel under My bookings at https://lotsen.example or call Sven Berg.\n"
        );
    }

    #[test]
    fn an_sms_is_short_in_one_language_and_names_only_the_time() {
        let url = "https://lotsen.example";
        let phone = "+46701234567";
        let sms = |kind| message(url, Channel::Sms, phone, &facts(kind));
        let offer = sms(MessageKind::Offer);
        assert_eq!((offer.channel, offer.to_address.as_str()), ("sms", phone));
        assert_eq!(
            offer.body,
            "Hej Elsa! En tid du väntar på har blivit ledig: 2026-11-24 09:00. \
             Den är din om du tackar ja senast 2026-11-23 14:00 under Mina bokningar: https://lotsen.example"
        );
        let reminder = sms(MessageKind::Reminder);
        assert_eq!(
            reminder.body,
            "Hej Elsa! Påminnelse: du har en tid i morgon 2026-11-24 09:00 (Rum 2). \
             Kan du inte komma? Avboka under Mina bokningar: https://lotsen.example"
        );
        let cancelled = sms(MessageKind::CancelledByStaff("Jag är sjuk".into()));
        let confirmed = sms(MessageKind::Confirmed);
        assert!(
            confirmed
                .body
                .starts_with("Hej Elsa! Din tid 2026-11-24 09:00 (Rum 2) är bokad.")
        );
        for text in [
            &offer.body,
            &reminder.body,
            &cancelled.body,
            &confirmed.body,
        ] {
            for private in ["Studievägledning", "Sven", "sjuk", "Nilsson"] {
                assert!(!text.contains(private), "{private} in {text}");
            }
        }
    }
}
