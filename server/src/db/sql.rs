//! How a feature's store talks to either engine: plain functions over [`Db`],
//! [`Tx`] and [`Conn`], with SQL written once.
//!
//! The SQL is portable on purpose: `$1` placeholders (SQLite reads them as
//! positions too), `RETURNING`, `ON CONFLICT`, booleans bound as such, every
//! time as Unix seconds in a 64-bit integer. A statement is built with
//! [`query`], [`query_as`] or [`query_scalar`] (named after sqlx's, and used
//! the same way), its parameters collected as [`Arg`]s, and only when it runs
//! is it handed to the engine of what it runs on ([`Exec`]): the SQLite or
//! PostgreSQL pool, or one connection or write transaction of either. Rows
//! decode through sqlx's own `FromRow` for each engine (tuples, scalars), or
//! through [`Columns`] where one decoder also serves the in-place reads
//! (`super::in_place`).
//!
//! What differs between the engines is here and in `super::{sqlite,postgres}`
//! only: how a write transaction begins ([`begin_write`]), the row-lock
//! clause ([`Tx::for_update`]), and connecting.

use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, Decode, PgConnection, Postgres, Sqlite, SqliteConnection, Type};

use super::Db;

/// A value bound to a statement's `$n`.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'q> {
    /// A 64-bit integer (also every time, as Unix seconds), or NULL.
    Int(Option<i64>),
    /// A borrowed text, or NULL.
    Str(Option<&'q str>),
    /// An owned text, or NULL.
    String(Option<String>),
    /// A boolean (an integer on SQLite), or NULL.
    Bool(Option<bool>),
    /// A double, or NULL.
    Float(Option<f64>),
}

/// What can be bound to a statement.
pub trait Bind<'q> {
    /// The value as an [`Arg`].
    fn arg(self) -> Arg<'q>;
}

impl<'q> Bind<'q> for Arg<'q> {
    fn arg(self) -> Arg<'q> {
        self
    }
}

impl<'q> Bind<'q> for i64 {
    fn arg(self) -> Arg<'q> {
        Arg::Int(Some(self))
    }
}

impl<'q> Bind<'q> for Option<i64> {
    fn arg(self) -> Arg<'q> {
        Arg::Int(self)
    }
}

impl<'q> Bind<'q> for &'q i64 {
    fn arg(self) -> Arg<'q> {
        Arg::Int(Some(*self))
    }
}

impl<'q> Bind<'q> for &'q Option<i64> {
    fn arg(self) -> Arg<'q> {
        Arg::Int(*self)
    }
}

impl<'q> Bind<'q> for i32 {
    fn arg(self) -> Arg<'q> {
        Arg::Int(Some(i64::from(self)))
    }
}

impl<'q> Bind<'q> for Option<i32> {
    fn arg(self) -> Arg<'q> {
        Arg::Int(self.map(i64::from))
    }
}

impl<'q> Bind<'q> for u32 {
    fn arg(self) -> Arg<'q> {
        Arg::Int(Some(i64::from(self)))
    }
}

impl<'q> Bind<'q> for bool {
    fn arg(self) -> Arg<'q> {
        Arg::Bool(Some(self))
    }
}

impl<'q> Bind<'q> for Option<bool> {
    fn arg(self) -> Arg<'q> {
        Arg::Bool(self)
    }
}

impl<'q> Bind<'q> for f64 {
    fn arg(self) -> Arg<'q> {
        Arg::Float(Some(self))
    }
}

impl<'q> Bind<'q> for Option<f64> {
    fn arg(self) -> Arg<'q> {
        Arg::Float(self)
    }
}

impl<'q> Bind<'q> for &'q str {
    fn arg(self) -> Arg<'q> {
        Arg::Str(Some(self))
    }
}

impl<'q> Bind<'q> for Option<&'q str> {
    fn arg(self) -> Arg<'q> {
        Arg::Str(self)
    }
}

impl<'q> Bind<'q> for &'q String {
    fn arg(self) -> Arg<'q> {
        Arg::Str(Some(self))
    }
}

