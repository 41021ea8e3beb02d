//! Lists of applications: the young person's own, a guardian's to co-sign,
//! the team's to decide (oldest first, with waiting time), and one young
//! person's (staff), from where staff start a new one.

use leptos::prelude::*;

use crate::components::data::not_yet;
use leptos_router::components::A;
use lotsen_api::account::Role;
use lotsen_api::application::ApplicationSummary;

use crate::components::shell::PageShell;
use crate::i18n::*;
use crate::pages::application::{texts, waiting_days, waiting_text};
use crate::session::{Access, load_path, use_session};
use crate::text::text;

/// A young person's own applications, or a guardian's to co-sign.
#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    view! {
        <PageShell title=label!(application.mine_title) access=Access::SignedIn>
            <MyApplications />
        </PageShell>
    }
}

#[component]
fn MyApplications() -> impl IntoView {
    let role = use_session().me_untracked().map(|m| m.role);
    let guardian = role == Some(Role::Guardian);
    let path = if guardian {
        "/guardian/applications"
    } else {
        "/me/applications"
    };
    let list = load_path::<Vec<ApplicationSummary>>(path.into());
    view! {
        <div class="page">
            <p class="breadcrumb"><A href="/me">{tr!(application.back_to_me)}</A></p>
            <h1>{tr_if!(guardian, application.cosign_list_heading, application.mine_heading)}</h1>
            {move || match list.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(l)) if l.is_empty() => view! { <p class="empty">{tr_if!(guardian, application.cosign_list_empty, application.mine_empty)}</p> }.into_any(),
                Some(Ok(l)) => view! {
                    <ul class="youth-list">
                        {l.into_iter().map(|a| view! { <Item a show_name=guardian /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </div>
    }
}

/// One application in a list: a link, its status and when it started.
#[component]
fn Item(a: ApplicationSummary, show_name: bool) -> impl IntoView {
    let i18n = use_i18n();
    let created = a.created_at.clone();
    let name = if show_name {
        a.youth_name.clone()
    } else {
        String::new()
    };
    view! {
        <li class="youth-list__item">
            <A href=format!("/applications/{}", a.id) attr:class="youth-list__name">
                {if show_name { name.into_any() } else { tr!(application.heading).into_any() }}
            </A>
            <p class="youth-list__meta">
                <span>{text(texts::status(a.status))}</span>
                <span>{tr!(application.started)} " " {move || crate::format::date(&created, i18n.get_locale())}</span>
            </p>
        </li>
    }
}

/// Submitted applications for the team meeting, oldest first, with waiting time.
#[component]
pub fn ApplicationsToDecidePage() -> impl IntoView {
    view! {
        <PageShell title=label!(application.decide_title) access=Access::Staff>
            <ToDecide />
        </PageShell>
    }
}

#[component]
fn ToDecide() -> impl IntoView {
    let i18n = use_i18n();
    let list = load_path::<Vec<ApplicationSummary>>("/applications/submitted".into());
    let now = js_sys::Date::now();
    view! {
        <div class="page page--wide">
            <h1>{tr!(application.decide_heading)}</h1>
            <p>{tr!(application.decide_intro)}</p>
            {move || match list.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(l)) if l.is_empty() => view! { <p class="empty">{tr!(application.decide_empty)}</p> }.into_any(),
                Some(Ok(mut l)) => {
                    // Oldest first, whatever order the answer came in.
                    l.sort_by(|a, b| a.submitted_at.cmp(&b.submitted_at));
                    view! {
                        <ul class="youth-list">
                            {l
                                .into_iter()
                                .map(|a| {
                                    let since = a.submitted_at.clone().unwrap_or_else(|| a.updated_at.clone());
                                    let days = waiting_days(&since, now);
                                    view! {
                                        <li class="youth-list__item">
                                            <A href=format!("/applications/{}", a.id) attr:class="youth-list__name">{a.youth_name}</A>
                                            <p class="youth-list__meta">
                                                <span>{tr!(application.submitted_on)} " " {crate::format::date(&since, i18n.get_locale_untracked())}</span>
                                                {days.map(|d| view! { <span>{tr!(application.waited)} " " {move || waiting_text(d, i18n.get_locale())}</span> })}
                                            </p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// One young person's applications (staff), and "start an application".
#[component]
pub fn YouthApplicationsPage(youth: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(application.youth_title) access=Access::Staff>
            <YouthApplications id=youth />
        </PageShell>
    }
}

#[component]
fn YouthApplications(id: i64) -> impl IntoView {
    let list = load_path::<Vec<ApplicationSummary>>(format!("/youth/{id}/applications"));
    view! {
        <div class="page">
            <p class="breadcrumb"><A href=format!("/staff/youth/{id}")>{tr!(application.back_to_record)}</A></p>
            <h1>{tr!(application.youth_heading)}</h1>
            <p>
                <A href=format!("/applications/youth/{id}/new") attr:class="button">{tr!(application.start)}</A>
            </p>
            {move || match list.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(l)) if l.is_empty() => view! { <p class="empty">{tr!(application.youth_empty)}</p> }.into_any(),
                Some(Ok(l)) => view! {
                    <ul class="youth-list">
                        {l.into_iter().map(|a| view! { <Item a show_name=false /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </div>
    }
}
