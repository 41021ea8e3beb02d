//! The register (open or closed periods, paged), adding a young person by
//! hand, and — for administrators — who keeps the register.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use lotsen_api::contact;
use lotsen_api::date::parse_iso;
use lotsen_api::people::StaffMember;
use lotsen_api::register::codes::RegistrationReason;
use lotsen_api::register::people::{
    Details, EntryPage, EntrySummary, NewEntry, NewRegistration, StatusFilter,
};

use super::entry::{PeriodState, registration_reason_label};
use super::entry_path;
use crate::api::Api;
use crate::api::register::people::{PAGE_SIZE, status_name};
use crate::components::data::{Loaded, load, reload};
use crate::components::field::{ChoiceOptions, FormAlert, SelectField, TextField};
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::components::table::{Sort, SortKey, Table, sort_rows};
use crate::format::profession_label;
use crate::forms::{optional, problem_message};
use crate::i18n::*;
use crate::session::{Access, use_session};
use crate::validation::{check_personnummer, today};

/// The register with its filter and pages, for those who keep it (others are
/// told whose list it is); the officers for administrators.
#[component]
pub fn ListPage() -> impl IntoView {
    let session = use_session();
    // Read once the access guard knows who is signed in.
    let admin = move || session.me().is_some_and(|me| me.is_admin);
    let keeps = move || session.me().is_some_and(|me| me.keeps_register);
    view! {
        <PageShell
            title=label!(register.people.list_title)
            access=Access::Staff
            heading=label!(register.people.list_heading)
            class="page page--wide"
        >
            {move || if keeps() {
                view! {
                    <ul class="link-list register-people__links">
                        <li><A href="/register/people/new">{tr!(register.people.add_link)}</A></li>
                        <li><A href="/register/import">{tr!(register.people.import_link)}</A></li>
                    </ul>
                    <RegisterList />
                }
                .into_any()
            } else {
                view! { <super::home::NotForYou /> }.into_any()
            }}
            {move || admin().then(|| view! { <Officers /> })}
        </PageShell>
    }
}

/// The filter, the table and the pages.
#[component]
fn RegisterList() -> impl IntoView {
    let status = RwSignal::new(StatusFilter::Open);
    let offset = RwSignal::new(0u32);
    let page = RwSignal::new(None);
    Effect::new(move |_| {
        reload(
            page,
            Api::current().register_list(status.get(), offset.get()),
        )
    });
    let choose = move |filter: StatusFilter| {
        status.set(filter);
        offset.set(0);
    };
    let radio = move |filter: StatusFilter, text: Signal<&'static str>| {
        let id = format!("register-status-{}", status_name(filter));
        view! {
            <div class="field--check">
                <input
                    type="radio"
                    class="field__check"
                    name="register-status"
                    id=id.clone()
                    prop:checked=move || status.get() == filter
                    on:change=move |_| choose(filter)
                />
                <label for=id>{text}</label>
            </div>
        }
    };
    view! {
        <fieldset class="register-people__filter">
            <legend>{tr!(register.people.filter)}</legend>
            {radio(StatusFilter::Open, label!(register.people.filter_open))}
            {radio(StatusFilter::Closed, label!(register.people.filter_closed))}
            {radio(StatusFilter::All, label!(register.people.filter_all))}
        </fieldset>
        <Loaded data=page let:page>
            <ListTable page offset />
        </Loaded>
    }
}

/// A page of the register, with "earlier" and "later" pages.
#[component]
fn ListTable(page: EntryPage, offset: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    if page.entries.is_empty() {
        return view! { <p class="empty">{tr!(register.people.empty)}</p> }.into_any();
    }
    let first = page.offset + 1;
    let last = page.offset + page.entries.len() as u32;
    let total = page.total;
    let has_previous = page.offset > 0;
    let has_next = i64::from(last) < total;
    let entries = page.entries;
    let sort = RwSignal::new(Sort::by(0));
    let rows = move || {
        let locale = i18n.get_locale();
        let mut entries = entries.clone();
        sort_rows(&mut entries, sort.get(), |e, column| match column {
            0 => SortKey::text(&e.name),
            1 => SortKey::Number(i64::from(e.age)),
            2 => SortKey::text(&e.latest.registered_on.to_string()),
            3 => SortKey::text(registration_reason_label(
                e.latest.registration_reason,
                locale,
            )),
            _ => SortKey::or_missing(e.latest.deregistered_on, |d| SortKey::text(&d.to_string())),
        });
        entries.into_iter().map(row).collect_view()
    };
    view! {
        <Table
            id="register-caption"
            sort
            caption=label!(register.people.caption)
            heads=vec![
                label!(register.people.name),
                label!(register.people.age),
                label!(register.people.registered_on),
                label!(register.people.registration_reason),
                label!(register.people.state),
            ]
        >
            {rows}
        </Table>
        <div class="actions register-people__pages">
            <p class="status" role="status">
                {t!(i18n, register.people.showing, first = move || first, last = move || last, total = move || total)}
            </p>
            <button
                type="button"
                class="button button--secondary"
                hidden=!has_previous
                on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE_SIZE))
            >
                {tr!(register.people.previous)}
            </button>
            <button
                type="button"
                class="button button--secondary"
                hidden=!has_next
                on:click=move |_| offset.update(|o| *o += PAGE_SIZE)
            >
                {tr!(register.people.next)}
            </button>
        </div>
    }
    .into_any()
}

