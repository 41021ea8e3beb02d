//! Lotsen's server: a thin REST backend under `/api` (axum, sqlx) that also
//! serves the built Leptos app.
//!
//! [`app`] builds the whole router from an [`AppState`], so tests can call it
//! without a network; [`serve`] is what the binary runs.

pub mod accounts;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod booking;
pub mod clock;
pub mod config;
pub mod copy;
pub mod csv_export;
pub mod db;
pub mod demo;
pub mod desk;
pub mod error;
pub mod feedback;
pub mod home;
pub mod i18n;
pub mod json;
pub mod middleware;
pub mod openapi;
pub mod outbox;
pub mod outcomes;
pub mod passkeys;
pub mod people;
pub mod register;
pub mod routes;
pub mod schedule;
pub mod spa;
pub mod team;
pub mod telemetry;
pub mod timeline;

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::routing::any;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::{Level, Span};

pub use crate::clock::Clock;
pub use crate::config::ServeConfig;
pub use crate::db::Db;
pub use crate::error::AppError;

/// The largest request body the API reads.
pub const BODY_LIMIT: usize = 64 * 1024;

/// How long a request may take before it is answered with 503 `unavailable`.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How this deployment is reached and talks to people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Where people open Lotsen, without a trailing `/` (invitation links start with it).
    pub public_url: String,
    /// `scheme://host[:port]` of `public_url`, accepted as `Origin` on writes.
    pub public_origin: String,
    /// The cookie without `Secure` (and without the `__Host-` prefix).
    pub insecure_cookies: bool,
    /// Whether e-mail is sent (SMTP configured); otherwise invitation links are
    /// handed over by staff.
    pub email_delivery: bool,
    /// Whether SMS is sent (an SMS gateway configured, `--sms-url`).
    pub sms_delivery: bool,
    /// Development only (`--dev-outbox`): without SMTP, staff see the outbox in
    /// the app (`GET /api/dev/outbox`), reset links included.
    pub dev_outbox: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Settings {
    /// Settings for `public_url`, secure cookies, no e-mail.
    pub fn new(public_url: &str) -> Self {
        let public_url = public_url.trim_end_matches('/').to_owned();
        Self {
            public_origin: config::origin_of(&public_url),
            public_url,
            insecure_cookies: false,
            email_delivery: false,
            sms_delivery: false,
            dev_outbox: false,
            trusted_proxies: Vec::new(),
        }
    }
}

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The built app (Trunk's output).
    pub dist: Arc<Path>,
    /// The time, fixed in tests.
    pub clock: Clock,
    /// Public URL, cookies, e-mail.
    pub settings: Arc<Settings>,
    /// Password attempts (sign-in and re-entry), in memory.
    pub limiter: Arc<auth::rate_limit::RateLimiter>,
    /// Wakes the outbox sender when a message is added.
    pub outbox: Arc<Notify>,
    /// The secret behind the rating keys, from the key file ([`feedback::rating_key`]).
    pub rating_key: Arc<feedback::rating_key::RatingKey>,
    /// The SCB file's layout and code lists (`--scb-config`, or the built-in one).
    pub scb: Arc<register::scb::config::ScbConfig>,
    /// The relying party (the public URL's host) and the passkey ceremonies in progress.
    pub passkeys: Arc<passkeys::Passkeys>,
}

impl AppState {
    /// State for a database, a dist directory and a clock, with the settings of
    /// a development server on `http://localhost:8080` without e-mail.
    pub fn new(db: Db, dist: impl Into<PathBuf>, clock: Clock) -> Self {
        Self {
            db,
            dist: Arc::from(dist.into()),
            clock,
            settings: Arc::new(Settings::new("http://localhost:8080")),
            limiter: Arc::default(),
            outbox: Arc::default(),
            rating_key: Arc::new(feedback::rating_key::RatingKey::random()),
            scb: register::scb::config::ScbConfig::builtin(),
            passkeys: Arc::new(passkeys::Passkeys::new("http://localhost:8080")),
        }
    }

    /// The same state with another SCB configuration.
    pub fn with_scb_config(mut self, config: register::scb::config::ScbConfig) -> Self {
        self.scb = Arc::new(config);
        self
    }

