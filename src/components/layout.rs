//! The frame around every page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use lotsen_api::ErrorCode;
use lotsen_api::account::{Me, Role};

use crate::api::Api;
use crate::components::language::LanguageSwitch;
use crate::i18n::*;
use crate::session::{Auth, HOME_PATH, SIGN_IN_PATH, needs_sign_in, use_session};

/// The page frame: skip link, header with the app name, the person's menu and
/// the language switch, main content and footer.
///
/// While the session loads, the header keeps the place of what it will show,
/// so that nothing moves when it is known: on a page for signed-in people an
/// empty account bar of the same height, elsewhere the (invisible) sign-in link.
#[component(transparent)]
pub fn Layout(children: Children) -> impl IntoView {
    let session = use_session();
    let loading = move || matches!(session.auth(), Auth::Loading);
    let signed_out = move || matches!(session.auth(), Auth::SignedOut { .. });
    let me = Memo::new(move |_| session.me());
    // Read once: the session loads only when the app starts.
    let for_signed_in = needs_sign_in(&window().location().pathname().unwrap_or_default());
    view! {
        // rel="external" lets the browser follow the in-page link itself, which
        // moves keyboard focus to <main>; the router would only scroll.
        <a class="skip-link" href="#main" rel="external">
            {tr!(app.skip_to_content)}
        </a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="site-name">
                    {tr!(app.name)}
                </A>
                <div class="site-header__tools">
                    <A
                        href=SIGN_IN_PATH
                        attr:class=move || if loading() { "header-link header-link--pending" } else { "header-link" }
                        attr:hidden=move || !(signed_out() || loading() && !for_signed_in)
                    >
                        {tr!(nav.sign_in)}
                    </A>
                    <LanguageSwitch />
                </div>
            </div>
            {move || match me.get() {
                Some(me) => view! { <AccountBar me /> }.into_any(),
                None => (loading() && for_signed_in)
                    .then(|| view! { <div class="account-bar" aria-hidden="true"><div class="account-bar__inner"></div></div> })
                    .into_any(),
            }}
        </header>
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{tr!(app.footer)}</p>
            </div>
        </footer>
    }
}

/// A text from the locale files, in the language given.
type Text = fn(Locale) -> &'static str;

/// The signed-in person's menu: their pages, who they are, and signing out.
#[component(transparent)]
fn AccountBar(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        let api = Api::current();
        spawn_local(async move {
            let result = api.post_empty::<()>("/auth/sign-out").await;
            busy.set(false);
            match result {
                // Already signed out on the server counts as signed out.
                Err(e) if e.code() != Some(ErrorCode::Unauthenticated) => {
                    error.set(Some(e.message().to_string()));
                }
                _ => {
                    session.signed_out();
                    navigate("/", Default::default());
                }
            }
        });
    };

    // One link view for every menu, from a list of (where, text): a view per
    // role would put a copy of the link's rendering code per role in the first load.
    let mut links: Vec<(&'static str, Text)> = match me.role {
        Role::Staff => vec![
            ("/staff/today", |l| td_string!(l, desk.nav)),
            ("/staff", |l| td_string!(l, nav.youth)),
            ("/register", |l| td_string!(l, nav.register)),
        ],
        // A young person's four destinations: at the foot of a phone's
        // screen, in the bar on larger ones (style/main.css, `.main-nav--tabs`).
        Role::Youth => vec![
            (HOME_PATH, |l| td_string!(l, home.nav.home)),
            ("/booking", |l| td_string!(l, home.nav.book)),
            ("/plan", |l| td_string!(l, home.nav.plan)),
            ("/me", |l| td_string!(l, nav.me)),
        ],
        Role::Guardian => vec![
            (HOME_PATH, |l| td_string!(l, home.nav.home)),
            ("/me", |l| td_string!(l, nav.me)),
        ],
    };
    if me.role == Role::Staff && me.is_admin {
        links.push(("/staff/audit", |l| td_string!(l, nav.audit)));
    }
    let links = links
        .into_iter()
        .map(|(href, text)| {
            view! {
                <li>
                    <A href=href attr:class="nav-link">
                        {crate::text::text(text)}
                    </A>
                </li>
            }
        })
        .collect_view();
    let tabs = me.role == Role::Youth;
    let name = me.name;

    view! {
        <div class="account-bar">
            <div class="account-bar__inner">
                <nav class=if tabs { "main-nav main-nav--tabs" } else { "main-nav" } aria-label=move || t_string!(i18n, nav.label)>
                    <ul>{links}</ul>
                </nav>
                <div class="account-bar__who">
                    <p class="account-bar__name">
                        {tr!(nav.signed_in_as)} " " {name}
                    </p>
                    <button
                        type="button"
                        class="header-button"
                        on:click=sign_out
                        aria-disabled=move || busy.get().then_some("true")
                    >
                        {tr!(nav.sign_out)}
                    </button>
                </div>
                {move || error.get().map(|message| view! { <p class="alert" role="alert">{message}</p> })}
            </div>
        </div>
    }
}
