//! Staff's today (`/staff/today`, where staff land after signing in): their
//! bookings of the day, "can't come" for today's activities, applications
//! waiting for the team meeting, contacts and follow-ups due, and feedback to
//! answer; each a count with a link into the work. One read,
//! `GET /api/staff/today`.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::desk::StaffToday;

use crate::api::Api;
use crate::components::area_style::{DESK_STYLESHEET, WithStylesheet};
use crate::components::card::Card;
use crate::components::data::{Loaded, load};
use crate::components::shell::PageShell;
use crate::format::{date, day_label};
use crate::i18n::*;
use crate::pages::booking::time_range;
use crate::session::Access;

/// The page: the day's parts, side by side on a desk's screen.
#[component]
pub fn StaffTodayPage() -> impl IntoView {
    view! {
        <PageShell title=label!(desk.title) access=Access::Staff heading=label!(desk.heading) class="page page--wide page--desk">
            <WithStylesheet href=DESK_STYLESHEET>
                <TodayContent />
            </WithStylesheet>
        </PageShell>
    }
}

#[component]
fn TodayContent() -> impl IntoView {
    let today = load(Api::current().staff_today());
    view! {
        <Loaded data=today let:t>
            <TodayParts t />
        </Loaded>
    }
}

/// A part's count: its name and the number (`data-count` names it for tests).
#[component]
fn Count(name: &'static str, label: Signal<&'static str>, n: i64) -> impl IntoView {
    view! {
        <p class="today__count">
            <span class="today__number" data-count=name>{n}</span>
            " "
            <span>{label}</span>
        </p>
    }
}

/// A part of the day: a card with its heading, counts and lists, and the
/// link into its work (`data-link` names it for tests).
#[component]
fn Part(
    id: &'static str,
    heading: Signal<&'static str>,
    href: String,
    link: Signal<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <Card id heading class="card today__part">
            {children()}
            <p class="actions">
                <A href=href attr:class="button button--secondary" attr:data-link=id.trim_start_matches("today-")>
                    {link}
                </A>
            </p>
        </Card>
    }
}

#[component]
fn TodayParts(t: StaffToday) -> impl IntoView {
    let i18n = use_i18n();
    let day = t.today;
    let booked = (t.bookings.len() + t.group_sessions.len()) as i64;
    let bookings = t
        .bookings
        .into_iter()
        .map(|b| {
            view! {
                <li>
                    <span class="today__time">{time_range(&b.starts_at, &b.ends_at)}</span>
                    " "
                    <strong>{b.youth_name}</strong>
                    " · "
                    {b.session_type_name}
                    {b.note.map(|n| view! { <span class="today__note prewrap">{tr!(desk.note)} " " {n}</span> })}
                </li>
            }
        })
        .collect_view();
    let groups = t
        .group_sessions
        .into_iter()
        .map(|g| view! { <li><span class="today__time">{time_range(&g.starts_at, &g.ends_at)}</span> " " {tr!(desk.group_session)}</li> })
        .collect_view();
    let absent = t.absences.len() as i64;
    let absences = t
        .absences
        .into_iter()
        .map(|a| {
            view! {
                <li>
                    <strong>{a.youth_name}</strong>
                    " · "
                    <A href=format!("/schedule/activities/{}", a.activity_id)>{a.activity_title}</A>
                    {a.reason.map(|r| view! { <span class="today__note">{tr!(desk.absence_reason)} " " {r}</span> })}
                </li>
            }
        })
        .collect_view();
    let waiting = t.applications.count;
    let oldest = t.applications.oldest_submitted_at;
    let to_contact = t.to_contact;
    let unanswered = t.feedback.len() as i64;
    let feedback = t
        .feedback
        .into_iter()
        .map(|f| {
            let on = f.last_rated_on;
            view! {
                <li>
                    {f.title}
                    " · "
                    {tr!(desk.last_rated)}
                    " "
                    {move || day_label(on, i18n.get_locale())}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="lead">{move || day_label(day, i18n.get_locale())}</p>
        <div class="today">
            <Part id="today-bookings" heading=label!(desk.bookings_heading) href=format!("/booking/staff/day/{day}") link=label!(desk.bookings_link)>
                <Count name="bookings" label=label!(desk.bookings_count) n=booked />
                <ul class="today__list">{bookings}{groups}</ul>
                <p><A href=format!("/booking/staff/week/{day}")>{tr!(desk.week_link)}</A></p>
            </Part>
            <Part id="today-absences" heading=label!(desk.absences_heading) href="/schedule/activities".into() link=label!(schedule.staff_link)>
                <Count name="absences" label=label!(desk.absences_count) n=absent />
                <ul class="today__list">{absences}</ul>
            </Part>
            <Part id="today-applications" heading=label!(desk.applications_heading) href="/applications/to-decide".into() link=label!(desk.applications_link)>
                <Count name="applications" label=label!(desk.applications_count) n=waiting />
                {oldest.map(|at| view! {
                    <p>{tr!(desk.applications_oldest)} " " {move || date(&at, i18n.get_locale())}</p>
                })}
            </Part>
            <Part id="today-contacts" heading=label!(desk.contacts_heading) href="/register".into() link=label!(desk.contacts_link)>
                <Count name="contacts" label=label!(desk.contacts_due) n=t.contacts_due />
                <Count name="follow-ups" label=label!(desk.follow_ups_due) n=t.follow_ups_due />
                {to_contact.map(|n| view! { <Count name="to-contact" label=label!(desk.to_contact) n /> })}
            </Part>
            <Part id="today-feedback" heading=label!(desk.feedback_heading) href="/feedback".into() link=label!(desk.feedback_link)>
                <Count name="feedback" label=label!(desk.feedback_count) n=unanswered />
                <ul class="today__list">{feedback}</ul>
            </Part>
        </div>
    }
}
