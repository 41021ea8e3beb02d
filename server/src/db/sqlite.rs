//! Every SQL statement for SQLite.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::sqlite_read::Readers;

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

/// How often the write-ahead log is copied into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// Copies the write-ahead log into the database file every
/// [`CHECKPOINT_EVERY`], while the database is open.
///
/// SQLite would otherwise do it itself, in the commit that grows the log past
/// 1000 pages (`wal_autocheckpoint`, turned off in [`connect`]): that commit,
/// and every write queued behind it in the writer's turn, would wait for the
/// copy and its two fsyncs. That was most of the bench's p99 for the staff
/// list of young people, which writes audit entries. A passive checkpoint
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
        .pragma("wal_autocheckpoint", "0");
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

pub(super) async fn ping(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(pool).await.map(drop)
}

pub(super) async fn meta(pool: &SqlitePool, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM app_meta WHERE key = ?1")
        .bind(key)
        .fetch_optional(pool)
        .await
}

/// The writer's turn: one write transaction at a time in this process (see
/// `begin_write` in queries.rs).
static WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

queries!(sqlx::Sqlite, "BEGIN IMMEDIATE", Some(&WRITER));
application_queries!(sqlx::Sqlite);
application_lookups!();
schedule_queries!(sqlx::Sqlite);
booking_queries!(sqlx::Sqlite, "");
outcome_queries!();
team_queries!();
recovery_queries!();
feedback_queries!(sqlx::Sqlite);

/// Group commit of the audit entries of reads (`audit_read` in queries.rs).
///
/// Every staff list view writes an audit entry per young person listed, and
/// SQLite has one writer: one transaction per view made concurrent views
/// queue behind each other's BEGIN, INSERT and COMMIT. Instead, a view puts its
/// entries in [`PENDING_AUDIT`] and waits for the writer's turn; whoever gets
/// the turn first writes everything pending (its own and the others') in one
/// transaction and tells each waiting view how it went. A view whose entries
/// were written by someone else only checks that and goes on. Nothing is
/// answered before its entries are committed.
mod group_audit {
    use std::sync::{Arc, Mutex, PoisonError};

    use sqlx::SqlitePool;
    use tokio::sync::oneshot;

    /// Entries waiting for a writer.
    pub(super) struct Pending {
        pub(super) pool: SqlitePool,
        pub(super) actor: i64,
        pub(super) youth_ids: Vec<i64>,
        pub(super) action: String,
        pub(super) now: i64,
        pub(super) done: oneshot::Sender<Result<(), String>>,
    }

    /// The queue (all pools of this process; each pool's entries are
    /// committed in that pool's database).
    pub(super) static PENDING_AUDIT: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

    /// Takes everything pending.
    pub(super) fn take() -> Vec<Pending> {
        std::mem::take(&mut *PENDING_AUDIT.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Adds entries to the queue.
    pub(super) fn push(pending: Pending) {
        PENDING_AUDIT
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(pending);
    }

    /// Writes a batch (in the writer's turn): one transaction per database,
    /// and each waiting view is told the outcome of its own.
    pub(super) async fn write(batch: Vec<Pending>) {
        let mut groups: Vec<(SqlitePool, Vec<Pending>)> = Vec::new();
        for pending in batch {
            let options = pending.pool.connect_options();
            match groups
                .iter_mut()
                .find(|(pool, _)| Arc::ptr_eq(&pool.connect_options(), &options))
            {
                Some((_, group)) => group.push(pending),
                None => groups.push((pending.pool.clone(), vec![pending])),
            }
        }
        for (pool, group) in groups {
            let outcome = write_group(&pool, &group).await.map_err(|e| e.to_string());
            for pending in group {
                let _ = pending.done.send(outcome.clone());
            }
        }
    }

    async fn write_group(pool: &SqlitePool, group: &[Pending]) -> Result<(), sqlx::Error> {
        let rows: Vec<(i64, i64, i64, &str)> = group
            .iter()
            .flat_map(|p| {
                p.youth_ids
                    .iter()
                    .map(move |&y| (p.now, p.actor, y, p.action.as_str()))
            })
            .collect();
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        for chunk in rows.chunks(super::super::queries::AUDIT_CHUNK) {
            let mut sql =
                String::from("INSERT INTO audit_log (at, actor_id, youth_id, action) VALUES ");
            for i in 0..chunk.len() {
                if i > 0 {
                    sql.push_str(", ");
                }
                let n = i * 4;
                sql.push_str(&format!("(${}, ${}, ${}, ${})", n + 1, n + 2, n + 3, n + 4));
            }
            let mut query = sqlx::query(&sql);
            for &(at, actor, youth, action) in chunk {
                query = query.bind(at).bind(actor).bind(youth).bind(action);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await
    }
}

/// A read's audit entries, committed together with those of concurrent reads
/// (see [`group_audit`]).
async fn audit_read_engine(
    pool: &SqlitePool,
    actor: i64,
    youth_ids: &[i64],
    action: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    use tokio::sync::oneshot::error::TryRecvError;
    let (done, mut outcome) = tokio::sync::oneshot::channel();
    group_audit::push(group_audit::Pending {
        pool: pool.clone(),
        actor,
        youth_ids: youth_ids.to_vec(),
        action: action.to_owned(),
        now,
        done,
    });
    // Whichever comes first: someone else's batch with ours in it (then this
    // view goes on without queueing for the turn at all), or the turn.
    let turn = tokio::select! {
        biased;
        result = &mut outcome => {
            return result
                .map_err(|_| sqlx::Error::Protocol("audit entries were not written".into()))?
                .map_err(sqlx::Error::Protocol);
        }
        turn = writer_turn() => turn?,
    };
    match outcome.try_recv() {
        // Someone else's batch had ours.
        Ok(result) => return result.map_err(sqlx::Error::Protocol),
        Err(TryRecvError::Closed) => {
            return Err(sqlx::Error::Protocol(
                "audit entries were not written".into(),
            ));
        }
        Err(TryRecvError::Empty) => {}
    }
    let batch = group_audit::take();
    // In a task of its own, holding the turn: if this request goes away
    // halfway, the batch is still written and the others are still answered.
    tokio::spawn(async move {
        let _turn = turn;
        group_audit::write(batch).await;
    })
    .await
    .map_err(|e| sqlx::Error::Protocol(format!("audit writer failed: {e}")))?;
    outcome
        .await
        .map_err(|_| sqlx::Error::Protocol("audit entries were not written".into()))?
        .map_err(sqlx::Error::Protocol)
}
