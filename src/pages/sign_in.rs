//! Signing in.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use lotsen_api::account::{Me, SignInRequest};

use crate::api::Api;
use crate::components::field::{FormAlert, TextField};
use crate::components::form_box::FormBox;
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::i18n::*;
use crate::session::{NEXT_PARAM, after_sign_in, use_session};

const FORM: &str = "sign-in";

/// The sign-in form: e-mail address or mobile number, and password. Afterwards
/// the person goes back to the page they came from (`?next=`) or to their home.
#[component]
pub fn SignIn() -> impl IntoView {
    view! {
        <PageShell title=label!(sign_in.title) heading=label!(sign_in.heading) class="page page--narrow">
            <SignInForm />
        </PageShell>
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = Form::new(FORM, &[]);
    let passkey_form = Form::new("passkey-sign-in", &[]);
    // After either way of signing in: back to where the person came from.
    let signed_in = move |me: Me| {
        let next = query.with_untracked(|q| q.get(NEXT_PARAM));
        let to = after_sign_in(next.as_deref(), me.role);
        session.signed_in(me);
        password.set(String::new());
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    };

    let on_password = signed_in.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let request = SignInRequest {
            login: login.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        if request.login.is_empty() || request.password.is_empty() {
            form.errors.set(crate::forms::FormErrors {
                summary: Some(t_string!(i18n, sign_in.missing).to_string()),
                fields: Vec::new(),
            });
            return;
        }
        form.submit(Api::current().sign_in(request), on_password.clone());
    };
    let with_passkey =
        move |_| passkey_form.submit(Api::current().sign_in_with_passkey(), signed_in.clone());

    view! {
            <p>{tr!(sign_in.intro)}</p>
            <FormBox form on_submit=submit button=label!(sign_in.submit)>
                <TextField
                    form=FORM
                    name="login"
                    label=label!(sign_in.login)
                    value=login
                    autocomplete="username"
                />
                <TextField
                    form=FORM
                    name="password"
                    label=label!(sign_in.password)
                    value=password
                    input_type="password"
                    autocomplete="current-password"
                />
            </FormBox>
            <p>
                <A href="/password-reset">{tr!(sign_in.forgot)}</A>
            </p>
            <section class="card" aria-labelledby="passkey-sign-in-heading" aria-busy=passkey_form.aria_busy()>
                <h2 id="passkey-sign-in-heading">{tr!(passkeys.sign_in)}</h2>
                <p>{tr!(passkeys.sign_in_intro)}</p>
                <FormAlert message=passkey_form.summary() />
                <button type="button" class="button button--secondary" on:click=with_passkey>
                    {tr!(passkeys.sign_in)}
                </button>
            </section>
            <p class="note">{tr!(sign_in.no_password)}</p>
    }
}
