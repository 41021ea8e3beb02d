//! The young person's schedule: today, and a week at a time, with changes
//! marked and "can't come" on each occurrence, and their booked sessions
//! (read from `GET /api/me/bookings` alongside the week) in among the
//! activities. The current week is kept for offline use ([`super::offline`])
//! and shown with its time when the network is gone; bookings are not kept.

use leptos::prelude::*;

use crate::components::data::not_yet;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Redirect};
use lotsen_api::Date;
use lotsen_api::account::Role;
use lotsen_api::booking::{Booking, BookingStatus, MyBookings};
use lotsen_api::feedback::{FeedbackAnswer, Rateable};
use lotsen_api::schedule::{AbsenceRequest, Schedule, ScheduleItem};

use super::calendar_math::{add_days, group_by_day, monday, week_days};
use super::{offline, week_path};
use crate::api::{Api, ApiError};
use crate::components::card::Card;
use crate::components::close_button::CloseButton;
use crate::components::data::{load, reload};
use crate::components::field::FormAlert;
use crate::components::page_title::PageTitle;
use crate::components::status::{ErrorMessage, Loading};
use crate::components::submit::Form;
use crate::format::{day_label, moment_label, week_label};
use crate::forms::focus_later;
use crate::forms::optional;
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::{Auth, sign_in_path, use_session};
use crate::validation::today;

/// What the young person's pages show: the schedule from the server, or the
/// one kept from the last visit when the server cannot be reached.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// Fresh from the server.
    Live(Schedule),
    /// The kept copy: the network is gone.
    Offline(Schedule),
}

impl Shown {
    pub fn schedule(&self) -> &Schedule {
        match self {
            Shown::Live(s) | Shown::Offline(s) => s,
        }
    }
}

/// What to show after loading `from..=to`: the answer (kept for offline use
/// when `keep`), or on a network failure the kept copy, if there is one.
pub fn after_load(
    answer: Result<Schedule, ApiError>,
    kept: Option<Schedule>,
) -> Result<Shown, ApiError> {
    match answer {
        Ok(schedule) => Ok(Shown::Live(schedule)),
        Err(error @ ApiError::Network { .. }) => kept.map(Shown::Offline).ok_or(error),
        Err(error) => Err(error),
    }
}

/// Only young people have a schedule of their own. Staff who open
/// `/schedule` go on to their activities. Signed out because the server could
/// not be reached, a kept schedule is still shown (the loader says it is
/// offline); otherwise the sign-in page.
#[component]
fn YouthOnly(
    #[prop(default = false)] staff_to_activities: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let opened_signed_out = matches!(session.auth_untracked(), Auth::SignedOut { .. });
    move || {
        match session.auth() {
        Auth::Loading => view! { <Loading /> }.into_any(),
        Auth::SignedIn(me) if me.role == Role::Youth => children().into_any(),
        Auth::SignedIn(me) if me.role == Role::Staff && staff_to_activities => {
            view! { <Redirect path="/schedule/activities" options=NavigateOptions { replace: true, ..Default::default() } /> }
                .into_any()
        }
        Auth::SignedIn(_) => view! {
            <div class="page">
                <ErrorMessage message=error_message(i18n.get_locale_untracked(), "forbidden").to_string() />
            </div>
        }
        .into_any(),
        Auth::SignedOut { by_choice: true } if !opened_signed_out => ().into_any(),
        Auth::SignedOut { .. } if offline::load().is_some() => children().into_any(),
        Auth::SignedOut { .. } => {
            let here = leptos_router::hooks::use_location().pathname.get_untracked();
            view! { <Redirect path=sign_in_path(&here) options=NavigateOptions { replace: true, ..Default::default() } /> }
                .into_any()
        }
    }
    }
}

/// Loads the week starting on `monday`; the current week is kept for offline use.
fn load_week(monday_date: Date) -> RwSignal<Option<Result<Shown, ApiError>>> {
    let result = RwSignal::new(None);
    let session = use_session();
    let api = Api::current();
    let keep = monday_date == monday(today());
    let to = add_days(monday_date, 6);
    spawn_local(async move {
        let answer = api
            .get::<Schedule>(&format!("/me/schedule?from={monday_date}&to={to}"))
            .await;
        if let Err(error) = &answer {
            session.check(error);
        }
        if let (true, Ok(schedule)) = (keep, &answer) {
            offline::save(schedule);
        }
        let kept = keep.then(offline::load).flatten();
        result.set(Some(after_load(answer, kept)));
    });
    result
}

