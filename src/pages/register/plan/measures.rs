//! The measures of a young person's plan: the table (as they are now, or as
//! an earlier version had them), adding one from the code list, and changing
//! or ending one.

use leptos::prelude::*;
use lotsen_api::register::plans::{Measure, MeasureCode, MeasureDates, NewMeasure};
use lotsen_api::register::{MeasureEndReason, ResponsibleKind};

use super::{Changed, check, optional_date};
use crate::api::Api;
use crate::components::data::Data;
use crate::components::field::{
    ChoiceOptions, FormAlert, Radios, SelectField, SelectOption, TextField,
};
use crate::components::submit::Form;
use crate::components::table::Table;
use crate::forms::focus_soon;
use crate::i18n::*;
use crate::validation::today;

/// The measure being changed, and whether it is being ended.
type Changing = RwSignal<Option<(Measure, bool)>>;

/// Who is responsible, in words: "Den unga", "Kommunen – Ungdomsteamet", "Komvux".
pub fn responsible(kind: ResponsibleKind, name: Option<&str>, locale: Locale) -> String {
    let name = name.unwrap_or_default();
    match kind {
        ResponsibleKind::Youth => td_string!(locale, register.plan.by_youth).to_string(),
        ResponsibleKind::Municipality => {
            format!(
                "{} – {name}",
                td_string!(locale, register.plan.by_municipality)
            )
        }
        ResponsibleKind::Other => {
            format!("{name} ({})", td_string!(locale, register.plan.by_other))
        }
    }
}

/// Why a measure ended, in words.
pub fn end_reason(reason: MeasureEndReason, locale: Locale) -> &'static str {
    match reason {
        MeasureEndReason::Completed => td_string!(locale, register.plan.end_completed),
        MeasureEndReason::Discontinued => td_string!(locale, register.plan.end_discontinued),
        MeasureEndReason::MovedOn => td_string!(locale, register.plan.end_moved_on),
        MeasureEndReason::Other => td_string!(locale, register.plan.end_other),
    }
}

fn day(date: Option<lotsen_api::Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_else(|| "–".into())
}

/// The measures as they are now, with adding, changing and ending them.
#[component]
pub fn Measures(
    measures: Vec<Measure>,
    codes: Data<Vec<MeasureCode>>,
    changed: Changed,
) -> impl IntoView {
    let changing: Changing = RwSignal::new(None);
    view! {
        <section class="card" aria-labelledby="plan-measures">
            <h2 id="plan-measures">{tr!(register.plan.measures_heading)}</h2>
            <MeasureTable id="measures-caption" list=measures editable=Some(changing) />
            {move || changing.get().map(|(measure, ending)| view! { <ChangeForm measure ending changed changing /> })}
            <AddForm codes changed />
        </section>
    }
}

/// The measures as a table (`id`: its caption's, unique on the page); with
/// `editable`, each has "change" and (until it has ended) "end".
#[component]
pub fn MeasureTable(
    id: &'static str,
    list: Vec<Measure>,
    editable: Option<Changing>,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{tr!(register.plan.no_measures)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|m| {
            let who = m.responsible_name.clone();
            let kind = m.responsible_kind;
            let dates = m.dates.clone();
            let ended = dates.actual_end.map(|end| {
                let reason = dates.end_reason;
                view! {
                    {end.to_string()}
                    {move || reason.map(|r| format!(", {}", end_reason(r, i18n.get_locale())))}
                }
            });
            let actions = editable.map(|changing| {
                let label = m.label.clone();
                let (to_change, to_end) = (m.clone(), m.clone());
                let open = dates.actual_end.is_none();
                view! {
                    <td class="register-plan__actions">
                        <button
                            type="button"
                            class="button button--secondary"
                            aria-label=format!("{} {label}", t_string!(i18n, register.plan.change))
                            on:click=move |_| {
                                changing.set(Some((to_change.clone(), false)));
                                focus_soon("plan-change-planned_start");
                            }
                        >
                            {tr!(register.plan.change)}
                        </button>
                        {open.then(|| view! {
                            " "
                            <button
                                type="button"
                                class="button button--secondary"
                                aria-label=format!("{} {}", t_string!(i18n, register.plan.end), to_end.label)
                                on:click=move |_| {
                                    changing.set(Some((to_end.clone(), true)));
                                    focus_soon("plan-change-actual_end");
                                }
                            >
                                {tr!(register.plan.end)}
                            </button>
                        })}
                    </td>
                }
            });
            view! {
                <tr>
                    <th scope="row">{m.label}</th>
                    <td>{move || responsible(kind, who.as_deref(), i18n.get_locale())}</td>
                    <td>{dates.planned_start.to_string()}</td>
                    <td>{day(dates.planned_end)}</td>
                    <td>{ended.map_or_else(|| "–".into_any(), IntoAny::into_any)}</td>
                    <td>{day(dates.next_follow_up)}</td>
                    {actions}
                </tr>
            }
        })
        .collect_view();
    let mut heads = vec![
        label!(register.plan.measure),
        label!(register.plan.responsible),
        label!(register.plan.planned_start),
        label!(register.plan.planned_end),
        label!(register.plan.actual_end),
        label!(register.plan.next_follow_up),
    ];
    heads.extend(editable.map(|_| label!(register.plan.actions)));
    view! {
        <Table id caption=label!(register.plan.measures_caption) heads>
            {rows}
        </Table>
    }
    .into_any()
}

