//! The half-year report to SCB (`/register/report`, officers and
//! administrators): the half-year, the checks to fix before sending (each
//! naming the young person, linking to their entry), the number of rows, the
//! CSV and xlsx downloads, and the programme's figures as a bar chart (SVG)
//! with a table as its text alternative (as the term report draws its chart).
//! The server decides who may read it: anyone else sees its 403 as a message.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::register::DeregistrationReason;
use lotsen_api::register::scb::{HalfYear, RegisterFigures, ScbCheck, ScbProblem, ScbReport};

use crate::api::Api;
use crate::api::register::scb::{ScbFile, scb_file_href, scb_file_name};
use crate::components::chart::{BAR_FULL, Bar, BarChart};
use crate::components::data::{Loaded, load};
use crate::components::field::{ChoiceOptions, SelectField};
use crate::components::shell::PageShell;
use crate::components::table::Table;
use crate::i18n::*;
use crate::session::Access;
use crate::validation::today;

/// How many half-years the choice offers (the current one and those before).
pub const HALF_YEARS_SHOWN: usize = 4;

/// The half-year before `half`.
pub fn previous(half: HalfYear) -> HalfYear {
    if half.second {
        HalfYear {
            year: half.year,
            second: false,
        }
    } else {
        HalfYear {
            year: half.year - 1,
            second: true,
        }
    }
}

/// The half-years to choose from: the one `day` is in, then earlier ones.
pub fn half_years(day: lotsen_api::Date) -> Vec<HalfYear> {
    std::iter::successors(Some(HalfYear::of(day)), |h| Some(previous(*h)))
        .take(HALF_YEARS_SHOWN)
        .collect()
}

/// "2026: Andra halvåret (1 juli–31 december)".
pub fn half_year_label(half: HalfYear, locale: Locale) -> String {
    let which = if half.second {
        td_string!(locale, scb.h2)
    } else {
        td_string!(locale, scb.h1)
    };
    format!("{}: {which}", half.year)
}

/// One figure of the chart and its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    InRegister,
    Registered,
    Reached,
    ReachedWithin2Weeks,
    WithMeasure,
    Deregistered(DeregistrationReason),
}

/// The figures in the order the chart and the table show them.
pub fn figure_rows(figures: &RegisterFigures) -> Vec<(Figure, i64)> {
    let mut rows = vec![
        (Figure::InRegister, figures.in_register),
        (Figure::Registered, figures.registered),
        (Figure::Reached, figures.reached),
        (Figure::ReachedWithin2Weeks, figures.reached_within_2_weeks),
        (Figure::WithMeasure, figures.with_measure),
    ];
    rows.extend(
        figures
            .deregistered
            .iter()
            .map(|d| (Figure::Deregistered(d.reason), d.count)),
    );
    rows
}

/// A deregistration reason in words.
pub fn reason_label(reason: DeregistrationReason, locale: Locale) -> &'static str {
    match reason {
        DeregistrationReason::Turned20 => td_string!(locale, register.report.reason_turned_20),
        DeregistrationReason::StartedEducation => {
            td_string!(locale, register.report.reason_started_education)
        }
        DeregistrationReason::CompletedEducation => {
            td_string!(locale, register.report.reason_completed_education)
        }
        DeregistrationReason::MovedAway => td_string!(locale, register.report.reason_moved_away),
        DeregistrationReason::Other => td_string!(locale, register.report.reason_other),
    }
}

/// What a figure is called ("Avregistrerade: fyllt 20 år" for a reason).
pub fn figure_label(figure: Figure, locale: Locale) -> String {
    match figure {
        Figure::InRegister => td_string!(locale, scb.figures.in_register).to_string(),
        Figure::Registered => td_string!(locale, scb.figures.registered).to_string(),
        Figure::Reached => td_string!(locale, scb.figures.reached).to_string(),
        Figure::ReachedWithin2Weeks => {
            td_string!(locale, scb.figures.reached_within_2_weeks).to_string()
        }
        Figure::WithMeasure => td_string!(locale, scb.figures.with_measure).to_string(),
        Figure::Deregistered(reason) => format!(
            "{}: {}",
            td_string!(locale, register.report.deregistered),
            reason_label(reason, locale)
        ),
    }
}

/// What a check found, in words.
pub fn check_text(check: ScbCheck, locale: Locale) -> &'static str {
    match check {
        ScbCheck::MeasureEndsBeforeStart => td_string!(locale, scb.check.measure_ends_before_start),
        ScbCheck::MeasureCodeUnknown => td_string!(locale, scb.check.measure_code_unknown),
        ScbCheck::DeregisteredBeforeRegistered => {
            td_string!(locale, scb.check.deregistered_before_registered)
        }
        ScbCheck::ContactOutsideRegistration => {
            td_string!(locale, scb.check.contact_outside_registration)
        }
        ScbCheck::RegistrationReasonMissing => {
            td_string!(locale, scb.check.registration_reason_missing)
        }
        ScbCheck::DeregistrationReasonMissing => {
            td_string!(locale, scb.check.deregistration_reason_missing)
        }
        ScbCheck::TooManyForColumns => td_string!(locale, scb.check.too_many_for_columns),
    }
}

