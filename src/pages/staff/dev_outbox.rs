//! The outbox for development (`/staff/outbox`): with no SMTP configured,
//! messages are not sent but shown here to staff (the server answers 404 when
//! e-mail is configured).

use leptos::prelude::*;

use crate::api::Api;
use crate::components::data::{LoadedList, load};
use crate::components::shell::PageShell;
use crate::format;
use crate::i18n::*;
use crate::session::Access;

/// The page.
#[component]
pub fn DevOutbox() -> impl IntoView {
    view! {
        <PageShell title=label!(dev_outbox.title) access=Access::Staff heading=label!(dev_outbox.heading) class="page page--wide">
            <DevOutboxContent />
        </PageShell>
    }
}

#[component]
fn DevOutboxContent() -> impl IntoView {
    let i18n = use_i18n();
    let messages = load(Api::current().dev_outbox());
    view! {
        <p>{tr!(dev_outbox.intro)}</p>
        <LoadedList data=messages empty=label!(dev_outbox.empty) let:list>
            {
                let locale = i18n.get_locale();
                view! {
                            <ul class="plain-list outbox">
                                {list
                                    .into_iter()
                                    .map(|m| {
                                        view! {
                                            <li class="card outbox__message">
                                                <dl class="details">
                                                    <div class="details__row">
                                                        <dt>{tr!(dev_outbox.to)}</dt>
                                                        <dd class="outbox__to">{m.to}</dd>
                                                    </div>
                                                    <div class="details__row">
                                                        <dt>{tr!(dev_outbox.subject)}</dt>
                                                        <dd class="outbox__subject">{m.subject}</dd>
                                                    </div>
                                                    <div class="details__row">
                                                        <dt>{tr!(dev_outbox.created)}</dt>
                                                        <dd>{format::date_time(&m.created_at, locale)}</dd>
                                                    </div>
                                                </dl>
                                                <pre class="outbox__body">{m.body}</pre>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                }
            }
        </LoadedList>
    }
}
