//! A young person's register entry: details (no address with protected
//! identity), the periods (history), registering again and deregistering, the
//! contact log ([`super::contacts::ContactLog`]) and links to the plan and
//! the letter.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::date::parse_iso;
use lotsen_api::register::codes::{DeregistrationReason, RegistrationReason};
use lotsen_api::register::people::{Details, Entry, NewDeregistration, NewRegistration, Period};

use super::entry_path;
use super::list::RegistrationOptions;
use crate::api::Api;
use crate::components::data::{Data, load, not_yet, reload};
use crate::components::field::{ChoiceOptions, FormAlert, SelectField, TextField};
use crate::components::page_title::PageTitle;
use crate::components::submit::Form;
use crate::components::table::Table;
use crate::forms::{focus_later, optional};
use crate::i18n::*;
use crate::session::Access;
use crate::text::value_or;
use crate::validation::today;

/// A registration reason in words.
pub fn registration_reason_label(reason: RegistrationReason, locale: Locale) -> &'static str {
    match reason {
        RegistrationReason::DroppedOut => td_string!(locale, register.people.reason_dropped_out),
        RegistrationReason::LeavingCertificate => {
            td_string!(locale, register.people.reason_leaving_certificate)
        }
        RegistrationReason::NeverStarted => {
            td_string!(locale, register.people.reason_never_started)
        }
        RegistrationReason::MovedIn => td_string!(locale, register.people.reason_moved_in),
        RegistrationReason::SchoolNotice => {
            td_string!(locale, register.people.reason_school_notice)
        }
        RegistrationReason::Other => td_string!(locale, register.people.reason_other),
    }
}

/// A deregistration reason in words.
pub fn deregistration_reason_label(reason: DeregistrationReason, locale: Locale) -> &'static str {
    match reason {
        DeregistrationReason::Turned20 => td_string!(locale, register.people.dereg_turned_20),
        DeregistrationReason::StartedEducation => {
            td_string!(locale, register.people.dereg_started_education)
        }
        DeregistrationReason::CompletedEducation => {
            td_string!(locale, register.people.dereg_completed_education)
        }
        DeregistrationReason::MovedAway => td_string!(locale, register.people.dereg_moved_away),
        DeregistrationReason::Other => td_string!(locale, register.people.dereg_other),
    }
}

/// "Registered" or "Deregistered 2026-05-01 (reason)".
#[component]
pub fn PeriodState(period: Period) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        match (period.deregistered_on, period.deregistration_reason) {
            (Some(on), reason) => {
                let reason = reason
                    .map(|r| deregistration_reason_label(r, locale))
                    .unwrap_or("");
                format!(
                    "{} {on} ({reason})",
                    td_string!(locale, register.people.state_closed)
                )
            }
            (None, _) => td_string!(locale, register.people.state_open).to_string(),
        }
    }
}

/// The entry of the young person `id`.
#[component]
pub fn EntryPage(id: i64) -> impl IntoView {
    let entry = load(Api::current().register_entry(id));
    let done = RwSignal::new(None::<String>);
    view! {
        <PageTitle page=label!(register.people.entry_title) />
        <crate::components::guard::Protected access=Access::Staff>
            <div class="page page--wide">
                {move || match entry.get() {
                    Some(Ok(loaded)) => view! { <EntryView entry=loaded data=entry done /> }.into_any(),
                    state @ (None | Some(Err(_))) => view! {
                        <h1>{tr!(register.people.entry_title)}</h1>
                        {not_yet(state)}
                    }
                    .into_any(),
                }}
                <super::contacts::ContactLog youth_id=id />
            </div>
        </crate::components::guard::Protected>
    }
}

#[component]
fn EntryView(entry: Entry, data: Data<Entry>, done: RwSignal<Option<String>>) -> impl IntoView {
    let id = entry.youth_id;
    let open = entry
        .periods
        .last()
        .is_some_and(|p| p.deregistered_on.is_none());
    let again_after = entry.periods.last().and_then(|p| p.deregistered_on);
    let changed = Callback::new(move |message: String| {
        done.set(Some(message));
        reload(data, Api::current().register_entry(id));
        focus_later("entry-status".into());
    });
    view! {
        <h1>{entry.name.clone()}</h1>
        <p class="status" role="status" id="entry-status" tabindex="-1">{move || done.get()}</p>
        <ul class="link-list">
            <li><A href=format!("{}/plan", entry_path(id))>{tr!(register.people.plan_link)}</A></li>
            <li><A href=format!("{}/letter", entry_path(id))>{tr!(register.people.letter_link)}</A></li>
            <li><A href="/register/people">{tr!(register.people.back)}</A></li>
        </ul>
        <DetailsCard entry=entry.clone() />
        <Periods periods=entry.periods />
        {if open {
            view! { <Deregister id changed /> }.into_any()
        } else {
            view! { <RegisterAgain id changed after=again_after.map(|d| d.to_string()) /> }.into_any()
        }}
    }
}

