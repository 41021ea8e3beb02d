//! The passkeys' SQL.

use super::signing::Evidence;
use crate::Db;
use crate::db::sql::{Tx, begin_write, query, query_as, query_scalar};

/// A stored passkey (read by its column names).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PasskeyRow {
    pub id: i64,
    pub account_id: i64,
    /// base64url.
    pub credential_id: String,
    /// webauthn-rs's `Passkey`, as JSON.
    pub passkey: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

const COLUMNS: &str = "id, account_id, credential_id, passkey, name, created_at, last_used_at";

/// An account's passkeys, oldest first.
pub async fn list(db: &Db, account_id: i64) -> Result<Vec<PasskeyRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM passkeys WHERE account_id = $1 ORDER BY id");
    query_as(&sql).bind(account_id).fetch_all(db).await
}

/// The passkey with this credential id (base64url).
pub async fn by_credential(
    db: &Db,
    credential_id: &str,
) -> Result<Option<PasskeyRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM passkeys WHERE credential_id = $1");
    query_as(&sql).bind(credential_id).fetch_optional(db).await
}

/// Adds a passkey; `None` if its credential is registered already.
pub async fn insert(
    db: &Db,
    account_id: i64,
    credential_id: &str,
    passkey: &str,
    name: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let id: Option<i64> = query_scalar(
        "INSERT INTO passkeys (account_id, credential_id, passkey, name, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (credential_id) DO NOTHING RETURNING id",
    )
    .bind(account_id)
    .bind(credential_id)
    .bind(passkey)
    .bind(name)
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// After a use: the passkey as webauthn-rs updated it (its counter) and when.
pub async fn used(db: &Db, id: i64, passkey: &str, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    query("UPDATE passkeys SET passkey = $2, last_used_at = $3 WHERE id = $1")
        .bind(id)
        .bind(passkey)
        .bind(now)
        .execute(&mut tx)
        .await?;
    tx.commit().await
}

/// Removes the account's passkey `id`; whether there was one.
pub async fn remove(db: &Db, account_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let done = query("DELETE FROM passkeys WHERE id = $1 AND account_id = $2")
        .bind(id)
        .bind(account_id)
        .execute(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps the evidence of the signature `signature_id` (in its transaction).
pub async fn insert_evidence(
    tx: &mut Tx,
    signature_id: i64,
    evidence: &Evidence,
) -> Result<(), sqlx::Error> {
    query(
        "INSERT INTO application_signature_passkeys (signature_id, credential_id, public_key, nonce, \
         authenticator_data, client_data_json, signature) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(signature_id)
    .bind(&evidence.credential_id)
    .bind(&evidence.public_key)
    .bind(&evidence.nonce)
    .bind(&evidence.authenticator_data)
    .bind(&evidence.client_data_json)
    .bind(&evidence.signature)
    .execute(tx)
    .await?;
    Ok(())
}
