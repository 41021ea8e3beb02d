//! `cargo xtask` — installs what is missing, builds, serves, tests and measures Lotsen.
//!
//! Every step says what it does; every install is idempotent and only runs
//! when the tool is absent or of the wrong version.

mod bench;
mod build;
mod bundle;
mod cli;
mod exports;
mod fuzz;
mod imports;
mod journey;
mod kannel;
mod lighthouse;
mod postgres;
mod proc;
mod server;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, RunArgs};

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
    // An unknown command or flag ends here, with clap's message and exit code 2.
    let result = match Cli::parse().command {
        Command::Run(args) => run(&args),
        Command::Test(args) => test::run(&args),
        Command::Fuzz(args) => fuzz::run(&args),
        Command::Bench => bench::run(),
        Command::Build => tools::ensure(tools::Set::Build).and_then(|()| build::spa()),
        Command::Install(args) => tools::ensure(if args.test {
            tools::Set::Test
        } else {
            tools::Set::Build
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &RunArgs) -> Result {
    let port = args.port;
    let database_url = match &args.postgres {
        Some(url) => url.clone(),
        None => {
            std::fs::create_dir_all(root().join("data"))
                .map_err(|e| format!("cannot create data/: {e}"))?;
            format!("sqlite://{}", root().join("data/lotsen.db").display())
        }
    };
    tools::ensure(tools::Set::Build)?;
    build::spa()?;
    let binary = build::server(build::Profile::Release)?;
    step(&format!("Starting Lotsen on http://localhost:{port}"));
    let mut server = server::Server::start(
        &binary,
        port,
        &database_url,
        &root().join("dist"),
        true,
        None,
    )?;
    println!();
    println!("    Lotsen is running:   http://localhost:{port}");
    println!("    API health:          http://localhost:{port}/api/health");
    println!("    OpenAPI document:    http://localhost:{port}/api/openapi.json");
    println!("    Database:            {}", redact_url(&database_url));
    println!(
        "    Demo logins:         see README.md, \"Demo data\" (also printed by the server above)"
    );
    println!(
        "    Outgoing e-mail:     not sent (no SMTP); staff see it at http://localhost:{port}/staff/outbox"
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
