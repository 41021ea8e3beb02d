//! Staff: the activities and their recurrence, one occurrence's changes
//! (cancel or move, with a note) and who is expected, and the assignments
//! that put an activity on a young person's schedule.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use lotsen_api::people::{StaffMember, YouthDetail};
use lotsen_api::schedule::{
    Activity, ActivityKind, Assignment, NewActivity, NewAssignment, Occurrence, OccurrenceChange,
    Recurrence, Schedule,
};

use super::calendar_math::{add_days, group_by_day, monday};
use super::youth::focus_later;
use super::{StatusLabel, day_label, kind_label, occurrence_status, weekday_short};
use crate::api::{Api, ApiError};
use crate::components::field::{FormAlert, TextField};
use crate::components::guard::Protected;
use crate::components::page_title::PageTitle;
use crate::components::status::{ErrorMessage, Loading};
use crate::forms::{FormErrors, optional};
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::{Access, load, use_session};
use crate::validation::today;

/// The activities, soonest term first.
#[component]
pub fn ActivitiesPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(schedule.activities_title) />
        <Protected access=Access::Staff>
            <ActivitiesList />
        </Protected>
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
    let list = load::<Vec<Activity>>("/activities".into());
    view! {
        <div class="page">
            <h1>{tr!(schedule.activities_heading)}</h1>
            <p><A href="/schedule/activities/new" attr:class="button">{tr!(schedule.new_activity)}</A></p>
            <p><A href="/feedback">{tr!(feedback.feedback_link)}</A></p>
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{tr!(schedule.activities_empty)}</p> }.into_any(),
                Some(Ok(list)) => view! {
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
                }
                .into_any(),
            }}
        </div>
    }
}

/// A new activity.
#[component]
pub fn NewActivityPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(schedule.new_activity_title) />
        <Protected access=Access::Staff>
            <div class="page page--narrow">
                <p class="breadcrumb"><A href="/schedule/activities">{tr!(schedule.back_to_activities)}</A></p>
                <h1>{tr!(schedule.new_activity_title)}</h1>
                <ActivityForm existing=None />
            </div>
        </Protected>
    }
}

/// Changing an activity.
#[component]
pub fn EditActivityPage(id: i64) -> impl IntoView {
    view! {
        <PageTitle page=label!(schedule.edit_activity_title) />
        <Protected access=Access::Staff>
            <EditActivityLoader id />
        </Protected>
    }
}

#[component]
fn EditActivityLoader(id: i64) -> impl IntoView {
    let activity = load::<Activity>(format!("/activities/{id}"));
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href=format!("/schedule/activities/{id}")>{tr!(schedule.back_to_activity)}</A></p>
            <h1>{tr!(schedule.edit_activity_title)}</h1>
            {move || match activity.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(a)) => view! { <ActivityForm existing=Some(a) /> }.into_any(),
            }}
        </div>
    }
}

const FORM: &str = "activity";
const ACTIVITY_FIELDS: [&str; 11] = [
    "title",
    "description",
    "place",
    "kind",
    "leader_id",
    "capacity",
    "recurrence.weekdays",
    "recurrence.start_time",
    "recurrence.end_time",
    "recurrence.first_date",
    "recurrence.last_date",
];

