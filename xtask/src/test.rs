//! `cargo xtask test`: every suite, in order, then one summary.
//!
//! 0. lint: `cargo fmt --check`, and clippy with warnings as errors over the
//!    workspace (native, every target) and the app for wasm32;
//! 1. unit tests of the native crates (api, xtask);
//! 2. the server's tests on SQLite;
//! 3. the server's integration tests again on a private PostgreSQL cluster,
//!    and the SQLite → PostgreSQL copy (`server/tests/copy.rs`);
//!    both stages with a private SMS gateway (Kannel and its fake SMS centre,
//!    [`crate::kannel`]), whose sendsms URL and output the tests get in
//!    `LOTSEN_TEST_SMS_URL` and `LOTSEN_TEST_FAKESMSC_LOG`;
//! 4. the app's wasm-bindgen tests in headless Chromium;
//! 5. Schemathesis against a real server with the demo data, as each role
//!    ([`crate::fuzz`]), at least 2,000 generated cases;
//! 6. Playwright end-to-end tests in headless Chromium against a real server
//!    built from the tree, on a free port with a fresh database, sending SMS
//!    through a private Kannel gateway too (e-mail stays in the development
//!    outbox).

use std::path::Path;

use crate::build::{self, Profile};
use crate::cli::TestArgs;
use crate::proc::{self, cmd};
use crate::server::{Server, free_port, sms_args};
use crate::{Result, kannel, postgres, root, step, tools};

/// One suite's outcome.
pub struct Outcome {
    pub name: &'static str,
    pub passed: u64,
    pub failed: u64,
    /// Why the suite could not run or failed outside any single test.
    pub error: Option<String>,
}

impl Outcome {
    /// Nothing run yet.
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            passed: 0,
            failed: 0,
            error: None,
        }
    }
}

/// Runs every suite (options `--no-e2e`, `--no-postgres`, `--no-wasm`, `--no-fuzz` skip one).
pub fn run(args: &TestArgs) -> Result {
    tools::ensure(tools::Set::Test)?;
    let mut outcomes = Vec::new();

    step("Lint: rustfmt and clippy (warnings are errors)");
    outcomes.push(lint());

    step("Unit tests: api, xtask");
    outcomes.push(cargo_suite(
        "unit",
        cmd("cargo").args(["test", "-p", "lotsen-api", "-p", "xtask"]),
    ));

    step("Server tests on SQLite (with a private SMS gateway)");
    outcomes.push(with_gateway("sqlite", |sms| {
        cargo_suite(
            "sqlite",
            sms.env(cmd("cargo").args([
                "test",
                "-p",
                "lotsen-server",
                "--lib",
                "--bins",
                "--test",
                "api",
            ]))
            .env("LOTSEN_TEST_DB", "sqlite"),
        )
    }));

    if !args.no_postgres {
        step("Server integration tests on PostgreSQL (a private cluster, an SMS gateway)");
        outcomes.push(match postgres::Cluster::start() {
            Ok(cluster) => {
                let o = with_gateway("postgres", |sms| {
                    cargo_suite(
                        "postgres",
                        sms.env(cmd("cargo").args([
                            "test",
                            "-p",
                            "lotsen-server",
                            "--test",
                            "api",
                            "--test",
                            "copy",
                        ]))
                        .env("LOTSEN_TEST_DB", "postgres")
                        .env("LOTSEN_TEST_PG_URL", &cluster.url),
                    )
                });
                if o.failed > 0 || o.error.is_some() {
                    println!("    PostgreSQL's log: {}", cluster.log().display());
                    println!("{}", tail(&cluster.log(), 40));
                }
                o
            }
            Err(e) => failed("postgres", e),
        });
    }

    if !args.no_fuzz {
        step("Schemathesis against a real server, as each demo role");
        outcomes.push(
            crate::fuzz::suite(&crate::fuzz::Settings {
                cases: crate::fuzz::TEST_CASES,
                min_total: crate::fuzz::MIN_TOTAL_CASES,
                seed: Some(crate::fuzz::TEST_SEED.to_owned()),
                database_url: None,
            })
            .unwrap_or_else(|e| failed("fuzz", e)),
        );
    }

    if !args.no_wasm {
        step("The app's tests in headless Chromium (wasm-bindgen-test)");
        outcomes.push(cargo_suite(
            "browser",
            cmd("cargo")
                .args(["test", "-p", "lotsen", "--target", "wasm32-unknown-unknown"])
                // The release build turns reference types off for Debian's older
                // wasm-opt (.cargo/config.toml); the test runner needs them on. Its
                // own target directory keeps the two builds from evicting each other.
                .env("CARGO_TARGET_DIR", crate::root().join("target/app-test"))
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                    "-Ctarget-feature=+reference-types",
                )
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                )
                .env(
                    "CHROMEDRIVER",
                    proc::which("chromedriver").unwrap_or_default(),
                )
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
        ));
    }

    if !args.no_e2e {
        step(
            "End-to-end tests: Playwright in headless Chromium against a real server (with a private SMS gateway)",
        );
        outcomes.push(with_gateway("end-to-end", |sms| {
            end_to_end(sms).unwrap_or_else(|e| failed("end-to-end", e))
        }));
    }

    step("Summary");
    let (mut passed, mut failed_total) = (0, 0);
    for o in &outcomes {
        passed += o.passed;
        failed_total += o.failed + u64::from(o.error.is_some() && o.failed == 0);
        let note = o
            .error
            .as_deref()
            .map(|e| format!("  ({e})"))
            .unwrap_or_default();
        println!(
            "  {:<10} {} passed, {} failed{note}",
            format!("{}:", o.name),
            o.passed,
            o.failed
        );
    }
    println!("{passed} passed, {failed_total} failed");
    if failed_total == 0 {
        Ok(())
    } else {
        Err("some tests failed (see above)".into())
    }
}

