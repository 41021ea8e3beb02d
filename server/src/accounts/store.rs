//! The accounts' SQL: creating accounts and their invitations, passwords,
//! signing in, reset links and the devices that have signed in.

use lotsen_api::contact::Login;

use crate::audit;
use lotsen_api::Lang;
use lotsen_api::account::Role;

use crate::auth::store::{lang_of, parse_role, role_str};
use crate::db::Db;
use crate::db::sql::{Columns, Query, Tx, begin_write, query, query_as, query_scalar};
use crate::outbox::{self, OutgoingMessage};

/// A new account, before it has a password.
#[derive(Clone, Debug)]
pub struct NewAccount {
    /// Its role.
    pub role: Role,
    /// Full name.
    pub name: String,
    /// Normalised e-mail address.
    pub email: Option<String>,
    /// Normalised phone number (`+46…`).
    pub phone: Option<String>,
}

/// A new invitation: only the token's hash.
#[derive(Clone, Debug)]
pub struct NewInvitation {
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// An invitation as found by its token's hash.
#[derive(Clone, Debug)]
pub struct InvitationRecord {
    /// The invitee's full name.
    pub name: String,
    /// The invitee's role.
    pub role: Role,
    /// Unix seconds.
    pub expires_at: i64,
    /// Unix seconds.
    pub used_at: Option<i64>,
    /// Unix seconds; set when a newer invitation replaced it.
    pub revoked_at: Option<i64>,
    /// Whether the account has a password already (then the invitation cannot set one).
    pub has_password: bool,
}

/// Why adding a person failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A unique field (`personnummer`, `email`, `phone`) is taken. Found by
    /// `INSERT … ON CONFLICT DO NOTHING`, so that concurrent requests are safe
    /// and PostgreSQL does not write the taken value into its own log.
    #[error("{0} is taken")]
    Taken(&'static str),
    /// The chosen contact person is not a contact person on the staff.
    #[error("the contact person is not a contact person on the staff")]
    ContactPersonInvalid,
    /// A database error.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The field whose unique constraint `error` violated: `personnummer`, `email` or `phone`.
pub fn unique_violation(error: &sqlx::Error) -> Option<&'static str> {
    let sqlx::Error::Database(db_error) = error else {
        return None;
    };
    if db_error.kind() != sqlx::error::ErrorKind::UniqueViolation {
        return None;
    }
    // PostgreSQL names the constraint; SQLite names `table.column` in the message.
    let what = db_error
        .constraint()
        .map_or_else(|| db_error.message().to_owned(), str::to_owned);
    ["personnummer", "email", "phone"]
        .into_iter()
        .find(|field| what.contains(field))
}

/// The audit action for a member of staff sending a young person a reset link.
pub const AUDIT_PASSWORD_RESET: &str = "send_password_reset";

/// An account a reset link can be sent to.
#[derive(Clone, Debug)]
pub struct ResetTarget {
    /// The account's id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// The account's own e-mail address, if it has one.
    pub email: Option<String>,
    /// The account's own phone number, if it has one.
    pub phone: Option<String>,
    /// The language it last signed in with, if it has signed in.
    pub language: Option<Lang>,
    /// How its owner wants messages (`accounts.message_channel`), if they said.
    pub choice: Option<crate::outbox::Channel>,
}

/// A message in the outbox as the development outbox shows it (read by its column names).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxEntry {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
}

