//! Messages for people, from the `errors` object of `locales/{sv,en}.json`.
//!
//! The locale files are the one place for strings; the server embeds them at
//! compile time and looks messages up by stable code.

use std::collections::HashMap;
use std::sync::LazyLock;

use lotsen_api::Lang;

/// Said when even the catalogue has nothing to say.
const LAST_RESORT: &str = "Något gick fel. Försök igen.";

/// Every error message, per language, by code.
struct Catalog {
    sv: HashMap<String, String>,
    en: HashMap<String, String>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    sv: errors_of(include_str!("../../locales/sv.json")),
    en: errors_of(include_str!("../../locales/en.json")),
});

/// The string entries of the top-level `errors` object of a locale file.
fn errors_of(locale_json: &str) -> HashMap<String, String> {
    let value: serde_json::Value =
        serde_json::from_str(locale_json).expect("a locale file is valid JSON");
    let errors = value
        .get("errors")
        .and_then(|e| e.as_object())
        .expect("a locale file has an `errors` object");
    errors
        .iter()
        .filter_map(|(key, text)| Some((key.clone(), text.as_str()?.to_owned())))
        .collect()
}

/// Parses the embedded locale files now rather than at the first error.
pub fn load() {
    LazyLock::force(&CATALOG);
    LazyLock::force(&MESSAGES);
}

/// The texts of outgoing messages (e-mail, later SMS), per language, by
/// dotted key (`booking.offer.subject`), from `locales/messages/{sv,en}.json`:
/// locale files of their own, so that the app's bundle does not carry them.
static MESSAGES: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    sv: flatten(include_str!("../../locales/messages/sv.json")),
    en: flatten(include_str!("../../locales/messages/en.json")),
});

/// Every string of a JSON object, by its dotted path.
fn flatten(json: &str) -> HashMap<String, String> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut HashMap<String, String>) {
        match value {
            serde_json::Value::String(text) => {
                out.insert(prefix.to_owned(), text.clone());
            }
            serde_json::Value::Object(entries) => {
                for (key, value) in entries {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, value, out);
                }
            }
            _ => {}
        }
    }
    let value: serde_json::Value =
        serde_json::from_str(json).expect("a message locale file is valid JSON");
    let mut out = HashMap::new();
    walk("", &value, &mut out);
    out
}

/// The outgoing-message text at `key` in `lang` (Swedish if `lang` lacks it),
/// with each `{name}` filled in from `args`. A key neither file has is a
/// programming error: the test `every_message_key_is_in_both_languages`
/// keeps them in step, and the key itself is returned rather than nothing.
/// The first of a full name's words: how a message greets its reader.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

