//! The application's SQL, written once for both engines and compiled for each
//! by `queries!(Engine, "BEGIN …")` in [`super::sqlite`] and [`super::postgres`].
//!
//! Portable on purpose: `$1` placeholders (SQLite reads them as positions too),
//! `RETURNING`, `ON CONFLICT`, booleans bound as such, and every time as Unix
//! seconds in a 64-bit integer. Writes that read first run in a write
//! transaction (`BEGIN IMMEDIATE` on SQLite), so concurrent requests queue
//! instead of failing; unique constraints, not checks beforehand, decide
//! which of two concurrent registrations wins.

pub use crate::people::access::STAFF_CAN_SEE_YOUTH;

/// Audit entries per INSERT statement (4 parameters each: well below SQLite's
/// 32 766 and PostgreSQL's 65 535 bind parameters).
pub const AUDIT_CHUNK: usize = 500;

macro_rules! queries {
    ($engine:ty, $begin_write:literal, $writer:expr) => {
        use lotsen_api::account::Profession;

        use lotsen_api::people::StaffMember;

        use super::queries::{AUDIT_CHUNK, STAFF_CAN_SEE_YOUTH};
        use super::{OutgoingMessage, StaffViewer, parse_profession, parse_role};

        type Pool = sqlx::Pool<$engine>;
        type Tx = WriteTx;
        /// One connection, for what runs on one (see `on_reader!` in db/mod.rs).
        type Conn = <$engine as sqlx::Database>::Connection;

        /// A transaction that will write, holding the engine's writer turn, if it
        /// has one, until it ends (see [`begin_write`]).
        struct WriteTx {
            tx: sqlx::Transaction<'static, $engine>,
            _turn: Option<tokio::sync::MutexGuard<'static, ()>>,
        }

        impl std::ops::Deref for WriteTx {
            type Target = <$engine as sqlx::Database>::Connection;
            fn deref(&self) -> &Self::Target {
                &self.tx
            }
        }

        impl std::ops::DerefMut for WriteTx {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.tx
            }
        }

        impl WriteTx {
            async fn commit(self) -> Result<(), sqlx::Error> {
                self.tx.commit().await
            }
        }

        /// The writer's turn (SQLite; see `begin_write`), or nothing (PostgreSQL).
        async fn writer_turn() -> Result<Option<tokio::sync::MutexGuard<'static, ()>>, sqlx::Error>
        {
            let writer: Option<&'static tokio::sync::Mutex<()>> = $writer;
            Ok(match writer {
                Some(writer) => Some(
                    tokio::time::timeout(std::time::Duration::from_secs(5), writer.lock())
                        .await
                        .map_err(|_| sqlx::Error::PoolTimedOut)?,
                ),
                None => None,
            })
        }

        /// A transaction that will write: on SQLite it takes the write lock at once.
        ///
        /// SQLite has one writer at a time; a connection that finds the lock
        /// taken sleeps in growing steps (its busy handler), which under load
        /// put 200 ms into reads that also write their audit entries. So SQLite
        /// writers first queue in turn on an async mutex here (first come, first
        /// served, no sleeping), and `BEGIN IMMEDIATE` then finds the lock free.
        /// PostgreSQL needs no turn.
        async fn begin_write(pool: &Pool) -> Result<Tx, sqlx::Error> {
            let turn = writer_turn().await?;
            let tx = pool.begin_with($begin_write).await?;
            Ok(WriteTx { tx, _turn: turn })
        }

        /// Puts a message in the outbox in the caller's transaction (the one
        /// place every feature writes outgoing messages).
        async fn write_outbox(
            tx: &mut Tx,
            account_id: i64,
            message: &OutgoingMessage,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            sqlx::query(
                "INSERT INTO outbox (account_id, channel, to_address, subject, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(account_id)
            .bind(message.channel)
            .bind(&message.to_address)
            .bind(&message.subject)
            .bind(&message.body)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map(drop)
        }

        async fn audit(
            tx: &mut Tx,
            actor: i64,
            youth_id: i64,
            action: &str,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            sqlx::query(
                "INSERT INTO audit_log (at, actor_id, youth_id, action) VALUES ($1, $2, $3, $4)",
            )
            .bind(now)
            .bind(actor)
            .bind(youth_id)
            .bind(action)
            .execute(&mut **tx)
            .await
            .map(drop)
        }

        /// Audit entries for every young person in `youth_ids`, in one
        /// statement however many (a list view is one round trip, not one per
        /// person), chunked well below both engines' limits on bind parameters.
        async fn insert_audit(
            conn: &mut <$engine as sqlx::Database>::Connection,
            actor: i64,
            youth_ids: &[i64],
            action: &str,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            for chunk in youth_ids.chunks(AUDIT_CHUNK) {
                let mut sql =
                    String::from("INSERT INTO audit_log (at, actor_id, youth_id, action) VALUES ");
                for i in 0..chunk.len() {
                    if i > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("($1, $2, ${}, $3)", i + 4));
                }
                let mut query = sqlx::query(&sql).bind(now).bind(actor).bind(action);
                for id in chunk {
                    query = query.bind(*id);
                }
                query.execute(&mut *conn).await?;
            }
            Ok(())
        }

        /// [`insert_audit`] inside a write transaction.
        async fn audit_all(
            tx: &mut Tx,
            actor: i64,
            youth_ids: &[i64],
            action: &str,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            insert_audit(&mut **tx, actor, youth_ids, action, now).await
        }

        /// The audit entries of a read (a list view), written after the read
        /// and before the answer: each engine's `audit_read_engine` (SQLite
        /// commits the entries of concurrent reads together; PostgreSQL
        /// inserts them at once). Lists longer than one statement get a
        /// transaction of their own.
        pub(super) async fn audit_read(
            pool: &Pool,
            actor: i64,
            youth_ids: &[i64],
            action: &str,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            if youth_ids.is_empty() {
                return Ok(());
            }
            if youth_ids.len() > AUDIT_CHUNK {
                let mut tx = begin_write(pool).await?;
                audit_all(&mut tx, actor, youth_ids, action, now).await?;
                return tx.commit().await;
            }
            audit_read_engine(pool, actor, youth_ids, action, now).await
        }
    };
}
