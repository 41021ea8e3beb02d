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

pub(super) async fn ping(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(pool).await.map(drop)
}

pub(super) async fn meta(pool: &PgPool, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1")
        .bind(key)
        .fetch_optional(pool)
        .await
}

queries!(sqlx::Postgres, "BEGIN", None);
application_queries!(sqlx::Postgres);
application_lookups!();
schedule_queries!(sqlx::Postgres);
booking_queries!(sqlx::Postgres, " FOR UPDATE");
outcome_queries!();
team_queries!();
recovery_queries!();
feedback_queries!(sqlx::Postgres);

/// A session by its token's hash, with its account (SQLite: `sqlite_read`).
pub(super) async fn session(
    pool: &PgPool,
    token_hash: &str,
) -> Result<Option<super::SessionRecord>, sqlx::Error> {
    sqlx::query(super::queries::SESSION_SQL)
        .bind(token_hash)
        .fetch_optional(pool)
        .await?
        .map(|row| super::session_record(&row))
        .transpose()
}

/// The young people `viewer` may see (SQLite: `sqlite_read`).
pub(super) async fn list_youth(
    pool: &PgPool,
    viewer: super::StaffViewer,
) -> Result<Vec<super::YouthRecord>, sqlx::Error> {
    sqlx::query(&super::queries::list_youth_sql())
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .fetch_all(pool)
        .await?
        .iter()
        .map(super::queries::youth_row)
        .collect()
}

/// One session type (SQLite: `sqlite_read`).
pub(super) async fn session_type(
    pool: &PgPool,
    id: i64,
) -> Result<Option<super::booking::SessionTypeRecord>, sqlx::Error> {
    sqlx::query(&super::booking_sql::session_type_sql())
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|row| super::booking_sql::session_type_of(&row))
        .transpose()
}

/// How many offers have lapsed and wait to be passed on (SQLite: `sqlite_read`).
pub(super) async fn holds_due(pool: &PgPool, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(super::booking_sql::HOLDS_DUE_SQL)
        .bind(now)
        .fetch_one(pool)
        .await
}

/// The availability of the staff of a profession (SQLite: `sqlite_read`).
pub(super) async fn availability(
    pool: &PgPool,
    profession: &str,
    staff_id: Option<i64>,
    from: i64,
    to: i64,
) -> Result<Vec<super::booking::StaffAvailability>, sqlx::Error> {
    let rows = sqlx::query(super::booking_sql::AVAILABILITY_SQL)
        .bind(profession)
        .bind(staff_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?;
    let mut out = super::booking_sql::AvailabilityRows::default();
    for row in &rows {
        super::booking_sql::push_availability_row(&mut out, row)?;
    }
    Ok(out.staff())
}

/// One young person's schedule material (SQLite: `sqlite_read`).
pub(super) async fn schedule_rows(
    pool: &PgPool,
    youth_id: i64,
    from: &str,
    to: &str,
    wide_from: &str,
    wide_to: &str,
) -> Result<super::schedule::ScheduleRows, sqlx::Error> {
    let rows = sqlx::query(super::schedule::SCHEDULE_ROWS_SQL)
        .bind(youth_id)
        .bind(wide_from)
        .bind(wide_to)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?;
    let mut out = super::schedule::ScheduleRows::default();
    for row in &rows {
        super::schedule::push_schedule_row(&mut out, youth_id, row)?;
    }
    Ok(out.sorted())
}

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