    /// The same state with the rating key from the key file.
    pub fn with_rating_key(mut self, key: feedback::rating_key::RatingKey) -> Self {
        self.rating_key = Arc::new(key);
        self
    }

    /// The same state with other settings.
    pub fn with_settings(mut self, settings: Settings) -> Self {
        if settings.public_url != self.settings.public_url {
            self.passkeys = Arc::new(passkeys::Passkeys::new(&settings.public_url));
        }
        self.settings = Arc::new(settings);
        self
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl FromRef<AppState> for Clock {
    fn from_ref(state: &AppState) -> Self {
        state.clock.clone()
    }
}

/// The whole application: the API, the SPA, and the layers around them
/// (with `Strict-Transport-Security` when the public URL is https).
pub fn app(state: AppState) -> Router {
    let https = state.settings.public_url.starts_with("https://");
    let (api, _) = routes::api_router().split_for_parts();
    let router = Router::new()
        .merge(api)
        .route("/api", any(routes::api_not_found))
        .route("/api/{*rest}", any(routes::api_not_found))
        .fallback(spa::serve)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::csrf::guard,
        ))
        .with_state(state);
    let router = with_middleware(router, REQUEST_TIMEOUT).layer(json_compression());
    if https {
        // Outermost, so that every response carries it, errors included.
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(middleware::HSTS),
        ))
    } else {
        router
    }
}

/// JSON answers (the API's, errors included) gzip-compressed for a client
/// that accepts it: JSON shrinks to a sixth or less (Karim's list of young
/// people, 2.8 KB, is 450 bytes; a day of free times, 13.6 KB, about 1 KB),
/// which a phone on a slow line feels. Outside every other layer, so that it
/// compresses the final body (error bodies are rewritten inside it). Gzip at
/// level 4, not brotli: brotli's encoder sets up its tables for each answer,
/// which took a list read under load (`cargo xtask bench`) from 6.5 to 9 ms
/// p99 for a few bytes less. Answers under 32 bytes are left as they are
/// (tower-http's default predicate). Static files are served precompressed
/// with brotli (`spa.rs`).
fn json_compression() -> CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::Predicate as _;
    use tower_http::compression::predicate::DefaultPredicate;
    CompressionLayer::new()
        .no_br()
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(4))
        .compress_when(DefaultPredicate::new().and(
            |_: StatusCode,
             _: axum::http::Version,
             headers: &axum::http::HeaderMap,
             _: &axum::http::Extensions| { middleware::is_json_type(headers) },
        ))
}

/// Wraps `router` in the layers every request passes, outermost first:
/// request id (a client's own kept if plain), tracing, security headers, localised error bodies, panic
/// catching, and a timeout answered with 503 `unavailable`.
pub fn with_middleware(router: Router, request_timeout: Duration) -> Router {
    router.layer(
        ServiceBuilder::new()
            .layer(axum::middleware::from_fn(middleware::sanitize_request_id))
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_span)
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(axum::middleware::from_fn(middleware::security_headers))
            .layer(axum::middleware::from_fn(middleware::error_bodies))
            .layer(CatchPanicLayer::custom(middleware::panic_response))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                request_timeout,
            )),
    )
}

