//! The young person's home (`/home`, where they land after signing in): what
//! comes next with "can't come" (the schedule's) or move and cancel (the
//! booking's) right there, what today holds, what to rate, staff's new
//! answers, their next step, and their contact person. One read,
//! `GET /api/me/home`.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::home::{ContactPerson, HomeEntry, NextStep, YouthHome};

use crate::api::Api;
use crate::components::card::{Card, ListCard};
use crate::components::data::{Loaded, load, reload};
use crate::format::{day_label, profession_label};
use crate::forms::focus_later;
use crate::i18n::*;
use crate::pages::application::texts::Text;
use crate::pages::booking::time_range;
use crate::pages::booking::youth::Upcoming;
use crate::pages::schedule::youth::{AnswerList, Item, RatePrompt};

const NOTICE: &str = "home-notice";

/// The young person's home, read once (and again after a move or cancel).
#[component]
pub fn YouthHomeContent() -> impl IntoView {
    let home = load(Api::current().my_home());
    let i18n = use_i18n();
    let notice = RwSignal::new(None::<&'static str>);
    let refresh = Callback::new(move |said: fn(Locale) -> &'static str| {
        notice.set(Some(said(i18n.get_locale_untracked())));
        reload(home, Api::current().my_home());
        focus_later(NOTICE.into());
    });
    view! {
        <p id=NOTICE class="status" role="status" tabindex="-1">{move || notice.get()}</p>
        <Loaded data=home let:home>
            <Next home=home.clone() refresh />
            <Today home=home.clone() />
            <RatePrompt open=home.to_rate.clone() />
            <AnswerList list=home.answers.clone() />
            <Step home=home.clone() />
            <Contact person=home.contact_person.clone() />
        </Loaded>
    }
}

/// "Next": the entry with its day, and what can be done about it.
#[component]
fn Next(home: YouthHome, refresh: Callback<fn(Locale) -> &'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let body = match home.next {
        None => view! {
            <p class="empty">{tr!(home.youth.next_empty)}</p>
            <p><A href="/booking">{tr!(booking.area_link)}</A></p>
        }
        .into_any(),
        Some(HomeEntry::Activity(item)) => {
            let date = item.date;
            view! {
                <p class="home-next__day">{move || day_label(date, i18n.get_locale())}</p>
                <ul class="youth-list">
                    <Item item offline=false />
                </ul>
            }
            .into_any()
        }
        Some(HomeEntry::Booking(booking)) => view! {
            <ul class="youth-list">
                <Upcoming booking refresh />
            </ul>
        }
        .into_any(),
    };
    view! {
        <section class="card home-next" aria-labelledby="home-next">
            <h2 id="home-next">{tr!(home.youth.next_heading)}</h2>
            {body}
        </section>
    }
}

/// Today's activities and sessions, one line each, with the way to the whole day.
#[component]
fn Today(home: YouthHome) -> impl IntoView {
    let lines = home
        .today_entries
        .into_iter()
        .map(|entry| match entry {
            HomeEntry::Activity(item) => {
                let cancelled =
                    item.status == lotsen_api::schedule::OccurrenceStatus::Cancelled;
                let absent = item.absence.is_some();
                view! {
                    <li>
                        <span class="plain-list__name">{format!("{}–{} {}", item.start, item.end, item.title)}</span>
                        {cancelled.then(|| view! { " " <span class="badge">{tr!(schedule.cancelled)}</span> })}
                        {(absent && !cancelled).then(|| view! { " " <span class="plain-list__meta">{tr!(home.youth.not_coming)}</span> })}
                    </li>
                }
                .into_any()
            }
            HomeEntry::Booking(b) => view! {
                <li>
                    <span class="plain-list__name">
                        {format!("{} {}", time_range(&b.starts_at, &b.ends_at), b.session_type_name)}
                    </span>
                    " "
                    <span class="plain-list__meta">{b.staff_name}</span>
                </li>
            }
            .into_any(),
        })
        .collect::<Vec<_>>();
    view! {
        <ListCard
            id="home-today"
            heading=label!(home.youth.today_heading)
            class="plain-list"
            empty=label!(home.youth.today_empty)
            items=lines
        >
            <p><A href="/schedule">{tr!(home.youth.schedule_link)}</A></p>
        </ListCard>
    }
}

