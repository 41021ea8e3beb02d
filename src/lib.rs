//! Lotsen's client app: a Leptos single-page app rendered in the browser.
//!
//! Every visible string comes from `locales/{sv,en}.json` through the generated
//! [`i18n`] module; Swedish is the default, English the second language.

#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod components;
pub mod language;
pub mod messages;
pub mod pages;
pub mod validation;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::components::language::LanguageProvider;
use crate::components::layout::Layout;
use crate::pages::{home::Home, not_found::NotFound};

/// The whole app: language, page metadata, layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <LanguageProvider>
            <Router>
                <Layout>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home />
                    </Routes>
                </Layout>
            </Router>
        </LanguageProvider>
    }
}

/// The id of the element the app is mounted into (see `index.html`).
pub const ROOT_ID: &str = "app";
/// The id of the static loading message shown until the app has mounted.
pub const LOADING_ID: &str = "loading";

/// Replaces the static loading message in `index.html` with the app.
///
/// Falls back to `<body>` when the page has no `#app` element.
pub fn mount() {
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
