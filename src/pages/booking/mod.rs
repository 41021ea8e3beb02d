//! Booking sessions (*boka tid*): a young person chooses what they need help
//! with, a person or anyone, and a free time; sees, moves and cancels their
//! bookings, and waits in line when nothing is free. Staff see their day and
//! week, mark who came, book for a young person, cancel with a message, and
//! keep their opening hours, time off and session types. A young person's
//! pages are in the `booking` wasm chunk (`src/chunks.rs`), behind the
//! `/booking/*rest` route of the main module; staff's are in `booking_staff`,
//! behind `/booking/staff/*rest`.
//!
//! This module holds the routes and the plain logic the pages share, tested
//! in the browser tests.

pub mod staff;
pub mod youth;

use chrono::Datelike;
use leptos::prelude::*;
use lotsen_api::Date;
use lotsen_api::account::Profession;
use lotsen_api::booking::{Booking, BookingStatus, FreeTime};

use crate::api::ApiError;
use crate::components::submit::Form;
use crate::format::{day_label, profession_help, profession_label};
use crate::i18n::Locale;

/// The pages under `/booking` (one route in the main module; the rest of the
/// path is read here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `` (nothing): what to book (a young person); staff go on to their day.
    Start,
    /// `new/{type}`: with whom.
    Person(i64),
    /// `new/{type}/anyone` or `new/{type}/{staff}`: the free times, and booking one.
    Times(i64, Option<i64>),
    /// `mine`: the young person's bookings, offers and places in line.
    Mine,
    /// `mine/{id}/move`: another time for a booking.
    Move(i64),
    /// `staff` or `staff/day/{YYYY-MM-DD}`: a staff member's day.
    StaffDay(Option<Date>),
    /// `staff/week` or `staff/week/{YYYY-MM-DD}`: the week of that day.
    StaffWeek(Option<Date>),
    /// `staff/book`: book for a young person.
    StaffBook,
    /// `staff/hours`: weekly opening hours.
    Hours,
    /// `staff/time-off`.
    TimeOff,
    /// `staff/types`: session types and group sessions.
    Types,
    /// `staff/types/{id}`: change a session type.
    EditType(i64),
    /// Anything else.
    NotFound,
}

/// The page for the path after `/booking`.
pub fn route(rest: &str) -> Route {
    let rest = rest.trim_matches('/');
    let id = |s: &str| s.parse::<i64>().ok().filter(|id| *id > 0);
    let date = |s: &str| lotsen_api::date::parse_iso(s);
    if rest.is_empty() {
        return Route::Start;
    }
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["new", t] => id(t).map_or(Route::NotFound, Route::Person),
        ["new", t, "anyone"] => id(t).map_or(Route::NotFound, |t| Route::Times(t, None)),
        ["new", t, s] => match (id(t), id(s)) {
            (Some(t), Some(s)) => Route::Times(t, Some(s)),
            _ => Route::NotFound,
        },
        ["mine"] => Route::Mine,
        ["mine", b, "move"] => id(b).map_or(Route::NotFound, Route::Move),
        ["staff"] | ["staff", "day"] => Route::StaffDay(None),
        ["staff", "day", d] => date(d).map_or(Route::NotFound, |d| Route::StaffDay(Some(d))),
        ["staff", "week"] => Route::StaffWeek(None),
        ["staff", "week", d] => date(d).map_or(Route::NotFound, |d| Route::StaffWeek(Some(d))),
        ["staff", "book"] => Route::StaffBook,
        ["staff", "hours"] => Route::Hours,
        ["staff", "time-off"] => Route::TimeOff,
        ["staff", "types"] => Route::Types,
        ["staff", "types", t] => id(t).map_or(Route::NotFound, Route::EditType),
        _ => Route::NotFound,
    }
}

/// The address of the free times of a session type with one person or anyone.
pub fn times_path(session_type: i64, staff: Option<i64>) -> String {
    match staff {
        Some(staff) => format!("/booking/new/{session_type}/{staff}"),
        None => format!("/booking/new/{session_type}/anyone"),
    }
}

/// The page for the address (see [`crate::chunks::use_area_route`]).
pub fn use_route() -> Memo<Route> {
    crate::chunks::use_area_route("/booking", route)
}

