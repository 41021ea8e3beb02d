//! The audit log: who read or changed a young person's record, and when.

use leptos::prelude::*;
use lotsen_api::people::AuditEntry;

use crate::api::Api;
pub use crate::api::staff::{AUDIT_PAGE_SIZE as PAGE_SIZE, audit_path};
use crate::components::shell::PageShell;
use crate::components::submit::{Form, ShowMore};
use crate::components::table::Table;
use crate::format;
use crate::i18n::*;
use crate::session::Access;

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
        "register_add" => td_string!(locale, audit.register_add),
        "register_import" => td_string!(locale, audit.register_import),
        "read_register_entry" => td_string!(locale, audit.read_register_entry),
        "list_register" => td_string!(locale, audit.list_register),
        "register_again" => td_string!(locale, audit.register_again),
        "register_deregister" => td_string!(locale, audit.register_deregister),
        "register_read_contacts" => td_string!(locale, audit.register_read_contacts),
        "register_log_contact" => td_string!(locale, audit.register_log_contact),
        "register_read_letter" => td_string!(locale, audit.register_read_letter),
        "register_to_contact" => td_string!(locale, audit.register_to_contact),
        "register_worklist" => td_string!(locale, audit.register_worklist),
        "read_register_plan" => td_string!(locale, audit.read_register_plan),
        "write_register_plan" => td_string!(locale, audit.write_register_plan),
        "write_register_measure" => td_string!(locale, audit.write_register_measure),
        "read_scb_report" => td_string!(locale, audit.read_scb_report),
        "read_timeline" => td_string!(locale, audit.read_timeline),
        "reveal_personnummer" => td_string!(locale, audit.reveal_personnummer),
        other => return other.to_string(),
    };
    text.to_string()
}

/// The audit log (administrators only), newest first, with "show older".
#[component]
pub fn AuditLog() -> impl IntoView {
    view! {
        <PageShell title=label!(audit.title) access=Access::Admin heading=label!(audit.heading) class="page page--wide">
            <AuditLogContent />
        </PageShell>
    }
}

#[component]
fn AuditLogContent() -> impl IntoView {
    let i18n = use_i18n();
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let next_before = RwSignal::new(None::<i64>);
    let loaded = RwSignal::new(false);
    let form = Form::new("audit", &[]);

    let load = move |before: Option<i64>| {
        form.submit(Api::current().audit(before), move |page| {
            entries.update(|list| list.extend(page.entries));
            next_before.set(page.next_before);
            loaded.set(true);
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
            <p>{tr!(audit.intro)}</p>
            // Shown and hidden rather than created and dropped: cheaper in wasm than <Show>.
            <p class="empty" hidden=move || !(loaded.get() && entries.with(Vec::is_empty))>
                {tr!(audit.empty)}
            </p>
            <Table
                id="audit-caption"
                caption=label!(audit.caption)
                heads=vec![label!(audit.time), label!(audit.staff), label!(audit.youth), label!(audit.action)]
                hidden=Signal::derive(move || entries.with(Vec::is_empty))
            >
                {rows}
            </Table>
            <ShowMore form more=Signal::derive(move || next_before.get().is_some()) on_more=Callback::new(move |()| load(next_before.get_untracked()))>
                {tr!(audit.more)}
            </ShowMore>
    }
}
