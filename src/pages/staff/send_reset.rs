//! "Send a password reset" on a young person's record: the link goes to their
//! own e-mail address; the staff member never sees it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use lotsen_api::account::PasswordResetAccepted;

use crate::api::Api;
use crate::components::field::FormAlert;
use crate::session::use_session;

/// The button and what happened.
#[component]
pub fn SendPasswordReset(youth_id: i64) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let send = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        sent.set(false);
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .post_empty::<PasswordResetAccepted>(&format!("/youth/{youth_id}/password-reset"))
                .await;
            busy.set(false);
            match result {
                Ok(_) => sent.set(true),
                Err(e) => {
                    session.check(&e);
                    error.set(Some(e.message().to_string()));
                }
            }
        });
    };
    view! {
        <div class="send-reset">
            <FormAlert message=error />
            <p class="note" id="send-reset-hint">{tr!(youth.send_reset_hint)}</p>
            <button
                type="button"
                class="button button--secondary"
                on:click=send
                aria-describedby="send-reset-hint"
                aria-disabled=move || busy.get().then_some("true")
            >
                {tr!(youth.send_reset)}
            </button>
            <p role="status">{move || sent.get().then(|| tr!(youth.send_reset_done))}</p>
        </div>
    }
}