pub fn message(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let catalog = &*MESSAGES;
    let text = match lang {
        Lang::Sv => catalog.sv.get(key),
        Lang::En => catalog.en.get(key),
    }
    .or_else(|| catalog.sv.get(key))
    .map_or(key, String::as_str);
    let mut out = text.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The subject and body of an outgoing message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

/// The message at `key` (its `{key}.subject` and `{key}.body`) in the
/// recipient's language when it is known (the one they last signed in with),
/// else in both, Swedish first: the subject `Swedish / English`, the body
/// Swedish, a `--` line, then English. The one place that chooses.
pub fn letter(lang: Option<Lang>, key: &str, args: &[(&str, &str)]) -> Letter {
    let text = |part: &str, both_between: &str| {
        let key = format!("{key}.{part}");
        match lang {
            Some(lang) => message(lang, &key, args),
            None => format!(
                "{}{both_between}{}",
                message(Lang::Sv, &key, args),
                message(Lang::En, &key, args)
            ),
        }
    };
    Letter {
        subject: text("subject", " / "),
        body: text("body", "\n\n--\n"),
    }
}

/// The SMS for the message at `key`: one language only (two would take too
/// many segments), the recipient's, Swedish if it is not known; the text at
/// `{key}.sms`, or `{key}.body` when that is the SMS itself (the register's
/// outreach). The subject (`{key}.subject`) only names it in the outbox.
pub fn sms(lang: Option<Lang>, key: &str, args: &[(&str, &str)]) -> Letter {
    let lang = lang.unwrap_or(Lang::Sv);
    let sms_key = format!("{key}.sms");
    let text = if has_message_text(&sms_key) {
        sms_key
    } else {
        format!("{key}.body")
    };
    Letter {
        subject: message(lang, &format!("{key}.subject"), args),
        body: message(lang, &text, args),
    }
}

/// How a message is composed for its channel: [`letter`] or [`sms`].
pub type Compose = fn(Option<Lang>, &str, &[(&str, &str)]) -> Letter;

/// Whether both message files have `key`.
pub fn has_message_text(key: &str) -> bool {
    MESSAGES.sv.contains_key(key) && MESSAGES.en.contains_key(key)
}

/// The message for `code` (an `ErrorCode` or a field error code) in `lang`,
/// falling back to Swedish, then to the generic `unknown` message.
pub fn error_message(lang: Lang, code: &str) -> &'static str {
    let catalog = &*CATALOG;
    let in_lang = |lang: Lang| match lang {
        Lang::Sv => &catalog.sv,
        Lang::En => &catalog.en,
    };
    in_lang(lang)
        .get(code)
        .or_else(|| catalog.sv.get(code))
        .or_else(|| in_lang(lang).get("unknown"))
        .map_or(LAST_RESORT, String::as_str)
}

/// Whether both locale files have a message for `code`.
pub fn has_message(code: &str) -> bool {
    CATALOG.sv.contains_key(code) && CATALOG.en.contains_key(code)
}

#[cfg(test)]
mod tests {
    use lotsen_api::{ErrorCode, PersonnummerError};

    use super::*;

    #[test]
    fn every_error_code_has_a_message_in_both_languages() {
        let field_codes = [
            PersonnummerError::Empty,
            PersonnummerError::Format,
            PersonnummerError::Date,
            PersonnummerError::Future,
            PersonnummerError::Checksum,
        ]
        .map(PersonnummerError::code);
        for code in ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(["unknown"])
            .chain(field_codes)
        {
            assert!(has_message(code), "missing message for {code}");
        }
    }

    #[test]
    fn every_field_code_the_server_sends_has_a_message() {
        use lotsen_api::contact::FieldProblem;
        let problems = [
            FieldProblem::Required,
            FieldProblem::TooLong,
            FieldProblem::Email,
            FieldProblem::Phone,
            FieldProblem::PasswordTooShort,
            FieldProblem::PasswordTooLong,
            FieldProblem::PasswordCommon,
            FieldProblem::TextControl,
            FieldProblem::TextBidi,
            FieldProblem::TextInvisible,
        ]
        .map(FieldProblem::code);
        let own = [
            "contact_required",
            "contact_person_invalid",
            "password_wrong",
            "personnummer_taken",
            "email_taken",
            "phone_taken",
            "rate_limited_minutes",
            "channel_no_address",
        ];
        for code in problems.into_iter().chain(own) {
            assert!(has_message(code), "missing message for {code}");
        }
        assert!(error_message(Lang::En, "rate_limited_minutes").contains("{{ minutes }}"));
    }

    #[test]
    fn messages_follow_the_language() {
        assert_eq!(
            error_message(Lang::Sv, "not_found"),
            "Det du söker finns inte."
        );
        assert_eq!(
            error_message(Lang::En, "not_found"),
            "What you are looking for does not exist."
        );
    }

    #[test]
    fn every_message_key_is_in_both_languages() {
        let (sv, en) = (&MESSAGES.sv, &MESSAGES.en);
        for key in sv.keys().chain(en.keys()) {
            assert!(
                has_message_text(key),
                "messages: {key} is not in both languages"
            );
        }
    }

