//! Lotsen's client app: a Leptos single-page app rendered in the browser.
//!
//! Every visible string comes from `locales/{sv,en}.json` through the generated
//! [`i18n`] module; Swedish is the default, English the second language.

#![deny(unsafe_code)] // src/chunks.rs alone allows the code-splitting glue

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

#[macro_use]
pub mod text;

pub mod api;
pub mod chunks;
pub mod components;
pub mod format;
pub mod forms;
pub mod language;
pub mod messages;
pub mod pages;
pub mod session;
pub mod storage;
pub mod validation;
pub mod webauthn;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::chunks::{Lazy, Page};
use crate::components::language::LanguageProvider;
use crate::components::layout::Layout;
use crate::pages::home::Home;
use crate::pages::not_found::NotFound;
use crate::session::provide_session;

/// The whole app: language, session, page metadata, layout and routes.
///
/// The main module's components are `transparent` (they read no signal while
/// they are built): with `--cfg erase_components` every other component's
/// view would be boxed into an `AnyView`, and these should not pay for it.
#[component(transparent)]
pub fn App() -> impl IntoView {
    view! {
        <LanguageProvider>
            <Session>
                <Router>
                    <Layout>
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=Home />
                            <Route path=path!("/sign-in") view=|| view! { <Lazy page=Page::SignIn /> } />
                            <Route path=path!("/invitation") view=|| view! { <Lazy page=Page::Invitation /> } />
                            <Route path=path!("/me") view=|| view! { <Lazy page=Page::MyPage /> } />
                            <Route path=path!("/me/password") view=|| view! { <Lazy page=Page::ChangePassword /> } />
                            <Route path=path!("/password-reset") view=|| view! { <Lazy page=Page::PasswordReset /> } />
                            <Route path=path!("/staff") view=|| view! { <Lazy page=Page::YouthList /> } />
                            <Route path=path!("/staff/youth/new") view=|| view! { <Lazy page=Page::NewYouth /> } />
                            <Route path=path!("/staff/youth/:id") view=|| view! { <Lazy page=Page::YouthRecord /> } />
                            <Route path=path!("/staff/audit") view=|| view! { <Lazy page=Page::AuditLog /> } />
                            <Route path=path!("/staff/report") view=|| view! { <Lazy page=Page::TermReport /> } />
                            <Route path=path!("/staff/today") view=|| view! { <Lazy page=Page::StaffToday /> } />
                            <Route path=path!("/staff/outbox") view=|| view! { <Lazy page=Page::DevOutbox /> } />
                            <Route path=path!("/applications/*rest") view=|| view! { <Lazy page=Page::Applications /> } />
                            <Route path=path!("/schedule/activities/*rest") view=|| view! { <Lazy page=Page::ScheduleStaff /> } />
                            <Route path=path!("/schedule/youth/*rest") view=|| view! { <Lazy page=Page::ScheduleStaff /> } />
                            <Route path=path!("/schedule/*rest") view=|| view! { <Lazy page=Page::Schedule /> } />
                            <Route path=path!("/feedback/rate/*rest") view=|| view! { <Lazy page=Page::Feedback /> } />
                            <Route path=path!("/feedback/*rest") view=|| view! { <Lazy page=Page::FeedbackStaff /> } />
                            <Route path=path!("/booking/staff/*rest") view=|| view! { <Lazy page=Page::BookingStaff /> } />
                            <Route path=path!("/booking/*rest") view=|| view! { <Lazy page=Page::Booking /> } />
                            <Route path=path!("/register/*rest") view=|| view! { <Lazy page=Page::Register /> } />
                            <Route path=path!("/plan") view=|| view! { <Lazy page=Page::MyPlan /> } />
                            <Route path=path!("/home") view=|| view! { <Lazy page=Page::Home /> } />
                        </Routes>
                    </Layout>
                </Router>
            </Session>
        </LanguageProvider>
    }
}

/// Provides the session (inside the language context, so that the first
/// request already speaks the UI language).
#[component(transparent)]
fn Session(children: Children) -> impl IntoView {
    provide_session();
    children()
}

/// The id of the element the app is mounted into (see `index.html`).
pub const ROOT_ID: &str = "app";
/// The id of the static loading message shown until the app has mounted.
pub const LOADING_ID: &str = "loading";

/// Replaces the static loading message in `index.html` with the app.
///
/// Falls back to `<body>` when the page has no `#app` element.
pub fn mount() {
    // Panic messages with their stack in the console in debug builds; the
    // release build leaves the hook (and its formatting) out of the first load.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let document = document();
    if let Some(loading) = document.get_element_by_id(LOADING_ID) {
        loading.remove();
    }
    let root = document
        .get_element_by_id(ROOT_ID)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => leptos::mount::mount_to(root, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}
