//! Staff: their day and week of bookings (names and notes), attendance,
//! cancelling with a message, booking for a young person, and keeping their
//! opening hours, time off, session types and group sessions.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use lotsen_api::Date;
use lotsen_api::account::Profession;
use lotsen_api::booking::{
    Attendance, Booking, BookingStatus, DEFAULT_DAYS_AHEAD, FreeTime, FreeTimes, GroupSession,
    NewGroupSession, NewTimeOff, OpeningWindow, SessionType, SessionTypeInput, StaffBookings,
    StaffCancel, StaffNewBooking, TimeOff, Weekday, WeeklyHours,
};
use lotsen_api::people::YouthSummary;

use super::youth::{Ctx, TimeChoices};
use super::{profession_label, status_text, stockholm_time, time_range, when};
use crate::api::{Api, ApiError};
use crate::components::field::{FormAlert, TextField};
use crate::components::guard::Protected;
use crate::components::page_title::PageTitle;
use crate::components::status::{ErrorMessage, Loading};
use crate::forms::{FormErrors, optional};
use crate::i18n::*;
use crate::messages::error_message;
use crate::pages::schedule::calendar_math::{add_days, group_by_day, monday, week_days};
use crate::pages::schedule::youth::focus_later;
use crate::pages::schedule::{day_label, week_label, weekday_long};
use crate::session::{Access, load, use_session};
use crate::validation::today;

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

fn day_path(day: Date) -> String {
    format!("/booking/staff/day/{day}")
}

fn week_path(day: Date) -> String {
    format!("/booking/staff/week/{}", monday(day))
}

/// A staff member's day: their bookings with names and notes; attendance and cancelling.
#[component]
pub fn DayPage(day: Option<Date>) -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.day_title) />
        <Protected access=Access::Staff>
            <DayContent day=day.unwrap_or_else(today) />
        </Protected>
    }
}

#[component]
fn DayContent(day: Date) -> impl IntoView {
    let ctx = Ctx::current();
    let i18n = use_i18n();
    let path = format!("/staff/me/bookings?date={day}&days=1");
    let list = load::<StaffBookings>(path.clone());
    let refresh = Callback::new(move |()| ctx.reload(list, path.clone()));
    view! {
        <div class="page">
            <h1>{tr!(booking.day_heading)}</h1>
            <p class="lead">{move || day_label(day, i18n.get_locale())}</p>
            <nav class="actions" aria-label=move || t_string!(i18n, booking.day_nav)>
                <A href=day_path(add_days(day, -1)) attr:class="button button--secondary">{tr!(booking.earlier_day)}</A>
                {(day != today()).then(|| view! {
                    <A href="/booking/staff" attr:class="button button--secondary">{tr!(booking.today)}</A>
                })}
                <A href=day_path(add_days(day, 1)) attr:class="button button--secondary">{tr!(booking.later_day)}</A>
            </nav>
            <StaffNav />
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(list)) if list.bookings.is_empty() && list.group_sessions.is_empty() => {
                    view! { <p class="empty">{tr!(booking.day_empty)}</p> }.into_any()
                }
                Some(Ok(list)) => view! {
                    <ul class="youth-list">
                        {list.bookings.into_iter().map(|b| view! { <StaffBooking booking=b refresh /> }).collect_view()}
                    </ul>
                    <GroupSessions sessions=list.group_sessions />
                }
                .into_any(),
            }}
        </div>
    }
}