fn row(entry: EntrySummary) -> impl IntoView {
    let i18n = use_i18n();
    let latest = entry.latest;
    let reason = latest.registration_reason;
    view! {
        <tr>
            <td><A href=entry_path(entry.youth_id)>{entry.name}</A></td>
            <td>{entry.age}</td>
            <td>{latest.registered_on.to_string()}</td>
            <td>{move || registration_reason_label(reason, i18n.get_locale())}</td>
            <td><PeriodState period=latest /></td>
        </tr>
    }
}

/// Who keeps the register: give or take the permission (administrators).
#[component]
fn Officers() -> impl IntoView {
    let staff = load(Api::current().staff_members());
    let done = RwSignal::new(None::<String>);
    let form = Form::new("officers", &[]);
    view! {
        <section class="card register-people__officers" aria-labelledby="officers-heading">
            <h2 id="officers-heading">{tr!(register.people.officers_heading)}</h2>
            <p>{tr!(register.people.officers_intro)}</p>
            <p class="status" role="status" id="officers-status">{move || done.get()}</p>
            <div id="officers-alert" tabindex="-1"><FormAlert message=form.summary() /></div>
            <Loaded data=staff let:staff>
                <ul class="register-people__officer-list">
                    {staff.into_iter().map(|member| view! { <OfficerRow member form done /> }).collect_view()}
                </ul>
            </Loaded>
        </section>
    }
}

/// One member of staff with the buttons that give and take the permission.
#[component]
fn OfficerRow(member: StaffMember, form: Form, done: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, name, profession) = (member.id, member.name, member.profession);
    // The buttons' names say whose permission they change.
    let name_for_buttons = name.clone();
    let who = {
        let name = name.clone();
        move || {
            format!(
                "{name}, {}",
                profession_label(profession, i18n.get_locale())
            )
        }
    };
    if member.is_admin {
        return view! {
            <li>{who}" — "{tr!(register.people.officer_admin)}</li>
        }
        .into_any();
    }
    let set = move |officer: bool| {
        let name = name.clone();
        form.submit(
            Api::current().set_register_officer(id, officer),
            move |status| {
                let locale = i18n.get_locale_untracked();
                let text = if status.officer {
                    td_string!(locale, register.people.officer_given)
                } else {
                    td_string!(locale, register.people.officer_taken)
                };
                done.set(Some(format!("{name}: {text}")));
            },
        );
    };
    let give = set.clone();
    let aria = move |give: bool| {
        let name = name_for_buttons.clone();
        move || {
            let locale = i18n.get_locale();
            let action = if give {
                td_string!(locale, register.people.officer_give)
            } else {
                td_string!(locale, register.people.officer_take)
            };
            format!("{action} – {name}")
        }
    };
    view! {
        <li class="register-people__officer">
            <span>{who}</span>
            <button type="button" class="button button--secondary" aria-label=aria(true) on:click=move |_| give(true)>
                {tr!(register.people.officer_give)}
            </button>
            <button type="button" class="button button--secondary" aria-label=aria(false) on:click=move |_| set(false)>
                {tr!(register.people.officer_take)}
            </button>
        </li>
    }
    .into_any()
}

const FORM: &str = "regnew";

/// The add-by-hand form's fields, as the request names them, in order.
const FIELDS: [&str; 14] = [
    "personnummer",
    "name",
    "details.phone",
    "details.email",
    "details.street",
    "details.postal_code",
    "details.city",
    "details.last_school",
    "details.last_programme",
    "details.left_on",
    "details.left_reason",
    "registration.on",
    "registration.reason",
    "registration.note",
];

