//! One application: where it is, what it says (the exact text that is
//! signed), its timeline, and what the person looking may do with it —
//! the young person signs or withdraws, a guardian co-signs or declines,
//! staff accept or decline. Every irreversible step asks first, in the page.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::account::Role;
use lotsen_api::application::{
    AcceptRequest, Agency, Application, ApplicationContent, ApplicationStatus, EventKind,
    ReasonRequest, SignRequest, SignatureMethod, TimelineEvent, WithdrawConsentRequest,
};
use serde::Serialize;

use crate::api::Api;
use crate::components::confirm::{Confirm, ConfirmButton};
use crate::components::field::TextArea;
use crate::components::field::{
    ContactPersonField, FormAlert, Radios, TextField, contact_person_choice,
};
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::forms::{field_id, focus_later};
use crate::i18n::*;
use crate::messages::error_message;
use crate::pages::application::form::VOIDED;
use crate::pages::application::{StatusLine, WithApplication, status_line, texts};
use crate::session::{Access, use_session};
use crate::text::text;

/// The application whose id is in the address.
#[component]
pub fn ApplicationPage(id: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(application.title) access=Access::SignedIn>
            <WithApplication id heading=label!(application.heading) let:app>
                <ApplicationView app />
            </WithApplication>
        </PageShell>
    }
}

#[component]
fn ApplicationView(app: Application) -> impl IntoView {
    let session = use_session();
    let me = session.me_untracked();
    let (me_id, role) = me.map(|m| (m.id, m.role)).unwrap_or((0, Role::Youth));
    let app = RwSignal::new(app);
    let voided = VOIDED.replace(false);
    let back = match role {
        Role::Staff => "/applications/to-decide",
        _ => "/applications/mine",
    };
    view! {
        <div class="page">
            <p class="breadcrumb">
                <A href=back>{tr!(application.back_to_list)}</A>
            </p>
            <h1>{tr!(application.heading)}</h1>
            <p class="lead">{move || app.with(|a| a.youth_name.clone())}</p>
            {voided.then(|| view! { <p class="note" role="status">{tr!(application.voided_notice)}</p> })}
            <div id="app-status" class="status-line" tabindex="-1">
                {move || status_view(status_line(&app.get(), me_id, role), role)}
            </div>
            {move || {
                let a = app.get();
                let editable = a.status.is_editable() && role != Role::Guardian;
                let signed = !a.signatures.is_empty();
                let id = a.id;
                view! {
                    <p class="actions">
                        {editable.then(|| view! {
                            <A href=format!("/applications/{id}/edit") attr:class="button button--secondary">{tr!(application.edit_link)}</A>
                        })}
                        {signed.then(|| view! {
                            <A href=format!("/applications/{id}/receipt") attr:class="button button--secondary">{tr!(application.receipt_link)}</A>
                        })}
                    </p>
                }
            }}
            <section class="card" aria-labelledby="app-document">
                <h2 id="app-document">{tr!(application.document_heading)}</h2>
                {move || view! { <Summary app=app.get() /> }}
            </section>
            <Actions app me_id role />
            <section class="card" aria-labelledby="app-timeline">
                <h2 id="app-timeline">{tr!(application.timeline_heading)}</h2>
                {move || view! { <Timeline events=app.with(|a| a.timeline.clone()) /> }}
                {plan_link(role, app.with_untracked(|a| a.youth_id))}
            </section>
        </div>
    }
}

/// Where the timeline goes on: the young person's individual plan (the
/// activity-responsibility register's), for the young person and for staff;
/// a guardian co-signs the application and no more.
fn plan_link(role: Role, youth_id: i64) -> Option<AnyView> {
    let href = match role {
        Role::Youth => "/plan".to_string(),
        Role::Staff => format!("/register/people/{youth_id}/plan"),
        Role::Guardian => return None,
    };
    Some(view! { <p><A href=href>{tr!(application.plan_link)}</A></p> }.into_any())
}

