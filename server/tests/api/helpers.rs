//! `TestApp`: the whole application on a fresh database, called in-process or
//! served on a real port.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use lotsen_api::account::InvitationSent;
use lotsen_api::account::{DevOutboxMessage, Me};
use lotsen_api::people::{GuardianCreated, YouthCreated};
use lotsen_api::personnummer::luhn_check_digit;
use lotsen_api::{Date, ErrorBody, ErrorCode};
use lotsen_server::{AppState, Clock, Db, Settings, app};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tempfile::TempDir;
use tower::ServiceExt;

pub use lotsen_server::demo::DEMO_PASSWORD;

/// Everything the tests reach inside the server below its router and its
/// crate root: one place, so that a module that moves is followed here in one line.
pub mod internals {
    pub use lotsen_server::accounts::routes::recovery::dev_outbox_messages;
    pub use lotsen_server::auth::password::hash_now as hash_password;
    pub use lotsen_server::auth::rate_limit::{PER_ADDRESS, RateLimiter};
    pub use lotsen_server::auth::token::hash as hash_token;
    pub use lotsen_server::auth::{SESSION_RETENTION_SECONDS, forget_old_sessions};
    pub use lotsen_server::booking::store::{
        AVAILABILITY_SQL, LONGEST_OCCUPIED_SECONDS, youth_window_sql,
    };
    pub use lotsen_server::booking::{expire_holds, send_reminders, serve_waitlists};
    pub use lotsen_server::demo::{
        DEMO_LOGINS, DemoScope, DemoSeed, seed_data, seed_demo_if_new, seed_scope_if_new,
    };
    pub use lotsen_server::feedback::rating_key::load as load_rating_key;
    pub use lotsen_server::openapi::{NEVER_UNPROCESSABLE, OPEN_TO_EVERY_ROLE};
    pub use lotsen_server::outbox::{Mailer, SmsSender, send_pending, send_pending_sms};
    pub use lotsen_server::register::people::deregister_turned_20;
    pub use lotsen_server::register::scb::config::{DEFAULT_TEXT as SCB_DEFAULT_CONFIG, ScbConfig};
    pub use lotsen_server::register::scb::store::WINDOW as SCB_WINDOW_SQL;
    pub use lotsen_server::schedule::send_change_reminders;
    pub use lotsen_server::schedule::store::youth::SCHEDULE_ROWS_SQL;
    pub use lotsen_server::timeline::rules::{
        Key as TimelineKey, Source as TimelineSource, date_bound as timeline_date_bound,
        instant_bound as timeline_instant_bound,
    };
    pub use lotsen_server::timeline::store::source_queries as timeline_queries;
}

/// The demo contact person of every demo young person.
pub const KARIM: &str = "karim.haddad@lotsen.example";
/// The demo administrator.
pub const ANNA: &str = "anna.andersson@lotsen.example";
/// A demo study and career counsellor (no young people of their own).
pub const SVEN: &str = "sven.berg@lotsen.example";
/// A demo young person of 17, with two guardians.
pub const ELSA: &str = "elsa.nilsson@lotsen.example";
/// A demo young person of 19.
pub const OMAR: &str = "omar.ali@lotsen.example";
/// A demo young person of 24 with protected identity.
pub const LINNEA: &str = "linnea.ek@lotsen.example";
/// A guardian of Elsa.
pub const MARIA: &str = "maria.nilsson@lotsen.example";
/// The other guardian of Elsa.
pub const PER: &str = "per.nilsson@lotsen.example";

/// The header the app sends with every request; writes without it are refused.
pub const APP_HEADER: (&str, &str) = ("x-requested-with", "lotsen");

/// A valid personnummer `YYYYMMDD-NNNC` for a birth date (day + 60 for a coordination number) and serial.
pub fn valid_personnummer(year: i32, month: u8, day: u8, serial: u16) -> String {
    let nine = format!("{:02}{month:02}{day:02}{serial:03}", year % 100);
    let digits: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
    format!(
        "{year:04}{month:02}{day:02}-{serial:03}{}",
        luhn_check_digit(&digits)
    )
}

/// A signed-in browser: the `Cookie` header it sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// `__Host-lotsen_session=<token>`.
    pub cookie: String,
}

impl Session {
    /// The session token alone.
    pub fn token(&self) -> &str {
        self.cookie.split_once('=').unwrap().1
    }
}

