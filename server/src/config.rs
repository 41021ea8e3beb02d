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
        self.command
            .unwrap_or_else(|| Command::Serve(Box::new(self.serve)))
    }
}

/// The server's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server until SIGINT or SIGTERM (the default).
    Serve(Box<ServeConfig>),
    /// Copy a SQLite database into a new, empty PostgreSQL database and verify
    /// every table's row count (stop the server first).
    CopyToPostgres(CopyConfig),
}

/// Where `copy-to-postgres` copies from and to.
#[derive(Clone, Args)]
pub struct CopyConfig {
    /// The SQLite database, e.g. `sqlite://data/lotsen.db`.
    #[arg(long)]
    pub from: String,
    /// An empty PostgreSQL database, e.g. `postgres://lotsen:PASSWORD@db.example/lotsen`;
    /// it is migrated first.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub to: String,
}

/// Leaves the URLs out: they may hold a password.
impl std::fmt::Debug for CopyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CopyConfig").finish_non_exhaustive()
    }
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
    /// Pooled PostgreSQL connections (default 10; keep the sum over all server
    /// processes below the database's `max_connections`).
    #[arg(long, env = "LOTSEN_DB_MAX_CONNECTIONS")]
    pub db_max_connections: Option<u32>,
    /// The built app (Trunk's output) to serve outside `/api`.
    #[arg(long, env = "LOTSEN_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Seed demo data into a database that has none yet (env: 1/0, true/false, yes/no).
    #[arg(long, env = "LOTSEN_DEMO_DATA", value_parser = clap::builder::BoolishValueParser::new())]
    pub demo_data: bool,
    /// For development only: show staff the outbox in the app (`/staff/outbox`,
    /// `GET /api/dev/outbox`), links included, when no SMTP is configured.
    /// Never on a real deployment: a reset link there lets staff set a young
    /// person's password. `cargo xtask run` and the tests turn it on.
    #[arg(long, env = "LOTSEN_DEV_OUTBOX", value_parser = clap::builder::BoolishValueParser::new())]
    pub dev_outbox: bool,
    /// Log lines as human-readable text or as JSON objects; the filter comes from `LOTSEN_LOG`.
    #[arg(long, env = "LOTSEN_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// The address people open Lotsen at, e.g. `https://lotsen.kommun.se` (invitation
    /// links start with it; its origin is accepted on writes; its host is the passkeys'
    /// relying party, which cannot be an IP address). Default: `http://` + `--addr`,
    /// with `localhost` for a loopback address (`http://localhost:8080`).
    #[arg(long, env = "LOTSEN_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,
    /// Name the session cookie `lotsen_session` and leave out `Secure`, for plain-http
    /// deployments other than localhost (browsers keep `Secure` cookies from http://localhost).
    #[arg(long, env = "LOTSEN_INSECURE_COOKIES", value_parser = clap::builder::BoolishValueParser::new())]
    pub insecure_cookies: bool,
    /// Send e-mail through this server: `smtps://user:pass@host:465`, or
    /// `smtp://host:25?tls=required` for STARTTLS. Without it, invitation links are
    /// handed over by staff and outgoing messages stay in the outbox (see `--dev-outbox`).
    #[arg(
        long,
        env = "LOTSEN_SMTP_URL",
        hide_env_values = true,
        requires = "mail_from"
    )]
    pub smtp_url: Option<String>,
    /// The sender of e-mail, e.g. `Lotsen <lotsen@kommun.se>`.
    #[arg(long, env = "LOTSEN_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Send SMS through this gateway: its `sendsms` URL with the credentials
    /// (Kannel's HTTP interface, which many SMS aggregators offer too), e.g.
    /// `https://gw.kommun.se/cgi-bin/sendsms?username=lotsen&password=…`. The
    /// gateway reports delivery to `{public URL}/api/sms/delivery/…`.
    #[arg(
        long,
        env = "LOTSEN_SMS_URL",
        hide_env_values = true,
        requires = "sms_from"
    )]
    pub sms_url: Option<String>,
    /// The sender of SMS: a name of up to 11 letters and digits (`Lotsen`) or a number.
    #[arg(long, env = "LOTSEN_SMS_FROM")]
    pub sms_from: Option<String>,
    /// The file with the secret behind the anonymous ratings' keys, created
    /// (owner-only) at first start. Keep it out of the database's backups, and
    /// back it up on its own: without it young people cannot change their
    /// earlier ratings. Default: beside the SQLite file
    /// (`data/lotsen.db.rating-key`), `data/rating.key` for PostgreSQL.
    #[arg(long, env = "LOTSEN_RATING_KEY_FILE")]
    pub rating_key_file: Option<PathBuf>,
    /// The address of a reverse proxy in front of Lotsen (repeat, or separate
    /// with commas, for several). Only requests whose TCP peer is one of them
    /// have their client address read from `X-Forwarded-For`; everyone else's
    /// header is ignored. Rate limits count per client address.
    #[arg(long, env = "LOTSEN_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<std::net::IpAddr>,
    /// The SCB half-year file's layout and code lists (JSON, as
    /// `server/config/scb-kaa.json`, which is built in and used without this):
    /// replace it when SCB publishes a new data file description. Checked at start.
    #[arg(long, env = "LOTSEN_SCB_CONFIG")]
    pub scb_config: Option<PathBuf>,
}

impl ServeConfig {
    /// `--rating-key-file`, or the default for the database URL.
    pub fn rating_key_file(&self) -> PathBuf {
        self.rating_key_file
            .clone()
            .unwrap_or_else(|| crate::feedback::rating_key::default_path(&self.database_url))
    }