/// The dates typed into a form.
#[derive(Clone, Copy)]
struct DateInputs {
    planned_start: RwSignal<String>,
    planned_end: RwSignal<String>,
    actual_end: RwSignal<String>,
    end_reason: RwSignal<String>,
    next_follow_up: RwSignal<String>,
}

impl DateInputs {
    fn new(dates: &MeasureDates) -> Self {
        let text = |d: Option<lotsen_api::Date>| {
            RwSignal::new(d.map(|d| d.to_string()).unwrap_or_default())
        };
        Self {
            planned_start: RwSignal::new(dates.planned_start.to_string()),
            planned_end: text(dates.planned_end),
            actual_end: text(dates.actual_end),
            end_reason: RwSignal::new(
                dates
                    .end_reason
                    .map(|r| r.as_str().to_string())
                    .unwrap_or_default(),
            ),
            next_follow_up: text(dates.next_follow_up),
        }
    }

    /// The dates, and every problem with them (the API's checks too).
    fn read(&self) -> (Option<MeasureDates>, Vec<(&'static str, &'static str)>) {
        let mut problems = Vec::new();
        let mut date = |field: &'static str, value: RwSignal<String>| {
            let (date, problem) = optional_date(&value.get_untracked());
            problems.extend(problem.map(|p| (field, p)));
            date
        };
        let planned_start = date("planned_start", self.planned_start);
        let planned_end = date("planned_end", self.planned_end);
        let actual_end = date("actual_end", self.actual_end);
        let next_follow_up = date("next_follow_up", self.next_follow_up);
        let end_reason = MeasureEndReason::parse(&self.end_reason.get_untracked());
        let Some(planned_start) = planned_start else {
            if !problems.iter().any(|(f, _)| *f == "planned_start") {
                problems.insert(0, ("planned_start", "required"));
            }
            return (None, problems);
        };
        let dates = MeasureDates {
            planned_start,
            planned_end,
            actual_end,
            end_reason,
            next_follow_up,
        };
        if let Err(more) = dates.validate(today()) {
            problems.extend(more);
        }
        (problems.is_empty().then_some(dates), problems)
    }
}

/// The date fields of a measure; with `end`, its actual end and why.
#[component]
fn DateFields(form: Form, inputs: DateInputs, end: bool) -> impl IntoView {
    let reason = inputs.end_reason;
    view! {
        <TextField form name="planned_start" label=label!(register.plan.planned_start) value=inputs.planned_start input_type="date" />
        <TextField form name="planned_end" label=label!(register.plan.planned_end) value=inputs.planned_end input_type="date" />
        {end.then(|| view! {
            <TextField form name="actual_end" label=label!(register.plan.actual_end) value=inputs.actual_end input_type="date" />
            <SelectField form name="end_reason" label=label!(register.plan.end_reason) value=reason>
                <SelectOption value="" chosen=reason>{tr!(register.plan.no_end)}</SelectOption>
                <ChoiceOptions choices=MeasureEndReason::ALL.to_vec() chosen=reason value_of=MeasureEndReason::as_str text_of=end_reason />
            </SelectField>
        })}
        <TextField form name="next_follow_up" label=label!(register.plan.next_follow_up) value=inputs.next_follow_up input_type="date" />
    }
}

const CHANGE: &str = "plan-change";
const CHANGE_FIELDS: [&str; 5] = [
    "planned_start",
    "planned_end",
    "actual_end",
    "end_reason",
    "next_follow_up",
];

