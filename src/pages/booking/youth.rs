//! The young person's booking: what they need help with, with whom, a free
//! time with an optional note, the confirmation; their bookings (move,
//! cancel until the deadline), offers from the waitlist and places in line.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Redirect};
use lotsen_api::account::{Profession, Role};
use lotsen_api::booking::{
    BookableStaff, Booking, BookingStatus, FreeDay, FreeTime, FreeTimes, JoinWaitlist, MoveBooking,
    MyBookings, NewBooking, SessionType, WaitlistEntry,
};

use super::{chosen_or_error, need_label, status_text, time_range, times_path, when};
use crate::api::{Api, ApiError};
use crate::components::field::FormAlert;
use crate::components::guard::Protected;
use crate::components::page_title::PageTitle;
use crate::components::status::{ErrorMessage, Loading};
use crate::forms::{FormErrors, optional};
use crate::i18n::*;
use crate::messages::error_message;
use crate::pages::schedule::day_label;
use crate::pages::schedule::youth::focus_later;
use crate::session::{Access, Session, load, use_session};

/// The page's API client and session, taken while the page is built, so that
/// what runs after an answer has come (outside the reactive owner) needs no context.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub api: Api,
    pub session: Session,
}

impl Ctx {
    /// The current language's client and the session.
    pub fn current() -> Self {
        Self {
            api: Api::current(),
            session: use_session(),
        }
    }

    /// Reads `path` again into `signal`, keeping what is shown until the answer is there.
    pub fn reload<T>(self, signal: RwSignal<Option<Result<T, ApiError>>>, path: String)
    where
        T: serde::de::DeserializeOwned + Send + Sync + 'static,
    {
        spawn_local(async move {
            let answer = self.api.get::<T>(&path).await;
            if let Err(error) = &answer {
                self.session.check(error);
            }
            signal.set(Some(answer));
        });
    }
}

/// Young people only: staff go on to their day, guardians are told no.
#[component]
fn YouthOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let children = StoredValue::new(children);
    view! {
        <Protected access=Access::SignedIn>
            {move || match session.me().map(|me| me.role) {
                Some(Role::Youth) => children.with_value(|c| c()).into_any(),
                Some(Role::Staff) => view! {
                    <Redirect path="/booking/staff" options=NavigateOptions { replace: true, ..Default::default() } />
                }
                .into_any(),
                _ => view! {
                    <div class="page">
                        <ErrorMessage message=error_message(i18n.get_locale_untracked(), "forbidden").to_string() />
                    </div>
                }
                .into_any(),
            }}
        </Protected>
    }
}

/// "Boka tid": what the young person needs help with, by profession.
#[component]
pub fn StartPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.start_title) />
        <YouthOnly>
            <StartContent />
        </YouthOnly>
    }
}