    #[test]
    fn message_texts_follow_the_language_and_fill_in_names() {
        assert_eq!(
            message(Lang::Sv, "greeting", &[("name", "Amir")]),
            "Hej Amir!"
        );
        assert_eq!(
            message(Lang::En, "greeting", &[("name", "Amir")]),
            "Hello Amir!"
        );
    }

    #[test]
    fn a_letter_is_in_the_known_language_or_in_both_swedish_first() {
        let args = [("name", "Amir")];
        let english = letter(Some(Lang::En), "accounts.reset", &args);
        assert_eq!(english.subject, "Reset your password");
        assert!(english.body.starts_with("Hello Amir!"), "{}", english.body);
        assert!(!english.body.contains("Hej"));
        let both = letter(None, "accounts.reset", &args);
        assert_eq!(
            both.subject,
            "Återställ ditt lösenord / Reset your password"
        );
        let swedish = letter(Some(Lang::Sv), "accounts.reset", &args);
        assert_eq!(
            both.body,
            format!("{}\n\n--\n{}", swedish.body, english.body)
        );
    }

    /// Every SMS text (`*.sms`, and the register's outreach SMS), in both
    /// languages, filled in with long values, fits GSM-7 in at most two segments.
    #[test]
    fn every_sms_text_fits_two_gsm7_segments_in_both_languages() {
        use crate::outbox::gsm::{gsm7_len, segments};
        // Long but ordinary values: names of 20 letters, a 36-character
        // address, a reset link with its 22-character token.
        let url = "https://lotsen.ornskoldsvik.example";
        let link = format!("{url}/password-reset#{}", "A".repeat(22));
        let args = [
            ("name", "Maximiliana-Josefine"),
            ("staff", "Karl-Johan Andersson-Lindqvist"),
            ("when", "2026-11-24 09:00"),
            ("until", "2026-11-23 14:00"),
            ("place", " (Ungdomens hus, rum 12)"),
            ("url", url),
            ("public_url", url),
            ("link", link.as_str()),
            ("code", "123456"),
            ("guardian", "Maximiliana-Josefine"),
            ("youth", "Maximiliana-Josefine"),
        ];
        let keys: Vec<&String> = MESSAGES
            .sv
            .keys()
            .filter(|k| {
                k.ends_with(".sms") || (k.starts_with("register.sms") && k.ends_with(".body"))
            })
            .collect();
        assert!(keys.len() >= 8, "{keys:?}");
        for key in keys {
            for lang in [Lang::Sv, Lang::En] {
                let text = message(lang, key, &args);
                assert!(!text.contains('{'), "{key}: a placeholder left: {text}");
                let len = gsm7_len(&text);
                assert!(len.is_some(), "{key} ({lang:?}) is not GSM-7: {text}");
                let n = segments(&text);
                assert!(
                    n <= 2,
                    "{key} ({lang:?}) takes {n} segments ({len:?} places): {text}"
                );
            }
        }
    }

    #[test]
    fn an_sms_is_in_one_language_swedish_when_not_known() {
        let args = [("link", "L")];
        let unknown = sms(None, "accounts.reset", &args);
        assert_eq!(unknown, sms(Some(Lang::Sv), "accounts.reset", &args));
        assert!(
            unknown.body.starts_with("Lotsen: öppna länken"),
            "{}",
            unknown.body
        );
        assert!(!unknown.body.contains("--"));
        let english = sms(Some(Lang::En), "accounts.reset", &args);
        assert!(
            english.body.starts_with("Lotsen: open the link"),
            "{}",
            english.body
        );
        // The register's outreach SMS is its body.
        let outreach = sms(
            Some(Lang::En),
            "register.sms",
            &[("name", "A"), ("staff", "B")],
        );
        assert_eq!(
            outreach.body,
            message(
                Lang::En,
                "register.sms.body",
                &[("name", "A"), ("staff", "B")]
            )
        );
    }

    #[test]
    fn unknown_codes_get_the_generic_message() {
        assert_eq!(
            error_message(Lang::En, "no_such_code"),
            error_message(Lang::En, "unknown")
        );
    }
}