/// What the step asks of the young person, in plain words.
fn step_text(step: NextStep) -> Text {
    match step {
        NextStep::SignApplication => |l| td_string!(l, home.youth.step_sign),
        NextStep::WaitForGuardians => |l| td_string!(l, home.youth.step_guardians),
        NextStep::WaitForTeam => |l| td_string!(l, home.youth.step_team),
        NextStep::FirstMeeting => |l| td_string!(l, home.youth.step_meeting),
        NextStep::AnswerPlan => |l| td_string!(l, home.youth.step_answer_plan),
        NextStep::FollowPlan => |l| td_string!(l, home.youth.step_follow_plan),
        NextStep::TalkToUs => |l| td_string!(l, home.youth.step_talk),
    }
}

/// Where the step is taken: the plan, or the application (to sign or to see).
fn step_link(step: NextStep, application: Option<i64>) -> Option<(String, Text)> {
    match step {
        NextStep::AnswerPlan | NextStep::FollowPlan => {
            Some(("/plan".into(), |l| td_string!(l, home.youth.see_plan)))
        }
        NextStep::SignApplication => application.map(|id| -> (String, Text) {
            (format!("/applications/{id}"), |l| {
                td_string!(l, home.youth.read_and_sign)
            })
        }),
        _ => application.map(|id| -> (String, Text) {
            (format!("/applications/{id}"), |l| {
                td_string!(l, home.youth.see_application)
            })
        }),
    }
}

/// Where the application or plan stands, and the next step.
#[component]
fn Step(home: YouthHome) -> impl IntoView {
    let step = home.next_step?;
    let running = home.plan.as_ref().map_or(0, |p| p.running_measures);
    let link = step_link(step, home.application.map(|a| a.id));
    Some(view! {
        <Card id="home-step" heading=label!(home.youth.step_heading)>
            <p>{crate::text::text(step_text(step))}</p>
            {(step == NextStep::FollowPlan && running > 0).then(|| view! {
                <p class="note">{tr!(home.youth.measures_running)} " " {running}</p>
            })}
            {link.map(|(href, label)| view! { <p><A href=href>{crate::text::text(label)}</A></p> })}
        </Card>
    })
}

/// The contact person: name, role, today's hours, and a call or an SMS.
#[component]
fn Contact(person: Option<ContactPerson>) -> impl IntoView {
    let i18n = use_i18n();
    let body = match person {
        None => view! { <p class="empty">{tr!(home.youth.contact_none)}</p> }.into_any(),
        Some(p) => {
            let profession = p.profession;
            let hours = p
                .hours_today
                .iter()
                .map(|h| format!("{}–{}", h.start, h.end))
                .collect::<Vec<_>>()
                .join(", ");
            let when = if p.away_today {
                view! { <p>{tr!(home.youth.away_today)}</p> }.into_any()
            } else if hours.is_empty() {
                view! { <p>{tr!(home.youth.no_hours_today)}</p> }.into_any()
            } else {
                view! { <p>{tr!(home.youth.in_today)} " " {hours}</p> }.into_any()
            };
            let reach = match p.phone {
                Some(phone) => view! {
                    <div class="actions">
                        <a class="button button--secondary" href=format!("tel:{phone}")>{tr!(home.youth.call)}</a>
                        <a class="button button--secondary" href=format!("sms:{phone}")>{tr!(home.youth.sms)}</a>
                    </div>
                }
                .into_any(),
                None => view! { <p class="note">{tr!(home.youth.no_phone)}</p> }.into_any(),
            };
            view! {
                <p class="plain-list__name">{p.name}</p>
                <p class="plain-list__meta home-role">{move || profession_label(profession, i18n.get_locale())}</p>
                {when}
                {reach}
            }
            .into_any()
        }
    };
    view! {
        <Card id="home-contact" heading=label!(home.youth.contact_heading)>
            {body}
        </Card>
    }
}