impl<'q> Bind<'q> for &'q &'q str {
    fn arg(self) -> Arg<'q> {
        Arg::Str(Some(self))
    }
}

impl<'q> Bind<'q> for Option<&'q String> {
    fn arg(self) -> Arg<'q> {
        Arg::Str(self.map(String::as_str))
    }
}

impl<'q> Bind<'q> for &'q Option<String> {
    fn arg(self) -> Arg<'q> {
        Arg::Str(self.as_deref())
    }
}

impl<'q> Bind<'q> for String {
    fn arg(self) -> Arg<'q> {
        Arg::String(Some(self))
    }
}

impl<'q> Bind<'q> for Option<String> {
    fn arg(self) -> Arg<'q> {
        Arg::String(self)
    }
}

/// Where a statement runs: a pool, or one connection (in or out of a transaction).
pub enum Exec<'c> {
    /// The SQLite pool.
    SqlitePool(&'c sqlx::SqlitePool),
    /// The PostgreSQL pool.
    PgPool(&'c sqlx::PgPool),
    /// One SQLite connection.
    Sqlite(&'c mut SqliteConnection),
    /// One PostgreSQL connection.
    Pg(&'c mut PgConnection),
}

impl<'c> From<&'c Db> for Exec<'c> {
    fn from(db: &'c Db) -> Self {
        match db {
            Db::Sqlite(db) => Self::SqlitePool(db.pool()),
            Db::Postgres(pool) => Self::PgPool(pool),
        }
    }
}

impl<'c> From<&'c sqlx::PgPool> for Exec<'c> {
    fn from(pool: &'c sqlx::PgPool) -> Self {
        Self::PgPool(pool)
    }
}

impl<'c> From<&'c mut Tx> for Exec<'c> {
    fn from(tx: &'c mut Tx) -> Self {
        match &mut tx.tx {
            EngineTx::Sqlite(tx) => Self::Sqlite(tx),
            EngineTx::Postgres(tx) => Self::Pg(tx),
        }
    }
}

impl<'c> From<&'c mut Conn> for Exec<'c> {
    fn from(conn: &'c mut Conn) -> Self {
        match conn {
            Conn::Sqlite(conn) => Self::Sqlite(conn),
            Conn::Postgres(conn) => Self::Pg(conn),
        }
    }
}

/// A transaction that will write, holding the engine's writer turn, if it
/// has one, until it ends (see [`begin_write`]). Dropped without
/// [`Tx::commit`], it rolls back.
pub struct Tx {
    tx: EngineTx,
    _turn: Option<tokio::sync::MutexGuard<'static, ()>>,
}

enum EngineTx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// Commits what the transaction wrote.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self.tx {
            EngineTx::Sqlite(tx) => tx.commit().await,
            EngineTx::Postgres(tx) => tx.commit().await,
        }
    }

    /// The clause that locks the rows a `SELECT` reads until the transaction
    /// ends: ` FOR UPDATE` on PostgreSQL; nothing on SQLite, whose write
    /// transaction already holds the whole database.
    pub fn for_update(&self) -> &'static str {
        match self.tx {
            EngineTx::Sqlite(_) => "",
            EngineTx::Postgres(_) => " FOR UPDATE",
        }
    }
}

/// One pooled connection, for what must run on one.
pub enum Conn {
    /// SQLite.
    Sqlite(sqlx::pool::PoolConnection<Sqlite>),
    /// PostgreSQL.
    Postgres(sqlx::pool::PoolConnection<Postgres>),
}

/// One connection of the pool.
pub async fn acquire(db: &Db) -> Result<Conn, sqlx::Error> {
    Ok(match db {
        Db::Sqlite(db) => Conn::Sqlite(db.pool().acquire().await?),
        Db::Postgres(pool) => Conn::Postgres(pool.acquire().await?),
    })
}

impl Exec<'_> {
    /// The same place, borrowed again (for several statements on one connection).
    pub fn reborrow(&mut self) -> Exec<'_> {
        match self {
            Self::SqlitePool(pool) => Exec::SqlitePool(pool),
            Self::PgPool(pool) => Exec::PgPool(pool),
            Self::Sqlite(conn) => Exec::Sqlite(conn),
            Self::Pg(conn) => Exec::Pg(conn),
        }
    }
}

