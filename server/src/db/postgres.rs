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

queries!(sqlx::Postgres, "BEGIN", None);
application_queries!(sqlx::Postgres);
application_lookups!();
schedule_queries!(sqlx::Postgres);
team_queries!();

/// A read's audit entries (`audit_read` in queries.rs): PostgreSQL takes
/// concurrent inserts as they come, so one statement on its own.
async fn audit_read_engine(
    pool: &PgPool,
    actor: i64,
    youth_ids: &[i64],
    action: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    insert_audit(&mut conn, actor, youth_ids, action, now).await
}
