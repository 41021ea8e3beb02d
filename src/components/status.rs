//! Loading and error states that every page shows the same way.

use leptos::prelude::*;

/// "Loading…" as a polite status message, for a page or a part of one.
#[component(transparent)]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="status" role="status" aria-live="polite">
            {tr!(common.loading)}
        </p>
    }
}

/// An error message announced at once (`role="alert"`).
#[component(transparent)]
pub fn ErrorMessage(#[prop(into)] message: Signal<String>) -> impl IntoView {
    view! {
        <p class="alert" role="alert">
            {message}
        </p>
    }
}
