//! `cargo xtask bench`: what the app costs to download and how fast the API answers.
//!
//! Budgets (from the project's standing bars): the first load at most 150 KB
//! brotli on the critical path; a young person's phone journey and each
//! further area within the goals of issue 16 (`journey.rs`); Lighthouse
//! mobile on the start, sign-in and Today pages (`lighthouse.rs`); API reads under
//! 10 ms p99 at 50 concurrent users.
//! The command fails when a budget is broken.

use std::path::Path;

use chrono::{Days, NaiveDate, Weekday};

use crate::build::{self, Profile};
use crate::proc::{self, cmd};
use crate::server::{Server, free_port, http_post_json};
use crate::{Result, root, step, tools};

mod window;

/// The first-load budget in bytes (brotli).
const FIRST_LOAD_BUDGET: u64 = 150 * 1000;
/// The p99 budget for API reads, in milliseconds.
const P99_BUDGET_MS: f64 = 10.0;

/// The API reads measured: (name, path, who is signed in, if anyone). The
/// signed-in ones go through the session lookup and access control; the staff
/// list of young people also writes its audit-log entry. `{week}` is this
/// week's `from=…&to=…` (Monday to Sunday): the young person's schedule of the
/// demo week.
const READS: &[(&str, &str, Option<&str>)] = &[
    ("health", "/api/health", None),
    ("me", "/api/me", Some(YOUTH)),
    ("youth list", "/api/youth", Some(STAFF)),
    ("my week", "/api/me/schedule?{week}", Some(YOUTH)),
];
/// Demo logins (server/src/demo/mod.rs), password `lotsen-demo`.
const YOUTH: &str = "omar.ali@lotsen.example";
const STAFF: &str = "karim.haddad@lotsen.example";

pub fn run() -> Result {
    tools::ensure(tools::Set::Bench)?;
    build::spa()?;
    let dist = root().join("dist");
    let over_size = sizes(&dist)?;
    let binary = build::server(Profile::Release)?;
    let over_journey = crate::journey::run(&binary, &dist)?;
    let over_lighthouse = crate::lighthouse::run(&binary, &dist)?;
    let over_latency = latency(&binary)?;
    match (over_size, over_journey, over_lighthouse, over_latency) {
        (false, false, false, false) => Ok(()),
        _ => Err("a budget is broken (see above)".into()),
    }
}

/// Prints every file's raw and brotli size; true when the first load is over budget.
fn sizes(dist: &Path) -> Result<bool> {
    step("App size (brotli, as served)");
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    let mut critical = critical_path(&index);
    // The JS glue (index.html's module script; once a start-up script imported
    // it) fetches the wasm. Chunks themselves load later, on demand.
    for boot in critical.clone().iter().filter(|f| f.starts_with("boot-")) {
        let text = std::fs::read_to_string(dist.join(boot)).unwrap_or_default();
        critical.extend(quoted_paths(&text));
    }
    for script in critical.clone().iter().filter(|f| f.ends_with(".js")) {
        let text = std::fs::read_to_string(dist.join(script)).unwrap_or_default();
        critical.extend(relative_imports(&text));
        // The glue starts its wasm itself (by its default path, beside it).
        let wasm = format!("{}_bg.wasm", script.trim_end_matches(".js"));
        if dist.join(&wasm).is_file() {
            critical.push(wasm);
        }
    }
    let mut total = 0;
    let mut first_load = 0;
    println!("    {:>10} {:>10}  file", "raw", "brotli");
    for path in build::walk(dist) {
        if path.extension().is_some_and(|e| e == "br") {
            continue;
        }
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let br_path = path.with_extension(format!(
            "{}.br",
            path.extension().and_then(|e| e.to_str()).unwrap_or("")
        ));
        let br = std::fs::metadata(&br_path).map(|m| m.len()).unwrap_or(raw);
        let name = path
            .strip_prefix(dist)
            .unwrap_or(&path)
            .display()
            .to_string();
        let on_path = name == "index.html" || critical.iter().any(|c| c == &name);
        if on_path {
            first_load += br;
        }
        total += br;
        println!(
            "    {raw:>10} {br:>10}  {name}{}",
            if on_path { "  (first load)" } else { "" }
        );
    }
    println!("    total: {} bytes brotli", total);
    let over = first_load > FIRST_LOAD_BUDGET;
    println!(
        "    first load (critical path): {first_load} bytes brotli, budget {FIRST_LOAD_BUDGET}: {}",
        if over { "OVER BUDGET" } else { "within budget" }
    );
    Ok(over)
}