/// The activity form (new or existing).
#[component]
fn ActivityForm(existing: Option<Activity>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let staff = load::<Vec<StaffMember>>("/staff".into());
    let e = existing.clone();
    let title = RwSignal::new(e.as_ref().map(|a| a.title.clone()).unwrap_or_default());
    let description = RwSignal::new(
        e.as_ref()
            .map(|a| a.description.clone())
            .unwrap_or_default(),
    );
    let place = RwSignal::new(e.as_ref().map(|a| a.place.clone()).unwrap_or_default());
    let kind = RwSignal::new(e.as_ref().map_or(ActivityKind::WorkingLife, |a| a.kind));
    let leader = RwSignal::new(
        e.as_ref()
            .and_then(|a| a.leader.as_ref().map(|l| l.id.to_string()))
            .unwrap_or_default(),
    );
    let capacity = RwSignal::new(
        e.as_ref()
            .and_then(|a| a.capacity.map(|c| c.to_string()))
            .unwrap_or_default(),
    );
    let weekdays = RwSignal::new(
        e.as_ref()
            .map(|a| a.recurrence.weekdays.clone())
            .unwrap_or_default(),
    );
    let start_time = RwSignal::new(
        e.as_ref()
            .map_or("09:00".to_string(), |a| a.recurrence.start_time.clone()),
    );
    let end_time = RwSignal::new(
        e.as_ref()
            .map_or("12:00".to_string(), |a| a.recurrence.end_time.clone()),
    );
    let first_date = RwSignal::new(e.as_ref().map_or_else(
        || today().to_string(),
        |a| a.recurrence.first_date.to_string(),
    ));
    let last_date = RwSignal::new(e.as_ref().map_or_else(
        || add_days(today(), 7 * 16).to_string(),
        |a| a.recurrence.last_date.to_string(),
    ));
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let existing_id = existing.as_ref().map(|a| a.id);
    let field_error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| e.field(field)));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let date = |s: String, field: &'static str, problems: &mut Vec<(&'static str, String)>| {
            let d = lotsen_api::date::parse_iso(s.trim());
            if d.is_none() {
                problems.push((field, td_string!(locale, schedule.err_date).to_string()));
            }
            d
        };
        let first = date(
            first_date.get_untracked(),
            "recurrence.first_date",
            &mut problems,
        );
        let last = date(
            last_date.get_untracked(),
            "recurrence.last_date",
            &mut problems,
        );
        let cap = optional(&capacity.get_untracked());
        let cap_value = match cap.as_deref().map(str::parse::<u32>) {
            Some(Err(_)) => {
                problems.push((
                    "capacity",
                    td_string!(locale, schedule.err_number).to_string(),
                ));
                None
            }
            Some(Ok(c)) => Some(c),
            None => None,
        };
        let fallback = today();
        let draft = NewActivity {
            title: title.get_untracked(),
            description: description.get_untracked(),
            place: place.get_untracked(),
            kind: kind.get_untracked(),
            leader_id: leader.get_untracked().parse().ok(),
            capacity: cap_value,
            recurrence: Recurrence {
                weekdays: weekdays.get_untracked(),
                start_time: start_time.get_untracked(),
                end_time: end_time.get_untracked(),
                first_date: first.unwrap_or(fallback),
                last_date: last.unwrap_or(fallback),
            },
        };
        // The shared validation, as the server runs it (trimmed texts, sorted weekdays).
        let request = match draft.validate() {
            Ok(valid) => Some(valid),
            Err(found) => {
                for (field, code) in found {
                    if !problems.iter().any(|(f, _)| *f == field) {
                        problems.push((field, error_message(locale, code).to_string()));
                    }
                }
                None
            }
        };
        let Some(request) = request.filter(|_| problems.is_empty()) else {
            problems.sort_by_key(|(f, _)| ACTIVITY_FIELDS.iter().position(|x| x == f));
            errors.set(FormErrors::from_checks(locale, problems));
            errors.with_untracked(|e| e.focus_first(FORM));
            return;
        };
        errors.set(FormErrors::none());
        busy.set(true);
        let api = Api::current();
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match existing_id {
                Some(id) => {
                    api.put::<_, Activity>(&format!("/activities/{id}"), &request)
                        .await
                }
                None => api.post::<_, Activity>("/activities", &request).await,
            };
            busy.set(false);
            match result {
                Ok(saved) => navigate(
                    &format!("/schedule/activities/{}", saved.id),
                    Default::default(),
                ),
                Err(error) => {
                    session.check(&error);
                    errors.set(FormErrors::from_api(&error, &ACTIVITY_FIELDS));
                    if !errors.with_untracked(|e| e.focus_first(FORM)) {
                        focus_later("activity-alert".into());
                    }
                }
            }
        });
    };

    view! {
        <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <div id="activity-alert" tabindex="-1">
                <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
            </div>
            <TextField form=FORM name="title" label=label!(schedule.f_title) value=title error=field_error("title") />
            <div class="field" class:field--invalid=move || errors.with(|e| e.field("description").is_some())>
                <label class="field__label" for="activity-description">{tr!(schedule.f_description)}</label>
                {move || field_error("description").get().map(|m| view! { <p class="field__error" id="activity-description-error">{m}</p> })}
                <textarea class="field__input" id="activity-description" rows="3" bind:value=description></textarea>
            </div>
            <TextField form=FORM name="place" label=label!(schedule.f_place) value=place error=field_error("place") />
            <div class="field">
                <label class="field__label" for="activity-kind">{tr!(schedule.f_kind)}</label>
                <select class="field__input" id="activity-kind" on:change:target=move |ev| {
                    if let Some(k) = ActivityKind::parse(&ev.target().value()) {
                        kind.set(k);
                    }
                }>
                    {ActivityKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=move || kind.get() == k>
                                    {move || kind_label(k, i18n.get_locale())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="activity-leader_id">{tr!(schedule.f_leader)}</label>
                {move || field_error("leader_id").get().map(|m| view! { <p class="field__error">{m}</p> })}
                <select class="field__input" id="activity-leader_id" on:change:target=move |ev| leader.set(ev.target().value())>
                    <option value="" selected=move || leader.with(String::is_empty)>{tr!(schedule.no_leader)}</option>
                    {move || {
                        staff
                            .get()
                            .and_then(Result::ok)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|s| {
                                let id = s.id.to_string();
                                let value = id.clone();
                                view! { <option value=value selected=move || leader.with(|l| *l == id)>{s.name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <TextField
                form=FORM
                name="capacity"
                label=label!(schedule.f_capacity)
                hint=label!(schedule.f_capacity_hint)
                value=capacity
                error=field_error("capacity")
                inputmode="numeric"
            />
            <WeekdayChoice id="activity-recurrence.weekdays" legend=label!(schedule.f_weekdays) chosen=weekdays error=field_error("recurrence.weekdays") />
            <TextField form=FORM name="recurrence.start_time" label=label!(schedule.f_start) value=start_time error=field_error("recurrence.start_time") input_type="time" />
            <TextField form=FORM name="recurrence.end_time" label=label!(schedule.f_end) value=end_time error=field_error("recurrence.end_time") input_type="time" />
            <TextField form=FORM name="recurrence.first_date" label=label!(schedule.f_first_date) value=first_date error=field_error("recurrence.first_date") input_type="date" />
            <TextField form=FORM name="recurrence.last_date" label=label!(schedule.f_last_date) value=last_date error=field_error("recurrence.last_date") input_type="date" />
            <button type="submit" class="button">{tr!(schedule.save)}</button>
        </form>
    }
}

/// Weekday check boxes (1 = Monday … 7 = Sunday) in a fieldset.
#[component]
fn WeekdayChoice(
    id: &'static str,
    legend: Signal<&'static str>,
    chosen: RwSignal<Vec<u8>>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <fieldset class="field choice-group" aria-describedby=described class:field--invalid=move || error.with(Option::is_some)>
            <legend class="field__label">{legend}</legend>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            {(1u8..=7)
                .map(|d| {
                    // Monday's box carries the group's id, so that an error focuses it.
                    let box_id = if d == 1 { id.to_string() } else { format!("{id}-{d}") };
                    view! {
                        <div class="field--check">
                            <input
                                class="field__check"
                                type="checkbox"
                                id=box_id.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&d))
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    chosen.update(|c| {
                                        c.retain(|x| *x != d);
                                        if on {
                                            c.push(d);
                                            c.sort_unstable();
                                        }
                                    });
                                }
                            />
                            <label for=box_id>{move || super::weekday_long(d, i18n.get_locale())}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// One activity: its details, and its occurrences for the coming weeks.
#[component]
pub fn ActivityPage(id: i64) -> impl IntoView {
    view! {
        <PageTitle page=label!(schedule.activity_title) />
        <Protected access=Access::Staff>
            <ActivityLoader id />
        </Protected>
    }
}

#[component]
fn ActivityLoader(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let activity = load::<Activity>(format!("/activities/{id}"));
    let from = monday(today());
    let to = add_days(from, 7 * 4 - 1);
    let occurrences =
        load::<Vec<Occurrence>>(format!("/activities/{id}/occurrences?from={from}&to={to}"));
    view! {
        <div class="page">
            <p class="breadcrumb"><A href="/schedule/activities">{tr!(schedule.back_to_activities)}</A></p>
            {move || match activity.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! {
                    <h1>{tr!(schedule.activity_title)}</h1>
                    <ErrorMessage message=error.message().to_string() />
                }
                .into_any(),
                Some(Ok(a)) => {
                    let kind = a.kind;
                    let recurrence = a.recurrence.clone();
                    view! {
                        <h1>{a.title.clone()}</h1>
                        <section class="card" aria-labelledby="activity-details">
                            <h2 id="activity-details">{tr!(schedule.details)}</h2>
                            <dl class="details">
                                <div class="details__row"><dt>{tr!(schedule.f_kind)}</dt><dd>{move || kind_label(kind, i18n.get_locale())}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.when)}</dt><dd>{move || recurrence_text(&recurrence, i18n.get_locale())}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.term)}</dt><dd>{format!("{} – {}", a.recurrence.first_date, a.recurrence.last_date)}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.f_place)}</dt><dd>{a.place.clone()}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.f_leader)}</dt><dd>{a.leader.clone().map(|l| l.name)}</dd></div>
                                <div class="details__row"><dt>{tr!(schedule.f_capacity)}</dt><dd>{a.capacity.map(|c| c.to_string())}</dd></div>
                            </dl>
                            {(!a.description.is_empty()).then(|| view! { <p class="prewrap">{a.description.clone()}</p> })}
                            <p><A href=format!("/schedule/activities/{id}/edit")>{tr!(schedule.edit_activity)}</A></p>
                        </section>
                    }
                    .into_any()
                }
            }}
            <section class="card" aria-labelledby="activity-occurrences">
                <h2 id="activity-occurrences">{tr!(schedule.occurrences)}</h2>
                {move || match occurrences.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{tr!(schedule.occurrences_empty)}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <ul class="youth-list">
                            {list.into_iter().map(|o| view! { <OccurrenceItem activity=id occurrence=o /> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }}
            </section>
        </div>
    }
}

/// What an occurrence's form is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Editing {
    Nothing,
    Cancel,
    ConfirmCancel,
    Move,
}

