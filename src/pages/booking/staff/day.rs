//! Staff's day and week of bookings: attendance and cancelling.

use lotsen_api::account::MessageChannel;
use lotsen_api::booking::{BookingMessage, BookingMessageKind};
use lotsen_api::register::contacts::SmsState;

use super::*;
use crate::format::date_time;

pub(crate) fn day_path(day: Date) -> String {
    format!("/booking/staff/day/{day}")
}

pub(crate) fn week_path(day: Date) -> String {
    format!("/booking/staff/week/{}", monday(day))
}

/// A staff member's day: their bookings with names and notes; attendance and cancelling.
#[component]
pub fn DayPage(day: Option<Date>) -> impl IntoView {
    view! {
        <PageShell title=label!(booking.day_title) access=Access::Staff>
            <DayContent day=day.unwrap_or_else(today) />
        </PageShell>
    }
}

#[component]
pub(crate) fn DayContent(day: Date) -> impl IntoView {
    let api = Api::current();
    let i18n = use_i18n();
    let list = load(api.staff_bookings(day, 1));
    let refresh = Callback::new(move |()| reload(list, api.staff_bookings(day, 1)));
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
                state @ (None | Some(Err(_))) => not_yet(state),
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
pub(crate) fn GroupSessions(sessions: Vec<GroupSession>) -> impl IntoView {
    let i18n = use_i18n();
    let items = sessions
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
            .into_any()
        })
        .collect();
    view! { <ListCard id="groups-heading" heading=label!(booking.group_sessions_heading) items /> }
}

/// Where a booking's reminder or offer is, in words (not colour alone):
/// "Påminnelse: Sms levererat (2026-11-23 10:02)".
fn message_text(m: &BookingMessage, locale: Locale) -> String {
    let kind = match m.kind {
        BookingMessageKind::Reminder => td_string!(locale, booking.message_status.reminder),
        BookingMessageKind::Offer => td_string!(locale, booking.message_status.offer),
    };
    let state = match (m.channel, m.state) {
        (MessageChannel::Sms, SmsState::Waiting) => {
            td_string!(locale, register.contacts.sms_waiting)
        }
        (MessageChannel::Sms, SmsState::Sent) => td_string!(locale, register.contacts.sms_sent),
        (MessageChannel::Sms, SmsState::Delivered) => {
            td_string!(locale, register.contacts.sms_delivered)
        }
        (MessageChannel::Sms, SmsState::Failed) => td_string!(locale, register.contacts.sms_failed),
        (MessageChannel::Email, SmsState::Waiting) => {
            td_string!(locale, booking.message_status.email_waiting)
        }
        (MessageChannel::Email, SmsState::Sent) => {
            td_string!(locale, booking.message_status.email_sent)
        }
        (MessageChannel::Email, SmsState::Delivered) => {
            td_string!(locale, booking.message_status.email_delivered)
        }
        (MessageChannel::Email, SmsState::Failed) => {
            td_string!(locale, booking.message_status.email_failed)
        }
    };
    format!("{kind}: {state} ({})", date_time(&m.at, locale))
}

/// A booking's latest reminder or offer as a badge, in the day and in the
/// week: its state in words, and in `data-message-state` for the styles.
#[component]
pub(crate) fn MessageBadge(message: BookingMessage) -> impl IntoView {
    let i18n = use_i18n();
    let state = format!("{:?}", message.state).to_lowercase();
    view! { <span class="badge" data-message-state=state>{move || message_text(&message, i18n.get_locale())}</span> }
}

/// One booking in the staff's day: who, what, the note; came / did not come; cancel with a message.
#[component]
pub(crate) fn StaffBooking(booking: Booking, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    // Attendance and cancelling: one request at a time, its error above the buttons.
    let form = Form::new("staff-booking", &[]);
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
        form.submit(Api::current().mark_attendance(id, attended), move |_| {
            refresh.run(())
        });
    };
    let cancel = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        if message.with_untracked(|m| m.trim().is_empty()) {
            message_error.set(Some(error_message(locale, "required").to_string()));
            focus_later(format!("staff-cancel-{id}-message"));
            return;
        }
        message_error.set(None);
        let request = StaffCancel {
            message: message.get_untracked(),
        };
        form.submit(Api::current().staff_cancel(id, request), move |_| {
            refresh.run(())
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
            {booking.message.clone().map(|m| view! { <div><MessageBadge message=m /></div> })}
            {booking.note.clone().map(|n| view! { <p class="prewrap">{tr!(booking.their_note)} ": " {n}</p> })}
            <FormAlert message=form.summary() />
            {booked.then(|| view! {
                <div class="actions" hidden=move || cancelling.get()>
                    {started.then(|| view! {
                        <button type="button" class="button button--secondary" on:click=move |_| attend(true) aria-disabled=form.aria_busy()>
                            {tr!(booking.mark_attended)}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| attend(false) aria-disabled=form.aria_busy()>
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
                        <button type="submit" class="button" aria-disabled=form.aria_busy()>{tr!(booking.staff_cancel_yes)}</button>
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
        <PageShell title=label!(booking.week_title) access=Access::Staff>
            <WithStylesheet href=DESK_STYLESHEET>
                <WeekContent first=monday(day.unwrap_or_else(today)) />
            </WithStylesheet>
        </PageShell>
    }
}

#[component]
pub(crate) fn WeekContent(first: Date) -> impl IntoView {
    let i18n = use_i18n();
    let list = load(Api::current().staff_bookings(first, 7));
    view! {
        <div class="page page--desk">
            <h1>{move || format!("{} – {}", t_string!(i18n, booking.week_heading), week_label(first, i18n.get_locale()))}</h1>
            <nav class="actions" aria-label=move || t_string!(i18n, booking.week_nav)>
                <A href=week_path(add_days(first, -7)) attr:class="button button--secondary">{tr!(booking.earlier_week)}</A>
                <A href=week_path(add_days(first, 7)) attr:class="button button--secondary">{tr!(booking.later_week)}</A>
            </nav>
            <StaffNav />
            {move || match list.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(list)) => {
                    let grid = view! { <WeekGrid first bookings=list.bookings.clone() /> };
                    let groups = group_by_day(list.bookings, |b| super::super::day_of(&b.starts_at).unwrap_or(first));
                    view! {
                        <div class="desk-only">{grid}</div>
                        <div class="phone-only">
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
                                                                {b.message.clone().map(|m| view! { <div><MessageBadge message=m /></div> })}
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
                        </div>
                        <GroupSessions sessions=list.group_sessions />
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
