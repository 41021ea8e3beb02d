//! Sessions and the accounts behind them, as access control reads them: the
//! SQL of signing in and out, and the decoding of roles and professions that
//! every store shares.

use lotsen_api::Lang;
use lotsen_api::account::{Me, Profession, Role};

use crate::db::Db;
use crate::db::in_place::in_place;
use crate::db::sql::{Arg, Columns, begin_write, query};

/// `youth`, `guardian` or `staff`, as stored.
pub fn role_str(role: Role) -> &'static str {
    match role {
        Role::Youth => "youth",
        Role::Guardian => "guardian",
        Role::Staff => "staff",
    }
}

pub fn parse_role(s: &str) -> Result<Role, sqlx::Error> {
    match s {
        "youth" => Ok(Role::Youth),
        "guardian" => Ok(Role::Guardian),
        "staff" => Ok(Role::Staff),
        other => Err(sqlx::Error::Decode(
            format!("unknown role {other:?}").into(),
        )),
    }
}

pub fn parse_profession(s: &str) -> Result<Profession, sqlx::Error> {
    Profession::parse(s)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown profession {s:?}").into()))
}

/// Someone with an account, as access control sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The account's id.
    pub id: i64,
    /// Youth, guardian or staff.
    pub role: Role,
    /// Full name.
    pub name: String,
    /// Staff only.
    pub profession: Option<Profession>,
    /// Staff only: an administrator.
    pub is_admin: bool,
    /// Staff only: an activity-responsibility officer (`staff.register_officer`).
    pub register_officer: bool,
}

impl Account {
    /// Whether they keep the register: staff who are an activity-responsibility
    /// officer or an administrator (the register's wide routes, and `Me`).
    pub fn keeps_register(&self) -> bool {
        self.role == Role::Staff && (self.is_admin || self.register_officer)
    }

    /// What `GET /api/me` says about them.
    pub fn me(&self) -> Me {
        Me {
            id: self.id,
            role: self.role,
            name: self.name.clone(),
            profession: self.profession,
            is_admin: self.is_admin,
            keeps_register: self.keeps_register(),
        }
    }
}

/// A session row with its account.
#[derive(Clone, Debug)]
pub struct SessionRecord {
    /// The row id.
    pub id: i64,
    /// When it began (Unix seconds).
    pub created_at: i64,
    /// When it was last used, to the minute.
    pub last_seen_at: i64,
    /// When it was ended, if it was.
    pub ended_at: Option<i64>,
    /// Whose it is.
    pub account: Account,
}

/// An account from the six columns from `first` on: `a.id, a.role, a.name,
/// st.profession, st.is_admin, st.register_officer` (`a` the account, `st`
/// its staff row, LEFT JOINed).
fn account_at(r: &dyn Columns, first: usize) -> Result<Account, sqlx::Error> {
    let id = r.int_required(first)?;
    let role = r.text_required(first + 1)?;
    let name = r.text_required(first + 2)?;
    let profession = r.text(first + 3)?;
    let is_admin = r.flag(first + 4)?;
    let register_officer = r.flag(first + 5)?;
    Ok(Account {
        id,
        role: parse_role(&role)?,
        name,
        profession: profession.as_deref().map(parse_profession).transpose()?,
        is_admin: is_admin.unwrap_or(false),
        register_officer: register_officer.unwrap_or(false),
    })
}

/// A session by its token's hash (`$1`), with its account: decoded by
/// [`session_record`]. Run through rusqlite on SQLite (`sqlite_read`).
const SESSION_SQL: &str = "SELECT s.id, s.created_at, s.last_seen_at, s.ended_at, a.id, a.role, a.name, st.profession, st.is_admin, st.register_officer \
     FROM sessions s JOIN accounts a ON a.id = s.account_id \
     LEFT JOIN staff st ON st.account_id = a.id WHERE s.token_hash = $1";

/// A row of [`SESSION_SQL`].
fn session_record(r: &dyn Columns) -> Result<SessionRecord, sqlx::Error> {
    Ok(SessionRecord {
        id: r.int_required(0)?,
        created_at: r.int_required(1)?,
        last_seen_at: r.int_required(2)?,
        ended_at: r.int(3)?,
        account: account_at(r, 4)?,
    })
}

/// A session by its token's hash, with its account (read in place: every
/// signed-in request makes it).
pub async fn session(db: &Db, token_hash: &str) -> Result<Option<SessionRecord>, sqlx::Error> {
    in_place(db)
        .optional(SESSION_SQL, &[Arg::Str(Some(token_hash))], session_record)
        .await
}

/// A stored language tag (`sv`, `en`, or NULL: not known).
pub fn lang_of(tag: Option<&str>) -> Option<Lang> {
    match tag {
        Some("sv") => Some(Lang::Sv),
        Some("en") => Some(Lang::En),
        _ => None,
    }
}

/// An account by id.
pub async fn account(db: &Db, id: i64) -> Result<Option<Account>, sqlx::Error> {
    let row = query(
        "SELECT a.id, a.role, a.name, st.profession, st.is_admin, st.register_officer \
         FROM accounts a LEFT JOIN staff st ON st.account_id = a.id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(|r| account_at(&r, 0)).transpose()
}

/// Starts a session for `account_id`, ending the one whose token hash is
/// `replaces` (the cookie presented at sign-in), if any, and remembers the
/// language the account signed in with (for the messages sent to it).
pub async fn create_session(
    db: &Db,
    account_id: i64,
    token_hash: &str,
    replaces: Option<&str>,
    lang: Lang,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    query("UPDATE accounts SET language = $2 WHERE id = $1")
        .bind(account_id)
        .bind(lang.tag())
        .execute(&mut tx)
        .await?;
    if let Some(old) = replaces {
        query("UPDATE sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL")
            .bind(old)
            .bind(now)
            .execute(&mut tx)
            .await?;
    }
    query(
        "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $3)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(now)
    .execute(&mut tx)
    .await?;
    tx.commit().await
}

/// Records that a session was used at `now`.
pub async fn touch_session(db: &Db, id: i64, now: i64) -> Result<(), sqlx::Error> {
    query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2")
        .bind(id)
        .bind(now)
        .execute(db)
        .await
        .map(drop)
}

/// Ends a session.
pub async fn end_session(db: &Db, id: i64, now: i64) -> Result<(), sqlx::Error> {
    query("UPDATE sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(db)
        .await
        .map(drop)
}

/// Deletes the sessions begun before `before`; how many.
pub async fn delete_sessions_begun_before(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let n = query("DELETE FROM sessions WHERE created_at < $1")
        .bind(before)
        .execute(&mut tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(n)
}
