//! The page for every address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_title::PageTitle;
use crate::i18n::*;

/// Tells the visitor the page does not exist and links back to the start page.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle page=Signal::derive(move || t_string!(i18n, not_found.title)) />
        <div class="page">
            <h1>{t!(i18n, not_found.heading)}</h1>
            <p>{t!(i18n, not_found.text)}</p>
            <p>
                <A href="/" attr:class="button">
                    {t!(i18n, not_found.home_link)}
                </A>
            </p>
        </div>
    }
}
