//! What staff see after creating an invitation: the link to hand over, or
//! the note that it was e-mailed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use lotsen_api::account::{Delivery, InvitationSent};
use wasm_bindgen::JsCast;

use crate::format;
use crate::i18n::*;

/// Copies `text` to the clipboard; `false` when the browser would not.
async fn copy_to_clipboard(text: &str) -> bool {
    // Outside a secure context there is no `navigator.clipboard` at all.
    let clipboard = window().navigator().clipboard();
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// "The invitation is created", with the link and a copy button when the
/// staff member hands it over, or the note that it was e-mailed.
///
/// `id` makes the element ids unique when a page shows more than one.
#[component]
pub fn InvitationResult(
    /// A prefix for the ids of this block's elements.
    id: &'static str,
    /// The invitation the server created.
    invitation: InvitationSent,
    /// Whom the invitation is for.
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("{id}-heading");
    let input_id = format!("{id}-link");
    let expires_at = invitation.expires_at.clone();
    let date = move || format::date(&expires_at, i18n.get_locale());
    let copied = RwSignal::new(None::<bool>);

    let body = match (invitation.delivery, invitation.link) {
        (Delivery::Handover, Some(link)) => {
            let copy = {
                let (link, input_id) = (link.clone(), input_id.clone());
                move |_| {
                    let (link, input_id) = (link.clone(), input_id.clone());
                    spawn_local(async move {
                        let ok = copy_to_clipboard(&link).await;
                        if !ok {
                            // Make copying by hand one step: select the link.
                            if let Some(input) = document()
                                .get_element_by_id(&input_id)
                                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
                            {
                                input.select();
                            }
                        }
                        copied.set(Some(ok));
                    });
                }
            };
            let name = name.clone();
            view! {
                <p>
                    {t!(i18n, invite.handover, name = move || name.clone(), date = date.clone())}
                </p>
                <div class="field">
                    <label class="field__label" for=input_id.clone()>
                        {tr!(invite.link_label)}
                    </label>
                    <input
                        class="field__input field__input--link"
                        id=input_id.clone()
                        type="text"
                        readonly
                        value=link
                        on:focus=|ev| {
                            if let Some(input) = ev
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            {
                                input.select();
                            }
                        }
                    />
                </div>
                <div class="actions">
                    <button type="button" class="button" on:click=copy>
                        {tr!(invite.copy)}
                    </button>
                    <p class="status" role="status">
                        {move || match copied.get() {
                            Some(true) => Some(t_string!(i18n, invite.copied)),
                            Some(false) => Some(t_string!(i18n, invite.copy_failed)),
                            None => None,
                        }}
                    </p>
                </div>
            }
            .into_any()
        }
        _ => {
            let name = name.clone();
            view! {
                <p>{t!(i18n, invite.email, name = move || name.clone(), date = date.clone())}</p>
            }
            .into_any()
        }
    };

    view! {
        <section class="card card--success" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone() tabindex="-1">
                {tr!(invite.heading)}
            </h2>
            {body}
        </section>
    }
}
