//! The young people a staff member can see: a list on phones, a sortable
//! table from 1024 px wide (both drawn; `style/desk.css` shows one).

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::people::YouthSummary;

use crate::api::Api;
use crate::components::area_style::{DESK_STYLESHEET, WithStylesheet};
use crate::components::data::{LoadedList, load};
use crate::components::shell::PageShell;
use crate::components::table::{Sort, SortKey, Table, sort_rows};
use crate::i18n::*;
use crate::pages::application::texts;
use crate::session::Access;

/// The list of young people, each a link to their record, and the way to register a new one.
#[component]
pub fn YouthList() -> impl IntoView {
    view! {
        <PageShell title=label!(youth_list.title) access=Access::Staff heading=label!(youth_list.heading) class="page page--wide page--desk">
            <WithStylesheet href=DESK_STYLESHEET>
                <YouthListContent />
            </WithStylesheet>
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
                <ul class="youth-list phone-only" aria-label=move || t_string!(i18n, youth_list.list_label)>
                    {list.clone().into_iter().map(|y| view! { <YouthItem youth=y /> }).collect_view()}
                </ul>
                <div class="desk-only">
                    <YouthTable list />
                </div>
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

/// What the table sorts column `column` by (the status by its words in `locale`).
fn youth_key(y: &YouthSummary, column: usize, locale: Locale) -> SortKey {
    match column {
        0 => SortKey::text(&y.name),
        1 => SortKey::Number(i64::from(y.age)),
        2 => SortKey::or_missing(y.contact_person.as_ref(), |c| SortKey::text(&c.name)),
        3 => SortKey::or_missing(y.application_status, |s| {
            SortKey::text(texts::status(s)(locale))
        }),
        _ => SortKey::or_missing(y.last_contact_on, |d| SortKey::text(&d.to_string())),
    }
}

/// The young people as a table with the columns staff scan, sortable.
#[component]
fn YouthTable(list: Vec<YouthSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let sort = RwSignal::new(Sort::by(0));
    let rows = move || {
        let locale = i18n.get_locale();
        let mut list = list.clone();
        sort_rows(&mut list, sort.get(), |y, column| {
            youth_key(y, column, locale)
        });
        list.into_iter()
            .map(|y| {
                let href = format!("/staff/youth/{}", y.id);
                let status = y.application_status.map_or_else(
                    || td_string!(locale, desk.no_application),
                    |s| texts::status(s)(locale),
                );
                view! {
                    <tr>
                        <td><A href=href>{y.name}</A></td>
                        <td>{y.age}</td>
                        <td>{y.contact_person.map(|c| c.name)}</td>
                        <td>{status}</td>
                        <td>{y.last_contact_on.map(|d| d.to_string())}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <Table
            id="youth-table-caption"
            caption=label!(youth_list.list_label)
            heads=vec![
                label!(desk.col_name),
                label!(desk.col_age),
                label!(desk.col_contact_person),
                label!(desk.col_status),
                label!(desk.col_last_contact),
            ]
            sort
        >
            {rows}
        </Table>
    }
}
