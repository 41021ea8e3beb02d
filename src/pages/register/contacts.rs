//! The contact log of a young person (shown on their entry): every attempt,
//! the suggested next rung of the outreach ladder, and logging an attempt (an
//! SMS, written by the server, waits in the outbox; a home visit names the
//! second member of staff and has its checklist). Who may log, and whether a
//! guardian may be the recipient, the server decides: its messages are shown
//! next to the fields.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::register::codes::{ContactChannel, ContactOutcome, ContactRecipient, Occupation};
use lotsen_api::register::contacts::{
    ContactEntry, ContactLog as Log, HomeVisitItem, NewContact, SmsState,
};

use crate::api::Api;
use crate::components::data::{Data, Loaded, load, reload};
use crate::components::field::{
    CheckBox, FormAlert, SelectField, SelectOption, StaffOptions, TextField,
};
use crate::components::submit::Form;
use crate::components::table::Table;
use crate::forms::{focus_soon, optional};
use crate::i18n::*;
use crate::messages::error_message;
use crate::validation::today;

/// What a channel is called: "Telefonsamtal".
pub fn channel_label(channel: ContactChannel, locale: Locale) -> &'static str {
    match channel {
        ContactChannel::Phone => td_string!(locale, register.contacts.channel_phone),
        ContactChannel::Sms => td_string!(locale, register.contacts.channel_sms),
        ContactChannel::Letter => td_string!(locale, register.contacts.channel_letter),
        ContactChannel::HomeVisit => td_string!(locale, register.contacts.channel_home_visit),
        ContactChannel::School => td_string!(locale, register.contacts.channel_school),
        ContactChannel::Meeting => td_string!(locale, register.contacts.channel_meeting),
        ContactChannel::Other => td_string!(locale, register.contacts.channel_other),
    }
}

/// What an outcome is called: "Inget svar".
pub fn outcome_label(outcome: ContactOutcome, locale: Locale) -> &'static str {
    match outcome {
        ContactOutcome::Reached => td_string!(locale, register.contacts.outcome_reached),
        ContactOutcome::NoAnswer => td_string!(locale, register.contacts.outcome_no_answer),
        ContactOutcome::WrongNumber => td_string!(locale, register.contacts.outcome_wrong_number),
        ContactOutcome::MessageLeft => td_string!(locale, register.contacts.outcome_message_left),
        ContactOutcome::Declined => td_string!(locale, register.contacts.outcome_declined),
    }
}

/// What an occupation is called: "Arbete".
pub fn occupation_label(occupation: Occupation, locale: Locale) -> &'static str {
    match occupation {
        Occupation::Studies => td_string!(locale, register.contacts.occupation_studies),
        Occupation::Work => td_string!(locale, register.contacts.occupation_work),
        Occupation::None => td_string!(locale, register.contacts.occupation_none),
        Occupation::Other => td_string!(locale, register.contacts.occupation_other),
        Occupation::Unknown => td_string!(locale, register.contacts.occupation_unknown),
    }
}

fn recipient_label(recipient: ContactRecipient, locale: Locale) -> &'static str {
    match recipient {
        ContactRecipient::Youth => td_string!(locale, register.contacts.recipient_youth),
        ContactRecipient::Guardian => td_string!(locale, register.contacts.recipient_guardian),
    }
}

fn item_label(item: HomeVisitItem, locale: Locale) -> &'static str {
    match item {
        HomeVisitItem::SafetyCheck => td_string!(locale, register.contacts.item_safety_check),
        HomeVisitItem::TwoStaff => td_string!(locale, register.contacts.item_two_staff),
        HomeVisitItem::IdShown => td_string!(locale, register.contacts.item_id_shown),
        HomeVisitItem::Discreet => td_string!(locale, register.contacts.item_discreet),
        HomeVisitItem::NoteLeft => td_string!(locale, register.contacts.item_note_left),
    }
}

