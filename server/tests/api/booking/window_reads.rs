//! Reads cost what their window costs: with 10,000 rows outside the window
//! asked for, the free-times read and a young person's week touch only the
//! window. SQLite: the query plan bounds the range scan from both sides;
//! PostgreSQL: the rows the run actually touched in the table, counted.

use crate::helpers::internals::{AVAILABILITY_SQL, LONGEST_OCCUPIED_SECONDS, SCHEDULE_ROWS_SQL};
use crate::helpers::{KARIM, OMAR, SVEN, TestApp};

/// How many rows are put outside the window.
pub const OUTSIDE: i64 = 10_000;

/// `sql` with `$1`, `$2` … replaced by `args` (SQL literals), for EXPLAIN.
pub fn with_literals(sql: &str, args: &[String]) -> String {
    args.iter()
        .enumerate()
        .rev()
        .fold(sql.to_string(), |sql, (i, arg)| {
            sql.replace(&format!("${}", i + 1), arg)
        })
}

/// PostgreSQL: the rows the steps on `table` (as `on <table>` in the plan)
/// returned or removed by a filter, over every loop.
pub fn rows_touched(plan: &[String], table: &str) -> i64 {
    let number_after = |line: &str, key: &str| -> i64 {
        line.split(key)
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let mut on_table = false;
    let mut touched = 0;
    for line in plan {
        if line.contains("->") || !line.starts_with(' ') {
            on_table = line.contains(&format!(" on {table} "));
            if on_table {
                let actual = line.split("actual").nth(1).unwrap_or_default();
                touched += number_after(actual, "rows=") * number_after(actual, "loops=");
            }
        } else if on_table && line.contains("Rows Removed by") {
            touched += number_after(line, ": ");
        }
    }
    touched
}

/// Asserts that `sql` reads `table` (as `alias`) by a range bounded on both
/// sides (SQLite) or touches at most `most` of its rows (PostgreSQL).
pub async fn assert_window_sized(app: &TestApp, sql: &str, table: &str, alias: &str, most: i64) {
    // PostgreSQL gathers statistics by itself (autovacuum); the server never
    // runs ANALYZE on SQLite, whose planner goes by the indexes alone.
    if !app.is_sqlite() {
        app.execute("ANALYZE").await.unwrap();
    }
    let plan = app.plan(sql).await;
    if app.is_sqlite() {
        let steps: Vec<&String> = plan
            .iter()
            .filter(|l| l.contains(&format!(" {alias} ")) || l.ends_with(&format!(" {alias}")))
            .collect();
        assert!(!steps.is_empty(), "{table} is not read: {plan:#?}");
        for step in steps {
            assert!(
                step.starts_with("SEARCH") && step.contains(">? AND ") && step.contains("<?)"),
                "{table} is not read by a range bounded on both sides: {step}\n{plan:#?}"
            );
        }
    } else {
        let touched = rows_touched(&plan, table);
        assert!(
            touched <= most,
            "{table}: {touched} rows touched, at most {most} expected\n{}",
            plan.join("\n")
        );
    }
}

#[tokio::test]
async fn free_times_read_only_the_window_of_time_off() {
    let app = TestApp::with_demo().await;
    let sven = app.account_id(SVEN).await;
    let now = app.state.clock.unix_seconds();
    // An hour off on each of 5,000 past days and 5,000 days from a month ahead.
    let days = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)";
    for (first, sign) in [(0, -1), (30, 1)] {
        let start = format!("{now} + {sign} * ({first} + CAST(i AS BIGINT)) * 86400");
        let added = app
            .execute(&format!(
                "INSERT INTO time_off (staff_id, starts_at, ends_at) \
                 {days} SELECT {sven}, {start}, {start} + 3600 FROM n"
            ))
            .await
            .unwrap();
        assert_eq!(added as i64, OUTSIDE / 2);
    }
    let sql = with_literals(
        AVAILABILITY_SQL,
        &[
            "'study_counsellor'".into(),
            sven.to_string(),
            now.to_string(),
            (now + 86_400).to_string(),
            LONGEST_OCCUPIED_SECONDS.to_string(),
        ],
    );
    // The staff member's longest time off is one step; the window holds none.
    assert_window_sized(&app, &sql, "time_off", "t", 2).await;
    // Bookings and group sessions are read by a range bounded the same way.
    if app.is_sqlite() {
        assert_window_sized(&app, &sql, "bookings", "b", 0).await;
        assert_window_sized(&app, &sql, "group_sessions", "g", 0).await;
    }
}

#[tokio::test]
async fn a_week_reads_only_its_own_absences() {
    let app = TestApp::with_demo().await;
    let karim = app.account_id(KARIM).await;
    let omar = app.account_id(OMAR).await;
    app.execute(&format!(
        "INSERT INTO activities (title, kind, start_minute, end_minute, first_date, last_date, \
         created_by, created_at, updated_at) \
         VALUES ('Studiestöd', 'study_room', 600, 660, '1990-01-01', '2050-12-31', {karim}, 0, 0)"
    ))
    .await
    .unwrap();
    // "Can't come" on 5,000 days from 1990 and 5,000 days from 2030.
    let days = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999)";
    for first in ["1990-01-01", "2030-01-01"] {
        let date = if app.is_sqlite() {
            format!("date('{first}', '+' || i || ' days')")
        } else {
            format!("to_char(DATE '{first}' + i, 'YYYY-MM-DD')")
        };
        let added = app
            .execute(&format!(
                "INSERT INTO absences (youth_id, activity_id, date, reported_at) \
                 {days} SELECT {omar}, (SELECT MAX(id) FROM activities), {date}, 0 FROM n"
            ))
            .await
            .unwrap();
        assert_eq!(added as i64, OUTSIDE / 2);
    }
    let sql = with_literals(
        SCHEDULE_ROWS_SQL,
        &[
            omar.to_string(),
            "'2026-11-09'".into(),
            "'2026-12-13'".into(),
            "'2026-11-23'".into(),
            "'2026-11-29'".into(),
        ],
    );
    assert_window_sized(&app, &sql, "absences", "absences", 0).await;
}
