//! A young person's bookings, offers and waitlist places.

use super::*;
use crate::components::card::ListCard;
use crate::components::close_button::CloseButton;
use crate::forms::FormErrors;

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
pub(crate) fn MineContent() -> impl IntoView {
    let mine = load(Api::current().my_bookings());
    let i18n = use_i18n();
    let notice = RwSignal::new(None::<&'static str>);
    // The list read again, saying what was done (in the language in use).
    let refresh = Callback::new(move |said: fn(Locale) -> &'static str| {
        notice.set(Some(said(i18n.get_locale_untracked())));
        reload(mine, Api::current().my_bookings());
        focus_later("mine-notice".into());
    });
    view! {
        <div class="page">
            <h1>{tr!(booking.mine_heading)}</h1>
            <p><A href="/booking" attr:class="button">{tr!(booking.book_new)}</A></p>
            <p id="mine-notice" class="status" role="status" tabindex="-1">{move || notice.get()}</p>
            <Loaded data=mine let:mine>
                {
                    let offers = mine.offers.into_iter().map(|b| view! { <Offer booking=b refresh /> }.into_any()).collect();
                    let upcoming = mine.upcoming.into_iter().map(|b| view! { <Upcoming booking=b refresh /> }.into_any()).collect();
                    let waitlist = mine.waitlist.into_iter().map(|w| view! { <Waiting entry=w refresh /> }.into_any()).collect();
                    let past = mine.past.into_iter().map(|b| view! { <Past booking=b /> }.into_any()).collect();
                    view! {
                        <ListCard id="offers-heading" heading=label!(booking.offers_heading) items=offers />
                        <ListCard id="upcoming-heading" heading=label!(booking.upcoming_heading) empty=label!(booking.upcoming_empty) items=upcoming />
                        <ListCard id="waitlist-heading" heading=label!(booking.waitlist_heading) items=waitlist />
                        <ListCard id="past-heading" heading=label!(booking.past_heading) empty=label!(booking.past_empty) items=past />
                    }
                }
            </Loaded>
        </div>
    }
}

/// The head of a booking in a list: time, what, with whom.
#[component]
pub(crate) fn Head(booking: Booking) -> impl IntoView {
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

/// An upcoming booking: move and cancel (with a confirm step) until the deadline.
#[component]
pub(crate) fn Upcoming(
    booking: Booking,
    refresh: Callback<fn(Locale) -> &'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("booking", &[]);
    let confirming = RwSignal::new(false);
    let id = booking.id;
    let question_id = format!("cancel-{id}-question");
    let cancel_button = format!("cancel-{id}");
    let deadline = booking.change_deadline.clone();
    let can_move = booking.can_change && booking.group_session_id.is_none();
    let cancel = move |_| {
        form.submit(Api::current().my_booking_action(id, "cancel"), move |_| {
            confirming.set(false);
            refresh.run(|l| td_string!(l, booking.cancelled_notice));
        });
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
            <FormAlert message=form.summary() />
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
                            form.errors.set(FormErrors::none());
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
                    <button type="button" class="button" on:click=cancel aria-disabled=form.aria_busy()>
                        {tr!(booking.cancel_yes)}
                    </button>
                    <CloseButton open=confirming back_to=cancel_button>
                        {tr!(booking.cancel_no)}
                    </CloseButton>
                </div>
            </div>
        </li>
    }
}

/// A time offered from the waitlist: accept or decline before the hold expires.
#[component]
pub(crate) fn Offer(
    booking: Booking,
    refresh: Callback<fn(Locale) -> &'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("booking", &[]);
    let id = booking.id;
    // Accepts or declines the offer; `notice` says which was done.
    let answer = move |action: &'static str, notice: fn(Locale) -> &'static str| {
        form.submit(Api::current().my_booking_action(id, action), move |_| {
            refresh.run(notice);
        });
    };
    let hold = booking.hold_expires_at.clone().unwrap_or_default();
    view! {
        <li class="youth-list__item">
            <Head booking=booking.clone() />
            <p class="badge">{tr!(booking.status_offered)}</p>
            <p class="note">{tr!(booking.answer_before)} " " {move || crate::format::date_time(&hold, i18n.get_locale())}</p>
            <FormAlert message=form.summary() />
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    aria-disabled=form.aria_busy()
                    on:click=move |_| answer("accept", |l| td_string!(l, booking.accepted_notice))
                >
                    {tr!(booking.accept)}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    aria-disabled=form.aria_busy()
                    on:click=move |_| answer("decline", |l| td_string!(l, booking.declined_notice))
                >
                    {tr!(booking.decline)}
                </button>
            </div>
        </li>
    }
}

/// A place in a waitlist, and leaving it.
#[component]
pub(crate) fn Waiting(
    entry: WaitlistEntry,
    refresh: Callback<fn(Locale) -> &'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("booking", &[]);
    let id = entry.id;
    let position = entry.position;
    let leave = move |_| {
        form.submit(Api::current().leave_waitlist(id), move |()| {
            refresh.run(|l| td_string!(l, booking.left_notice));
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
            <FormAlert message=form.summary() />
            <button type="button" class="button button--secondary" on:click=leave aria-disabled=form.aria_busy()>
                {tr!(booking.leave_waitlist)}
            </button>
        </li>
    }
}

/// A past booking, with what became of it.
#[component]
pub(crate) fn Past(booking: Booking) -> impl IntoView {
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
