//! A person's own page, and changing their password.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use lotsen_api::account::{ChangePasswordRequest, Role};
use lotsen_api::people::GuardedYouth;
use lotsen_api::team::MyTeamMember;

use crate::api::Api;
use crate::components::field::{FormAlert, NewPasswordFields, TextField};
use crate::components::guard::Protected;
use crate::components::page_title::PageTitle;
use crate::components::status::{ErrorMessage, Loading};
use crate::forms::{FormErrors, check_new_password};
use crate::i18n::*;
use crate::pages::booking::profession_label;
use crate::session::{Access, load, use_session};

/// "My page": the person's name, for a guardian the young people they are
/// guardian of, for a young person the way to their schedule, and a way to
/// change the password.
#[component]
pub fn MyPage() -> impl IntoView {
    view! {
        <PageTitle page=label!(me.title) />
        <Protected access=Access::SignedIn>
            <MyPageContent />
        </Protected>
    }
}

#[component]
fn MyPageContent() -> impl IntoView {
    let session = use_session();
    let me = session.me_untracked();
    let name = me.as_ref().map(|me| me.name.clone()).unwrap_or_default();
    let guardian = me.as_ref().is_some_and(|me| me.role == Role::Guardian);
    let youth = me.is_some_and(|me| me.role == Role::Youth);
    view! {
        <div class="page">
            <h1>{tr!(me.heading)}</h1>
            <p class="lead">{name}</p>
            {youth.then(|| view! {
                <section class="card" aria-labelledby="me-schedule">
                    <h2 id="me-schedule">{tr!(schedule.me_heading)}</h2>
                    <p>
                        <A href="/schedule">{tr!(schedule.me_link)}</A>
                    </p>
                </section>
                <MyTeam />
                <section class="card" aria-labelledby="me-booking">
                    <h2 id="me-booking">{tr!(booking.area_heading)}</h2>
                    <ul class="link-list">
                        <li><A href="/booking">{tr!(booking.area_link)}</A></li>
                        <li><A href="/booking/mine">{tr!(booking.mine_link)}</A></li>
                    </ul>
                </section>
            })}
            {guardian.then(|| view! { <GuardedYouthList /> })}
            {(guardian || youth).then(|| view! {
                <section class="card" aria-labelledby="me-applications">
                    <h2 id="me-applications">{tr_if!(guardian, me.cosign_heading, me.application_heading)}</h2>
                    <p>
                        <A href="/applications/mine">{tr_if!(guardian, me.cosign_link, me.application_link)}</A>
                    </p>
                </section>
            })}
            <section class="card" aria-labelledby="me-account">
                <h2 id="me-account">{tr!(me.account_heading)}</h2>
                <p>
                    <A href="/me/password">{tr!(me.password_link)}</A>
                </p>
            </section>
        </div>
    }
}

/// The young person's team: who in the staff may see their details.
#[component]
fn MyTeam() -> impl IntoView {
    let i18n = use_i18n();
    let team = load::<Vec<MyTeamMember>>("/me/team".into());
    view! {
        <section class="card" aria-labelledby="me-team">
            <h2 id="me-team">{tr!(team.mine_heading)}</h2>
            <p class="field__hint">{tr!(team.mine_intro)}</p>
            {move || match team.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{tr!(team.mine_empty)}</p> }.into_any(),
                Some(Ok(list)) => {
                    view! {
                        <ul class="plain-list team-list">
                            {list
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <li>
                                            <span class="plain-list__name">{m.name}</span>
                                            " "
                                            <span class="plain-list__meta">
                                                {move || profession_label(m.profession, i18n.get_locale())}
                                                {m.is_contact_person.then(|| view! { ", " {tr!(team.mine_contact_person)} })}
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The young people a guardian is guardian of: names only.
#[component]
fn GuardedYouthList() -> impl IntoView {
    let youth = load::<Vec<GuardedYouth>>("/guardian/youth".into());
    view! {
        <section class="card" aria-labelledby="me-guarded">
            <h2 id="me-guarded">{tr!(me.guardian_heading)}</h2>
            {move || match youth.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorMessage message=error.message().to_string() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{tr!(me.guardian_empty)}</p> }.into_any(),
                Some(Ok(list)) => {
                    view! {
                        <ul class="plain-list">
                            {list.into_iter().map(|y| view! { <li>{y.name}</li> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

const FORM: &str = "password";

/// Changing one's password: the current one, and the new one twice.
#[component]
pub fn ChangePassword() -> impl IntoView {
    view! {
        <PageTitle page=label!(password.title) />
        <Protected access=Access::SignedIn>
            <ChangePasswordForm />
        </Protected>
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        done.set(false);
        let locale = i18n.get_locale_untracked();
        let mut problems = Vec::new();
        if current.with_untracked(String::is_empty) {
            problems.push((
                "current_password",
                crate::messages::error_message(locale, "required").to_string(),
            ));
        }
        if let Err((field, message)) =
            check_new_password(&new.get_untracked(), &repeat.get_untracked(), locale)
        {
            problems.push((
                if field == "password" {
                    "new_password"
                } else {
                    field
                },
                message,
            ));
        }
        if !problems.is_empty() {
            errors.set(FormErrors::from_checks(locale, problems));
            errors.with_untracked(|e| e.focus_first(FORM));
            return;
        }
        errors.set(FormErrors::none());
        busy.set(true);
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let api = Api::current();
        spawn_local(async move {
            let result = api.post::<_, ()>("/me/password", &request).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    repeat.set(String::new());
                    done.set(true);
                }
                Err(error) => {
                    session.check(&error);
                    errors.set(FormErrors::from_api(
                        &error,
                        &["current_password", "new_password"],
                    ));
                    errors.with_untracked(|e| e.focus_first(FORM));
                }
            }
        });
    };

    view! {
        <div class="page page--narrow">
            <h1>{tr!(password.heading)}</h1>
            <p class="status" role="status">
                {move || done.get().then(|| t_string!(i18n, password.done))}
            </p>
            <form class="form" novalidate on:submit=submit aria-busy=move || busy.get().then_some("true")>
                <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
                <TextField
                    form=FORM
                    name="current_password"
                    label=label!(password.current)
                    value=current
                    error=Signal::derive(move || errors.with(|e| e.field("current_password")))
                    input_type="password"
                    autocomplete="current-password"
                />
                <NewPasswordFields form=FORM name="new_password" label=label!(password.new_password) repeat_label=label!(password.repeat) password=new repeat=repeat errors />
                <button type="submit" class="button">
                    {tr!(password.submit)}
                </button>
            </form>
            <p>
                <A href="/me">{tr!(password.back)}</A>
            </p>
        </div>
    }
}