/// The day of a booking (its time is already Swedish wall-clock time).
pub fn booking_date(booking: &Booking) -> Option<Date> {
    booking
        .starts_at
        .get(..10)
        .and_then(lotsen_api::date::parse_iso)
}

/// The booked sessions to show in the schedule from `from` to `to`: booked,
/// attended and no-show ones (not cancelled ones, nor open offers), by time.
pub fn bookings_between(mine: MyBookings, from: Date, to: Date) -> Vec<Booking> {
    let mut list: Vec<Booking> = mine
        .upcoming
        .into_iter()
        .chain(mine.past)
        .filter(|b| {
            matches!(
                b.status,
                BookingStatus::Booked | BookingStatus::Attended | BookingStatus::NoShow
            )
        })
        .filter(|b| booking_date(b).is_some_and(|d| d >= from && d <= to))
        .collect();
    list.sort_by(|a, b| a.starts_at.cmp(&b.starts_at));
    list
}

/// One line of a day: an activity's occurrence or a booked session.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Activity(ScheduleItem),
    Booked(Booking),
}

impl Entry {
    /// `HH:MM`, to sort a day by.
    pub fn start(&self) -> &str {
        match self {
            Entry::Activity(item) => &item.start,
            Entry::Booked(b) => b.starts_at.get(11..16).unwrap_or_default(),
        }
    }
}

/// One day's activities and bookings in time order (activities first at the same time).
pub fn merge(items: Vec<ScheduleItem>, bookings: Vec<Booking>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = items
        .into_iter()
        .map(Entry::Activity)
        .chain(bookings.into_iter().map(Entry::Booked))
        .collect();
    // A stable sort keeps the server's order within the same minute.
    entries.sort_by(|a, b| a.start().cmp(b.start()));
    entries
}

/// Reads the young person's bookings from `from` to `to`, beside the week.
/// `None` until they are there; an error is shown beside the schedule, which
/// stands on its own (offline, the kept schedule is shown without bookings).
fn load_bookings(from: Date, to: Date) -> RwSignal<Option<Result<Vec<Booking>, ApiError>>> {
    let result = RwSignal::new(None);
    let api = Api::current();
    spawn_local(async move {
        let answer = api.get::<MyBookings>("/me/bookings").await;
        result.set(Some(answer.map(|mine| bookings_between(mine, from, to))));
    });
    result
}

/// What to say when the bookings could not be read: nothing when the network
/// is gone (the offline note says it), else the server's message.
fn bookings_problem(bookings: RwSignal<Option<Result<Vec<Booking>, ApiError>>>) -> impl IntoView {
    move || match bookings.get() {
        Some(Err(error)) if !matches!(error, ApiError::Network { .. }) => {
            Some(view! { <ErrorMessage message=error.message().to_string() /> })
        }
        _ => None,
    }
}

/// The bookings read so far on `day`.
fn booked_on(
    bookings: RwSignal<Option<Result<Vec<Booking>, ApiError>>>,
    day: Date,
) -> Vec<Booking> {
    bookings.with(|b| match b {
        Some(Ok(list)) => list
            .iter()
            .filter(|b| booking_date(b) == Some(day))
            .cloned()
            .collect(),
        _ => Vec::new(),
    })
}

/// "Today": what the young person has on today.
#[component]
pub fn TodayPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(schedule.today_title) />
        <YouthOnly staff_to_activities=true>
            <TodayContent />
        </YouthOnly>
    }
}

#[component]
fn TodayContent() -> impl IntoView {
    let i18n = use_i18n();
    let day = today();
    let week = load_week(monday(day));
    // Yesterday's too: whether there is anything to rate (see `FeedbackNotes`).
    let bookings = load_bookings(add_days(day, -1), day);
    view! {
        <div class="page">
            <h1>{tr!(schedule.today_heading)}</h1>
            <p class="lead">{move || day_label(day, i18n.get_locale())}</p>
            <ul class="link-list">
                <li><A href=week_path(day)>{tr!(schedule.week_link)}</A></li>
                <li><A href="/schedule/calendar">{tr!(schedule.calendar_link)}</A></li>
                <li><A href="/feedback/rate">{tr!(feedback.rate_link)}</A></li>
                <li><A href="/booking">{tr!(booking.area_link)}</A></li>
            </ul>
            {move || match week.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(shown)) => {
                    let offline = matches!(shown, Shown::Offline(_));
                    let generated = shown.schedule().generated_at;
                    let items: Vec<ScheduleItem> =
                        shown.schedule().items.iter().filter(|i| i.date == day).cloned().collect();
                    let entries = merge(items, booked_on(bookings, day));
                    view! {
                        <Freshness offline generated />
                        {bookings_problem(bookings)}
                        {if entries.is_empty() {
                            view! { <p class="empty">{tr!(schedule.today_empty)}</p> }.into_any()
                        } else {
                            view! { <Items entries offline /> }.into_any()
                        }}
                    }
                        .into_any()
                }
            }}
            // Below the day's plan: they come later than it (the prompt
            // waits for the day's reads), and arriving above it they would
            // push it down as someone reads it.
            <FeedbackNotes day week bookings />
        </div>
    }
}