/// Adding a young person by hand; on success, their entry.
#[component]
pub fn NewPage() -> impl IntoView {
    view! {
        <PageShell
            title=label!(register.people.new_title)
            access=Access::Staff
            heading=label!(register.people.new_heading)
        >
            <NewEntryForm />
        </PageShell>
    }
}

#[component]
fn NewEntryForm() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let form = Form::new(FORM, &FIELDS);
    let values: [RwSignal<String>; 14] = std::array::from_fn(|_| RwSignal::new(String::new()));
    values[11].set(today().to_string());
    values[12].set(RegistrationReason::SchoolNotice.as_str().to_string());
    let value = move |field: &str| values[FIELDS.iter().position(|f| *f == field).unwrap_or(0)];
    let text = move |field: &str| optional(&value(field).get_untracked());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        if let Err(message) = check_personnummer(&value("personnummer").get_untracked(), locale) {
            problems.push(("personnummer", message.to_string()));
        }
        if let Err(problem) = contact::name(&value("name").get_untracked()) {
            problems.push(("name", problem_message(problem, locale)));
        }
        let on = parse_iso(value("registration.on").get_untracked().trim());
        if on.is_none() {
            problems.push((
                "registration.on",
                crate::messages::error_message(locale, "register_date_format").to_string(),
            ));
        }
        if !form.check(locale, problems) {
            return;
        }
        let (Some(on), Some(reason)) = (
            on,
            RegistrationReason::parse(&value("registration.reason").get_untracked()),
        ) else {
            return;
        };
        let request = NewEntry {
            personnummer: value("personnummer").get_untracked().trim().to_string(),
            name: value("name").get_untracked().trim().to_string(),
            details: Details {
                street: text("details.street"),
                postal_code: text("details.postal_code"),
                city: text("details.city"),
                phone: text("details.phone"),
                email: text("details.email"),
                last_school: text("details.last_school"),
                last_programme: text("details.last_programme"),
                left_on: text("details.left_on").as_deref().and_then(parse_iso),
                left_reason: text("details.left_reason"),
            },
            registration: NewRegistration {
                on,
                reason,
                note: text("registration.note"),
            },
        };
        let navigate = navigate.clone();
        form.submit(Api::current().add_register_entry(request), move |entry| {
            navigate(&entry_path(entry.youth_id), Default::default());
        });
    };

    let field = move |name: &'static str, label: Signal<&'static str>, input_type: &'static str| {
        view! { <TextField form=FORM name label value=value(name) error=form.field(name) input_type /> }
    };
    let reason = value("registration.reason");
    view! {
        <p>{tr!(register.people.new_intro)}</p>
        <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
            <div id="regnew-alert" tabindex="-1"><FormAlert message=form.summary() /></div>
            <fieldset class="register-people__group">
                <legend>{tr!(register.people.who)}</legend>
                {field("personnummer", label!(register.people.personnummer), "text")}
                {field("name", label!(register.people.name), "text")}
            </fieldset>
            <fieldset class="register-people__group">
                <legend>{tr!(register.people.contact_heading)}</legend>
                {field("details.phone", label!(register.people.phone), "tel")}
                {field("details.email", label!(register.people.email), "email")}
                {field("details.street", label!(register.people.street), "text")}
                {field("details.postal_code", label!(register.people.postal_code), "text")}
                {field("details.city", label!(register.people.city), "text")}
            </fieldset>
            <fieldset class="register-people__group">
                <legend>{tr!(register.people.school_heading)}</legend>
                {field("details.last_school", label!(register.people.last_school), "text")}
                {field("details.last_programme", label!(register.people.last_programme), "text")}
                {field("details.left_on", label!(register.people.left_on), "date")}
                {field("details.left_reason", label!(register.people.left_reason), "text")}
            </fieldset>
            <fieldset class="register-people__group">
                <legend>{tr!(register.people.registration_heading)}</legend>
                {field("registration.on", label!(register.people.registered_on), "date")}
                <SelectField
                    form
                    name="registration.reason"
                    label=label!(register.people.registration_reason)
                    value=reason
                >
                    <RegistrationOptions chosen=reason />
                </SelectField>
                {field("registration.note", label!(register.people.note), "text")}
            </fieldset>
            <button type="submit" class="button">{tr!(register.people.new_submit)}</button>
        </form>
    }
}

/// The registration reasons as options of a select.
#[component]
pub fn RegistrationOptions(chosen: RwSignal<String>) -> impl IntoView {
    view! {
        <ChoiceOptions
            choices=RegistrationReason::ALL.to_vec()
            chosen
            value_of=RegistrationReason::as_str
            text_of=registration_reason_label
        />
    }
}