/// The group sessions of a day or week.
#[component]
fn GroupSessions(sessions: Vec<GroupSession>) -> impl IntoView {
    let i18n = use_i18n();
    (!sessions.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="groups-heading">
                <h2 id="groups-heading">{tr!(booking.group_sessions_heading)}</h2>
                <ul class="youth-list">
                    {sessions
                        .into_iter()
                        .map(|g| {
                            let (starts, ends) = (g.starts_at.clone(), g.ends_at.clone());
                            view! {
                                <li class="youth-list__item">
                                    <p class="youth-list__name">{move || when(&starts, &ends, i18n.get_locale())}</p>
                                    <p class="youth-list__meta">
                                        <span>{move || format!("{} {} / {}", t_string!(i18n, booking.seats_taken), g.seats - g.seats_left, g.seats)}</span>
                                        {g.place.clone().map(|p| view! { <span>{p}</span> })}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// One booking in the staff's day: who, what, the note; came / did not come; cancel with a message.
#[component]
fn StaffBooking(booking: Booking, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let cancelling = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let message_error = RwSignal::new(None::<String>);
    let id = booking.id;
    let b = booking.clone();
    let booked = booking.status == BookingStatus::Booked;
    // Who came can be said once the session has begun.
    let started = js_sys::Date::parse(&booking.starts_at) <= js_sys::Date::now();
    let message_id = format!("staff-cancel-{id}-message");
    let attend = move |attended: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .post::<_, Booking>(
                    &format!("/staff/bookings/{id}/attendance"),
                    &Attendance { attended },
                )
                .await;
            busy.set(false);
            match result {
                Ok(_) => refresh.run(()),
                Err(e) => {
                    session.check(&e);
                    error.set(Some(e.message().to_string()));
                }
            }
        });
    };
    let cancel = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        if message.with_untracked(|m| m.trim().is_empty()) {
            message_error.set(Some(error_message(locale, "required").to_string()));
            focus_later(format!("staff-cancel-{id}-message"));
            return;
        }
        message_error.set(None);
        busy.set(true);
        error.set(None);
        let api = Api::current();
        let request = StaffCancel {
            message: message.get_untracked(),
        };
        spawn_local(async move {
            let result = api
                .post::<_, Booking>(&format!("/staff/bookings/{id}/cancel"), &request)
                .await;
            busy.set(false);
            match result {
                Ok(_) => refresh.run(()),
                Err(e) => {
                    session.check(&e);
                    error.set(Some(e.message().to_string()));
                }
            }
        });
    };
    view! {
        <li class="youth-list__item">
            <p class="youth-list__meta">
                <span>{time_range(&booking.starts_at, &booking.ends_at)}</span>
                <span>{booking.session_type_name.clone()}</span>
            </p>
            <p class="youth-list__name">{booking.youth_name.clone()}</p>
            {(!booked).then(|| view! { <p class="badge">{move || status_text(&b, i18n.get_locale())}</p> })}
            {booking.note.clone().map(|n| view! { <p class="prewrap">{tr!(booking.their_note)} ": " {n}</p> })}
            {move || error.get().map(|m| view! { <p class="alert" role="alert">{m}</p> })}
            {booked.then(|| view! {
                <div class="actions" hidden=move || cancelling.get()>
                    {started.then(|| view! {
                        <button type="button" class="button button--secondary" on:click=move |_| attend(true) aria-disabled=move || busy.get().then_some("true")>
                            {tr!(booking.mark_attended)}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| attend(false) aria-disabled=move || busy.get().then_some("true")>
                            {tr!(booking.mark_no_show)}
                        </button>
                    })}
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click={
                            let message_id = message_id.clone();
                            move |_| {
                                cancelling.set(true);
                                focus_later(message_id.clone());
                            }
                        }
                    >
                        {tr!(booking.staff_cancel)}
                    </button>
                </div>
                <form class="form confirm" novalidate hidden=move || !cancelling.get() on:submit=cancel>
                    <div class="field" class:field--invalid=move || message_error.with(Option::is_some)>
                        <label class="field__label" for=message_id.clone()>{tr!(booking.cancel_message_label)}</label>
                        {move || message_error.get().map(|m| view! { <p class="field__error" id=format!("staff-cancel-{id}-error")>{m}</p> })}
                        <textarea
                            class="field__input"
                            id=message_id.clone()
                            rows="3"
                            maxlength="1000"
                            aria-invalid=move || message_error.with(Option::is_some).then_some("true")
                            aria-describedby=move || message_error.with(Option::is_some).then(|| format!("staff-cancel-{id}-error"))
                            prop:value=move || message.get()
                            on:input=move |ev| message.set(event_target_value(&ev))
                        ></textarea>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button" aria-disabled=move || busy.get().then_some("true")>{tr!(booking.staff_cancel_yes)}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| cancelling.set(false)>{tr!(booking.cancel_no)}</button>
                    </div>
                </form>
            })}
        </li>
    }
}

/// The staff member's week: every day with its bookings, names and notes.
#[component]
pub fn WeekPage(day: Option<Date>) -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.week_title) />
        <Protected access=Access::Staff>
            <WeekContent first=monday(day.unwrap_or_else(today)) />
        </Protected>
    }
}