/// The `lint` suite's checks, each a `cargo` command: formatting, and clippy
/// with every warning an error over the native workspace (every target) and
/// over the app for wasm32 (its library, binary and browser tests).
const LINT_CHECKS: [&[&str]; 3] = [
    &["fmt", "--all", "--check"],
    &[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ],
    &[
        "clippy",
        "-p",
        "lotsen",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ],
];

/// Runs [`LINT_CHECKS`]; each is one check of the `lint` suite.
fn lint() -> Outcome {
    let mut outcome = Outcome::new("lint");
    let mut broken = Vec::new();
    for args in LINT_CHECKS {
        let (ok, _) = proc::run_capturing(cmd("cargo").args(args));
        if ok {
            outcome.passed += 1;
        } else {
            outcome.failed += 1;
            broken.push(format!("cargo {}", args.join(" ")));
        }
    }
    if !broken.is_empty() {
        println!("    lint failed: {} (see above)", broken.join("; "));
    }
    outcome
}

/// Runs `suite` with a private SMS gateway, stopped afterwards (also when
/// the suite fails: the guard's drop); the suite fails if it cannot start.
fn with_gateway(name: &'static str, suite: impl FnOnce(&kannel::Gateway) -> Outcome) -> Outcome {
    match kannel::Gateway::start() {
        Ok(gateway) => {
            println!(
                "    SMS gateway: Kannel with fakesmsc (logs: {})",
                gateway.dir().display()
            );
            let o = suite(&gateway);
            if o.failed > 0 || o.error.is_some() {
                println!(
                    "    fakesmsc's output:\n{}",
                    tail(&gateway.fakesmsc_log, 20)
                );
            }
            o
        }
        Err(e) => failed(name, format!("the SMS gateway did not start: {e}")),
    }
}

fn failed(name: &'static str, error: String) -> Outcome {
    Outcome {
        name,
        passed: 0,
        failed: 0,
        error: Some(error),
    }
}

/// Runs a `cargo test` command and adds up its `test result:` lines.
fn cargo_suite(name: &'static str, c: &mut std::process::Command) -> Outcome {
    let (ok, text) = proc::run_capturing(c);
    let (passed, failed_count) = count_cargo_results(&text);
    let error = match (ok, failed_count) {
        (true, _) => None,
        (false, 0) => Some("did not build or run; see above".into()),
        (false, _) => None,
    };
    Outcome {
        name,
        passed,
        failed: failed_count,
        error,
    }
}