/// Files that `index.html` loads (`href`/`src` to local paths), without the leading `/`.
fn critical_path(index: &str) -> Vec<String> {
    let mut files = Vec::new();
    for attr in [" href=", " src="] {
        let mut rest = index;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            // Quoted, or (minified HTML) unquoted up to a space or the tag's end.
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest.split([' ', '>']).next().unwrap_or(""),
            };
            if let Some(local) = value.strip_prefix('/')
                && !local.starts_with('/')
                && !local.is_empty()
            {
                files.push(local.to_string());
            }
        }
    }
    files.sort();
    files.dedup();
    files
}

/// Local paths in single quotes, as in `import init from '/lotsen-….js'`.
fn quoted_paths(js: &str) -> Vec<String> {
    js.split('\'')
        .skip(1)
        .step_by(2)
        .filter_map(|q| q.strip_prefix('/'))
        .map(str::to_string)
        .collect()
}

/// The files a JS module imports statically (`from "./x.js"`), without `./`.
fn relative_imports(js: &str) -> Vec<String> {
    js.split("from ")
        .skip(1)
        .filter_map(|rest| {
            let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
            let path = rest[1..].split(quote).next()?;
            path.strip_prefix("./").map(str::to_string)
        })
        .collect()
}

/// Signs `login` in (demo password): the session cookie.
pub fn sign_in(addr: &str, login: &str) -> Result<String> {
    let body = format!(r#"{{"login":"{login}","password":"lotsen-demo"}}"#);
    match http_post_json(addr, "/api/auth/sign-in", &body) {
        Ok((200, Some(cookie))) => Ok(cookie),
        other => Err(format!(
            "could not sign in as {login} for the benchmark: {other:?}"
        )),
    }
}

/// One GET under load (wrk: 2 threads, `load` = (connections, seconds)), with
/// a session cookie if given: (p50 ms, p99 ms, requests per second); an
/// error when an answer is not 2xx.
fn measure(
    addr: &str,
    path: &str,
    cookie: Option<&str>,
    (connections, seconds): (u32, u32),
) -> Result<(f64, f64, f64)> {
    let url = format!("http://{addr}{path}");
    let mut wrk = cmd("wrk");
    let (connections, seconds) = (format!("-c{connections}"), format!("-d{seconds}s"));
    wrk.args(["-t2", &connections, &seconds, "--latency"]);
    // As a browser asks: the server compresses JSON answers (gzip), and that
    // is part of what a read costs.
    wrk.args(["-H", "Accept-Encoding: gzip, deflate, br"]);
    if let Some(cookie) = cookie {
        wrk.args(["-H", &format!("Cookie: {cookie}")]);
    }
    let out = proc::output(wrk.arg(&url)).ok_or_else(|| format!("wrk failed on {url}"))?;
    if let Some(line) = out.lines().find(|l| l.contains("Non-2xx")) {
        return Err(format!(
            "{path} did not answer 2xx under load ({})",
            line.trim()
        ));
    }
    parse_wrk(&out).ok_or_else(|| format!("could not read wrk's output:\n{out}"))
}

/// Measures each read with wrk (2 threads, 50 connections, 10 s); true when over budget.
fn latency(binary: &Path) -> Result<bool> {
    let work = proc::temp_dir("lotsen-bench")?;
    let port = free_port()?;
    let db = format!("sqlite://{}", work.join("lotsen.db").display());
    let log = work.join("server.log");
    let server = Server::start(binary, port, &db, &root().join("dist"), true, Some(&log))?;
    step("API latency (wrk: 50 concurrent connections, 10 s each)");
    let mut over = false;
    let week = this_week();
    for (name, path, login) in READS {
        let path = path.replace("{week}", &week);
        let cookie = login.map(|l| sign_in(&server.addr, l)).transpose()?;
        let (p50, p99, rps) = measure(&server.addr, &path, cookie.as_deref(), (50, 10))?;
        let bad = p99 > P99_BUDGET_MS;
        over |= bad;
        println!(
            "    {name:<12} p50 {p50:>7.2} ms   p99 {p99:>7.2} ms   {rps:>9.0} req/s   {}",
            if bad { "OVER BUDGET" } else { "within budget" }
        );
    }
    booking(&server.addr, &work)?;
    over |= window::run(&server.addr, &work.join("lotsen.db"), &week)?;
    drop(server);
    let _ = std::fs::remove_dir_all(&work);
    Ok(over)
}

/// `from=YYYY-MM-DD&to=YYYY-MM-DD` for the current week (UTC date, Monday to Sunday).
fn this_week() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    week_of(day(days))
}

