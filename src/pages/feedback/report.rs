//! The staff's feedback view: a term's ratings per activity and per leader,
//! the CSV export, and "you said, we did" answers.

use leptos::prelude::*;

use leptos_router::components::A;
use lotsen_api::feedback::{
    AnswerRequest, FeedbackAnswer, FeedbackGroup, GroupKind, MIN_GROUP, Summary,
};

use super::rate::{face, score_label};
use crate::api::Api;
use crate::components::data::{Loaded, load, reload};
use crate::components::field::FormAlert;
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::i18n::*;
use crate::session::Access;

/// "Hösten 2026" / "Autumn 2026" for `2026-autumn`.
pub fn term_label(term: &str, locale: Locale) -> String {
    let (year, half) = term.split_once('-').unwrap_or((term, ""));
    let half = if half == "autumn" {
        td_string!(locale, feedback.autumn)
    } else {
        td_string!(locale, feedback.spring)
    };
    format!("{half} {year}")
}

/// "2026-W47" or "2026-W46 – 2026-W47" as "v. 47" / "v. 46–47".
pub fn weeks_label(first: &str, last: &str, locale: Locale) -> String {
    let week = |s: &str| {
        s.rsplit('W')
            .next()
            .unwrap_or(s)
            .trim_start_matches('0')
            .to_string()
    };
    let prefix = td_string!(locale, feedback.week_short);
    if first == last {
        format!("{prefix} {}", week(first))
    } else {
        format!("{prefix} {}–{}", week(first), week(last))
    }
}

/// The feedback view (staff).
#[component]
pub fn ReportPage() -> impl IntoView {
    view! {
        <PageShell title=label!(feedback.report_title) access=Access::Staff>
            <ReportContent />
        </PageShell>
    }
}

