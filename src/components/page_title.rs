//! The browser tab's title.

use leptos::prelude::*;

use crate::i18n::*;

/// Sets the document title to "‹page› – Lotsen" in the current language.
///
/// A plain effect on `document.title` (rather than leptos_meta's `<Title>`),
/// which costs next to nothing in the wasm bundle.
#[component(transparent)]
pub fn PageTitle(#[prop(into)] page: Signal<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let title = format!(
            "{} – {}",
            page.get(),
            td_string!(i18n.get_locale(), app.name)
        );
        document().set_title(&title);
    });
}
