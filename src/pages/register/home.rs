//! "To contact" (everyone registered and not yet reached, oldest first, those
//! past the 14-day goal marked in words) and the signed-in staff member's
//! worklist for today (contacts due, follow-ups due). Staff who are not
//! officers or administrators get a 403 for "to contact": they see a plain
//! note there and their own worklist.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::register::contacts::{ToContactItem, ToContactPage, Worklist};

use super::contacts::{channel_label, outcome_label};
use super::entry_path;
use crate::api::Api;
use crate::components::data::{Loaded, load, not_yet};
use crate::components::shell::PageShell;
use crate::components::table::Table;
use crate::i18n::*;
use crate::session::{Access, use_session};

/// The register's start page: the register-wide links and "to contact" for
/// those who keep the register, everyone's own worklist.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    // Read once the access guard knows who is signed in.
    let keeps = move || session.me().is_some_and(|me| me.keeps_register);
    view! {
        <PageShell
            title=label!(register.contacts.home_title)
            access=Access::Staff
            heading=label!(register.contacts.home_heading)
            class="page page--wide register-home"
        >
            {move || keeps().then(|| view! {
                <nav class="register-links" aria-label=label!(register.contacts.home_heading)>
                    <A href="/register/people">{tr!(register.contacts.link_people)}</A>
                    <A href="/register/import">{tr!(register.contacts.link_import)}</A>
                    <A href="/register/report">{tr!(register.contacts.link_report)}</A>
                </nav>
            })}
            {move || if keeps() {
                view! { <ToContact /> }.into_any()
            } else {
                view! { <ToContactCard><NotForYou /></ToContactCard> }.into_any()
            }}
            <WorklistToday />
        </PageShell>
    }
}

/// The card "to contact" holding `children`.
#[component]
fn ToContactCard(children: Children) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="to-contact-heading">
            <h2 id="to-contact-heading">{tr!(register.contacts.to_contact_heading)}</h2>
            {children()}
        </section>
    }
}

/// What staff who do not keep the register see of its register-wide lists.
#[component]
pub(super) fn NotForYou() -> impl IntoView {
    view! { <p class="note">{tr!(register.contacts.to_contact_forbidden)}</p> }
}

/// "To contact" (the server's 403, should the permission have just been
/// taken away, is the same note as for those who never had it).
#[component]
fn ToContact() -> impl IntoView {
    let list = load(Api::current().register_to_contact());
    view! {
        <ToContactCard>
            {move || match list.get() {
                Some(Err(error)) if error.status() == Some(403) => view! { <NotForYou /> }.into_any(),
                Some(Ok(page)) => view! { <ToContactTable page /> }.into_any(),
                state => not_yet(state),
            }}
        </ToContactCard>
    }
}

#[component]
fn ToContactTable(page: ToContactPage) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! { <p class="empty">{tr!(register.contacts.to_contact_empty)}</p> }.into_any();
    }
    let (shown, total) = (page.items.len(), page.total);
    let more = (total > shown as i64).then(|| {
        view! {
            <p>
                {move || {
                    td_string!(i18n.get_locale(), register.contacts.to_contact_shown)
                        .replace("{shown}", &shown.to_string())
                        .replace("{total}", &total.to_string())
                }}
            </p>
        }
    });
    view! {
        <p>{tr!(register.contacts.to_contact_intro)}</p>
        <Table
            id="to-contact-caption"
            caption=label!(register.contacts.to_contact_caption)
            heads=vec![
                label!(register.contacts.col_name),
                label!(register.contacts.col_registered),
                label!(register.contacts.col_days),
                label!(register.contacts.col_attempts),
                label!(register.contacts.col_next),
            ]
        >
            {page.items.into_iter().map(|item| view! { <ToContactRow item /> }).collect_view()}
        </Table>
        {more}
    }
    .into_any()
}

/// One young person: the 14-day mark is a word and an icon, not a colour alone.
#[component]
fn ToContactRow(item: ToContactItem) -> impl IntoView {
    let i18n = use_i18n();
    let past = item.past_goal;
    view! {
        <tr class="to-contact__row" class:to-contact__row--late=past>
            <th scope="row"><A href=entry_path(item.youth_id)>{item.name}</A></th>
            <td>{item.registered_on.to_string()}</td>
            <td>
                {item.days_since_registration}
                {past.then(|| view! {
                    " " <span class="late-mark"><span aria-hidden="true">"⚠ "</span>{tr!(register.contacts.past_goal)}</span>
                })}
            </td>
            <td>{item.attempts}</td>
            <td>
                {move || item.suggested_next.map(|c| channel_label(c, i18n.get_locale()))}
            </td>
        </tr>
    }
}

/// The caller's worklist for today.
#[component]
fn WorklistToday() -> impl IntoView {
    let work = load(Api::current().register_worklist());
    view! {
        <section class="card" aria-labelledby="worklist-heading">
            <h2 id="worklist-heading">{tr!(register.contacts.worklist_heading)}</h2>
            <Loaded data=work let:work>
                <WorklistView work />
            </Loaded>
        </section>
    }
}

#[component]
fn WorklistView(work: Worklist) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let contacts = work
        .contacts_due
        .into_iter()
        .map(|due| {
            view! {
                <li class="worklist__item">
                    <A href=entry_path(due.youth_id)>{due.name}</A>
                    " "
                    <span class="plain-list__meta">
                        {move || {
                            td_string!(locale(), register.contacts.due_contact)
                                .replace("{date}", &due.next_contact_on.to_string())
                                .replace("{channel}", channel_label(due.last_channel, locale()))
                                .replace("{outcome}", outcome_label(due.last_outcome, locale()))
                        }}
                    </span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let follow_ups = work
        .follow_ups_due
        .into_iter()
        .map(|due| {
            let code = due.code.clone();
            view! {
                <li class="worklist__item">
                    <A href=format!("{}/plan", entry_path(due.youth_id))>{due.name}</A>
                    " "
                    <span class="plain-list__meta">
                        {move || {
                            td_string!(locale(), register.contacts.due_follow_up)
                                .replace("{code}", &code)
                                .replace("{date}", &due.next_follow_up.to_string())
                        }}
                    </span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h3>{tr!(register.contacts.contacts_due)}</h3>
        {if contacts.is_empty() {
            view! { <p class="empty">{tr!(register.contacts.contacts_due_empty)}</p> }.into_any()
        } else {
            view! { <ul class="plain-list worklist">{contacts}</ul> }.into_any()
        }}
        <h3>{tr!(register.contacts.follow_ups_due)}</h3>
        {if follow_ups.is_empty() {
            view! { <p class="empty">{tr!(register.contacts.follow_ups_due_empty)}</p> }.into_any()
        } else {
            view! { <ul class="plain-list worklist">{follow_ups}</ul> }.into_any()
        }}
    }
}
