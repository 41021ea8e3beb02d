//! Reads cost what their window costs: the free times for one day, a young
//! person's week and a staff member's day, measured before and after 10,000
//! rows outside their window are loaded straight into the bench database
//! (time off, bookings, "can't come"); the bench fails when one read is more
//! than [`MOST_SLOWER`] times slower with them.

use std::path::Path;

use super::{measure, sign_in};
use crate::proc::{self, cmd};
use crate::{Result, step};

/// The most a read may slow down with 10,000 rows outside its window.
const MOST_SLOWER: f64 = 1.2;
/// Connections and seconds per measurement. Ten connections, not fifty: the
/// staff's day writes an audit entry per request, and what is compared here
/// is the read's cost, not the queue of writers.
const LOAD: (u32, u32) = (10, 5);
/// Runs per read and state, the best kept (the machine may be busy).
const RUNS: u32 = 3;
/// The demo study and career counsellor (the first session type's staff).
const SVEN: &str = "sven.berg@lotsen.example";
/// A demo young person with activities on their schedule.
const OMAR: &str = "omar.ali@lotsen.example";
/// Another demo young person, booked with Sven in the loaded rows.
const ELSA: &str = "elsa.nilsson@lotsen.example";

/// The rows loaded: for each table, 5,000 before the window (the days before
/// now; "can't come" from 1990) and 5,000 after it (from 60 days ahead;
/// "can't come" from 2030). `{n}` is a count from 1 to 5,000.
fn load_sql() -> String {
    let numbers = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)";
    let id = |email: &str| format!("(SELECT id FROM accounts WHERE email = '{email}')");
    let (sven, omar, elsa) = (id(SVEN), id(OMAR), id(ELSA));
    let now = "CAST(strftime('%s', 'now') AS INTEGER)";
    let mut sql = String::from("BEGIN IMMEDIATE;\n");
    for (days, status, first_date) in [
        ("-i", "attended", "1990-01-01"),
        ("60 + i", "booked", "2030-01-01"),
    ] {
        let start = format!("{now} + ({days}) * 86400");
        sql.push_str(&format!(
            "INSERT INTO time_off (staff_id, starts_at, ends_at, reason) \
             {numbers} SELECT {sven}, {start}, {start} + 3600, 'bench' FROM n;\n\
             INSERT INTO bookings (session_type_id, staff_id, youth_id, starts_at, ends_at, blocks_until, \
             status, note, created_by, created_at) {numbers} SELECT 1, {sven}, {elsa}, {start} + 1800, \
             {start} + 5400, {start} + 5400, '{status}', 'bench', {sven}, {now} FROM n;\n\
             INSERT INTO absences (youth_id, activity_id, date, reason, reported_at) {numbers} \
             SELECT {omar}, (SELECT MIN(activity_id) FROM assignments WHERE youth_id = {omar}), \
             date('{first_date}', '+' || i || ' days'), 'bench', {now} FROM n;\n"
        ));
    }
    sql.push_str("COMMIT;\n");
    sql
}

/// The reads measured: (name, path, login). `{week}` is this week's query.
const READS: [(&str, &str, &str); 3] = [
    (
        "free times, one day",
        "/api/booking/session-types/1/free-times?days=1",
        OMAR,
    ),
    ("my week", "/api/me/schedule?{week}", OMAR),
    ("staff day", "/api/staff/me/bookings", SVEN),
];

/// Requests per second and p99 (ms) of each read, the best of [`RUNS`].
fn measure_all(addr: &str, reads: &[(&str, String, String)]) -> Result<Vec<(f64, f64)>> {
    reads
        .iter()
        .map(|(_, path, cookie)| {
            (0..RUNS).try_fold((0.0_f64, f64::MAX), |(rps, p99), _| {
                let (_, p99_run, rps_run) = measure(addr, path, Some(cookie), LOAD)?;
                Ok((rps.max(rps_run), p99.min(p99_run)))
            })
        })
        .collect()
}

/// Measures, loads the rows into `db` (the server's SQLite file), measures
/// again; true when a read slowed down by more than [`MOST_SLOWER`].
pub fn run(addr: &str, db: &Path, week: &str) -> Result<bool> {
    step(
        "Reads cost their window (wrk, 10 connections, best of 3 × 5 s; 10,000 rows outside the window)",
    );
    let reads = READS
        .iter()
        .map(|(name, path, login)| Ok((*name, path.replace("{week}", week), sign_in(addr, login)?)))
        .collect::<Result<Vec<_>>>()?;
    let before = measure_all(addr, &reads)?;
    let mut sqlite = cmd("sqlite3");
    sqlite
        .args(["-cmd", ".timeout 10000"])
        .arg(db)
        .arg(load_sql());
    let (ok, out) = proc::run_capturing(&mut sqlite);
    if !ok {
        return Err(format!(
            "could not load the rows outside the window:\n{out}"
        ));
    }
    let after = measure_all(addr, &reads)?;
    let mut over = false;
    for (((name, _, _), (rps_0, p99_0)), (rps_1, p99_1)) in reads.iter().zip(&before).zip(&after) {
        let slower = rps_0 / rps_1;
        let bad = slower > MOST_SLOWER;
        over |= bad;
        println!(
            "    {name:<20} {rps_0:>7.0} → {rps_1:>7.0} req/s   p99 {p99_0:>6.2} → {p99_1:>6.2} ms   {slower:.2}× (at most {MOST_SLOWER}×): {}",
            if bad { "OVER BUDGET" } else { "within budget" }
        );
    }
    Ok(over)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_ten_thousand_rows_per_table_outside_the_window() {
        let sql = load_sql();
        assert_eq!(sql.matches("INSERT INTO time_off").count(), 2);
        assert_eq!(sql.matches("INSERT INTO bookings").count(), 2);
        assert_eq!(sql.matches("INSERT INTO absences").count(), 2);
        assert!(sql.contains("WHERE i < 5000"));
        assert!(sql.ends_with("COMMIT;\n"));
    }
}
