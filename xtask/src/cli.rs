//! The command line: `cargo xtask <command> [options]`, parsed by clap.
//!
//! An unknown command or flag is an error (with clap's suggestion of the
//! nearest one) and a non-zero exit, never silently ignored.

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Installs what is missing, builds, serves, tests and measures Lotsen.",
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Install what is missing, build, and serve the app and API
    /// (default http://localhost:8080, SQLite in data/, demo data)
    Run(RunArgs),
    /// Install what is missing and run every test suite (with Schemathesis:
    /// 2,000+ generated API requests as each role)
    Test(TestArgs),
    /// A longer Schemathesis run against a real server with demo data
    Fuzz(FuzzArgs),
    /// Measure the app's download size and the API's latency
    Bench,
    /// Build the app into dist/ (release, wasm-opt, brotli)
    Build,
    /// Only install the tools
    Install(InstallArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The port to serve on (loopback)
    #[arg(long, value_name = "N", default_value_t = 8080)]
    pub port: u16,
    /// Use this PostgreSQL database instead of the SQLite file data/lotsen.db
    #[arg(long, value_name = "URL")]
    pub postgres: Option<String>,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Skip the Playwright end-to-end suite
    #[arg(long)]
    pub no_e2e: bool,
    /// Skip the server's tests on PostgreSQL
    #[arg(long)]
    pub no_postgres: bool,
    /// Skip the app's tests in headless Chromium
    #[arg(long)]
    pub no_wasm: bool,
    /// Skip Schemathesis
    #[arg(long)]
    pub no_fuzz: bool,
}

#[derive(Debug, Args)]
pub struct FuzzArgs {
    /// Generated cases per operation and role
    #[arg(long, value_name = "N", default_value_t = crate::fuzz::FUZZ_CASES,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub cases: u32,
    /// Schemathesis's seed (random when not given; Schemathesis prints it)
    #[arg(long, value_name = "N")]
    pub seed: Option<String>,
    /// On this PostgreSQL database; alone: on a private PostgreSQL cluster
    #[arg(long, value_name = "URL", num_args = 0..=1, value_parser = postgres_url)]
    pub postgres: Option<Option<String>>,
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    /// Also install the test tools
    #[arg(long)]
    pub test: bool,
}

/// A PostgreSQL URL (`postgres://…` or `postgresql://…`).
fn postgres_url(s: &str) -> Result<String, String> {
    if s.starts_with("postgres://") || s.starts_with("postgresql://") {
        Ok(s.to_owned())
    } else {
        Err("wants a URL such as postgres://user:password@host/db".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, clap::Error> {
        Cli::try_parse_from(std::iter::once("xtask").chain(args.iter().copied()))
            .map(|cli| cli.command)
    }

    #[test]
    fn a_misspelt_flag_is_refused_with_a_suggestion() {
        let err = parse(&["test", "--no-e2ee"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument);
        assert!(err.to_string().contains("--no-e2e"), "{err}");
        assert!(err.exit_code() != 0);
        for wrong in [
            &["tset"][..],
            &["run", "--prot", "9000"],
            &["fuzz", "--case", "5"],
            &["install", "--tests"],
            &["bench", "--quick"],
            &["build", "--release"],
            &["test", "extra"],
        ] {
            assert!(parse(wrong).is_err(), "{wrong:?} was accepted");
        }
    }

    #[test]
    fn bad_values_are_refused() {
        for wrong in [
            &["run", "--port", "http"][..],
            &["run", "--port"],
            &["run", "--postgres"],
            &["fuzz", "--cases", "0"],
            &["fuzz", "--cases", "many"],
            &["fuzz", "--postgres", "sqlite://x.db"],
        ] {
            assert!(parse(wrong).is_err(), "{wrong:?} was accepted");
        }
    }

    #[test]
    fn no_command_prints_the_help_and_fails() {
        let err = parse(&[]).unwrap_err();
        assert!(err.exit_code() != 0);
        assert!(err.to_string().contains("fuzz"), "{err}");
    }

    #[test]
    fn every_documented_flag_parses() {
        let Command::Run(run) = parse(&["run"]).unwrap() else {
            panic!("not run")
        };
        assert_eq!((run.port, run.postgres), (8080, None));
        let Command::Run(run) =
            parse(&["run", "--port", "9000", "--postgres", "postgres://u:p@h/db"]).unwrap()
        else {
            panic!("not run")
        };
        assert_eq!(run.port, 9000);
        assert_eq!(run.postgres.as_deref(), Some("postgres://u:p@h/db"));

        let Command::Test(t) = parse(&["test"]).unwrap() else {
            panic!("not test")
        };
        assert!(!(t.no_e2e || t.no_postgres || t.no_wasm || t.no_fuzz));
        let Command::Test(t) = parse(&[
            "test",
            "--no-e2e",
            "--no-postgres",
            "--no-wasm",
            "--no-fuzz",
        ])
        .unwrap() else {
            panic!("not test")
        };
        assert!(t.no_e2e && t.no_postgres && t.no_wasm && t.no_fuzz);

        let Command::Fuzz(f) = parse(&["fuzz"]).unwrap() else {
            panic!("not fuzz")
        };
        assert_eq!((f.cases, f.seed, f.postgres), (100, None, None));
        let Command::Fuzz(f) =
            parse(&["fuzz", "--cases", "5", "--seed", "14", "--postgres"]).unwrap()
        else {
            panic!("not fuzz")
        };
        assert_eq!(
            (f.cases, f.seed.as_deref(), f.postgres),
            (5, Some("14"), Some(None))
        );
        let Command::Fuzz(f) =
            parse(&["fuzz", "--postgres", "postgresql://h/db", "--cases", "7"]).unwrap()
        else {
            panic!("not fuzz")
        };
        assert_eq!(f.postgres, Some(Some("postgresql://h/db".into())));
        assert_eq!(f.cases, 7);

        assert!(matches!(parse(&["bench"]).unwrap(), Command::Bench));
        assert!(matches!(parse(&["build"]).unwrap(), Command::Build));
        assert!(matches!(
            parse(&["install"]).unwrap(),
            Command::Install(InstallArgs { test: false })
        ));
        assert!(matches!(
            parse(&["install", "--test"]).unwrap(),
            Command::Install(InstallArgs { test: true })
        ));
        for help in [&["help"][..], &["--help"], &["-h"], &["test", "--help"]] {
            let err = parse(help).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp);
            assert_eq!(err.exit_code(), 0);
        }
    }
}
