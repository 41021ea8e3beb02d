//! The reads made on nearly every request, on SQLite, run in place.
//!
//! sqlx's SQLite driver gives each connection a thread of its own: every
//! statement is handed to that thread and its rows handed back, and its pool
//! adds another hand-over (a `SELECT 1`) each time a connection is given back.
//! For a small read those hand-overs, each waking a thread on a two-core
//! machine, cost more than the read. So the session lookup (every signed-in
//! request) and a young person's schedule (what they open most often) run
//! here instead, through rusqlite on connections of their own, on the calling
//! thread: SQLite answers such a read in microseconds, and in WAL mode a reader
//! never waits for the writer.
//!
//! The SQL and the decoding of rows are shared with PostgreSQL
//! ([`super::queries::SESSION_SQL`], [`super::schedule::SCHEDULE_ROWS_SQL`],
//! [`super::Columns`]); PostgreSQL runs them through sqlx.
//!
//! These connections only read: `PRAGMA query_only` makes SQLite refuse any
//! write on them.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rusqlite::types::ToSql;
use rusqlite::{CachedStatement, Connection, OpenFlags, Rows};

use super::booking::{FreeTimeReads, SessionTypeRecord, StaffAvailability};
use super::booking_sql::{
    AVAILABILITY_SQL, AvailabilityRows, HOLDS_DUE_SQL, push_availability_row, session_type_of,
    session_type_sql,
};
use super::queries::{SESSION_SQL, list_youth_sql, youth_row};
use super::schedule::{SCHEDULE_ROWS_SQL, ScheduleRows, push_schedule_row};
use super::{Columns, SessionRecord, StaffViewer, YouthRecord, session_record};

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

    /// Runs `read` on a connection.
    fn read<T>(
        &self,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, sqlx::Error> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.open().map_err(error)?,
        };
        let out = read(&conn).map_err(error);
        // A statement is reset when its rows are dropped, and nothing here
        // opens a transaction: the connection is as it was taken.
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(conn);
        out
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

    /// A session by its token's hash, with its account.
    pub(super) fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, sqlx::Error> {
        self.read(|conn| {
            let mut statement = conn.prepare_cached(SESSION_SQL)?;
            let mut rows = query(&mut statement, &[&token_hash])?;
            Ok(rows.next()?.map(|row| session_record(&Row(row))))
        })?
        .transpose()
    }

    /// One young person's schedule material (see [`SCHEDULE_ROWS_SQL`]).
    pub(super) fn schedule_rows(
        &self,
        youth_id: i64,
        from: &str,
        to: &str,
        wide_from: &str,
        wide_to: &str,
    ) -> Result<ScheduleRows, sqlx::Error> {
        self.read(|conn| {
            let mut statement = conn.prepare_cached(SCHEDULE_ROWS_SQL)?;
            let rows = query(
                &mut statement,
                &[&youth_id, &wide_from, &wide_to, &from, &to],
            )?;
            let mut out = ScheduleRows::default();
            let decoded = each(rows, |row| push_schedule_row(&mut out, youth_id, row))?;
            Ok(decoded.map(|()| out.sorted()))
        })?
    }

    /// One session type.
    pub(super) fn session_type(&self, id: i64) -> Result<Option<SessionTypeRecord>, sqlx::Error> {
        self.read(|conn| {
            let mut statement = conn.prepare_cached(&session_type_sql())?;
            let mut rows = query(&mut statement, &[&id])?;
            Ok(rows.next()?.map(|row| session_type_of(&Row(row))))
        })?
        .transpose()
    }

    /// How many offers have lapsed by `now` and wait to be passed on.
    pub(super) fn holds_due(&self, now: i64) -> Result<i64, sqlx::Error> {
        self.read(|conn| {
            let mut statement = conn.prepare_cached(HOLDS_DUE_SQL)?;
            let mut rows = query(&mut statement, &[&now])?;
            match rows.next()? {
                Some(row) => row.get(0),
                None => Ok(0),
            }
        })
    }

    /// The availability of the staff of a profession (see [`AVAILABILITY_SQL`]).
    pub(super) fn availability(
        &self,
        profession: &str,
        staff_id: Option<i64>,
        from: i64,
        to: i64,
    ) -> Result<Vec<StaffAvailability>, sqlx::Error> {
        self.read(|conn| {
            let mut statement = conn.prepare_cached(AVAILABILITY_SQL)?;
            let rows = query(&mut statement, &[&profession, &staff_id, &from, &to])?;
            let mut out = AvailabilityRows::default();
            let decoded = each(rows, |row| push_availability_row(&mut out, row))?;
            Ok(decoded.map(|()| out.staff()))
        })?
    }

    /// What a free-times list reads, in one read transaction (see
    /// [`crate::db::Db::free_time_reads`]): one snapshot, and the file locked
    /// and unlocked once instead of three times.
    pub(super) fn free_time_reads(
        &self,
        now: i64,
        id: i64,
        staff_id: Option<i64>,
        until: &(dyn Fn(&SessionTypeRecord) -> i64 + Send + Sync),
    ) -> Result<FreeTimeReads, sqlx::Error> {
        self.read(|conn| {
            // Rolled back (a read has nothing to keep) when dropped.
            let tx = conn.unchecked_transaction()?;
            let holds_due: i64 = {
                let mut statement = tx.prepare_cached(HOLDS_DUE_SQL)?;
                let mut rows = query(&mut statement, &[&now])?;
                match rows.next()? {
                    Some(row) => row.get(0)?,
                    None => 0,
                }
            };
            let session_type = {
                let mut statement = tx.prepare_cached(&session_type_sql())?;
                let mut rows = query(&mut statement, &[&id])?;
                match rows
                    .next()?
                    .map(|row| session_type_of(&Row(row)))
                    .transpose()
                {
                    Ok(t) => t,
                    Err(e) => return Ok(Err(e)),
                }
            };
            let mut staff = AvailabilityRows::default();
            if let Some(t) = session_type.as_ref().filter(|t| !t.is_group) {
                let mut statement = tx.prepare_cached(AVAILABILITY_SQL)?;
                let rows = query(
                    &mut statement,
                    &[&t.profession.as_str(), &staff_id, &now, &until(t)],
                )?;
                if let Err(e) = each(rows, |row| push_availability_row(&mut staff, row))? {
                    return Ok(Err(e));
                }
            }
            Ok(Ok(FreeTimeReads {
                holds_due,
                session_type,
                staff: staff.staff(),
            }))
        })?
    }

    /// The young people `viewer` may see, by id (see [`list_youth_sql`]).
    pub(super) fn list_youth(&self, viewer: StaffViewer) -> Result<Vec<YouthRecord>, sqlx::Error> {
        self.read(|conn| {
            let mut statement = conn.prepare_cached(&list_youth_sql())?;
            let rows = query(&mut statement, &[&viewer.id, &viewer.is_admin])?;
            let mut out = Vec::new();
            let decoded = each(rows, |row| {
                out.push(youth_row(row)?);
                Ok(())
            })?;
            Ok(decoded.map(|()| out))
        })?
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
    mut f: impl FnMut(&Row<'_, '_>) -> Result<(), sqlx::Error>,
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
        let read = db.readers().read(|conn| {
            conn.query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get::<_, i64>(0))
        });
        assert_eq!(read.unwrap(), 0);
        let write = db
            .readers()
            .read(|conn| conn.execute("INSERT INTO app_meta (key, value) VALUES ('x', 'y')", []));
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
}