/// A young person's booking pages, chosen by the address. Staff's pages
/// (`staff…`) are routed to their own chunk ([`staff::StaffBookingPages`])
/// before this one.
#[component]
pub fn BookingPages() -> impl IntoView {
    youth::SessionTypes::provide();
    let page = use_route();
    move || match page.get() {
        Route::Start => view! { <youth::StartPage /> }.into_any(),
        Route::Person(id) => view! { <youth::PersonPage id /> }.into_any(),
        Route::Times(id, staff) => view! { <youth::TimesPage id staff /> }.into_any(),
        Route::Mine => view! { <youth::MinePage /> }.into_any(),
        Route::Move(id) => view! { <youth::MovePage id /> }.into_any(),
        _ => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

/// `HH:MM` of an RFC 3339 time the server sent (already Swedish wall-clock time).
pub fn clock(rfc3339: &str) -> &str {
    rfc3339.get(11..16).unwrap_or(rfc3339)
}

/// The Swedish calendar day of an RFC 3339 time the server sent.
pub fn day_of(rfc3339: &str) -> Option<Date> {
    rfc3339.get(..10).and_then(lotsen_api::date::parse_iso)
}

/// "09:00–09:45".
pub fn time_range(starts_at: &str, ends_at: &str) -> String {
    format!("{}–{}", clock(starts_at), clock(ends_at))
}

/// "måndag 23 november 09:00–09:45".
pub fn when(starts_at: &str, ends_at: &str, locale: Locale) -> String {
    match day_of(starts_at) {
        Some(day) => format!(
            "{} {}",
            day_label(day, locale),
            time_range(starts_at, ends_at)
        ),
        None => time_range(starts_at, ends_at),
    }
}

/// "Välja utbildning – studie- och yrkesvägledare".
pub fn need_label(profession: Profession, locale: Locale) -> String {
    format!(
        "{} – {}",
        profession_help(profession, locale),
        profession_label(profession, locale)
    )
}

/// The free time picked in `chosen`; or, with none picked, `None` after
/// showing "choose a time" on `form` (and focusing it).
pub fn chosen_or_error(
    chosen: RwSignal<Option<FreeTime>>,
    form: Form,
    locale: Locale,
) -> Option<FreeTime> {
    use crate::i18n::*;
    let time = chosen.get_untracked();
    if time.is_none() {
        let message = td_string!(locale, booking.choose_time_error).to_string();
        form.check(locale, vec![("starts_at", message)]);
    }
    time
}

/// How a request names the free time: by its start, or by its group
/// session (`(starts_at, group_session_id)`).
pub fn time_in_request(time: &FreeTime) -> (Option<String>, Option<i64>) {
    match time.group_session_id {
        Some(group) => (None, Some(group)),
        None => (Some(time.starts_at.clone()), None),
    }
}

/// For [`Form::submit_or`]: when the time was taken meanwhile (409), clears
/// the choice and reads the free times again (`refresh`); the error is
/// still shown.
pub fn refresh_if_taken(
    error: &ApiError,
    chosen: RwSignal<Option<FreeTime>>,
    refresh: impl FnOnce(),
) -> bool {
    if error.status() == Some(409) {
        chosen.set(None);
        refresh();
    }
    false
}

/// A booking's status as people say it.
pub fn status_text(booking: &Booking, locale: Locale) -> &'static str {
    use crate::i18n::*;
    match booking.status {
        BookingStatus::Offered => td_string!(locale, booking.status_offered),
        BookingStatus::Booked => td_string!(locale, booking.status_booked),
        BookingStatus::Attended => td_string!(locale, booking.status_attended),
        BookingStatus::NoShow => td_string!(locale, booking.status_no_show),
        BookingStatus::Cancelled if booking.cancelled_by_staff => {
            td_string!(locale, booking.status_cancelled_by_staff)
        }
        BookingStatus::Cancelled => td_string!(locale, booking.status_cancelled),
        BookingStatus::Lapsed => td_string!(locale, booking.status_lapsed),
    }
}

/// The RFC 3339 time of `time` (`HH:MM`) on `date` in Swedish time, with the
/// offset Sweden has then (`+01:00` in winter, `+02:00` in summer), found
/// with the browser's time-zone database.
pub fn stockholm_time(date: Date, time: &str) -> Option<String> {
    let minutes = crate::pages::schedule::calendar_math::minutes(time)?;
    let (h, m) = (f64::from(minutes / 60), f64::from(minutes % 60));
    let utc = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month0()))
        + f64::from(date.day0()) * 86_400_000.0
        + (h * 60.0 + m) * 60_000.0;
    let options = crate::format::options(&[
        ("timeZone", crate::format::TIME_ZONE),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ]);
    for offset in [1.0, 2.0] {
        let instant =
            js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(utc - offset * 3_600_000.0));
        let shown: String = instant
            .to_locale_time_string_with_options("sv-SE", &options)
            .into();
        if shown == time {
            return Some(format!("{date}T{time}:00+0{offset}:00"));
        }
    }
    None
}