/// "Föreslaget nästa steg: Sms." or "Inget nästa steg föreslås."
pub fn suggestion_text(next: Option<ContactChannel>, locale: Locale) -> String {
    match next {
        Some(channel) => td_string!(locale, register.contacts.suggested)
            .replace("{channel}", channel_label(channel, locale)),
        None => td_string!(locale, register.contacts.suggested_none).to_string(),
    }
}

/// The contact log of the young person `youth_id`, with the form to log an attempt.
#[component]
pub fn ContactLog(youth_id: i64) -> impl IntoView {
    let log = load(Api::current().register_contacts(youth_id));
    let done = RwSignal::new(None::<&'static str>);
    let i18n = use_i18n();
    let letter = format!("{}/letter", super::entry_path(youth_id));
    view! {
        <section class="card contact-log" aria-labelledby="contact-log-heading">
            <h2 id="contact-log-heading">{tr!(register.contacts.log_heading)}</h2>
            <p class="status" role="status" id="contact-status" tabindex="-1">
                {move || done.get()}
            </p>
            <Loaded data=log let:loaded>
                <p class="contact-log__next" id="contact-suggested">
                    <strong>{move || suggestion_text(loaded.suggested_next, i18n.get_locale())}</strong>
                </p>
                <p><A href=letter.clone()>{tr!(register.contacts.letter_link)}</A></p>
                <Entries entries=loaded.entries.clone() />
                <NewAttempt youth_id suggested=loaded.suggested_next log done />
            </Loaded>
        </section>
    }
}

/// The attempts as a table, newest first (as the server sends them).
#[component]
fn Entries(entries: Vec<ContactEntry>) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p class="empty">{tr!(register.contacts.log_empty)}</p> }.into_any();
    }
    let rows = entries
        .into_iter()
        .map(|e| {
            let locale = move || i18n.get_locale();
            let by = e.staff.name.clone();
            let second = e.second_staff.clone().map(|s| s.name);
            let note = e.note.clone().unwrap_or_default();
            let checklist = e.checklist.clone();
            view! {
                <tr class="contact-log__row">
                    <td>{e.contacted_on.to_string()}</td>
                    <td>
                        {move || channel_label(e.channel, locale())}
                        {e.sms.map(|state| view! {
                            <span class="sms-state">
                                {move || match state {
                                    SmsState::Waiting => td_string!(locale(), register.contacts.sms_waiting),
                                    SmsState::Sent => td_string!(locale(), register.contacts.sms_sent),
                                    SmsState::Delivered => td_string!(locale(), register.contacts.sms_delivered),
                                    SmsState::Failed => td_string!(locale(), register.contacts.sms_failed),
                                }}
                            </span>
                        })}
                    </td>
                    <td>{move || recipient_label(e.recipient, locale())}</td>
                    <td>
                        {by}
                        {second.map(|name| view! {
                            " " {move || td_string!(locale(), register.contacts.with_staff).replace("{name}", &name)}
                        })}
                    </td>
                    <td>{move || outcome_label(e.outcome, locale())}</td>
                    <td>{move || e.occupation.map(|o| occupation_label(o, locale()))}</td>
                    <td>
                        {note}
                        {(!checklist.is_empty()).then(|| view! {
                            <span class="contact-log__checklist">
                                {move || {
                                    let items: Vec<&str> = checklist.iter().map(|i| item_label(*i, locale())).collect();
                                    td_string!(locale(), register.contacts.checked).replace("{items}", &items.join("; "))
                                }}
                            </span>
                        })}
                    </td>
                    <td>{e.next_contact_on.map(|d| d.to_string())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table
            id="contact-log-caption"
            caption=label!(register.contacts.log_caption)
            heads=vec![
                label!(register.contacts.col_date),
                label!(register.contacts.col_channel),
                label!(register.contacts.col_recipient),
                label!(register.contacts.col_by),
                label!(register.contacts.col_outcome),
                label!(register.contacts.col_occupation),
                label!(register.contacts.col_note),
                label!(register.contacts.col_next_contact),
            ]
        >
            {rows}
        </Table>
    }
    .into_any()
}

const FORM: &str = "contact";
const FIELDS: [&str; 9] = [
    "contacted_on",
    "channel",
    "recipient",
    "outcome",
    "occupation",
    "second_staff_id",
    "checklist",
    "note",
    "next_contact_on",
];

/// What the form holds, as typed.
#[derive(Clone, Copy)]
struct Draft {
    date: RwSignal<String>,
    channel: RwSignal<String>,
    recipient: RwSignal<String>,
    outcome: RwSignal<String>,
    occupation: RwSignal<String>,
    note: RwSignal<String>,
    next: RwSignal<String>,
    second: RwSignal<String>,
    checklist: RwSignal<Vec<HomeVisitItem>>,
}

impl Draft {
    fn new(channel: ContactChannel) -> Self {
        Self {
            date: RwSignal::new(today().to_string()),
            channel: RwSignal::new(channel.as_str().to_string()),
            recipient: RwSignal::new(ContactRecipient::Youth.as_str().to_string()),
            outcome: RwSignal::new(String::new()),
            occupation: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            next: RwSignal::new(String::new()),
            second: RwSignal::new(String::new()),
            checklist: RwSignal::new(Vec::new()),
        }
    }

    fn channel(self) -> Option<ContactChannel> {
        ContactChannel::parse(&self.channel.get())
    }

    /// The request, or the fields the browser can already tell are wrong.
    fn request(self, locale: Locale) -> Result<NewContact, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let mut problem =
            |field, code| problems.push((field, error_message(locale, code).to_string()));
        let contacted_on = lotsen_api::date::parse_iso(&self.date.get_untracked());
        if contacted_on.is_none() {
            problem("contacted_on", "contact_date");
        }
        let next = self.next.get_untracked();
        let next_contact_on = lotsen_api::date::parse_iso(&next);
        if !next.trim().is_empty() && next_contact_on.is_none() {
            problem("next_contact_on", "contact_next_date");
        }
        let outcome = ContactOutcome::parse(&self.outcome.get_untracked());
        if outcome.is_none() {
            problem("outcome", "required");
        }
        let channel = ContactChannel::parse(&self.channel.get_untracked());
        let visit = channel == Some(ContactChannel::HomeVisit);
        let second_staff_id = self.second.get_untracked().parse::<i64>().ok();
        if visit && second_staff_id.is_none() {
            problem("second_staff_id", "required");
        }
        let reached = outcome == Some(ContactOutcome::Reached);
        let occupation = Occupation::parse(&self.occupation.get_untracked());
        if reached && occupation.is_none() {
            problem("occupation", "required");
        }
        let (Some(contacted_on), Some(channel), Some(outcome), true) =
            (contacted_on, channel, outcome, problems.is_empty())
        else {
            return Err(problems);
        };
        Ok(NewContact {
            contacted_on,
            channel,
            recipient: ContactRecipient::parse(&self.recipient.get_untracked())
                .unwrap_or(ContactRecipient::Youth),
            outcome,
            occupation: occupation.filter(|_| reached),
            note: optional(&self.note.get_untracked()),
            second_staff_id: second_staff_id.filter(|_| visit),
            checklist: if visit {
                self.checklist.get_untracked()
            } else {
                Vec::new()
            },
            next_contact_on,
        })
    }
}

/// The form to log an attempt; the channel starts at the suggested rung.
#[component]
fn NewAttempt(
    youth_id: i64,
    suggested: Option<ContactChannel>,
    log: Data<Log>,
    done: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = Draft::new(suggested.unwrap_or(ContactChannel::Phone));
    let form = Form::new(FORM, &FIELDS);
    // The staff to choose the second member among, read the first time a home visit is chosen.
    let staff = RwSignal::new(None);
    Effect::new(move |asked: Option<bool>| {
        let visit = draft.channel() == Some(ContactChannel::HomeVisit);
        if visit && asked != Some(true) {
            reload(staff, Api::current().staff_members());
        }
        asked == Some(true) || visit
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        done.set(None);
        let request = match draft.request(locale) {
            Ok(request) => request,
            Err(problems) => {
                form.check(locale, problems);
                return;
            }
        };
        form.submit(
            Api::current().log_register_contact(youth_id, request),
            move |_| {
                done.set(Some(td_string!(locale, register.contacts.logged)));
                reload(log, Api::current().register_contacts(youth_id));
                focus_soon("contact-status");
            },
        );
    };
    let visit = move || draft.channel() == Some(ContactChannel::HomeVisit);
    let option = move |value: &'static str, text: &'static str, chosen| {
        view! { <SelectOption value=value chosen>{text}</SelectOption> }
    };
    view! {
        <form class="form contact-form" novalidate on:submit=submit aria-labelledby="contact-new" aria-busy=form.aria_busy()>
            <h3 id="contact-new">{tr!(register.contacts.new_heading)}</h3>
            <div id="contact-alert" tabindex="-1">
                <FormAlert message=form.summary() />
            </div>
            <TextField form name="contacted_on" label=label!(register.contacts.f_date) value=draft.date input_type="date" />
            <SelectField form name="channel" label=label!(register.contacts.f_channel) value=draft.channel>
                {move || {
                    let locale = i18n.get_locale();
                    ContactChannel::ALL.map(|c| option(c.as_str(), channel_label(c, locale), draft.channel)).collect_view()
                }}
            </SelectField>
            <Show when=move || draft.channel() == Some(ContactChannel::Sms)>
                <p class="field__hint">{tr!(register.contacts.sms_hint)}</p>
            </Show>
            <SelectField form name="recipient" label=label!(register.contacts.f_recipient) value=draft.recipient>
                {move || {
                    let locale = i18n.get_locale();
                    ContactRecipient::ALL.map(|r| option(r.as_str(), recipient_label(r, locale), draft.recipient)).collect_view()
                }}
            </SelectField>
            <SelectField form name="outcome" label=label!(register.contacts.f_outcome) value=draft.outcome>
                {move || {
                    let locale = i18n.get_locale();
                    view! {
                        {option("", td_string!(locale, register.contacts.choose), draft.outcome)}
                        {ContactOutcome::ALL.map(|o| option(o.as_str(), outcome_label(o, locale), draft.outcome)).collect_view()}
                    }
                }}
            </SelectField>
            <Show when=move || draft.outcome.get() == ContactOutcome::Reached.as_str()>
                <SelectField form name="occupation" label=label!(register.contacts.f_occupation) value=draft.occupation>
                    {move || {
                        let locale = i18n.get_locale();
                        view! {
                            {option("", td_string!(locale, register.contacts.choose), draft.occupation)}
                            {Occupation::ALL.map(|o| option(o.as_str(), occupation_label(o, locale), draft.occupation)).collect_view()}
                        }
                    }}
                </SelectField>
            </Show>
            <Show when=visit>
                <SelectField form name="second_staff_id" label=label!(register.contacts.f_second_staff) value=draft.second>
                    {move || option("", td_string!(i18n.get_locale(), register.contacts.choose), draft.second)}
                    <StaffOptions staff chosen=draft.second />
                </SelectField>
                <fieldset class="field contact-form__checklist">
                    <legend class="field__label">{tr!(register.contacts.f_checklist)}</legend>
                    {move || form.field("checklist").get().map(|m| view! { <p class="field__error">{m}</p> })}
                    {HomeVisitItem::ALL.map(|item| view! {
                        <CheckBox
                            id=format!("contact-checklist-{}", item.as_str())
                            checked=Signal::derive(move || draft.checklist.with(|c| c.contains(&item)))
                            on_change=Callback::new(move |on: bool| draft.checklist.update(|c| {
                                c.retain(|i| *i != item);
                                if on {
                                    c.push(item);
                                }
                            }))
                        >
                            {move || item_label(item, i18n.get_locale())}
                        </CheckBox>
                    }).collect_view()}
                </fieldset>
            </Show>
            <TextField form name="note" label=label!(register.contacts.f_note) value=draft.note />
            <TextField form name="next_contact_on" label=label!(register.contacts.f_next) value=draft.next input_type="date" />
            <button type="submit" class="button">{tr!(register.contacts.submit)}</button>
        </form>
    }
}
