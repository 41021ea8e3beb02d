//! The frame most of the app's forms share: `novalidate` (the app checks
//! the fields itself), busy while a request is under way, the summary of its
//! problems first, then the fields, then the one submit button.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::field::FormAlert;
use crate::components::submit::Form;

/// A `<form>` sent by `on_submit`: `form`'s summary, the fields
/// (`children`), and the submit button saying `button`.
#[component]
pub fn FormBox(
    /// Its busy flag and problems.
    form: Form,
    /// Runs when the form is sent.
    #[prop(into)]
    on_submit: Callback<SubmitEvent>,
    /// The submit button's text.
    #[prop(into)]
    button: Signal<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <form class="form" novalidate on:submit=move |ev| on_submit.run(ev) aria-busy=form.aria_busy()>
            <FormAlert message=form.summary() />
            {children()}
            <button type="submit" class="button">{button}</button>
        </form>
    }
}