#[component]
fn WeekContent(first: Date) -> impl IntoView {
    let i18n = use_i18n();
    let list = load::<StaffBookings>(format!("/staff/me/bookings?date={first}&days=7"));
    view! {
        <div class="page">
            <h1>{move || format!("{} – {}", t_string!(i18n, booking.week_heading), week_label(first, i18n.get_locale()))}</h1>
            <nav class="actions" aria-label=move || t_string!(i18n, booking.week_nav)>
                <A href=week_path(add_days(first, -7)) attr:class="button button--secondary">{tr!(booking.earlier_week)}</A>
                <A href=week_path(add_days(first, 7)) attr:class="button button--secondary">{tr!(booking.later_week)}</A>
            </nav>
            <StaffNav />
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(list)) => {
                    let groups = group_by_day(list.bookings, |b| super::day_of(&b.starts_at).unwrap_or(first));
                    view! {
                        {week_days(first)
                            .into_iter()
                            .map(|d| {
                                let items = groups.iter().find(|(g, _)| *g == d).map(|(_, l)| l.clone()).unwrap_or_default();
                                let heading = format!("day-{d}");
                                view! {
                                    <section class="card" aria-labelledby=heading.clone()>
                                        <h2 id=heading.clone()>
                                            <A href=day_path(d)>{move || day_label(d, i18n.get_locale())}</A>
                                        </h2>
                                        {if items.is_empty() {
                                            view! { <p class="empty">{tr!(booking.day_empty)}</p> }.into_any()
                                        } else {
                                            view! {
                                                <ul class="youth-list">
                                                    {items.into_iter().map(|b| {
                                                        let status = b.clone();
                                                        view! {
                                                            <li class="youth-list__item">
                                                                <p class="youth-list__meta">
                                                                    <span>{time_range(&b.starts_at, &b.ends_at)}</span>
                                                                    <span>{b.session_type_name.clone()}</span>
                                                                    <span>{move || status_text(&status, i18n.get_locale())}</span>
                                                                </p>
                                                                <p class="youth-list__name">{b.youth_name.clone()}</p>
                                                                {b.note.clone().map(|n| view! { <p class="prewrap">{tr!(booking.their_note)} ": " {n}</p> })}
                                                            </li>
                                                        }
                                                    }).collect_view()}
                                                </ul>
                                            }
                                            .into_any()
                                        }}
                                    </section>
                                }
                            })
                            .collect_view()}
                        <GroupSessions sessions=list.group_sessions />
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// A select of the session types (all of them, or only group ones).
#[component]
fn TypeSelect(
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    types: Vec<SessionType>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for=id>{label}</label>
            {move || error.get().map(|m| view! { <p class="field__error" id=format!("{id}-error")>{m}</p> })}
            <select
                class="field__input"
                id=id
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="">{tr!(booking.choose)}</option>
                {types
                    .into_iter()
                    .map(|t| {
                        let profession = t.profession;
                        view! {
                            <option value=t.id.to_string()>
                                {t.name.clone()} " (" {move || profession_label(profession, i18n.get_locale())} ")"
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Booking for a young person (the caller's own free times).
#[component]
pub fn BookForPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.book_for_title) />
        <Protected access=Access::Staff>
            <BookForContent />
        </Protected>
    }
}

#[component]
fn BookForContent() -> impl IntoView {
    let ctx = Ctx::current();
    let i18n = use_i18n();
    let session = use_session();
    let youth = load::<Vec<YouthSummary>>("/youth".into());
    let types = load::<Vec<SessionType>>("/booking/session-types".into());
    let youth_id = RwSignal::new(String::new());
    let type_id = RwSignal::new(String::new());
    let times = RwSignal::new(None::<Result<FreeTimes, ApiError>>);
    let chosen = RwSignal::new(None::<FreeTime>);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<Booking>);
    let me = session.me().map(|m| m.id).unwrap_or_default();
    let times_path = move |t: &str| format!("/booking/session-types/{t}/free-times?staff_id={me}");
    Effect::new(move |_| {
        let t = type_id.get();
        chosen.set(None);
        times.set(None);
        if !t.is_empty() {
            ctx.reload(times, times_path(&t));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let youth = youth_id.get_untracked().parse::<i64>().ok();
        let session_type = type_id.get_untracked().parse::<i64>().ok();
        if youth.is_none() {
            problems.push(("youth_id", error_message(locale, "required").to_string()));
        }
        if session_type.is_none() {
            problems.push((
                "session_type_id",
                error_message(locale, "required").to_string(),
            ));
        }
        let time = chosen.get_untracked();
        if session_type.is_some() && time.is_none() {
            problems.push((
                "starts_at",
                td_string!(locale, booking.choose_time_error).to_string(),
            ));
        }
        let (Some(youth), Some(session_type), Some(time)) = (youth, session_type, time) else {
            errors.set(FormErrors::from_checks(locale, problems));
            errors.with_untracked(|e| e.focus_first("for"));
            return;
        };
        let request = StaffNewBooking {
            youth_id: youth,
            session_type_id: session_type,
            staff_id: None,
            starts_at: time
                .group_session_id
                .is_none()
                .then(|| time.starts_at.clone()),
            group_session_id: time.group_session_id,
            note: optional(&note.get_untracked()),
        };
        busy.set(true);
        errors.set(FormErrors::none());
        let api = Api::current();
        spawn_local(async move {
            let result = api.post::<_, Booking>("/staff/bookings", &request).await;
            busy.set(false);
            match result {
                Ok(b) => {
                    done.set(Some(b));
                    focus_later("for-done".into());
                }
                Err(error) => {
                    session.check(&error);
                    errors.set(FormErrors::from_api(
                        &error,
                        &["youth_id", "session_type_id", "starts_at", "note"],
                    ));
                    focus_later("for-alert".into());
                }
            }
        });
    };
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff">{tr!(booking.back_to_day)}</A></p>
            <h1>{tr!(booking.book_for_heading)}</h1>
            {move || done.get().map(|b| {
                let (starts, ends) = (b.starts_at.clone(), b.ends_at.clone());
                view! {
                    <div class="card card--success" id="for-done" tabindex="-1" role="status">
                        <p>{tr!(booking.book_for_done)} " " {b.youth_name.clone()} ", " {move || when(&starts, &ends, i18n.get_locale())}</p>
                    </div>
                }
            })}
            <div id="for-alert" tabindex="-1">
                <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
            </div>
            {move || match (youth.get(), types.get()) {
                (None, _) | (_, None) => view! { <Loading /> }.into_any(),
                (Some(Err(error)), _) | (_, Some(Err(error))) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                (Some(Ok(youth)), _) if youth.is_empty() => {
                    view! { <p class="empty">{tr!(booking.book_for_empty)}</p> }.into_any()
                }
                (Some(Ok(youth)), Some(Ok(types))) => view! {
                    <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
                        <div class="field" class:field--invalid=move || errors.with(|e| e.field("youth_id").is_some())>
                            <label class="field__label" for="for-youth_id">{tr!(booking.young_person)}</label>
                            {move || errors.with(|e| e.field("youth_id")).map(|m| view! { <p class="field__error" id="for-youth_id-error">{m}</p> })}
                            <select
                                class="field__input"
                                id="for-youth_id"
                                aria-invalid=move || errors.with(|e| e.field("youth_id").is_some()).then_some("true")
                                aria-describedby=move || errors.with(|e| e.field("youth_id").is_some()).then_some("for-youth_id-error")
                                prop:value=move || youth_id.get()
                                on:change=move |ev| youth_id.set(event_target_value(&ev))
                            >
                                <option value="">{tr!(booking.choose)}</option>
                                {youth.into_iter().map(|y| view! { <option value=y.id.to_string()>{y.name}</option> }).collect_view()}
                            </select>
                        </div>
                        <TypeSelect
                            id="for-session_type_id"
                            label=label!(booking.session_type)
                            types
                            value=type_id
                            error=Signal::derive(move || errors.with(|e| e.field("session_type_id")))
                        />
                        {move || match times.get() {
                            None if type_id.with(String::is_empty) => ().into_any(),
                            None => view! { <Loading /> }.into_any(),
                            Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                            Some(Ok(free)) if free.days.is_empty() => view! { <p class="empty">{tr!(booking.own_none_free)}</p> }.into_any(),
                            Some(Ok(free)) => view! {
                                <TimeChoices
                                    days=free.days
                                    chosen
                                    show_staff=false
                                    form="for"
                                    error=Signal::derive(move || errors.with(|e| e.field("starts_at")))
                                />
                            }
                            .into_any(),
                        }}
                        <div class="field">
                            <label class="field__label" for="for-note">{tr!(booking.staff_note_label)}</label>
                            <textarea
                                class="field__input"
                                id="for-note"
                                rows="3"
                                maxlength="500"
                                prop:value=move || note.get()
                                on:input=move |ev| note.set(event_target_value(&ev))
                            ></textarea>
                        </div>
                        <button type="submit" class="button">{tr!(booking.book)}</button>
                    </form>
                }
                .into_any(),
            }}
        </div>
    }
}

/// One row of the opening hours being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    key: u32,
    weekday: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

/// Weekly opening hours.
#[component]
pub fn HoursPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.hours_title) />
        <Protected access=Access::Staff>
            <HoursContent />
        </Protected>
    }
}

#[component]
fn HoursContent() -> impl IntoView {
    let hours = load::<WeeklyHours>("/staff/me/opening-hours".into());
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff">{tr!(booking.back_to_day)}</A></p>
            <h1>{tr!(booking.hours_heading)}</h1>
            <p class="lead">{tr!(booking.hours_lead)}</p>
            {move || match hours.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(hours)) => view! { <HoursForm hours /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn HoursForm(hours: WeeklyHours) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let next_key = StoredValue::new(0u32);
    let new_row = move |w: &OpeningWindow| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Row {
            key,
            weekday: RwSignal::new(weekday_name(w.weekday).to_string()),
            start: RwSignal::new(w.start.clone()),
            end: RwSignal::new(w.end.clone()),
        }
    };
    let rows = RwSignal::new(hours.windows.iter().map(new_row).collect::<Vec<_>>());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let windows: Vec<OpeningWindow> = rows.with_untracked(|rows| {
            rows.iter()
                .map(|r| OpeningWindow {
                    weekday: Weekday::ALL
                        .into_iter()
                        .find(|w| weekday_name(*w) == r.weekday.get_untracked())
                        .unwrap_or(Weekday::Monday),
                    start: r.start.get_untracked(),
                    end: r.end.get_untracked(),
                })
                .collect()
        });
        busy.set(true);
        error.set(None);
        saved.set(false);
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .put::<_, WeeklyHours>("/staff/me/opening-hours", &WeeklyHours { windows })
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    saved.set(true);
                    focus_later("hours-status".into());
                }
                Err(e) => {
                    session.check(&e);
                    error.set(Some(e));
                    focus_later("hours-status".into());
                }
            }
        });
    };
    // The server names a row's problem `windows[2].end`.
    let row_error = move |index: usize| {
        error.with(|e| match e {
            Some(ApiError::Server(body)) => {
                let prefix = format!("windows[{index}]");
                let messages: Vec<String> = body
                    .fields
                    .iter()
                    .filter(|f| f.field.starts_with(&prefix))
                    .map(|f| f.message.clone())
                    .collect();
                (!messages.is_empty()).then(|| messages.join(" "))
            }
            _ => None,
        })
    };
    view! {
        <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <div id="hours-status" tabindex="-1">
                {move || saved.get().then(|| view! { <p class="status" role="status">{tr!(booking.saved)}</p> })}
                {move || error.get().map(|e| view! { <p class="alert" role="alert">{e.message().to_string()}</p> })}
            </div>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <p class="empty">{tr!(booking.hours_empty)}</p> }.into_any();
                }
                list.into_iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let n = i + 1;
                        let key = row.key;
                        view! {
                            <fieldset class="choice-group card">
                                <legend>{move || format!("{} {n}", t_string!(i18n, booking.window))}</legend>
                                {move || row_error(i).map(|m| view! { <p class="field__error">{m}</p> })}
                                <div class="field">
                                    <label class="field__label" for=format!("hours-{key}-weekday")>{tr!(booking.weekday)}</label>
                                    <select
                                        class="field__input"
                                        id=format!("hours-{key}-weekday")
                                        prop:value=move || row.weekday.get()
                                        on:change=move |ev| row.weekday.set(event_target_value(&ev))
                                    >
                                        {Weekday::ALL
                                            .into_iter()
                                            .map(|w| view! {
                                                <option value=weekday_name(w)>{move || weekday_long(w.number(), i18n.get_locale())}</option>
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label class="field__label" for=format!("hours-{key}-start")>{tr!(booking.starts)}</label>
                                    <input class="field__input" type="time" id=format!("hours-{key}-start") bind:value=row.start />
                                </div>
                                <div class="field">
                                    <label class="field__label" for=format!("hours-{key}-end")>{tr!(booking.ends)}</label>
                                    <input class="field__input" type="time" id=format!("hours-{key}-end") bind:value=row.end />
                                </div>
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    on:click=move |_| rows.update(|r| r.retain(|x| x.key != key))
                                >
                                    {tr!(booking.remove_window)}
                                </button>
                            </fieldset>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
            <div class="actions">
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| {
                        let row = new_row(&OpeningWindow {
                            weekday: Weekday::Monday,
                            start: "09:00".into(),
                            end: "12:00".into(),
                        });
                        let id = format!("hours-{}-weekday", row.key);
                        rows.update(|r| r.push(row));
                        focus_later(id);
                    }
                >
                    {tr!(booking.add_window)}
                </button>
                <button type="submit" class="button">{tr!(booking.save)}</button>
            </div>
        </form>
    }
}

/// Time off: the coming ones, adding and removing.
#[component]
pub fn TimeOffPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.time_off_title) />
        <Protected access=Access::Staff>
            <TimeOffContent />
        </Protected>
    }
}

