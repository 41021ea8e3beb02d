//! The half-year report to SCB: the rows against a hand-checked fixture of 25
//! young people whose registrations, contacts, measures and deregistrations
//! cross the edges of 2026-H1, the same rows read back from the xlsx, the
//! checks, the configuration file, the figures, and the window the store reads.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use lotsen_api::ErrorCode;
use lotsen_api::register::DeregistrationReason;
use lotsen_api::register::scb::{RegisterFigures, ScbCheck, ScbReport};
use serde_json::Value;

use super::fixture::RegisterFixture;
use crate::helpers::internals::{SCB_DEFAULT_CONFIG, SCB_WINDOW_SQL, ScbConfig};
use crate::helpers::{ANNA, Session, TestApp};

/// The expected CSV of 2026-H1, checked by hand against [`seed`] (one row per
/// young person in the register during the half-year, by personnummer).
const EXPECTED_H1: &str = include_str!("../../fixtures/register/scb-2026-H1.csv");

/// A period or a measure: its start, its reason or code, and its end (date and reason).
type Span = (
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
);
/// A contact: date, to whom (`youth`/`guardian`), outcome, occupation when reached.
type Call = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);
/// A young person: name, personnummer, periods, contacts, measures.
type Young = (
    &'static str,
    &'static str,
    &'static [Span],
    &'static [Call],
    &'static [Span],
);

