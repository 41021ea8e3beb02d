//! The individual schedule: a young person's day and week (with "can't
//! come"), their calendar subscription, and for staff the activities, their
//! occurrences and who is expected, and the assignments to a young person's
//! schedule. All of it is in the `schedule` wasm chunk (`src/chunks.rs`),
//! which also registers the service worker ([`offline`]).
//!
//! This module holds the routes and the plain logic the pages share, tested
//! in the browser tests.

pub mod calendar;
pub mod calendar_math;
pub mod offline;
pub mod staff;
pub mod youth;

use leptos::prelude::*;
use lotsen_api::Date;
use lotsen_api::schedule::{ActivityKind, Occurrence, OccurrenceStatus, ScheduleItem};

use crate::i18n::Locale;

/// The pages under `/schedule` (one route in the main module; the rest of
/// the path is read here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `` (nothing): today, for a young person; staff go on to their activities.
    Today,
    /// `week` (this week) or `week/{YYYY-MM-DD}` (the week of that day).
    Week(Option<Date>),
    /// `calendar`: the calendar subscription.
    Calendar,
    /// `activities` (staff).
    Activities,
    /// `activities/new` (staff).
    NewActivity,
    /// `activities/{id}`: its occurrences, who is expected (staff).
    Activity(i64),
    /// `activities/{id}/edit` (staff).
    EditActivity(i64),
    /// `youth/{id}`: a young person's assignments and schedule (staff).
    Youth(i64),
    /// Anything else.
    NotFound,
}

/// The page for the path after `/schedule`.
pub fn route(rest: &str) -> Route {
    let rest = rest.trim_matches('/');
    let id = |s: &str| s.parse::<i64>().ok().filter(|id| *id > 0);
    if rest.is_empty() {
        return Route::Today;
    }
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["week"] => Route::Week(None),
        ["week", day] => {
            lotsen_api::date::parse_iso(day).map_or(Route::NotFound, |d| Route::Week(Some(d)))
        }
        ["calendar"] => Route::Calendar,
        ["activities"] => Route::Activities,
        ["activities", "new"] => Route::NewActivity,
        ["activities", a] => id(a).map_or(Route::NotFound, Route::Activity),
        ["activities", a, "edit"] => id(a).map_or(Route::NotFound, Route::EditActivity),
        ["youth", y] => id(y).map_or(Route::NotFound, Route::Youth),
        _ => Route::NotFound,
    }
}

/// The address of the week view for the week of `day`.
pub fn week_path(day: Date) -> String {
    format!("/schedule/week/{}", calendar_math::monday(day))
}

/// The page for the address (see [`crate::chunks::use_area_route`]).
pub fn use_route() -> Memo<Route> {
    crate::chunks::use_area_route("/schedule", route)
}

/// A young person's schedule pages, chosen by the address. Staff's pages
/// (`activities…`, `youth/{id}`) are routed to their own chunk
/// ([`staff::StaffSchedulePages`]) before this one.
#[component]
pub fn SchedulePages() -> impl IntoView {
    offline::register_service_worker();
    let page = use_route();
    move || match page.get() {
        Route::Today => view! { <youth::TodayPage /> }.into_any(),
        Route::Week(day) => view! { <youth::WeekPage day /> }.into_any(),
        Route::Calendar => view! { <calendar::CalendarPage /> }.into_any(),
        _ => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

/// How a change to an occurrence is marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusLabel {
    /// As planned: nothing to mark.
    AsPlanned,
    /// "Inställt" / "Cancelled".
    Cancelled,
    /// "Flyttat" / "Moved": shown at its new time, with where it was.
    Moved { from_date: Date, from_start: String },
}

/// The mark for one item of a young person's schedule.
pub fn status_label(item: &ScheduleItem) -> StatusLabel {
    match item.status {
        OccurrenceStatus::Scheduled => StatusLabel::AsPlanned,
        OccurrenceStatus::Cancelled => StatusLabel::Cancelled,
        OccurrenceStatus::Moved => match &item.moved_from {
            Some(from) => StatusLabel::Moved {
                from_date: from.date,
                from_start: from.start.clone(),
            },
            None => StatusLabel::Moved {
                from_date: item.date,
                from_start: item.start.clone(),
            },
        },
    }
}

/// The mark for an occurrence in staff's list (listed at its planned time).
pub fn occurrence_status(occurrence: &Occurrence) -> StatusLabel {
    match occurrence.status {
        OccurrenceStatus::Scheduled => StatusLabel::AsPlanned,
        OccurrenceStatus::Cancelled => StatusLabel::Cancelled,
        OccurrenceStatus::Moved => StatusLabel::Moved {
            from_date: occurrence.date,
            from_start: occurrence.start.clone(),
        },
    }
}

/// The kind as people say it.
pub fn kind_label(kind: ActivityKind, locale: Locale) -> &'static str {
    use crate::i18n::*;
    match kind {
        ActivityKind::WorkingLife => td_string!(locale, schedule.kind_working_life),
        ActivityKind::StudyRoom => td_string!(locale, schedule.kind_study_room),
        ActivityKind::Wellness => td_string!(locale, schedule.kind_wellness),
        ActivityKind::IndividualMeeting => td_string!(locale, schedule.kind_individual_meeting),
        ActivityKind::StudyVisit => td_string!(locale, schedule.kind_study_visit),
        ActivityKind::Other => td_string!(locale, schedule.kind_other),
    }
}
