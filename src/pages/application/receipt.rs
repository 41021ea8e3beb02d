//! The receipt: a print-friendly page of the signed application with its
//! signatures and the SHA-256 of the signed text.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::application::{Application, SignatureMethod};

use crate::components::shell::PageShell;
use crate::i18n::*;
use crate::pages::application::view::{Summary, Timeline};
use crate::pages::application::{WithApplication, texts};
use crate::session::Access;
use crate::text::text;

/// How a signature was made and, for a passkey, whether it verifies now
/// (the server checks the kept assertion against the text as it answers).
fn signed_how(method: SignatureMethod, verified: Option<bool>) -> fn(Locale) -> &'static str {
    match (method, verified) {
        (SignatureMethod::Password, _) => |l| td_string!(l, passkeys.signed_with_password),
        (SignatureMethod::Passkey, Some(true)) => |l| td_string!(l, passkeys.signed_verified),
        (SignatureMethod::Passkey, _) => |l| td_string!(l, passkeys.signed_not_verified),
    }
}

/// The receipt of the application whose id is in the address.
#[component]
pub fn ReceiptPage(id: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(application.receipt_title) access=Access::SignedIn>
            <WithApplication id heading=label!(application.receipt_heading) let:app>
                <Receipt app />
            </WithApplication>
        </PageShell>
    }
}

#[component]
fn Receipt(app: Application) -> impl IntoView {
    let i18n = use_i18n();
    let back = format!("/applications/{}", app.id);
    let signatures = app.signatures.clone();
    let timeline = app.timeline.clone();
    view! {
        <div class="page receipt">
            <p class="breadcrumb no-print"><A href=back>{tr!(application.back_to_application)}</A></p>
            <h1>{tr!(application.receipt_heading)}</h1>
            <p class="lead">{app.youth_name.clone()}</p>
            <p>{tr!(application.status)} ": " {text(texts::status(app.status))}</p>
            <p class="no-print">
                <button type="button" class="button" on:click=|_| { let _ = window().print(); }>
                    {tr!(application.print)}
                </button>
            </p>
            <section aria-labelledby="receipt-signatures">
                <h2 id="receipt-signatures">{tr!(application.signatures_heading)}</h2>
                {if signatures.is_empty() {
                    view! { <p class="empty">{tr!(application.no_signatures)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list signatures">
                            {signatures
                                .into_iter()
                                .map(|s| {
                                    let at = s.signed_at.clone();
                                    view! {
                                        <li>
                                            <strong>{s.signer_name}</strong> " (" {text(texts::role(s.role))} "), "
                                            {move || crate::format::date_time(&at, i18n.get_locale())}
                                            <br />
                                            {tr!(application.hash)} ": " <code class="hash">{s.document_hash}</code>
                                            <br />
                                            {text(signed_how(s.method, s.passkey_verified))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
            <section aria-labelledby="receipt-content">
                <h2 id="receipt-content">{tr!(application.document_heading)}</h2>
                <Summary app=app.clone() open=true />
            </section>
            <section aria-labelledby="receipt-timeline">
                <h2 id="receipt-timeline">{tr!(application.timeline_heading)}</h2>
                <Timeline events=timeline />
            </section>
        </div>
    }
}
