//! The register's plans part (`lotsen_api::register::plans`).
//! A young person's individual plan (staff): the mapping conversation in their
//! own words, the goal, the measures (add, end, change: [`measures`]),
//! revising it (a new version; earlier ones kept and readable as they were)
//! and the young person's answer to each version.

pub mod measures;

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::register::plans::{
    MeasureCode, Plan, PlanResponse, PlanText, PlanVersion, PlanVersionSummary,
};

use crate::api::Api;
use crate::components::data::{Data, load, not_yet, reload};
use crate::components::field::{FormAlert, TextArea, TextField};
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::forms::focus_soon;
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::Access;
use crate::validation::today;

/// The id of the page's status message, where focus goes after a change.
const STATUS: &str = "plan-status";

/// What the page says after a change, and where the plan is re-read.
#[derive(Clone, Copy)]
pub struct Changed {
    status: RwSignal<Option<&'static str>>,
    plan: Data<Plan>,
    id: i64,
}

impl Changed {
    /// Reads the plan again and says `what` happened.
    fn done(self, what: &'static str) {
        reload(self.plan, Api::current().register_plan(self.id));
        self.status.set(Some(what));
        focus_soon(STATUS);
    }
}

/// `/register/people/{id}/plan`.
#[component]
pub fn PlanPage(id: i64) -> impl IntoView {
    view! {
        <PageShell title=label!(register.plan.title) access=Access::Staff heading=label!(register.plan.heading) class="page page--wide register-plan">
            <PlanContent id />
        </PageShell>
    }
}

#[component]
fn PlanContent(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let plan = load(Api::current().register_plan(id));
    let codes = load(Api::current().measure_codes());
    let changed = Changed {
        status: RwSignal::new(None),
        plan,
        id,
    };
    view! {
        <p class="breadcrumb">
            <A href=super::entry_path(id)>{tr!(register.plan.back)}</A>
        </p>
        <p class="status" role="status" id=STATUS tabindex="-1">
            {move || changed.status.get().map(|key| texts(key, i18n.get_locale()))}
        </p>
        {move || match plan.get() {
            Some(Ok(plan)) => view! { <PlanView plan codes changed /> }.into_any(),
            state => not_yet(state),
        }}
    }
}

/// The status messages, by a short name.
fn texts(key: &str, locale: Locale) -> &'static str {
    match key {
        "revised" => td_string!(locale, register.plan.revised),
        "added" => td_string!(locale, register.plan.measure_added),
        _ => td_string!(locale, register.plan.measure_saved),
    }
}

#[component]
fn PlanView(plan: Plan, codes: Data<Vec<MeasureCode>>, changed: Changed) -> impl IntoView {
    let i18n = use_i18n();
    let text = plan.current.as_ref().map(|c| c.text.clone());
    let number = plan.current.as_ref().map(|c| c.version);
    view! {
        <section class="card" aria-labelledby="plan-current">
            <h2 id="plan-current">
                {move || match number {
                    Some(n) => format!("{} {n}", t_string!(i18n, register.plan.current_heading)),
                    None => t_string!(i18n, register.plan.none_heading).to_string(),
                }}
            </h2>
            {match plan.current {
                Some(current) => view! { <VersionText version=current /> }.into_any(),
                None => view! { <p class="empty">{tr!(register.plan.none)}</p> }.into_any(),
            }}
        </section>
        <measures::Measures measures=plan.measures codes changed />
        <ReviseForm text changed />
        <Earlier id=changed.id earlier=plan.earlier />
    }
}

/// A version's texts, who made it, and the young person's answer.
#[component]
fn VersionText(version: PlanVersion) -> impl IntoView {
    let i18n = use_i18n();
    let PlanVersion {
        text,
        created_at,
        created_by,
        response,
        ..
    } = version;
    let conversation = text.conversation_on.map(|d| d.to_string());
    view! {
        <dl class="details">
            <div class="details__row">
                <dt>{tr!(register.plan.conversation_on)}</dt>
                <dd>{crate::text::value_or(conversation, |l| td_string!(l, register.plan.no_conversation))}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(register.plan.own_words)}</dt>
                <dd class="prewrap">{text.own_words}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(register.plan.goal)}</dt>
                <dd class="prewrap">{text.goal}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(register.plan.made)}</dt>
                <dd>{move || crate::format::date_time(&created_at, i18n.get_locale())} ", " {created_by.name}</dd>
            </div>
            <div class="details__row">
                <dt>{tr!(register.plan.answer)}</dt>
                <dd><Answer response /></dd>
            </div>
        </dl>
    }
}

/// The young person's answer to a version: agreed on a date, their comment.
#[component]
fn Answer(response: Option<PlanResponse>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(response) = response else {
        return view! { <span class="note">{tr!(register.plan.no_answer)}</span> }.into_any();
    };
    let agreed = response.agreed_at.map(|at| {
        view! {
            <p class="register-plan__agreed">
                {tr!(register.plan.agreed_on)} " "
                {move || crate::format::date(&at, i18n.get_locale())}
            </p>
        }
    });
    let comment = response.comment.map(|comment| {
        view! {
            <p>{tr!(register.plan.comment)} ": " <span class="prewrap">{comment}</span></p>
        }
    });
    view! { {agreed} {comment} }.into_any()
}