/// One row of the details: the term and its value (or "not given").
fn row(term: Signal<&'static str>, value: Option<String>) -> impl IntoView {
    view! {
        <div class="details__row">
            <dt>{term}</dt>
            <dd>{value_or(value, |locale| td_string!(locale, register.people.not_given))}</dd>
        </div>
    }
}

#[component]
fn DetailsCard(entry: Entry) -> impl IntoView {
    let Details {
        street,
        postal_code,
        city,
        phone,
        email,
        last_school,
        last_programme,
        left_on,
        left_reason,
    } = entry.details;
    let address = [
        street,
        postal_code
            .map(|p| format!("{p} {}", city.clone().unwrap_or_default()))
            .or(city),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>();
    let address = (!address.is_empty()).then(|| address.join(", "));
    let hidden = entry.protected_identity || entry.address_hidden;
    view! {
        <section class="card" aria-labelledby="entry-details">
            <h2 id="entry-details">{tr!(register.people.details_heading)}</h2>
            <dl class="details">
                {row(label!(register.people.personnummer), Some(entry.personnummer))}
                {row(label!(register.people.age), Some(entry.age.to_string()))}
                {row(label!(register.people.phone), phone)}
                {row(label!(register.people.email), email)}
                {if hidden {
                    view! {
                        <div class="details__row">
                            <dt>{tr!(register.people.address)}</dt>
                            <dd><strong class="register-people__protected">{tr!(register.people.address_hidden)}</strong></dd>
                        </div>
                    }
                    .into_any()
                } else {
                    row(label!(register.people.address), address).into_any()
                }}
            </dl>
            <h3>{tr!(register.people.school_heading)}</h3>
            <dl class="details">
                {row(label!(register.people.last_school), last_school)}
                {row(label!(register.people.last_programme), last_programme)}
                {row(label!(register.people.left_on), left_on.map(|d| d.to_string()))}
                {row(label!(register.people.left_reason), left_reason)}
            </dl>
        </section>
    }
}

/// The history: every period, oldest first.
#[component]
fn Periods(periods: Vec<Period>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = periods
        .into_iter()
        .map(|p| {
            let (reason, dereg) = (p.registration_reason, p.deregistration_reason);
            view! {
                <tr>
                    <td>{p.registered_on.to_string()}</td>
                    <td>{move || registration_reason_label(reason, i18n.get_locale())}</td>
                    <td>{p.registration_note}</td>
                    <td>{p.deregistered_on.map_or_else(
                        || td_string!(i18n.get_locale_untracked(), register.people.state_open).to_string(),
                        |d| d.to_string(),
                    )}</td>
                    <td>{move || dereg.map(|r| deregistration_reason_label(r, i18n.get_locale()))}</td>
                    <td>{p.deregistration_note}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="entry-periods">
            <h2 id="entry-periods">{tr!(register.people.periods_heading)}</h2>
            <Table
                id="periods-caption"
                caption=label!(register.people.periods_caption)
                heads=vec![
                    label!(register.people.registered_on),
                    label!(register.people.registration_reason),
                    label!(register.people.note),
                    label!(register.people.deregistered_on),
                    label!(register.people.deregistration_reason),
                    label!(register.people.note),
                ]
            >
                {rows}
            </Table>
        </section>
    }
}

const DEREG_FIELDS: [&str; 3] = ["on", "reason", "note"];

/// The date, reason and note of a period's start or end.
struct PeriodFields {
    on: RwSignal<String>,
    reason: RwSignal<String>,
    note: RwSignal<String>,
}

impl PeriodFields {
    fn new(reason: &str) -> Self {
        Self {
            on: RwSignal::new(today().to_string()),
            reason: RwSignal::new(reason.to_string()),
            note: RwSignal::new(String::new()),
        }
    }
}

/// Ending the open period: date, reason, note, then "are you sure?".
#[component]
fn Deregister(id: i64, changed: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("dereg", &DEREG_FIELDS);
    let fields = PeriodFields::new(DeregistrationReason::StartedEducation.as_str());
    let (on, reason, note) = (fields.on, fields.reason, fields.note);
    let confirming = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if fields_checked(form, on, i18n.get_locale_untracked()).is_some() {
            confirming.set(true);
            focus_later("dereg-confirm".into());
        }
    };
    let send = move |_| {
        confirming.set(false);
        let locale = i18n.get_locale_untracked();
        let (Some(on), Some(reason)) = (
            parse_iso(on.get_untracked().trim()),
            DeregistrationReason::parse(&reason.get_untracked()),
        ) else {
            return;
        };
        let request = NewDeregistration {
            on,
            reason,
            note: optional(&note.get_untracked()),
        };
        form.submit(Api::current().deregister(id, request), move |_| {
            changed.run(td_string!(locale, register.people.deregistered).to_string());
        });
    };
    view! {
        <section class="card" aria-labelledby="dereg-heading">
            <h2 id="dereg-heading">{tr!(register.people.dereg_heading)}</h2>
            <p>{tr!(register.people.dereg_intro)}</p>
            <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                <div id="dereg-alert" tabindex="-1"><FormAlert message=form.summary() /></div>
                <TextField form name="on" label=label!(register.people.deregistered_on) value=on input_type="date" />
                <SelectField form name="reason" label=label!(register.people.deregistration_reason) value=reason>
                    <ChoiceOptions
                        choices=DeregistrationReason::ALL.into_iter().filter(|r| *r != DeregistrationReason::Turned20).collect()
                        chosen=reason
                        value_of=DeregistrationReason::as_str
                        text_of=deregistration_reason_label
                    />
                </SelectField>
                <TextField form name="note" label=label!(register.people.note) value=note />
                <button type="submit" class="button" id="dereg-submit" hidden=move || confirming.get()>
                    {tr!(register.people.dereg_submit)}
                </button>
            </form>
            <div class="confirm" hidden=move || !confirming.get()>
                <p class="confirm__question" id="dereg-confirm" tabindex="-1">{tr!(register.people.dereg_question)}</p>
                <div class="actions">
                    <button type="button" class="button" on:click=send>{tr!(register.people.dereg_yes)}</button>
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| {
                            confirming.set(false);
                            focus_later("dereg-submit".into());
                        }
                    >
                        {tr!(register.people.cancel)}
                    </button>
                </div>
            </div>
        </section>
    }
}

/// The date of `on` when it reads, else its problem shown next to the field.
fn fields_checked(form: Form, on: RwSignal<String>, locale: Locale) -> Option<lotsen_api::Date> {
    let date = parse_iso(on.get_untracked().trim());
    let problems = match date {
        Some(_) => Vec::new(),
        None => vec![(
            "on",
            crate::messages::error_message(locale, "register_date_format").to_string(),
        )],
    };
    form.check(locale, problems).then_some(date).flatten()
}

/// A new period when none is open.
#[component]
fn RegisterAgain(id: i64, changed: Callback<String>, after: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new("again", &DEREG_FIELDS);
    let fields = PeriodFields::new(RegistrationReason::SchoolNotice.as_str());
    let (on, reason, note) = (fields.on, fields.reason, fields.note);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let Some(date) = fields_checked(form, on, locale) else {
            return;
        };
        let Some(reason) = RegistrationReason::parse(&reason.get_untracked()) else {
            return;
        };
        let request = NewRegistration {
            on: date,
            reason,
            note: optional(&note.get_untracked()),
        };
        form.submit(Api::current().register_again(id, request), move |_| {
            changed.run(td_string!(locale, register.people.registered_again).to_string());
        });
    };
    view! {
        <section class="card" aria-labelledby="again-heading">
            <h2 id="again-heading">{tr!(register.people.again_heading)}</h2>
            <p>{tr!(register.people.again_intro)} " " {after}</p>
            <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                <div id="again-alert" tabindex="-1"><FormAlert message=form.summary() /></div>
                <TextField form name="on" label=label!(register.people.registered_on) value=on input_type="date" />
                <SelectField form name="reason" label=label!(register.people.registration_reason) value=reason>
                    <RegistrationOptions chosen=reason />
                </SelectField>
                <TextField form name="note" label=label!(register.people.note) value=note />
                <button type="submit" class="button">{tr!(register.people.again_submit)}</button>
            </form>
        </section>
    }
}