const TIME_OFF_FIELDS: [&str; 5] = ["date", "start", "end_date", "end", "reason"];

#[component]
fn TimeOffContent() -> impl IntoView {
    let ctx = Ctx::current();
    let i18n = use_i18n();
    let session = use_session();
    let list = load::<Vec<TimeOff>>("/staff/me/exceptions".into());
    let date = RwSignal::new(today().to_string());
    let start = RwSignal::new("08:00".to_string());
    let end_date = RwSignal::new(today().to_string());
    let end = RwSignal::new("17:00".to_string());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let field_error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| e.field(field)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let format_error = || error_message(locale, "booking_time_format").to_string();
        let starts = Date::parse_iso(&date.get_untracked())
            .and_then(|d| stockholm_time(d, &start.get_untracked()));
        let ends = Date::parse_iso(&end_date.get_untracked())
            .and_then(|d| stockholm_time(d, &end.get_untracked()));
        let mut problems = Vec::new();
        if starts.is_none() {
            problems.push(("start", format_error()));
        }
        if ends.is_none() {
            problems.push(("end", format_error()));
        }
        let (Some(starts_at), Some(ends_at)) = (starts, ends) else {
            errors.set(FormErrors::from_checks(locale, problems));
            errors.with_untracked(|e| e.focus_first("off"));
            return;
        };
        let request = NewTimeOff {
            starts_at,
            ends_at,
            reason: optional(&reason.get_untracked()),
        };
        busy.set(true);
        errors.set(FormErrors::none());
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .post::<_, TimeOff>("/staff/me/exceptions", &request)
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    reason.set(String::new());
                    ctx.reload(list, "/staff/me/exceptions".into());
                }
                Err(error) => {
                    session.check(&error);
                    // The server names the instants; the form shows them as date and time.
                    let mut e = FormErrors::from_api(&error, &TIME_OFF_FIELDS);
                    if let ApiError::Server(body) = &error {
                        for f in &body.fields {
                            match f.field.as_str() {
                                "starts_at" => e.fields.push(("start", f.message.clone())),
                                "ends_at" => e.fields.push(("end", f.message.clone())),
                                _ => {}
                            }
                        }
                    }
                    errors.set(e);
                    if !errors.with_untracked(|e| e.focus_first("off")) {
                        focus_later("off-alert".into());
                    }
                }
            }
        });
    };
    let remove = move |id: i64| {
        let api = Api::current();
        spawn_local(async move {
            match api
                .delete::<()>(&format!("/staff/me/exceptions/{id}"))
                .await
            {
                Ok(()) => ctx.reload(list, "/staff/me/exceptions".into()),
                Err(error) => {
                    session.check(&error);
                    errors.set(FormErrors::from_api(&error, &[]));
                }
            }
        });
    };
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff">{tr!(booking.back_to_day)}</A></p>
            <h1>{tr!(booking.time_off_heading)}</h1>
            <div id="off-alert" tabindex="-1">
                <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
            </div>
            <section class="card" aria-labelledby="off-list">
                <h2 id="off-list">{tr!(booking.time_off_coming)}</h2>
                {move || match list.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{tr!(booking.time_off_empty)}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <ul class="youth-list">
                            {list.into_iter().map(|t| {
                                let (starts, ends) = (t.starts_at.clone(), t.ends_at.clone());
                                let id = t.id;
                                view! {
                                    <li class="youth-list__item">
                                        <p class="youth-list__name">
                                            {move || format!("{} – {}", crate::format::date_time(&starts, i18n.get_locale()), crate::format::date_time(&ends, i18n.get_locale()))}
                                        </p>
                                        {t.reason.clone().map(|r| view! { <p>{r}</p> })}
                                        <button type="button" class="button button--secondary" on:click=move |_| remove(id)>{tr!(booking.remove)}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }}
            </section>
            <section class="card" aria-labelledby="off-new">
                <h2 id="off-new">{tr!(booking.time_off_new)}</h2>
                <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
                    <TextField form="off" name="date" label=label!(booking.from_date) value=date input_type="date" error=field_error("date") />
                    <TextField form="off" name="start" label=label!(booking.from_time) value=start input_type="time" error=field_error("start") />
                    <TextField form="off" name="end_date" label=label!(booking.to_date) value=end_date input_type="date" error=field_error("end_date") />
                    <TextField form="off" name="end" label=label!(booking.to_time) value=end input_type="time" error=field_error("end") />
                    <TextField form="off" name="reason" label=label!(booking.reason) value=reason error=field_error("reason") />
                    <button type="submit" class="button">{tr!(booking.add_time_off)}</button>
                </form>
            </section>
        </div>
    }
}

/// Session types and group sessions.
#[component]
pub fn TypesPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.types_title) />
        <Protected access=Access::Staff>
            <TypesContent />
        </Protected>
    }
}

