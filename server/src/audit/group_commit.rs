//! Group commit of the audit entries of reads (`record_read` in store.rs, on SQLite).
//!
//! Every staff list view writes an audit entry per young person listed, and
//! SQLite has one writer: one transaction per view made concurrent views
//! queue behind each other's BEGIN, INSERT and COMMIT. Instead, a view puts its
//! entries in [`PENDING_AUDIT`] and waits for the writer's turn; whoever gets
//! the turn first writes everything pending (its own and the others') in one
//! transaction and tells each waiting view how it went. A view whose entries
//! were written by someone else only checks that and goes on. Nothing is
//! answered before its entries are committed.

use std::sync::{Arc, Mutex, PoisonError};

use sqlx::SqlitePool;
use tokio::sync::oneshot;

/// Entries waiting for a writer.
struct Pending {
    pool: SqlitePool,
    actor: i64,
    youth_ids: Vec<i64>,
    action: String,
    now: i64,
    done: oneshot::Sender<Result<(), String>>,
}

/// The queue (all pools of this process; each pool's entries are
/// committed in that pool's database).
static PENDING_AUDIT: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

/// Takes everything pending.
fn take() -> Vec<Pending> {
    std::mem::take(&mut *PENDING_AUDIT.lock().unwrap_or_else(PoisonError::into_inner))
}

/// Adds entries to the queue.
fn push(pending: Pending) {
    PENDING_AUDIT
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(pending);
}

/// Writes a batch (in the writer's turn): one transaction per database,
/// and each waiting view is told the outcome of its own.
async fn write(batch: Vec<Pending>) {
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
    for chunk in rows.chunks(super::store::CHUNK) {
        let mut sql =
            String::from("INSERT INTO audit_log (at, actor_id, youth_id, action) VALUES ");
        // Anonymous `?`s, bound in order: with numbered ones (`$n`) sqlx
        // looks up each parameter's name, which SQLite finds by walking the
        // statement's list of names, so a batch of 2,000 parameters took
        // two million steps while holding the writer's turn.
        let values = vec!["(?, ?, ?, ?)"; chunk.len()].join(", ");
        sql.push_str(&values);
        let mut query = sqlx::query(&sql);
        for &(at, actor, youth, action) in chunk {
            query = query.bind(at).bind(actor).bind(youth).bind(action);
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// A read's audit entries, committed together with those of concurrent reads
/// (see the module).
pub(crate) async fn record(
    pool: &SqlitePool,
    actor: i64,
    youth_ids: &[i64],
    action: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    use tokio::sync::oneshot::error::TryRecvError;
    let (done, mut outcome) = tokio::sync::oneshot::channel();
    push(Pending {
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
        turn = crate::db::sql::writer_turn() => turn?,
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
    let batch = take();
    // In a task of its own, holding the turn: if this request goes away
    // halfway, the batch is still written and the others are still answered.
    tokio::spawn(async move {
        let _turn = turn;
        write(batch).await;
    })
    .await
    .map_err(|e| sqlx::Error::Protocol(format!("audit writer failed: {e}")))?;
    outcome
        .await
        .map_err(|_| sqlx::Error::Protocol("audit entries were not written".into()))?
        .map_err(sqlx::Error::Protocol)
}
