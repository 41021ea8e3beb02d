//! The draft form: staff start an application with the young person, and
//! either of them edits it. An edit after signing voids the signatures.
//!
//! Drafts and a lost connection: what the person typed lives in memory only
//! (never in browser storage, since the answers are sensitive). A failed save
//! keeps the form as it was and says so; leaving the page with unsaved
//! changes keeps them in memory for this tab until the page is opened again.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use lotsen_api::application::{
    Agency, ContactChannel, HelpWith, NewApplication, SchoolStatus, Situation, UpdateApplication,
};

use crate::api::{Api, ApiError};
use crate::components::field::{CheckBox, FormAlert, Radios, TextArea, TextField, group_error};
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::forms::{field_id, problem_message};
use crate::i18n::*;
use crate::pages::application::texts;
use crate::pages::application::{DraftForm, FORM_FIELDS, WithApplication};
use crate::session::Access;
use crate::text::text;

const FORM: &str = "app";

thread_local! {
    /// Unsaved changes left behind, by form key (in memory, this tab only).
    static UNSAVED: RefCell<Option<(String, DraftForm)>> = const { RefCell::new(None) };
    /// Set by a save that voided signatures, for the next page to say so.
    pub(crate) static VOIDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Where a save goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A new application for the young person with this id.
    New(i64),
    /// An edit of application `id`, made on `version`.
    Edit { id: i64, version: i64 },
}

impl Target {
    fn key(self) -> String {
        match self {
            Target::New(youth) => format!("new-{youth}"),
            Target::Edit { id, version } => format!("edit-{id}-{version}"),
        }
    }
}

/// Staff start an application for the young person whose id is in the address.
#[component]
pub fn NewApplicationPage(youth: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(application.new_title) access=Access::Staff heading=label!(application.new_heading)>
            <p>{tr!(application.new_intro)}</p>
            <ApplicationForm target=Target::New(youth) initial=DraftForm::default() />
        </PageShell>
    }
}

/// The young person or staff edit the application whose id is in the address.
#[component]
pub fn EditApplicationPage(id: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(application.edit_title) access=Access::SignedIn>
            <WithApplication id heading=label!(application.edit_heading) let:app>
            {
            let href = format!("/applications/{}", app.id);
            let signed = !app.signatures.is_empty();
            view! {
                <div class="page">
                    <p class="breadcrumb"><A href=href>{tr!(application.back_to_application)}</A></p>
                    <h1>{tr!(application.edit_heading)}</h1>
                    <p class="lead">{app.youth_name.clone()}</p>
                    {signed.then(|| view! { <p class="note">{tr!(application.edit_voids)}</p> })}
                    {if app.status.is_editable() {
                        view! {
                            <ApplicationForm
                                target=Target::Edit { id: app.id, version: app.version }
                                initial=DraftForm::from_content(&app.content)
                            />
                        }
                            .into_any()
                    } else {
                        view! { <p>{tr!(application.not_editable)}</p> }.into_any()
                    }}
                </div>
            }
        }
            </WithApplication>
        </PageShell>
    }
}