#[component]
fn TypesContent() -> impl IntoView {
    let ctx = Ctx::current();
    let i18n = use_i18n();
    let types = load::<Vec<SessionType>>("/booking/session-types".into());
    let on_saved =
        Callback::new(move |_: SessionType| ctx.reload(types, "/booking/session-types".into()));
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff">{tr!(booking.back_to_day)}</A></p>
            <h1>{tr!(booking.types_heading)}</h1>
            {move || match types.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(list)) => {
                    let groups: Vec<SessionType> = list.iter().filter(|t| t.group).cloned().collect();
                    view! {
                        {if list.is_empty() {
                            view! { <p class="empty">{tr!(booking.types_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="youth-list">
                                    {list.into_iter().map(|t| {
                                        let profession = t.profession;
                                        view! {
                                            <li class="youth-list__item">
                                                <A href=format!("/booking/staff/types/{}", t.id) attr:class="youth-list__name">{t.name.clone()}</A>
                                                <p class="youth-list__meta">
                                                    <span>{move || profession_label(profession, i18n.get_locale())}</span>
                                                    <span>{move || format!("{} {}", t.length_minutes, t_string!(i18n, booking.minutes))}</span>
                                                    {t.group.then(|| view! { <span>{tr!(booking.group_session)}</span> })}
                                                </p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                        {(!groups.is_empty()).then(|| view! { <GroupForm types=groups /> })}
                    }
                    .into_any()
                }
            }}
            <section class="card" aria-labelledby="type-new">
                <h2 id="type-new">{tr!(booking.type_new)}</h2>
                <TypeForm existing=None on_saved />
            </section>
        </div>
    }
}

/// Changing a session type.
#[component]
pub fn EditTypePage(id: i64) -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.type_edit_title) />
        <Protected access=Access::Staff>
            <EditTypeContent id />
        </Protected>
    }
}

#[component]
fn EditTypeContent(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let types = load::<Vec<SessionType>>("/booking/session-types".into());
    let on_saved = Callback::new(move |_: SessionType| {});
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff/types">{tr!(booking.back_to_types)}</A></p>
            <h1>{tr!(booking.type_edit_title)}</h1>
            {move || match types.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(list)) => match list.into_iter().find(|t| t.id == id) {
                    None => view! { <ErrorMessage message=error_message(i18n.get_locale_untracked(), "not_found").to_string() /> }.into_any(),
                    Some(t) => view! { <TypeForm existing=Some(t) on_saved /> }.into_any(),
                },
            }}
        </div>
    }
}