/// One occurrence: when, its status, who is expected and who can't come; cancel, move or restore.
#[component]
fn OccurrenceItem(activity: i64, occurrence: Occurrence) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(occurrence);
    let editing = RwSignal::new(Editing::Nothing);
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (date, start, end) = current.with_untracked(|o| (o.date, o.start.clone(), o.end.clone()));
    let new_date = RwSignal::new(date.to_string());
    let new_start = RwSignal::new(start.clone());
    let new_end = RwSignal::new(end.clone());
    let key = format!("occ-{date}");
    let path = format!("/activities/{activity}/occurrences/{date}");

    let send = {
        let path = path.clone();
        move |change: Option<OccurrenceChange>| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            error.set(None);
            let path = path.clone();
            let api = Api::current();
            spawn_local(async move {
                let result = match &change {
                    Some(change) => api.put::<_, Occurrence>(&path, change).await,
                    None => api.delete::<Occurrence>(&path).await,
                };
                busy.set(false);
                match result {
                    Ok(updated) => {
                        current.set(updated);
                        editing.set(Editing::Nothing);
                        note.set(String::new());
                        focus_later(format!("occ-{date}-status"));
                    }
                    Err(e) => {
                        session.check(&e);
                        error.set(Some(e.message().to_string()));
                    }
                }
            });
        }
    };
    let cancel_it = {
        let send = send.clone();
        move |_| {
            send(Some(OccurrenceChange::Cancel {
                note: optional(&note.get_untracked()),
            }))
        }
    };
    let move_it = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(to_date) = lotsen_api::date::parse_iso(new_date.get_untracked().trim()) else {
                error.set(Some(
                    td_string!(i18n.get_locale_untracked(), schedule.err_date).to_string(),
                ));
                focus_later(format!("occ-{date}-date"));
                return;
            };
            send(Some(OccurrenceChange::Move {
                date: to_date,
                start: new_start.get_untracked(),
                end: new_end.get_untracked(),
                note: optional(&note.get_untracked()),
            }))
        }
    };
    let restore = {
        let send = send.clone();
        move |_| send(None)
    };
    let open = move |what: Editing, focus: String| {
        editing.set(what);
        focus_later(focus);
    };
    let k = key.clone();

    view! {
        <li class="youth-list__item">
            <p class="youth-list__name">{move || format!("{} {}–{}", day_label(date, i18n.get_locale()), start, end)}</p>
            <p id=format!("{key}-status") tabindex="-1">
                {move || match occurrence_status(&current.get()) {
                    StatusLabel::AsPlanned => view! { <span>{tr!(schedule.as_planned)}</span> }.into_any(),
                    StatusLabel::Cancelled => view! { <span class="badge">{tr!(schedule.cancelled)}</span> }.into_any(),
                    StatusLabel::Moved { .. } => {
                        let o = current.get();
                        let to = o.moved_to.clone();
                        view! {
                            <span class="badge">
                                {tr!(schedule.moved)} " "
                                {to.map(|t| format!("{} {} {}–{}", t_string!(i18n, schedule.moved_to), day_label(t.date, i18n.get_locale()), t.start, t.end))}
                            </span>
                        }
                        .into_any()
                    }
                }}
            </p>
            {move || current.get().note.map(|n| view! { <p class="prewrap">{tr!(schedule.note)} ": " {n}</p> })}
            {move || {
                let o = current.get();
                let expected = o.expected.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
                let count = o.expected.len();
                let absent = o.absent.clone();
                view! {
                    <p>{tr!(schedule.expected)} " (" {count} "): " {expected}</p>
                    {(!absent.is_empty()).then(|| view! {
                        <p>{tr!(schedule.cant_come_list)} ": "
                            {absent.into_iter().map(|a| match a.reason {
                                Some(r) if !r.is_empty() => format!("{} ({r})", a.name),
                                _ => a.name,
                            }).collect::<Vec<_>>().join(", ")}
                        </p>
                    })}
                }
            }}
            {move || error.get().map(|m| view! { <p class="alert" role="alert">{m}</p> })}
            <div class="actions" hidden=move || editing.get() != Editing::Nothing>
                {move || {
                    let changed = occurrence_status(&current.get()) != StatusLabel::AsPlanned;
                    if changed {
                        view! {
                            <button type="button" class="button button--secondary" on:click=restore.clone() aria-disabled=move || busy.get().then_some("true")>
                                {tr!(schedule.restore)}
                            </button>
                        }
                        .into_any()
                    } else {
                        let (a, b) = (format!("{k}-note"), format!("{k}-date"));
                        view! {
                            <button type="button" class="button button--secondary" on:click=move |_| open(Editing::Cancel, a.clone())>
                                {tr!(schedule.cancel_occurrence)}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| open(Editing::Move, b.clone())>
                                {tr!(schedule.move_occurrence)}
                            </button>
                        }
                        .into_any()
                    }
                }}
            </div>
            <form class="form confirm" novalidate hidden=move || editing.get() == Editing::Nothing on:submit=move_it aria-busy=move || busy.get().then_some("true")>
                <div hidden=move || editing.get() != Editing::Move>
                    <TextField form="occ" name="date" label=label!(schedule.new_date) value=new_date input_type="date" />
                    <TextField form="occ" name="start" label=label!(schedule.f_start) value=new_start input_type="time" />
                    <TextField form="occ" name="end" label=label!(schedule.f_end) value=new_end input_type="time" />
                </div>
                <div class="field">
                    <label class="field__label" for=format!("{key}-note")>{tr!(schedule.note_label)}</label>
                    <input class="field__input" id=format!("{key}-note") type="text" maxlength="500" bind:value=note />
                </div>
                <p id=format!("{key}-confirm") tabindex="-1" hidden=move || editing.get() != Editing::ConfirmCancel>
                    {tr!(schedule.cancel_question)}
                </p>
                <div class="actions">
                    {
                        let confirm_id = format!("{key}-confirm");
                        move || match editing.get() {
                            Editing::Move => view! { <button type="submit" class="button">{tr!(schedule.move_save)}</button> }.into_any(),
                            Editing::Cancel => {
                                let confirm_id = confirm_id.clone();
                                view! {
                                    <button type="button" class="button" on:click=move |_| open(Editing::ConfirmCancel, confirm_id.clone())>
                                        {tr!(schedule.cancel_occurrence)}
                                    </button>
                                }
                                .into_any()
                            }
                            Editing::ConfirmCancel => view! {
                                <button type="button" class="button" on:click=cancel_it.clone() aria-disabled=move || busy.get().then_some("true")>
                                    {tr!(schedule.cancel_yes)}
                                </button>
                            }
                            .into_any(),
                            Editing::Nothing => ().into_any(),
                        }
                    }
                    <button type="button" class="button button--secondary" on:click=move |_| editing.set(Editing::Nothing)>
                        {tr!(schedule.cancel)}
                    </button>
                </div>
            </form>
        </li>
    }
}

