//! The outbox for development (`/staff/outbox`): with no SMTP configured,
//! messages are not sent but shown here to staff (the server answers 404 when
//! e-mail is configured).

use leptos::prelude::*;
use leptos::task::spawn_local;
use lotsen_api::account::DevOutboxMessage;

use crate::api::Api;
use crate::components::guard::Protected;
use crate::components::page_title::PageTitle;
use crate::components::status::{ErrorMessage, Loading};
use crate::format;
use crate::i18n::*;
use crate::session::{Access, use_session};

/// The page.
#[component]
pub fn DevOutbox() -> impl IntoView {
    view! {
        <PageTitle page=label!(dev_outbox.title) />
        <Protected access=Access::Staff>
            <DevOutboxContent />
        </Protected>
    }
}

#[component]
fn DevOutboxContent() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let messages = RwSignal::new(None::<Vec<DevOutboxMessage>>);
    let error = RwSignal::new(None::<String>);
    let api = Api::current();
    spawn_local(async move {
        match api.get::<Vec<DevOutboxMessage>>("/dev/outbox").await {
            Ok(list) => messages.set(Some(list)),
            Err(e) => {
                session.check(&e);
                error.set(Some(e.message().to_string()));
            }
        }
    });
    view! {
        <div class="page page--wide">
            <h1>{tr!(dev_outbox.heading)}</h1>
            <p>{tr!(dev_outbox.intro)}</p>
            {move || (messages.with(Option::is_none) && error.with(Option::is_none)).then(|| view! { <Loading /> })}
            {move || error.get().map(|message| view! { <ErrorMessage message /> })}
            {move || {
                messages
                    .get()
                    .map(|list| {
                        if list.is_empty() {
                            return view! { <p class="empty">{tr!(dev_outbox.empty)}</p> }.into_any();
                        }
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
                            .into_any()
                    })
            }}
        </div>
    }
}
