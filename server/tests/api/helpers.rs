//! `TestApp`: the whole application on a fresh database, called in-process or
//! served on a real port.

use std::net::SocketAddr;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use lotsen_api::{Date, ErrorBody, ErrorCode};
use lotsen_server::{AppState, Clock, Db, app};
use serde::de::DeserializeOwned;
use tempfile::TempDir;
use tower::ServiceExt;

/// The day the tests' clock is stopped on (noon, Swedish time).
pub fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
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

/// The application on a fresh database, a temporary dist directory and a fixed clock.
pub struct TestApp {
    /// The router under test.
    pub router: Router,
    /// What the router was built from.
    pub state: AppState,
    /// The dist directory (empty unless files were given).
    pub dist: TempDir,
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
        let dist = tempfile::tempdir().unwrap();
        for (path, content) in files {
            let path = dist.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        let state = AppState::new(db, dist.path(), Clock::fixed_on(today()));
        Self {
            router: app(state.clone()),
            state,
            dist,
            _database: database,
        }
    }

    /// Sends one request through the router, in-process.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        TestResponse {
            status,
            headers,
            body,
        }
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

    /// `POST path` with a body sent as `application/json`.
    pub async fn post_json(&self, path: &str, body: impl Into<Body>) -> TestResponse {
        self.send(request(
            Method::POST,
            path,
            &[("content-type", "application/json")],
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
    /// A header's value, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as text.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
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
