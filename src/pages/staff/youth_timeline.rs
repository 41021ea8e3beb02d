//! A young person's timeline on their page: everything that happened, newest
//! first, filtered by kind, a page at a time; and their personnummer, masked
//! until the member of staff chooses to show it (both audited by the server).

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::booking::BookingStatus;
use lotsen_api::timeline::{TimelineEvent, TimelineKind, TimelineWhat};

use crate::api::Api;
use crate::api::timeline::timeline_path;
use crate::components::field::CheckBox;
use crate::components::status::ErrorMessage;
use crate::components::submit::{Form, ShowMore};
use crate::format;
use crate::i18n::*;
use crate::pages::application::texts;
use crate::pages::register::contacts::{channel_label, outcome_label};
use crate::pages::register::entry::{deregistration_reason_label, registration_reason_label};
use crate::pages::register::plan::measures::end_reason;
use crate::pages::staff::outcomes::kind_label as outcome_kind_label;

/// What a kind of event is called (the filter's labels and each event's tag).
pub fn kind_label(kind: TimelineKind, locale: Locale) -> &'static str {
    match kind {
        TimelineKind::Register => td_string!(locale, timeline.kind_register),
        TimelineKind::Contact => td_string!(locale, timeline.kind_contact),
        TimelineKind::Application => td_string!(locale, timeline.kind_application),
        TimelineKind::Plan => td_string!(locale, timeline.kind_plan),
        TimelineKind::Booking => td_string!(locale, timeline.kind_booking),
        TimelineKind::Absence => td_string!(locale, timeline.kind_absence),
        TimelineKind::Outcome => td_string!(locale, timeline.kind_outcome),
    }
}

fn booking_status(status: BookingStatus, locale: Locale) -> &'static str {
    match status {
        BookingStatus::Attended => td_string!(locale, timeline.booking_attended),
        BookingStatus::NoShow => td_string!(locale, timeline.booking_no_show),
        BookingStatus::Cancelled => td_string!(locale, timeline.booking_cancelled),
        _ => td_string!(locale, timeline.booking_booked),
    }
}

/// What happened, in a short sentence.
pub fn summary(what: &TimelineWhat, locale: Locale) -> String {
    let pair = |a: &str, b: &str| format!("{a}: {b}");
    match what {
        TimelineWhat::Registered { reason } => pair(
            td_string!(locale, timeline.registered),
            registration_reason_label(*reason, locale),
        ),
        TimelineWhat::Deregistered { reason } => pair(
            td_string!(locale, timeline.deregistered),
            deregistration_reason_label(*reason, locale),
        ),
        TimelineWhat::Contact { channel, outcome } => format!(
            "{} ({}): {}",
            td_string!(locale, timeline.contact),
            channel_label(*channel, locale),
            outcome_label(*outcome, locale)
        ),
        TimelineWhat::Application { event, .. } => pair(
            td_string!(locale, timeline.application),
            texts::event(*event)(locale),
        ),
        TimelineWhat::PlanVersion { version } => {
            format!("{} {version}", td_string!(locale, timeline.plan_version))
        }
        TimelineWhat::PlanAnswer { version, agreed } => {
            let answer = if *agreed {
                td_string!(locale, timeline.plan_agreed)
            } else {
                td_string!(locale, timeline.plan_commented)
            };
            format!("{answer} {version}")
        }
        TimelineWhat::Measure {
            name_sv,
            name_en,
            ended,
        } => {
            let name = match locale {
                Locale::sv => name_sv,
                Locale::en => name_en,
            };
            match ended {
                None => pair(td_string!(locale, timeline.measure_starts), name),
                Some(reason) => format!(
                    "{} ({})",
                    pair(td_string!(locale, timeline.measure_ended), name),
                    end_reason(*reason, locale)
                ),
            }
        }
        TimelineWhat::Booking {
            status,
            session_type,
        } => pair(session_type, booking_status(*status, locale)),
        TimelineWhat::Absence { activity } => pair(td_string!(locale, timeline.absence), activity),
        TimelineWhat::Outcome { outcome } => pair(
            td_string!(locale, timeline.outcome),
            outcome_kind_label(*outcome, locale),
        ),
    }
}