#[component]
fn StartContent() -> impl IntoView {
    let i18n = use_i18n();
    let types = load::<Vec<SessionType>>("/booking/session-types".into());
    view! {
        <div class="page">
            <h1>{tr!(booking.start_heading)}</h1>
            <p class="lead">{tr!(booking.start_lead)}</p>
            <p><A href="/booking/mine" attr:class="button button--secondary">{tr!(booking.mine_link)}</A></p>
            {move || match types.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(types)) if types.is_empty() => view! { <p class="empty">{tr!(booking.types_empty)}</p> }.into_any(),
                Some(Ok(types)) => {
                    let groups: Vec<(Profession, Vec<SessionType>)> = Profession::ALL
                        .into_iter()
                        .map(|p| (p, types.iter().filter(|t| t.profession == p).cloned().collect::<Vec<_>>()))
                        .filter(|(_, list)| !list.is_empty())
                        .collect();
                    groups
                        .into_iter()
                        .map(|(profession, list)| {
                            let heading = format!("need-{}", profession.as_str());
                            view! {
                                <section class="card" aria-labelledby=heading.clone()>
                                    <h2 id=heading.clone()>{move || need_label(profession, i18n.get_locale())}</h2>
                                    <ul class="link-list">
                                        {list
                                            .into_iter()
                                            .map(|t| {
                                                let (id, name) = (t.id, t.name.clone());
                                                view! {
                                                <li>
                                                    <A href=format!("/booking/new/{id}")>{name}</A>
                                                    <p class="note">
                                                        {t.description.clone()} " "
                                                        {move || type_facts(&t, i18n.get_locale())}
                                                    </p>
                                                </li>
                                            }})
                                            .collect_view()}
                                    </ul>
                                </section>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
        </div>
    }
}

/// "45 minuter." or "Gruppträff, 120 minuter."
fn type_facts(t: &SessionType, locale: Locale) -> String {
    let minutes = format!(
        "{} {}.",
        t.length_minutes,
        td_string!(locale, booking.minutes)
    );
    if t.group {
        format!("{} {minutes}", td_string!(locale, booking.group_session))
    } else {
        minutes
    }
}

/// Loads one session type (there is no read of a single one: the list is short).
fn load_type(id: i64) -> RwSignal<Option<Result<SessionType, ApiError>>> {
    let result = RwSignal::new(None);
    let list = load::<Vec<SessionType>>("/booking/session-types".into());
    Effect::new(move |_| {
        if let Some(answer) = list.get() {
            let locale = to_locale();
            result.set(Some(answer.and_then(|types| {
                types
                    .into_iter()
                    .find(|t| t.id == id)
                    .ok_or_else(|| not_found(locale))
            })));
        }
    });
    result
}

fn to_locale() -> Locale {
    use_context::<leptos_i18n::I18nContext<Locale>>()
        .map(|i| i.get_locale_untracked())
        .unwrap_or(Locale::sv)
}

fn not_found(locale: Locale) -> ApiError {
    ApiError::Server(lotsen_api::ErrorBody {
        status: 404,
        code: lotsen_api::ErrorCode::NotFound,
        message: error_message(locale, "not_found").to_string(),
        fields: Vec::new(),
        retry_after_seconds: None,
    })
}

/// With whom: a person of the profession, or anyone.
#[component]
pub fn PersonPage(id: i64) -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.person_title) />
        <YouthOnly>
            <PersonContent id />
        </YouthOnly>
    }
}

#[component]
fn PersonContent(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session_type = load_type(id);
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking">{tr!(booking.back_to_start)}</A></p>
            <h1>{tr!(booking.person_heading)}</h1>
            {move || match session_type.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(t)) => {
                    let profession = t.profession;
                    let staff = load::<Vec<BookableStaff>>(format!("/booking/staff?profession={}", profession.as_str()));
                    view! {
                        <p class="lead">{t.name.clone()} " – " {move || need_label(profession, i18n.get_locale())}</p>
                        <ul class="link-list">
                            <li>
                                <A href=times_path(id, None)>{tr!(booking.anyone)}</A>
                                <p class="note">{tr!(booking.anyone_hint)}</p>
                            </li>
                            {move || match staff.get() {
                                None => view! { <li><Loading /></li> }.into_any(),
                                Some(Err(error)) => view! { <li><ErrorMessage message=error.message().to_string() /></li> }.into_any(),
                                Some(Ok(list)) => list
                                    .into_iter()
                                    .map(|s| view! { <li><A href=times_path(id, Some(s.id))>{s.name}</A></li> })
                                    .collect_view()
                                    .into_any(),
                            }}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// How many days of free times are shown at first, and added by "more days".
const DAYS_AT_A_TIME: usize = 5;

/// The free times grouped by day, one radio button each; `chosen` is the one picked.
#[component]
pub fn TimeChoices(
    days: Vec<FreeDay>,
    chosen: RwSignal<Option<FreeTime>>,
    /// Show who each time is with (when the choice was "anyone").
    show_staff: bool,
    /// Id prefix; the first radio button is `{form}-starts_at`.
    form: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(DAYS_AT_A_TIME);
    let total = days.len();
    let days = StoredValue::new(days);
    let error_id = format!("{form}-starts_at-error");
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <p class="field__label" id=format!("{form}-times-label")>{tr!(booking.choose_time)}</p>
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            {move || {
                let mut index = 0usize;
                days.with_value(|days| {
                    days.iter()
                        .take(shown.get())
                        .map(|day| {
                            let legend = super::day_of(&format!("{}T", day.date))
                                .map(|d| day_label(d, i18n.get_locale()))
                                .unwrap_or_else(|| day.date.clone());
                            let radios = day
                                .times
                                .iter()
                                .map(|time| {
                                    let id = if index == 0 {
                                        format!("{form}-starts_at")
                                    } else {
                                        format!("{form}-time-{index}")
                                    };
                                    index += 1;
                                    let key = (time.starts_at.clone(), time.staff_id, time.group_session_id);
                                    let is_this = {
                                        let key = key.clone();
                                        move || chosen.with(|c| c.as_ref().is_some_and(|c| (c.starts_at.clone(), c.staff_id, c.group_session_id) == key))
                                    };
                                    let time_for_change = time.clone();
                                    let mut text = time_range(&time.starts_at, &time.ends_at);
                                    if show_staff {
                                        text.push_str(", ");
                                        text.push_str(&time.staff_name);
                                    }
                                    let seats = time.seats_left.map(|n| {
                                        move || format!(", {n} {}", t_string!(i18n, booking.seats_left))
                                    });
                                    let place = time.place.clone().map(|p| format!(", {p}"));
                                    view! {
                                        <div class="field--check">
                                            <input
                                                class="field__check"
                                                type="radio"
                                                name=format!("{form}-time")
                                                id=id.clone()
                                                prop:checked=is_this
                                                aria-describedby=move || error.with(Option::is_some).then(|| format!("{form}-starts_at-error"))
                                                on:change=move |_| chosen.set(Some(time_for_change.clone()))
                                            />
                                            <label for=id>{text}{seats}{place}</label>
                                        </div>
                                    }
                                })
                                .collect_view();
                            view! {
                                <fieldset class="choice-group day-times">
                                    <legend>{legend}</legend>
                                    {radios}
                                </fieldset>
                            }
                        })
                        .collect_view()
                })
            }}
            {move || (shown.get() < total).then(|| view! {
                <button type="button" class="button button--secondary" on:click=move |_| shown.update(|n| *n += DAYS_AT_A_TIME)>
                    {tr!(booking.more_days)}
                </button>
            })}
        </div>
    }
}

/// The free times of a session type with one person or anyone, and booking one.
#[component]
pub fn TimesPage(id: i64, staff: Option<i64>) -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.times_title) />
        <YouthOnly>
            <TimesContent id staff />
        </YouthOnly>
    }
}

