//! The young person's own plan (`/plan`, on their phone): the current version
//! in plain words with its measures and who is responsible, "I agree" or a
//! comment, and what the register holds about them and why (the law allows
//! it even if they object: said plainly).

use leptos::prelude::*;

use crate::components::area_style::WithStylesheet;
use lotsen_api::register::people::{Details, MyRegister, Period};
use lotsen_api::register::plans::{MyMeasure, MyPlan, MyPlanVersion, PlanAnswer, PlanResponse};
use lotsen_api::register::{DeregistrationReason, RegistrationReason};

use crate::api::Api;
use crate::components::card::{Card, ListCard};
use crate::components::data::{Data, Loaded, load, reload};
use crate::components::field::{FormAlert, TextArea};
use crate::components::shell::PageShell;
use crate::components::submit::Form;
use crate::forms::focus_soon;
use crate::i18n::*;
use crate::session::Access;

/// A day in words: "1 december 2026" (read at noon UTC: the same day in
/// every time zone a phone may be set to).
pub fn day(date: lotsen_api::Date, locale: Locale) -> String {
    crate::format::date(&format!("{date}T12:00:00Z"), locale)
}

/// `/plan`: for a signed-in young person (others get the server's "not allowed").
#[component]
pub fn MyPlanPage() -> impl IntoView {
    view! {
        <WithStylesheet href=crate::pages::register::STYLESHEET>
            <PageShell title=label!(register.plan.mine_title) access=Access::SignedIn heading=label!(register.plan.mine_heading) class="page page--narrow my-plan">
                <MyPlanContent />
                <AboutMe />
            </PageShell>
        </WithStylesheet>
    }
}

const STATUS: &str = "my-plan-status";

#[component]
fn MyPlanContent() -> impl IntoView {
    let i18n = use_i18n();
    let plan = load(Api::current().my_register_plan());
    let thanks = RwSignal::new(false);
    // Why the answer was not taken (a newer version came meanwhile); kept
    // here, outside the plan shown, which is read again.
    let notice = RwSignal::new(None::<String>);
    view! {
        <p class="status" role="status" id=STATUS tabindex="-1">
            {move || thanks.get().then(|| t_string!(i18n, register.plan.mine_thanks))}
        </p>
        <FormAlert message=notice />
        <Loaded data=plan let:mine>
            {match mine.plan {
                Some(version) => view! { <Version version plan thanks notice /> }.into_any(),
                None => view! {
                    <Card id="my-plan-none" heading=label!(register.plan.mine_none_heading)>
                        <p>{tr!(register.plan.mine_none)}</p>
                    </Card>
                }
                .into_any(),
            }}
        </Loaded>
    }
}

/// The plan shown, and the answer to it.
#[component]
fn Version(
    version: MyPlanVersion,
    plan: Data<MyPlan>,
    thanks: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let conversation = version.text.conversation_on;
    let measures = version.measures;
    view! {
        <Card id="my-plan-goal" heading=label!(register.plan.mine_goal)>
            <p class="prewrap">{version.text.goal}</p>
            <h3>{tr!(register.plan.mine_own_words)}</h3>
            <p class="prewrap">{version.text.own_words}</p>
            {conversation.map(|on| view! {
                <p class="note">{tr!(register.plan.mine_talked)} " " {move || day(on, i18n.get_locale())}</p>
            })}
        </Card>
        <ListCard
            id="my-plan-measures"
            heading=label!(register.plan.mine_measures)
            class="plain-list my-plan__measures"
            empty=label!(register.plan.mine_no_measures)
            items=measures.into_iter().map(|measure| view! { <MeasureItem measure /> }.into_any()).collect()
        />
        <AnswerCard version=version.version response=version.response plan thanks notice />
    }
}

#[component]
fn MeasureItem(measure: MyMeasure) -> impl IntoView {
    let i18n = use_i18n();
    let dates = measure.dates;
    let when = move || {
        let locale = i18n.get_locale();
        match dates.planned_end {
            Some(end) => format!(
                "{} – {}",
                day(dates.planned_start, locale),
                day(end, locale)
            ),
            None => format!(
                "{} {}",
                t_string!(i18n, register.plan.mine_from),
                day(dates.planned_start, locale)
            ),
        }
    };
    view! {
        <li>
            <p class="plain-list__name">{measure.label}</p>
            <p>{tr!(register.plan.mine_who)} ": " {measure.who}</p>
            <p>{tr!(register.plan.mine_when)} ": " {when}</p>
            {dates.actual_end.map(|end| view! {
                <p>{tr!(register.plan.mine_ended)} " " {move || day(end, i18n.get_locale())}</p>
            })}
            {dates.next_follow_up.map(|next| view! {
                <p>{tr!(register.plan.mine_follow_up)} " " {move || day(next, i18n.get_locale())}</p>
            })}
        </li>
    }
}