/// The token of an invitation link (`…/invitation#<token>`).
pub fn token_of(link: &str) -> String {
    link.split_once("/invitation#")
        .unwrap_or_else(|| panic!("not an invitation link: {link}"))
        .1
        .to_owned()
}

/// Everything logged on this thread while the returned guard lives (use a
/// current-thread test runtime).
///
/// One global subscriber (installed at the first capture) writes each event to
/// the capture of the thread it happens on, if any. A global subscriber, unlike
/// per-test `set_default`, cannot lose events to tracing's per-callsite
/// interest cache while other tests run on other threads.
pub struct LogCapture {
    buffer: Arc<Mutex<Vec<u8>>>,
}

thread_local! {
    static CAPTURE: std::cell::RefCell<Option<Arc<Mutex<Vec<u8>>>>> = const { std::cell::RefCell::new(None) };
}

impl LogCapture {
    /// Starts capturing every level on this thread.
    pub fn start() -> Self {
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| {
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_writer(|| SharedWriter(CAPTURE.with(|c| c.borrow().clone())))
                .finish();
            tracing::subscriber::set_global_default(subscriber)
                .expect("no other global subscriber");
        });
        let buffer = Arc::new(Mutex::new(Vec::new()));
        CAPTURE.with(|c| *c.borrow_mut() = Some(buffer.clone()));
        Self { buffer }
    }

    /// What was logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.buffer.lock().unwrap()).into_owned()
    }
}

impl Drop for LogCapture {
    fn drop(&mut self) {
        CAPTURE.with(|c| c.borrow_mut().take());
    }
}

/// Writes to a capture, or nowhere.
struct SharedWriter(Option<Arc<Mutex<Vec<u8>>>>);

impl std::io::Write for SharedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(buffer) = &self.0 {
            buffer.lock().unwrap().extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The day the tests' clock is stopped on (noon, Swedish time).
pub fn today() -> Date {
    lotsen_api::date::ymd(2026, 11, 23).unwrap()
}

/// The `errors` object of a locale file, read independently of the server's code.
fn locale_errors(json: &str) -> serde_json::Map<String, serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["errors"].as_object().unwrap().clone()
}

static SV: LazyLock<serde_json::Map<String, serde_json::Value>> =
    LazyLock::new(|| locale_errors(include_str!("../../../locales/sv.json")));
static EN: LazyLock<serde_json::Map<String, serde_json::Value>> =
    LazyLock::new(|| locale_errors(include_str!("../../../locales/en.json")));

/// The message for `code` in `lang` (`sv` or `en`), straight from the locale file.
pub fn message(lang: &str, code: &str) -> String {
    let errors = if lang == "en" { &*EN } else { &*SV };
    errors[code]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} message for {code}"))
        .to_owned()
}

/// A database for one test, removed afterwards.
enum TestDatabase {
    Sqlite { _dir: TempDir },
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// A fresh database of the engine `LOTSEN_TEST_DB` names; returns it and its URL.
    async fn create() -> (Self, String) {
        match std::env::var("LOTSEN_TEST_DB").as_deref() {
            Ok("postgres") => {
                let admin_url = std::env::var("LOTSEN_TEST_PG_URL")
                    .expect("LOTSEN_TEST_DB=postgres needs LOTSEN_TEST_PG_URL=postgres://user@host:port/postgres");
                let name = unique_name();
                let mut admin = connect_admin(&admin_url).await;
                sqlx::query(&format!(r#"CREATE DATABASE "{name}""#))
                    .execute(&mut admin)
                    .await
                    .unwrap();
                // Same server and options, another database: replace the path, keep the query.
                let (without_query, query) = admin_url.split_once('?').unwrap_or((&admin_url, ""));
                let (base, _) = without_query
                    .rsplit_once('/')
                    .expect("a PostgreSQL URL ends in /database");
                let query = if query.is_empty() {
                    String::new()
                } else {
                    format!("?{query}")
                };
                let url = format!("{base}/{name}{query}");
                (Self::Postgres { admin_url, name }, url)
            }
            Ok("sqlite") | Err(_) => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("data/lotsen.db").display());
                (Self::Sqlite { _dir: dir }, url)
            }
            Ok(other) => panic!("LOTSEN_TEST_DB must be sqlite or postgres, not {other:?}"),
        }
    }
}

