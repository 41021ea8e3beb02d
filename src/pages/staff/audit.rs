//! The audit log: who read or changed a young person's record, and when.

use leptos::prelude::*;
use leptos::task::spawn_local;
use lotsen_api::people::{AuditEntry, AuditPage};

use crate::api::Api;
use crate::components::guard::Protected;
use crate::components::page_title::PageTitle;
use crate::components::status::{ErrorMessage, Loading};
use crate::format;
use crate::i18n::*;
use crate::session::{Access, use_session};

/// How many entries one page of the log holds.
pub const PAGE_SIZE: u32 = 50;

/// The address of a page of the log: the newest, or those older than `before`.
pub fn audit_path(before: Option<i64>) -> String {
    match before {
        Some(before) => format!("/audit?before={before}&limit={PAGE_SIZE}"),
        None => format!("/audit?limit={PAGE_SIZE}"),
    }
}

/// What an audit action is called in `locale`; an action this app does not
/// know yet is shown by its code.
pub fn action_label(action: &str, locale: Locale) -> String {
    let text = match action {
        "list_youth" => td_string!(locale, audit.list_youth),
        "read_youth" => td_string!(locale, audit.read_youth),
        "register_youth" => td_string!(locale, audit.register_youth),
        "add_guardian" => td_string!(locale, audit.add_guardian),
        "send_invitation" => td_string!(locale, audit.send_invitation),
        "send_password_reset" => td_string!(locale, audit.send_password_reset),
        "read_outcomes" => td_string!(locale, outcomes.audit_read),
        "read_team" => td_string!(locale, audit.read_team),
        "add_team_member" => td_string!(locale, audit.add_team_member),
        "remove_team_member" => td_string!(locale, audit.remove_team_member),
        "record_outcome" => td_string!(locale, outcomes.audit_record),
        other => return other.to_string(),
    };
    text.to_string()
}

/// The audit log (administrators only), newest first, with "show older".
#[component]
pub fn AuditLog() -> impl IntoView {
    view! {
        <PageTitle page=label!(audit.title) />
        <Protected access=Access::Admin>
            <AuditLogContent />
        </Protected>
    }
}

#[component]
fn AuditLogContent() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let next_before = RwSignal::new(None::<i64>);
    let loaded = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let load = move |before: Option<i64>| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let api = Api::current();
        spawn_local(async move {
            let result = api.get::<AuditPage>(&audit_path(before)).await;
            busy.set(false);
            match result {
                Ok(page) => {
                    entries.update(|list| list.extend(page.entries));
                    next_before.set(page.next_before);
                    loaded.set(true);
                }
                Err(e) => {
                    session.check(&e);
                    error.set(Some(e.message().to_string()));
                }
            }
        });
    };
    load(None);

    let rows = move || {
        let locale = i18n.get_locale();
        entries
            .get()
            .into_iter()
            .map(|entry| {
                view! {
                    <tr>
                        <td>{format::date_time(&entry.at, locale)}</td>
                        <td>{entry.actor_name}</td>
                        <td>{entry.youth_name}</td>
                        <td>{action_label(&entry.action, locale)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div class="page page--wide">
            <h1>{tr!(audit.heading)}</h1>
            <p>{tr!(audit.intro)}</p>
            // Shown and hidden rather than created and dropped: cheaper in wasm than <Show>.
            <p class="empty" hidden=move || !(loaded.get() && entries.with(Vec::is_empty))>
                {tr!(audit.empty)}
            </p>
            <div
                class="table-wrap"
                tabindex="0"
                role="region"
                aria-labelledby="audit-caption"
                hidden=move || entries.with(Vec::is_empty)
            >
                    <table class="table">
                        <caption id="audit-caption">{tr!(audit.caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr!(audit.time)}</th>
                                <th scope="col">{tr!(audit.staff)}</th>
                                <th scope="col">{tr!(audit.youth)}</th>
                                <th scope="col">{tr!(audit.action)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
            </div>
            {move || busy.get().then(|| view! { <Loading /> })}
            {move || error.get().map(|message| view! { <ErrorMessage message /> })}
            <p hidden=move || next_before.get().is_none()>
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| load(next_before.get_untracked())
                        aria-disabled=move || busy.get().then_some("true")
                    >
                        {tr!(audit.more)}
                    </button>
            </p>
        </div>
    }
}