/// The form itself.
#[component]
fn ApplicationForm(target: Target, initial: DraftForm) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let key = target.key();
    // Unsaved changes from an earlier visit come back.
    let kept = UNSAVED.with_borrow_mut(|u| match u.take() {
        Some((k, form)) if k == key => Some(form),
        other => {
            *u = other;
            None
        }
    });
    let restored = kept.is_some();
    let start = kept.unwrap_or_else(|| initial.clone());

    let situation = RwSignal::new(start.situation);
    let last_school = RwSignal::new(start.last_school.clone());
    let school_status = RwSignal::new(start.school_status);
    let help_with = RwSignal::new(start.help_with.clone());
    let help_text = RwSignal::new(start.help_text.clone());
    let interests = RwSignal::new(start.interests.clone());
    let contact_by = RwSignal::new(start.contact_by);
    let consents = RwSignal::new(start.consents);
    let form = Form::new(FORM, &FORM_FIELDS);
    let offline = RwSignal::new(false);
    let saved = StoredValue::new(false);

    let collect = move || DraftForm {
        situation: situation.get_untracked(),
        last_school: last_school.get_untracked(),
        school_status: school_status.get_untracked(),
        help_with: help_with.get_untracked(),
        help_text: help_text.get_untracked(),
        interests: interests.get_untracked(),
        contact_by: contact_by.get_untracked(),
        consents: consents.get_untracked(),
    };

    {
        let key = key.clone();
        on_cleanup(move || {
            if saved.get_value() {
                return;
            }
            // The signals may be gone already when the whole page unmounts.
            let form = (|| {
                Some(DraftForm {
                    situation: situation.try_get_untracked()?,
                    last_school: last_school.try_get_untracked()?,
                    school_status: school_status.try_get_untracked()?,
                    help_with: help_with.try_get_untracked()?,
                    help_text: help_text.try_get_untracked()?,
                    interests: interests.try_get_untracked()?,
                    contact_by: contact_by.try_get_untracked()?,
                    consents: consents.try_get_untracked()?,
                })
            })();
            if let Some(form) = form.filter(|f| *f != initial) {
                UNSAVED.with_borrow_mut(|u| *u = Some((key, form)));
            }
        });
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let locale = i18n.get_locale_untracked();
        offline.set(false);
        let content = match collect().to_content() {
            Ok(content) => content,
            Err(problems) => {
                let fields = problems
                    .into_iter()
                    .map(|(field, problem)| (field, problem_message(problem, locale)))
                    .collect();
                form.check(locale, fields);
                return;
            }
        };
        let api = Api::current();
        let navigate = navigate.clone();
        let request = async move {
            match target {
                Target::New(youth_id) => api
                    .new_application(NewApplication { youth_id, content })
                    .await
                    .map(|a| (a.id, false)),
                Target::Edit { id, version } => api
                    .save_application(id, UpdateApplication { version, content })
                    .await
                    .map(|s| (s.application.id, s.signatures_voided)),
            }
        };
        form.submit_or(
            request,
            move |(id, voided)| {
                saved.set_value(true);
                VOIDED.set(voided);
                navigate(&format!("/applications/{id}"), Default::default());
            },
            move |error| {
                offline.set(matches!(error, ApiError::Network { .. }));
                false
            },
        );
    };

    view! {
        {restored.then(|| view! { <p class="note" role="status">{tr!(application.restored)}</p> })}
        <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
            <div id="app-alert" tabindex="-1">
                <FormAlert message=form.summary() />
                {move || offline.get().then(|| view! { <p class="note">{tr!(application.kept_offline)}</p> })}
            </div>
            <Radios
                form
                name="situation"
                legend=label!(application.situation)
                options=&[Situation::Studying, Situation::Working, Situation::Nothing]
                text_of=texts::situation
                value=situation
            />
            <TextField
                form
                name="last_school"
                label=label!(application.last_school)
                hint=label!(application.last_school_hint)
                value=last_school
            />
            <Radios
                form
                name="school_status"
                legend=label!(application.school_status)
                options=&[SchoolStatus::HasGrades, SchoolStatus::DroppedOut]
                text_of=texts::school_status
                value=school_status
            />
            <HelpChoices value=help_with error=form.field("help_with") />
            <TextArea
                form
                name="help_text"
                label=label!(application.help_text)
                value=help_text
            />
            <TextArea
                form
                name="interests"
                label=label!(application.interests)
                value=interests
            />
            <Radios
                form
                name="contact_by"
                legend=label!(application.contact_by)
                options=&[ContactChannel::Sms, ContactChannel::Phone, ContactChannel::Email]
                text_of=texts::channel
                value=contact_by
            />
            <ConsentChoices value=consents />
            <button type="submit" class="button">
                {tr!(application.save)}
            </button>
        </form>
    }
}

/// What the young person wants help with: checkboxes.
#[component]
fn HelpChoices(value: RwSignal<Vec<HelpWith>>, error: Signal<Option<String>>) -> impl IntoView {
    let error_id = format!("{}-error", field_id(FORM, "help_with"));
    let described = error_id.clone();
    view! {
        <fieldset
            class="field choice-group"
            class:field--invalid=move || error.with(Option::is_some)
            aria-describedby=move || {
                let mut ids = String::from("app-help_with-hint");
                if error.with(Option::is_some) {
                    ids.push(' ');
                    ids.push_str(&described);
                }
                ids
            }
        >
            <legend class="field__label">{tr!(application.help_with)}</legend>
            <p class="field__hint" id="app-help_with-hint">{tr!(application.help_with_hint)}</p>
            {group_error(error_id, error)}
            {HelpWith::ALL
                .into_iter()
                .enumerate()
                .map(|(i, help)| {
                    let id = if i == 0 { field_id(FORM, "help_with") } else { format!("app-help-{}", help.as_str()) };
                    let toggle = Callback::new(move |on| {
                        value.update(|v| {
                            let mut form = DraftForm { help_with: std::mem::take(v), ..Default::default() };
                            form.toggle_help(help, on);
                            *v = form.help_with;
                        })
                    });
                    view! {
                        <CheckBox id checked=Signal::derive(move || value.with(|v| v.contains(&help))) on_change=toggle>
                            {text(texts::help(help))}
                        </CheckBox>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Consent to information sharing: one separate choice per agency.
#[component]
fn ConsentChoices(value: RwSignal<lotsen_api::application::Consents>) -> impl IntoView {
    view! {
        <fieldset class="field choice-group" aria-describedby="app-consents-hint">
            <legend class="field__label">{tr!(application.consents)}</legend>
            <p class="field__hint" id="app-consents-hint">{tr!(application.consents_hint)}</p>
            {Agency::ALL
                .into_iter()
                .map(|agency| {
                    let toggle = Callback::new(move |on| value.update(|c| c.set(agency, on)));
                    view! {
                        <CheckBox
                            id=format!("app-consent-{}", agency.as_str())
                            checked=Signal::derive(move || value.with(|c| c.get(agency)))
                            on_change=toggle
                        >
                            {text(texts::agency(agency))}
                        </CheckBox>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
