//! The young people a staff member can see.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::people::YouthSummary;

use crate::api::Api;
use crate::components::data::{LoadedList, load};
use crate::components::shell::PageShell;
use crate::i18n::*;
use crate::session::Access;

/// The list of young people, each a link to their record, and the way to register a new one.
#[component]
pub fn YouthList() -> impl IntoView {
    view! {
        <PageShell title=label!(youth_list.title) access=Access::Staff heading=label!(youth_list.heading) class="page page--wide">
            <YouthListContent />
        </PageShell>
    }
}

#[component]
fn YouthListContent() -> impl IntoView {
    let i18n = use_i18n();
    let youth = load(Api::current().youth_list());
    view! {
            <p class="actions">
                <A href="/staff/youth/new" attr:class="button">
                    {tr!(youth_list.new_link)}
                </A>
                <A href="/applications/to-decide" attr:class="button button--secondary">
                    {tr!(nav.applications)}
                </A>
                <A href="/schedule/activities" attr:class="button button--secondary">
                    {tr!(schedule.staff_link)}
                </A>
                <A href="/staff/report" attr:class="button button--secondary">
                    {tr!(outcomes.report_link)}
                </A>
                <A href="/booking/staff" attr:class="button button--secondary">
                    {tr!(booking.staff_area_link)}
                </A>
            </p>
            <LoadedList data=youth empty=label!(youth_list.empty) let:list>
                <ul class="youth-list" aria-label=move || t_string!(i18n, youth_list.list_label)>
                    {list.into_iter().map(|y| view! { <YouthItem youth=y /> }).collect_view()}
                </ul>
            </LoadedList>
    }
}

/// One young person in the list.
#[component]
fn YouthItem(youth: YouthSummary) -> impl IntoView {
    let href = format!("/staff/youth/{}", youth.id);
    let age = youth.age;
    let contact = youth.contact_person.map(|c| c.name);
    view! {
        <li class="youth-list__item">
            <A href=href attr:class="youth-list__name">
                {youth.name}
            </A>
            <p class="youth-list__meta">
                <span>{age} " " {tr!(common.years)}</span>
                <span>
                    {tr_if!(contact.is_some(), youth_list.contact_person, youth_list.no_contact_person)}
                    " "
                    {contact}
                </span>
                {(!youth.has_account).then(|| view! { <span>{tr!(youth_list.no_account)}</span> })}
            </p>
            {youth
                .protected_identity
                .then(|| view! { <p class="badge">{tr!(common.protected_identity)}</p> })}
        </li>
    }
}
