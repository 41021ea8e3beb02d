//! `cargo xtask` — installs what is missing, builds, serves, tests and measures Lotsen.
//!
//! Every step says what it does; every install is idempotent and only runs
//! when the tool is absent or of the wrong version.

mod bench;
mod build;
mod fuzz;
mod postgres;
mod proc;
mod server;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
cargo xtask <command> [options]

Commands:
  run [--port N] [--postgres URL]   install what is missing, build, and serve the app and API
                                    (default http://127.0.0.1:8080, SQLite in data/, demo data)
  test [--no-e2e] [--no-postgres] [--no-wasm] [--no-fuzz]
                                    install what is missing and run every test suite (with
                                    Schemathesis: 2,000+ generated API requests as each role)
  fuzz [--cases N] [--seed N] [--postgres [URL]]
                                    a longer Schemathesis run against a real server with demo
                                    data: N generated cases per operation and role (default 100);
                                    --postgres alone: on a private PostgreSQL cluster
  bench                             measure the app's download size and the API's latency
  build                             build the app into dist/ (release, wasm-opt, brotli)
  install [--test]                  only install the tools (with --test: also the test tools)
";

/// The repository root (the workspace that holds this xtask).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Prints a step header, so progress is visible.
pub fn step(msg: &str) {
    println!("\n==> {msg}");
}

/// A failed step, with what to do about it.
pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first().map(String::as_str) else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let result = match cmd {
        "run" => run(rest),
        "test" => test::run(rest),
        "fuzz" => fuzz::run(rest),
        "bench" => bench::run(rest),
        "build" => tools::ensure(tools::Set::Build).and_then(|()| build::spa()),
        "install" => {
            let set = if rest.iter().any(|a| a == "--test") {
                tools::Set::Test
            } else {
                tools::Set::Build
            };
            tools::ensure(set)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Value of `--name VALUE` in `args`.
pub fn flag_value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn run(args: &[String]) -> Result {
    let port: u16 = match flag_value(args, "--port") {
        Some(p) => p
            .parse()
            .map_err(|_| format!("--port wants a number, got `{p}`"))?,
        None => 8080,
    };
    let database_url = match flag_value(args, "--postgres") {
        Some(url) => url.to_string(),
        None => {
            std::fs::create_dir_all(root().join("data"))
                .map_err(|e| format!("cannot create data/: {e}"))?;
            format!("sqlite://{}", root().join("data/lotsen.db").display())
        }
    };
    tools::ensure(tools::Set::Build)?;
    build::spa()?;
    let binary = build::server(build::Profile::Release)?;
    step(&format!("Starting Lotsen on http://127.0.0.1:{port}"));
    let mut server = server::Server::start(
        &binary,
        port,
        &database_url,
        &root().join("dist"),
        true,
        None,
    )?;
    println!();
    println!("    Lotsen is running:   http://127.0.0.1:{port}");
    println!("    API health:          http://127.0.0.1:{port}/api/health");
    println!("    OpenAPI document:    http://127.0.0.1:{port}/api/openapi.json");
    println!("    Database:            {}", redact_url(&database_url));
    println!(
        "    Demo logins:         see README.md, \"Demo data\" (also printed by the server above)"
    );
    println!(
        "    Outgoing e-mail:     not sent (no SMTP); staff see it at http://127.0.0.1:{port}/staff/outbox"
    );
    println!("    Stop with Ctrl-C.");
    server.wait()
}

/// A database URL without its password, for printing.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}://{user}:***@{}", &url[..s], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_printed_without_passwords() {
        assert_eq!(
            redact_url("postgres://lotsen:secret@db:5432/lotsen"),
            "postgres://lotsen:***@db:5432/lotsen"
        );
        assert_eq!(
            redact_url("sqlite://data/lotsen.db"),
            "sqlite://data/lotsen.db"
        );
    }
}