/// Changes a measure's dates, or ends it (its actual end and why).
#[component]
fn ChangeForm(
    measure: Measure,
    ending: bool,
    changed: Changed,
    changing: Changing,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut dates = measure.dates.clone();
    if ending && dates.actual_end.is_none() {
        dates.actual_end = Some(today());
    }
    let inputs = DateInputs::new(&dates);
    let form = Form::new(CHANGE, &CHANGE_FIELDS);
    let id = measure.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (dates, problems) = inputs.read();
        let Some(dates) = dates.filter(|_| check(form, i18n.get_locale_untracked(), problems))
        else {
            return;
        };
        form.submit(
            Api::current().update_register_measure(changed.id, id, dates),
            move |_| {
                changing.set(None);
                changed.done("saved");
            },
        );
    };
    view! {
        <form class="form register-plan__change" novalidate on:submit=submit aria-labelledby="plan-change-heading" aria-busy=form.aria_busy()>
            <h3 id="plan-change-heading">{tr_if!(ending, register.plan.end_heading, register.plan.change_heading)} ": " {measure.label}</h3>
            <FormAlert message=form.summary() />
            <DateFields form inputs end=true />
            <button type="submit" class="button">{tr_if!(ending, register.plan.end, register.plan.save)}</button>
            " "
            <button type="button" class="button button--secondary" on:click=move |_| changing.set(None)>{tr!(register.plan.cancel)}</button>
        </form>
    }
}

const ADD: &str = "plan-measure";
const ADD_FIELDS: [&str; 5] = [
    "code",
    "responsible_name",
    "planned_start",
    "planned_end",
    "next_follow_up",
];

/// What a kind of responsible party is called in the form.
fn kind_choice(kind: ResponsibleKind) -> fn(Locale) -> &'static str {
    match kind {
        ResponsibleKind::Youth => |l| td_string!(l, register.plan.kind_youth),
        ResponsibleKind::Municipality => |l| td_string!(l, register.plan.kind_municipality),
        ResponsibleKind::Other => |l| td_string!(l, register.plan.kind_other),
    }
}

/// Adds a measure: a code of the active list, who is responsible, the dates.
#[component]
fn AddForm(codes: Data<Vec<MeasureCode>>, changed: Changed) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let kind = RwSignal::new(Some(ResponsibleKind::Youth));
    let name = RwSignal::new(String::new());
    let inputs = DateInputs::new(&MeasureDates {
        planned_start: today(),
        planned_end: None,
        actual_end: None,
        end_reason: None,
        next_follow_up: None,
    });
    let form = Form::new(ADD, &ADD_FIELDS);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.get_locale_untracked();
        let (dates, mut problems) = inputs.read();
        let request = dates.map(|dates| NewMeasure {
            code: code.get_untracked(),
            responsible_kind: kind.get_untracked().unwrap_or(ResponsibleKind::Youth),
            responsible_name: Some(name.get_untracked()),
            dates,
        });
        let request = match request.map(|r| r.validate(today())) {
            Some(Ok(request)) => Some(request),
            Some(Err(more)) => {
                problems.extend(more);
                None
            }
            None => None,
        };
        problems.sort_by_key(|(field, _)| ADD_FIELDS.iter().position(|f| f == field));
        let Some(request) = request.filter(|_| check(form, locale, problems)) else {
            return;
        };
        form.submit(
            Api::current().add_register_measure(changed.id, request),
            move |_| changed.done("added"),
        );
    };
    view! {
        <h3 id="plan-add-heading">{tr!(register.plan.add_heading)}</h3>
        <form class="form" novalidate on:submit=submit aria-labelledby="plan-add-heading" aria-busy=form.aria_busy()>
            <FormAlert message=form.summary() />
            <SelectField form name="code" label=label!(register.plan.measure) value=code>
                <SelectOption value="" chosen=code>{tr!(register.plan.choose_measure)}</SelectOption>
                {move || {
                    codes
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|c| c.active)
                        .map(|c| {
                            let label = if i18n.get_locale() == Locale::sv { c.label_sv } else { c.label_en };
                            view! { <SelectOption value=c.code chosen=code>{label}</SelectOption> }
                        })
                        .collect_view()
                }}
            </SelectField>
            <Radios form=ADD name="responsible_kind" legend=label!(register.plan.responsible) options=&ResponsibleKind::ALL text_of=kind_choice value=kind />
            <Show when=move || kind.get() != Some(ResponsibleKind::Youth)>
                <TextField
                    form
                    name="responsible_name"
                    label=Signal::derive(move || {
                        let locale = i18n.get_locale();
                        if kind.get() == Some(ResponsibleKind::Municipality) {
                            td_string!(locale, register.plan.unit)
                        } else {
                            td_string!(locale, register.plan.actor)
                        }
                    })
                    value=name
                />
            </Show>
            <DateFields form inputs end=false />
            <button type="submit" class="button">{tr!(register.plan.add)}</button>
        </form>
    }
}