/// Whether yesterday (the day before `day`) may have something to rate, so
/// that Today asks for the ratings: an activity on yesterday in the week's
/// read, or a booked session yesterday (what `/me/ratings` offers is drawn
/// from the same schedule and bookings); yes when yesterday lies in the week
/// before or a read failed. `None` until both reads have answered.
pub fn may_rate_yesterday(
    day: Date,
    week: Option<&Result<Shown, ApiError>>,
    bookings: Option<&Result<Vec<Booking>, ApiError>>,
) -> Option<bool> {
    let yesterday = add_days(day, -1);
    Some(match (week?, bookings?) {
        (Ok(Shown::Live(schedule)), Ok(bookings)) if yesterday >= monday(day) => {
            schedule.items.iter().any(|i| i.date == yesterday)
                || bookings.iter().any(|b| booking_date(b) == Some(yesterday))
        }
        _ => true,
    })
}

/// A gentle prompt to rate yesterday's activities not yet rated (asked for
/// only when yesterday had something: [`may_rate_yesterday`]), and staff's
/// "you said, we did" answers to the young person's activities (nothing when
/// offline: neither is kept).
#[component]
fn FeedbackNotes(
    day: Date,
    week: RwSignal<Option<Result<Shown, ApiError>>>,
    bookings: RwSignal<Option<Result<Vec<Booking>, ApiError>>>,
) -> impl IntoView {
    let api = Api::current();
    let ratings = RwSignal::new(None);
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        if asked.get_value() {
            return;
        }
        let may = week.with(|w| bookings.with(|b| may_rate_yesterday(day, w.as_ref(), b.as_ref())));
        if let Some(may) = may {
            asked.set_value(true);
            if may {
                reload(ratings, api.my_ratings());
            }
        }
    });
    let answers = load(api.my_feedback_answers());
    let yesterday = add_days(day, -1);
    view! {
        {move || ratings.get().and_then(Result::ok).map(|r| {
            let open: Vec<_> = r
                .items
                .into_iter()
                .filter(|i| i.held_on == yesterday && i.rating.is_none() && i.changeable)
                .collect();
            view! { <RatePrompt open /> }
        })}
        {move || answers.get().and_then(Result::ok).map(|list| view! { <AnswerList list /> })}
    }
}

/// A gentle prompt to rate what is listed (nothing when it is empty): a link each.
#[component]
pub fn RatePrompt(open: Vec<Rateable>) -> impl IntoView {
    (!open.is_empty()).then(|| view! {
        <Card id="rate-prompt" heading=label!(feedback.prompt_heading)>
            <ul class="link-list">
                {open.into_iter().map(|i| {
                    let path = match (i.activity_id, i.booking_id) {
                        (Some(a), _) => format!("/feedback/rate/activity/{a}/{}", i.date),
                        (_, Some(b)) => format!("/feedback/rate/session/{b}"),
                        _ => "/feedback/rate".into(),
                    };
                    view! { <li><A href=path>{tr!(feedback.prompt_link)} " " {i.title}</A></li> }
                }).collect_view()}
            </ul>
        </Card>
    })
}

/// Staff's "you said, we did" answers, the first three (nothing when there are none).
#[component]
pub fn AnswerList(list: Vec<FeedbackAnswer>) -> impl IntoView {
    (!list.is_empty()).then(|| view! {
        <Card id="feedback-answers" heading=label!(feedback.answers_heading)>
            <ul class="comments">
                {list.into_iter().take(3).map(|a| view! {
                    <li><strong>{a.activity_title}</strong> ": " <span class="prewrap">{a.text}</span></li>
                }).collect_view()}
            </ul>
        </Card>
    })
}

/// The week view: seven days, with links to the weeks before and after.
#[component]
pub fn WeekPage(day: Option<Date>) -> impl IntoView {
    view! {
        <PageTitle page=label!(schedule.week_title) />
        <YouthOnly>
            <WeekContent day=day.unwrap_or_else(today) />
        </YouthOnly>
    }
}

