//! Staff: their day and week of bookings (names and notes), attendance,
//! cancelling with a message, booking for a young person, and keeping their
//! opening hours, time off, session types and group sessions.

mod book_for;
mod day;
mod hours;
mod time_off;
mod types;
mod week_grid;

pub use book_for::*;
pub use day::*;
pub use hours::*;
pub use time_off::*;
pub use types::*;
use week_grid::WeekGrid;

use leptos::prelude::*;

use crate::components::data::not_yet;
use leptos::task::spawn_local;
use leptos_router::components::A;
use lotsen_api::Date;
use lotsen_api::account::Profession;
use lotsen_api::booking::{
    Booking, BookingStatus, FreeTime, FreeTimes, GroupSession, NewGroupSession, NewTimeOff,
    OpeningWindow, SessionType, SessionTypeInput, StaffCancel, StaffNewBooking, Weekday,
    WeeklyHours,
};

use super::youth::TimeChoices;
use super::{Route, status_text, stockholm_time, time_in_request, time_range, when};
use crate::api::{Api, ApiError};
use crate::components::area_style::{DESK_STYLESHEET, WithStylesheet};
use crate::components::card::{Card, ListCard};
use crate::components::data::{Loaded, LoadedList, load, reload};
use crate::components::field::{CheckBox, FormAlert, SelectField, SelectOption, TextField};
use crate::components::shell::PageShell;
use crate::components::status::{ErrorMessage, Loading};
use crate::components::submit::Form;
use crate::format::profession_label;
use crate::format::{day_label, week_label, weekday_long};
use crate::forms::focus_later;
use crate::forms::optional;
use crate::i18n::*;
use crate::messages::error_message;
use crate::pages::schedule::calendar_math::{add_days, group_by_day, monday, week_days};
use crate::session::{Access, use_session};
use crate::validation::today;

/// For [`Form::submit_or`]: shows the problems of a request that names
/// instants (`starts_at`, `ends_at`) next to the fields that show them as
/// times (`start`, `end`).
fn failed_at_times(form: Form, error: &ApiError) -> bool {
    let mut error = error.clone();
    if let ApiError::Server(body) = &mut error {
        for problem in &mut body.fields {
            match problem.field.as_str() {
                "starts_at" => problem.field = "start".into(),
                "ends_at" => problem.field = "end".into(),
                _ => {}
            }
        }
    }
    form.failed(&error);
    true
}

/// Staff's booking pages, chosen by the address (a chunk of their own:
/// `src/chunks.rs`).
#[component]
pub fn StaffBookingPages() -> impl IntoView {
    let page = super::use_route();
    move || match page.get() {
        Route::StaffDay(day) => view! { <DayPage day /> }.into_any(),
        Route::StaffWeek(day) => view! { <WeekPage day /> }.into_any(),
        Route::StaffBook => view! { <BookForPage /> }.into_any(),
        Route::Hours => view! { <HoursPage /> }.into_any(),
        Route::TimeOff => view! { <TimeOffPage /> }.into_any(),
        Route::Types => view! { <TypesPage /> }.into_any(),
        Route::EditType(id) => view! { <EditTypePage id /> }.into_any(),
        _ => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

/// The links between the staff's booking pages.
#[component]
fn StaffNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav aria-label=move || t_string!(i18n, booking.staff_nav)>
            <ul class="link-list">
                <li><A href="/booking/staff">{tr!(booking.day_link)}</A></li>
                <li><A href="/booking/staff/week">{tr!(booking.week_link)}</A></li>
                <li><A href="/booking/staff/book">{tr!(booking.book_for_link)}</A></li>
                <li><A href="/booking/staff/hours">{tr!(booking.hours_link)}</A></li>
                <li><A href="/booking/staff/time-off">{tr!(booking.time_off_link)}</A></li>
                <li><A href="/booking/staff/types">{tr!(booking.types_link)}</A></li>
            </ul>
        </nav>
    }
}