const FORM: &str = "my-plan";

/// Their answer so far, "I agree", and a comment.
#[component]
fn AnswerCard(
    version: i64,
    response: Option<PlanResponse>,
    plan: Data<MyPlan>,
    thanks: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let agreed_at = response.as_ref().and_then(|r| r.agreed_at.clone());
    let agreed = agreed_at.is_some();
    let earlier_comment = response.and_then(|r| r.comment);
    let comment = RwSignal::new(earlier_comment.clone().unwrap_or_default());
    let form = Form::new(FORM, &["comment"]);
    // A new answer replaces the earlier one: send what stays along with what is new.
    let send = move |agree: bool, text: Option<String>| {
        thanks.set(false);
        notice.set(None);
        let answer = PlanAnswer {
            version,
            agree,
            comment: text,
        };
        form.submit_or(
            Api::current().answer_my_register_plan(answer),
            move |mine| {
                plan.set(Some(Ok(mine)));
                thanks.set(true);
                focus_soon(STATUS);
            },
            move |error| {
                // A newer version exists: say so, and show it.
                if error.status() != Some(409) {
                    return false;
                }
                crate::session::check_expired(error);
                notice.set(Some(error.message().to_string()));
                reload(plan, Api::current().my_register_plan());
                true
            },
        );
    };
    let kept_comment = earlier_comment.clone();
    let on_agree = move |_| send(true, kept_comment.clone());
    let on_comment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = comment.get_untracked();
        let missing = text.trim().is_empty();
        if !form.check_field(
            i18n.get_locale_untracked(),
            "comment",
            missing.then_some("required"),
        ) {
            return;
        }
        send(agreed, Some(text));
    };
    view! {
        <Card id="my-plan-answer" heading=label!(register.plan.mine_answer_heading)>
            <FormAlert message=form.summary() />
            {match agreed_at {
                Some(at) => view! {
                    <p class="my-plan__agreed">{tr!(register.plan.mine_agreed)} " " {move || crate::format::date(&at, i18n.get_locale())} "."</p>
                }
                .into_any(),
                None => view! {
                    <p>{tr!(register.plan.mine_agree_intro)}</p>
                    <button type="button" class="button" aria-busy=form.aria_busy() on:click=on_agree>
                        {tr!(register.plan.mine_agree)}
                    </button>
                }
                .into_any(),
            }}
            {earlier_comment.map(|c| view! {
                <p>{tr!(register.plan.mine_your_comment)} ": " <span class="prewrap">{c}</span></p>
            })}
            <form class="form" novalidate on:submit=on_comment aria-busy=form.aria_busy()>
                <TextArea form name="comment" label=label!(register.plan.mine_comment) hint=label!(register.plan.mine_comment_hint) value=comment rows=3 />
                <button type="submit" class="button button--secondary">{tr!(register.plan.mine_send_comment)}</button>
            </form>
        </Card>
    }
}

/// What the register holds about them, and why.
#[component]
fn AboutMe() -> impl IntoView {
    let about = load(Api::current().register_about_me());
    view! {
        <Card id="my-register" heading=label!(register.me.title)>
            <Loaded data=about let:about>
                <Register about />
            </Loaded>
        </Card>
    }
}

/// The explanation's texts, by the keys the server gives.
pub fn explanation(key: &str, locale: Locale) -> Option<&'static str> {
    Some(match key {
        "register.me.why" => td_string!(locale, register.me.why),
        "register.me.purpose" => td_string!(locale, register.me.purpose),
        "register.me.objection" => td_string!(locale, register.me.objection),
        "register.me.questions" => td_string!(locale, register.me.questions),
        _ => return None,
    })
}

