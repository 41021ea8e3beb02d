//! A young person's record, their follow-up, their guardians, and invitations.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::account::InvitationSent;
use lotsen_api::people::{GuardianCreated, GuardianSummary, NewGuardian, YouthDetail};

use crate::api::Api;
use crate::components::area_style::WithStylesheet;
use crate::components::data::load;
use crate::components::field::FormAlert;
use crate::components::form_box::FormBox;
use crate::components::invitation::InvitationResult;
use crate::components::shell::{PageShell, use_id};
use crate::components::status::{ErrorMessage, Loading};
use crate::components::submit::Form;
use crate::forms::focus_soon;
use crate::i18n::*;
use crate::messages::error_message;
use crate::pages::staff::contact::{Contact, ContactFields, ContactInputs};
use crate::pages::staff::outcomes::OutcomesSection;
use crate::pages::staff::team::TeamSection;
use crate::pages::staff::youth_timeline::{PersonnummerField, TimelineSection};
use crate::session::Access;
use crate::text::value_or;

/// The young person's page's own stylesheet (`style/youth-record.css`, copied
/// to `dist/` by Trunk): the timeline beside the details on a desk's screen.
pub const STYLESHEET: &str = "/youth-record.css";

/// The record of the young person whose id is in the address.
#[component]
pub fn YouthRecordPage() -> impl IntoView {
    view! {
        <PageShell title=label!(youth.title) access=Access::Staff>
            <WithStylesheet href=STYLESHEET>
                <YouthRecordLoader />
            </WithStylesheet>
        </PageShell>
    }
}

#[component]
fn YouthRecordLoader() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id();
    move || {
        match id.get() {
        Some(id) => view! { <YouthRecordRead id /> }.into_any(),
        None => view! {
            <RecordError message=error_message(i18n.get_locale_untracked(), "not_found").to_string() />
        }
        .into_any(),
    }
    }
}

/// Reads the record. Each read is written to the audit log, so the record is
/// read once per visit; later changes on this page are added locally.
#[component]
fn YouthRecordRead(id: i64) -> impl IntoView {
    let record = load(Api::current().youth(id));
    move || match record.get() {
        None => view! {
            <div class="page">
                <Loading />
            </div>
        }
        .into_any(),
        Some(Err(error)) => {
            view! { <RecordError message=error.message().to_string() /> }.into_any()
        }
        Some(Ok(detail)) => view! { <YouthRecord detail /> }.into_any(),
    }
}

/// The record could not be read.
#[component]
fn RecordError(message: String) -> impl IntoView {
    view! {
        <div class="page">
            <h1>{tr!(youth.title)}</h1>
            <ErrorMessage message />
            <p>
                <A href="/staff">{tr!(youth.back)}</A>
            </p>
        </div>
    }
}

