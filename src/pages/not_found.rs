//! The page for every address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::shell::PageShell;

/// Tells the visitor the page does not exist and links back to the start page.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageShell title=label!(not_found.title) heading=label!(not_found.heading)>
            <p>{tr!(not_found.text)}</p>
            <p>
                <A href="/" attr:class="button">
                    {tr!(not_found.home_link)}
                </A>
            </p>
        </PageShell>
    }
}
