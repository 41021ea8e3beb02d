//! A young person's calendar feed: the hash of its secret token, one active at a time.

use crate::db::Db;
use crate::db::sql::{begin_write, query, query_scalar};

/// A new feed token hash for the young person; any old one is revoked (stops working).
pub async fn create_feed(
    db: &Db,
    youth_id: i64,
    token_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    // Takes the young person's row lock on PostgreSQL, so that of two
    // concurrent renewals one waits and then revokes the other's token
    // (instead of both inserting an active one); SQLite writers take turns anyway.
    query("UPDATE youth SET account_id = account_id WHERE account_id = $1")
        .bind(youth_id)
        .execute(&mut tx)
        .await?;
    query("UPDATE calendar_feeds SET revoked_at = $1 WHERE youth_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(youth_id)
        .execute(&mut tx)
        .await?;
    query("INSERT INTO calendar_feeds (youth_id, token_hash, created_at) VALUES ($1, $2, $3)")
        .bind(youth_id)
        .bind(token_hash)
        .bind(now)
        .execute(&mut tx)
        .await?;
    tx.commit().await
}

/// Revokes the young person's feed.
pub async fn revoke_feed(db: &Db, youth_id: i64, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    query("UPDATE calendar_feeds SET revoked_at = $1 WHERE youth_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(youth_id)
        .execute(&mut tx)
        .await?;
    tx.commit().await
}

/// Whether the young person has an active feed.
pub async fn feed_active(db: &Db, youth_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = query_scalar(
        "SELECT COUNT(*) FROM calendar_feeds WHERE youth_id = $1 AND revoked_at IS NULL",
    )
    .bind(youth_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// Whose active feed a token hash is.
pub async fn feed_owner(db: &Db, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    query_scalar("SELECT youth_id FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL")
        .bind(token_hash)
        .fetch_optional(db)
        .await
}
