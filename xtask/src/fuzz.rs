//! Schemathesis against a real server: `cargo xtask fuzz [--cases N]`, and a
//! shorter run inside `cargo xtask test`.
//!
//! Schemathesis (PyPI, pinned, installed only when missing into
//! `target/schemathesis-venv` with `python3 -m venv` and pip) reads
//! `/api/openapi.json` and sends generated requests, valid and invalid, to
//! every operation; its response checks fail on any 5xx, any status the
//! document does not list, a wrong content type, a missing documented header
//! and a body that does not match its schema.
//!
//! The server is the dev build on a free loopback port with a fresh SQLite
//! database (or with `--postgres URL` that database, with `--postgres` alone
//! a private cluster) and the demo data. Every demo role gets a
//! run of its own, with a session signed in before any run starts (so the
//! anonymous run's failed sign-ins cannot rate-limit them), sending the
//! session cookie and `X-Requested-With: lotsen`: a young person (Elsa), a
//! guardian (Maria), a contact person (Karim), an administrator (Anna), and
//! last no one. The signed-in runs leave out the operations that end or
//! replace their own session (sign-in, sign-out, the password change, an
//! invitation's acceptance); the anonymous run covers them.

use std::path::{Path, PathBuf};

use crate::build::{self, Profile};
use crate::cli::FuzzArgs;
use crate::proc::{self, cmd};
use crate::server::{Server, free_port, http_post_json};
use crate::test::Outcome;
use crate::{Result, root, step};

/// The pinned Schemathesis.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// Generated cases per operation and run in `cargo xtask test`.
pub const TEST_CASES: u32 = 8;

/// The seed of `cargo xtask test`'s run, so that it sends the same cases each time.
pub const TEST_SEED: &str = "14";

/// The fewest generated cases a `cargo xtask test` run accepts.
pub const MIN_TOTAL_CASES: u64 = 2000;

/// Generated cases per operation and run in `cargo xtask fuzz` by default.
pub const FUZZ_CASES: u32 = 100;

/// The demo data's password (`server/src/demo.rs`).
const DEMO_PASSWORD: &str = "lotsen-demo";

/// The checks that must hold for every response.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance";

/// Operations a signed-in run leaves out: they end or replace its session.
const SESSION_ENDING: &str = "^(sign_in|sign_out|change_password|accept_invitation)$";

/// One run: who is signed in (`None`: no one).
struct Role {
    name: &'static str,
    login: Option<&'static str>,
}

const ROLES: [Role; 5] = [
    Role {
        name: "youth",
        login: Some("elsa.nilsson@lotsen.example"),
    },
    Role {
        name: "guardian",
        login: Some("maria.nilsson@lotsen.example"),
    },
    Role {
        name: "staff",
        login: Some("karim.haddad@lotsen.example"),
    },
    Role {
        name: "admin",
        login: Some("anna.andersson@lotsen.example"),
    },
    Role {
        name: "anonymous",
        login: None,
    },
];

/// `cargo xtask fuzz [--cases N] [--seed N] [--postgres [URL]]`.
pub fn run(args: &FuzzArgs) -> Result {
    crate::tools::openssl_headers()?;
    // `--postgres URL`, or `--postgres` alone for a private cluster.
    let cluster = match args.postgres {
        Some(None) => {
            step("Starting a private PostgreSQL cluster");
            Some(crate::postgres::Cluster::start()?)
        }
        _ => None,
    };
    let database_url = args
        .postgres
        .clone()
        .flatten()
        .or_else(|| cluster.as_ref().map(|c| c.url.clone()));
    let outcome = suite(&Settings {
        cases: args.cases,
        min_total: 0,
        seed: args.seed.clone(),
        database_url,
    })?;
    println!(
        "\n{} passed, {} failed",
        outcome.passed,
        outcome.failed + u64::from(outcome.error.is_some() && outcome.failed == 0)
    );
    match (outcome.failed, outcome.error) {
        (0, None) => Ok(()),
        (_, Some(e)) => Err(e),
        (n, None) => Err(format!("Schemathesis found problems in {n} operation runs")),
    }
}

