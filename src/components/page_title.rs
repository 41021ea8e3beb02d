//! The browser tab's title.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::*;

/// Sets the document title to "‹page› – Lotsen" in the current language.
#[component]
pub fn PageTitle(#[prop(into)] page: Signal<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <Title text=move || format!("{} – {}", page.get(), t_string!(i18n, app.name)) /> }
}