async fn connect_admin(url: &str) -> sqlx::PgConnection {
    use sqlx::Connection;
    sqlx::PgConnection::connect(url)
        .await
        .expect("cannot reach LOTSEN_TEST_PG_URL")
}

fn unique_name() -> String {
    static SEQUENCE: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "lotsen_test_{}_{}_{nanos}",
        std::process::id(),
        SEQUENCE.fetch_add(1, Ordering::Relaxed)
    )
}

/// Drops a test's PostgreSQL database, from a thread of its own since `Drop` cannot await.
impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Self::Postgres { admin_url, name } = self {
            let admin_url = admin_url.clone();
            let statement = format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#);
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    let mut admin = connect_admin(&admin_url).await;
                    sqlx::query(&statement).execute(&mut admin).await
                })
            })
            .join();
            if !matches!(dropped, Ok(Ok(_))) {
                eprintln!("could not drop the test database {name}");
            }
        }
    }
}

/// The application on a fresh database, a temporary dist directory and a
/// clock stopped at noon on [`today`] that moves only by [`TestApp::advance`].
pub struct TestApp {
    /// The router under test.
    pub router: Router,
    /// What the router was built from.
    pub state: AppState,
    /// The dist directory (empty unless files were given).
    pub dist: TempDir,
    /// Holds the rating key file (`rating.key`), made at start as the server makes it.
    pub keys: TempDir,
    /// The database's URL (to open it again, as after a restart).
    pub database_url: String,
    _database: TestDatabase,
}

impl TestApp {
    /// With an empty dist directory (the app is not built).
    pub async fn new() -> Self {
        Self::with_dist(&[]).await
    }

    /// With these files (relative path, content) in the dist directory.
    pub async fn with_dist(files: &[(&str, &[u8])]) -> Self {
        let (database, url) = TestDatabase::create().await;
        let db = Db::connect(&url).await.expect("the test database opens");
        let keys = tempfile::tempdir().unwrap();
        let rating_key = internals::load_rating_key(&db, &keys.path().join("rating.key"))
            .await
            .expect("the rating key file is made");
        let dist = tempfile::tempdir().unwrap();
        for (path, content) in files {
            let path = dist.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        let state = AppState::new(db, dist.path(), Clock::manual_on(today()))
            .with_settings(Settings::new("http://lotsen.test"))
            .with_rating_key(rating_key);
        Self {
            router: app(state.clone()),
            state,
            dist,
            keys,
            database_url: url,
            _database: database,
        }
    }

    /// With the demo people seeded and e-mail delivery on, so that messages go to the outbox.
    pub async fn with_demo_and_email() -> Self {
        let mut settings = Settings::new("http://lotsen.test");
        settings.email_delivery = true;
        Self::with_demo().await.with_settings(settings)
    }

    /// With the demo people seeded, and `login` (one of them) signed in.
    pub async fn with_demo_signed_in(login: &str) -> (Self, Session) {
        let app = Self::with_demo().await;
        let session = app.demo(login).await;
        (app, session)
    }

    /// With the demo people seeded (and their schedule and bookings), the
    /// activity-responsibility register left empty.
    pub async fn with_demo() -> Self {
        Self::with_demo_scope(internals::DemoScope::WithoutRegister).await
    }

    /// With all the demo data seeded, as `--demo-data` does: the demo
    /// register too.
    pub async fn with_whole_demo() -> Self {
        Self::with_demo_scope(internals::DemoScope::Everything).await
    }

    async fn with_demo_scope(scope: internals::DemoScope) -> Self {
        let app = Self::new().await;
        assert!(
            internals::seed_scope_if_new(&app.state.db, &app.state.clock, scope)
                .await
                .unwrap()
        );
        app
    }

    /// The same application and database with other settings.
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.state = self.state.with_settings(settings);
        self.router = app(self.state.clone());
        self
    }

    /// The same application and database with another SCB configuration.
    pub fn with_scb_config(mut self, config: internals::ScbConfig) -> Self {
        self.state = self.state.with_scb_config(config);
        self.router = app(self.state.clone());
        self
    }

