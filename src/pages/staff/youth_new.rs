//! Registering a young person, which also invites them.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::people::{NewYouth, YouthCreated};

use crate::api::Api;
use crate::components::field::{ContactPersonField, TextField, contact_person_choice};
use crate::components::form_box::FormBox;
use crate::components::invitation::InvitationResult;
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::forms::focus_soon;
use crate::i18n::*;
use crate::pages::staff::contact::{Contact, ContactFields, ContactInputs};
use crate::session::Access;
use crate::validation::check_personnummer;

const FORM: &str = "youth";

/// The request's fields, in the order the form shows them.
pub const FIELDS: [&str; 5] = [
    "name",
    "personnummer",
    "email",
    "phone",
    "contact_person_id",
];

/// The registration form; afterwards, the invitation.
#[component]
pub fn NewYouthPage() -> impl IntoView {
    view! {
        <PageShell title=label!(youth_new.title) access=Access::Staff heading=label!(youth_new.heading)>
            <NewYouthForm />
        </PageShell>
    }
}

#[component]
fn NewYouthForm() -> impl IntoView {
    let i18n = use_i18n();
    let inputs = ContactInputs::default();
    let personnummer = RwSignal::new(String::new());
    let protected_identity = RwSignal::new(false);
    let contact_person = contact_person_choice();
    let form = Form::new(FORM, &FIELDS);
    let errors = form.errors;
    let created = RwSignal::new(None::<YouthCreated>);

    // Instant feedback once the person leaves the personnummer field.
    let check_personnummer_now = move || {
        let input = personnummer.get_untracked();
        let message = if input.trim().is_empty() {
            None
        } else {
            check_personnummer(&input, i18n.get_locale_untracked())
                .err()
                .map(str::to_string)
        };
        errors.update(|e| *e = std::mem::take(e).with_field(&FIELDS, "personnummer", message));
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        let Contact { name, email, phone } = inputs.check(locale, &mut problems);
        if let Err(message) = check_personnummer(&personnummer.get_untracked(), locale) {
            problems.push(("personnummer", message.to_string()));
        }
        if !form.check(locale, problems) {
            return;
        }
        let request = NewYouth {
            name,
            personnummer: personnummer.get_untracked().trim().to_string(),
            email,
            phone,
            protected_identity: protected_identity.get_untracked(),
            contact_person_id: contact_person.get_untracked().parse().ok(),
        };
        form.submit(Api::current().register_youth(request), move |done| {
            created.set(Some(done));
            focus_soon("youth-invite-heading");
        });
    };

    let form_view = move || {
        view! {
            <p>{tr!(youth_new.intro)}</p>
            <FormBox form on_submit=submit button=label!(youth_new.submit)>
                <ContactFields
                    form
                    inputs
                    name_label=label!(youth_new.name)
                    email_label=label!(youth_new.email)
                    phone_label=label!(youth_new.phone)
                >
                    <TextField
                        form
                        name="personnummer"
                        label=label!(youth_new.personnummer)
                        hint=label!(youth_new.personnummer_hint)
                        value=personnummer
                        on_blur=Callback::new(move |()| check_personnummer_now())
                    />
                    <p class="form__note">{tr!(youth_new.contact_hint)}</p>
                </ContactFields>
                <div class="field field--check">
                    <input
                        id="youth-protected_identity"
                        type="checkbox"
                        class="field__check"
                        aria-describedby="youth-protected_identity-hint"
                        bind:checked=protected_identity
                    />
                    <label for="youth-protected_identity">{tr!(youth_new.protected)}</label>
                    <p class="field__hint" id="youth-protected_identity-hint">
                        {tr!(youth_new.protected_hint)}
                    </p>
                </div>
                <ContactPersonField
                    form
                    label=label!(youth_new.contact_person)
                    empty=label!(youth_new.no_contact_person)
                    chosen=contact_person
                />
            </FormBox>
        }
    };

    view! {
        <div hidden=move || created.with(Option::is_some)>{form_view()}</div>
        {move || created.get().map(|done| view! { <Created done /> })}
    }
}

/// After registering: the invitation, and where to go next.
#[component]
fn Created(done: YouthCreated) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/staff/youth/{}", done.youth.id);
    let name = done.youth.name.clone();
    view! {
        <InvitationResult id="youth-invite" invitation=done.invitation name=done.youth.name />
        <ul class="link-list">
            <li>
                <A href=href>{t!(i18n, youth_new.open, name = move || name.clone())}</A>
            </li>
            <li>
                <A href="/staff">{tr!(youth_new.back)}</A>
            </li>
        </ul>
    }
}
