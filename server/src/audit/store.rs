//! The audit log's SQL: entries written in the transaction of what they
//! record, and the administrators' pages of it.

use lotsen_api::people::AuditEntry;

use crate::db::Db;
use crate::db::sql::{Exec, Tx, acquire, begin_write, query, query_as};

/// Audit entries per INSERT statement (4 parameters each: well below SQLite's
/// 32 766 and PostgreSQL's 65 535 bind parameters).
pub const CHUNK: usize = 500;

/// One audit entry, in the caller's write transaction.
pub async fn record(
    tx: &mut Tx,
    actor: i64,
    youth_id: i64,
    action: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    query("INSERT INTO audit_log (at, actor_id, youth_id, action) VALUES ($1, $2, $3, $4)")
        .bind(now)
        .bind(actor)
        .bind(youth_id)
        .bind(action)
        .execute(tx)
        .await
        .map(drop)
}

/// Audit entries for every young person in `youth_ids`, in one statement
/// however many (a list view is one round trip, not one per person), chunked
/// well below both engines' limits on bind parameters.
pub async fn record_all<'c>(
    on: impl Into<Exec<'c>>,
    actor: i64,
    youth_ids: &[i64],
    action: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut on = on.into();
    for chunk in youth_ids.chunks(CHUNK) {
        let mut sql =
            String::from("INSERT INTO audit_log (at, actor_id, youth_id, action) VALUES ");
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("($1, $2, ${}, $3)", i + 4));
        }
        let mut statement = query(&sql).bind(now).bind(actor).bind(action);
        for id in chunk {
            statement = statement.bind(*id);
        }
        statement.execute(on.reborrow()).await?;
    }
    Ok(())
}

/// The audit entries of a read (a list view), written after the read and
/// before the answer. On SQLite they are committed together with those of
/// concurrent reads ([`super::group_commit`]); PostgreSQL takes concurrent
/// inserts as they come, so one statement on a connection of its own. A list
/// longer than one statement gets a write transaction of its own.
pub async fn record_read(
    db: &Db,
    actor: i64,
    youth_ids: &[i64],
    action: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    if youth_ids.is_empty() {
        return Ok(());
    }
    if youth_ids.len() > CHUNK {
        let mut tx = begin_write(db).await?;
        record_all(&mut tx, actor, youth_ids, action, now).await?;
        return tx.commit().await;
    }
    match db {
        Db::Sqlite(db) => {
            super::group_commit::record(db.pool(), actor, youth_ids, action, now).await
        }
        Db::Postgres(_) => {
            let mut conn = acquire(db).await?;
            record_all(&mut conn, actor, youth_ids, action, now).await
        }
    }
}

/// A page of the log, newest first: entries older than `before`, at most `limit`.
pub async fn page(
    db: &Db,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, String, i64, String, String)> = query_as(
        "SELECT l.id, l.at, l.actor_id, actor.name, l.youth_id, youth.name, l.action FROM audit_log l \
         JOIN accounts actor ON actor.id = l.actor_id JOIN accounts youth ON youth.id = l.youth_id \
         WHERE l.id < $1 ORDER BY l.id DESC LIMIT $2",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, at, actor_id, actor_name, youth_id, youth_name, action)| AuditEntry {
                id,
                at: crate::clock::rfc3339(at),
                actor_id,
                actor_name,
                youth_id,
                youth_name,
                action,
            },
        )
        .collect())
}
