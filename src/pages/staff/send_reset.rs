//! "Send a password reset" on a young person's record: the link goes to their
//! own e-mail address; the staff member never sees it.

use leptos::prelude::*;

use crate::api::Api;
use crate::components::field::FormAlert;
use crate::components::submit::Form;

/// The button and what happened.
#[component]
pub fn SendPasswordReset(youth_id: i64) -> impl IntoView {
    let form = Form::new("send-reset", &[]);
    let busy = form.busy;
    let sent = RwSignal::new(false);
    let send = move |_| {
        if busy.get_untracked() {
            return;
        }
        sent.set(false);
        form.submit(Api::current().send_password_reset(youth_id), move |_| {
            sent.set(true)
        });
    };
    view! {
        <div class="send-reset">
            <FormAlert message=form.summary() />
            <p class="note" id="send-reset-hint">{tr!(youth.send_reset_hint)}</p>
            <button
                type="button"
                class="button button--secondary"
                on:click=send
                aria-describedby="send-reset-hint"
                aria-disabled=form.aria_busy()
            >
                {tr!(youth.send_reset)}
            </button>
            <p role="status">{move || sent.get().then(|| tr!(youth.send_reset_done))}</p>
        </div>
    }
}