/// A loaded record.
#[component]
fn YouthRecord(detail: YouthDetail) -> impl IntoView {
    let guardians = RwSignal::new(detail.guardians.clone());
    let minor = detail.age < 18;
    let age = detail.age;
    // Withheld contact details read "protected" in both rows.
    let hidden = detail.contact_details_hidden;
    let missing: fn(Locale) -> &'static str = if hidden {
        |locale: Locale| td_string!(locale, youth.contact_hidden)
    } else {
        |locale: Locale| td_string!(locale, youth.missing)
    };
    let email = value_or(detail.email.clone().filter(|_| !hidden), missing);
    let phone = value_or(detail.phone.clone().filter(|_| !hidden), missing);
    let contact_person = detail.contact_person.clone().map(|c| c.name);
    let protected = detail.protected_identity;

    view! {
        <div class="page page--wide youth-record">
            <div class="youth-record__head">
                <p class="breadcrumb">
                    <A href="/staff">{tr!(youth.back)}</A>
                </p>
                <h1>{detail.name.clone()}</h1>
                {protected.then(|| view! { <p class="badge">{tr!(common.protected_identity)}</p> })}
            </div>
            <div class="youth-record__details">
            <section class="card" aria-labelledby="youth-details">
                <h2 id="youth-details">{tr!(youth.details_heading)}</h2>
                <dl class="details">
                    <div class="details__row">
                        <dt>{tr!(youth.personnummer)}</dt>
                        <dd>
                            <PersonnummerField youth_id=detail.id masked=detail.personnummer.clone() />
                        </dd>
                    </div>
                    <div class="details__row">
                        <dt>{tr!(youth.age)}</dt>
                        <dd>{age} " " {tr!(common.years)}</dd>
                    </div>
                    <div class="details__row">
                        <dt>{tr!(youth.email)}</dt>
                        <dd>{email}</dd>
                    </div>
                    <div class="details__row">
                        <dt>{tr!(youth.phone)}</dt>
                        <dd>{phone}</dd>
                    </div>
                    <div class="details__row">
                        <dt>{tr!(youth.contact_person)}</dt>
                        <dd>{value_or(contact_person, |locale| td_string!(locale, youth_list.no_contact_person))}</dd>
                    </div>
                    <div class="details__row">
                        <dt>{tr!(youth.account)}</dt>
                        <dd>{tr_if!(detail.has_account, youth.has_account, youth.no_account)}</dd>
                    </div>
                </dl>
                {(!detail.has_account).then(|| view! { <Resend id=detail.id name=detail.name.clone() /> })}
                {detail.has_account.then(|| view! { <crate::pages::staff::send_reset::SendPasswordReset youth_id=detail.id /> })}
            </section>
            <TeamSection youth_id=detail.id />
            <section class="card" aria-labelledby="youth-applications">
                <h2 id="youth-applications">{tr!(youth.applications_heading)}</h2>
                <p>
                    <A href=format!("/applications/youth/{}", detail.id)>{tr!(youth.applications_link)}</A>
                </p>
            </section>
            <section class="card" aria-labelledby="youth-schedule">
                <h2 id="youth-schedule">{tr!(schedule.me_heading)}</h2>
                <p>
                    <A href=format!("/schedule/youth/{}", detail.id)>{tr!(schedule.youth_link)}</A>
                </p>
            </section>
            <OutcomesSection youth_id=detail.id />
            <section class="card" aria-labelledby="youth-guardians">
                <h2 id="youth-guardians">{tr!(youth.guardians_heading)}</h2>
                {move || {
                    let list = guardians.get();
                    if list.is_empty() {
                        view! { <p class="empty">{tr!(youth.guardians_empty)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list">
                                {list.into_iter().map(|g| view! { <GuardianItem guardian=g /> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
                {if minor {
                    view! { <AddGuardian youth_id=detail.id guardians /> }.into_any()
                } else {
                    view! { <p>{tr!(youth.adult)}</p> }.into_any()
                }}
            </section>
            </div>
            <div class="youth-record__timeline">
                <TimelineSection youth_id=detail.id />
            </div>
        </div>
    }
}

/// One guardian: the name, and whether they have chosen a password.
#[component]
fn GuardianItem(guardian: GuardianSummary) -> impl IntoView {
    view! {
        <li>
            <span class="plain-list__name">{guardian.name}</span>
            " "
            <span class="plain-list__meta">
                {tr_if!(guardian.has_account, youth.has_account, youth.no_account)}
            </span>
        </li>
    }
}

/// "Send a new invitation", for someone who has not chosen a password yet.
#[component]
fn Resend(id: i64, name: String) -> impl IntoView {
    let form = Form::new("resend", &[]);
    let sent = RwSignal::new(None::<InvitationSent>);
    let resend = move |_| {
        form.submit(Api::current().resend_invitation(id), move |invitation| {
            sent.set(Some(invitation));
            focus_soon("resend-heading");
        });
    };
    view! {
        <FormAlert message=form.summary() />
        <button
            type="button"
            class="button button--secondary"
            on:click=resend
            aria-disabled=form.aria_busy()
        >
            {tr!(youth.resend)}
        </button>
        {move || {
            sent.get().map(|invitation| view! { <InvitationResult id="resend" invitation name=name.clone() /> })
        }}
    }
}

/// The request's fields, in the order the form shows them.
const GUARDIAN_FIELDS: [&str; 3] = ["name", "email", "phone"];

/// The form that adds a guardian and invites them.
#[component]
fn AddGuardian(youth_id: i64, guardians: RwSignal<Vec<GuardianSummary>>) -> impl IntoView {
    let i18n = use_i18n();
    let inputs = ContactInputs::default();
    let form = Form::new("guardian", &GUARDIAN_FIELDS);
    let created = RwSignal::new(None::<GuardianCreated>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let Contact { name, email, phone } = inputs.check(locale, &mut problems);
        if !form.check(locale, problems) {
            return;
        }
        created.set(None);
        let request = NewGuardian { name, email, phone };
        form.submit(
            Api::current().add_guardian(youth_id, request),
            move |done| {
                guardians.update(|list| list.push(done.guardian.clone()));
                created.set(Some(done));
                inputs.clear();
                focus_soon("guardian-invite-heading");
            },
        );
    };

    view! {
        {move || {
            created
                .get()
                .map(|done| {
                    view! {
                        <InvitationResult
                            id="guardian-invite"
                            invitation=done.invitation
                            name=done.guardian.name
                        />
                    }
                })
        }}
        <h3>{tr!(youth.guardian_form_heading)}</h3>
        <FormBox form on_submit=submit button=label!(youth.guardian_submit)>
            <ContactFields
                form
                inputs
                name_label=label!(youth.guardian_name)
                email_label=label!(youth.guardian_email)
                phone_label=label!(youth.guardian_phone)
            />
        </FormBox>
    }
}