#[component]
fn WeekContent(day: Date) -> impl IntoView {
    let i18n = use_i18n();
    let first = monday(day);
    let week = load_week(first);
    let bookings = load_bookings(first, add_days(first, 6));
    let this_week = first == monday(today());
    view! {
        <div class="page">
            <h1>{move || week_label(first, i18n.get_locale())}</h1>
            <p class="lead">
                {move || {
                    let locale = i18n.get_locale();
                    format!("{} – {}", day_label(first, locale), day_label(add_days(first, 6), locale))
                }}
            </p>
            <nav class="actions" aria-label=move || t_string!(i18n, schedule.week_nav)>
                <A href=week_path(add_days(first, -7)) attr:class="button button--secondary">
                    {tr!(schedule.earlier_week)}
                </A>
                {(!this_week).then(|| view! {
                    <A href=week_path(today()) attr:class="button button--secondary">{tr!(schedule.this_week)}</A>
                })}
                <A href=week_path(add_days(first, 7)) attr:class="button button--secondary">
                    {tr!(schedule.later_week)}
                </A>
            </nav>
            <p><A href="/schedule">{tr!(schedule.today_link)}</A></p>
            {move || match week.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(shown)) => {
                    let offline = matches!(shown, Shown::Offline(_));
                    let generated = shown.schedule().generated_at;
                    let items = shown.schedule().items.clone();
                    let mut groups = group_by_day(items, |i| i.date);
                    // Every day of the week gets its heading, empty or not.
                    for d in week_days(first) {
                        if !groups.iter().any(|(g, _)| *g == d) {
                            groups.push((d, Vec::new()));
                        }
                    }
                    groups.sort_by_key(|(d, _)| *d);
                    view! {
                        <Freshness offline generated />
                        {bookings_problem(bookings)}
                        {groups
                            .into_iter()
                            .map(|(d, items)| {
                                let entries = merge(items, booked_on(bookings, d));
                                let heading = format!("day-{d}");
                                view! {
                                    <section class="card" aria-labelledby=heading.clone()>
                                        <h2 id=heading.clone()>{move || day_label(d, i18n.get_locale())}</h2>
                                        {if entries.is_empty() {
                                            view! { <p class="empty">{tr!(schedule.day_empty)}</p> }.into_any()
                                        } else {
                                            view! { <Items entries offline /> }.into_any()
                                        }}
                                    </section>
                                }
                            })
                            .collect_view()}
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// "Last updated at …", and that the network is gone when it is.
#[component]
fn Freshness(offline: bool, generated: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {offline.then(|| view! { <p class="alert" role="status">{tr!(schedule.offline)}</p> })}
        <p class="note">
            {tr!(schedule.updated_at)} " " {move || moment_label(generated, i18n.get_locale())}
        </p>
    }
}

/// One day's activities and bookings.
#[component]
fn Items(entries: Vec<Entry>, offline: bool) -> impl IntoView {
    view! {
        <ul class="youth-list">
            {entries
                .into_iter()
                .map(|entry| match entry {
                    Entry::Activity(item) => view! { <Item item offline /> }.into_any(),
                    Entry::Booked(booking) => view! { <BookedItem booking /> }.into_any(),
                })
                .collect_view()}
        </ul>
    }
}

/// A booked session: time, what, with whom, where; moving and cancelling are in "My bookings".
#[component]
fn BookedItem(booking: Booking) -> impl IntoView {
    let clock = |t: &str| t.get(11..16).unwrap_or_default().to_string();
    view! {
        <li class="youth-list__item">
            <p class="youth-list__meta">
                <span>{format!("{}–{}", clock(&booking.starts_at), clock(&booking.ends_at))}</span>
                <span>{tr!(booking.schedule_booked)}</span>
            </p>
            <p class="youth-list__name">{booking.session_type_name.clone()}</p>
            <p class="youth-list__meta">
                <span>{tr!(booking.with_whom)} ": " {booking.staff_name.clone()}</span>
                {booking.place.clone().map(|place| view! { <span>{tr!(schedule.place)} ": " {place}</span> })}
            </p>
            <p><A href="/booking/mine">{tr!(booking.mine_link)}</A></p>
        </li>
    }
}

/// One occurrence: time, title, place, leader, kind; the change, if any; and
/// "can't come" (or that the person has said so, with undo).
#[component]
pub fn Item(item: ScheduleItem, offline: bool) -> impl IntoView {
    let i18n = use_i18n();
    let absence = RwSignal::new(item.absence.clone());
    let status = super::status_label(&item);
    let cancelled = status == super::StatusLabel::Cancelled;
    // An occurrence is known by its planned date, also when it has been moved.
    let planned = item.moved_from.as_ref().map_or(item.date, |from| from.date);
    let key = format!("{}-{planned}", item.activity_id);
    let place = item.place.clone();
    let leader = item.leader_name.clone();
    let kind = item.kind;
    let note = item.note.clone();
    view! {
        <li class="youth-list__item">
            <p class="youth-list__meta">
                <span>{format!("{}–{}", item.start, item.end)}</span>
                <span>{move || super::kind_label(kind, i18n.get_locale())}</span>
            </p>
            <p class="youth-list__name">{item.title.clone()}</p>
            {match status {
                super::StatusLabel::Cancelled => view! { <p class="badge">{tr!(schedule.cancelled)}</p> }.into_any(),
                super::StatusLabel::Moved { from_date, from_start } => view! {
                    <p class="badge">
                        {tr!(schedule.moved)} " " {move || format!("({} {} {from_start})", t_string!(i18n, schedule.moved_from), day_label(from_date, i18n.get_locale()))}
                    </p>
                }
                .into_any(),
                super::StatusLabel::AsPlanned => ().into_any(),
            }}
            {note.map(|note| view! { <p class="prewrap">{note}</p> })}
            <p class="youth-list__meta">
                {(!place.is_empty()).then(|| view! { <span>{tr!(schedule.place)} ": " {place.clone()}</span> })}
                {leader.map(|leader| view! { <span>{tr!(schedule.leader)} ": " {leader}</span> })}
            </p>
            {(!cancelled && !offline).then(|| view! { <Absence key=key.clone() activity=item.activity_id date=planned absence /> })}
            {(offline || cancelled).then_some(move || absence.get().map(|_| view! { <p class="note">{tr!(schedule.absent)}</p> }))}
        </li>
    }
}

/// "Can't come", with an optional reason; once said, the reason and undo.
#[component]
fn Absence(
    key: String,
    activity: i64,
    date: Date,
    absence: RwSignal<Option<String>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let form = Form::new("absence", &[]);
    let reason_id = format!("absence-{key}-reason");
    let button_id = StoredValue::new(format!("absence-{key}-button"));
    // Says the young person will not come (with `reason`), or takes it back (`None`).
    let change = move |request: Option<AbsenceRequest>| {
        let said = request
            .as_ref()
            .map(|r| r.reason.clone().unwrap_or_default());
        form.submit(Api::current().absence(activity, date, request), move |()| {
            if said.is_some() {
                open.set(false);
                reason.set(String::new());
            }
            absence.set(said);
            focus_later(button_id.get_value());
        });
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change(Some(AbsenceRequest {
            reason: optional(&reason.get_untracked()),
        }));
    };
    let undo = move |_| change(None);
    let open_form = {
        let reason_id = reason_id.clone();
        move |_| {
            open.set(true);
            focus_later(reason_id.clone());
        }
    };
    let said = move || absence.with(Option::is_some);
    view! {
        <FormAlert message=form.summary() />
        <div hidden=move || !said()>
            <p class="note">
                {tr!(schedule.absent)}
                {move || absence.get().filter(|r| !r.is_empty()).map(|r| format!(" ({r})"))}
            </p>
            <button
                type="button"
                class="button button--secondary"
                id=move || said().then(|| button_id.get_value())
                on:click=undo
                aria-disabled=form.aria_busy()
            >
                {tr!(schedule.undo_absence)}
            </button>
        </div>
        <div hidden=said>
            <button
                type="button"
                class="button button--secondary"
                id=move || (!said()).then(|| button_id.get_value())
                hidden=move || open.get()
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=open_form
            >
                {tr!(schedule.cant_come)}
            </button>
            <form class="form confirm" novalidate hidden=move || !open.get() on:submit=send aria-busy=form.aria_busy()>
                <div class="field">
                    <label class="field__label" for=reason_id.clone()>{tr!(schedule.reason)}</label>
                    <input class="field__input" id=reason_id.clone() type="text" maxlength="500" bind:value=reason />
                </div>
                <div class="actions">
                    <button type="submit" class="button">{tr!(schedule.send_absence)}</button>
                    <CloseButton open back_to=button_id.get_value()>
                        {tr!(schedule.cancel)}
                    </CloseButton>
                </div>
            </form>
        </div>
    }
}