/// The day `days` after 1970-01-01.
fn day(days: u64) -> NaiveDate {
    NaiveDate::default() + Days::new(days)
}

/// The week (Monday to Sunday) of `day`, as a query.
fn week_of(day: NaiveDate) -> String {
    let week = day.week(Weekday::Mon);
    format!("from={}&to={}", week.first_day(), week.last_day())
}

/// Young people in the demo data, who book under contention.
const BOOKERS: [&str; 3] = [
    "elsa.nilsson@lotsen.example",
    "omar.ali@lotsen.example",
    "linnea.ek@lotsen.example",
];
/// The demo data's first session type: study and career counselling with Sven Berg.
const BOOKING_TYPE: i64 = 1;

/// Booking: listing free times (a read, signed in as a young person) and booking
/// under contention (the demo young people all trying the same three times:
/// 201 for the first of each, 409 after; any other status fails the run).
/// Reported, not budgeted: the p99 budget is for the plain reads above.
fn booking(addr: &str, work: &Path) -> Result {
    step("Booking (wrk: 50 concurrent connections, 10 s each)");
    let cookies = BOOKERS
        .iter()
        .map(|login| sign_in(addr, login))
        .collect::<Result<Vec<_>>>()?;
    let free_path = format!("/api/booking/session-types/{BOOKING_TYPE}/free-times");
    let free =
        get_with_cookie(addr, &free_path, &cookies[0]).map_err(|e| format!("{free_path}: {e}"))?;
    let times: Vec<String> = serde_json::from_str::<serde_json::Value>(&free)
        .map_err(|e| format!("{free_path} did not answer JSON: {e}"))?["days"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["times"].as_array().cloned().unwrap_or_default())
        .take(3)
        .map(|t| {
            format!(
                r#"{{"session_type_id":{BOOKING_TYPE},"staff_id":{},"starts_at":"{}","note":"bench"}}"#,
                t["staff_id"],
                t["starts_at"].as_str().unwrap_or_default()
            )
        })
        .collect();
    if times.is_empty() {
        return Err(format!("{free_path} lists no free times to book"));
    }
    let (p50, p99, rps) = measure(addr, &free_path, Some(&cookies[1]), (50, 10))?;
    println!(
        "    {:<12} p50 {p50:>7.2} ms   p99 {p99:>7.2} ms   {rps:>9.0} req/s",
        "free times"
    );
    let script = work.join("book.lua");
    std::fs::write(&script, contention_script(&cookies, &times))
        .map_err(|e| format!("{}: {e}", script.display()))?;
    let mut book = cmd("wrk");
    book.args(["-t2", "-c50", "-d10s", "--latency", "-s"])
        .arg(&script);
    let out = proc::output(book.arg(format!("http://{addr}/api/me/bookings")))
        .ok_or("wrk failed on booking")?;
    let (p50, p99, rps) =
        parse_wrk(&out).ok_or_else(|| format!("could not read wrk's output:\n{out}"))?;
    let (created, conflicts, other) = parse_statuses(&out)
        .ok_or_else(|| format!("the booking script printed no statuses:\n{out}"))?;
    println!(
        "    {:<12} p50 {p50:>7.2} ms   p99 {p99:>7.2} ms   {rps:>9.0} req/s   ({created} booked, {conflicts} refused with 409)",
        "booking"
    );
    if other > 0 || created == 0 || created > times.len() as u64 {
        return Err(format!(
            "booking under contention: {created} booked (expected 1 to {}), {other} answers neither 201 nor 409",
            times.len()
        ));
    }
    Ok(())
}

/// A GET with a session cookie: the body of a 200.
fn get_with_cookie(addr: &str, path: &str, cookie: &str) -> std::result::Result<String, String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    let (head, body) = response.split_once("\r\n\r\n").ok_or("no HTTP response")?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(head.lines().next().unwrap_or_default().to_string());
    }
    Ok(body.to_string())
}