/// The status line's words.
fn status_view(line: StatusLine, role: Role) -> AnyView {
    match line {
        StatusLine::WaitingForYou => view! { <p><strong>{tr!(application.line_waiting_for_you)}</strong></p> }.into_any(),
        StatusLine::WaitingForYouth => view! { <p><strong>{tr!(application.line_waiting_for_youth)}</strong></p> }.into_any(),
        StatusLine::WaitingForYourCosignature => view! { <p><strong>{tr!(application.line_waiting_for_you)}</strong></p> }.into_any(),
        StatusLine::WaitingForGuardian { number, name } => view! {
            <p><strong>{tr!(application.line_waiting_for_guardian)} " " {number}</strong> " (" {name} ")"</p>
        }
        .into_any(),
        StatusLine::Submitted => view! { <p><strong>{tr!(application.line_submitted)}</strong></p> }.into_any(),
        StatusLine::Accepted(contact) => view! {
            <p><strong>{tr!(application.line_accepted)}</strong></p>
            {contact.map(|name| view! {
                <p>{tr_if!(role == Role::Youth, application.your_contact_person, application.contact_person)} " " <strong>{name}</strong></p>
            })}
        }
        .into_any(),
        StatusLine::Declined(reason) => view! {
            <p><strong>{tr!(application.line_declined)}</strong></p>
            {reason.map(|r| view! { <p>{tr!(application.reason)} ": " {r}</p> })}
        }
        .into_any(),
        StatusLine::Withdrawn => view! { <p><strong>{tr!(application.line_withdrawn)}</strong></p> }.into_any(),
    }
}

/// What the application says, as labelled rows, and the exact signed text.
#[component]
pub fn Summary(
    app: Application,
    /// Show the exact text open (the receipt, which is printed).
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let c: ApplicationContent = app.content.clone();
    let help = c
        .help_with
        .iter()
        .map(|h| view! { <li>{text(texts::help(*h))}</li> })
        .collect_view();
    let consents = Agency::ALL
        .into_iter()
        .map(|a| {
            let given = c.consents.get(a);
            let withdrawn = app.withdrawn_consents.contains(&a);
            view! {
                <li>
                    {text(texts::agency(a))} ": "
                    {if withdrawn {
                        tr!(application.consent_withdrawn).into_any()
                    } else {
                        tr_if!(given, application.consent_yes, application.consent_no).into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    let dash = |s: String| if s.is_empty() { "–".to_string() } else { s };
    view! {
        <dl class="details">
            <div class="details__row">
                <dt>{tr!(application.situation)}</dt>
                <dd>{text(texts::situation(c.situation))}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(application.last_school)}</dt>
                <dd>{dash(c.last_school.clone())}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(application.school_status)}</dt>
                <dd>{text(texts::school_status(c.school_status))}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(application.help_with)}</dt>
                <dd><ul class="plain-list">{help}</ul></dd>
            </div>
            <div class="details__row">
                <dt>{tr!(application.help_text)}</dt>
                <dd class="prewrap">{dash(c.help_text.clone())}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(application.interests)}</dt>
                <dd class="prewrap">{dash(c.interests.clone())}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(application.contact_by)}</dt>
                <dd>{text(texts::channel(c.contact_by))}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(application.consents)}</dt>
                <dd><ul class="plain-list">{consents}</ul></dd>
            </div>
        </dl>
        <details class="document" open=open>
            <summary>{tr!(application.exact_text)}</summary>
            <pre class="document__text">{app.document.clone()}</pre>
            <p class="document__hash">{tr!(application.hash)} ": " <code class="hash">{app.document_hash.clone()}</code></p>
        </details>
    }
}

