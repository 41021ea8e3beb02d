//! Follow-up on a young person's record: their status now, the whole history
//! (corrected entries kept and marked), and the form that records a new
//! status or event, or corrects an earlier entry.

use leptos::prelude::*;

use crate::components::data::not_yet;
use leptos::task::spawn_local;
use leptos_router::components::A;
use lotsen_api::outcomes::{NewOutcome, OutcomeEntry, OutcomeHistory, OutcomeKind};

use crate::api::{Api, ApiError};
use crate::components::field::{FormAlert, TextField};
use crate::forms::{FormErrors, focus_soon};
use crate::i18n::*;
use crate::messages::error_message;
use crate::session::use_session;
use crate::validation::today;

/// What an entry's kind is called in `locale`.
pub fn kind_label(kind: OutcomeKind, locale: Locale) -> &'static str {
    match kind {
        OutcomeKind::Studies => td_string!(locale, outcomes.kind_studies),
        OutcomeKind::Work => td_string!(locale, outcomes.kind_work),
        OutcomeKind::Internship => td_string!(locale, outcomes.kind_internship),
        OutcomeKind::OtherActivity => td_string!(locale, outcomes.kind_other_activity),
        OutcomeKind::None => td_string!(locale, outcomes.kind_none),
        OutcomeKind::MovedAway => td_string!(locale, outcomes.kind_moved_away),
        OutcomeKind::Contacted => td_string!(locale, outcomes.kind_contacted),
        OutcomeKind::StudyPlan => td_string!(locale, outcomes.kind_study_plan),
    }
}

/// An entry in words: "Studier: Komvux, Svenska 1".
fn entry_text(entry: &OutcomeEntry, locale: Locale) -> String {
    let kind = kind_label(entry.kind, locale);
    match (&entry.school, &entry.programme) {
        (Some(school), Some(programme)) => format!("{kind}: {school}, {programme}"),
        _ => kind.to_string(),
    }
}

/// The follow-up section of a young person's record.
#[component]
pub fn OutcomesSection(youth_id: i64) -> impl IntoView {
    let session = use_session();
    let history = RwSignal::new(None::<Result<OutcomeHistory, ApiError>>);
    let load = move || {
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .get::<OutcomeHistory>(&format!("/youth/{youth_id}/outcomes"))
                .await;
            if let Err(error) = &result {
                session.check(error);
            }
            history.set(Some(result));
        });
    };
    load();
    let correcting = RwSignal::new(None::<OutcomeEntry>);
    view! {
        <section class="card" aria-labelledby="youth-outcomes">
            <h2 id="youth-outcomes">{tr!(outcomes.heading)}</h2>
            {move || match history.get() {
                state @ (None | Some(Err(_))) => not_yet(state),
                Some(Ok(history)) => view! { <History history correcting /> }.into_any(),
            }}
            <RecordForm youth_id correcting on_saved=Callback::new(move |()| load()) />
            <p>
                <A href="/staff/report">{tr!(outcomes.report_link)}</A>
            </p>
        </section>
    }
}

