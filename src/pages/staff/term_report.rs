//! The term report (`/staff/report`): the programme's figures for a term
//! against its goals, as a bar chart (SVG) with the same figures in a table as
//! its text alternative, and a CSV download. The chart's colours are SVG
//! attributes (the theme's brand, ok and error colours), so the first load's
//! stylesheet carries nothing of it. The server computes every figure
//! (definitions: `lotsen_api::outcomes`); this page only draws them.

use leptos::prelude::*;
use leptos_router::components::A;
use lotsen_api::outcomes::{Half, Share, ShareKind, Term, TermReport};

use crate::api::Api;
use crate::components::chart::{BAR_FULL, BAR_X, Bar, BarChart};
use crate::components::data::{Loaded, load};
use crate::components::field::{ChoiceOptions, SelectField};
use crate::components::shell::PageShell;
use crate::components::table::Table;
use crate::i18n::*;
use crate::session::Access;
use crate::validation::today;

/// How many terms back the choice goes.
const TERMS_SHOWN: usize = 6;

/// "Hösttermin 2026" / "Autumn term 2026".
pub fn term_label(term: Term, locale: Locale) -> String {
    let half = match term.half {
        Half::Spring => td_string!(locale, report.spring),
        Half::Autumn => td_string!(locale, report.autumn),
    };
    format!("{half} {}", term.year)
}

/// What a share is called.
pub fn share_label(kind: ShareKind, locale: Locale) -> &'static str {
    match kind {
        ShareKind::ContactedWithinTwoWeeks => td_string!(locale, report.share_contacted),
        ShareKind::MovedOn => td_string!(locale, report.share_moved_on),
        ShareKind::InWork => td_string!(locale, report.share_in_work),
        ShareKind::StudyPlan => td_string!(locale, report.share_study_plan),
    }
}

/// A share's percent in words ("54 %"), or "no one to count".
fn percent_text(share: &Share, locale: Locale) -> String {
    match share.percent {
        Some(p) => format!("{p} %"),
        None => td_string!(locale, report.no_one).to_string(),
    }
}

/// The term report page (staff; the server lets contact persons and administrators see it).
#[component]
pub fn TermReportPage() -> impl IntoView {
    view! {
        <PageShell title=label!(report.title) access=Access::Staff>
            <TermReportContent />
        </PageShell>
    }
}

#[component]
fn TermReportContent() -> impl IntoView {
    let current = Term::of(today());
    let terms: Vec<Term> = std::iter::successors(Some(current), |t| Some(t.previous()))
        .take(TERMS_SHOWN)
        .collect();
    let chosen = RwSignal::new(current.to_string());
    let term = Memo::new(move |_| Term::parse(&chosen.get()).unwrap_or(current));
    // One read per term chosen; a new choice starts with "Loading…" again.
    let report = move || {
        let data = load(Api::current().term_report(term.get()));
        view! { <Loaded data let:report><Figures report /></Loaded> }
    };
    view! {
        <div class="page page--wide">
            <p class="breadcrumb">
                <A href="/staff">{tr!(youth.back)}</A>
            </p>
            <h1>{tr!(report.heading)}</h1>
            <SelectField form="report" name="term" label=label!(report.f_term) value=chosen>
                <ChoiceOptions choices=terms chosen value_of=|t| t.to_string() text_of=term_label />
            </SelectField>
            <p>
                <a href=move || format!("/api/reports/term.csv?term={}", term.get()) download=move || format!("lotsen-{}.csv", term.get())>
                    {tr!(report.csv)}
                </a>
            </p>
            {report}
            <section aria-labelledby="report-definitions">
                <h2 id="report-definitions">{tr!(report.definitions_heading)}</h2>
                <p>{tr!(report.definitions)}</p>
            </section>
        </div>
    }
}

/// Height of one bar's row in the chart, in SVG units.
const ROW: u32 = 44;

/// The figures: participants, the chart, and the table (the chart's text alternative).
#[component]
fn Figures(report: TermReport) -> impl IntoView {
    let i18n = use_i18n();
    let term = Term {
        year: report.year,
        half: report.half,
    };
    let shares = report.shares.clone();
    let parts = {
        let shares = shares.clone();
        Signal::derive(move || {
            let locale = i18n.get_locale();
            shares
                .iter()
                .map(|s| {
                    format!(
                        "{}: {} ({} {} %)",
                        share_label(s.kind, locale),
                        percent_text(s, locale),
                        td_string!(locale, report.goal),
                        s.goal_percent
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let bar_count = shares.len();
    let bars = shares
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = ROW * i as u32;
            let width = BAR_FULL * s.percent.unwrap_or(0).min(100) / 100;
            let goal_x = BAR_X + BAR_FULL * s.goal_percent / 100;
            let kind = s.kind;
            let value = {
                let s = s.clone();
                move || percent_text(&s, i18n.get_locale())
            };
            let fill = if s.meets_goal { "#1d5e2f" } else { "#0b4f71" };
            view! {
                <Bar y thickness=16 width fill>
                    {move || share_label(kind, i18n.get_locale())} " · " {value}
                </Bar>
                <line x1=goal_x x2=goal_x y1=y + 16 y2=y + 40 stroke="#a4161a" stroke-width="2" />
            }
        })
        .collect_view();
    let rows = shares
        .into_iter()
        .map(|s| {
            let kind = s.kind;
            let share = s.clone();
            view! {
                <tr>
                    <th scope="row">{move || share_label(kind, i18n.get_locale())}</th>
                    <td>{s.count} " / " {s.of}</td>
                    <td>{move || percent_text(&share, i18n.get_locale())}</td>
                    <td>{s.goal_percent} " %"</td>
                    <td>{tr_if!(s.meets_goal, report.met, report.not_met)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="report-term-heading">
            <h2 id="report-term-heading">
                {move || term_label(term, i18n.get_locale())}
            </h2>
            <p>{tr!(report.as_of)} " " {report.as_of.to_string()}</p>
            <p class="report-participants">
                <strong>{tr!(report.participants)} ": " {report.participants}</strong>
                " (" {tr!(report.new_participants)} " " {report.new_participants} ")"
            </p>
            <BarChart title=label!(report.chart_label) parts rows=bar_count row=ROW caption=label!(report.chart_caption)>
                {bars}
            </BarChart>
            <Table
                id="report-caption"
                caption=label!(report.table_caption)
                heads=vec![
                    label!(report.figure),
                    label!(report.count),
                    label!(report.share),
                    label!(report.goal),
                    label!(report.verdict),
                ]
            >
                {rows}
            </Table>
        </section>
    }
}
