//! `/home`: where a young person or a guardian lands after signing in (a
//! chunk of its own; its few styles are in `main.css`); staff go on to theirs.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;
use lotsen_api::account::Role;

use super::guardian::GuardianHomeContent;
use super::youth::YouthHomeContent;
use crate::components::shell::PageShell;
use crate::session::{Access, home_path, use_session};

/// The signed-in person's home, by their role.
#[component]
pub fn MyHomePage() -> impl IntoView {
    let session = use_session();
    view! {
        <PageShell title=label!(home.mine.title) access=Access::SignedIn heading=label!(home.mine.heading) class="page page--narrow home">
            {move || match session.me().map(|me| me.role) {
                Some(Role::Youth) => view! { <YouthHomeContent /> }.into_any(),
                Some(Role::Guardian) => view! { <GuardianHomeContent /> }.into_any(),
                Some(Role::Staff) => view! {
                    <Redirect path=home_path(Role::Staff) options=NavigateOptions { replace: true, ..Default::default() } />
                }
                .into_any(),
                None => ().into_any(),
            }}
        </PageShell>
    }
}
