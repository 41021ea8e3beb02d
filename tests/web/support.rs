//! Setup the browser tests share: dates, waiting for the app, mounting it at
//! an address, and reading what it shows.

use leptos::prelude::*;
use lotsen::language;
use lotsen_api::Date;
use wasm_bindgen::JsCast;

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> Date {
    lotsen_api::date::parse_iso(s).unwrap()
}

/// A date from its parts.
pub fn day(y: i32, m: u32, d: u32) -> Date {
    lotsen_api::date::ymd(y, m, d).unwrap()
}

pub fn forget_language_choice() {
    language::forget();
    assert_eq!(language::remembered(), None);
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits up to two seconds for `condition`, letting the app's effects run.
pub async fn eventually(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..100 {
        if condition() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for: {what}");
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|el| el.text_content())
        .unwrap_or_default()
}

/// The `lang` attribute of `<html>`.
pub fn html_lang() -> Option<String> {
    document().document_element().unwrap().get_attribute("lang")
}

pub fn click(element: &web_sys::Element) {
    element.unchecked_ref::<web_sys::HtmlElement>().click();
}

/// The whole app, mounted in a fresh element of the test page; dropping it
/// unmounts the app, removes the element and (after [`visit`]) goes back to
/// the test page.
pub struct MountedApp {
    pub root: web_sys::HtmlElement,
    handle: Option<Box<dyn std::any::Any>>,
    back: Option<AtPath>,
}

pub fn mount_app() -> MountedApp {
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), lotsen::App);
    MountedApp {
        root,
        handle: Some(Box::new(handle)),
        back: None,
    }
}

/// A first visit to `path`: no language remembered, the app mounted there.
pub fn visit(path: &str) -> MountedApp {
    forget_language_choice();
    let back = at_path(path);
    let mut app = mount_app();
    app.back = Some(back);
    app
}

impl MountedApp {
    /// The first element that matches `selector`, which must be there.
    pub fn find(&self, selector: &str, what: &str) -> web_sys::Element {
        self.root.query_selector(selector).unwrap().expect(what)
    }

    /// The text of the first element that matches `selector` ("" if none).
    pub fn text(&self, selector: &str) -> String {
        text_of(&self.root, selector)
    }

    /// Waits until the page's `h1` reads `heading`.
    pub async fn shows_heading(&self, heading: &str) {
        eventually(&format!("the heading {heading:?}"), || {
            self.text("h1") == heading
        })
        .await;
    }
}

impl Drop for MountedApp {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.root.remove();
    }
}

/// The browser at another address of the test page's origin; dropping it
/// goes back to the test page.
struct AtPath {
    test_page: String,
}

fn at_path(path: &str) -> AtPath {
    let test_page = window().location().href().unwrap();
    window()
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    AtPath { test_page }
}

impl Drop for AtPath {
    fn drop(&mut self) {
        window()
            .history()
            .unwrap()
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.test_page))
            .unwrap();
    }
}