/// A young person's schedule, seen by staff: the assignments, assigning an
/// activity, and this week with who said they can't come.
#[component]
pub fn YouthSchedulePage(id: i64) -> impl IntoView {
    view! {
        <PageTitle page=label!(schedule.youth_title) />
        <Protected access=Access::Staff>
            <YouthSchedule id />
        </Protected>
    }
}

#[component]
fn YouthSchedule(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let youth = load::<YouthDetail>(format!("/youth/{id}"));
    let assignments = load::<Vec<Assignment>>(format!("/youth/{id}/assignments"));
    let from = monday(today());
    let to = add_days(from, 6);
    let week = load::<Schedule>(format!("/youth/{id}/schedule?from={from}&to={to}"));
    let activities = load::<Vec<Activity>>("/activities".into());
    view! {
        <div class="page">
            <p class="breadcrumb"><A href=format!("/staff/youth/{id}")>{tr!(schedule.back_to_youth)}</A></p>
            <h1>
                {tr!(schedule.youth_heading)}
                {move || youth.get().and_then(Result::ok).map(|y| format!(": {}", y.name))}
            </h1>
            <section class="card" aria-labelledby="youth-assignments">
                <h2 id="youth-assignments">{tr!(schedule.assignments)}</h2>
                {move || match assignments.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{tr!(schedule.assignments_empty)}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <ul class="plain-list">
                            {list.into_iter().map(|a| view! { <AssignmentItem youth=id assignment=a list=assignments /> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }}
                <AssignForm youth=id activities assignments />
            </section>
            <section class="card" aria-labelledby="youth-week">
                <h2 id="youth-week">{tr!(schedule.this_week)}</h2>
                {move || match week.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                    Some(Ok(s)) if s.items.is_empty() => view! { <p class="empty">{tr!(schedule.week_empty)}</p> }.into_any(),
                    Some(Ok(s)) => view! {
                        {group_by_day(s.items, |i| i.date)
                            .into_iter()
                            .map(|(d, items)| view! {
                                <h3>{move || day_label(d, i18n.get_locale())}</h3>
                                <ul class="plain-list">
                                    {items.into_iter().map(|i| {
                                        let status = super::status_label(&i);
                                        view! {
                                            <li>
                                                <span class="plain-list__name">{format!("{}–{} {}", i.start, i.end, i.title)}</span>
                                                " "
                                                {(status == StatusLabel::Cancelled).then(|| view! { <span class="badge">{tr!(schedule.cancelled)}</span> })}
                                                {matches!(status, StatusLabel::Moved { .. }).then(|| view! { <span class="badge">{tr!(schedule.moved)}</span> })}
                                                {i.absence.map(|r| view! {
                                                    <span class="plain-list__meta">
                                                        " " {tr!(schedule.absent_staff)}
                                                        {(!r.is_empty()).then(|| format!(" ({r})"))}
                                                    </span>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            })
                            .collect_view()}
                    }
                    .into_any(),
                }}
            </section>
        </div>
    }
}

/// One assignment, with "end" (from today).
#[component]
fn AssignmentItem(
    youth: i64,
    assignment: Assignment,
    list: RwSignal<Option<Result<Vec<Assignment>, ApiError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = assignment.id;
    let weekdays = assignment.weekdays.clone();
    let end = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .delete::<()>(&format!("/youth/{youth}/assignments/{id}"))
                .await;
            busy.set(false);
            match result {
                Ok(()) => {
                    list.update(|l| {
                        if let Some(Ok(l)) = l {
                            l.retain(|a| a.id != id);
                        }
                    });
                    focus_later("youth-assignments".into());
                }
                Err(e) => {
                    session.check(&e);
                    error.set(Some(e.message().to_string()));
                }
            }
        });
    };
    view! {
        <li>
            <span class="plain-list__name">{assignment.activity_title.clone()}</span>
            " "
            <span class="plain-list__meta">
                {move || {
                    let locale = i18n.get_locale();
                    let days = if weekdays.is_empty() {
                        td_string!(locale, schedule.all_days).to_string()
                    } else {
                        weekdays.iter().map(|d| weekday_short(*d, locale)).collect::<Vec<_>>().join(", ")
                    };
                    format!("{days}, {} {}", td_string!(locale, schedule.from_date_short), assignment.from_date)
                }}
            </span>
            {move || error.get().map(|m| view! { <p class="alert" role="alert">{m}</p> })}
            <div>
                <button type="button" class="button button--secondary" on:click=end aria-disabled=move || busy.get().then_some("true")>
                    {tr!(schedule.end_assignment)}
                </button>
            </div>
        </li>
    }
}

const ASSIGN_FIELDS: [&str; 3] = ["activity_id", "weekdays", "from_date"];

/// Assigning an activity: the whole series or some of its weekdays, from a date.
#[component]
fn AssignForm(
    youth: i64,
    activities: RwSignal<Option<Result<Vec<Activity>, ApiError>>>,
    assignments: RwSignal<Option<Result<Vec<Assignment>, ApiError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let chosen = RwSignal::new(String::new());
    let weekdays = RwSignal::new(Vec::<u8>::new());
    let from_date = RwSignal::new(today().to_string());
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let field_error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| e.field(field)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        done.set(false);
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let activity_id = chosen.get_untracked().parse::<i64>().ok();
        if activity_id.is_none() {
            problems.push(("activity_id", error_message(locale, "required").to_string()));
        }
        let from = lotsen_api::date::parse_iso(from_date.get_untracked().trim());
        if from.is_none() {
            problems.push((
                "from_date",
                td_string!(locale, schedule.err_date).to_string(),
            ));
        }
        let (Some(activity_id), Some(from)) = (activity_id, from) else {
            errors.set(FormErrors::from_checks(locale, problems));
            errors.with_untracked(|e| e.focus_first("assign"));
            return;
        };
        errors.set(FormErrors::none());
        busy.set(true);
        let request = NewAssignment {
            activity_id,
            weekdays: weekdays.get_untracked(),
            from_date: from,
        };
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .post::<_, Assignment>(&format!("/youth/{youth}/assignments"), &request)
                .await;
            busy.set(false);
            match result {
                Ok(a) => {
                    assignments.update(|l| match l {
                        Some(Ok(l)) => l.push(a),
                        other => *other = Some(Ok(vec![a])),
                    });
                    chosen.set(String::new());
                    weekdays.set(Vec::new());
                    done.set(true);
                    focus_later("assign-status".into());
                }
                Err(error) => {
                    session.check(&error);
                    errors.set(FormErrors::from_api(&error, &ASSIGN_FIELDS));
                    if !errors.with_untracked(|e| e.focus_first("assign")) {
                        focus_later("assign-alert".into());
                    }
                }
            }
        });
    };
    view! {
        <h3>{tr!(schedule.assign_heading)}</h3>
        <p class="status" role="status" id="assign-status" tabindex="-1">
            {move || done.get().then(|| t_string!(i18n, schedule.assigned))}
        </p>
        <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <div id="assign-alert" tabindex="-1">
                <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
            </div>
            <div class="field" class:field--invalid=move || errors.with(|e| e.field("activity_id").is_some())>
                <label class="field__label" for="assign-activity_id">{tr!(schedule.f_activity)}</label>
                {move || field_error("activity_id").get().map(|m| view! { <p class="field__error" id="assign-activity_id-error">{m}</p> })}
                <select
                    class="field__input"
                    id="assign-activity_id"
                    aria-describedby=move || errors.with(|e| e.field("activity_id").is_some()).then_some("assign-activity_id-error")
                    aria-invalid=move || errors.with(|e| e.field("activity_id").is_some()).then_some("true")
                    on:change:target=move |ev| chosen.set(ev.target().value())
                >
                    <option value="" selected=move || chosen.with(String::is_empty)>{tr!(schedule.choose_activity)}</option>
                    {move || {
                        activities
                            .get()
                            .and_then(Result::ok)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|a| {
                                let id = a.id.to_string();
                                let value = id.clone();
                                let text = format!("{} ({})", a.title, recurrence_text(&a.recurrence, i18n.get_locale()));
                                view! { <option value=value selected=move || chosen.with(|c| *c == id)>{text}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <WeekdayChoice
                id="assign-weekdays"
                legend=label!(schedule.f_assign_weekdays)
                hint=label!(schedule.f_assign_weekdays_hint)
                chosen=weekdays
                error=field_error("weekdays")
            />
            <TextField form="assign" name="from_date" label=label!(schedule.f_from_date) value=from_date error=field_error("from_date") input_type="date" />
            <button type="submit" class="button">{tr!(schedule.assign)}</button>
        </form>
    }
}