#[component]
fn Register(about: MyRegister) -> impl IntoView {
    let i18n = use_i18n();
    let keys = about.explanation;
    let law = about.law;
    view! {
        {(!about.in_register).then(|| view! { <p>{tr!(register.me.not_in_register)}</p> })}
        {move || {
            let locale = i18n.get_locale();
            keys.iter().filter_map(|k| explanation(k, locale)).map(|text| view! { <p>{text}</p> }).collect_view()
        }}
        <p class="note">{tr!(register.plan.mine_law)} ": " {law}</p>
        {about.in_register.then(|| view! {
            <h3>{tr!(register.plan.mine_details)}</h3>
            <DetailList details=about.details />
            <h3>{tr!(register.me.periods)}</h3>
            <ul class="plain-list">
                {about.periods.into_iter().map(|period| view! { <PeriodItem period /> }).collect_view()}
            </ul>
        })}
    }
}

/// A detail's label and its value, if the register has one.
type Row = (fn(Locale) -> &'static str, Option<String>);

/// The details the register holds, those it has.
#[component]
fn DetailList(details: Details) -> impl IntoView {
    let address = [details.street, details.postal_code, details.city]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let rows: [Row; 7] = [
        (
            |l| td_string!(l, register.plan.mine_address),
            Some(address).filter(|a| !a.is_empty()),
        ),
        (|l| td_string!(l, register.plan.mine_phone), details.phone),
        (|l| td_string!(l, register.plan.mine_email), details.email),
        (
            |l| td_string!(l, register.plan.mine_school),
            details.last_school,
        ),
        (
            |l| td_string!(l, register.plan.mine_programme),
            details.last_programme,
        ),
        (
            |l| td_string!(l, register.plan.mine_left_on),
            details.left_on.map(|d| d.to_string()),
        ),
        (
            |l| td_string!(l, register.plan.mine_left_reason),
            details.left_reason,
        ),
    ];
    view! {
        <dl class="details">
            {rows
                .into_iter()
                .filter_map(|(label, value)| value.map(|value| view! {
                    <div class="details__row">
                        <dt>{crate::text::text(label)}</dt>
                        <dd>{value}</dd>
                    </div>
                }))
                .collect_view()}
        </dl>
    }
}

fn registration_reason(reason: RegistrationReason, locale: Locale) -> &'static str {
    match reason {
        RegistrationReason::DroppedOut => td_string!(locale, register.plan.mine_reg_dropped_out),
        RegistrationReason::LeavingCertificate => {
            td_string!(locale, register.plan.mine_reg_leaving_certificate)
        }
        RegistrationReason::NeverStarted => {
            td_string!(locale, register.plan.mine_reg_never_started)
        }
        RegistrationReason::MovedIn => td_string!(locale, register.plan.mine_reg_moved_in),
        RegistrationReason::SchoolNotice => {
            td_string!(locale, register.plan.mine_reg_school_notice)
        }
        RegistrationReason::Other => td_string!(locale, register.plan.mine_reg_other),
    }
}

fn deregistration_reason(reason: DeregistrationReason, locale: Locale) -> &'static str {
    match reason {
        DeregistrationReason::Turned20 => td_string!(locale, register.plan.mine_dereg_turned_20),
        DeregistrationReason::StartedEducation => {
            td_string!(locale, register.plan.mine_dereg_started_education)
        }
        DeregistrationReason::CompletedEducation => {
            td_string!(locale, register.plan.mine_dereg_completed_education)
        }
        DeregistrationReason::MovedAway => td_string!(locale, register.plan.mine_dereg_moved_away),
        DeregistrationReason::Other => td_string!(locale, register.plan.mine_dereg_other),
    }
}

/// A period in words: "Från 1 september 2026: Du hoppade av …; till …: …".
#[component]
fn PeriodItem(period: Period) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        let from = format!(
            "{} {}: {}",
            t_string!(i18n, register.plan.mine_from),
            day(period.registered_on, locale),
            registration_reason(period.registration_reason, locale)
        );
        let to = match (period.deregistered_on, period.deregistration_reason) {
            (Some(on), Some(reason)) => format!(
                ". {} {}: {}",
                t_string!(i18n, register.plan.mine_until),
                day(on, locale),
                deregistration_reason(reason, locale)
            ),
            _ => format!(". {}", t_string!(i18n, register.plan.mine_still)),
        };
        view! { <li>{from} {to}</li> }
    }
}