/// Today's status and the list of entries, newest first.
#[component]
fn History(history: OutcomeHistory, correcting: RwSignal<Option<OutcomeEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    let current = history
        .current
        .and_then(|id| history.entries.iter().find(|e| e.id == id).cloned());
    let entries = history.entries;
    view! {
        <p class="outcome-now">
            <strong>{tr!(outcomes.current)} ": "</strong>
            {move || match &current {
                Some(entry) => format!("{} ({} {})", entry_text(entry, i18n.get_locale()), t_string!(i18n, outcomes.since), entry.from),
                None => t_string!(i18n, outcomes.current_none).to_string(),
            }}
        </p>
        <h3>{tr!(outcomes.history_heading)}</h3>
        {if entries.is_empty() {
            view! { <p class="empty">{tr!(outcomes.empty)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list outcome-list">
                    {entries.into_iter().map(|entry| view! { <HistoryItem entry correcting /> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

#[component]
fn HistoryItem(entry: OutcomeEntry, correcting: RwSignal<Option<OutcomeEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    let corrected = entry.corrected_by.is_some();
    let is_correction = entry.corrects.is_some();
    let recorder = entry.recorded_by.name.clone();
    let shown = entry.clone();
    view! {
        <li class="outcome-list__item" class:outcome-list__item--corrected=corrected>
            <span class="plain-list__name">
                {if corrected {
                    view! { <del>{entry.from.to_string()} " · " {move || entry_text(&shown, i18n.get_locale())}</del> }.into_any()
                } else {
                    view! { {entry.from.to_string()} " · " {move || entry_text(&shown, i18n.get_locale())} }.into_any()
                }}
            </span>
            " "
            <span class="plain-list__meta">
                {corrected.then(|| view! { <span class="badge">{tr!(outcomes.corrected)}</span> " " })}
                {is_correction.then(|| view! { <span>{tr!(outcomes.correction)}</span> " · " })}
                {tr!(outcomes.recorded_by)} " " {recorder}
            </span>
            {(!corrected)
                .then(|| {
                    let entry = entry.clone();
                    let label_date = entry_label(&entry);
                    let label_kind = entry.kind;
                    view! {
                        " "
                        <button
                            type="button"
                            class="button button--secondary"
                            aria-label=move || format!("{} {} {}", t_string!(i18n, outcomes.correct), label_date, kind_label(label_kind, i18n.get_locale()))
                            on:click=move |_| {
                                correcting.set(Some(entry.clone()));
                                focus_soon("outcome-kind");
                            }
                        >
                            {tr!(outcomes.correct)}
                        </button>
                    }
                })}
        </li>
    }
}

/// Which entry a "correct" button is for, for screen readers: its date (and then its kind).
fn entry_label(entry: &OutcomeEntry) -> String {
    entry.from.to_string()
}

const FORM: &str = "outcome";
const FIELDS: [&str; 5] = ["kind", "from", "school", "programme", "corrects"];

/// Records a new status or event (or a correction of `correcting`).
#[component]
fn RecordForm(
    youth_id: i64,
    correcting: RwSignal<Option<OutcomeEntry>>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let kind = RwSignal::new(OutcomeKind::Studies);
    let from = RwSignal::new(today().to_string());
    let school = RwSignal::new(String::new());
    let programme = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::none());
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let field_error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| e.field(field)));

    // A correction starts from the entry it corrects.
    Effect::new(move |_| {
        if let Some(entry) = correcting.get() {
            kind.set(entry.kind);
            from.set(entry.from.to_string());
            school.set(entry.school.clone().unwrap_or_default());
            programme.set(entry.programme.clone().unwrap_or_default());
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let locale = i18n.get_locale_untracked();
        saved.set(false);
        let Some(from_date) = lotsen_api::date::parse_iso(from.get_untracked().trim()) else {
            errors.set(FormErrors::from_checks(
                locale,
                vec![("from", error_message(locale, "required").to_string())],
            ));
            errors.with_untracked(|e| e.focus_first(FORM));
            return;
        };
        let request = NewOutcome {
            kind: kind.get_untracked(),
            from: from_date,
            school: Some(school.get_untracked()),
            programme: Some(programme.get_untracked()),
            corrects: correcting.with_untracked(|c| c.as_ref().map(|e| e.id)),
        };
        let request = match request.validate() {
            Ok(valid) => valid,
            Err(problems) => {
                let list = problems
                    .into_iter()
                    .map(|(field, code)| (field, error_message(locale, code).to_string()))
                    .collect();
                errors.set(FormErrors::from_checks(locale, list));
                errors.with_untracked(|e| e.focus_first(FORM));
                return;
            }
        };
        errors.set(FormErrors::none());
        busy.set(true);
        let api = Api::current();
        spawn_local(async move {
            let result = api
                .post::<_, OutcomeEntry>(&format!("/youth/{youth_id}/outcomes"), &request)
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    correcting.set(None);
                    school.set(String::new());
                    programme.set(String::new());
                    saved.set(true);
                    on_saved.run(());
                    focus_soon("outcome-status");
                }
                Err(error) => {
                    session.check(&error);
                    errors.set(FormErrors::from_api(&error, &FIELDS));
                    errors.with_untracked(|e| e.focus_first(FORM));
                }
            }
        });
    };

    let option = move |k: OutcomeKind| {
        view! {
            <option value=k.as_str() selected=move || kind.get() == k>
                {move || kind_label(k, i18n.get_locale())}
            </option>
        }
    };
    view! {
        <h3 id="outcome-form-heading">
            {move || if correcting.with(Option::is_some) { t_string!(i18n, outcomes.correct_heading) } else { t_string!(i18n, outcomes.form_heading) }}
        </h3>
        <p class="status" role="status" id="outcome-status" tabindex="-1">
            {move || saved.get().then(|| t_string!(i18n, outcomes.saved))}
        </p>
        {move || {
            correcting
                .get()
                .map(|entry| {
                    view! {
                        <p class="field__hint">
                            {tr!(outcomes.correcting)} " " {entry.from.to_string()} " "
                            <button type="button" class="button button--secondary" on:click=move |_| correcting.set(None)>
                                {tr!(outcomes.cancel_correction)}
                            </button>
                        </p>
                    }
                })
        }}
        <form class="form" novalidate on:submit=submit aria-labelledby="outcome-form-heading" aria-busy=move || busy.get().then_some("true")>
            <FormAlert message=Signal::derive(move || errors.with(|e| e.summary.clone())) />
            <div class="field">
                <label class="field__label" for="outcome-kind">{tr!(outcomes.f_kind)}</label>
                <select class="field__input" id="outcome-kind" name="kind" on:change:target=move |ev| {
                    if let Some(k) = OutcomeKind::parse(&ev.target().value()) {
                        kind.set(k);
                    }
                }>
                    <optgroup label=move || t_string!(i18n, outcomes.group_status)>
                        {OutcomeKind::ALL.into_iter().filter(|k| k.is_status()).map(option).collect_view()}
                    </optgroup>
                    <optgroup label=move || t_string!(i18n, outcomes.group_event)>
                        {OutcomeKind::ALL.into_iter().filter(|k| !k.is_status()).map(option).collect_view()}
                    </optgroup>
                </select>
            </div>
            <TextField form=FORM name="from" label=label!(outcomes.f_from) value=from error=field_error("from") input_type="date" />
            <Show when=move || kind.get() == OutcomeKind::Studies>
                <TextField form=FORM name="school" label=label!(outcomes.f_school) value=school error=field_error("school") />
                <TextField form=FORM name="programme" label=label!(outcomes.f_programme) value=programme error=field_error("programme") />
            </Show>
            <button type="submit" class="button">{tr!(outcomes.submit)}</button>
        </form>
    }
}
