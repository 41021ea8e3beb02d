//! Dates and times from the server (RFC 3339), written the way the UI
//! language writes them, in the browser's time zone. Uses the browser's own
//! `Intl` formatting rather than a date crate, to keep the bundle small.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use chrono::Datelike;
use lotsen_api::Date;
use lotsen_api::account::Profession;

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

/// A day as people say it: "måndag 23 november" / "Monday 23 November".
pub fn day_label(date: Date, locale: Locale) -> String {
    let js = js_sys::Date::new_with_year_month_day(
        date.year() as u32,
        date.month0() as i32,
        date.day() as i32,
    );
    let options =
        crate::format::options(&[("weekday", "long"), ("day", "numeric"), ("month", "long")]);
    js.to_locale_date_string(crate::format::tag(locale), &options)
        .into()
}

/// A moment given as Unix seconds, such as "2026-11-23 10:15" (sv).
pub fn moment_label(unix_seconds: i64, locale: Locale) -> String {
    let js = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        unix_seconds as f64 * 1000.0,
    ));
    let options = crate::format::options(&[("dateStyle", "short"), ("timeStyle", "short")]);
    js.to_locale_string(crate::format::tag(locale), &options)
        .into()
}

/// The week's heading: "Vecka 48" / "Week 48".
pub fn week_label(monday: Date, locale: Locale) -> String {
    use crate::i18n::*;
    format!(
        "{} {}",
        td_string!(locale, schedule.week),
        monday.iso_week().week()
    )
}

/// A weekday (1 = Monday … 7 = Sunday), short: "mån" / "Mon".
pub fn weekday_short(day: u8, locale: Locale) -> &'static str {
    const SV: [&str; 7] = ["mån", "tis", "ons", "tors", "fre", "lör", "sön"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let names = match locale {
        Locale::sv => SV,
        Locale::en => EN,
    };
    names
        .get(usize::from(day.max(1)) - 1)
        .copied()
        .unwrap_or("?")
}

/// A weekday in full: "måndag" / "Monday".
pub fn weekday_long(day: u8, locale: Locale) -> &'static str {
    const SV: [&str; 7] = [
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let names = match locale {
        Locale::sv => SV,
        Locale::en => EN,
    };
    names
        .get(usize::from(day.max(1)) - 1)
        .copied()
        .unwrap_or("?")
}

/// What a profession is called: "studie- och yrkesvägledare".
pub fn profession_label(profession: Profession, locale: Locale) -> &'static str {
    use crate::i18n::*;
    match profession {
        Profession::ContactPerson => td_string!(locale, booking.profession_contact_person),
        Profession::StudyCounsellor => td_string!(locale, booking.profession_study_counsellor),
        Profession::JobCoach => td_string!(locale, booking.profession_job_coach),
        Profession::SchoolCounsellor => td_string!(locale, booking.profession_school_counsellor),
        Profession::SocialWorker => td_string!(locale, booking.profession_social_worker),
        Profession::EmploymentOfficer => td_string!(locale, booking.profession_employment_officer),
    }
}

/// What a profession helps with, in plain words: "Välja utbildning".
pub fn profession_help(profession: Profession, locale: Locale) -> &'static str {
    use crate::i18n::*;
    match profession {
        Profession::ContactPerson => td_string!(locale, booking.help_contact_person),
        Profession::StudyCounsellor => td_string!(locale, booking.help_study_counsellor),
        Profession::JobCoach => td_string!(locale, booking.help_job_coach),
        Profession::SchoolCounsellor => td_string!(locale, booking.help_school_counsellor),
        Profession::SocialWorker => td_string!(locale, booking.help_social_worker),
        Profession::EmploymentOfficer => td_string!(locale, booking.help_employment_officer),
    }
}
