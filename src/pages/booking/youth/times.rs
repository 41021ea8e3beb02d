//! Free times, booking one and joining the waitlist.

use super::*;

/// How many days of free times are shown at first, and added by "more days".
pub(crate) const DAYS_AT_A_TIME: usize = 5;

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
                            let legend = super::super::day_of(&format!("{}T", day.date))
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

pub(crate) const BOOK_FIELDS: [&str; 2] = ["starts_at", "note"];

#[component]
pub(crate) fn TimesContent(id: i64, staff: Option<i64>) -> impl IntoView {
    let api = Api::current();
    let i18n = use_i18n();
    let times = load(api.free_times(id, staff));
    // What the person picked and typed stays through failed requests and reloads.
    let chosen = RwSignal::new(None::<FreeTime>);
    let note = RwSignal::new(String::new());
    let form = Form::new("book", &BOOK_FIELDS);
    let done = RwSignal::new(None::<Booking>);
    let waiting = RwSignal::new(None::<WaitlistEntry>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let Some(time) = chosen_or_error(chosen, form, locale) else {
            return;
        };
        let too_long =
            note.with_untracked(|n| n.chars().count()) > lotsen_api::booking::NOTE_MAX_CHARS;
        if !form.check_field(locale, "note", too_long.then_some("too_long")) {
            return;
        }
        let (starts_at, group_session_id) = time_in_request(&time);
        let request = NewBooking {
            session_type_id: id,
            staff_id: time.group_session_id.is_none().then_some(time.staff_id),
            starts_at,
            group_session_id,
            note: optional(&note.get_untracked()),
        };
        // Someone was quicker, or the time no longer fits: fresh times, same note.
        form.submit_or(
            api.book(request),
            move |booking| {
                done.set(Some(booking));
                focus_later("booked-heading".into());
            },
            move |error| {
                refresh_if_taken(error, chosen, || reload(times, api.free_times(id, staff)))
            },
        );
    };

    let join = move |_| {
        let request = JoinWaitlist {
            session_type_id: id,
            staff_id: staff,
        };
        form.submit(api.join_waitlist(request), move |entry| {
            waiting.set(Some(entry));
            focus_later("waitlist-heading".into());
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
                        state @ (None | Some(Err(_))) => not_yet(state),
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
                                    <FormAlert message=form.summary() />
                                </div>
                                {if free.days.is_empty() {
                                    view! {
                                        <Card id="none-free" heading=label!(booking.none_free_heading)>
                                            <p>{tr!(booking.none_free)}</p>
                                            <button type="button" class="button" on:click=join aria-disabled=form.aria_busy()>
                                                {tr!(booking.join_waitlist)}
                                            </button>
                                        </Card>
                                    }
                                    .into_any()
                                } else {
                                    let show_staff = staff.is_none();
                                    view! {
                                        <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                                            <TimeChoices
                                                days=free.days.clone()
                                                chosen
                                                show_staff
                                                form="book"
                                                error=form.field("starts_at")
                                            />
                                            <NoteField value=note error=form.field("note") />
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
pub(crate) fn NoteField(
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
pub(crate) fn Booked(booking: Booking) -> impl IntoView {
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
pub(crate) fn BookingFacts(booking: Booking) -> impl IntoView {
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