/// The writer's turn on SQLite: one write transaction at a time in this
/// process (see [`begin_write`]); waits at most five seconds.
pub async fn writer_turn() -> Result<tokio::sync::MutexGuard<'static, ()>, sqlx::Error> {
    tokio::time::timeout(WRITER_TURN_TIMEOUT, super::sqlite::WRITER.lock())
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)
}

/// How long a SQLite writer waits for its turn before giving up.
const WRITER_TURN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// A transaction that will write: on SQLite it takes the write lock at once.
///
/// SQLite has one writer at a time; a connection that finds the lock taken
/// sleeps in growing steps (its busy handler), which under load put 200 ms
/// into reads that also write a little. So SQLite writers first
/// queue in turn on an async mutex (first come, first served, no sleeping),
/// and `BEGIN IMMEDIATE` then finds the lock free. PostgreSQL needs no turn.
pub async fn begin_write(db: &Db) -> Result<Tx, sqlx::Error> {
    match db {
        Db::Sqlite(db) => {
            let turn = writer_turn().await?;
            let tx = db.pool().begin_with("BEGIN IMMEDIATE").await?;
            Ok(Tx {
                tx: EngineTx::Sqlite(tx),
                _turn: Some(turn),
            })
        }
        Db::Postgres(pool) => Ok(Tx {
            tx: EngineTx::Postgres(pool.begin().await?),
            _turn: None,
        }),
    }
}

/// A row of either engine, read by index (sqlx's `try_get`) or through [`Columns`].
pub enum Row {
    /// SQLite.
    Sqlite(SqliteRow),
    /// PostgreSQL.
    Postgres(PgRow),
}

impl Row {
    /// Column `i`, decoded.
    pub fn try_get<T: Scalar>(&self, i: usize) -> Result<T, sqlx::Error> {
        match self {
            Self::Sqlite(row) => sqlx::Row::try_get(row, i),
            Self::Postgres(row) => sqlx::Row::try_get(row, i),
        }
    }
}

/// A result row read by column index, whichever driver read it: a decoder
/// written against it serves sqlx's rows of both engines and rusqlite's
/// (the in-place reads, `super::in_place`).
pub trait Columns {
    /// An integer column (NULL is `None`).
    fn int(&self, i: usize) -> Result<Option<i64>, sqlx::Error>;
    /// A text column.
    fn text(&self, i: usize) -> Result<Option<String>, sqlx::Error>;
    /// A boolean column (an integer on SQLite).
    fn flag(&self, i: usize) -> Result<Option<bool>, sqlx::Error>;

    /// An integer column that is never NULL.
    fn int_required(&self, i: usize) -> Result<i64, sqlx::Error> {
        self.int(i)?.ok_or_else(|| unexpected_null(i))
    }

    /// A boolean column that is never NULL.
    fn flag_required(&self, i: usize) -> Result<bool, sqlx::Error> {
        self.flag(i)?.ok_or_else(|| unexpected_null(i))
    }

    /// A text column that is never NULL.
    fn text_required(&self, i: usize) -> Result<String, sqlx::Error> {
        self.text(i)?.ok_or_else(|| unexpected_null(i))
    }
}

fn unexpected_null(i: usize) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected NULL in column {i}").into())
}

impl Columns for Row {
    fn int(&self, i: usize) -> Result<Option<i64>, sqlx::Error> {
        self.try_get(i)
    }

    fn text(&self, i: usize) -> Result<Option<String>, sqlx::Error> {
        self.try_get(i)
    }

    fn flag(&self, i: usize) -> Result<Option<bool>, sqlx::Error> {
        self.try_get(i)
    }
}

/// What one value of a column decodes into on both engines (`i64`, `String`,
/// `bool`, `Option` of them, …).
pub trait Scalar:
    Send
    + Unpin
    + for<'r> Decode<'r, Sqlite>
    + Type<Sqlite>
    + for<'r> Decode<'r, Postgres>
    + Type<Postgres>
{
}

