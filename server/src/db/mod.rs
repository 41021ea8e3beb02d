//! The persistence infrastructure, naming no feature: one [`Db`] for either
//! engine, chosen by the URL's scheme; [`sql`], the one way a feature's store
//! runs its SQL on either engine; [`in_place`], the generic in-place read.
//! [`sqlite`] and [`postgres`] hold what differs (connecting, pragmas, the
//! writer's turn). Migrations are embedded per engine
//! (`server/migrations/{sqlite,postgres}/`) and applied when connecting.

pub mod in_place;
mod postgres;
pub mod sql;
mod sqlite;

pub use sql::Columns;
pub use sqlite::SqliteDb;

use std::path::PathBuf;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::migrate::MigrateError;

/// How long a health check waits for the database.
const PING_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a request waits for a free connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection pool to Lotsen's database.
#[derive(Clone, Debug)]
pub enum Db {
    /// A SQLite file (WAL, foreign keys on): one machine, no database server.
    Sqlite(SqliteDb),
    /// A PostgreSQL database.
    Postgres(PgPool),
}

/// Which database engine a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// SQLite, from a `sqlite:` URL.
    Sqlite,
    /// PostgreSQL, from a `postgres:` or `postgresql:` URL.
    Postgres,
}

impl Engine {
    /// The engine a database URL names by its scheme.
    pub fn from_url(url: &str) -> Result<Self, DbError> {
        let scheme = url
            .split_once(':')
            .map(|(scheme, _)| scheme.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("sqlite") => Ok(Self::Sqlite),
            Some("postgres" | "postgresql") => Ok(Self::Postgres),
            // Only the scheme is echoed: the rest may hold a password.
            other => Err(DbError::UnsupportedUrl(
                other.unwrap_or_default().to_owned(),
            )),
        }
    }

    /// `sqlite` or `postgres`, as reported by the health check.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL scheme {0:?}: use sqlite:// or postgres://")]
    UnsupportedUrl(String),
    /// The directory for the SQLite file could not be created.
    #[error("could not create the directory {path:?} for the SQLite database: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// Connecting or querying failed.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A migration could not be applied.
    #[error("could not migrate the database: {0}")]
    Migrate(#[from] MigrateError),
}

impl Db {
    /// Opens the database at `url` (creating a SQLite file and its directory if
    /// missing) and applies any pending migrations.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        Self::connect_with(url, None).await
    }

    /// Like [`Db::connect`], with at most `max_connections` pooled connections
    /// (PostgreSQL only; a SQLite file keeps its own small pool).
    pub async fn connect_with(url: &str, max_connections: Option<u32>) -> Result<Self, DbError> {
        match Engine::from_url(url)? {
            Engine::Sqlite => Ok(Self::Sqlite(sqlite::connect(url).await?)),
            Engine::Postgres => Ok(Self::Postgres(
                postgres::connect(url, max_connections).await?,
            )),
        }
    }

    /// The engine behind this pool.
    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Runs a trivial query, failing if the database does not answer within two seconds.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let ping = async { sql::query("SELECT 1").execute(self).await.map(drop) };
        tokio::time::timeout(PING_TIMEOUT, ping)
            .await
            .unwrap_or(Err(sqlx::Error::PoolTimedOut))
    }

    /// A value from `app_meta`, the table of facts about the database itself.
    pub async fn meta(&self, key: &str) -> Result<Option<String>, sqlx::Error> {
        sql::query_scalar("SELECT value FROM app_meta WHERE key = $1")
            .bind(key)
            .fetch_optional(self)
            .await
    }

    /// Closes every connection; later queries fail.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(db) => db.pool().close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_follows_the_url_scheme() {
        assert_eq!(
            Engine::from_url("sqlite://data/lotsen.db").unwrap(),
            Engine::Sqlite
        );
        assert_eq!(Engine::from_url("sqlite::memory:").unwrap(), Engine::Sqlite);
        assert_eq!(
            Engine::from_url("postgres://u@localhost/db").unwrap(),
            Engine::Postgres
        );
        assert_eq!(
            Engine::from_url("PostgreSQL://u@localhost/db").unwrap(),
            Engine::Postgres
        );
        let err = Engine::from_url("mysql://root:hunter2@host/db").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(Engine::from_url("data/lotsen.db").is_err());
    }
}
