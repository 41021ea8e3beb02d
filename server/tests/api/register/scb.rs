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

/// The register as the fixture file describes it. Letters name the young
/// people; the comment says which edge of 2026-H1 (1 January–30 June) each one
/// tries. Returns the ids of P (the measure ending before it starts) and K
/// (a contact between two periods).
async fn seed(app: &TestApp) -> (i64, i64) {
    let f = RegisterFixture::new(app).await;
    // A: registered before, still open, never reached.
    let a = f.youth("A Andersson", "200803121011").await;
    f.period(a, "2025-09-01", "dropped_out", None).await;
    // B: registered before, deregistered inside; a contact before and one inside.
    let b = f.youth("B Berg", "200711051029").await;
    f.period(
        b,
        "2025-10-15",
        "leaving_certificate",
        Some(("2026-03-31", "started_education")),
    )
    .await;
    f.contact(b, "2025-11-02", "reached", Some("work")).await;
    f.contact(b, "2026-02-10", "reached", Some("studies")).await;
    // C: registered inside and still open; no answer, reached, reached after.
    let c = f.youth("C Carlsson", "200906201033").await;
    f.period(c, "2026-02-01", "never_started", None).await;
    f.contact(c, "2026-02-05", "no_answer", None).await;
    f.contact(c, "2026-02-10", "reached", Some("none")).await;
    f.contact(c, "2026-07-03", "reached", Some("work")).await;
    // D: deregistered before the half-year: not in it.
    let d = f.youth("D Dahl", "200701011041").await;
    f.period(
        d,
        "2025-03-01",
        "moved_in",
        Some(("2025-12-20", "moved_away")),
    )
    .await;
    // E: registered after the half-year: not in it.
    let e = f.youth("E Ek", "201002021051").await;
    f.period(e, "2026-07-01", "dropped_out", None).await;
    f.contact(e, "2026-06-20", "reached", Some("none")).await;
    // F: turned 20 inside; a measure begun before and never ended.
    let f_ = f.youth("F Falk", "200602141061").await;
    f.period(
        f_,
        "2025-08-20",
        "dropped_out",
        Some(("2026-02-14", "turned_20")),
    )
    .await;
    f.contact(f_, "2026-01-20", "reached", Some("none")).await;
    f.measure(f_, "guidance", "2025-12-01", None).await;
    // G: registered on the last day; reached two days after the half-year.
    let g = f.youth("G Gran", "201001151073").await;
    f.period(g, "2026-06-30", "school_notice", None).await;
    f.contact(g, "2026-07-02", "reached", Some("work")).await;
    // H: deregistered on the first day.
    let h = f.youth("H Holm", "200808081087").await;
    f.period(
        h,
        "2025-12-31",
        "dropped_out",
        Some(("2026-01-01", "completed_education")),
    )
    .await;
    // I: deregistered the day before the first day: not in it.
    let i = f.youth("I Isaksson", "200707071098").await;
    f.period(
        i,
        "2025-06-01",
        "dropped_out",
        Some(("2025-12-31", "other")),
    )
    .await;
    // J: measures across both edges (ended before, ended inside, ended after,
    // begun after); three contacts inside.
    let j = f.youth("J Jonsson", "200802291104").await;
    f.period(j, "2025-11-01", "moved_in", None).await;
    f.measure(
        j,
        "motivation",
        "2025-09-01",
        Some(("2025-12-31", "discontinued")),
    )
    .await;
    f.measure(
        j,
        "work_practice",
        "2025-11-15",
        Some(("2026-01-31", "completed")),
    )
    .await;
    f.measure(
        j,
        "adult_education",
        "2026-05-01",
        Some(("2026-08-31", "moved_on")),
    )
    .await;
    f.measure(j, "job_support", "2026-07-15", None).await;
    f.contact(j, "2026-03-03", "reached", Some("other")).await;
    f.contact(j, "2026-04-04", "reached", Some("work")).await;
    f.contact(j, "2026-05-05", "reached", Some("studies")).await;
    // K: deregistered and registered again inside; a contact between the two.
    let k = f.youth("K Karlsson", "200901011114").await;
    f.period(
        k,
        "2025-09-01",
        "dropped_out",
        Some(("2026-02-15", "moved_away")),
    )
    .await;
    f.period(k, "2026-04-20", "moved_in", None).await;
    f.contact(k, "2026-03-10", "reached", Some("work")).await;
    f.contact(k, "2026-05-02", "reached", Some("studies")).await;
    // L: reached on the 14th day after registration.
    let l = f.youth("L Lund", "200903031128").await;
    f.period(l, "2026-03-01", "dropped_out", None).await;
    f.contact(l, "2026-03-15", "reached", Some("none")).await;
    // M: reached on the 15th day.
    let m = f.youth("M Malm", "200904041134").await;
    f.period(m, "2026-03-01", "other", None).await;
    f.contact(m, "2026-03-16", "reached", Some("work")).await;
    // N: registered at the end, reached within 2 weeks but after the half-year.
    let n = f.youth("N Nord", "201005051147").await;
    f.period(n, "2026-06-25", "leaving_certificate", None).await;
    f.contact(n, "2026-07-05", "reached", Some("studies")).await;
    // O: every rung failed.
    let o = f.youth("O Olsson", "200806061156").await;
    f.period(o, "2025-12-01", "school_notice", None).await;
    f.contact(o, "2026-01-10", "message_left", None).await;
    f.contact(o, "2026-01-12", "wrong_number", None).await;
    f.contact(o, "2026-01-20", "declined", None).await;
    // P: THE SEEDED INCONSISTENCY, a measure ending before it starts.
    let p = f.youth("P Persson", "200909091167").await;
    f.period(p, "2026-01-15", "dropped_out", None).await;
    f.contact(p, "2026-01-20", "reached", Some("none")).await;
    f.measure(
        p,
        "motivation",
        "2026-03-10",
        Some(("2026-03-01", "discontinued")),
    )
    .await;
    // Q: a measure over the whole half-year; deregistered on the last day.
    let q = f.youth("Q Quist", "200710101171").await;
    f.period(
        q,
        "2025-10-01",
        "never_started",
        Some(("2026-06-30", "started_education")),
    )
    .await;
    f.measure(
        q,
        "folk_high_school",
        "2026-01-01",
        Some(("2026-06-30", "completed")),
    )
    .await;
    // R: deregistered after the half-year (not reported); reached on its last day.
    let r = f.youth("R Ring", "200712121185").await;
    f.period(
        r,
        "2025-11-20",
        "dropped_out",
        Some(("2026-08-15", "started_education")),
    )
    .await;
    f.contact(r, "2026-06-30", "reached", Some("work")).await;
    // S: three measures, one still under way.
    let s = f.youth("S Sund", "200911111193").await;
    f.period(s, "2026-01-05", "moved_in", None).await;
    f.measure(
        s,
        "guidance",
        "2026-01-10",
        Some(("2026-02-10", "completed")),
    )
    .await;
    f.measure(s, "employment_service", "2026-02-15", None).await;
    f.measure(
        s,
        "social_services",
        "2026-06-01",
        Some(("2026-06-20", "other")),
    )
    .await;
    // T: reached only before the half-year (the latest occupation known).
    let t = f.youth("T Torn", "200801181207").await;
    f.period(t, "2026-02-20", "dropped_out", None).await;
    f.contact(t, "2025-12-01", "reached", Some("other")).await;
    // U: registered on the first day, deregistered inside, everything inside.
    let u = f.youth("U Ulf", "200907251219").await;
    f.period(
        u,
        "2026-01-01",
        "leaving_certificate",
        Some(("2026-05-31", "other")),
    )
    .await;
    f.contact(u, "2026-01-02", "reached", Some("none")).await;
    f.measure(u, "other", "2026-01-03", Some(("2026-05-31", "other")))
        .await;
    // V: deregistered before; a contact logged inside all the same: not in it.
    let v = f.youth("V Vik", "200703301226").await;
    f.period(
        v,
        "2025-01-10",
        "dropped_out",
        Some(("2025-11-30", "moved_away")),
    )
    .await;
    f.contact(v, "2026-02-01", "reached", Some("work")).await;
    // W: a guardian reached.
    let w = f.youth("W Wall", "200812241230").await;
    f.period(w, "2025-12-15", "dropped_out", None).await;
    f.contact_to(w, "2026-01-05", "guardian", "reached", Some("studies"))
        .await;
    f.measure(w, "upper_secondary", "2026-01-20", None).await;
    // X: no answer, then reached within a week; a measure from May.
    let x = f.youth("X Xing", "201003011242").await;
    f.period(x, "2026-04-01", "dropped_out", None).await;
    f.contact(x, "2026-04-02", "no_answer", None).await;
    f.contact(x, "2026-04-09", "reached", Some("work")).await;
    f.measure(x, "job_support", "2026-05-01", None).await;
    // Y: turned 20 inside, never reached.
    let y = f.youth("Y Yngve", "200604101253").await;
    f.period(y, "2025-07-01", "other", Some(("2026-04-10", "turned_20")))
        .await;
    (p, k)
}

async fn seeded() -> (TestApp, Session, i64, i64) {
    let app = TestApp::with_demo().await;
    let (p, k) = seed(&app).await;
    let anna = app.demo(ANNA).await;
    (app, anna, p, k)
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

    let report: ScbReport = app
        .get_as("/api/register/reports/scb?period=2026-H1", &anna)
        .await
        .assert_status(200)
        .json();
    assert_eq!(report.columns, expected[0]);
    assert_eq!(report.rows, expected[1..]);
    assert_eq!(report.first_day.to_string(), "2026-01-01");
    assert_eq!(report.last_day.to_string(), "2026-06-30");
}

#[tokio::test]
async fn the_checks_catch_the_seeded_inconsistencies() {
    let (app, anna, p, k) = seeded().await;
    let report: ScbReport = app
        .get_as("/api/register/reports/scb?period=2026-H1", &anna)
        .await
        .assert_status(200)
        .json();
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
    let report: ScbReport = app
        .get_as("/api/register/reports/scb?period=2026-H1", &anna)
        .await
        .json();
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
