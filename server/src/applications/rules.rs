//! The application's rules without I/O: the canonical document that is
//! signed and its hash, who counts as a minor on a day, what the guardians
//! are shown, and the texts of the messages sent about an application.

use lotsen_api::application::{ApplicationContent, ApplicationStatus};
use lotsen_api::{Date, Lang, Personnummer};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::store::ApplicationRecord;
use crate::i18n::{self, Compose, Letter};

/// The canonical document's format name; a new layout gets a new name.
pub const DOCUMENT_FORMAT: &str = "lotsen-application-v1";

/// What is signed, in this field order.
#[derive(Serialize)]
struct CanonicalDocument<'a> {
    format: &'static str,
    application_id: i64,
    version: i64,
    youth_name: &'a str,
    content: &'a ApplicationContent,
}

/// The canonical document of an application and its SHA-256, lower-case hex.
pub fn document(
    application_id: i64,
    version: i64,
    youth_name: &str,
    content: &ApplicationContent,
) -> (String, String) {
    let text = serde_json::to_string_pretty(&CanonicalDocument {
        format: DOCUMENT_FORMAT,
        application_id,
        version,
        youth_name,
        content,
    })
    .expect("an application serialises");
    let hash = sha256_hex(&text);
    (text, hash)
}

/// SHA-256 of `text`'s UTF-8 bytes, lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the young person with this (stored) personnummer is under 18 on
/// `today`: then the guardians co-sign, and may see the application.
pub fn is_minor(personnummer: &str, today: Date) -> bool {
    Personnummer::parse_stored(personnummer).is_ok_and(|p| p.is_minor_on(today))
}

impl ApplicationRecord {
    /// Whether the guardians have been asked to co-sign the current text (and
    /// it has not become a draft again since).
    pub fn asked_guardians(&self) -> bool {
        self.guardians_asked_at.is_some() && self.status != ApplicationStatus::Draft
    }
}

/// The message asking a guardian to sign in and co-sign (no details of the
/// application in it), in `lang`, the guardian's language (both if not known),
/// composed for their channel (`compose`: [`crate::i18n::letter`] or [`crate::i18n::sms`]).
pub fn cosign_request(
    compose: Compose,
    public_url: &str,
    guardian: &str,
    youth: &str,
    lang: Option<Lang>,
) -> Letter {
    let args = [
        ("guardian", i18n::first_name(guardian)),
        ("youth", i18n::first_name(youth)),
        ("url", public_url),
    ];
    compose(lang, "application.cosign_request", &args)
}

/// The message telling the young person or the referrer that a guardian
/// declined, in `lang`, theirs (both if not known), composed for their channel.
pub fn guardian_declined(
    compose: Compose,
    public_url: &str,
    name: &str,
    lang: Option<Lang>,
) -> Letter {
    let args = [("name", i18n::first_name(name)), ("url", public_url)];
    compose(lang, "application.guardian_declined", &args)
}

#[cfg(test)]
mod tests {
    use lotsen_api::application::{Consents, ContactChannel, SchoolStatus, Situation};

    use super::*;

    #[test]
    fn the_document_is_deterministic_and_its_hash_is_sha256() {
        let content = ApplicationContent {
            situation: Situation::Nothing,
            last_school: "Alströmergymnasiet".into(),
            school_status: SchoolStatus::DroppedOut,
            help_with: vec![],
            help_text: "Körkort".into(),
            interests: String::new(),
            contact_by: ContactChannel::Sms,
            consents: Consents::default(),
        };
        let (text, hash) = document(7, 2, "Elsa Nilsson", &content);
        assert_eq!(
            document(7, 2, "Elsa Nilsson", &content),
            (text.clone(), hash.clone())
        );
        assert!(
            text.starts_with(
                "{\n  \"format\": \"lotsen-application-v1\",\n  \"application_id\": 7,"
            )
        );
        assert_eq!(hash.len(), 64);
        assert_ne!(
            document(7, 3, "Elsa Nilsson", &content).1,
            hash,
            "another version"
        );
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_minor_is_under_18_on_the_day() {
        let day = |y, m, d| lotsen_api::date::ymd(y, m, d).unwrap();
        assert!(is_minor("200803150002", day(2026, 3, 14)));
        assert!(!is_minor("200803150002", day(2026, 3, 15)));
        assert!(!is_minor("not a personnummer", day(2026, 3, 14)));
    }

    #[test]
    fn the_cosign_request_names_first_names_in_both_languages() {
        let Letter { subject, body } = cosign_request(
            crate::i18n::letter,
            "https://lotsen.example",
            "Maria Nilsson",
            "Elsa Nilsson",
            None,
        );
        assert_eq!(
            subject,
            "Ansökan att skriva under i Lotsen / An application to co-sign in Lotsen"
        );
        assert_eq!(
            body,
            "Hej Maria!\n\n\
             Elsa har skrivit under sin ansökan till Lotsen. Eftersom Elsa är under 18 år behöver du som \
             vårdnadshavare också skriva under. Logga in på https://lotsen.example för att läsa ansökan och skriva under \
             eller säga nej.\n\n\
             --\n\
             Hello Maria! Elsa has signed their application to Lotsen. As Elsa is under 18, you as a guardian \
             need to co-sign it too. Sign in at https://lotsen.example to read it and co-sign or decline.\n"
        );
    }

    #[test]
    fn the_decline_notice_says_it_is_a_draft_again() {
        let Letter { subject, body } = guardian_declined(
            crate::i18n::letter,
            "https://lotsen.example",
            "Karim Haddad",
            None,
        );
        assert_eq!(
            subject,
            "Ansökan i Lotsen behöver ändras / The application in Lotsen needs changes"
        );
        assert_eq!(
            body,
            "Hej Karim!\n\n\
             En vårdnadshavare har sagt nej till att skriva under ansökan till Lotsen. Ansökan är ett \
             utkast igen. Logga in på https://lotsen.example för att se varför och ändra den.\n\n\
             --\n\
             Hello Karim! A guardian declined to co-sign the application to Lotsen. It is a draft again. \
             Sign in at https://lotsen.example to see why and change it.\n"
        );
    }
}
