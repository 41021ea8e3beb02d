//! `lotsen-server [serve] [--addr …] [--database-url …] [--db-max-connections N] [--dist …] [--demo-data]
//! [--log-format text|json] [--public-url …] [--insecure-cookies] [--smtp-url … --mail-from …]`,
//! and `lotsen-server copy-to-postgres --from sqlite://… --to postgres://…`.

use std::process::ExitCode;

use clap::Parser;
use lotsen_server::config::{Cli, Command, CopyConfig, LogFormat};
use lotsen_server::{Db, copy};

/// mimalloc: cheaper than the system allocator for the many small, short-lived
/// allocations of a request (measured with `cargo xtask bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match Cli::parse().into_command() {
        Command::Serve(config) => {
            lotsen_server::telemetry::init(config.log_format);
            match lotsen_server::serve(*config).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    tracing::error!(%error, "lotsen-server stopped");
                    ExitCode::FAILURE
                }
            }
        }
        Command::CopyToPostgres(config) => {
            lotsen_server::telemetry::init(LogFormat::Text);
            match copy_to_postgres(&config).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("copy-to-postgres: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Migrates both databases, copies, and prints each table's verified row count.
async fn copy_to_postgres(config: &CopyConfig) -> Result<(), Box<dyn std::error::Error>> {
    let (Db::Sqlite(from), Db::Postgres(to)) = (
        Db::connect(&config.from).await?,
        Db::connect(&config.to).await?,
    ) else {
        return Err("--from must be a sqlite:// URL and --to a postgres:// URL".into());
    };
    let counts = copy::sqlite_to_postgres(&from, &to).await?;
    println!("{:<24} {:>10} {:>10}", "table", "sqlite", "postgres");
    for c in &counts {
        println!("{:<24} {:>10} {:>10}", c.table, c.source, c.target);
    }
    println!("copied {} tables; every row count matches", counts.len());
    Ok(())
}