/// The register as the fixture file describes it; the comment says which
/// edge of 2026-H1 (1 January–30 June) each young person tries.
#[rustfmt::skip]
const REGISTER: [Young; 25] = [
    // A: registered before, still open, never reached.
    ("A Andersson", "200803121011", &[("2025-09-01", "dropped_out", None)], &[], &[]),
    // B: registered before, deregistered inside; a contact before and one inside.
    ("B Berg", "200711051029", &[("2025-10-15", "leaving_certificate", Some(("2026-03-31", "started_education")))],
        &[("2025-11-02", "youth", "reached", Some("work")), ("2026-02-10", "youth", "reached", Some("studies"))], &[]),
    // C: registered inside and still open; no answer, reached, reached after.
    ("C Carlsson", "200906201033", &[("2026-02-01", "never_started", None)],
        &[("2026-02-05", "youth", "no_answer", None), ("2026-02-10", "youth", "reached", Some("none")),
          ("2026-07-03", "youth", "reached", Some("work"))], &[]),
    // D: deregistered before the half-year: not in it.
    ("D Dahl", "200701011041", &[("2025-03-01", "moved_in", Some(("2025-12-20", "moved_away")))], &[], &[]),
    // E: registered after the half-year (reached before it): not in it.
    ("E Ek", "201002021051", &[("2026-07-01", "dropped_out", None)], &[("2026-06-20", "youth", "reached", Some("none"))], &[]),
    // F: turned 20 inside; a measure begun before and never ended.
    ("F Falk", "200602141061", &[("2025-08-20", "dropped_out", Some(("2026-02-14", "turned_20")))],
        &[("2026-01-20", "youth", "reached", Some("none"))], &[("2025-12-01", "guidance", None)]),
    // G: registered on the last day; reached two days after the half-year.
    ("G Gran", "201001151073", &[("2026-06-30", "school_notice", None)], &[("2026-07-02", "youth", "reached", Some("work"))], &[]),
    // H: deregistered on the first day.
    ("H Holm", "200808081087", &[("2025-12-31", "dropped_out", Some(("2026-01-01", "completed_education")))], &[], &[]),
    // I: deregistered the day before the first day: not in it.
    ("I Isaksson", "200707071098", &[("2025-06-01", "dropped_out", Some(("2025-12-31", "other")))], &[], &[]),
    // J: measures ended before, ended inside, ended after, begun after; three contacts inside.
    ("J Jonsson", "200802291104", &[("2025-11-01", "moved_in", None)],
        &[("2026-03-03", "youth", "reached", Some("other")), ("2026-04-04", "youth", "reached", Some("work")),
          ("2026-05-05", "youth", "reached", Some("studies"))],
        &[("2025-09-01", "motivation", Some(("2025-12-31", "discontinued"))), ("2025-11-15", "work_practice", Some(("2026-01-31", "completed"))),
          ("2026-05-01", "adult_education", Some(("2026-08-31", "moved_on"))), ("2026-07-15", "job_support", None)]),
    // K: deregistered and registered again inside; a contact between the two (a seeded inconsistency).
    ("K Karlsson", "200901011114", &[("2025-09-01", "dropped_out", Some(("2026-02-15", "moved_away"))), ("2026-04-20", "moved_in", None)],
        &[("2026-03-10", "youth", "reached", Some("work")), ("2026-05-02", "youth", "reached", Some("studies"))], &[]),
    // L: reached on the 14th day after registration.
    ("L Lund", "200903031128", &[("2026-03-01", "dropped_out", None)], &[("2026-03-15", "youth", "reached", Some("none"))], &[]),
    // M: reached on the 15th day.
    ("M Malm", "200904041134", &[("2026-03-01", "other", None)], &[("2026-03-16", "youth", "reached", Some("work"))], &[]),
    // N: registered at the end, reached within 2 weeks but after the half-year.
    ("N Nord", "201005051147", &[("2026-06-25", "leaving_certificate", None)], &[("2026-07-05", "youth", "reached", Some("studies"))], &[]),
    // O: every rung failed.
    ("O Olsson", "200806061156", &[("2025-12-01", "school_notice", None)],
        &[("2026-01-10", "youth", "message_left", None), ("2026-01-12", "youth", "wrong_number", None),
          ("2026-01-20", "youth", "declined", None)], &[]),
    // P: THE SEEDED INCONSISTENCY, a measure ending before it starts.
    ("P Persson", "200909091167", &[("2026-01-15", "dropped_out", None)], &[("2026-01-20", "youth", "reached", Some("none"))],
        &[("2026-03-10", "motivation", Some(("2026-03-01", "discontinued")))]),
    // Q: a measure over the whole half-year; deregistered on the last day.
    ("Q Quist", "200710101171", &[("2025-10-01", "never_started", Some(("2026-06-30", "started_education")))], &[],
        &[("2026-01-01", "folk_high_school", Some(("2026-06-30", "completed")))]),
    // R: deregistered after the half-year (not reported); reached on its last day.
    ("R Ring", "200712121185", &[("2025-11-20", "dropped_out", Some(("2026-08-15", "started_education")))],
        &[("2026-06-30", "youth", "reached", Some("work"))], &[]),
    // S: three measures, one still under way.
    ("S Sund", "200911111193", &[("2026-01-05", "moved_in", None)], &[],
        &[("2026-01-10", "guidance", Some(("2026-02-10", "completed"))), ("2026-02-15", "employment_service", None),
          ("2026-06-01", "social_services", Some(("2026-06-20", "other")))]),
    // T: reached only before the half-year (the latest occupation known).
    ("T Torn", "200801181207", &[("2026-02-20", "dropped_out", None)], &[("2025-12-01", "youth", "reached", Some("other"))], &[]),
    // U: registered on the first day, deregistered inside, everything inside.
    ("U Ulf", "200907251219", &[("2026-01-01", "leaving_certificate", Some(("2026-05-31", "other")))],
        &[("2026-01-02", "youth", "reached", Some("none"))], &[("2026-01-03", "other", Some(("2026-05-31", "other")))]),
    // V: deregistered before; a contact logged inside all the same: not in it.
    ("V Vik", "200703301226", &[("2025-01-10", "dropped_out", Some(("2025-11-30", "moved_away")))],
        &[("2026-02-01", "youth", "reached", Some("work"))], &[]),
    // W: a guardian reached.
    ("W Wall", "200812241230", &[("2025-12-15", "dropped_out", None)], &[("2026-01-05", "guardian", "reached", Some("studies"))],
        &[("2026-01-20", "upper_secondary", None)]),
    // X: no answer, then reached within a week; a measure from May.
    ("X Xing", "201003011242", &[("2026-04-01", "dropped_out", None)],
        &[("2026-04-02", "youth", "no_answer", None), ("2026-04-09", "youth", "reached", Some("work"))],
        &[("2026-05-01", "job_support", None)]),
    // Y: turned 20 inside, never reached.
    ("Y Yngve", "200604101253", &[("2025-07-01", "other", Some(("2026-04-10", "turned_20")))], &[], &[]),
];

/// Writes [`REGISTER`]; the ids of P (the measure ending before it starts)
/// and K (a contact between two periods).
async fn seed(app: &TestApp) -> (i64, i64) {
    let f = RegisterFixture::new(app).await;
    let (mut p, mut k) = (0, 0);
    for (name, personnummer, periods, contacts, measures) in REGISTER {
        let id = f.youth(name, personnummer).await;
        for (on, reason, off) in periods {
            f.period(id, on, reason, *off).await;
        }
        for (on, recipient, outcome, occupation) in contacts {
            f.contact(id, on, recipient, outcome, *occupation).await;
        }
        for (start, code, end) in measures {
            f.measure(id, code, start, *end).await;
        }
        match name {
            "P Persson" => p = id,
            "K Karlsson" => k = id,
            _ => {}
        }
    }
    (p, k)
}

