//! Staff: the activities and their recurrence, one occurrence's changes
//! (cancel or move, with a note) and who is expected, and the assignments
//! that put an activity on a young person's schedule.

mod activity_form;
mod assign;
mod occurrences;

pub use activity_form::*;
pub use assign::*;
pub use occurrences::*;

use leptos::prelude::*;

use crate::components::data::not_yet;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use lotsen_api::schedule::{
    Activity, ActivityKind, Assignment, NewActivity, NewAssignment, Occurrence, OccurrenceChange,
    Recurrence, Schedule,
};

use super::calendar_math::{add_days, group_by_day, monday};
use super::{Route, StatusLabel, kind_label, occurrence_status};
use crate::api::{Api, ApiError};
use crate::components::card::Card;
use crate::components::data::{Loaded, LoadedList, load};
use crate::components::field::{
    CheckBox, ChoiceOptions, FormAlert, SelectField, SelectOption, StaffOptions, TextArea,
    TextField, described_by,
};
use crate::components::shell::PageShell;
use crate::components::status::{ErrorMessage, Loading};
use crate::components::submit::Form;
use crate::format::{day_label, weekday_short};
use crate::forms::optional;
use crate::forms::{FormErrors, focus_later};
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::{Access, load_path};
use crate::validation::today;

/// Staff's schedule pages, chosen by the address (a chunk of their own:
/// `src/chunks.rs`).
#[component]
pub fn StaffSchedulePages() -> impl IntoView {
    super::offline::register_service_worker();
    let page = super::use_route();
    move || match page.get() {
        Route::Activities => view! { <ActivitiesPage /> }.into_any(),
        Route::NewActivity => view! { <NewActivityPage /> }.into_any(),
        Route::Activity(id) => view! { <ActivityPage id /> }.into_any(),
        Route::EditActivity(id) => view! { <EditActivityPage id /> }.into_any(),
        Route::Youth(id) => view! { <YouthSchedulePage id /> }.into_any(),
        _ => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

/// The activities, soonest term first.
#[component]
pub fn ActivitiesPage() -> impl IntoView {
    view! {
        <PageShell title=label!(schedule.activities_title) access=Access::Staff>
            <ActivitiesList />
        </PageShell>
    }
}

/// "Mon, Wed 09:00–12:00" for a recurrence.
pub fn recurrence_text(r: &Recurrence, locale: Locale) -> String {
    let days: Vec<&str> = r
        .weekdays
        .iter()
        .map(|d| weekday_short(*d, locale))
        .collect();
    format!("{} {}–{}", days.join(", "), r.start_time, r.end_time)
}

#[component]
fn ActivitiesList() -> impl IntoView {
    let i18n = use_i18n();
    let list = load(Api::current().activities());
    view! {
        <div class="page">
            <h1>{tr!(schedule.activities_heading)}</h1>
            <p><A href="/schedule/activities/new" attr:class="button">{tr!(schedule.new_activity)}</A></p>
            <p><A href="/feedback">{tr!(feedback.feedback_link)}</A></p>
            <LoadedList data=list empty=label!(schedule.activities_empty) let:list>
                <ul class="youth-list">
                    {list
                        .into_iter()
                        .map(|a| {
                            let kind = a.kind;
                            let recurrence = a.recurrence.clone();
                            view! {
                                <li class="youth-list__item">
                                    <A href=format!("/schedule/activities/{}", a.id) attr:class="youth-list__name">{a.title}</A>
                                    <p class="youth-list__meta">
                                        <span>{move || kind_label(kind, i18n.get_locale())}</span>
                                        <span>{move || recurrence_text(&recurrence, i18n.get_locale())}</span>
                                        <span>{format!("{} – {}", a.recurrence.first_date, a.recurrence.last_date)}</span>
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </LoadedList>
        </div>
    }
}

/// A new activity.
#[component]
pub fn NewActivityPage() -> impl IntoView {
    view! {
        <PageShell title=label!(schedule.new_activity_title) access=Access::Staff>
            <div class="page page--narrow">
                <p class="breadcrumb"><A href="/schedule/activities">{tr!(schedule.back_to_activities)}</A></p>
                <h1>{tr!(schedule.new_activity_title)}</h1>
                <ActivityForm existing=None />
            </div>
        </PageShell>
    }
}

/// Changing an activity.
#[component]
pub fn EditActivityPage(id: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(schedule.edit_activity_title) access=Access::Staff>
            <EditActivityLoader id />
        </PageShell>
    }
}

#[component]
fn EditActivityLoader(id: i64) -> impl IntoView {
    let activity = load(Api::current().activity(id));
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href=format!("/schedule/activities/{id}")>{tr!(schedule.back_to_activity)}</A></p>
            <h1>{tr!(schedule.edit_activity_title)}</h1>
            <Loaded data=activity let:a>
                <ActivityForm existing=Some(a) />
            </Loaded>
        </div>
    }
}
