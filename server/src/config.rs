//! The command line: `lotsen-server [serve] [OPTIONS]`, every option also from the environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lotsen's web server: the JSON API under `/api` and the built app from `dist`.
#[derive(Debug, Parser)]
#[command(
    name = "lotsen-server",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; `serve` when left out.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of `serve`, also accepted without the word `serve`.
    #[command(flatten)]
    pub serve: ServeConfig,
}

impl Cli {
    /// The command to run, `serve` being the default.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Serve(self.serve))
    }
}

/// The server's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server until SIGINT or SIGTERM (the default).
    Serve(ServeConfig),
}

/// How to run the server.
#[derive(Clone, Args)]
pub struct ServeConfig {
    /// Address and port to listen on.
    #[arg(long, env = "LOTSEN_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// `sqlite://path/to/file.db` (created if missing) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/lotsen.db",
        hide_env_values = true
    )]
    pub database_url: String,
    /// The built app (Trunk's output) to serve outside `/api`.
    #[arg(long, env = "LOTSEN_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Seed demo data into a database that has none yet (env: 1/0, true/false, yes/no).
    #[arg(long, env = "LOTSEN_DEMO_DATA", value_parser = clap::builder::BoolishValueParser::new())]
    pub demo_data: bool,
    /// Log lines as human-readable text or as JSON objects; the filter comes from `LOTSEN_LOG`.
    #[arg(long, env = "LOTSEN_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// Leaves the database URL out: it may hold a password.
impl std::fmt::Debug for ServeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeConfig")
            .field("addr", &self.addr)
            .field("database_url", &"<hidden>")
            .field("dist", &self.dist)
            .field("demo_data", &self.demo_data)
            .field("log_format", &self.log_format)
            .finish()
    }
}

/// The shape of log lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One human-readable line per event.
    #[default]
    Text,
    /// One JSON object per event, for log collectors.
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> ServeConfig {
        let Command::Serve(config) = Cli::try_parse_from(args).unwrap().into_command();
        config
    }

    #[test]
    fn serve_is_the_default_command() {
        let bare = parse(&["lotsen-server", "--addr", "0.0.0.0:9000", "--demo-data"]);
        let explicit = parse(&[
            "lotsen-server",
            "serve",
            "--addr",
            "0.0.0.0:9000",
            "--demo-data",
        ]);
        for config in [bare, explicit] {
            assert_eq!(config.addr.to_string(), "0.0.0.0:9000");
            assert!(config.demo_data);
        }
    }

    #[test]
    fn log_format_is_text_or_json() {
        assert_eq!(
            parse(&["lotsen-server", "--log-format", "json"]).log_format,
            LogFormat::Json
        );
        assert!(Cli::try_parse_from(["lotsen-server", "--log-format", "xml"]).is_err());
    }

    #[test]
    fn debug_hides_the_database_url() {
        let config = parse(&[
            "lotsen-server",
            "--database-url",
            "postgres://u:secret@h/db",
        ]);
        assert!(!format!("{config:?}").contains("secret"));
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