/// Inserts an account; `Taken` when its e-mail address or phone number is.
pub async fn insert_account(
    tx: &mut Tx,
    account: &NewAccount,
    password_hash: Option<&str>,
    now: i64,
) -> Result<i64, WriteError> {
    let id: Option<i64> = query_scalar(
        "INSERT INTO accounts (role, name, email, phone, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(role_str(account.role))
    .bind(&account.name)
    .bind(&account.email)
    .bind(&account.phone)
    .bind(password_hash)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = id {
        return Ok(id);
    }
    let email_taken: i64 = query_scalar("SELECT COUNT(*) FROM accounts WHERE email = $1")
        .bind(&account.email)
        .fetch_one(&mut *tx)
        .await?;
    Err(WriteError::Taken(if email_taken > 0 {
        "email"
    } else {
        "phone"
    }))
}

pub async fn insert_invitation(
    tx: &mut Tx,
    account_id: i64,
    created_by: Option<i64>,
    invitation: &NewInvitation,
    message: Option<&OutgoingMessage>,
    now: i64,
) -> Result<(), sqlx::Error> {
    query(
        "INSERT INTO invitations (token_hash, account_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&invitation.token_hash)
    .bind(account_id)
    .bind(created_by)
    .bind(now)
    .bind(invitation.expires_at)
    .execute(&mut *tx)
    .await?;
    if let Some(message) = message {
        outbox::write(tx, account_id, message, now).await?;
    }
    Ok(())
}

pub async fn login_account(
    db: &Db,
    login: &Login,
) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    let (sql, value) = match login {
        Login::Email(email) => (
            "SELECT id, password_hash FROM accounts WHERE email = $1",
            email,
        ),
        Login::Phone(phone) => (
            "SELECT id, password_hash FROM accounts WHERE phone = $1",
            phone,
        ),
    };
    query_as(sql).bind(value).fetch_optional(db).await
}

pub async fn password_hash(db: &Db, account_id: i64) -> Result<Option<String>, sqlx::Error> {
    let hash: Option<Option<String>> =
        query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db)
            .await?;
    Ok(hash.flatten())
}

pub async fn change_password(
    db: &Db,
    account_id: i64,
    password_hash: &str,
    keep_session: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    set_password_ending_sessions(&mut tx, account_id, password_hash, keep_session, now).await?;
    tx.commit().await
}

pub async fn invitation(
    db: &Db,
    token_hash: &str,
) -> Result<Option<InvitationRecord>, sqlx::Error> {
    let row = query(
        "SELECT a.name, a.role, i.expires_at, i.used_at, i.revoked_at, a.password_hash IS NOT NULL \
         FROM invitations i JOIN accounts a ON a.id = i.account_id WHERE i.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        Ok(InvitationRecord {
            name: r.text_required(0)?,
            role: parse_role(&r.text_required(1)?)?,
            expires_at: r.int_required(2)?,
            used_at: r.int(3)?,
            revoked_at: r.int(4)?,
            has_password: r.flag_required(5)?,
        })
    })
    .transpose()
}

