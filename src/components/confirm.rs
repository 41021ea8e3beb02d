//! Asking "are you sure?" inside the page before anything irreversible:
//! [`Confirm`] (the question, yes and cancel) and [`ConfirmButton`] (a button
//! that opens one instead of acting).

use leptos::prelude::*;

use crate::components::close_button::CloseButton;
use crate::forms::focus_later;

/// "Are you sure?" inside the page: the question, yes and cancel. Focus goes
/// to the question when it opens, and back to `back_to` on cancel.
#[component]
pub fn Confirm(
    id: String,
    open: RwSignal<bool>,
    question: Signal<&'static str>,
    yes: Signal<&'static str>,
    on_yes: Callback<()>,
    back_to: String,
) -> impl IntoView {
    let q = id.clone();
    view! {
        <div class="confirm" hidden=move || !open.get()>
            <p class="confirm__question" id=q tabindex="-1">{question}</p>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        open.set(false);
                        on_yes.run(());
                    }
                >
                    {yes}
                </button>
                <CloseButton open back_to>
                    {tr!(common.cancel)}
                </CloseButton>
            </div>
        </div>
    }
}

/// A button (`id`) that opens its [`Confirm`] (`{id}-confirm`) instead of acting.
#[component]
pub fn ConfirmButton(
    id: String,
    question: Signal<&'static str>,
    yes: Signal<&'static str>,
    on_yes: Callback<()>,
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let confirm_id = format!("{id}-confirm");
    let focus_to = confirm_id.clone();
    view! {
        <button
            type="button"
            class="button button--secondary"
            id=id.clone()
            hidden=move || open.get()
            on:click=move |_| {
                open.set(true);
                focus_later(focus_to.clone());
            }
        >
            {children()}
        </button>
        <Confirm id=confirm_id open question yes on_yes back_to=id />
    }
}