fn free_times_path(id: i64, staff: Option<i64>) -> String {
    match staff {
        Some(s) => format!("/booking/session-types/{id}/free-times?staff_id={s}"),
        None => format!("/booking/session-types/{id}/free-times"),
    }
}

const BOOK_FIELDS: [&str; 2] = ["starts_at", "note"];

#[component]
fn TimesContent(id: i64, staff: Option<i64>) -> impl IntoView {
    let ctx = Ctx::current();
    let i18n = use_i18n();
    let session = use_session();
    let times = load::<FreeTimes>(free_times_path(id, staff));
    // What the person picked and typed stays through failed requests and reloads.
    let chosen = RwSignal::new(None::<FreeTime>);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<Booking>);
    let waiting = RwSignal::new(None::<WaitlistEntry>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let Some(time) = chosen_or_error(chosen, errors, locale, "book") else {
            return;
        };
        if note.with_untracked(|n| n.chars().count()) > lotsen_api::booking::NOTE_MAX_CHARS {
            errors.set(FormErrors::from_checks(
                locale,
                vec![("note", error_message(locale, "too_long").to_string())],
            ));
            errors.with_untracked(|e| e.focus_first("book"));
            return;
        }
        let request = NewBooking {
            session_type_id: id,
            staff_id: time.group_session_id.is_none().then_some(time.staff_id),
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
            let result = api.post::<_, Booking>("/me/bookings", &request).await;
            busy.set(false);
            match result {
                Ok(booking) => {
                    done.set(Some(booking));
                    focus_later("booked-heading".into());
                }
                Err(error) => {
                    session.check(&error);
                    let form_errors = FormErrors::from_api(&error, &BOOK_FIELDS);
                    if error.status() == Some(409) {
                        // Someone was quicker, or the time no longer fits: fresh times, same note.
                        chosen.set(None);
                        ctx.reload(times, free_times_path(id, staff));
                    }
                    errors.set(form_errors);
                    focus_later("book-alert".into());
                }
            }
        });
    };

    let join = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        errors.set(FormErrors::none());
        let api = Api::current();
        let request = JoinWaitlist {
            session_type_id: id,
            staff_id: staff,
        };
        spawn_local(async move {
            let result = api.post::<_, WaitlistEntry>("/me/waitlist", &request).await;
            busy.set(false);
            match result {
                Ok(entry) => {
                    waiting.set(Some(entry));
                    focus_later("waitlist-heading".into());
                }
                Err(error) => {
                    session.check(&error);
                    errors.set(FormErrors::from_api(&error, &[]));
                }
            }
        });
    };

    view! {
        <div class="page page--narrow">
            {move || match (done.get(), waiting.get()) {
                (Some(booking), _) => view! { <Booked booking /> }.into_any(),
                (None, Some(entry)) => view! {
                    <h1 id="waitlist-heading" tabindex="-1">{tr!(booking.waitlist_joined_heading)}</h1>
                    <p>{move || format!("{} {}.", t_string!(i18n, booking.waitlist_position), entry.position)}</p>
                    <p>{tr!(booking.waitlist_explained)}</p>
                    <ul class="link-list">
                        <li><A href="/booking/mine">{tr!(booking.mine_link)}</A></li>
                        <li><A href="/booking">{tr!(booking.back_to_start)}</A></li>
                    </ul>
                }
                .into_any(),
                (None, None) => view! {
                    <p class="breadcrumb"><A href=format!("/booking/new/{id}")>{tr!(booking.back_to_person)}</A></p>
                    <h1>{tr!(booking.times_heading)}</h1>
                    {move || match times.get() {
                        None => view! { <Loading /> }.into_any(),
                        Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                        Some(Ok(free)) => {
                            let with = match (staff, free.days.iter().flat_map(|d| d.times.first()).next()) {
                                (Some(_), Some(t)) => Some(t.staff_name.clone()),
                                _ => None,
                            };
                            let profession = free.session_type.profession;
                            view! {
                                <p class="lead">
                                    {free.session_type.name.clone()} ", "
                                    {move || match &with {
                                        Some(name) => name.clone(),
                                        None => need_label(profession, i18n.get_locale()),
                                    }}
                                </p>
                                <div id="book-alert" tabindex="-1">
                                    <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
                                </div>
                                {if free.days.is_empty() {
                                    view! {
                                        <section class="card" aria-labelledby="none-free">
                                            <h2 id="none-free">{tr!(booking.none_free_heading)}</h2>
                                            <p>{tr!(booking.none_free)}</p>
                                            <button type="button" class="button" on:click=join aria-disabled=move || busy.get().then_some("true")>
                                                {tr!(booking.join_waitlist)}
                                            </button>
                                        </section>
                                    }
                                    .into_any()
                                } else {
                                    let show_staff = staff.is_none();
                                    view! {
                                        <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
                                            <TimeChoices
                                                days=free.days.clone()
                                                chosen
                                                show_staff
                                                form="book"
                                                error=Signal::derive(move || errors.with(|e| e.field("starts_at")))
                                            />
                                            <NoteField value=note error=Signal::derive(move || errors.with(|e| e.field("note"))) />
                                            <button type="submit" class="button">{tr!(booking.book)}</button>
                                        </form>
                                    }
                                    .into_any()
                                }}
                            }
                            .into_any()
                        }
                    }}
                }
                .into_any(),
            }}
        </div>
    }
}