pub async fn accept_invitation(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    // The check and the use are one statement: of two concurrent accepts, one updates a row.
    let account_id: Option<i64> = query_scalar(
        "UPDATE invitations SET used_at = $2 \
         WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 \
         AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = invitations.account_id AND a.password_hash IS NULL) \
         RETURNING account_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    let Some(account_id) = account_id else {
        return Ok(false);
    };
    set_password_ending_sessions(&mut tx, account_id, password_hash, 0, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Sets an account's password and ends every session of it but `keep_session`
/// (changing it while signed in; 0 when accepting an invitation or using a
/// reset link: every session ends).
async fn set_password_ending_sessions(
    tx: &mut Tx,
    account_id: i64,
    password_hash: &str,
    keep_session: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    query("UPDATE accounts SET password_hash = $2 WHERE id = $1")
        .bind(account_id)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
    query(
        "UPDATE sessions SET ended_at = $3 WHERE account_id = $1 AND id <> $2 AND ended_at IS NULL",
    )
    .bind(account_id)
    .bind(keep_session)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The columns of a [`ResetTarget`] (`a` the account).
const TARGET_COLUMNS: &str = "a.id, a.name, a.email, a.phone, a.language, a.message_channel";

fn target(r: &dyn Columns) -> Result<ResetTarget, sqlx::Error> {
    Ok(ResetTarget {
        id: r.int_required(0)?,
        name: r.text_required(1)?,
        email: r.text(2)?,
        phone: r.text(3)?,
        language: lang_of(r.text(4)?.as_deref()),
        choice: r
            .text(5)?
            .as_deref()
            .and_then(crate::outbox::Channel::parse),
    })
}

/// The account that `statement` (selecting [`TARGET_COLUMNS`]) finds, if any.
async fn one_target(db: &Db, statement: Query<'_>) -> Result<Option<ResetTarget>, sqlx::Error> {
    statement
        .fetch_optional(db)
        .await?
        .map(|r| target(&r))
        .transpose()
}

/// The account that signs in with `login`, to send a reset link to.
pub async fn reset_target(db: &Db, login: &Login) -> Result<Option<ResetTarget>, sqlx::Error> {
    let (column, value) = match login {
        Login::Email(email) => ("email", email),
        Login::Phone(phone) => ("phone", phone),
    };
    let sql = format!("SELECT {TARGET_COLUMNS} FROM accounts a WHERE a.{column} = $1");
    one_target(db, query(&sql).bind(value)).await
}

/// An account by id, to send a reset link to.
pub async fn reset_target_by_id(db: &Db, id: i64) -> Result<Option<ResetTarget>, sqlx::Error> {
    let sql = format!("SELECT {TARGET_COLUMNS} FROM accounts a WHERE a.id = $1");
    one_target(db, query(&sql).bind(id)).await
}

/// Stores a reset link (its token's hash), replacing the account's unused
/// ones, and its message in the outbox, in one transaction.
pub async fn create_password_reset(
    db: &Db,
    account_id: i64,
    created_by: Option<i64>,
    token_hash: &str,
    expires_at: i64,
    message: &OutgoingMessage,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    // A newer link replaces older ones.
    query("UPDATE password_resets SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL")
        .bind(account_id)
        .bind(now)
        .execute(&mut tx)
        .await?;
    query(
        "INSERT INTO password_resets (token_hash, account_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(created_by)
    .bind(now)
    .bind(expires_at)
    .execute(&mut tx)
    .await?;
    outbox::write(&mut tx, account_id, message, now).await?;
    if let Some(actor) = created_by {
        audit::store::record(&mut tx, actor, account_id, AUDIT_PASSWORD_RESET, now).await?;
    }
    tx.commit().await
}

pub async fn usable_password_reset(
    db: &Db,
    token_hash: &str,
    now: i64,
) -> Result<Option<ResetTarget>, sqlx::Error> {
    let sql = format!(
        "SELECT {TARGET_COLUMNS} FROM password_resets r JOIN accounts a ON a.id = r.account_id \
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2"
    );
    one_target(db, query(&sql).bind(token_hash).bind(now)).await
}

pub async fn complete_password_reset(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
    notice: Option<&OutgoingMessage>,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    // The check and the use are one statement: of two concurrent uses, one updates a row.
    let account_id: Option<i64> = query_scalar(
        "UPDATE password_resets SET used_at = $2 \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING account_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    let Some(account_id) = account_id else {
        return Ok(None);
    };
    set_password_ending_sessions(&mut tx, account_id, password_hash, 0, now).await?;
    // Unused invitations must not set a password over this one.
    query("UPDATE invitations SET revoked_at = $2 WHERE account_id = $1 AND used_at IS NULL AND revoked_at IS NULL")
        .bind(account_id)
        .bind(now)
        .execute(&mut tx)
        .await?;
    if let Some(notice) = notice {
        outbox::write(&mut tx, account_id, notice, now).await?;
    }
    tx.commit().await?;
    Ok(Some(account_id))
}

pub async fn known_device(db: &Db, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    query_scalar("SELECT account_id FROM known_devices WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

pub async fn add_known_device(
    db: &Db,
    account_id: i64,
    token_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    query("INSERT INTO known_devices (token_hash, account_id, created_at) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(account_id)
        .bind(now)
        .execute(&mut tx)
        .await?;
    tx.commit().await
}

pub async fn forget_old_recovery(
    db: &Db,
    resets_before: i64,
    devices_before: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    query("DELETE FROM password_resets WHERE expires_at < $1")
        .bind(resets_before)
        .execute(&mut tx)
        .await?;
    query("DELETE FROM known_devices WHERE created_at < $1")
        .bind(devices_before)
        .execute(&mut tx)
        .await?;
    tx.commit().await
}

pub async fn outbox_entries(db: &Db, limit: i64) -> Result<Vec<OutboxEntry>, sqlx::Error> {
    query_as(
        "SELECT id, to_address, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The account's e-mail address, phone and message channel choice.
pub async fn message_reach(
    db: &Db,
    account_id: i64,
) -> Result<(Option<String>, Option<String>, Option<String>), sqlx::Error> {
    query_as("SELECT email, phone, message_channel FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(db)
        .await
}

/// Stores the account's message channel choice (`email` or `sms`).
pub async fn set_message_channel(
    db: &Db,
    account_id: i64,
    channel: &str,
) -> Result<(), sqlx::Error> {
    query("UPDATE accounts SET message_channel = $2 WHERE id = $1")
        .bind(account_id)
        .bind(channel)
        .execute(db)
        .await
        .map(drop)
}
