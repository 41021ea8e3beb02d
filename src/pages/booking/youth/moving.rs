//! Moving a booking to another time.

use super::*;

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
pub(crate) fn MoveContent(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let mine = load(Api::current().my_bookings());
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/mine">{tr!(booking.back_to_mine)}</A></p>
            {move || match mine.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(mine)) => match mine.upcoming.into_iter().find(|b| b.id == id && b.status == BookingStatus::Booked) {
                    None => view! { <ErrorMessage message=error_message(i18n.get_locale_untracked(), "not_found").to_string() /> }.into_any(),
                    Some(booking) => view! { <MoveForm booking /> }.into_any(),
                },
            }}
        </div>
    }
}

#[component]
pub(crate) fn MoveForm(booking: Booking) -> impl IntoView {
    let api = Api::current();
    let i18n = use_i18n();
    let (session_type, staff) = (booking.session_type_id, Some(booking.staff_id));
    let times = load(api.free_times(session_type, staff));
    let chosen = RwSignal::new(None::<FreeTime>);
    let form = Form::new("move", &["starts_at"]);
    let done = RwSignal::new(None::<Booking>);
    let id = booking.id;
    let (starts, ends) = (booking.starts_at.clone(), booking.ends_at.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let Some(time) = chosen_or_error(chosen, form, locale) else {
            return;
        };
        let request = MoveBooking {
            starts_at: time.starts_at.clone(),
            staff_id: Some(time.staff_id),
        };
        form.submit_or(
            api.move_booking(id, request),
            move |moved| {
                done.set(Some(moved));
                focus_later("moved-heading".into());
            },
            move |error| {
                refresh_if_taken(error, chosen, || {
                    reload(times, api.free_times(session_type, staff))
                })
            },
        );
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
                        <FormAlert message=form.summary() />
                    </div>
                    {move || match times.get() {
                        state @ (None | Some(Err(_))) => not_yet(state),
                        Some(Ok(free)) if free.days.is_empty() => view! { <p class="empty">{tr!(booking.none_free)}</p> }.into_any(),
                        Some(Ok(free)) => view! {
                            <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                                <TimeChoices
                                    days=free.days
                                    chosen
                                    show_staff=false
                                    form="move"
                                    error=form.field("starts_at")
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
