//! Reads run in place: the generic way a store makes the reads done on nearly
//! every request cheap (which reads those are is each feature store's choice).
//!
//! sqlx's SQLite driver gives each connection a thread of its own: every
//! statement is handed to that thread and its rows handed back, and its pool
//! adds another hand-over (a `SELECT 1`) each time a connection is given back.
//! For a small read those hand-overs, each waking a thread on a two-core
//! machine, cost more than the read. So a read made through [`InPlace`] runs,
//! on SQLite, through rusqlite on connections of its own, on the calling
//! thread: SQLite answers such a read in microseconds, and in WAL mode a reader
//! never waits for the writer. On PostgreSQL the same statement runs through
//! sqlx. Either way its rows are decoded once, through [`Columns`], by the
//! feature's own decoder; which reads run here is the feature store's choice.
//!
//! These connections only read: `PRAGMA query_only` makes SQLite refuse any
//! write on them.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::{CachedStatement, Connection, OpenFlags, Rows};

use super::Db;
use super::sql::{Arg, Columns};

/// How long a read waits when SQLite says the file is busy. In WAL mode that
/// happens only in rare moments (recovering the log after a crash), so the
/// wait, which holds the calling thread, stays short.
const BUSY_TIMEOUT: Duration = Duration::from_secs(1);

/// Read-only connections to one SQLite file: idle ones wait in a list, and a
/// read takes one (or opens one when none is idle). As reads run to the end on
/// the calling thread, there are at most as many as threads that read at once.
pub(super) struct Readers {
    path: PathBuf,
    in_memory: bool,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    /// Readers of the file at `path` (or of sqlx's shared in-memory database,
    /// named `file:sqlx-in-memory-…`).
    pub(super) fn new(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
            in_memory: path
                .to_str()
                .is_some_and(|p| p.starts_with("file:sqlx-in-memory-")),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// An idle connection, or a new one.
    fn take(&self) -> Result<Connection, sqlx::Error> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match idle {
            Some(conn) => Ok(conn),
            None => self.open().map_err(error),
        }
    }

    /// Gives a connection back, as it was taken: statements are reset when
    /// their rows are dropped, and a snapshot's transaction has ended.
    fn give_back(&self, conn: Connection) {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(conn);
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if self.in_memory {
            flags |= OpenFlags::SQLITE_OPEN_MEMORY | OpenFlags::SQLITE_OPEN_SHARED_CACHE;
        }
        let conn = Connection::open_with_flags(&self.path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }
}

/// Reads run in place on one database: see the module's documentation.
/// Several reads made through one [`InPlace::snapshot`] see one snapshot.
pub struct InPlace<'d> {
    on: On<'d>,
}

enum On<'d> {
    Sqlite {
        readers: &'d Readers,
        conn: Option<Connection>,
        in_transaction: bool,
    },
    Postgres(&'d sqlx::PgPool),
}

impl Drop for InPlace<'_> {
    fn drop(&mut self) {
        if let On::Sqlite {
            readers,
            conn,
            in_transaction,
        } = &mut self.on
            && let Some(conn) = conn.take()
        {
            // A read has nothing to keep; a connection whose transaction
            // cannot be ended is not given back.
            if !*in_transaction || conn.execute_batch("ROLLBACK").is_ok() {
                readers.give_back(conn);
            }
        }
    }
}

/// Reads in place on `db`, each statement on its own.
pub fn in_place(db: &Db) -> InPlace<'_> {
    InPlace {
        on: match db {
            Db::Sqlite(db) => On::Sqlite {
                readers: db.readers(),
                conn: None,
                in_transaction: false,
            },
            Db::Postgres(pool) => On::Postgres(pool),
        },
    }
}