/// The timeline, oldest first.
#[component]
pub fn Timeline(events: Vec<TimelineEvent>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline">
            {events
                .into_iter()
                .map(|e| {
                    let at = e.at.clone();
                    let detail = e.detail.clone().map(|d| match (e.kind, Agency::parse(&d)) {
                        (EventKind::ConsentWithdrawn, Some(a)) => text(texts::agency(a)).into_any(),
                        _ => d.into_any(),
                    });
                    view! {
                        <li>
                            {move || crate::format::date_time(&at, i18n.get_locale())} ": "
                            <strong>{text(texts::event(e.kind))}</strong>
                            {e.actor_name.map(|n| view! { " – " {n} })}
                            {detail.map(|d| view! { " – " {d} })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// Posts an action and puts the answer in `app`; an error goes to the form.
fn act<B: Serialize + 'static>(
    app: RwSignal<Application>,
    (id, action): (i64, &'static str),
    body: Option<B>,
    sender: Form,
    done: impl FnOnce() + 'static,
) {
    settle(
        app,
        Api::current().application_action(id, action, body),
        sender,
        done,
    );
}

/// Sends `request` (an action) and puts the answer in `app`; an error goes to the form.
fn settle(
    app: RwSignal<Application>,
    request: impl std::future::Future<Output = Result<Application, crate::api::ApiError>> + 'static,
    sender: Form,
    done: impl FnOnce() + 'static,
) {
    sender.submit(request, move |updated| {
        app.set(updated);
        done();
        focus_later("app-status".into());
    });
}

/// A card with a form that is checked, then confirmed in the page, then sent:
/// the submit button (`{prefix}-submit`) hides while the confirm
/// (`{prefix}-confirm`) asks.
#[component]
fn ConfirmedForm(
    form: Form,
    heading: Signal<&'static str>,
    #[prop(optional)] intro: Option<Signal<&'static str>>,
    button: Signal<&'static str>,
    #[prop(default = "button")] button_class: &'static str,
    question: Signal<&'static str>,
    yes: Signal<&'static str>,
    /// The problems the browser finds; none when the form may be confirmed.
    check: Callback<Locale, Vec<(&'static str, String)>>,
    /// Sends the form, once confirmed.
    send: Callback<()>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let prefix = form.prefix;
    let confirming = RwSignal::new(false);
    let confirm_id = format!("{prefix}-confirm");
    let submit_id = format!("{prefix}-submit");
    let heading_id = format!("{prefix}-heading");
    let labelled_by = heading_id.clone();
    let submit = {
        let confirm_id = confirm_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let locale = i18n.get_locale_untracked();
            if form.check(locale, check.run(locale)) {
                confirming.set(true);
                focus_later(confirm_id.clone());
            }
        }
    };
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            {intro.map(|intro| view! { <p>{intro}</p> })}
            <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                <div id=format!("{prefix}-alert") tabindex="-1">
                    <FormAlert message=form.summary() />
                </div>
                {children()}
                <button type="submit" class=button_class id=submit_id.clone() hidden=move || confirming.get()>
                    {button}
                </button>
            </form>
            <Confirm id=confirm_id open=confirming question yes on_yes=send back_to=submit_id />
        </section>
    }
}

/// What the person looking may do now.
#[component]
fn Actions(app: RwSignal<Application>, me_id: i64, role: Role) -> impl IntoView {
    move || {
        let a = app.get();
        let status = a.status;
        match role {
            Role::Youth => {
                let open = !matches!(
                    status,
                    ApplicationStatus::Withdrawn | ApplicationStatus::Declined
                );
                view! {
                    {(status == ApplicationStatus::Draft).then(|| view! { <SignForm app signer=Signer::Youth /> })}
                    {open.then(|| view! { <Withdrawals app /> })}
                }
                .into_any()
            }
            Role::Guardian => {
                let mine = status == ApplicationStatus::WaitingForGuardians
                    && a.guardians.iter().any(|g| g.id == me_id && !g.signed);
                mine.then(
                    || view! { <SignForm app signer=Signer::Guardian /> <GuardianDecline app /> },
                )
                .into_any()
            }
            Role::Staff => (status == ApplicationStatus::Submitted)
                .then(|| view! { <Decide app /> })
                .into_any(),
        }
    }
}

/// The ways to show it is the signer, in the order shown.
const SIGN_METHODS: [SignatureMethod; 2] = [SignatureMethod::Password, SignatureMethod::Passkey];

fn method_text(method: SignatureMethod) -> fn(Locale) -> &'static str {
    match method {
        SignatureMethod::Password => |l| td_string!(l, passkeys.with_password),
        SignatureMethod::Passkey => |l| td_string!(l, passkeys.with_passkey),
    }
}

/// Who signs: the young person their own application, or a guardian as co-signer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Signer {
    Youth,
    Guardian,
}

/// Signing: "I have read", the password, then an in-page confirm. The young
/// person signs (`/sign`), a guardian co-signs (`/cosign`); both send the hash
/// of the text they read.
#[component]
fn SignForm(app: RwSignal<Application>, signer: Signer) -> impl IntoView {
    let (prefix, action) = match signer {
        Signer::Youth => ("sign", "sign"),
        Signer::Guardian => ("cosign", "cosign"),
    };
    let (heading, intro, button, question, yes) = match signer {
        Signer::Youth => (
            label!(application.sign_heading),
            label!(application.sign_intro),
            label!(application.sign),
            label!(application.sign_confirm),
            label!(application.sign_yes),
        ),
        Signer::Guardian => (
            label!(application.cosign_heading),
            label!(application.cosign_intro),
            label!(application.cosign),
            label!(application.cosign_confirm),
            label!(application.cosign_yes),
        ),
    };
    let form = Form::new(prefix, &["read", "password", "passkey", "document_hash"]);
    let read = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let method = RwSignal::new(Some(SignatureMethod::Password));
    let with_passkey = move || method.get() == Some(SignatureMethod::Passkey);
    let read_id = field_id(prefix, "read");
    let read_error_id = format!("{read_id}-error");
    let check = Callback::new(move |locale: Locale| {
        let mut problems = Vec::new();
        if !read.get_untracked() {
            problems.push(("read", error_message(locale, "read_required").to_string()));
        }
        if !with_passkey() && password.with_untracked(String::is_empty) {
            problems.push(("password", error_message(locale, "required").to_string()));
        }
        problems
    });
    let sign = Callback::new(move |()| {
        let a = app.get_untracked();
        let passkey = with_passkey();
        let body = SignRequest {
            password: if passkey {
                String::new()
            } else {
                password.get_untracked()
            },
            read: read.get_untracked(),
            document_hash: a.document_hash.clone(),
            passkey: None,
        };
        let done = move || password.set(String::new());
        if passkey {
            let request = Api::current().sign_with_passkey(a.id, action, body);
            settle(app, request, form, done);
        } else {
            act(app, (a.id, action), Some(body), form, done);
        }
    });
    let read_error = form.field("read");
    let described_by = read_error_id.clone();
    view! {
        <ConfirmedForm form heading intro button question yes check send=sign>
            <div class="field field--check" class:field--invalid=move || read_error.with(Option::is_some)>
                <input
                    id=read_id.clone()
                    type="checkbox"
                    class="field__check"
                    aria-describedby=move || read_error.with(Option::is_some).then(|| described_by.clone())
                    aria-invalid=move || read_error.with(Option::is_some).then_some("true")
                    bind:checked=read
                />
                <label for=read_id>{tr!(application.read_label)}</label>
                {move || {
                    let id = read_error_id.clone();
                    read_error.get().map(|m| view! { <p class="field__error" id=id>{m}</p> })
                }}
            </div>
            <Radios form=prefix name="method" legend=label!(passkeys.sign_method) options=&SIGN_METHODS text_of=method_text value=method />
            <Show when=move || !with_passkey()>
                <TextField
                    form
                    name="password"
                    label=label!(application.password)
                    hint=label!(application.password_hint)
                    value=password
                    input_type="password"
                    autocomplete="current-password"
                />
            </Show>
            <Show when=with_passkey>
                <p class="field__hint">{tr!(passkeys.sign_hint)}</p>
                <p class="field__error" id=field_id(prefix, "passkey") tabindex="-1" role="alert">
                    {move || form.field("passkey").get()}
                </p>
            </Show>
        </ConfirmedForm>
    }
}

/// A reason form with a confirm step: a guardian's or the team's decline.
#[component]
fn ReasonForm(
    app: RwSignal<Application>,
    form: &'static str,
    action: &'static str,
    heading: Signal<&'static str>,
    button: Signal<&'static str>,
    question: Signal<&'static str>,
    yes: Signal<&'static str>,
) -> impl IntoView {
    let prefix = form;
    let form = Form::new(prefix, &["reason"]);
    let reason = RwSignal::new(String::new());
    let check = Callback::new(move |locale: Locale| {
        lotsen_api::application::reason(&reason.get_untracked())
            .err()
            .map(|problem| ("reason", crate::forms::problem_message(problem, locale)))
            .into_iter()
            .collect()
    });
    let send = Callback::new(move |()| {
        let body = ReasonRequest {
            reason: reason.get_untracked(),
        };
        act(
            app,
            (app.with_untracked(|a| a.id), action),
            Some(body),
            form,
            || (),
        );
    });
    view! {
        <ConfirmedForm form heading button button_class="button button--secondary" question yes check send>
            <TextArea form name="reason" label=label!(application.reason) value=reason />
        </ConfirmedForm>
    }
}

#[component]
fn GuardianDecline(app: RwSignal<Application>) -> impl IntoView {
    view! {
        <ReasonForm
            app
            form="gdecline"
            action="guardian-decline"
            heading=label!(application.guardian_decline_heading)
            button=label!(application.guardian_decline)
            question=label!(application.guardian_decline_confirm)
            yes=label!(application.guardian_decline_yes)
        />
    }
}

/// The team's decision: accept with a contact person, or decline with a reason.
#[component]
fn Decide(app: RwSignal<Application>) -> impl IntoView {
    let chosen = contact_person_choice();
    let form = Form::new("accept", &["contact_person_id"]);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = use_i18n().get_locale_untracked();
        let Ok(contact_person_id) = chosen.get_untracked().parse::<i64>() else {
            form.check_field(locale, "contact_person_id", Some("contact_person_invalid"));
            return;
        };
        let id = app.with_untracked(|a| a.id);
        let body = AcceptRequest { contact_person_id };
        act(app, (id, "accept"), Some(body), form, || ());
    };
    view! {
        <section class="card" aria-labelledby="accept-heading">
            <h2 id="accept-heading">{tr!(application.accept_heading)}</h2>
            <form class="form" novalidate on:submit=submit aria-busy=form.aria_busy()>
                <div id="accept-alert" tabindex="-1">
                    <FormAlert message=form.summary() />
                </div>
                <ContactPersonField
                    form
                    label=label!(application.choose_contact_person)
                    empty=label!(application.choose)
                    chosen
                />
                <button type="submit" class="button">{tr!(application.accept)}</button>
            </form>
        </section>
        <ReasonForm
            app
            form="decline"
            action="decline"
            heading=label!(application.decline_heading)
            button=label!(application.decline)
            question=label!(application.decline_confirm)
            yes=label!(application.decline_yes)
        />
    }
}

/// The young person withdraws a consent, or the whole application.
#[component]
fn Withdrawals(app: RwSignal<Application>) -> impl IntoView {
    let form = Form::new("withdraw", &["agency"]);
    let (given, id) = app.with_untracked(|a| {
        let given: Vec<Agency> = Agency::ALL
            .into_iter()
            .filter(|x| a.content.consents.get(*x) && !a.withdrawn_consents.contains(x))
            .collect();
        (given, a.id)
    });
    let consent_items = given
        .into_iter()
        .map(|agency| {
            let yes = Callback::new(move |()| {
                let body = WithdrawConsentRequest { agency };
                act(app, (id, "consents/withdraw"), Some(body), form, || ());
            });
            view! {
                <li>
                    <ConfirmButton
                        id=format!("withdraw-{}", agency.as_str())
                        question=label!(application.withdraw_consent_confirm)
                        yes=label!(application.withdraw_consent_yes)
                        on_yes=yes
                    >
                        {tr!(application.withdraw_consent)} " " {text(texts::agency(agency))}
                    </ConfirmButton>
                </li>
            }
        })
        .collect_view();
    let withdraw = Callback::new(move |()| act::<()>(app, (id, "withdraw"), None, form, || ()));
    view! {
        <section class="card" aria-labelledby="withdraw-heading">
            <h2 id="withdraw-heading">{tr!(application.withdraw_heading)}</h2>
            <p>{tr!(application.withdraw_intro)}</p>
            <div id="withdraw-alert" tabindex="-1">
                <FormAlert message=form.summary() />
            </div>
            <ul class="plain-list">{consent_items}</ul>
            <p>
                <ConfirmButton
                    id="withdraw-all".into()
                    question=label!(application.withdraw_application_confirm)
                    yes=label!(application.withdraw_application_yes)
                    on_yes=withdraw
                >
                    {tr!(application.withdraw_application)}
                </ConfirmButton>
            </p>
        </section>
    }
}