/// The optional short note to the staff member.
#[component]
fn NoteField(
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label class="field__label" for="book-note">{tr!(booking.note_label)}</label>
            <p class="field__hint" id="book-note-hint">{tr!(booking.note_hint)}</p>
            {move || error.get().map(|m| view! { <p class="field__error" id="book-note-error">{m}</p> })}
            <textarea
                class="field__input"
                id="book-note"
                name="note"
                rows="3"
                maxlength="500"
                aria-describedby=move || if error.with(Option::is_some) { "book-note-hint book-note-error" } else { "book-note-hint" }
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// The confirmation after booking.
#[component]
fn Booked(booking: Booking) -> impl IntoView {
    view! {
        <h1 id="booked-heading" tabindex="-1">{tr!(booking.booked_heading)}</h1>
        <BookingFacts booking />
        <p>{tr!(booking.booked_reminder)}</p>
        <ul class="link-list">
            <li><A href="/booking/mine">{tr!(booking.mine_link)}</A></li>
            <li><A href="/booking">{tr!(booking.book_another)}</A></li>
        </ul>
    }
}

/// When, what, with whom, where, and the note.
#[component]
fn BookingFacts(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let (starts, ends) = (booking.starts_at.clone(), booking.ends_at.clone());
    view! {
        <dl class="details">
            <dt>{tr!(booking.when)}</dt>
            <dd>{move || when(&starts, &ends, i18n.get_locale())}</dd>
            <dt>{tr!(booking.what)}</dt>
            <dd>{booking.session_type_name.clone()}</dd>
            <dt>{tr!(booking.with_whom)}</dt>
            <dd>{booking.staff_name.clone()}</dd>
            {booking.place.clone().map(|p| view! { <dt>{tr!(booking.place)}</dt><dd>{p}</dd> })}
            {booking.note.clone().map(|n| view! { <dt>{tr!(booking.your_note)}</dt><dd class="prewrap">{n}</dd> })}
        </dl>
    }
}

/// "Mina bokningar": offers, upcoming, places in line, past.
#[component]
pub fn MinePage() -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.mine_title) />
        <YouthOnly>
            <MineContent />
        </YouthOnly>
    }
}