impl<'d> InPlace<'d> {
    /// The reads that follow see one snapshot of the database (on SQLite, and
    /// the file is locked and unlocked once instead of once a statement).
    /// PostgreSQL runs them as they come: they only read, on the pool.
    pub fn snapshot(mut self) -> Result<Self, sqlx::Error> {
        if let On::Sqlite {
            readers,
            conn,
            in_transaction,
        } = &mut self.on
        {
            let taken = match conn.take() {
                Some(c) => c,
                None => readers.take()?,
            };
            let begun = taken.execute_batch("BEGIN");
            *conn = Some(taken);
            begun.map_err(error)?;
            *in_transaction = true;
        }
        Ok(self)
    }

    /// Runs `sql` with `args` and hands every row to `each`, stopping at the
    /// first error.
    pub async fn each(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
        mut each: impl FnMut(&dyn Columns) -> Result<(), sqlx::Error>,
    ) -> Result<(), sqlx::Error> {
        match &mut self.on {
            On::Sqlite { readers, conn, .. } => {
                let taken = match conn.take() {
                    Some(c) => c,
                    None => readers.take()?,
                };
                let out = run(&taken, sql, args, &mut each);
                *conn = Some(taken);
                out
            }
            On::Postgres(pool) => {
                let mut query = super::sql::query(sql);
                for arg in args {
                    query = query.bind(arg.clone());
                }
                for row in query.fetch_all(*pool).await? {
                    each(&row)?;
                }
                Ok(())
            }
        }
    }

    /// Every row, decoded.
    pub async fn all<T>(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
        decode: impl Fn(&dyn Columns) -> Result<T, sqlx::Error>,
    ) -> Result<Vec<T>, sqlx::Error> {
        let mut out = Vec::new();
        self.each(sql, args, |row| {
            out.push(decode(row)?);
            Ok(())
        })
        .await?;
        Ok(out)
    }

    /// The first row, decoded, if there is one.
    pub async fn optional<T>(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
        decode: impl Fn(&dyn Columns) -> Result<T, sqlx::Error>,
    ) -> Result<Option<T>, sqlx::Error> {
        let mut out = None;
        self.each(sql, args, |row| {
            if out.is_none() {
                out = Some(decode(row)?);
            }
            Ok(())
        })
        .await?;
        Ok(out)
    }
}

/// Runs `sql` on a rusqlite connection (see [`query`]) and hands each row to `each`.
fn run(
    conn: &Connection,
    sql: &str,
    args: &[Arg<'_>],
    each: &mut dyn FnMut(&dyn Columns) -> Result<(), sqlx::Error>,
) -> Result<(), sqlx::Error> {
    let mut statement = conn.prepare_cached(sql).map_err(error)?;
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a as &dyn ToSql).collect();
    let rows = query(&mut statement, &params).map_err(error)?;
    self::each(rows, |row| each(row)).map_err(error)?
}

impl ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Arg::Int(v) => v.to_sql(),
            Arg::Str(v) => v.to_sql(),
            Arg::String(v) => v.to_sql(),
            Arg::Bool(v) => v.to_sql(),
            Arg::Float(v) => v.to_sql(),
        }
    }
}

/// Runs a statement with `$1`, `$2`, … bound by number, as sqlx does (SQLite
/// itself would number `$n` by order of appearance).
fn query<'s>(
    statement: &'s mut CachedStatement<'_>,
    args: &[&dyn ToSql],
) -> rusqlite::Result<Rows<'s>> {
    for (i, arg) in args.iter().enumerate() {
        if let Some(index) = statement.parameter_index(&format!("${}", i + 1))? {
            statement.raw_bind_parameter(index, arg)?;
        }
    }
    Ok(statement.raw_query())
}