/// The wrk script: POSTs from the app, each request the next young person and the
/// next of the few times; counts 201, 409 and anything else over all threads.
fn contention_script(cookies: &[String], bodies: &[String]) -> String {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("{i:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        r#"local cookies = {{ {} }}
local bodies = {{ {} }}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) created = 0; conflicts = 0; other = 0; n = 0 end
function request()
  n = n + 1
  local headers = {{ ["Content-Type"] = "application/json", ["X-Requested-With"] = "lotsen",
                     ["Cookie"] = cookies[(n % #cookies) + 1] }}
  return wrk.format("POST", nil, headers, bodies[(n % #bodies) + 1])
end
function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then conflicts = conflicts + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local c, f, o = 0, 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); f = f + t:get("conflicts"); o = o + t:get("other") end
  io.write(string.format("STATUSES %d %d %d\n", c, f, o))
end
"#,
        list(cookies),
        list(bodies)
    )
}

/// (201s, 409s, others) from the script's `STATUSES` line.
fn parse_statuses(out: &str) -> Option<(u64, u64, u64)> {
    let line = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("STATUSES "))?;
    let n: Vec<u64> = line
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    match n[..] {
        [a, b, c] => Some((a, b, c)),
        _ => None,
    }
}

/// (p50 ms, p99 ms, requests per second) from `wrk --latency` output.
fn parse_wrk(out: &str) -> Option<(f64, f64, f64)> {
    let ms = |v: &str| -> Option<f64> {
        let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic())?);
        let n: f64 = num.parse().ok()?;
        Some(match unit {
            "us" => n / 1000.0,
            "ms" => n,
            "s" => n * 1000.0,
            "m" => n * 60_000.0,
            _ => return None,
        })
    };
    let pct = |p: &str| {
        out.lines()
            .map(str::trim)
            .find(|l| l.starts_with(p))
            .and_then(|l| ms(l.split_whitespace().nth(1)?))
    };
    let rps = out
        .lines()
        .find(|l| l.starts_with("Requests/sec:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some((pct("50%")?, pct("99%")?, rps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_run_monday_to_sunday() {
        assert_eq!(day(0).to_string(), "1970-01-01");
        assert_eq!(day(20_782).to_string(), "2026-11-25");
        assert_eq!(week_of(day(20_782)), "from=2026-11-23&to=2026-11-29");
        assert_eq!(week_of(day(20_780)), "from=2026-11-23&to=2026-11-29");
        assert!(this_week().starts_with("from="));
    }

    #[test]
    fn reads_wrk_latency() {
        let out = "Running 10s test @ http://127.0.0.1:1/api/health\n  Latency Distribution\n     50%  512.00us\n     75%    1.02ms\n     90%    2.00ms\n     99%    4.50ms\n  1000 requests in 10.00s, 1.00MB read\nRequests/sec:  12345.67\nTransfer/sec:      1.00MB\n";
        assert_eq!(parse_wrk(out), Some((0.512, 4.5, 12345.67)));
    }

    #[test]
    fn follows_static_imports_of_the_glue() {
        let glue = "import * as import1 from \"./__wasm_split-0123456789abcdef.js\"\nimport x from './y.js';\nconst a = \"from nowhere\";";
        assert_eq!(
            relative_imports(glue),
            ["__wasm_split-0123456789abcdef.js", "y.js"]
        );
    }

    #[test]
    fn reads_the_booking_statuses() {
        assert_eq!(
            parse_statuses("Requests/sec: 10\nSTATUSES 3 997 0\n"),
            Some((3, 997, 0))
        );
        assert_eq!(parse_statuses("Requests/sec: 10\n"), None);
        let script = contention_script(&["a=1".into()], &[r#"{"x":1}"#.into()]);
        assert!(
            script.contains(r#"local bodies = { "{\"x\":1}" }"#),
            "{script}"
        );
    }

    #[test]
    fn follows_the_boot_script() {
        let js = "import init, * as b from '/lotsen-1.js';\nawait init({ module_or_path: '/lotsen-1_bg.wasm' });";
        assert_eq!(quoted_paths(js), vec!["lotsen-1.js", "lotsen-1_bg.wasm"]);
    }

    #[test]
    fn finds_the_critical_path() {
        let html = r#"<link rel="stylesheet" href="/main-1.css"><link rel="preload" href="/app_bg.wasm"><script type="module" src="/boot-1.js"></script><a href="https://x.se/">x</a><link href="//cdn/x">"#;
        assert_eq!(
            critical_path(html),
            vec!["app_bg.wasm", "boot-1.js", "main-1.css"]
        );
        let minified = r#"<link href=/main-2.css rel=stylesheet><link href=/favicon.svg rel=icon><script src="/boot-2.js"></script>"#;
        assert_eq!(
            critical_path(minified),
            vec!["boot-2.js", "favicon.svg", "main-2.css"]
        );
    }
}
