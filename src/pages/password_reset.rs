//! A forgotten password: `/password-reset` asks for a link by login;
//! `/password-reset#TOKEN` (the link in the e-mail) sets a new password.
//!
//! The token is in the link's fragment, which browsers never send to a server;
//! the app sends it only in the body of its request.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use lotsen_api::account::{CompletePasswordResetRequest, PasswordResetRequest};

use crate::api::Api;
use crate::components::field::{NewPasswordFields, TextField};
use crate::components::form_box::FormBox;
use crate::components::password_link::{LinkUnusable, PasswordSet, step_title};
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::forms::{FormErrors, focus_soon};
use crate::i18n::*;
use crate::pages::invitation::token_from_hash;

const REQUEST_FORM: &str = "reset-request";
const NEW_FORM: &str = "reset-new";

/// The page: the request form, or the new-password form when the address holds a
/// token — also when a link is opened in a tab that already shows this page
/// (only the fragment changes then).
#[component]
pub fn PasswordReset() -> impl IntoView {
    let location = use_location();
    let token = Memo::new(move |_| token_from_hash(&location.hash.get()));
    move || match token.get() {
        Some(token) => view! { <NewPassword token /> }.into_any(),
        None => view! { <RequestLink /> }.into_any(),
    }
}

/// "Forgot your password?": asks for a link; the answer is the same whether
/// or not there is an account.
#[component]
fn RequestLink() -> impl IntoView {
    let i18n = use_i18n();
    let login = RwSignal::new(String::new());
    let form = Form::new(REQUEST_FORM, &[]);
    let sent = RwSignal::new(false);

    let submit = Callback::new(move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = PasswordResetRequest {
            login: login.get_untracked().trim().to_string(),
        };
        if request.login.is_empty() {
            form.errors.set(FormErrors {
                summary: Some(t_string!(i18n, password_reset.missing).to_string()),
                fields: Vec::new(),
            });
            focus_soon("reset-request-login");
            return;
        }
        form.submit(Api::current().request_password_reset(request), move |_| {
            sent.set(true);
            focus_soon("reset-sent");
        });
    });

    view! {
        <PageShell title=label!(password_reset.title)>
        <div class="page page--narrow">
            {move || {
                if sent.get() {
                    view! {
                        <h1 tabindex="-1" id="reset-sent">{tr!(password_reset.sent_heading)}</h1>
                        <p role="status">{tr!(password_reset.sent_text)}</p>
                        <p>
                            <A href="/sign-in">{tr!(password_reset.sign_in)}</A>
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <StepForm
                            form
                            heading=label!(password_reset.heading)
                            intro=label!(password_reset.intro)
                            submit
                            button=label!(password_reset.submit)
                            busy_button=label!(password_reset.sending)
                        >
                            <TextField
                                form=REQUEST_FORM
                                name="login"
                                label=label!(password_reset.login)
                                value=login
                                autocomplete="username"
                            />
                        </StepForm>
                    }
                        .into_any()
                }
            }}
        </div>
        </PageShell>
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Choose,
    Unusable(String),
    Done,
}

/// The page a reset link opens: a new password, twice.
#[component]
fn NewPassword(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let form = Form::new(NEW_FORM, &["password"]);
    let step = RwSignal::new(Step::Choose);
    let token = StoredValue::new(token);
    let session = crate::session::use_session();

    let submit = Callback::new(move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let Some(new) = form.new_password(locale, password, repeat) else {
            return;
        };
        let request = CompletePasswordResetRequest {
            token: token.get_value(),
            password: new,
        };
        form.submit_or(
            Api::current().complete_password_reset(request),
            move |()| {
                // Every session has ended, this browser's too.
                session.signed_out();
                step.set(Step::Done);
                focus_soon("reset-done");
            },
            move |error| {
                let gone = error.status() == Some(410);
                if gone {
                    step.set(Step::Unusable(error.message().to_string()));
                }
                gone
            },
        );
    });

    let title = step_title(
        move || step.with(|s| *s == Step::Done),
        label!(password_reset.new_title),
        label!(password_reset.done_title),
    );

    view! {
        <PageShell title>
        <div class="page page--narrow">
            {move || match step.get() {
                Step::Done => {
                    view! {
                        <PasswordSet
                            id="reset-done"
                            heading=label!(password_reset.done_heading)
                            text=label!(password_reset.done_text)
                            sign_in=label!(password_reset.sign_in)
                        />
                    }
                        .into_any()
                }
                Step::Unusable(message) => {
                    view! {
                        <LinkUnusable heading=label!(password_reset.new_heading) message>
                            <a href="/password-reset">{tr!(password_reset.new_link)}</a>
                        </LinkUnusable>
                    }
                        .into_any()
                }
                Step::Choose => {
                    view! {
                        <StepForm
                            form
                            heading=label!(password_reset.new_heading)
                            intro=label!(password_reset.new_intro)
                            submit
                            button=label!(password_reset.save)
                            busy_button=label!(password_reset.saving)
                        >
                            <NewPasswordFields form=NEW_FORM label=label!(password_reset.password) repeat_label=label!(password_reset.repeat) password=password repeat=repeat errors=form.errors />
                        </StepForm>
                    }
                        .into_any()
                }
            }}
        </div>
        </PageShell>
    }
}

/// A step's heading, intro and form: the fields (`children`), then the
/// button, which says `busy_button` while the request is under way.
#[component]
fn StepForm(
    form: Form,
    heading: Signal<&'static str>,
    intro: Signal<&'static str>,
    submit: Callback<leptos::ev::SubmitEvent>,
    button: Signal<&'static str>,
    busy_button: Signal<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <h1>{heading}</h1>
        <p>{intro}</p>
        <FormBox form on_submit=submit button=Signal::derive(move || if form.busy.get() { busy_button.get() } else { button.get() })>
            {children()}
        </FormBox>
    }
}