impl<T> Scalar for T where
    T: Send
        + Unpin
        + for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
{
}

/// What a whole row decodes into on both engines (tuples of [`Scalar`]s).
pub trait Record:
    Send + Unpin + for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow>
{
}

impl<T> Record for T where
    T: Send + Unpin + for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow>
{
}

/// A statement and its parameters, not yet bound to an engine.
#[derive(Clone, Debug)]
pub struct Statement<'q> {
    sql: &'q str,
    args: Vec<Arg<'q>>,
}

impl<'q> Statement<'q> {
    fn bind(&mut self, value: impl Bind<'q>) {
        self.args.push(value.arg());
    }

    /// The parameters as SQLite's.
    fn sqlite(self) -> Result<(&'q str, SqliteArguments<'q>), sqlx::Error> {
        let mut out = SqliteArguments::default();
        for arg in self.args {
            match arg {
                Arg::Int(v) => out.add(v),
                Arg::Str(v) => out.add(v),
                Arg::String(v) => out.add(v),
                Arg::Bool(v) => out.add(v),
                Arg::Float(v) => out.add(v),
            }
            .map_err(sqlx::Error::Encode)?;
        }
        Ok((self.sql, out))
    }

    /// The parameters as PostgreSQL's.
    fn postgres(self) -> Result<(&'q str, PgArguments), sqlx::Error> {
        let mut out = PgArguments::default();
        for arg in self.args {
            match arg {
                Arg::Int(v) => out.add(v),
                Arg::Str(v) => out.add(v),
                Arg::String(v) => out.add(v),
                Arg::Bool(v) => out.add(v),
                Arg::Float(v) => out.add(v),
            }
            .map_err(sqlx::Error::Encode)?;
        }
        Ok((self.sql, out))
    }
}

/// Runs `$run` with the statement's parameters converted for the engine of
/// `$on` and the engine's executor: the one place a statement meets an engine.
macro_rules! dispatch {
    ($statement:expr, $on:expr, |$sql:ident, $args:ident, $executor:ident| $run:expr) => {
        match $on {
            Exec::SqlitePool($executor) => {
                let ($sql, $args) = $statement.sqlite()?;
                $run
            }
            Exec::Sqlite($executor) => {
                let ($sql, $args) = $statement.sqlite()?;
                $run
            }
            Exec::PgPool($executor) => {
                let ($sql, $args) = $statement.postgres()?;
                $run
            }
            Exec::Pg($executor) => {
                let ($sql, $args) = $statement.postgres()?;
                $run
            }
        }
    };
}

/// What a statement that returns no rows did.
#[derive(Clone, Copy, Debug)]
pub struct Done {
    rows_affected: u64,
}

impl Done {
    /// How many rows it inserted, changed or deleted.
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

/// A statement whose rows are read as [`Row`]s, or that returns none.
#[must_use = "a query does nothing until it is executed or fetched"]
pub struct Query<'q>(Statement<'q>);

/// A statement whose rows decode into `T` (a tuple).
#[must_use = "a query does nothing until it is fetched"]
pub struct QueryAs<'q, T>(Statement<'q>, std::marker::PhantomData<fn() -> T>);

/// A statement whose rows are one column each, decoding into `T`.
#[must_use = "a query does nothing until it is fetched"]
pub struct QueryScalar<'q, T>(QueryAs<'q, (T,)>);

/// A statement; rows come back as [`Row`]s.
pub fn query(sql: &str) -> Query<'_> {
    Query(Statement {
        sql,
        args: Vec::new(),
    })
}

/// A statement whose rows decode into `T`.
pub fn query_as<T: Record>(sql: &str) -> QueryAs<'_, T> {
    QueryAs(
        Statement {
            sql,
            args: Vec::new(),
        },
        std::marker::PhantomData,
    )
}

/// A statement whose rows are a single column decoding into `T`.
pub fn query_scalar<T: Scalar>(sql: &str) -> QueryScalar<'_, T> {
    QueryScalar(query_as(sql))
}