#[component]
fn MineContent() -> impl IntoView {
    let ctx = Ctx::current();
    let mine = load::<MyBookings>("/me/bookings".into());
    let notice = RwSignal::new(None::<&'static str>);
    let refresh = Callback::new(move |said: &'static str| {
        notice.set(Some(said));
        ctx.reload(mine, "/me/bookings".into());
        focus_later("mine-notice".into());
    });
    view! {
        <div class="page">
            <h1>{tr!(booking.mine_heading)}</h1>
            <p><A href="/booking" attr:class="button">{tr!(booking.book_new)}</A></p>
            <p id="mine-notice" class="status" role="status" tabindex="-1">{move || notice.get()}</p>
            {move || match mine.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(mine)) => view! {
                    {(!mine.offers.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="offers-heading">
                            <h2 id="offers-heading">{tr!(booking.offers_heading)}</h2>
                            <ul class="youth-list">
                                {mine.offers.clone().into_iter().map(|b| view! { <Offer booking=b refresh /> }).collect_view()}
                            </ul>
                        </section>
                    })}
                    <section class="card" aria-labelledby="upcoming-heading">
                        <h2 id="upcoming-heading">{tr!(booking.upcoming_heading)}</h2>
                        {if mine.upcoming.is_empty() {
                            view! { <p class="empty">{tr!(booking.upcoming_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="youth-list">
                                    {mine.upcoming.clone().into_iter().map(|b| view! { <Upcoming booking=b refresh /> }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                    </section>
                    {(!mine.waitlist.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="waitlist-heading">
                            <h2 id="waitlist-heading">{tr!(booking.waitlist_heading)}</h2>
                            <ul class="youth-list">
                                {mine.waitlist.clone().into_iter().map(|w| view! { <Waiting entry=w refresh /> }).collect_view()}
                            </ul>
                        </section>
                    })}
                    <section class="card" aria-labelledby="past-heading">
                        <h2 id="past-heading">{tr!(booking.past_heading)}</h2>
                        {if mine.past.is_empty() {
                            view! { <p class="empty">{tr!(booking.past_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="youth-list">
                                    {mine.past.clone().into_iter().map(|b| view! { <Past booking=b /> }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                    </section>
                }
                .into_any(),
            }}
        </div>
    }
}

/// The head of a booking in a list: time, what, with whom.
#[component]
fn Head(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let (starts, ends) = (booking.starts_at.clone(), booking.ends_at.clone());
    view! {
        <p class="youth-list__name">{move || when(&starts, &ends, i18n.get_locale())}</p>
        <p class="youth-list__meta">
            <span>{booking.session_type_name.clone()}</span>
            <span>{booking.staff_name.clone()}</span>
            {booking.place.clone().map(|p| view! { <span>{p}</span> })}
        </p>
        {booking.note.clone().map(|n| view! { <p class="prewrap">{tr!(booking.your_note)} ": " {n}</p> })}
    }
}

/// Sends a POST without a body and reports back; `error` gets the server's message.
fn act(
    ctx: Ctx,
    path: String,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    on_done: impl FnOnce() + 'static,
) {
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    error.set(None);
    spawn_local(async move {
        let result = ctx.api.post_empty::<Booking>(&path).await;
        busy.set(false);
        match result {
            Ok(_) => on_done(),
            Err(e) => {
                ctx.session.check(&e);
                error.set(Some(e.message().to_string()));
            }
        }
    });
}

/// An upcoming booking: move and cancel (with a confirm step) until the deadline.
#[component]
fn Upcoming(booking: Booking, refresh: Callback<&'static str>) -> impl IntoView {
    let ctx = Ctx::current();
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let id = booking.id;
    let question_id = format!("cancel-{id}-question");
    let cancel_button = format!("cancel-{id}");
    let deadline = booking.change_deadline.clone();
    let can_move = booking.can_change && booking.group_session_id.is_none();
    let cancel = move |_| {
        act(
            ctx,
            format!("/me/bookings/{id}/cancel"),
            busy,
            error,
            move || {
                confirming.set(false);
                refresh.run(td_string!(
                    i18n.get_locale_untracked(),
                    booking.cancelled_notice
                ));
            },
        );
    };
    view! {
        <li class="youth-list__item">
            <Head booking=booking.clone() />
            {if booking.can_change {
                view! {
                    <p class="note">
                        {tr!(booking.change_until)} " " {move || crate::format::date_time(&deadline, i18n.get_locale())}
                    </p>
                }
                .into_any()
            } else {
                view! { <p class="note">{tr!(booking.too_late_to_change)}</p> }.into_any()
            }}
            {move || error.get().map(|m| view! { <p class="alert" role="alert">{m}</p> })}
            <div class="actions" hidden=move || confirming.get()>
                {can_move.then(|| view! {
                    <A href=format!("/booking/mine/{id}/move") attr:class="button button--secondary">{tr!(booking.move_link)}</A>
                })}
                <button
                    type="button"
                    class="button button--secondary"
                    id=cancel_button.clone()
                    on:click={
                        let question_id = question_id.clone();
                        move |_| {
                            error.set(None);
                            confirming.set(true);
                            focus_later(question_id.clone());
                        }
                    }
                >
                    {tr!(booking.cancel_booking)}
                </button>
            </div>
            <div class="confirm" hidden=move || !confirming.get()>
                <p class="confirm__question" id=question_id.clone() tabindex="-1">{tr!(booking.cancel_question)}</p>
                <div class="actions">
                    <button type="button" class="button" on:click=cancel aria-disabled=move || busy.get().then_some("true")>
                        {tr!(booking.cancel_yes)}
                    </button>
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| {
                            confirming.set(false);
                            focus_later(cancel_button.clone());
                        }
                    >
                        {tr!(booking.cancel_no)}
                    </button>
                </div>
            </div>
        </li>
    }
}

/// A time offered from the waitlist: accept or decline before the hold expires.
#[component]
fn Offer(booking: Booking, refresh: Callback<&'static str>) -> impl IntoView {
    let ctx = Ctx::current();
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = booking.id;
    let hold = booking.hold_expires_at.clone().unwrap_or_default();
    view! {
        <li class="youth-list__item">
            <Head booking=booking.clone() />
            <p class="badge">{tr!(booking.status_offered)}</p>
            <p class="note">{tr!(booking.answer_before)} " " {move || crate::format::date_time(&hold, i18n.get_locale())}</p>
            {move || error.get().map(|m| view! { <p class="alert" role="alert">{m}</p> })}
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=move |_| act(ctx, format!("/me/bookings/{id}/accept"), busy, error, move || {
                        refresh.run(td_string!(i18n.get_locale_untracked(), booking.accepted_notice));
                    })
                >
                    {tr!(booking.accept)}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=move |_| act(ctx, format!("/me/bookings/{id}/decline"), busy, error, move || {
                        refresh.run(td_string!(i18n.get_locale_untracked(), booking.declined_notice));
                    })
                >
                    {tr!(booking.decline)}
                </button>
            </div>
        </li>
    }
}

/// A place in a waitlist, and leaving it.
#[component]
fn Waiting(entry: WaitlistEntry, refresh: Callback<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = entry.id;
    let position = entry.position;
    let leave = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let api = Api::current();
        spawn_local(async move {
            let result = api.delete::<()>(&format!("/me/waitlist/{id}")).await;
            busy.set(false);
            match result {
                Ok(()) => refresh.run(td_string!(i18n.get_locale_untracked(), booking.left_notice)),
                Err(e) => {
                    session.check(&e);
                    error.set(Some(e.message().to_string()));
                }
            }
        });
    };
    view! {
        <li class="youth-list__item">
            <p class="youth-list__name">{entry.session_type_name.clone()}</p>
            <p class="youth-list__meta">
                <span>{match entry.staff_name.clone() {
                    Some(name) => name.into_any(),
                    None => tr!(booking.anyone).into_any(),
                }}</span>
                <span>{move || format!("{} {position}", t_string!(i18n, booking.waitlist_position))}</span>
            </p>
            {move || error.get().map(|m| view! { <p class="alert" role="alert">{m}</p> })}
            <button type="button" class="button button--secondary" on:click=leave aria-disabled=move || busy.get().then_some("true")>
                {tr!(booking.leave_waitlist)}
            </button>
        </li>
    }
}

/// A past booking, with what became of it.
#[component]
fn Past(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let b = booking.clone();
    view! {
        <li class="youth-list__item">
            <Head booking=booking.clone() />
            <p class="badge">{move || status_text(&b, i18n.get_locale())}</p>
            {booking.cancel_message.clone().map(|m| view! { <p class="prewrap">{m}</p> })}
        </li>
    }
}

/// Another time for a booking: the free times of the same session type and person.
#[component]
pub fn MovePage(id: i64) -> impl IntoView {
    view! {
        <PageTitle page=label!(booking.move_title) />
        <YouthOnly>
            <MoveContent id />
        </YouthOnly>
    }
}

#[component]
fn MoveContent(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let mine = load::<MyBookings>("/me/bookings".into());
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/mine">{tr!(booking.back_to_mine)}</A></p>
            {move || match mine.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(mine)) => match mine.upcoming.into_iter().find(|b| b.id == id && b.status == BookingStatus::Booked) {
                    None => view! { <ErrorMessage message=error_message(i18n.get_locale_untracked(), "not_found").to_string() /> }.into_any(),
                    Some(booking) => view! { <MoveForm booking /> }.into_any(),
                },
            }}
        </div>
    }
}

#[component]
fn MoveForm(booking: Booking) -> impl IntoView {
    let ctx = Ctx::current();
    let i18n = use_i18n();
    let session = use_session();
    let path = StoredValue::new(free_times_path(
        booking.session_type_id,
        Some(booking.staff_id),
    ));
    let times = load::<FreeTimes>(path.get_value());
    let chosen = RwSignal::new(None::<FreeTime>);
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<Booking>);
    let id = booking.id;
    let (starts, ends) = (booking.starts_at.clone(), booking.ends_at.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let Some(time) = chosen_or_error(chosen, errors, locale, "move") else {
            return;
        };
        let request = MoveBooking {
            starts_at: time.starts_at.clone(),
            staff_id: Some(time.staff_id),
        };
        busy.set(true);
        errors.set(FormErrors::none());
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .post::<_, Booking>(&format!("/me/bookings/{id}/move"), &request)
                .await;
            busy.set(false);
            match result {
                Ok(moved) => {
                    done.set(Some(moved));
                    focus_later("moved-heading".into());
                }
                Err(error) => {
                    session.check(&error);
                    if error.status() == Some(409) {
                        chosen.set(None);
                        ctx.reload(times, path.get_value());
                    }
                    errors.set(FormErrors::from_api(&error, &["starts_at"]));
                    focus_later("move-alert".into());
                }
            }
        });
    };
    view! {
        {move || match done.get() {
            Some(moved) => view! {
                <h1 id="moved-heading" tabindex="-1">{tr!(booking.moved_heading)}</h1>
                <BookingFacts booking=moved />
                <ul class="link-list"><li><A href="/booking/mine">{tr!(booking.mine_link)}</A></li></ul>
            }
            .into_any(),
            None => {
                let (starts, ends) = (starts.clone(), ends.clone());
                view! {
                    <h1>{tr!(booking.move_heading)}</h1>
                    <p class="lead">
                        {tr!(booking.now_booked)} " " {move || when(&starts, &ends, i18n.get_locale())}
                    </p>
                    <div id="move-alert" tabindex="-1">
                        <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
                    </div>
                    {move || match times.get() {
                        None => view! { <Loading /> }.into_any(),
                        Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                        Some(Ok(free)) if free.days.is_empty() => view! { <p class="empty">{tr!(booking.none_free)}</p> }.into_any(),
                        Some(Ok(free)) => view! {
                            <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
                                <TimeChoices
                                    days=free.days
                                    chosen
                                    show_staff=false
                                    form="move"
                                    error=Signal::derive(move || errors.with(|e| e.field("starts_at")))
                                />
                                <button type="submit" class="button">{tr!(booking.move_submit)}</button>
                            </form>
                        }
                        .into_any(),
                    }}
                }
                .into_any()
            }
        }}
    }
}
