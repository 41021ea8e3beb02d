//! The persistence layer: one [`Db`] for either engine, chosen by the URL's scheme.
//!
//! All SQL lives in one file per engine ([`sqlite`], [`postgres`]); handlers call
//! the methods here and never see a query. Migrations are embedded per engine
//! (`server/migrations/{sqlite,postgres}/`) and applied when connecting.

mod postgres;
mod sqlite;

use std::path::PathBuf;
use std::time::Duration;

use jiff::Timestamp;
use sqlx::migrate::MigrateError;
use sqlx::{PgPool, SqlitePool};

/// How long a health check waits for the database.
const PING_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a request waits for a free connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The key in `app_meta` that records when demo data was seeded.
const DEMO_SEEDED_AT: &str = "demo_seeded_at";

/// A connection pool to Lotsen's database.
#[derive(Clone, Debug)]
pub enum Db {
    /// A SQLite file (WAL, foreign keys on): one machine, no database server.
    Sqlite(SqlitePool),
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
        match Engine::from_url(url)? {
            Engine::Sqlite => Ok(Self::Sqlite(sqlite::connect(url).await?)),
            Engine::Postgres => Ok(Self::Postgres(postgres::connect(url).await?)),
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
        let ping = async {
            match self {
                Self::Sqlite(pool) => sqlite::ping(pool).await,
                Self::Postgres(pool) => postgres::ping(pool).await,
            }
        };
        tokio::time::timeout(PING_TIMEOUT, ping)
            .await
            .unwrap_or(Err(sqlx::Error::PoolTimedOut))
    }

    /// Seeds demo data unless that was done before; returns whether it seeded now.
    ///
    /// The `demo_seeded_at` marker is written in the same write transaction
    /// (`BEGIN IMMEDIATE` on SQLite) as the data, so two servers starting at
    /// once cannot both seed.
    pub async fn seed_demo_if_new(&self, now: Timestamp) -> Result<bool, sqlx::Error> {
        let now = now.to_string();
        match self {
            Self::Sqlite(pool) => sqlite::seed_demo_if_new(pool, &now).await,
            Self::Postgres(pool) => postgres::seed_demo_if_new(pool, &now).await,
        }
    }

    /// A value from `app_meta`, the table of facts about the database itself.
    pub async fn meta(&self, key: &str) -> Result<Option<String>, sqlx::Error> {
        match self {
            Self::Sqlite(pool) => sqlite::meta(pool, key).await,
            Self::Postgres(pool) => postgres::meta(pool, key).await,
        }
    }

    /// Closes every connection; later queries fail.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
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