/// Decodes every row with `f`, stopping at the first that fails (the outer
/// result: the database's errors; the inner: decoding's).
fn each(
    mut rows: Rows<'_>,
    mut f: impl FnMut(&dyn Columns) -> Result<(), sqlx::Error>,
) -> rusqlite::Result<Result<(), sqlx::Error>> {
    while let Some(row) = rows.next()? {
        if let Err(e) = f(&Row(row)) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}

/// A rusqlite row, read by column index.
struct Row<'a, 'stmt>(&'a rusqlite::Row<'stmt>);

impl Columns for Row<'_, '_> {
    fn int(&self, i: usize) -> Result<Option<i64>, sqlx::Error> {
        self.0.get(i).map_err(error)
    }

    fn text(&self, i: usize) -> Result<Option<String>, sqlx::Error> {
        self.0.get(i).map_err(error)
    }

    fn flag(&self, i: usize) -> Result<Option<bool>, sqlx::Error> {
        self.0.get(i).map_err(error)
    }
}

/// rusqlite's errors as sqlx's, which the rest of the server handles.
fn error(e: rusqlite::Error) -> sqlx::Error {
    match e {
        rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..) => {
            sqlx::Error::Decode(Box::new(e))
        }
        other => sqlx::Error::Protocol(format!("sqlite: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::super::Db;
    use super::super::sqlite::LOG_SIZE_LIMIT;

    async fn temp_db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("lotsen.db").display());
        let db = Db::connect(&url).await.unwrap();
        (dir, db)
    }

    #[tokio::test]
    async fn readers_only_read() {
        let (_dir, db) = temp_db().await;
        let Db::Sqlite(db) = db else { unreachable!() };
        let conn = db.readers().take().unwrap();
        let read = conn.query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get::<_, i64>(0));
        assert_eq!(read.unwrap(), 0);
        let write = conn.execute("INSERT INTO app_meta (key, value) VALUES ('x', 'y')", []);
        assert!(write.is_err(), "a reader wrote: {write:?}");
    }

    #[tokio::test]
    async fn the_log_reaches_the_database_file_in_the_background() {
        let (dir, db) = temp_db().await;
        sqlx::query("INSERT INTO app_meta (key, value) VALUES ('checkpointed', 'yes')")
            .execute(match &db {
                Db::Sqlite(db) => db.pool(),
                Db::Postgres(_) => unreachable!(),
            })
            .await
            .unwrap();
        // `immutable=1` reads the database file alone, not the write-ahead log:
        // the row shows there only once a checkpoint has copied it.
        let file = format!(
            "file:{}?immutable=1",
            dir.path().join("lotsen.db").display()
        );
        let in_file = || {
            let flags =
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
            let conn = rusqlite::Connection::open_with_flags(&file, flags).ok()?;
            conn.query_row(
                "SELECT value FROM app_meta WHERE key = 'checkpointed'",
                [],
                |r| r.get::<_, String>(0),
            )
            .ok()
        };
        assert_eq!(
            in_file(),
            None,
            "autocheckpoint is off: the row is only in the log at first"
        );
        let start = Instant::now();
        while in_file().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no checkpoint within 10 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    #[tokio::test]
    async fn the_log_file_is_cut_back_after_a_busy_moment() {
        let (dir, db) = temp_db().await;
        let Db::Sqlite(db) = db else { unreachable!() };
        let wal = dir.path().join("lotsen.db-wal");
        let log_size = || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        sqlx::query("CREATE TABLE scratch (b BLOB NOT NULL)")
            .execute(db.pool())
            .await
            .unwrap();
        // A busy moment: more log than the limit before a checkpoint can copy it.
        let mut tx = db.pool().begin().await.unwrap();
        for _ in 0..40 {
            sqlx::query("INSERT INTO scratch (b) VALUES (randomblob(1048576))")
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        assert!(
            log_size() > LOG_SIZE_LIMIT,
            "the log grew to {}",
            log_size()
        );
        // Once the background checkpoint has copied it all, the next write
        // starts the log over and cuts the file back.
        let start = Instant::now();
        loop {
            tokio::time::sleep(Duration::from_millis(250)).await;
            sqlx::query(
                "INSERT INTO app_meta (key, value) VALUES ('after', 'x') \
                 ON CONFLICT (key) DO UPDATE SET value = value || 'x'",
            )
            .execute(db.pool())
            .await
            .unwrap();
            if log_size() <= LOG_SIZE_LIMIT {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the log file is still {} bytes after 10 s",
                log_size()
            );
        }
    }
}
