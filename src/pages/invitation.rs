//! Accepting an invitation: the invitee chooses a password.
//!
//! The token is in the link's fragment (`/invitation#TOKEN`), which browsers
//! never send to a server; the app sends it only in the body of its requests.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use lotsen_api::account::{AcceptInvitationRequest, InvitationInfo};

use crate::api::Api;
use crate::components::field::NewPasswordFields;
use crate::components::form_box::FormBox;
use crate::components::password_link::{LinkUnusable, PasswordSet, step_title};
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::format;
use crate::i18n::*;
use crate::messages::error_message;

const FORM: &str = "invitation";

/// The token in the address's fragment, without the `#`.
pub fn token_from_hash(hash: &str) -> Option<String> {
    let token = hash.strip_prefix('#').unwrap_or(hash).trim();
    (!token.is_empty()).then(|| token.to_string())
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Checking,
    Unusable(String),
    Choose(InvitationInfo),
    Done,
}

/// The page an invitation link opens: greets the invitee and lets them choose a password.
#[component]
pub fn Invitation() -> impl IntoView {
    let i18n = use_i18n();
    let token = token_from_hash(&window().location().hash().unwrap_or_default());
    let step = RwSignal::new(Step::Checking);

    match token.clone() {
        None => step.set(Step::Unusable(
            error_message(i18n.get_locale_untracked(), "invitation_invalid").to_string(),
        )),
        Some(token) => {
            let request = Api::current().inspect_invitation(token);
            spawn_local(async move {
                let result = request.await;
                step.set(match result {
                    Ok(info) => Step::Choose(info),
                    Err(error) => Step::Unusable(error.message().to_string()),
                });
            });
        }
    }

    let token = StoredValue::new(token.unwrap_or_default());
    let title = step_title(
        move || step.with(|s| *s == Step::Done),
        label!(invitation.title),
        label!(invitation.done_title),
    );

    view! {
        <PageShell title>
        <div class="page page--narrow">
            {move || match step.get() {
                Step::Checking => {
                    view! {
                        <h1>{tr!(invitation.heading)}</h1>
                        <p class="status" role="status">
                            {tr!(invitation.checking)}
                        </p>
                    }
                        .into_any()
                }
                Step::Unusable(message) => {
                    view! {
                        <LinkUnusable heading=label!(invitation.heading) message>
                            <A href="/sign-in">{tr!(invitation.sign_in)}</A>
                        </LinkUnusable>
                    }
                        .into_any()
                }
                Step::Choose(info) => {
                    view! { <ChoosePassword info token=token.get_value() step /> }.into_any()
                }
                Step::Done => {
                    view! {
                        <PasswordSet
                            id="invitation-done"
                            heading=label!(invitation.done_heading)
                            text=label!(invitation.done_text)
                            sign_in=label!(invitation.sign_in)
                        />
                    }
                        .into_any()
                }
            }}
        </div>
        </PageShell>
    }
}

/// The form for a valid invitation.
#[component]
fn ChoosePassword(info: InvitationInfo, token: String, step: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let form = Form::new(FORM, &["password"]);
    let first_name = info.first_name;
    let expires_at = info.expires_at;
    let token = StoredValue::new(token);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let Some(new) = form.new_password(locale, password, repeat) else {
            return;
        };
        let request = AcceptInvitationRequest {
            token: token.get_value(),
            password: new,
        };
        form.submit_or(
            Api::current().accept_invitation(request),
            move |()| {
                step.set(Step::Done);
                crate::forms::focus_soon("invitation-done");
            },
            move |error| {
                let gone = matches!(error.status(), Some(404 | 410));
                if gone {
                    step.set(Step::Unusable(error.message().to_string()));
                }
                gone
            },
        );
    };

    view! {
        <h1>{tr!(invitation.heading)}</h1>
        <p class="lead">{t!(i18n, invitation.greeting, name = move || first_name.clone())}</p>
        <p>{tr!(invitation.intro)}</p>
        <p>
            {t!(
                i18n, invitation.expires, date = move || format::date(& expires_at, i18n.get_locale())
            )}
        </p>
        <FormBox form on_submit=submit button=label!(invitation.submit)>
            <NewPasswordFields form=FORM label=label!(invitation.password) repeat_label=label!(invitation.repeat) password=password repeat=repeat errors=form.errors />
        </FormBox>
    }
}