#[component]
fn ReportContent() -> impl IntoView {
    let i18n = use_i18n();
    // The current term first; another when the person chooses one.
    let report = load(Api::current().feedback_report(""));
    view! {
        <div class="page">
            <p class="breadcrumb"><A href="/schedule/activities">{tr!(feedback.back_to_activities)}</A></p>
            <h1>{tr!(feedback.report_title)}</h1>
            <p class="lead">{tr!(feedback.report_lead)}</p>
            <Loaded data=report let:r>
                {
                    let current = r.term.clone();
                    let terms = r.terms.clone();
                    let csv = format!("/api/feedback/export.csv?term={}", r.term);
                    let (activities, sessions): (Vec<FeedbackGroup>, Vec<FeedbackGroup>) =
                        r.groups.into_iter().partition(|g| g.kind == GroupKind::Activity);
                    view! {
                        <div class="field">
                            <label class="field__label" for="feedback-term">{tr!(feedback.term)}</label>
                            <select
                                class="field__input"
                                id="feedback-term"
                                on:change=move |ev| {
                                    report.set(None);
                                    reload(report, Api::current().feedback_report(event_target_value(&ev)));
                                }
                            >
                                {terms.into_iter().map(|t| {
                                    let selected = t == current;
                                    let label = t.clone();
                                    view! { <option value=t selected=selected>{move || term_label(&label, i18n.get_locale())}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <p><a href=csv download="">{tr!(feedback.export)}</a></p>
                        <h2>{tr!(feedback.per_activity)}</h2>
                        {if activities.is_empty() {
                            view! { <p class="empty">{tr!(feedback.no_activities)}</p> }.into_any()
                        } else {
                            activities.into_iter().map(|g| view! { <Group group=g /> }).collect_view().into_any()
                        }}
                        {(!sessions.is_empty()).then(|| view! {
                            <h2>{tr!(feedback.per_session)}</h2>
                            {sessions.into_iter().map(|g| view! { <Group group=g /> }).collect_view()}
                        })}
                        <h2>{tr!(feedback.per_leader)}</h2>
                        {r.leaders.into_iter().map(|l| {
                            let heading = format!("leader-{}", l.leader.id);
                            let figures = heading.clone();
                            let labelled_by = heading.clone();
                            view! {
                                <section class="card" aria-labelledby=labelled_by>
                                    <h3 id=heading>{l.leader.name.clone()}</h3>
                                    <Figures summary=l.summary id=figures />
                                </section>
                            }
                        }).collect_view()}
                    }
                }
            </Loaded>
        </div>
    }
}

/// One activity's (or session's) card.
#[component]
fn Group(group: FeedbackGroup) -> impl IntoView {
    let heading = format!("group-{:?}-{}", group.kind, group.id).to_lowercase();
    let answers = RwSignal::new(group.answers.clone());
    let is_activity = group.kind == GroupKind::Activity;
    let id = group.id;
    view! {
        <section class="card" aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{group.title.clone()}</h3>
            {group.leader.clone().map(|l| view! { <p class="note">{tr!(feedback.leader)} ": " {l.name}</p> })}
            <Figures summary=group.summary.clone() id=heading.clone() />
            {is_activity.then(|| view! { <Answers activity=id answers /> })}
        </section>
    }
}

/// The figures of a group, or that there are too few to show.
#[component]
fn Figures(summary: Option<Summary>, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let Some(s) = summary else {
        return view! {
            <p class="note">{tr!(feedback.too_few)} " " {move || t_string!(i18n, feedback.too_few_why).replace("{n}", &MIN_GROUP.to_string())}</p>
        }
        .into_any();
    };
    let count = s.count;
    let average = s.average;
    let dist_caption = format!("{id}-distribution");
    let trend_caption = format!("{id}-trend");
    view! {
        <p>
            <strong>{move || format!("{count} {}", t_string!(i18n, feedback.ratings))}</strong>
            ", " {tr!(feedback.average)} " " {format!("{average:.1}")} " / 5"
        </p>
        <table class="table">
            <caption id=dist_caption>{tr!(feedback.distribution)}</caption>
            <thead><tr><th scope="col">{tr!(feedback.answer)}</th><th scope="col">{tr!(feedback.count)}</th></tr></thead>
            <tbody>
                {s.distribution.iter().enumerate().rev().map(|(i, n)| {
                    let score = i as u8 + 1;
                    view! {
                        <tr>
                            <th scope="row"><span aria-hidden="true">{face(score)} " "</span>{move || score_label(score, i18n.get_locale())}</th>
                            <td>{*n}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <table class="table">
            <caption id=trend_caption>{tr!(feedback.trend)}</caption>
            <thead><tr><th scope="col">{tr!(feedback.weeks)}</th><th scope="col">{tr!(feedback.count)}</th><th scope="col">{tr!(feedback.average)}</th></tr></thead>
            <tbody>
                {s.trend.into_iter().map(|p| view! {
                    <tr>
                        <th scope="row">{move || weeks_label(&p.first_week, &p.last_week, i18n.get_locale())}</th>
                        <td>{p.count}</td>
                        <td>{format!("{:.1}", p.average)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <h4>{tr!(feedback.comments)}</h4>
        {if s.comments.is_empty() {
            view! { <p class="empty">{tr!(feedback.no_comments)}</p> }.into_any()
        } else {
            view! {
                <ul class="comments">
                    {s.comments.into_iter().map(|c| view! {
                        <li>
                            <span class="note">{move || weeks_label(&c.first_week, &c.last_week, i18n.get_locale())} ": "</span>
                            <span class="prewrap">{c.text.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
    .into_any()
}

/// "You said, we did": the answers so far and a form for a new one.
#[component]
fn Answers(activity: i64, answers: RwSignal<Vec<FeedbackAnswer>>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let form = Form::new("answer", &[]);
    let done = RwSignal::new(false);
    let field = format!("answer-{activity}");
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        done.set(false);
        let request = AnswerRequest {
            text: text.get_untracked(),
        };
        form.submit(
            Api::current().answer_feedback(activity, request),
            move |a| {
                answers.update(|list| list.insert(0, a));
                text.set(String::new());
                done.set(true);
            },
        );
    };
    view! {
        <h4>{tr!(feedback.answers)}</h4>
        {move || {
            let list = answers.get();
            if list.is_empty() {
                view! { <p class="empty">{tr!(feedback.no_answers)}</p> }.into_any()
            } else {
                view! {
                    <ul class="comments">
                        {list.into_iter().map(|a| view! { <li><span class="note">{a.written_on.to_string()} ": "</span><span class="prewrap">{a.text}</span></li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
        <form class="form" novalidate on:submit=send aria-busy=form.aria_busy()>
            <div class="field">
                <label class="field__label" for=field.clone()>{tr!(feedback.new_answer)}</label>
                <textarea class="field__input" id=field.clone() maxlength="500" rows="2" bind:value=text></textarea>
            </div>
            <FormAlert message=form.summary() />
            <p class="status" role="status">{move || done.get().then(|| view! { {tr!(feedback.answer_saved)} })}</p>
            <button type="submit" class="button">{tr!(feedback.send_answer)}</button>
        </form>
    }
}
