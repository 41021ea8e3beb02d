//! Every SQL statement for PostgreSQL.

use sqlx::PgPool;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;

use super::{ACQUIRE_TIMEOUT, DEMO_SEEDED_AT, DbError};

/// The PostgreSQL migrations, embedded at compile time.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Connects and migrates.
pub(super) async fn connect(url: &str) -> Result<PgPool, DbError> {
    let pool = PgPoolOptions::new()
        .max_connections(10)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect(url)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

pub(super) async fn ping(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(pool).await.map(drop)
}

pub(super) async fn seed_demo_if_new(pool: &PgPool, now: &str) -> Result<bool, sqlx::Error> {
    // A concurrent insert of the same key waits on the primary key until this commits.
    let mut tx = pool.begin().await?;
    let marked = sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    )
    .bind(DEMO_SEEDED_AT)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    // Later features insert their demo rows here, in the same transaction, when `marked`.
    tx.commit().await?;
    Ok(marked)
}

pub(super) async fn meta(pool: &PgPool, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1")
        .bind(key)
        .fetch_optional(pool)
        .await
}
