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

/// The application queries, compiled for each engine next to [`queries!`]
/// (whose `begin_write`, `audit`, `Pool` and `Tx` they use).
macro_rules! application_queries {
    ($engine:ty) => {
        use lotsen_api::application::{Agency, ApplicationStatus, EventKind};
        use sqlx::Row;

        use super::applications::{
            AUDIT_ACCEPT_APPLICATION, AUDIT_CREATE_APPLICATION, AUDIT_DECLINE_APPLICATION, AUDIT_EDIT_APPLICATION,
            AUDIT_LIST_APPLICATIONS, AUDIT_READ_APPLICATION, ApplicationError, ApplicationListing, ApplicationRecord,
            EventRecord, Notification, Reader, SignatureRecord, parse_agency, parse_kind, parse_status,
        };

        /// Columns of an application in a list (`ap` application, `y` youth, `ya` their account).
        const LISTING_COLUMNS: &str = "ap.id, ap.youth_id, ya.name, y.personnummer, ap.status, ap.created_at, ap.updated_at, ap.submitted_at";
        const LISTING_FROM: &str = "applications ap JOIN youth y ON y.account_id = ap.youth_id JOIN accounts ya ON ya.id = ap.youth_id";

        type ListingRow = (i64, i64, String, String, String, i64, i64, Option<i64>);

        fn listing((id, youth_id, youth_name, youth_personnummer, status, created_at, updated_at, submitted_at): ListingRow)
            -> Result<ApplicationListing, sqlx::Error> {
            Ok(ApplicationListing {
                id,
                youth_id,
                youth_name,
                youth_personnummer,
                status: parse_status(&status)?,
                created_at,
                updated_at,
                submitted_at,
            })
        }

        async fn load_application(conn: &mut Conn, id: i64) -> Result<Option<ApplicationRecord>, sqlx::Error> {
            let row = sqlx::query(
                "SELECT ap.id, ap.youth_id, ya.name, y.personnummer, ap.created_by, ap.status, ap.version, ap.content, \
                 ap.created_at, ap.updated_at, ap.guardians_asked_at, ap.submitted_at, ap.decided_at, ap.decision_reason, \
                 ap.contact_person_id, c.name, cs.profession, cs.is_admin \
                 FROM applications ap JOIN youth y ON y.account_id = ap.youth_id JOIN accounts ya ON ya.id = ap.youth_id \
                 LEFT JOIN accounts c ON c.id = ap.contact_person_id LEFT JOIN staff cs ON cs.account_id = ap.contact_person_id \
                 WHERE ap.id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(row) = row else {
                return Ok(None);
            };
            let version: i64 = row.try_get(6)?;
            let youth_id: i64 = row.try_get(1)?;
            let contact_person = match (
                row.try_get::<Option<i64>, _>(14)?,
                row.try_get::<Option<String>, _>(15)?,
                row.try_get::<Option<String>, _>(16)?,
            ) {
                (Some(id), Some(name), Some(profession)) => Some(StaffMember {
                    id,
                    name,
                    profession: parse_profession(&profession)?,
                    is_admin: row.try_get::<Option<bool>, _>(17)?.unwrap_or(false),
                }),
                _ => None,
            };
            let signatures: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
                "SELECT s.signer_id, a.name, s.role, s.signed_at, s.document_hash FROM application_signatures s \
                 JOIN accounts a ON a.id = s.signer_id \
                 WHERE s.application_id = $1 AND s.version = $2 AND s.voided_at IS NULL ORDER BY s.id",
            )
            .bind(id)
            .bind(version)
            .fetch_all(&mut *conn)
            .await?;
            let guardians: Vec<(i64, String, Option<String>)> = sqlx::query_as(
                "SELECT a.id, a.name, a.email FROM guardian_of g JOIN accounts a ON a.id = g.guardian_id \
                 WHERE g.youth_id = $1 ORDER BY a.id",
            )
            .bind(youth_id)
            .fetch_all(&mut *conn)
            .await?;
            let withdrawn: Vec<String> =
                sqlx::query_scalar("SELECT agency FROM application_consent_withdrawals WHERE application_id = $1")
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await?;
            let mut withdrawn_consents = withdrawn.iter().map(|a| parse_agency(a)).collect::<Result<Vec<Agency>, _>>()?;
            withdrawn_consents.sort();
            let events: Vec<(i64, String, Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
                "SELECT e.at, e.kind, a.name, a.role, e.detail FROM application_events e \
                 LEFT JOIN accounts a ON a.id = e.actor_id WHERE e.application_id = $1 ORDER BY e.id",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
            Ok(Some(ApplicationRecord {
                id,
                youth_id,
                youth_name: row.try_get(2)?,
                youth_personnummer: row.try_get(3)?,
                created_by: row.try_get(4)?,
                status: parse_status(&row.try_get::<String, _>(5)?)?,
                version,
                content: row.try_get(7)?,
                created_at: row.try_get(8)?,
                updated_at: row.try_get(9)?,
                guardians_asked_at: row.try_get(10)?,
                submitted_at: row.try_get(11)?,
                decided_at: row.try_get(12)?,
                decision_reason: row.try_get(13)?,
                contact_person,
                signatures: signatures
                    .into_iter()
                    .map(|(signer_id, signer_name, role, signed_at, document_hash)| {
                        Ok(SignatureRecord { signer_id, signer_name, role: parse_role(&role)?, signed_at, document_hash })
                    })
                    .collect::<Result<_, sqlx::Error>>()?,
                guardians,
                withdrawn_consents,
                events: events
                    .into_iter()
                    .map(|(at, kind, name, role, detail)| {
                        let actor = match (name, role) {
                            (Some(name), Some(role)) => Some((name, parse_role(&role)?)),
                            _ => None,
                        };
                        Ok(EventRecord { at, kind: parse_kind(&kind)?, actor, detail })
                    })
                    .collect::<Result<_, sqlx::Error>>()?,
            }))
        }

        async fn event(
            tx: &mut Tx,
            application_id: i64,
            actor: Option<i64>,
            kind: EventKind,
            detail: Option<&str>,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            sqlx::query("INSERT INTO application_events (application_id, at, actor_id, kind, detail) VALUES ($1, $2, $3, $4, $5)")
                .bind(application_id)
                .bind(now)
                .bind(actor)
                .bind(kind.as_str())
                .bind(detail)
                .execute(&mut **tx)
                .await
                .map(drop)
        }

        async fn notify(tx: &mut Tx, notifications: &[Notification], now: i64) -> Result<(), sqlx::Error> {
            for n in notifications {
                write_outbox(tx, n.account_id, &n.message, now).await?;
            }
            Ok(())
        }

        /// Voids every valid signature; returns whether there were any.
        async fn void_signatures(tx: &mut Tx, id: i64, now: i64) -> Result<bool, sqlx::Error> {
            let voided = sqlx::query("UPDATE application_signatures SET voided_at = $2 WHERE application_id = $1 AND voided_at IS NULL")
                .bind(id)
                .bind(now)
                .execute(&mut **tx)
                .await?
                .rows_affected();
            Ok(voided > 0)
        }

        /// Why a claim found no row: no such application, another version, or another status.
        async fn refusal(tx: &mut Tx, id: i64, version: Option<i64>) -> Result<ApplicationError, sqlx::Error> {
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM applications WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
            Ok(match (current, version) {
                (None, _) => ApplicationError::NotFound,
                (Some(current), Some(expected)) if current != expected => ApplicationError::Stale,
                _ => ApplicationError::WrongStatus,
            })
        }

        pub(super) async fn read_application(
            pool: &Pool,
            reader: Reader,
            id: i64,
            now: i64,
        ) -> Result<Option<ApplicationRecord>, sqlx::Error> {
            match reader {
                Reader::Staff(viewer) => {
                    let mut tx = begin_write(pool).await?;
                    let sql = format!(
                        "SELECT ap.youth_id FROM applications ap JOIN youth y ON y.account_id = ap.youth_id \
                         WHERE ap.id = $3 AND {STAFF_CAN_SEE_YOUTH}"
                    );
                    let youth_id: Option<i64> = sqlx::query_scalar(&sql)
                        .bind(viewer.id)
                        .bind(viewer.is_admin)
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let Some(youth_id) = youth_id else {
                        return Ok(None);
                    };
                    let record = load_application(&mut tx, id).await?;
                    audit(&mut tx, viewer.id, youth_id, AUDIT_READ_APPLICATION, now).await?;
                    tx.commit().await?;
                    Ok(record)
                }
                Reader::Youth(youth_id) => {
                    let mut conn = pool.acquire().await?;
                    Ok(load_application(&mut conn, id).await?.filter(|a| a.youth_id == youth_id))
                }
                Reader::Guardian(guardian_id) => {
                    let mut conn = pool.acquire().await?;
                    // The age rule (under 18 today) is the caller's: it needs the clock.
                    Ok(load_application(&mut conn, id).await?.filter(|a| {
                        a.guardians.iter().any(|g| g.0 == guardian_id)
                            && a.guardians_asked_at.is_some()
                            && a.status != ApplicationStatus::Draft
                    }))
                }
            }
        }

        pub(super) async fn list_applications(
            pool: &Pool,
            reader: Reader,
            youth_id: Option<i64>,
            only: Option<ApplicationStatus>,
            now: i64,
        ) -> Result<Vec<ApplicationListing>, sqlx::Error> {
            let order = "ORDER BY COALESCE(ap.submitted_at, ap.created_at), ap.id";
            let filter = "($3 IS NULL OR ap.youth_id = $3) AND ($4 IS NULL OR ap.status = $4)";
            let status = only.map(ApplicationStatus::as_str);
            match reader {
                Reader::Staff(viewer) => {
                    let sql = format!("SELECT {LISTING_COLUMNS} FROM {LISTING_FROM} WHERE {STAFF_CAN_SEE_YOUTH} AND {filter} {order}");
                    // Read first, then write the audit entries (as the list of
                    // young people does): the writer's turn is held only for them.
                    let rows: Vec<ListingRow> = sqlx::query_as(&sql)
                        .bind(viewer.id)
                        .bind(viewer.is_admin)
                        .bind(youth_id)
                        .bind(status)
                        .fetch_all(pool)
                        .await?;
                    let list = rows.into_iter().map(listing).collect::<Result<Vec<_>, _>>()?;
                    let ids: Vec<i64> = list.iter().map(|l| l.youth_id).collect();
                    audit_read(pool, viewer.id, &ids, AUDIT_LIST_APPLICATIONS, now).await?;
                    Ok(list)
                }
                Reader::Youth(me) => {
                    let sql = format!("SELECT {LISTING_COLUMNS} FROM {LISTING_FROM} WHERE ap.youth_id = $1 AND $2 AND {filter} {order}");
                    let rows: Vec<ListingRow> = sqlx::query_as(&sql)
                        .bind(me)
                        .bind(true)
                        .bind(youth_id)
                        .bind(status)
                        .fetch_all(pool)
                        .await?;
                    rows.into_iter().map(listing).collect()
                }
                Reader::Guardian(guardian) => {
                    let sql = format!(
                        "SELECT {LISTING_COLUMNS} FROM {LISTING_FROM} \
                         WHERE EXISTS (SELECT 1 FROM guardian_of g WHERE g.youth_id = ap.youth_id AND g.guardian_id = $1) \
                         AND ap.guardians_asked_at IS NOT NULL AND ap.status <> 'draft' AND $2 AND {filter} {order}"
                    );
                    let rows: Vec<ListingRow> = sqlx::query_as(&sql)
                        .bind(guardian)
                        .bind(true)
                        .bind(youth_id)
                        .bind(status)
                        .fetch_all(pool)
                        .await?;
                    rows.into_iter().map(listing).collect()
                }
            }
        }

        pub(super) async fn create_application(
            pool: &Pool,
            viewer: StaffViewer,
            youth_id: i64,
            content: &str,
            now: i64,
        ) -> Result<Option<i64>, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            let sql = format!("SELECT COUNT(*) FROM youth y WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}");
            let visible: i64 = sqlx::query_scalar(&sql)
                .bind(viewer.id)
                .bind(viewer.is_admin)
                .bind(youth_id)
                .fetch_one(&mut *tx)
                .await?;
            if visible == 0 {
                return Ok(None);
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO applications (youth_id, created_by, content, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $4) RETURNING id",
            )
            .bind(youth_id)
            .bind(viewer.id)
            .bind(content)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            event(&mut tx, id, Some(viewer.id), EventKind::Drafted, None, now).await?;
            audit(&mut tx, viewer.id, youth_id, AUDIT_CREATE_APPLICATION, now).await?;
            tx.commit().await?;
            Ok(Some(id))
        }

        pub(super) async fn update_application(
            pool: &Pool,
            id: i64,
            actor: i64,
            staff: bool,
            version: i64,
            content: &str,
            now: i64,
        ) -> Result<bool, ApplicationError> {
            let mut tx = begin_write(pool).await?;
            let youth_id: Option<i64> = sqlx::query_scalar(
                "UPDATE applications SET content = $3, version = version + 1, status = 'draft', submitted_at = NULL, \
                 updated_at = $4 WHERE id = $1 AND version = $2 \
                 AND status IN ('draft', 'waiting_for_guardians', 'submitted') RETURNING youth_id",
            )
            .bind(id)
            .bind(version)
            .bind(content)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(youth_id) = youth_id else {
                return Err(refusal(&mut tx, id, Some(version)).await?);
            };
            event(&mut tx, id, Some(actor), EventKind::Edited, None, now).await?;
            let voided = void_signatures(&mut tx, id, now).await?;
            if voided {
                event(&mut tx, id, Some(actor), EventKind::SignaturesVoided, None, now).await?;
            }
            if staff {
                audit(&mut tx, actor, youth_id, AUDIT_EDIT_APPLICATION, now).await?;
            }
            tx.commit().await?;
            Ok(voided)
        }

        /// The young person signs `version`: submitted at once, or waiting for
        /// the guardians (who get `notifications`) when `guardians_needed`.
        #[allow(clippy::too_many_arguments)]
        pub(super) async fn sign_application(
            pool: &Pool,
            id: i64,
            youth_id: i64,
            version: i64,
            document_hash: &str,
            guardians_needed: bool,
            notifications: &[Notification],
            now: i64,
        ) -> Result<(), ApplicationError> {
            let mut tx = begin_write(pool).await?;
            let (status, submitted_at, asked_at) = if guardians_needed {
                (ApplicationStatus::WaitingForGuardians, None, Some(now))
            } else {
                (ApplicationStatus::Submitted, Some(now), None)
            };
            let claimed: Option<i64> = sqlx::query_scalar(
                "UPDATE applications SET status = $4, submitted_at = $5, guardians_asked_at = COALESCE($6, guardians_asked_at), \
                 updated_at = $7 WHERE id = $1 AND youth_id = $2 AND version = $3 AND status = 'draft' RETURNING id",
            )
            .bind(id)
            .bind(youth_id)
            .bind(version)
            .bind(status.as_str())
            .bind(submitted_at)
            .bind(asked_at)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if claimed.is_none() {
                return Err(refusal(&mut tx, id, Some(version)).await?);
            }
            sqlx::query(
                "INSERT INTO application_signatures (application_id, signer_id, role, version, document_hash, signed_at) \
                 VALUES ($1, $2, 'youth', $3, $4, $5)",
            )
            .bind(id)
            .bind(youth_id)
            .bind(version)
            .bind(document_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            event(&mut tx, id, Some(youth_id), EventKind::Signed, None, now).await?;
            if !guardians_needed {
                event(&mut tx, id, None, EventKind::Submitted, None, now).await?;
            }
            notify(&mut tx, notifications, now).await?;
            tx.commit().await?;
            Ok(())
        }

        /// A guardian co-signs `version`; returns whether the application is now submitted.
        pub(super) async fn cosign_application(
            pool: &Pool,
            id: i64,
            guardian_id: i64,
            version: i64,
            document_hash: &str,
            now: i64,
        ) -> Result<bool, ApplicationError> {
            let mut tx = begin_write(pool).await?;
            // Claiming the row serialises co-signers, so the last one sees every other signature.
            let youth_id: Option<i64> = sqlx::query_scalar(
                "UPDATE applications SET updated_at = $3 WHERE id = $1 AND version = $2 \
                 AND status = 'waiting_for_guardians' RETURNING youth_id",
            )
            .bind(id)
            .bind(version)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(youth_id) = youth_id else {
                return Err(refusal(&mut tx, id, Some(version)).await?);
            };
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO application_signatures (application_id, signer_id, role, version, document_hash, signed_at) \
                 VALUES ($1, $2, 'guardian', $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(id)
            .bind(guardian_id)
            .bind(version)
            .bind(document_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if inserted.is_none() {
                return Err(ApplicationError::WrongStatus);
            }
            event(&mut tx, id, Some(guardian_id), EventKind::Cosigned, None, now).await?;
            let missing: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM guardian_of g WHERE g.youth_id = $1 AND NOT EXISTS (\
                 SELECT 1 FROM application_signatures s WHERE s.application_id = $2 AND s.version = $3 \
                 AND s.signer_id = g.guardian_id AND s.voided_at IS NULL)",
            )
            .bind(youth_id)
            .bind(id)
            .bind(version)
            .fetch_one(&mut *tx)
            .await?;
            let submitted = missing == 0;
            if submitted {
                sqlx::query("UPDATE applications SET status = 'submitted', submitted_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                event(&mut tx, id, None, EventKind::Submitted, None, now).await?;
            }
            tx.commit().await?;
            Ok(submitted)
        }

        /// A guardian declines: back to draft, every signature voided, `notifications` sent.
        pub(super) async fn guardian_decline(
            pool: &Pool,
            id: i64,
            guardian_id: i64,
            reason: &str,
            notifications: &[Notification],
            now: i64,
        ) -> Result<(), ApplicationError> {
            let mut tx = begin_write(pool).await?;
            let claimed: Option<i64> = sqlx::query_scalar(
                "UPDATE applications SET status = 'draft', version = version + 1, updated_at = $2 \
                 WHERE id = $1 AND status = 'waiting_for_guardians' RETURNING id",
            )
            .bind(id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if claimed.is_none() {
                return Err(refusal(&mut tx, id, None).await?);
            }
            event(&mut tx, id, Some(guardian_id), EventKind::DeclinedByGuardian, Some(reason), now).await?;
            if void_signatures(&mut tx, id, now).await? {
                event(&mut tx, id, Some(guardian_id), EventKind::SignaturesVoided, None, now).await?;
            }
            notify(&mut tx, notifications, now).await?;
            tx.commit().await?;
            Ok(())
        }

        /// The team accepts (with a contact person, who becomes the young person's) or declines (with a reason).
        pub(super) async fn decide_application(
            pool: &Pool,
            id: i64,
            actor: i64,
            contact_person_id: Option<i64>,
            reason: Option<&str>,
            now: i64,
        ) -> Result<(), ApplicationError> {
            let mut tx = begin_write(pool).await?;
            let mut contact_name = None;
            if let Some(cp) = contact_person_id {
                let row: Option<(String, String)> = sqlx::query_as(
                    "SELECT st.profession, a.name FROM staff st JOIN accounts a ON a.id = st.account_id WHERE st.account_id = $1",
                )
                .bind(cp)
                .fetch_optional(&mut *tx)
                .await?;
                match row {
                    Some((profession, name)) if profession == Profession::ContactPerson.as_str() => contact_name = Some(name),
                    _ => return Err(ApplicationError::ContactPersonInvalid),
                }
            }
            let status = if contact_person_id.is_some() { ApplicationStatus::Accepted } else { ApplicationStatus::Declined };
            let youth_id: Option<i64> = sqlx::query_scalar(
                "UPDATE applications SET status = $2, decided_at = $3, decided_by = $4, decision_reason = $5, \
                 contact_person_id = $6, updated_at = $3 WHERE id = $1 AND status = 'submitted' RETURNING youth_id",
            )
            .bind(id)
            .bind(status.as_str())
            .bind(now)
            .bind(actor)
            .bind(reason)
            .bind(contact_person_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(youth_id) = youth_id else {
                return Err(refusal(&mut tx, id, None).await?);
            };
            if let Some(cp) = contact_person_id {
                sqlx::query("UPDATE youth SET contact_person_id = $2 WHERE account_id = $1")
                    .bind(youth_id)
                    .bind(cp)
                    .execute(&mut *tx)
                    .await?;
                event(&mut tx, id, Some(actor), EventKind::Accepted, contact_name.as_deref(), now).await?;
                audit(&mut tx, actor, youth_id, AUDIT_ACCEPT_APPLICATION, now).await?;
            } else {
                event(&mut tx, id, Some(actor), EventKind::Declined, reason, now).await?;
                audit(&mut tx, actor, youth_id, AUDIT_DECLINE_APPLICATION, now).await?;
            }
            tx.commit().await?;
            Ok(())
        }

        /// The young person withdraws consent for `agency`; `WrongStatus` when already withdrawn.
        pub(super) async fn withdraw_consent(
            pool: &Pool,
            id: i64,
            youth_id: i64,
            agency: Agency,
            now: i64,
        ) -> Result<(), ApplicationError> {
            let mut tx = begin_write(pool).await?;
            let claimed: Option<i64> =
                sqlx::query_scalar("UPDATE applications SET updated_at = $3 WHERE id = $1 AND youth_id = $2 RETURNING id")
                    .bind(id)
                    .bind(youth_id)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
            if claimed.is_none() {
                return Err(ApplicationError::NotFound);
            }
            let inserted = sqlx::query(
                "INSERT INTO application_consent_withdrawals (application_id, agency, withdrawn_at, withdrawn_by) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(agency.as_str())
            .bind(now)
            .bind(youth_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                return Err(ApplicationError::WrongStatus);
            }
            event(&mut tx, id, Some(youth_id), EventKind::ConsentWithdrawn, Some(agency.as_str()), now).await?;
            tx.commit().await?;
            Ok(())
        }

        /// The young person withdraws the whole application (not once declined or withdrawn).
        pub(super) async fn withdraw_application(pool: &Pool, id: i64, youth_id: i64, now: i64) -> Result<(), ApplicationError> {
            let mut tx = begin_write(pool).await?;
            let claimed: Option<i64> = sqlx::query_scalar(
                "UPDATE applications SET status = 'withdrawn', withdrawn_at = $3, updated_at = $3 \
                 WHERE id = $1 AND youth_id = $2 AND status NOT IN ('withdrawn', 'declined') RETURNING id",
            )
            .bind(id)
            .bind(youth_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if claimed.is_none() {
                return Err(refusal(&mut tx, id, None).await?);
            }
            event(&mut tx, id, Some(youth_id), EventKind::Withdrawn, None, now).await?;
            tx.commit().await?;
            Ok(())
        }
    };
}

/// Small application-related look-ups, compiled for each engine.
macro_rules! application_lookups {
    () => {
        /// An account's name and e-mail address.
        pub(super) async fn account_address(
            pool: &Pool,
            id: i64,
        ) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
            sqlx::query_as("SELECT name, email FROM accounts WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        }
    };
}