    /// `--public-url`, or `http://` + the listen address (`localhost` for a
    /// loopback address, so that passkeys work), without a trailing `/`.
    pub fn public_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| {
            if self.addr.ip().is_loopback() {
                format!("http://localhost:{}", self.addr.port())
            } else {
                format!("http://{}", self.addr)
            }
        })
    }
}

/// An `http(s)://` URL with a host, kept without a trailing `/`.
fn parse_public_url(input: &str) -> Result<String, String> {
    let url = input.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("the public URL must start with http:// or https://")?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || url.contains(['?', '#']) || url.chars().any(char::is_whitespace) {
        return Err("the public URL must be like https://lotsen.kommun.se".into());
    }
    Ok(url.to_owned())
}

/// `scheme://host[:port]` of an `http(s)://` URL, lower-cased.
pub fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{host}").to_ascii_lowercase()
}

/// Leaves the database URL out: it may hold a password.
impl std::fmt::Debug for ServeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeConfig")
            .field("addr", &self.addr)
            .field("database_url", &"<hidden>")
            .field("dist", &self.dist)
            .field("demo_data", &self.demo_data)
            .field("dev_outbox", &self.dev_outbox)
            .field("log_format", &self.log_format)
            .field("public_url", &self.public_url)
            .field("insecure_cookies", &self.insecure_cookies)
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<hidden>"))
            .field("mail_from", &self.mail_from)
            .field("sms_url", &self.sms_url.as_ref().map(|_| "<hidden>"))
            .field("sms_from", &self.sms_from)
            .field("rating_key_file", &self.rating_key_file)
            .field("trusted_proxy", &self.trusted_proxy)
            .field("scb_config", &self.scb_config)
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
        match Cli::try_parse_from(args).unwrap().into_command() {
            Command::Serve(config) => *config,
            Command::CopyToPostgres(_) => panic!("expected the serve command"),
        }
    }

    #[test]
    fn copy_to_postgres_takes_both_urls() {
        let command = Cli::try_parse_from([
            "lotsen-server",
            "copy-to-postgres",
            "--from",
            "sqlite://data/lotsen.db",
            "--to",
            "postgres://lotsen@localhost/lotsen",
        ])
        .unwrap()
        .into_command();
        assert!(matches!(command, Command::CopyToPostgres(_)));
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
    fn public_url_defaults_to_the_listen_address() {
        let config = parse(&["lotsen-server", "--addr", "127.0.0.1:9000"]);
        assert_eq!(config.public_url(), "http://localhost:9000");
        let config = parse(&["lotsen-server", "--addr", "192.0.2.7:9000"]);
        assert_eq!(config.public_url(), "http://192.0.2.7:9000");
        let config = parse(&["lotsen-server", "--public-url", "https://lotsen.kommun.se/"]);
        assert_eq!(config.public_url(), "https://lotsen.kommun.se");
        for bad in ["lotsen.kommun.se", "ftp://x", "https://", "https://x?y"] {
            assert!(
                Cli::try_parse_from(["lotsen-server", "--public-url", bad]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn origins_drop_the_path_and_case() {
        assert_eq!(
            origin_of("https://Lotsen.Kommun.se/app"),
            "https://lotsen.kommun.se"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }

    #[test]
    fn smtp_needs_a_sender_and_its_url_is_hidden() {
        assert!(Cli::try_parse_from(["lotsen-server", "--smtp-url", "smtp://h:25"]).is_err());
        let config = parse(&[
            "lotsen-server",
            "--smtp-url",
            "smtps://u:secret@h:465",
            "--mail-from",
            "Lotsen <lotsen@kommun.se>",
            "--insecure-cookies",
        ]);
        assert!(config.insecure_cookies);
        assert!(!format!("{config:?}").contains("secret"));
    }

    #[test]
    fn sms_needs_a_sender_and_its_url_is_hidden() {
        let url = "https://gw.example/cgi-bin/sendsms?username=l&password=secret";
        assert!(Cli::try_parse_from(["lotsen-server", "--sms-url", url]).is_err());
        let config = parse(&["lotsen-server", "--sms-url", url, "--sms-from", "Lotsen"]);
        assert_eq!(config.sms_url.as_deref(), Some(url));
        assert!(!format!("{config:?}").contains("secret"));
    }

    #[test]
    fn trusted_proxies_are_addresses_repeated_or_comma_separated() {
        assert!(parse(&["lotsen-server"]).trusted_proxy.is_empty());
        let config = parse(&[
            "lotsen-server",
            "--trusted-proxy",
            "10.0.0.1,::1",
            "--trusted-proxy",
            "192.0.2.9",
        ]);
        let expected: Vec<std::net::IpAddr> = vec![
            "10.0.0.1".parse().unwrap(),
            "::1".parse().unwrap(),
            "192.0.2.9".parse().unwrap(),
        ];
        assert_eq!(config.trusted_proxy, expected);
        assert!(Cli::try_parse_from(["lotsen-server", "--trusted-proxy", "proxy.local"]).is_err());
    }

    #[test]
    fn the_scb_configuration_is_a_path_or_built_in() {
        assert_eq!(parse(&["lotsen-server"]).scb_config, None);
        let config = parse(&["lotsen-server", "--scb-config", "/etc/lotsen/scb-kaa.json"]);
        assert_eq!(
            config.scb_config,
            Some(PathBuf::from("/etc/lotsen/scb-kaa.json"))
        );
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
