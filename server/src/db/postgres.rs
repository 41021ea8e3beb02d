//! Every SQL statement for PostgreSQL.

use sqlx::PgPool;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;

use super::{ACQUIRE_TIMEOUT, DbError};

/// The PostgreSQL migrations, embedded at compile time.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Pooled connections when the configuration names no number.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 10;

/// Connects and migrates. TLS follows the URL's `sslmode` (e.g. `?sslmode=verify-full`).
pub(super) async fn connect(url: &str, max_connections: Option<u32>) -> Result<PgPool, DbError> {
    let pool = PgPoolOptions::new()
        .max_connections(max_connections.unwrap_or(DEFAULT_MAX_CONNECTIONS))
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect(url)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}
