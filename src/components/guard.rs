//! Pages only some people may see.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_location;

use crate::components::page_title::PageTitle;
use crate::components::status::Loading;
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::{Access, Auth, home_path, sign_in_path, use_session};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gate {
    Loading,
    SignIn,
    Leaving,
    Open,
    Denied,
}

/// Shows its children only to the people `access` names.
///
/// While the session is being loaded it shows a loading message (never the
/// sign-in page by mistake); signed out, it sends the person to the sign-in
/// page with the way back in `next`; signed in with the wrong role, it says
/// they are not allowed here.
#[component]
pub fn Protected(access: Access, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    // Someone who signs out on this page is on the way to the start page: show
    // nothing rather than the sign-in page. A page opened after signing out
    // leads to the sign-in page as usual.
    let opened_signed_out = matches!(session.auth_untracked(), Auth::SignedOut { .. });
    let gate = Memo::new(move |_| match session.auth() {
        Auth::Loading => Gate::Loading,
        Auth::SignedOut { by_choice: true } if !opened_signed_out => Gate::Leaving,
        Auth::SignedOut { .. } => Gate::SignIn,
        Auth::SignedIn(me) if access.allows(&me) => Gate::Open,
        Auth::SignedIn(_) => Gate::Denied,
    });
    move || match gate.get() {
        Gate::Loading => view! { <Loading /> }.into_any(),
        Gate::SignIn => {
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                location.pathname.get_untracked()
            } else {
                format!("{}?{search}", location.pathname.get_untracked())
            };
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            view! { <Redirect path=sign_in_path(&here) options /> }.into_any()
        }
        Gate::Leaving => ().into_any(),
        Gate::Open => children().into_any(),
        Gate::Denied => view! { <Forbidden /> }.into_any(),
    }
}

/// Says that the signed-in person may not see this page, with the server's words.
#[component]
fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let home = move || {
        session
            .me()
            .map_or("/", |me| home_path(me.role))
            .to_string()
    };
    view! {
        <PageTitle page=label!(access.title) />
        <div class="page">
            <h1>{tr!(access.heading)}</h1>
            <p>{move || error_message(i18n.get_locale(), "forbidden")}</p>
            <p>
                <A href=home attr:class="button">
                    {tr!(access.home_link)}
                </A>
            </p>
        </div>
    }
}