impl<'q> Query<'q> {
    /// Binds the next `$n`.
    pub fn bind(mut self, value: impl Bind<'q>) -> Self {
        self.0.bind(value);
        self
    }

    /// Runs it; how many rows it touched.
    pub async fn execute<'c>(self, on: impl Into<Exec<'c>>) -> Result<Done, sqlx::Error> {
        let rows_affected = dispatch!(self.0, on.into(), |sql, args, executor| {
            sqlx::query_with(sql, args)
                .execute(executor)
                .await?
                .rows_affected()
        });
        Ok(Done { rows_affected })
    }

    /// Every row.
    pub async fn fetch_all<'c>(self, on: impl Into<Exec<'c>>) -> Result<Vec<Row>, sqlx::Error> {
        Ok(dispatch!(self.0, on.into(), |sql, args, executor| {
            sqlx::query_with(sql, args)
                .fetch_all(executor)
                .await?
                .into_iter()
                .map(Row::from)
                .collect()
        }))
    }

    /// The first row, if any.
    pub async fn fetch_optional<'c>(
        self,
        on: impl Into<Exec<'c>>,
    ) -> Result<Option<Row>, sqlx::Error> {
        Ok(dispatch!(self.0, on.into(), |sql, args, executor| {
            sqlx::query_with(sql, args)
                .fetch_optional(executor)
                .await?
                .map(Row::from)
        }))
    }

    /// The first row; an error if there is none.
    pub async fn fetch_one<'c>(self, on: impl Into<Exec<'c>>) -> Result<Row, sqlx::Error> {
        self.fetch_optional(on)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }
}

impl From<SqliteRow> for Row {
    fn from(row: SqliteRow) -> Self {
        Self::Sqlite(row)
    }
}

impl From<PgRow> for Row {
    fn from(row: PgRow) -> Self {
        Self::Postgres(row)
    }
}

impl<'q, T: Record> QueryAs<'q, T> {
    /// Binds the next `$n`.
    pub fn bind(mut self, value: impl Bind<'q>) -> Self {
        self.0.bind(value);
        self
    }

    /// Every row.
    pub async fn fetch_all<'c>(self, on: impl Into<Exec<'c>>) -> Result<Vec<T>, sqlx::Error> {
        dispatch!(self.0, on.into(), |sql, args, executor| {
            sqlx::query_as_with(sql, args).fetch_all(executor).await
        })
    }

    /// The first row, if any.
    pub async fn fetch_optional<'c>(
        self,
        on: impl Into<Exec<'c>>,
    ) -> Result<Option<T>, sqlx::Error> {
        dispatch!(self.0, on.into(), |sql, args, executor| {
            sqlx::query_as_with(sql, args)
                .fetch_optional(executor)
                .await
        })
    }

    /// The first row; an error if there is none.
    pub async fn fetch_one<'c>(self, on: impl Into<Exec<'c>>) -> Result<T, sqlx::Error> {
        self.fetch_optional(on)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }
}

impl<'q, T: Scalar> QueryScalar<'q, T> {
    /// Binds the next `$n`.
    pub fn bind(self, value: impl Bind<'q>) -> Self {
        Self(self.0.bind(value))
    }

    /// Every row's value.
    pub async fn fetch_all<'c>(self, on: impl Into<Exec<'c>>) -> Result<Vec<T>, sqlx::Error> {
        Ok(self
            .0
            .fetch_all(on)
            .await?
            .into_iter()
            .map(|(v,)| v)
            .collect())
    }

    /// The first row's value, if there is a row.
    pub async fn fetch_optional<'c>(
        self,
        on: impl Into<Exec<'c>>,
    ) -> Result<Option<T>, sqlx::Error> {
        Ok(self.0.fetch_optional(on).await?.map(|(v,)| v))
    }

    /// The first row's value; an error if there is no row.
    pub async fn fetch_one<'c>(self, on: impl Into<Exec<'c>>) -> Result<T, sqlx::Error> {
        self.fetch_optional(on)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }
}
