//! Instant feedback on form input, with the same rules the server applies.

use lotsen_api::text::TextRule;
use lotsen_api::{Date, Personnummer, PersonnummerError};

use crate::i18n::Locale;
use crate::messages::error_message;

/// Today's date in the browser's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    // The browser's calendar always yields a real day; the fallback is unreachable
    // in practice and only keeps this function total.
    lotsen_api::date::ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .or_else(|| lotsen_api::date::ymd(1970, 1, 1))
    .expect("1970-01-01 is a valid date")
}

/// The text to show for an invalid personnummer, in `locale`.
pub fn personnummer_message(error: PersonnummerError, locale: Locale) -> &'static str {
    error_message(locale, error.code())
}

/// Checks a personnummer (or samordningsnummer) as typed, against `today`.
///
/// On error, the message to show next to the field, in `locale`. The number
/// itself is never logged or stored here.
pub fn check_personnummer_on(
    input: &str,
    today: Date,
    locale: Locale,
) -> Result<Personnummer, &'static str> {
    Personnummer::parse(input, today).map_err(|e| personnummer_message(e, locale))
}

/// [`check_personnummer_on`] against today's date.
pub fn check_personnummer(input: &str, locale: Locale) -> Result<Personnummer, &'static str> {
    check_personnummer_on(input, today(), locale)
}

/// Checks a free text as the server will (`lotsen_api::text`, which the
/// shared validators of names, titles, reasons and the other texts call):
/// the text as it will be stored, or the message to show next to the field.
pub fn check_text(input: &str, rule: TextRule, locale: Locale) -> Result<String, &'static str> {
    lotsen_api::text::check(input, rule).map_err(|p| error_message(locale, p.code()))
}
