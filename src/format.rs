//! Dates and times from the server (RFC 3339), written the way the UI
//! language writes them, in the browser's time zone. Uses the browser's own
//! `Intl` formatting rather than a date crate, to keep the bundle small.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::i18n::Locale;

/// The programme's time zone (times of bookings are Swedish times).
pub const TIME_ZONE: &str = "Europe/Stockholm";

/// An options object for the browser's `Intl` formatting, such as
/// `{ day: "numeric", month: "long" }`. (web-sys has no typed `Intl` options,
/// so this is the app's one place that sets properties on a plain object.)
pub fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a plain new object cannot fail.
        let _ = Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object.into()
}

fn parse(rfc3339: &str) -> Option<js_sys::Date> {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    (!date.get_time().is_nan()).then_some(date)
}

/// The BCP 47 tag the browser's `Intl` formats a UI language with.
pub(crate) fn tag(locale: Locale) -> &'static str {
    match locale {
        Locale::sv => "sv-SE",
        Locale::en => "en-GB",
    }
}

/// A day, such as "30 november 2026" (sv) or "30 November 2026" (en).
/// An unreadable input is returned as it is.
pub fn date(rfc3339: &str, locale: Locale) -> String {
    match parse(rfc3339) {
        Some(date) => date
            .to_locale_date_string(
                tag(locale),
                &options(&[("day", "numeric"), ("month", "long"), ("year", "numeric")]),
            )
            .into(),
        None => rfc3339.to_string(),
    }
}

/// A moment, such as "2026-11-23 10:15" (sv) or "23/11/2026, 10:15" (en).
/// An unreadable input is returned as it is.
pub fn date_time(rfc3339: &str, locale: Locale) -> String {
    match parse(rfc3339) {
        Some(date) => date
            .to_locale_string(
                tag(locale),
                &options(&[("dateStyle", "short"), ("timeStyle", "short")]),
            )
            .into(),
        None => rfc3339.to_string(),
    }
}