    /// The same database and clock after a restart of the server with the
    /// rating key file at `key_file` (made if missing, as at a first start).
    pub async fn restarted(mut self, key_file: &std::path::Path) -> Self {
        self.state.db.close().await;
        let db = Db::connect(&self.database_url)
            .await
            .expect("the test database opens again");
        let key = internals::load_rating_key(&db, key_file)
            .await
            .expect("the rating key file is read");
        self.state = AppState::new(db, self.dist.path(), self.state.clock.clone())
            .with_settings((*self.state.settings).clone())
            .with_rating_key(key);
        self.router = app(self.state.clone());
        self
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        self.state.clock.advance(by);
    }

    /// Runs `sql` on the test database, returning the rows affected or the error.
    pub async fn execute(&self, sql: &str) -> Result<u64, sqlx::Error> {
        match &self.state.db {
            Db::Sqlite(db) => sqlx::query(sql)
                .execute(db.pool())
                .await
                .map(|r| r.rows_affected()),
            Db::Postgres(pool) => sqlx::query(sql)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()),
        }
    }

    /// The first column of the first row of `sql`, a number.
    pub async fn count(&self, sql: &str) -> i64 {
        match &self.state.db {
            Db::Sqlite(db) => sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap(),
            Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        }
    }

    /// The first column of every row of `sql`, as text.
    pub async fn texts(&self, sql: &str) -> Vec<String> {
        match &self.state.db {
            Db::Sqlite(db) => sqlx::query_scalar(sql).fetch_all(db.pool()).await,
            Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        }
        .unwrap()
    }

    /// How the database runs `sql` (literal, no parameters): SQLite's `EXPLAIN
    /// QUERY PLAN` details, or PostgreSQL's `EXPLAIN ANALYZE` lines (run, so
    /// with the rows each step actually touched).
    pub async fn plan(&self, sql: &str) -> Vec<String> {
        match &self.state.db {
            Db::Sqlite(db) => {
                let rows: Vec<(i64, i64, i64, String)> =
                    sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                        .fetch_all(db.pool())
                        .await
                        .unwrap();
                rows.into_iter().map(|(_, _, _, detail)| detail).collect()
            }
            Db::Postgres(pool) => sqlx::query_scalar(&format!("EXPLAIN ANALYZE {sql}"))
                .fetch_all(pool)
                .await
                .unwrap(),
        }
    }

    /// Whether the test database is SQLite (for the few SQL functions the engines name differently).
    pub fn is_sqlite(&self) -> bool {
        matches!(self.state.db, Db::Sqlite(_))
    }

    /// The account id of a login (no request lists every account with its id).
    pub async fn account_id(&self, email: &str) -> i64 {
        self.count(&format!("SELECT id FROM accounts WHERE email = '{email}'"))
            .await
    }

    /// How many messages in the outbox went to `account` and have `subject_start` as the start of their subject.
    pub async fn outbox_count(&self, account: i64, subject_start: &str) -> i64 {
        self.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE account_id = {account} AND subject LIKE '{subject_start}%'"
        ))
        .await
    }

    /// The outbox, newest first (at most 50), as the development outbox shows
    /// it; read from the database, as the test server shows it to no one.
    pub async fn outbox_messages(&self) -> Vec<DevOutboxMessage> {
        internals::dev_outbox_messages(&self.state.db)
            .await
            .unwrap()
    }

    /// The messages the outbox holds for `address`, newest first.
    pub async fn mail_to(&self, address: &str) -> Vec<DevOutboxMessage> {
        let mut messages = self.outbox_messages().await;
        messages.retain(|m| m.to == address);
        messages
    }

    /// How many messages in the outbox went to `address`.
    pub async fn outbox_to(&self, address: &str) -> i64 {
        self.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE to_address = '{address}'"
        ))
        .await
    }

    /// The newest link containing `marker` (`/invitation#`, …) in a message the
    /// outbox holds for `address`: what its owner finds in their mail.
    pub async fn link_sent_to(&self, address: &str, marker: &str) -> String {
        let bodies = self
            .texts(&format!(
                "SELECT body FROM outbox WHERE to_address = '{address}' ORDER BY id DESC"
            ))
            .await;
        bodies
            .iter()
            .flat_map(|body| body.split_whitespace())
            .find(|word| word.contains(marker))
            .unwrap_or_else(|| panic!("no {marker} link to {address}"))
            .to_owned()
    }

    /// `n` young people with e-mail addresses, each signed in, numbered from
    /// `first_id`. Made directly in the database: through requests this would
    /// hash a password for each of them, minutes for 200.
    pub async fn young_people(&self, first_id: i64, n: i64) -> Vec<(i64, Session)> {
        let now = self.state.clock.unix_seconds();
        let ids: Vec<i64> = (first_id..first_id + n).collect();
        let rows = |row: &dyn Fn(i64) -> String| {
            ids.iter().map(|id| row(*id)).collect::<Vec<_>>().join(", ")
        };
        let accounts =
            rows(&|id| format!("({id}, 'youth', 'Ung {id}', 'ung{id}@example.se', {now})"));
        let youth = rows(&|id| format!("({id}, '2006{id:08}')"));
        let sessions = rows(&|id| {
            let hash = internals::hash_token(&format!("token-{id}"));
            format!("('{hash}', {id}, {now}, {now})")
        });
        for sql in [
            format!("INSERT INTO accounts (id, role, name, email, created_at) VALUES {accounts}"),
            format!("INSERT INTO youth (account_id, personnummer) VALUES {youth}"),
            format!(
                "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) VALUES {sessions}"
            ),
        ] {
            self.execute(&sql).await.unwrap();
        }
        ids.into_iter()
            .map(|id| {
                let cookie = format!("__Host-lotsen_session=token-{id}");
                (id, Session { cookie })
            })
            .collect()
    }

    /// Moves the clock on by `by`, every session still signed in ([`Self::keep_signed_in`]).
    pub async fn advance_signed_in(&self, by: Duration) {
        self.advance(by);
        self.keep_signed_in().await;
    }

    /// Every session counts as freshly signed in again after the clock moved on
    /// (past the idle timeout or the 12 hours a session lasts), as if everyone
    /// had signed in anew: signing in through requests would hash passwords.
    pub async fn keep_signed_in(&self) {
        let now = self.state.clock.unix_seconds();
        self.execute(&format!(
            "UPDATE sessions SET last_seen_at = {now}, created_at = {now}"
        ))
        .await
        .unwrap();
    }

    /// Sends every request at once, each on a task of its own; the statuses and bodies in order.
    pub async fn concurrently(&self, requests: Vec<Request<Body>>) -> Vec<(u16, String)> {
        let tasks: Vec<_> = requests
            .into_iter()
            .map(|req| {
                let router = self.router.clone();
                tokio::spawn(async move {
                    let response = TestResponse::read(router.oneshot(req).await.unwrap()).await;
                    let text = String::from_utf8_lossy(&response.body).into_owned();
                    (response.status.as_u16(), text)
                })
            })
            .collect();
        let mut out = Vec::new();
        for task in tasks {
            out.push(task.await.unwrap());
        }
        out
    }

    /// `DELETE path` as `session`, from the app.
    pub async fn delete_as(&self, path: &str, session: &Session) -> TestResponse {
        let headers = [APP_HEADER, ("cookie", session.cookie.as_str())];
        self.send(request(Method::DELETE, path, &headers, Body::empty()))
            .await
    }

    /// Signs in; the response as it is.
    pub async fn sign_in(&self, login: &str, password: &str) -> TestResponse {
        self.post_json(
            "/api/auth/sign-in",
            json!({ "login": login, "password": password }).to_string(),
        )
        .await
    }

    /// Signs in, which must succeed; the session.
    pub async fn session(&self, login: &str, password: &str) -> Session {
        let response = self.sign_in(login, password).await;
        assert_eq!(response.status, 200, "{login}: {}", response.text());
        response.session()
    }

    /// Signs in a demo person.
    pub async fn demo(&self, login: &str) -> Session {
        self.session(login, DEMO_PASSWORD).await
    }

    /// Signs in a demo person with `Accept-Language: accept_language`: the
    /// language of the messages sent to them from then on.
    pub async fn demo_in(&self, login: &str, accept_language: &str) -> Session {
        let headers = [
            ("content-type", "application/json"),
            ("accept-language", accept_language),
            APP_HEADER,
        ];
        let body = json!({ "login": login, "password": DEMO_PASSWORD }).to_string();
        let response = self
            .send(request(
                Method::POST,
                "/api/auth/sign-in",
                &headers,
                body.into(),
            ))
            .await;
        assert_eq!(response.status, 200, "{login}: {}", response.text());
        response.session()
    }

    /// Signs in demo people, in order.
    pub async fn demos<const N: usize>(&self, logins: [&str; N]) -> [Session; N] {
        let mut sessions = Vec::with_capacity(N);
        for login in logins {
            sessions.push(self.demo(login).await);
        }
        sessions.try_into().unwrap()
    }

    /// The status of `GET path` as `session`.
    pub async fn get_status(&self, path: &str, session: &Session) -> StatusCode {
        self.get_as(path, session).await.status
    }

    /// `GET path` as `session`.
    pub async fn get_as(&self, path: &str, session: &Session) -> TestResponse {
        self.get_with(path, &[("cookie", &session.cookie)]).await
    }

    /// `POST path` with a JSON body, as `session` (or nobody), from the app.
    pub async fn post_as(
        &self,
        path: &str,
        body: &Value,
        session: Option<&Session>,
    ) -> TestResponse {
        let mut headers = vec![("content-type", "application/json"), APP_HEADER];
        if let Some(session) = session {
            headers.push(("cookie", &session.cookie));
        }
        self.send(request(
            Method::POST,
            path,
            &headers,
            body.to_string().into(),
        ))
        .await
    }

    /// `PUT path` with a JSON body, as `session`, from the app.
    pub async fn put_as(&self, path: &str, body: &Value, session: &Session) -> TestResponse {
        let headers = vec![
            ("content-type", "application/json"),
            APP_HEADER,
            ("cookie", session.cookie.as_str()),
        ];
        self.send(request(
            Method::PUT,
            path,
            &headers,
            body.to_string().into(),
        ))
        .await
    }

    /// The id of the young person called `name`, as the administrator sees them.
    pub async fn youth_named(&self, name: &str) -> i64 {
        let anna = self.demo(ANNA).await;
        let list: Vec<lotsen_api::people::YouthSummary> =
            self.get_as("/api/youth", &anna).await.json();
        list.iter()
            .find(|y| y.name == name)
            .unwrap_or_else(|| panic!("no young person {name}"))
            .id
    }

    /// The id of the demo's individual meeting (Elsa's, with Karim), as `staff` sees it.
    pub async fn individual_meeting(&self, staff: &Session) -> i64 {
        let activities: Vec<lotsen_api::schedule::Activity> =
            self.get_as("/api/activities", staff).await.json();
        activities
            .iter()
            .find(|a| a.kind == lotsen_api::schedule::ActivityKind::IndividualMeeting)
            .expect("the demo has an individual meeting")
            .id
    }

    /// `POST path` without a body, as `session` (or nobody), from the app.
    pub async fn post_empty_as(&self, path: &str, session: Option<&Session>) -> TestResponse {
        let mut headers = vec![APP_HEADER];
        if let Some(session) = session {
            headers.push(("cookie", &session.cookie));
        }
        self.send(request(Method::POST, path, &headers, Body::empty()))
            .await
    }

    /// Registers a young person as `staff`, which must succeed.
    pub async fn register(&self, staff: &Session, youth: Value) -> YouthCreated {
        let response = self
            .post_as("/api/youth", &youth, Some(staff))
            .await
            .assert_status(201);
        response.json()
    }

    /// Adds a guardian (`{ name, email, … }`) to a young person as `staff`, which must succeed.
    pub async fn add_guardian(
        &self,
        staff: &Session,
        youth_id: i64,
        guardian: Value,
    ) -> GuardianCreated {
        self.post_as(
            &format!("/api/youth/{youth_id}/guardians"),
            &guardian,
            Some(staff),
        )
        .await
        .assert_status(201)
        .json()
    }

    /// Accepts a sent invitation with `password`, which must succeed.
    pub async fn accept_invitation(&self, invitation: &InvitationSent, password: &str) {
        self.accept(
            invitation.link.as_deref().expect("an invitation link"),
            password,
        )
        .await;
    }

    /// Accepts an invitation link with `password`, which must succeed.
    pub async fn accept(&self, link: &str, password: &str) {
        self.post_as(
            "/api/invitations/accept",
            &json!({ "token": token_of(link), "password": password }),
            None,
        )
        .await
        .assert_status(204);
    }

    /// `GET /api/me` as `session`: who, or the status.
    pub async fn me(&self, session: &Session) -> Result<Me, StatusCode> {
        let response = self.get_as("/api/me", session).await;
        if response.status == 200 {
            Ok(response.json())
        } else {
            Err(response.status)
        }
    }

    /// Sends one request through the router, in-process.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        TestResponse::read(self.router.clone().oneshot(request).await.unwrap()).await
    }

    /// `GET path` with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        self.send(request(Method::GET, path, headers, Body::empty()))
            .await
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.get_with(path, &[]).await
    }

    /// `POST path` with a body sent as `application/json`, from the app (with its header).
    pub async fn post_json(&self, path: &str, body: impl Into<Body>) -> TestResponse {
        self.send(request(
            Method::POST,
            path,
            &[("content-type", "application/json"), APP_HEADER],
            body.into(),
        ))
        .await
    }

    /// Serves the app on 127.0.0.1 on a free port until the returned server is dropped.
    pub async fn spawn_server(&self) -> SpawnedServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = self.state.clone();
        tokio::spawn(async move {
            lotsen_server::run(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        SpawnedServer { addr, _stop: stop }
    }
}

/// `method path` with a JSON body as `session`, from the app: a request to send later (see [`TestApp::concurrently`]).
pub fn json_request(method: Method, path: &str, body: &Value, session: &Session) -> Request<Body> {
    let headers = [
        ("content-type", "application/json"),
        APP_HEADER,
        ("cookie", session.cookie.as_str()),
    ];
    request(method, path, &headers, body.to_string().into())
}

/// The rows of a table of operations, one a line: method, path, operation id.
pub fn operations(table: &str) -> Vec<(&str, &str, &str)> {
    table
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some((words.next()?, words.next()?, words.next()?))
        })
        .collect()
}

