//! An area's own stylesheet, outside the first load: the area's chunk adds a
//! `<link rel="stylesheet">` for it the first time one of its pages renders,
//! and shows its pages once the sheet has loaded (or failed: the pages still
//! work unstyled), so nothing is drawn unstyled and then moves.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::components::status::Loading;

/// The desk layouts' sheet (`style/desk.css`): staff's today, the youth
/// table and the booking week's grid from 1024 px wide.
pub const DESK_STYLESHEET: &str = "/desk.css";

/// Shows `children` once the stylesheet at `href` (a file of `dist/`, e.g.
/// `/register.css`) has loaded; "Loading…" until then.
#[component]
pub fn WithStylesheet(href: &'static str, children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    add_stylesheet(href, ready);
    move || {
        if ready.get() {
            children().into_any()
        } else {
            view! { <Loading /> }.into_any()
        }
    }
}

/// Adds the link once per page load; `ready` is set when it has loaded, at
/// once when an earlier page added it already (marked `data-loaded`).
fn add_stylesheet(href: &'static str, ready: RwSignal<bool>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        ready.set(true);
        return;
    };
    let selector = format!("link[data-area-style=\"{href}\"]");
    if let Ok(Some(link)) = document.query_selector(&selector) {
        if link.has_attribute("data-loaded") {
            ready.set(true);
        } else {
            on_settled(&link, ready);
        }
        return;
    }
    let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) else {
        ready.set(true);
        return;
    };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    let _ = link.set_attribute("data-area-style", href);
    on_settled(&link, ready);
    if head.append_child(&link).is_err() {
        ready.set(true);
    }
}

/// Sets `ready` (and marks the link) when it loads or fails.
fn on_settled(link: &web_sys::Element, ready: RwSignal<bool>) {
    let marked = link.clone();
    let done = Closure::<dyn Fn()>::new(move || {
        let _ = marked.set_attribute("data-loaded", "");
        ready.set(true);
    });
    let target: &web_sys::EventTarget = link.unchecked_ref();
    let f = done.as_ref().unchecked_ref();
    let _ = target.add_event_listener_with_callback("load", f);
    let _ = target.add_event_listener_with_callback("error", f);
    // Lives as long as the page: one small closure per area.
    done.forget();
}