/// The young person's timeline, with its filter and "show more".
#[component]
pub fn TimelineSection(youth_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = RwSignal::new(TimelineKind::ALL.to_vec());
    let events = RwSignal::new(Vec::<TimelineEvent>::new());
    let next = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let form = Form::new("timeline", &[]);

    // A page older than `before`, added to the list; from the start when `None`.
    let load = move |before: Option<String>| {
        let path = timeline_path(youth_id, &kinds.get_untracked(), before.as_deref());
        let more = before.is_some();
        form.submit(Api::current().timeline(path), move |page| {
            events.update(|list| {
                if !more {
                    list.clear();
                }
                list.extend(page.events);
            });
            next.set(page.next);
            loaded.set(true);
        });
    };
    load(None);
    let again = RwSignal::new(false);

    let toggle = move |kind: TimelineKind, on: bool| {
        kinds.update(|list| {
            list.retain(|k| *k != kind);
            if on {
                list.push(kind);
            }
        });
        if kinds.with_untracked(Vec::is_empty) {
            events.set(Vec::new());
            next.set(None);
        } else if form.busy.get_untracked() {
            // A read is on its way: read again, from the start, when it is done.
            again.set(true);
        } else {
            load(None);
        }
    };
    Effect::new(move |_| {
        if again.get() && !form.busy.get() {
            again.set(false);
            load(None);
        }
    });

    let boxes = TimelineKind::ALL
        .into_iter()
        .map(|kind| {
            let id = format!("timeline-kind-{}", kind.as_str());
            view! {
                <CheckBox
                    id
                    checked=Signal::derive(move || kinds.with(|k| k.contains(&kind)))
                    on_change=Callback::new(move |on| toggle(kind, on))
                >
                    {move || kind_label(kind, i18n.get_locale())}
                </CheckBox>
            }
        })
        .collect_view();

    let count = move || {
        let n = events.with(Vec::len);
        let locale = i18n.get_locale();
        match (loaded.get(), n) {
            (false, _) => String::new(),
            (true, 0) => td_string!(locale, timeline.none).to_string(),
            (true, 1) => td_string!(locale, timeline.one).to_string(),
            (true, n) => format!("{n} {}", td_string!(locale, timeline.many)),
        }
    };

    let items = move || {
        let locale = i18n.get_locale();
        events
            .get()
            .into_iter()
            .map(|event| view! { <TimelineItem event locale /> })
            .collect_view()
    };

    view! {
        <section class="card timeline" aria-labelledby="youth-timeline">
            <h2 id="youth-timeline">{tr!(timeline.heading)}</h2>
            <fieldset class="timeline__filter">
                <legend>{tr!(timeline.filter)}</legend>
                {boxes}
            </fieldset>
            <p class="timeline__count" id="timeline-count" role="status">{count}</p>
            <ol class="timeline__list" hidden=move || events.with(Vec::is_empty)>
                {items}
            </ol>
            <ShowMore form more=Signal::derive(move || next.with(Option::is_some)) on_more=Callback::new(move |()| load(next.get_untracked()))>
                {tr!(timeline.more)}
            </ShowMore>
        </section>
    }
}

/// One event: when, its kind, what happened, who, and a link to its page.
#[component]
fn TimelineItem(event: TimelineEvent, locale: Locale) -> impl IntoView {
    // Noon: the browser writes the Swedish date whatever its time zone.
    let day = format::date(&format!("{}T12:00:00", event.on), locale);
    let when = match &event.time {
        Some(time) => format!("{day} {time}"),
        None => day,
    };
    let datetime = match &event.time {
        Some(time) => format!("{}T{time}", event.on),
        None => event.on.to_string(),
    };
    let text = summary(&event.what, locale);
    view! {
        <li class="timeline__item" data-kind=event.kind.as_str()>
            <p class="timeline__when">
                <time datetime=datetime>{when}</time>
                " · "
                <span class="timeline__kind">{kind_label(event.kind, locale)}</span>
            </p>
            <p class="timeline__what">
                {match event.link {
                    Some(href) => view! { <A href>{text}</A> }.into_any(),
                    None => text.into_any(),
                }}
            </p>
            {event
                .staff_name
                .map(|name| view! { <p class="timeline__who">{name}</p> })}
        </li>
    }
}

/// The personnummer, masked until the member of staff shows it (audited).
#[component]
pub fn PersonnummerField(youth_id: i64, masked: String) -> impl IntoView {
    let shown = RwSignal::new(None::<String>);
    let form = Form::new("personnummer", &[]);
    let show = move |_| {
        form.submit(Api::current().reveal_personnummer(youth_id), move |r| {
            shown.set(Some(r.personnummer));
        });
    };
    view! {
        <span class="personnummer" id="youth-personnummer">
            {move || shown.get().unwrap_or_else(|| masked.clone())}
        </span>
        <span hidden=move || shown.with(Option::is_some)>
            " "
            <button
                type="button"
                class="button button--secondary personnummer__show"
                on:click=show
                aria-disabled=form.aria_busy()
                aria-describedby="youth-personnummer-hint"
            >
                {tr!(timeline.show_personnummer)}
            </button>
            " "
            <span class="personnummer__hint" id="youth-personnummer-hint">
                {tr!(timeline.show_personnummer_hint)}
            </span>
        </span>
        {move || form.errors.with(|e| e.summary.clone()).map(|message| view! { <ErrorMessage message /> })}
    }
}