const REVISE: &str = "plan-revise";
const REVISE_FIELDS: [&str; 3] = ["conversation_on", "own_words", "goal"];

/// Makes the plan, or revises it: a new version, the earlier ones kept.
#[component]
fn ReviseForm(text: Option<PlanText>, changed: Changed) -> impl IntoView {
    let i18n = use_i18n();
    let first = text.is_none();
    let text = text.unwrap_or(PlanText {
        conversation_on: None,
        own_words: String::new(),
        goal: String::new(),
    });
    let conversation = RwSignal::new(
        text.conversation_on
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let own_words = RwSignal::new(text.own_words);
    let goal = RwSignal::new(text.goal);
    let form = Form::new(REVISE, &REVISE_FIELDS);
    // The reminder not to document sensitive details: the text under the
    // key the server's read names (`SENSITIVE_REMINDER_KEY`).
    let reminder = label!(register.plan_sensitive_reminder);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let (conversation_on, date_problem) = optional_date(&conversation.get_untracked());
        let request = PlanText {
            conversation_on,
            own_words: own_words.get_untracked(),
            goal: goal.get_untracked(),
        };
        let mut problems = request.validate(today()).err().unwrap_or_default();
        problems.extend(date_problem.map(|code| ("conversation_on", code)));
        if !check(form, locale, problems) {
            return;
        }
        form.submit(
            Api::current().revise_register_plan(changed.id, request),
            move |_| changed.done("revised"),
        );
    };
    view! {
        <section class="card" aria-labelledby="plan-revise-heading">
            <h2 id="plan-revise-heading">{tr_if!(first, register.plan.make_heading, register.plan.revise_heading)}</h2>
            <p class="field__hint">{tr!(register.plan.versions_kept)}</p>
            <form class="form" novalidate on:submit=submit aria-labelledby="plan-revise-heading" aria-busy=form.aria_busy()>
                <FormAlert message=form.summary() />
                <TextField form name="conversation_on" label=label!(register.plan.conversation_on) value=conversation input_type="date" />
                <TextArea form name="own_words" label=label!(register.plan.own_words) hint=reminder value=own_words rows=5 />
                <TextArea form name="goal" label=label!(register.plan.goal) hint=reminder value=goal rows=3 />
                <button type="submit" class="button">{tr_if!(first, register.plan.make, register.plan.revise)}</button>
            </form>
        </section>
    }
}

/// A date field's value: none when empty, else the date or `outcome_date`.
pub fn optional_date(input: &str) -> (Option<lotsen_api::Date>, Option<&'static str>) {
    let input = input.trim();
    if input.is_empty() {
        return (None, None);
    }
    match lotsen_api::date::parse_iso(input) {
        Some(date) => (Some(date), None),
        None => (None, Some("outcome_date")),
    }
}

/// Shows the problems the checks found, by their codes; true when there are none.
pub(crate) fn check(
    form: Form,
    locale: Locale,
    problems: Vec<(&'static str, &'static str)>,
) -> bool {
    let list = problems
        .into_iter()
        .map(|(field, code)| (field, error_message(locale, code).to_string()))
        .collect();
    form.check(locale, list)
}

/// The earlier versions, newest first; one can be opened to read it as it was.
#[component]
fn Earlier(id: i64, earlier: Vec<PlanVersionSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(None::<Data<PlanVersion>>);
    if earlier.is_empty() {
        return ().into_any();
    }
    let items = earlier
        .into_iter()
        .map(|v| {
            let n = v.version;
            let at = v.created_at.clone();
            view! {
                <li>
                    <span class="plain-list__name">{tr!(register.plan.version)} " " {n}</span>
                    " "
                    <span class="plain-list__meta">
                        {move || crate::format::date_time(&at, i18n.get_locale())} ", " {v.created_by.name.clone()}
                        {v.agreed.then(|| view! { ", " {tr!(register.plan.agreed)} })}
                        {v.commented.then(|| view! { ", " {tr!(register.plan.commented)} })}
                    </span>
                    " "
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| {
                            open.set(Some(load(Api::current().register_plan_version(id, n))));
                        }
                    >
                        {tr!(register.plan.open_version)} " " {n}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="plan-earlier">
            <h2 id="plan-earlier">{tr!(register.plan.earlier_heading)}</h2>
            <ul class="plain-list">{items}</ul>
            {move || open.get().map(|data| view! { <OpenVersion data /> })}
        </section>
    }
    .into_any()
}

/// An earlier version as it was made, with its measures as they stood.
#[component]
fn OpenVersion(data: Data<PlanVersion>) -> impl IntoView {
    let i18n = use_i18n();
    move || match data.get() {
        Some(Ok(version)) => {
            let n = version.version;
            let list = version.measures.clone();
            focus_soon("plan-version-heading");
            view! {
                <div class="register-plan__version">
                    <h3 id="plan-version-heading" tabindex="-1">
                        {move || format!("{} {n}", t_string!(i18n, register.plan.version_as_made))}
                    </h3>
                    <VersionText version />
                    <measures::MeasureTable id="version-measures-caption" list editable=None />
                </div>
            }
            .into_any()
        }
        state => not_yet(state),
    }
}
