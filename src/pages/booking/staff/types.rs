//! Session types and group sessions.

use super::*;

/// Session types and group sessions.
#[component]
pub fn TypesPage() -> impl IntoView {
    view! {
        <PageShell title=label!(booking.types_title) access=Access::Staff>
            <TypesContent />
        </PageShell>
    }
}

#[component]
pub(crate) fn TypesContent() -> impl IntoView {
    let i18n = use_i18n();
    let types = load(Api::current().session_types());
    let on_saved =
        Callback::new(move |_: SessionType| reload(types, Api::current().session_types()));
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff">{tr!(booking.back_to_day)}</A></p>
            <h1>{tr!(booking.types_heading)}</h1>
            {move || match types.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
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
            <Card id="type-new" heading=label!(booking.type_new)>
                <TypeForm existing=None on_saved />
            </Card>
        </div>
    }
}

/// Changing a session type.
#[component]
pub fn EditTypePage(id: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(booking.type_edit_title) access=Access::Staff>
            <EditTypeContent id />
        </PageShell>
    }
}

#[component]
pub(crate) fn EditTypeContent(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let types = load(Api::current().session_types());
    let on_saved = Callback::new(move |_: SessionType| {});
    view! {
        <div class="page page--narrow">
            <p class="breadcrumb"><A href="/booking/staff/types">{tr!(booking.back_to_types)}</A></p>
            <h1>{tr!(booking.type_edit_title)}</h1>
            {move || match types.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(list)) => match list.into_iter().find(|t| t.id == id) {
                    None => view! { <ErrorMessage message=error_message(i18n.get_locale_untracked(), "not_found").to_string() /> }.into_any(),
                    Some(t) => view! { <TypeForm existing=Some(t) on_saved /> }.into_any(),
                },
            }}
        </div>
    }
}

pub(crate) const TYPE_FIELDS: [&str; 10] = [
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
pub(crate) fn TypeForm(
    existing: Option<SessionType>,
    on_saved: Callback<SessionType>,
) -> impl IntoView {
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
    let days_ahead = num(
        |t| t.bookable_days_ahead,
        lotsen_api::booking::DEFAULT_DAYS_AHEAD,
    );
    let notice = num(|t| t.notice_minutes, 120);
    let cancel_hours = num(|t| t.cancel_hours, 24);
    let max_active = num(|t| t.max_active_bookings, 2);
    let group = RwSignal::new(e.as_ref().is_some_and(|t| t.group));
    let saved = RwSignal::new(false);
    let existing_id = existing.as_ref().map(|t| t.id);
    let form = if existing_id.is_some() {
        "type-edit"
    } else {
        "type"
    };
    let sender = Form::new(form, &TYPE_FIELDS);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
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
            sender.check(locale, problems);
            return;
        }
        saved.set(false);
        sender.submit(
            Api::current().save_session_type(existing_id, input),
            move |t| {
                saved.set(true);
                if existing_id.is_none() {
                    name.set(String::new());
                    description.set(String::new());
                }
                on_saved.run(t);
                focus_later(format!("{form}-alert"));
            },
        );
    };
    view! {
        <form class="form" novalidate on:submit=submit aria-busy=sender.aria_busy()>
            <div id=format!("{form}-alert") tabindex="-1">
                {move || saved.get().then(|| view! { <p class="status" role="status">{tr!(booking.saved)}</p> })}
                <FormAlert message=sender.summary() />
            </div>
            <TextField form name="name" label=label!(booking.type_name) value=name error=sender.field("name") />
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
            <TextField form name="description" label=label!(booking.description) value=description error=sender.field("description") />
            <TextField form name="length_minutes" label=label!(booking.length_minutes) value=length input_type="number" inputmode="numeric" error=sender.field("length_minutes") />
            <TextField form name="buffer_minutes" label=label!(booking.buffer_minutes) value=buffer input_type="number" inputmode="numeric" error=sender.field("buffer_minutes") />
            <TextField form name="bookable_days_ahead" label=label!(booking.days_ahead) value=days_ahead input_type="number" inputmode="numeric" error=sender.field("bookable_days_ahead") />
            <TextField form name="notice_minutes" label=label!(booking.notice_minutes) value=notice input_type="number" inputmode="numeric" error=sender.field("notice_minutes") />
            <TextField form name="cancel_hours" label=label!(booking.cancel_hours) value=cancel_hours input_type="number" inputmode="numeric" error=sender.field("cancel_hours") />
            <TextField form name="max_active_bookings" label=label!(booking.max_active) value=max_active input_type="number" inputmode="numeric" error=sender.field("max_active_bookings") />
            <CheckBox id=format!("{form}-group") checked=group on_change=Callback::new(move |on| group.set(on))>
                {tr!(booking.is_group)}
            </CheckBox>
            <button type="submit" class="button">{tr!(booking.save)}</button>
        </form>
    }
}

/// A new group session with seats, for one of the group session types.
#[component]
pub(crate) fn GroupForm(types: Vec<SessionType>) -> impl IntoView {
    let i18n = use_i18n();
    let type_id = RwSignal::new(String::new());
    let date = RwSignal::new(add_days(today(), 7).to_string());
    let start = RwSignal::new("13:00".to_string());
    let seats = RwSignal::new("8".to_string());
    let place = RwSignal::new(String::new());
    let form = Form::new(
        "group",
        &["session_type_id", "date", "start", "seats", "place"],
    );
    let created = RwSignal::new(None::<GroupSession>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let session_type = type_id.get_untracked().parse::<i64>().ok();
        if session_type.is_none() {
            problems.push((
                "session_type_id",
                error_message(locale, "required").to_string(),
            ));
        }
        let starts = lotsen_api::date::parse_iso(&date.get_untracked())
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
            form.check(locale, problems);
            return;
        };
        let request = NewGroupSession {
            session_type_id,
            starts_at,
            seats,
            place: optional(&place.get_untracked()),
        };
        created.set(None);
        form.submit_or(
            Api::current().new_group_session(request),
            move |g| {
                created.set(Some(g));
                focus_later("group-alert".into());
            },
            move |error| failed_at_times(form, error),
        );
    };
    view! {
        <Card id="group-new" heading=label!(booking.group_new)>
            <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                <div id="group-alert" tabindex="-1">
                    {move || created.get().map(|g| {
                        let (starts, ends) = (g.starts_at.clone(), g.ends_at.clone());
                        view! { <p class="status" role="status">{tr!(booking.group_created)} " " {move || when(&starts, &ends, i18n.get_locale())}</p> }
                    })}
                    <FormAlert message=form.summary() />
                </div>
                <TypeSelect form="group" label=label!(booking.session_type) types value=type_id error=form.field("session_type_id") />
                <TextField form="group" name="date" label=label!(booking.date) value=date input_type="date" error=form.field("date") />
                <TextField form="group" name="start" label=label!(booking.starts) value=start input_type="time" error=form.field("start") />
                <TextField form="group" name="seats" label=label!(booking.seats) value=seats input_type="number" inputmode="numeric" error=form.field("seats") />
                <TextField form="group" name="place" label=label!(booking.place) value=place error=form.field("place") />
                <button type="submit" class="button">{tr!(booking.group_create)}</button>
            </form>
        </Card>
    }
}
