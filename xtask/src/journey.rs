//! A young person's phone journey (issue 16), part of `cargo xtask bench`:
//! `tests/e2e/bench/journey.mjs` drives Chromium at a phone viewport with a
//! cold cache through the sign-in page, signing in, Today and a counsellor's
//! free times, then opens further areas; it reports the bytes on the wire and
//! the requests of each step. The service worker is blocked there, so every
//! file counts as the page's own; its background precache (every file of
//! `dist/`) is reported apart, from `dist/`.

use std::path::Path;

use crate::build;
use crate::proc::cmd;
use crate::server::{Server, free_port};
use crate::{Result, proc, root, step};

/// The journey's goal: at most this many bytes on the wire…
const JOURNEY_BYTES: u64 = 200 * 1000;
/// …in at most this many requests.
const JOURNEY_REQUESTS: u64 = 15;
/// Each further area opened: at most this many bytes…
const AREA_BYTES: u64 = 60 * 1000;
/// …in at most this many requests.
const AREA_REQUESTS: u64 = 4;
/// The first steps of the script are the journey; the rest are further areas.
const JOURNEY_STEPS: usize = 4;

struct Report {
    steps: Vec<Step>,
}

struct Step {
    name: String,
    bytes: u64,
    requests: u64,
}

/// Runs the journey against the server `binary` with demo data and prints
/// it; true when a goal is broken.
pub fn run(binary: &Path, dist: &Path) -> Result<bool> {
    step(
        "A young person's phone journey (Chromium 390x844, cold cache, service worker blocked; bytes on the wire)",
    );
    let work = proc::temp_dir("lotsen-journey")?;
    let db = format!("sqlite://{}", work.join("lotsen.db").display());
    let log = work.join("server.log");
    let server = Server::start(binary, free_port()?, &db, dist, true, Some(&log))?;
    let out = cmd("node")
        .arg("bench/journey.mjs")
        .current_dir(root().join("tests/e2e"))
        .env("LOTSEN_BASE_URL", &server.url)
        .env("CHROMIUM_PATH", proc::which("chromium").unwrap_or_default())
        .output()
        .map_err(|e| format!("could not run node: {e}"))?;
    drop(server);
    let _ = std::fs::remove_dir_all(&work);
    if !out.status.success() {
        return Err(format!(
            "the journey script failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report = parse(&stdout)?;
    let over = print(&report);
    let (files, bytes) = precache(dist);
    println!(
        "    service worker precache (in the background, apart): {files} files, {bytes} bytes brotli"
    );
    Ok(over)
}

/// The report: the script's last line of output, `{"steps": [{"name",
/// "bytes", "requests", …}, …]}`.
fn parse(stdout: &str) -> Result<Report> {
    let line = stdout.lines().last().unwrap_or_default();
    let bad = |e: String| format!("the journey script's report: {e}: {line}");
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
    let steps = value["steps"]
        .as_array()
        .ok_or_else(|| bad("no steps".into()))?
        .iter()
        .map(|s| {
            match (
                s["name"].as_str(),
                s["bytes"].as_u64(),
                s["requests"].as_u64(),
            ) {
                (Some(name), Some(bytes), Some(requests)) => Ok(Step {
                    name: name.to_string(),
                    bytes,
                    requests,
                }),
                _ => Err(bad(format!("a step without name, bytes or requests: {s}"))),
            }
        })
        .collect::<Result<_>>()?;
    Ok(Report { steps })
}

/// Prints the steps, the journey's sum and the goals; true when one is broken.
fn print(report: &Report) -> bool {
    let verdict = |bytes: u64, requests: u64, max_bytes: u64, max_requests: u64| {
        if bytes <= max_bytes && requests <= max_requests {
            (
                false,
                format!("goal <= {max_bytes} B, <= {max_requests}: ok"),
            )
        } else {
            (
                true,
                format!("goal <= {max_bytes} B, <= {max_requests}: OVER GOAL"),
            )
        }
    };
    println!("    {:<34} {:>10} {:>9}", "step", "bytes", "requests");
    let (journey, areas) = report.steps.split_at(JOURNEY_STEPS.min(report.steps.len()));
    for s in journey {
        println!("    {:<34} {:>10} {:>9}", s.name, s.bytes, s.requests);
    }
    let bytes = journey.iter().map(|s| s.bytes).sum();
    let requests = journey.iter().map(|s| s.requests).sum();
    let (mut over, text) = verdict(bytes, requests, JOURNEY_BYTES, JOURNEY_REQUESTS);
    println!("    {:<34} {bytes:>10} {requests:>9}   {text}", "journey");
    println!("    further areas, each:");
    for s in areas {
        let (bad, text) = verdict(s.bytes, s.requests, AREA_BYTES, AREA_REQUESTS);
        over |= bad;
        println!(
            "    {:<34} {:>10} {:>9}   {text}",
            s.name, s.bytes, s.requests
        );
    }
    over
}

/// What the service worker precaches: every file of `dist/` but itself, as
/// served (brotli where there is a `.br`). (files, bytes)
fn precache(dist: &Path) -> (u64, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for path in build::walk(dist) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name == "sw.js" || name.ends_with(".br") {
            continue;
        }
        let br = path.with_file_name(format!("{name}.br"));
        files += 1;
        bytes += std::fs::metadata(&br)
            .or_else(|_| std::fs::metadata(&path))
            .map_or(0, |m| m.len());
    }
    (files, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journey_is_the_first_four_steps_and_areas_are_judged_alone() {
        let step = |bytes, requests| Step {
            name: "x".into(),
            bytes,
            requests,
        };
        let within = Report {
            steps: vec![
                step(100_000, 8),
                step(1_000, 2),
                step(50_000, 3),
                step(49_000, 2),
                step(60_000, 4),
            ],
        };
        assert!(!print(&within));
        let journey_over = Report {
            steps: vec![
                step(100_000, 8),
                step(1_000, 2),
                step(50_000, 3),
                step(49_001, 2),
            ],
        };
        assert!(print(&journey_over), "200,001 bytes");
        let area_over = Report {
            steps: vec![step(1, 1), step(1, 1), step(1, 1), step(1, 1), step(1, 5)],
        };
        assert!(print(&area_over), "an area of 5 requests");
    }

    #[test]
    fn reads_the_last_line_of_the_script() {
        let out = "noise\n{\"steps\":[{\"name\":\"open /sign-in\",\"bytes\":12,\"requests\":3,\"files\":[]}],\"areas\":[]}\n";
        let report = parse(out).unwrap();
        assert_eq!(report.steps[0].bytes, 12);
        assert_eq!(report.steps[0].requests, 3);
        assert!(parse("no report").is_err());
    }
}