/// Sums `test result: … N passed; M failed; …` lines.
fn count_cargo_results(text: &str) -> (u64, u64) {
    let mut passed = 0;
    let mut failed = 0;
    for line in text.lines().filter(|l| l.contains("test result:")) {
        for part in line.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next())
                && let Ok(n) = n.parse::<u64>()
            {
                match what {
                    "passed" => passed += n,
                    "failed" => failed += n,
                    _ => {}
                }
            }
        }
    }
    (passed, failed)
}

/// Playwright against the app's server, which sends SMS through `sms` (a
/// booking's offer or reminder goes out, and its delivery report comes back,
/// as in production) and keeps e-mail in the development outbox.
fn end_to_end(sms: &kannel::Gateway) -> Result<Outcome> {
    build::spa()?;
    let binary = build::server(Profile::Dev)?;
    let work = proc::temp_dir("lotsen-e2e")?;
    let out_dir = root().join("target/e2e");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let log = out_dir.join("server.log");
    let report = out_dir.join("report.json");
    let _ = std::fs::remove_file(&report);
    let port = free_port()?;
    let db = format!("sqlite://{}", work.join("lotsen.db").display());
    let mut c = Server::command(&binary, port, &db, &root().join("dist"), true);
    c.args(sms_args(&sms.sendsms_url));
    let mut server = Server::spawn(c, port, Some(&log))?;
    println!("    server on {} (log: {})", server.url, proc::rel(&log));
    let (ok, _) = proc::run_capturing(
        cmd("npx")
            .args(["--no-install", "playwright", "test"])
            .current_dir(root().join("tests/e2e"))
            .env("LOTSEN_BASE_URL", &server.url)
            .env("LOTSEN_E2E_REPORT", &report)
            .env("LOTSEN_E2E_OUTPUT", out_dir.join("results"))
            .env("CHROMIUM_PATH", proc::which("chromium").unwrap_or_default()),
    );
    server.stop();
    let _ = std::fs::remove_dir_all(&work);
    let (passed, failed_count) = std::fs::read_to_string(&report)
        .ok()
        .and_then(|r| playwright_counts(&r))
        .ok_or("Playwright wrote no report; see above")?;
    if !ok || failed_count > 0 {
        println!("    last lines of the server log:\n{}", tail(&log, 30));
    }
    let error = (!ok && failed_count == 0)
        .then(|| "Playwright failed outside the tests; see above".to_string());
    Ok(Outcome {
        name: "end-to-end",
        passed,
        failed: failed_count,
        error,
    })
}

/// (passed, failed) from Playwright's JSON report.
fn playwright_counts(report: &str) -> Option<(u64, u64)> {
    let v: serde_json::Value = serde_json::from_str(report).ok()?;
    let stats = v.get("stats")?;
    let n = |k: &str| stats.get(k).and_then(|x| x.as_u64()).unwrap_or(0);
    Some((n("expected"), n("unexpected") + n("flaky")))
}

pub fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_up_cargo_test_results() {
        let out = "running 3 tests\ntest a ... ok\ntest result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
                   test result: FAILED. 16 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(count_cargo_results(out), (19, 2));
        assert_eq!(
            count_cargo_results("error[E0425]: cannot find value"),
            (0, 0)
        );
    }

    #[test]
    fn the_lint_suite_runs_fmt_and_clippy_on_both_targets_with_warnings_as_errors() {
        let commands: Vec<String> = LINT_CHECKS.iter().map(|c| c.join(" ")).collect();
        assert_eq!(
            commands,
            [
                "fmt --all --check",
                "clippy --workspace --all-targets -- -D warnings",
                "clippy -p lotsen --target wasm32-unknown-unknown --all-targets -- -D warnings",
            ]
        );
    }

    #[test]
    fn reads_playwright_stats() {
        let report = r#"{"config":{},"suites":[],"stats":{"startTime":"x","duration":1.0,"expected":4,"skipped":1,"unexpected":1,"flaky":0}}"#;
        assert_eq!(playwright_counts(report), Some((4, 1)));
        assert_eq!(playwright_counts("not json"), None);
    }
}