/// The span of one request: method, path (never the query; a calendar feed's
/// token and an SMS delivery report's secret left out) and request id.
fn request_span(req: &Request<Body>) -> Span {
    let request_id = req
        .headers()
        .get(middleware::X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let path = req.uri().path();
    let path = if path.starts_with("/api/calendar/") {
        "/api/calendar/{token}"
    } else if path.starts_with("/api/sms/delivery/") {
        "/api/sms/delivery/{secret}"
    } else {
        path
    };
    tracing::info_span!("request", method = %req.method(), path = %path, request_id = %request_id)
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Db(#[from] db::DbError),
    /// Seeding demo data failed.
    #[error("could not seed demo data: {0}")]
    Seed(#[source] sqlx::Error),
    /// The e-mail settings are not usable.
    #[error("e-mail settings: {0}")]
    Mail(String),
    /// The SMS settings are not usable.
    #[error("SMS settings: {0}")]
    Sms(String),
    /// The rating key file could not be read, created or adopted.
    #[error(transparent)]
    RatingKey(#[from] feedback::rating_key::RatingKeyError),
    /// The SCB configuration file (`--scb-config`) could not be read or is not valid.
    #[error("SCB configuration: {0}")]
    ScbConfig(String),
    /// The address could not be bound.
    #[error("could not listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Serving failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Opens the database, seeds demo data if asked, and serves until SIGINT or SIGTERM.
pub async fn serve(config: ServeConfig) -> Result<(), ServeError> {
    i18n::load();
    auth::password::warm_up();
    let mailer = match (&config.smtp_url, &config.mail_from) {
        (Some(url), Some(from)) => Some(outbox::Mailer::new(url, from).map_err(ServeError::Mail)?),
        (Some(_), None) => return Err(ServeError::Mail("--smtp-url needs --mail-from".into())),
        _ => None,
    };
    let sms = match (&config.sms_url, &config.sms_from) {
        (Some(url), Some(from)) => {
            Some(outbox::SmsSender::new(url, from, &config.public_url()).map_err(ServeError::Sms)?)
        }
        (Some(_), None) => return Err(ServeError::Sms("--sms-url needs --sms-from".into())),
        _ => None,
    };
    let db = Db::connect_with(&config.database_url, config.db_max_connections).await?;
    tracing::info!(engine = db.engine().as_str(), "database ready");
    let clock = Clock::System;
    if config.demo_data
        && demo::seed_if_new(&db, &clock)
            .await
            .map_err(ServeError::Seed)?
    {
        tracing::info!("seeded demo data");
    }
    let key_file = config.rating_key_file();
    let rating_key = feedback::rating_key::load(&db, &key_file).await?;
    tracing::info!(path = %key_file.display(), "rating key file");
    let mut settings = Settings::new(&config.public_url());
    settings.insecure_cookies = config.insecure_cookies;
    settings.email_delivery = mailer.is_some();
    settings.sms_delivery = sms.is_some();
    settings.dev_outbox = config.dev_outbox && mailer.is_none();
    settings.trusted_proxies = config.trusted_proxy.clone();
    let mut state = AppState::new(db.clone(), config.dist.clone(), clock.clone())
        .with_settings(settings)
        .with_rating_key(rating_key);
    if let Some(path) = &config.scb_config {
        let scb = register::scb::config::ScbConfig::load(path).map_err(ServeError::ScbConfig)?;
        tracing::info!(path = %path.display(), "SCB configuration");
        state = state.with_scb_config(scb);
    }
    tokio::spawn(booking::run(state.clone()));
    tokio::spawn(schedule::tasks::run(state.clone()));
    tokio::spawn(register::people::run(state.clone()));
    tokio::spawn(auth::housekeeping(state.clone()));
    if sms.is_some() {
        tracing::info!("SMS is sent through the outbox");
    }
    let senders = outbox::Senders { mail: mailer, sms };
    if senders.mail.is_some() || senders.sms.is_some() {
        tokio::spawn(outbox::run(
            db.clone(),
            clock,
            senders.clone(),
            state.outbox.clone(),
        ));
    }
    match senders.mail {
        Some(_) => tracing::info!("e-mail is sent through the outbox"),
        None if state.settings.dev_outbox => tracing::warn!(
            "no SMTP configured and --dev-outbox: outgoing messages stay in the outbox, and staff see them, reset links included, in the app at /staff/outbox (development only)"
        ),
        None => tracing::info!(
            "no SMTP configured: outgoing messages stay in the outbox; invitation links are handed over by staff"
        ),
    }
    if !config.dist.join("index.html").is_file() {
        tracing::warn!(dist = %config.dist.display(), "no index.html in the dist directory: run `cargo xtask run`");
    }
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    tracing::info!("public URL {}", state.settings.public_url);
    run(listener, state, shutdown_signal()).await?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Serves [`app`] on `listener` until `shutdown` completes, then lets open requests finish.
/// Handlers learn the client's address (for rate limiting).
pub async fn run(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