const TYPE_FIELDS: [&str; 10] = [
    "name",
    "profession",
    "description",
    "length_minutes",
    "buffer_minutes",
    "bookable_days_ahead",
    "notice_minutes",
    "cancel_hours",
    "max_active_bookings",
    "group",
];

/// The session type form (new or existing).
#[component]
fn TypeForm(existing: Option<SessionType>, on_saved: Callback<SessionType>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let e = existing.clone();
    let num = |f: fn(&SessionType) -> u32, default: u32| {
        RwSignal::new(e.as_ref().map_or(default, f).to_string())
    };
    let name = RwSignal::new(e.as_ref().map(|t| t.name.clone()).unwrap_or_default());
    let description = RwSignal::new(
        e.as_ref()
            .map(|t| t.description.clone())
            .unwrap_or_default(),
    );
    let profession = RwSignal::new(
        e.as_ref()
            .map_or(
                session
                    .me()
                    .and_then(|m| m.profession)
                    .unwrap_or(Profession::StudyCounsellor),
                |t| t.profession,
            )
            .as_str()
            .to_string(),
    );
    let length = num(|t| t.length_minutes, 45);
    let buffer = num(|t| t.buffer_minutes, 0);
    let days_ahead = num(|t| t.bookable_days_ahead, DEFAULT_DAYS_AHEAD);
    let notice = num(|t| t.notice_minutes, 120);
    let cancel_hours = num(|t| t.cancel_hours, 24);
    let max_active = num(|t| t.max_active_bookings, 2);
    let group = RwSignal::new(e.as_ref().is_some_and(|t| t.group));
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let existing_id = existing.as_ref().map(|t| t.id);
    let form = if existing_id.is_some() {
        "type-edit"
    } else {
        "type"
    };
    let field_error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| e.field(field)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let mut number = |field: &'static str, value: RwSignal<String>| {
            value
                .get_untracked()
                .trim()
                .parse::<u32>()
                .unwrap_or_else(|_| {
                    problems.push((
                        field,
                        error_message(locale, "booking_out_of_range").to_string(),
                    ));
                    0
                })
        };
        let input = SessionTypeInput {
            name: name.get_untracked(),
            profession: Profession::parse(&profession.get_untracked())
                .unwrap_or(Profession::StudyCounsellor),
            description: description.get_untracked(),
            length_minutes: number("length_minutes", length),
            buffer_minutes: number("buffer_minutes", buffer),
            bookable_days_ahead: number("bookable_days_ahead", days_ahead),
            notice_minutes: number("notice_minutes", notice),
            cancel_hours: number("cancel_hours", cancel_hours),
            max_active_bookings: number("max_active_bookings", max_active),
            group: group.get_untracked(),
        };
        if let Err(found) = input.validate() {
            for (field, code) in found {
                if let Some(f) = TYPE_FIELDS.iter().find(|f| **f == field) {
                    problems.push((f, error_message(locale, code).to_string()));
                }
            }
        }
        if !problems.is_empty() {
            problems.sort_by_key(|(f, _)| TYPE_FIELDS.iter().position(|x| x == f));
            problems.dedup_by_key(|(f, _)| *f);
            errors.set(FormErrors::from_checks(locale, problems));
            errors.with_untracked(|e| e.focus_first(form));
            return;
        }
        busy.set(true);
        errors.set(FormErrors::none());
        saved.set(false);
        let api = Api::current();
        spawn_local(async move {
            let result = match existing_id {
                Some(id) => {
                    api.put::<_, SessionType>(&format!("/booking/session-types/{id}"), &input)
                        .await
                }
                None => {
                    api.post::<_, SessionType>("/booking/session-types", &input)
                        .await
                }
            };
            busy.set(false);
            match result {
                Ok(t) => {
                    saved.set(true);
                    if existing_id.is_none() {
                        name.set(String::new());
                        description.set(String::new());
                    }
                    on_saved.run(t);
                    focus_later(format!("{form}-status"));
                }
                Err(error) => {
                    session.check(&error);
                    errors.set(FormErrors::from_api(&error, &TYPE_FIELDS));
                    if !errors.with_untracked(|e| e.focus_first(form)) {
                        focus_later(format!("{form}-status"));
                    }
                }
            }
        });
    };
    view! {
        <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <div id=format!("{form}-status") tabindex="-1">
                {move || saved.get().then(|| view! { <p class="status" role="status">{tr!(booking.saved)}</p> })}
                <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
            </div>
            <TextField form name="name" label=label!(booking.type_name) value=name error=field_error("name") />
            <div class="field">
                <label class="field__label" for=format!("{form}-profession")>{tr!(booking.profession)}</label>
                <select
                    class="field__input"
                    id=format!("{form}-profession")
                    prop:value=move || profession.get()
                    on:change=move |ev| profession.set(event_target_value(&ev))
                >
                    {Profession::ALL
                        .into_iter()
                        .map(|p| view! { <option value=p.as_str()>{move || profession_label(p, i18n.get_locale())}</option> })
                        .collect_view()}
                </select>
            </div>
            <TextField form name="description" label=label!(booking.description) value=description error=field_error("description") />
            <TextField form name="length_minutes" label=label!(booking.length_minutes) value=length input_type="number" inputmode="numeric" error=field_error("length_minutes") />
            <TextField form name="buffer_minutes" label=label!(booking.buffer_minutes) value=buffer input_type="number" inputmode="numeric" error=field_error("buffer_minutes") />
            <TextField form name="bookable_days_ahead" label=label!(booking.days_ahead) value=days_ahead input_type="number" inputmode="numeric" error=field_error("bookable_days_ahead") />
            <TextField form name="notice_minutes" label=label!(booking.notice_minutes) value=notice input_type="number" inputmode="numeric" error=field_error("notice_minutes") />
            <TextField form name="cancel_hours" label=label!(booking.cancel_hours) value=cancel_hours input_type="number" inputmode="numeric" error=field_error("cancel_hours") />
            <TextField form name="max_active_bookings" label=label!(booking.max_active) value=max_active input_type="number" inputmode="numeric" error=field_error("max_active_bookings") />
            <div class="field--check">
                <input
                    class="field__check"
                    type="checkbox"
                    id=format!("{form}-group")
                    prop:checked=move || group.get()
                    on:change:target=move |ev| group.set(ev.target().checked())
                />
                <label for=format!("{form}-group")>{tr!(booking.is_group)}</label>
            </div>
            <button type="submit" class="button">{tr!(booking.save)}</button>
        </form>
    }
}