/// The half-year report page (the server lets officers and administrators read it).
#[component]
pub fn ReportPage() -> impl IntoView {
    view! {
        <PageShell title=label!(scb.title) access=Access::Staff>
            <ReportContent />
        </PageShell>
    }
}

#[component]
fn ReportContent() -> impl IntoView {
    let choices = half_years(today());
    let first = choices[0];
    let chosen = RwSignal::new(first.to_string());
    let period = Memo::new(move |_| HalfYear::parse(&chosen.get()).unwrap_or(first));
    // One read of each per half-year chosen.
    let report = move || {
        let data = load(Api::current().scb_report(period.get()));
        view! { <Loaded data let:report><Report report /></Loaded> }
    };
    view! {
        <div class="page page--wide">
            <p class="breadcrumb">
                <A href="/register">{tr!(nav.register)}</A>
            </p>
            <h1>{tr!(scb.title)}</h1>
            <SelectField form="scb" name="period" label=label!(scb.f_period) value=chosen>
                <ChoiceOptions choices chosen value_of=|h| h.to_string() text_of=half_year_label />
            </SelectField>
            {report}
            <p>
                <A href="/register/codes">{tr!(register.report.codes_link)}</A>
            </p>
        </div>
    }
}

/// The report of one half-year: the checks, the file, and the figures.
#[component]
fn Report(report: ScbReport) -> impl IntoView {
    let Some(period) = HalfYear::parse(&report.period) else {
        return ().into_any();
    };
    let figures = load(Api::current().register_figures(period));
    let link = move |file: ScbFile, text: AnyView| {
        view! {
            <li>
                <a href=scb_file_href(period, file) download=scb_file_name(period, file)>{text}</a>
            </li>
        }
    };
    view! {
        <Problems problems=report.problems />
        <section class="scb-file" aria-labelledby="scb-file-heading">
            <h2 id="scb-file-heading">{tr!(register.report.file_heading)}</h2>
            <p>
                {tr!(register.report.rows)} ": " <strong id="scb-rows">{report.rows.len()}</strong>
            </p>
            <ul class="scb-file__links">
                {link(ScbFile::Csv, tr!(scb.csv).into_any())}
                {link(ScbFile::Xlsx, tr!(scb.xlsx).into_any())}
            </ul>
        </section>
        <Loaded data=figures let:figures><Figures figures /></Loaded>
    }
    .into_any()
}

/// What the checks found, each problem linking to the young person's entry.
#[component]
fn Problems(problems: Vec<ScbProblem>) -> impl IntoView {
    let i18n = use_i18n();
    let list = if problems.is_empty() {
        view! { <p class="status" role="status">{tr!(scb.no_problems)}</p> }.into_any()
    } else {
        let items = problems
            .into_iter()
            .map(|p| {
                let check = p.check;
                view! {
                    <li class="scb-problems__item">
                        <A href=super::entry_path(p.youth_id) attr:class="scb-problems__name">{p.name}</A>
                        <p>{move || check_text(check, i18n.get_locale())}</p>
                        <p class="scb-problems__detail">{p.detail}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="scb-problems">{items}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby="scb-problems-heading">
            <h2 id="scb-problems-heading">{tr!(scb.problems_heading)}</h2>
            {list}
        </section>
    }
}

/// Height of one bar's row in the chart, in SVG units.
const ROW: u32 = 40;

/// A bar's width for `count` when the largest figure is `max`.
pub fn bar_width(count: i64, max: i64) -> u32 {
    if max <= 0 || count <= 0 {
        return 0;
    }
    (i64::from(BAR_FULL) * count.min(max) / max) as u32
}

/// The figures: the chart and the table (the chart's text alternative).
#[component]
fn Figures(figures: RegisterFigures) -> impl IntoView {
    let i18n = use_i18n();
    let rows = figure_rows(&figures);
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let parts = {
        let rows = rows.clone();
        Signal::derive(move || {
            let locale = i18n.get_locale();
            rows.iter()
                .map(|(f, n)| format!("{}: {n}", figure_label(*f, locale)))
                .collect::<Vec<_>>()
        })
    };
    let bar_count = rows.len();
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (figure, count))| {
            let (figure, count) = (*figure, *count);
            let y = ROW * i as u32;
            view! {
                <Bar y thickness=14 width=bar_width(count, max) fill="#0b4f71">
                    {move || figure_label(figure, i18n.get_locale())} " · " {count}
                </Bar>
            }
        })
        .collect_view();
    let table_rows = rows
        .into_iter()
        .map(|(figure, count)| {
            view! {
                <tr>
                    <th scope="row">{move || figure_label(figure, i18n.get_locale())}</th>
                    <td>{count}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="scb-figures-heading">
            <h2 id="scb-figures-heading">{tr!(scb.figures.heading)}</h2>
            <BarChart
                title=label!(scb.figures.chart_label)
                parts
                rows=bar_count
                row=ROW
                caption=label!(register.report.chart_caption)
            >
                {bars}
            </BarChart>
            <Table
                id="scb-figures-caption"
                caption=label!(scb.figures.table_caption)
                heads=vec![label!(register.report.figure), label!(register.report.count)]
            >
                {table_rows}
            </Table>
        </section>
    }
}
