//! Providing the UI language and switching it.

use leptos::prelude::*;

use crate::i18n::*;
use crate::language;

/// Provides the UI language to its children: the visitor's earlier choice, else Swedish.
///
/// Unlike leptos_i18n's `I18nContextProvider`, this does not follow the
/// browser's language: Lotsen is Swedish first.
#[component(transparent)]
pub fn LanguageProvider(children: Children) -> impl IntoView {
    let initial = language::remembered().unwrap_or(language::DEFAULT);
    view! {
        <I18nSubContextProvider initial_locale=initial>
            <DocumentLanguage />
            {children()}
        </I18nSubContextProvider>
    }
}

/// Keeps `<html lang>` in step with the UI language.
#[component(transparent)]
fn DocumentLanguage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            // Setting an attribute on <html> cannot fail.
            let _ = html.set_attribute("lang", i18n.get_locale().as_str());
        }
    });
}

/// The language switch: "In English" in the Swedish UI, "På svenska" in the English one.
#[component(transparent)]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let offered = move || language::other(i18n.get_locale()).as_str();
    let switch = move |_| {
        let next = language::other(i18n.get_locale_untracked());
        i18n.set_locale(next);
        language::remember(next);
    };
    view! {
        <button type="button" class="lang-switch" lang=offered on:click=switch>
            {tr!(lang_switch)}
        </button>
    }
}