/// A new group session with seats, for one of the group session types.
#[component]
fn GroupForm(types: Vec<SessionType>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let type_id = RwSignal::new(String::new());
    let date = RwSignal::new(add_days(today(), 7).to_string());
    let start = RwSignal::new("13:00".to_string());
    let seats = RwSignal::new("8".to_string());
    let place = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let created = RwSignal::new(None::<GroupSession>);
    let field_error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| e.field(field)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let session_type = type_id.get_untracked().parse::<i64>().ok();
        if session_type.is_none() {
            problems.push((
                "session_type_id",
                error_message(locale, "required").to_string(),
            ));
        }
        let starts = Date::parse_iso(&date.get_untracked())
            .and_then(|d| stockholm_time(d, &start.get_untracked()));
        if starts.is_none() {
            problems.push((
                "start",
                error_message(locale, "booking_time_format").to_string(),
            ));
        }
        let count = seats
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=200).contains(n));
        if count.is_none() {
            problems.push((
                "seats",
                error_message(locale, "booking_out_of_range").to_string(),
            ));
        }
        let (Some(session_type_id), Some(starts_at), Some(seats)) = (session_type, starts, count)
        else {
            errors.set(FormErrors::from_checks(locale, problems));
            errors.with_untracked(|e| e.focus_first("group"));
            return;
        };
        let request = NewGroupSession {
            session_type_id,
            starts_at,
            seats,
            place: optional(&place.get_untracked()),
        };
        busy.set(true);
        errors.set(FormErrors::none());
        created.set(None);
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .post::<_, GroupSession>("/booking/group-sessions", &request)
                .await;
            busy.set(false);
            match result {
                Ok(g) => {
                    created.set(Some(g));
                    focus_later("group-status".into());
                }
                Err(error) => {
                    session.check(&error);
                    let mut e =
                        FormErrors::from_api(&error, &["session_type_id", "seats", "place"]);
                    if let ApiError::Server(body) = &error
                        && let Some(f) = body.fields.iter().find(|f| f.field == "starts_at")
                    {
                        e.fields.insert(0, ("start", f.message.clone()));
                    }
                    errors.set(e);
                    focus_later("group-status".into());
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="group-new">
            <h2 id="group-new">{tr!(booking.group_new)}</h2>
            <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
                <div id="group-status" tabindex="-1">
                    {move || created.get().map(|g| {
                        let (starts, ends) = (g.starts_at.clone(), g.ends_at.clone());
                        view! { <p class="status" role="status">{tr!(booking.group_created)} " " {move || when(&starts, &ends, i18n.get_locale())}</p> }
                    })}
                    <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
                </div>
                <TypeSelect id="group-session_type_id" label=label!(booking.session_type) types value=type_id error=field_error("session_type_id") />
                <TextField form="group" name="date" label=label!(booking.date) value=date input_type="date" error=field_error("date") />
                <TextField form="group" name="start" label=label!(booking.starts) value=start input_type="time" error=field_error("start") />
                <TextField form="group" name="seats" label=label!(booking.seats) value=seats input_type="number" inputmode="numeric" error=field_error("seats") />
                <TextField form="group" name="place" label=label!(booking.place) value=place error=field_error("place") />
                <button type="submit" class="button">{tr!(booking.group_create)}</button>
            </form>
        </section>
    }
}
