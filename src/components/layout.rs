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

    let links = match me.role {
        Role::Staff => {
            let audit = me.is_admin.then(|| {
                view! {
                    <li>
                        <A href="/staff/audit" attr:class="nav-link">
                            {tr!(nav.audit)}
                        </A>
                    </li>
                }
            });
            view! {
                <li>
                    <A href="/staff/today" attr:class="nav-link">
                        {tr!(desk.nav)}
                    </A>
                </li>
                <li>
                    <A href="/staff" exact=true attr:class="nav-link">
                        {tr!(nav.youth)}
                    </A>
                </li>
                <li>
                    <A href="/register" attr:class="nav-link">
                        {tr!(nav.register)}
                    </A>
                </li>
                {audit}
            }
            .into_any()
        }
        // A young person's four destinations: at the foot of a phone's
        // screen, in the bar on larger ones (style/main.css, `.main-nav--tabs`).
        Role::Youth => view! {
            <li><A href=HOME_PATH attr:class="nav-link">{tr!(home.nav.home)}</A></li>
            <li><A href="/booking" attr:class="nav-link">{tr!(home.nav.book)}</A></li>
            <li><A href="/plan" attr:class="nav-link">{tr!(home.nav.plan)}</A></li>
            <li><A href="/me" attr:class="nav-link">{tr!(nav.me)}</A></li>
        }
        .into_any(),
        Role::Guardian => view! {
            <li><A href=HOME_PATH attr:class="nav-link">{tr!(home.nav.home)}</A></li>
            <li><A href="/me" attr:class="nav-link">{tr!(nav.me)}</A></li>
        }
        .into_any(),
    };
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
