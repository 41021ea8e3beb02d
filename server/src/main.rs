//! `lotsen-server [serve] [--addr …] [--database-url …] [--dist …] [--demo-data] [--log-format text|json]
//! [--public-url …] [--insecure-cookies] [--smtp-url … --mail-from …]`.

use std::process::ExitCode;

use clap::Parser;
use lotsen_server::config::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let Command::Serve(config) = Cli::parse().into_command();
    lotsen_server::telemetry::init(config.log_format);
    match lotsen_server::serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "lotsen-server stopped");
            ExitCode::FAILURE
        }
    }
}
