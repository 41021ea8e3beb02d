//! Every SQL statement for SQLite.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::in_place::Readers;

use super::{ACQUIRE_TIMEOUT, DbError};

/// The SQLite migrations, embedded at compile time.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// A SQLite database: the pool that every write and most reads use, and the
/// read-only connections of the reads made on nearly every request
/// ([`Readers`]). Clones share them; the last one dropped closes them.
#[derive(Clone)]
pub struct SqliteDb(Arc<Inner>);

struct Inner {
    pool: SqlitePool,
    readers: Readers,
}

impl std::fmt::Debug for SqliteDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteDb")
            .field("pool", &self.0.pool)
            .finish_non_exhaustive()
    }
}

impl std::ops::Deref for SqliteDb {
    type Target = SqlitePool;
    fn deref(&self) -> &SqlitePool {
        &self.0.pool
    }
}

impl SqliteDb {
    /// The pool (every write goes through it).
    pub fn pool(&self) -> &SqlitePool {
        &self.0.pool
    }

    /// The read-only connections of the hottest reads.
    pub(super) fn readers(&self) -> &Readers {
        &self.0.readers
    }
}

/// How often the write-ahead log is copied into the database file. Often, so
/// that each copy is small: under the bench's load on the staff's list (about
/// 12,000 list views a second, each writing its audit entries, some 70 MB of
/// log a second) a copy every second took the list's p99 to 8.5–13.7 ms, from
/// run to run, on two cores; every 200 ms it is 5.5–5.8 ms, and with no copy
/// at all 5.2–5.6. On an idle database a checkpoint finds nothing to copy.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(200);

/// The size, in bytes, the write-ahead log file is cut back to when it starts
/// over after a checkpoint has copied all of it. A log only grows: without a
/// limit the file stays as large as the busiest moment ever made it (3 GB
/// after 40 s of the bench's list views) until the server stops. 32 MiB holds
/// more than two checkpoints' worth of that load, so a busy server does not
/// grow and cut the file over and over.
pub(super) const LOG_SIZE_LIMIT: u64 = 32 * 1024 * 1024;

/// Copies the write-ahead log into the database file every
/// [`CHECKPOINT_EVERY`], while the database is open.
///
/// SQLite would otherwise do it itself, in the commit that grows the log past
/// 1000 pages (`wal_autocheckpoint`, turned off in [`connect`]): that commit,
/// and every write queued behind it in the writer's turn, would wait for the
/// copy and its two fsyncs. That was most of the bench's p99 for the staff
/// list of young people, a read that also writes. A passive checkpoint
/// here waits for no reader and no writer, and holds up none.
async fn checkpoints(db: std::sync::Weak<Inner>) {
    let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.tick().await;
    loop {
        tick.tick().await;
        let Some(db) = db.upgrade() else { return };
        if db.pool.is_closed() {
            return;
        }
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&db.pool)
            .await
        {
            tracing::warn!(%error, "could not copy the write-ahead log into the database file");
        }
    }
}

/// Opens (creating if needed) the file and migrates it.
pub(super) async fn connect(url: &str) -> Result<SqliteDb, DbError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        // Checkpoints run in the background instead (see `checkpoints`).
        .pragma("wal_autocheckpoint", "0")
        .pragma("journal_size_limit", LOG_SIZE_LIMIT.to_string());
    if let Some(dir) = options
        .get_filename()
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
    {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|source| DbError::CreateDir {
                path: dir.to_owned(),
                source,
            })?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        // No ping before each use: a SQLite connection is a file handle in this
        // process, not a socket that can go stale, and sqlx's ping is a round
        // trip to the connection's thread, which costs as much as a small read
        // (the bench's "my week" and "me"). sqlx still pings on release.
        .test_before_acquire(false)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options.clone())
        .await?;
    MIGRATOR.run(&pool).await?;
    let readers = Readers::new(options.get_filename());
    let db = SqliteDb(Arc::new(Inner { pool, readers }));
    tokio::spawn(checkpoints(Arc::downgrade(&db.0)));
    Ok(db)
}

/// The writer's turn: one write transaction at a time in this process (see
/// `sql::begin_write`).
pub(super) static WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
