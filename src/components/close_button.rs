//! The way out of a question or a small form shown inside the page.

use leptos::prelude::*;

use crate::forms::focus_later;

/// The secondary button that closes what `open` shows and gives focus back
/// to `back_to` (the button that opened it).
#[component]
pub fn CloseButton(
    open: RwSignal<bool>,
    /// The id that gets focus again.
    back_to: String,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button button--secondary"
            on:click=move |_| {
                open.set(false);
                focus_later(back_to.clone());
            }
        >
            {children()}
        </button>
    }
}
