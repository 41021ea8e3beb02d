//! The page for every address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_title::PageTitle;

/// Tells the visitor the page does not exist and links back to the start page.
#[component(transparent)]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageTitle page=label!(not_found.title) />
        <div class="page">
            <h1>{tr!(not_found.heading)}</h1>
            <p>{tr!(not_found.text)}</p>
            <p>
                <A href="/" attr:class="button">
                    {tr!(not_found.home_link)}
                </A>
            </p>
        </div>
    }
}