/// How a suite runs.
pub struct Settings {
    /// Generated cases per operation and role (Schemathesis's `--max-examples`).
    pub cases: u32,
    /// Fail when fewer cases than this were generated in all.
    pub min_total: u64,
    /// Schemathesis's seed; random when `None`.
    pub seed: Option<String>,
    /// The database; a fresh SQLite file when `None`.
    pub database_url: Option<String>,
}

/// Installs Schemathesis if needed, starts the server, runs every role and
/// stops the server (also when something fails).
pub fn suite(settings: &Settings) -> Result<Outcome> {
    let schemathesis = ensure_schemathesis()?;
    let binary = build::server(Profile::Dev)?;
    let out_dir = root().join("target/fuzz");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let work = proc::temp_dir("lotsen-fuzz")?;
    let database_url = settings
        .database_url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", work.join("lotsen.db").display()));
    let log = out_dir.join("server.log");
    let result = (|| {
        let port = free_port()?;
        // Dropping the server stops it, on every way out of this closure.
        let server = Server::start(
            &binary,
            port,
            &database_url,
            &root().join("dist"),
            true,
            Some(&log),
        )?;
        println!(
            "    server on http://{} (log: {})",
            server.addr,
            proc::rel(&log)
        );
        let mut sessions = Vec::new();
        for role in &ROLES {
            let cookie = match role.login {
                Some(login) => Some(sign_in(&server.addr, login)?),
                None => None,
            };
            sessions.push((role, cookie));
        }
        let mut outcome = Outcome::new("fuzz");
        let mut total_cases = 0;
        for (role, cookie) in sessions {
            step(&format!(
                "Schemathesis as {} ({} cases per operation)",
                role.name, settings.cases
            ));
            let run = run_role(
                &schemathesis,
                &server.addr,
                role,
                cookie.as_deref(),
                settings,
                &out_dir,
            );
            total_cases += run.cases;
            outcome.passed += run.passed;
            outcome.failed += run.failed;
            if let Some(e) = run.error {
                outcome.error = Some(format!("{}: {e}", role.name));
            }
        }
        println!("    {total_cases} test cases generated in all");
        if total_cases < settings.min_total && outcome.error.is_none() {
            outcome.error = Some(format!(
                "only {total_cases} test cases were generated, fewer than {}",
                settings.min_total
            ));
        }
        if outcome.failed > 0 || outcome.error.is_some() {
            println!(
                "    last lines of the server log:\n{}",
                crate::test::tail(&log, 30)
            );
        }
        Ok(outcome)
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// What one role's run found.
struct RoleRun {
    cases: u64,
    passed: u64,
    failed: u64,
    error: Option<String>,
}

fn run_role(
    schemathesis: &Path,
    addr: &str,
    role: &Role,
    cookie: Option<&str>,
    settings: &Settings,
    out_dir: &Path,
) -> RoleRun {
    let junit = out_dir.join(format!("{}.xml", role.name));
    let _ = std::fs::remove_file(&junit);
    let mut c = cmd(schemathesis);
    c.current_dir(out_dir)
        .arg("run")
        .arg(format!("http://{addr}/api/openapi.json"))
        .args(["--url", &format!("http://{addr}")])
        .args(["--checks", CHECKS])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--max-examples", &settings.cases.to_string()])
        // One worker: hypothesis's lambda descriptions call `ast.parse`, which
        // is not thread-safe on Python 3.11 ("AST constructor recursion depth
        // mismatch" in a run with two).
        .args(["--workers", "1"])
        .args(["--generation-database", "none"])
        .args(["--generation-with-security-parameters", "false"])
        .args(["--suppress-health-check", "all"])
        .args(["--request-timeout", "35"])
        .args(["--report", "junit"])
        .arg("--report-junit-path")
        .arg(&junit)
        .args(["--header", "X-Requested-With: lotsen"])
        .arg("--no-color")
        .env("NO_COLOR", "1");
    if let Some(seed) = &settings.seed {
        c.args(["--seed", seed]);
    }
    if let Some(cookie) = cookie {
        c.args(["--header", &format!("Cookie: {cookie}")])
            .args(["--exclude-operation-id-regex", SESSION_ENDING]);
    }
    let (ok, text) = proc::run_capturing(&mut c);
    let cases = generated_cases(&text).unwrap_or(0);
    let report = std::fs::read_to_string(&junit).ok();
    let Some((passed, failed)) = report.as_deref().and_then(junit_counts) else {
        return RoleRun {
            cases,
            passed: 0,
            failed: 0,
            error: Some("Schemathesis wrote no report; see above".into()),
        };
    };
    let error = (!ok && failed == 0).then(|| "Schemathesis failed outside the tests".to_owned());
    RoleRun {
        cases,
        passed,
        failed,
        error,
    }
}

/// Signs in with the demo password: the `name=value` of the session cookie.
fn sign_in(addr: &str, login: &str) -> Result<String> {
    let body = serde_json::json!({ "login": login, "password": DEMO_PASSWORD }).to_string();
    match http_post_json(addr, "/api/auth/sign-in", &body) {
        Ok((200, Some(cookie))) => Ok(cookie),
        Ok((status, _)) => Err(format!("signing in as {login} answered {status}")),
        Err(e) => Err(format!("signing in as {login}: {e}")),
    }
}

/// Makes sure the pinned Schemathesis is in `target/schemathesis-venv`.
fn ensure_schemathesis() -> Result<PathBuf> {
    let venv = root().join("target/schemathesis-venv");
    let bin = venv.join("bin/schemathesis");
    let version = proc::output(cmd(&bin).arg("--version")).unwrap_or_default();
    if version.split_whitespace().last() == Some(SCHEMATHESIS_VERSION) {
        println!("    ok  schemathesis {SCHEMATHESIS_VERSION}");
        return Ok(bin);
    }
    println!("    installing schemathesis {SCHEMATHESIS_VERSION} into target/schemathesis-venv");
    let venv_made = proc::run(cmd("python3").args(["-m", "venv"]).arg(&venv));
    if venv_made.is_err() {
        // Debian keeps the venv module in a package of its own.
        crate::tools::apt_install("python3-venv")?;
        proc::run(cmd("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    }
    proc::run(
        cmd(venv.join("bin/pip"))
            .args(["install", "--quiet"])
            .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}")),
    )?;
    Ok(bin)
}

/// `N generated` from Schemathesis's summary ("Test cases: 2043 generated, …").
fn generated_cases(text: &str) -> Option<u64> {
    text.lines().rev().find_map(|line| {
        let (n, _) = line.trim().split_once(" generated")?;
        n.trim().parse().ok()
    })
}

/// (passed, failed) operations from a JUnit report's `<testsuites>` totals.
fn junit_counts(report: &str) -> Option<(u64, u64)> {
    let start = report.find("<testsuites")?;
    let tag = &report[start..start + report[start..].find('>')?];
    let attribute = |name: &str| -> Option<u64> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.parse().ok()
    };
    let tests = attribute("tests")?;
    let failed = attribute("failures").unwrap_or(0) + attribute("errors").unwrap_or(0);
    let skipped = attribute("skipped").unwrap_or(0);
    Some((tests.saturating_sub(failed + skipped), failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_generated_cases() {
        let out = "Test cases:\n  2043 generated, 2043 passed\n\nSeed: 1\n";
        assert_eq!(generated_cases(out), Some(2043));
        let failing = "Test cases:\n  21 generated, 1 found 1 unique failure\n";
        assert_eq!(generated_cases(failing), Some(21));
        assert_eq!(generated_cases("error: no schema"), None);
    }

    #[test]
    fn reads_junit_totals() {
        let report = r#"<?xml version="1.0" encoding="utf-8"?>
<testsuites errors="1" failures="2" skipped="3" tests="70" time="2.1">
  <testsuite name="schemathesis" errors="1" failures="2" skipped="3" tests="70"></testsuite>
</testsuites>"#;
        assert_eq!(junit_counts(report), Some((64, 3)));
        assert_eq!(junit_counts("<html>"), None);
    }
}