async fn seeded() -> (TestApp, Session, i64, i64) {
    let app = TestApp::with_demo().await;
    let (p, k) = seed(&app).await;
    let anna = app.demo(ANNA).await;
    (app, anna, p, k)
}

/// The JSON report of 2026-H1, as `session`.
async fn h1_report(app: &TestApp, session: &Session) -> ScbReport {
    app.get_as("/api/register/reports/scb?period=2026-H1", session)
        .await
        .assert_status(200)
        .json()
}

/// The rows of the xlsx's one worksheet, every cell as text.
fn xlsx_rows(bytes: &[u8], sheet: &str) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(workbook.sheet_names(), [sheet]);
    let range = workbook.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("a cell that is not text: {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The rows of a CSV text.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.split_terminator("\r\n")
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_export_matches_the_hand_checked_fixture_in_csv_xlsx_and_json() {
    let (app, anna, _, _) = seeded().await;
    let csv = app
        .get_as("/api/register/reports/scb.csv?period=2026-H1", &anna)
        .await
        .assert_status(200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"scb-kaa-2026-H1.csv\"")
    );
    assert_eq!(csv.text(), EXPECTED_H1);
    let expected = csv_rows(EXPECTED_H1);
    assert_eq!(expected.len(), 22, "the header and 21 young people");

    let xlsx = app
        .get_as("/api/register/reports/scb.xlsx?period=2026-H1", &anna)
        .await
        .assert_status(200);
    assert_eq!(
        xlsx.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    assert_eq!(xlsx.header("cache-control"), Some("no-store"));
    let mut read_back = xlsx_rows(&xlsx.body, "2026-H1");
    // calamine leaves out the trailing empty cells of a row's end; pad them.
    for row in &mut read_back {
        row.resize(expected[0].len(), String::new());
    }
    assert_eq!(read_back, expected);

    let report: ScbReport = h1_report(&app, &anna).await;
    assert_eq!(report.columns, expected[0]);
    assert_eq!(report.rows, expected[1..]);
    assert_eq!(report.first_day.to_string(), "2026-01-01");
    assert_eq!(report.last_day.to_string(), "2026-06-30");
}

#[tokio::test]
async fn the_checks_catch_the_seeded_inconsistencies() {
    let (app, anna, p, k) = seeded().await;
    let report: ScbReport = h1_report(&app, &anna).await;
    let found: Vec<(i64, &str, ScbCheck)> = report
        .problems
        .iter()
        .map(|problem| (problem.youth_id, problem.name.as_str(), problem.check))
        .collect();
    assert_eq!(
        found,
        [
            (k, "K Karlsson", ScbCheck::ContactOutsideRegistration),
            (p, "P Persson", ScbCheck::MeasureEndsBeforeStart),
        ]
    );
    assert!(
        report.problems[0]
            .detail
            .ends_with("on 2026-03-10: registered 2026-04-20")
    );
    assert!(
        report.problems[1]
            .detail
            .ends_with("(motivation): start 2026-03-10, end 2026-03-01")
    );

    // Corrected, the check has nothing more to say about P.
    app.execute(&format!(
        "UPDATE register_measures SET actual_end = '2026-03-20' WHERE youth_id = {p}"
    ))
    .await
    .unwrap();
    let report: ScbReport = h1_report(&app, &anna).await;
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].youth_id, k);
}

#[tokio::test]
async fn the_configuration_file_renames_columns_and_remaps_codes_without_code_changes() {
    let (app, anna, _, _) = seeded().await;
    let mut config: Value = serde_json::from_str(SCB_DEFAULT_CONFIG).unwrap();
    config["columns"][0]["name"] = "PersonNr".into();
    config["codes"]["registration_reason"]["dropped_out"] = "01".into();
    config["date_style"] = "compact".into();
    let config = ScbConfig::parse(&config.to_string()).unwrap();
    let app = app.with_scb_config(config);
    let csv = app
        .get_as("/api/register/reports/scb.csv?period=2026-H1", &anna)
        .await
        .assert_status(200);
    let rows = csv_rows(csv.text());
    assert_eq!(rows[0][0], "PersonNr");
    assert_eq!(rows[0][1..], csv_rows(EXPECTED_H1)[0][1..]);
    // A (dropped out, 2025-09-01) and C (never started) as the file now says.
    let a = rows.iter().find(|r| r[0] == "200803121011").unwrap();
    assert_eq!((a[1].as_str(), a[2].as_str()), ("20250901", "01"));
    let c = rows.iter().find(|r| r[0] == "200906201033").unwrap();
    assert_eq!((c[1].as_str(), c[2].as_str()), ("20260201", "3"));
}