/// Each field error of an error body as (field, code).
pub fn field_codes(body: &ErrorBody) -> Vec<(&str, &str)> {
    body.fields
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect()
}

/// The code of the first field error in an error body (empty if none).
pub fn field_code(body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap();
    v["fields"][0]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A request with headers.
pub fn request(method: Method, path: &str, headers: &[(&str, &str)], body: Body) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body).unwrap()
}

/// A server on a real port; stops when dropped.
pub struct SpawnedServer {
    /// Where it listens.
    pub addr: SocketAddr,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl SpawnedServer {
    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// A response, read to the end.
pub struct TestResponse {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
}

impl TestResponse {
    /// A router's response, read to the end.
    pub async fn read(response: axum::response::Response) -> Self {
        let (status, headers) = (response.status(), response.headers().clone());
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Self {
            status,
            headers,
            body,
        }
    }

    /// A header's value, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status (showing the body if it differs); the response.
    #[track_caller]
    pub fn assert_status(self, status: u16) -> Self {
        assert_eq!(self.status, status, "{}", self.text());
        self
    }

    /// The body as text.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    /// The session the response's `Set-Cookie` starts.
    #[track_caller]
    pub fn session(&self) -> Session {
        let set_cookie = self.header("set-cookie").expect("a Set-Cookie header");
        let cookie = set_cookie.split(';').next().unwrap().trim().to_owned();
        assert!(cookie.starts_with("__Host-lotsen_session="), "{set_cookie}");
        Session { cookie }
    }

    /// The body parsed as JSON, after checking the content type.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "body: {}",
            self.text()
        );
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    /// As [`Self::assert_error`] (in Swedish), and that the first field's code
    /// is `field_code`; returns the body.
    #[track_caller]
    pub fn assert_field_error(&self, code: ErrorCode, field_code: &str) -> ErrorBody {
        let body = self.assert_error(code, "sv");
        assert_eq!(body.fields[0].code, field_code, "{}", self.text());
        body
    }

    /// Asserts that this is the shared error body with `code`, its status, and
    /// the code's message in `lang`; returns the body.
    #[track_caller]
    pub fn assert_error(&self, code: ErrorCode, lang: &str) -> ErrorBody {
        let raw: serde_json::Value = self.json();
        let body: ErrorBody = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(body.code, code, "{raw}");
        assert_eq!(self.status.as_u16(), code.status(), "{raw}");
        assert_eq!(body.status, code.status(), "{raw}");
        assert_eq!(body.message, message(lang, code.as_str()), "{raw}");
        let keys: Vec<&str> = raw
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for key in ["status", "code", "message"] {
            assert!(keys.contains(&key), "{key} missing in {raw}");
        }
        assert!(
            keys.iter().all(
                |k| ["status", "code", "message", "fields", "retry_after_seconds"].contains(k)
            ),
            "unexpected keys in {raw}"
        );
        assert_eq!(
            self.header(header::CACHE_CONTROL.as_str()),
            Some("no-store")
        );
        body
    }
}