#[tokio::test]
async fn the_figures_count_the_half_year() {
    let (app, anna, _, _) = seeded().await;
    let figures: RegisterFigures = app
        .get_as("/api/register/reports/figures?period=2026-H1", &anna)
        .await
        .assert_status(200)
        .json();
    assert_eq!(figures.period, "2026-H1");
    assert_eq!(figures.in_register, 21);
    // C, G, K (again), L, M, N, P, S, T, U, X.
    assert_eq!(figures.registered, 11);
    // B, C, F, J, K, L, M, P, R, U, W, X.
    assert_eq!(figures.reached, 12);
    // C (day 9), G (day 2, after the half-year), K (day 12), L (day 14), N, P, U, X; not M (day 15), S, T.
    assert_eq!(figures.reached_within_2_weeks, 8);
    // F, J, P, Q, S, U, W, X.
    assert_eq!(figures.with_measure, 8);
    let by_reason: Vec<(DeregistrationReason, i64)> = figures
        .deregistered
        .iter()
        .map(|c| (c.reason, c.count))
        .collect();
    assert_eq!(
        by_reason,
        [
            (DeregistrationReason::Turned20, 2),
            (DeregistrationReason::StartedEducation, 2),
            (DeregistrationReason::CompletedEducation, 1),
            (DeregistrationReason::MovedAway, 1),
            (DeregistrationReason::Other, 1),
        ]
    );
}

#[tokio::test]
async fn reading_the_report_is_audited_for_everyone_in_it() {
    let (app, anna, p, _) = seeded().await;
    app.get_as("/api/register/reports/scb.csv?period=2026-H1", &anna)
        .await
        .assert_status(200);
    let action = "read_scb_report";
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
        ))
        .await,
        21
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND youth_id = {p}"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn a_bad_period_is_a_bad_request_and_none_is_the_current_half_year() {
    let (app, anna, _, _) = seeded().await;
    for bad in [
        "2026",
        "2026-H3",
        "2026-h1",
        "1999-H1",
        "x",
        "2026-H1%00",
        "%FF",
    ] {
        for path in ["scb", "scb.csv", "scb.xlsx", "figures"] {
            app.get_as(&format!("/api/register/reports/{path}?period={bad}"), &anna)
                .await
                .assert_error(ErrorCode::BadRequest, "sv");
        }
    }
    // The test clock stands in November 2026.
    let report: ScbReport = app
        .get_as("/api/register/reports/scb", &anna)
        .await
        .assert_status(200)
        .json();
    assert_eq!(report.period, "2026-H2");
}

#[tokio::test]
async fn the_store_reads_the_window_through_its_index() {
    let app = TestApp::new().await;
    // Years of history outside the window: 2 000 periods that ended in 2016.
    app.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
         INSERT INTO accounts (role, name, created_at) SELECT 'youth', 'Tidigare ung', 0 FROM n",
    )
    .await
    .unwrap();
    app.execute(
        "INSERT INTO youth (account_id, personnummer) \
         SELECT id, CAST(199700000000 + id AS TEXT) FROM accounts WHERE name = 'Tidigare ung'",
    )
    .await
    .unwrap();
    app.execute(
        "INSERT INTO register_periods (youth_id, registered_on, registration_reason, recorded_at, \
         deregistered_on, deregistration_reason, deregistered_at) \
         SELECT account_id, '2015-09-01', 'dropped_out', 0, '2016-06-01', 'turned_20', 0 FROM youth",
    )
    .await
    .unwrap();
    app.execute("ANALYZE register_periods").await.unwrap();
    let window = SCB_WINDOW_SQL
        .replace("$1", "'2026-01-01'")
        .replace("$2", "'2026-06-30'");
    let plan = app.plan(&window).await.join("\n");
    assert!(plan.contains("register_periods_deregistered"), "{plan}");
    assert!(
        !plan.contains("SCAN register_periods") && !plan.contains("Seq Scan on register_periods"),
        "{plan}"
    );
}
