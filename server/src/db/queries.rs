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

/// The young people a member of staff may see (`$1` their id, `$2` whether
/// they are an administrator), by id: rows decoded by [`youth_row`]. Run
/// through rusqlite on SQLite (`sqlite_read`).
pub(super) fn list_youth_sql() -> String {
    format!(
        "SELECT {YOUTH_COLUMNS} FROM {YOUTH_FROM} WHERE {STAFF_CAN_SEE_YOUTH} ORDER BY y.account_id"
    )
}

/// A row of [`YOUTH_COLUMNS`].
pub(super) fn youth_row(r: &dyn super::Columns) -> Result<super::YouthRecord, sqlx::Error> {
    youth_record((
        r.int_required(0)?,
        r.text_required(1)?,
        r.text_required(2)?,
        r.flag_required(3)?,
        r.text(4)?,
        r.text(5)?,
        r.flag_required(6)?,
        r.int(7)?,
        r.text(8)?,
        r.text(9)?,
        r.flag(10)?,
    ))
}

/// Audit entries per INSERT statement (4 parameters each: well below SQLite's
/// 32 766 and PostgreSQL's 65 535 bind parameters).
pub const AUDIT_CHUNK: usize = 500;

/// The audit action for a young person shown in a staff list.
pub const AUDIT_LIST: &str = "list_youth";
/// The audit action for a staff read of a young person's record.
pub const AUDIT_READ: &str = "read_youth";
/// The audit action for registering a young person.
pub const AUDIT_REGISTER: &str = "register_youth";
/// The audit action for adding a guardian.
pub const AUDIT_ADD_GUARDIAN: &str = "add_guardian";
/// The audit action for sending a young person a new invitation.
pub const AUDIT_REINVITE: &str = "send_invitation";

/// Columns of a young person as staff see them (`y` youth, `a` their account,
/// `c` the contact person's account, `cs` their staff row).
pub const YOUTH_COLUMNS: &str = "y.account_id, a.name, y.personnummer, y.protected_identity, a.email, a.phone, \
     a.password_hash IS NOT NULL, y.contact_person_id, c.name, cs.profession, cs.is_admin";

/// The joins [`YOUTH_COLUMNS`] needs.
pub const YOUTH_FROM: &str = "youth y JOIN accounts a ON a.id = y.account_id \
     LEFT JOIN accounts c ON c.id = y.contact_person_id \
     LEFT JOIN staff cs ON cs.account_id = y.contact_person_id";

/// A row of [`YOUTH_COLUMNS`].
pub type YouthRow = (
    i64,
    String,
    String,
    bool,
    Option<String>,
    Option<String>,
    bool,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<bool>,
);

/// A row of [`YOUTH_COLUMNS`] as a record.
pub fn youth_record(row: YouthRow) -> Result<super::YouthRecord, sqlx::Error> {
    let (
        id,
        name,
        personnummer,
        protected_identity,
        email,
        phone,
        has_account,
        cp_id,
        cp_name,
        cp_profession,
        cp_admin,
    ) = row;
    let contact_person = match (cp_id, cp_name, cp_profession) {
        (Some(id), Some(name), Some(profession)) => Some(lotsen_api::people::StaffMember {
            id,
            name,
            profession: super::parse_profession(&profession)?,
            is_admin: cp_admin.unwrap_or(false),
        }),
        _ => None,
    };
    Ok(super::YouthRecord {
        id,
        name,
        personnummer,
        protected_identity,
        email,
        phone,
        has_account,
        contact_person,
    })
}

macro_rules! queries {
    ($engine:ty, $begin_write:literal, $writer:expr) => {
        use lotsen_api::account::Profession;
        use lotsen_api::contact::Login;
        use lotsen_api::people::StaffMember;

        use super::queries::{
            AUDIT_ADD_GUARDIAN, AUDIT_CHUNK, AUDIT_READ, AUDIT_REGISTER, AUDIT_REINVITE, STAFF_CAN_SEE_YOUTH,
            YOUTH_COLUMNS, YOUTH_FROM, YouthRow, youth_record,
        };
        use super::{
            DemoSeed, GuardedRecord, GuardianRecord, InvitationRecord, Invitee, NewAccount, NewInvitation,
            OutgoingMessage, StaffViewer, WriteError, YouthRecord, parse_profession,
            parse_role, role_str,
        };

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
        async fn writer_turn() -> Result<Option<tokio::sync::MutexGuard<'static, ()>>, sqlx::Error> {
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

        /// Inserts an account; `Taken` when its e-mail address or phone number is.
        async fn insert_account(
            tx: &mut Tx,
            account: &NewAccount,
            password_hash: Option<&str>,
            now: i64,
        ) -> Result<i64, WriteError> {
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO accounts (role, name, email, phone, password_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(role_str(account.role))
            .bind(&account.name)
            .bind(&account.email)
            .bind(&account.phone)
            .bind(password_hash)
            .bind(now)
            .fetch_optional(&mut **tx)
            .await?;
            if let Some(id) = id {
                return Ok(id);
            }
            let email_taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE email = $1")
                .bind(&account.email)
                .fetch_one(&mut **tx)
                .await?;
            Err(WriteError::Taken(if email_taken > 0 { "email" } else { "phone" }))
        }

        async fn insert_invitation(
            tx: &mut Tx,
            account_id: i64,
            created_by: Option<i64>,
            invitation: &NewInvitation,
            message: Option<&OutgoingMessage>,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            sqlx::query(
                "INSERT INTO invitations (token_hash, account_id, created_by, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&invitation.token_hash)
            .bind(account_id)
            .bind(created_by)
            .bind(now)
            .bind(invitation.expires_at)
            .execute(&mut **tx)
            .await?;
            if let Some(message) = message {
                write_outbox(tx, account_id, message, now).await?;
            }
            Ok(())
        }

        /// Puts a message in the outbox in the caller's transaction (the one
        /// place every feature writes outgoing messages).
        async fn write_outbox(tx: &mut Tx, account_id: i64, message: &OutgoingMessage, now: i64) -> Result<(), sqlx::Error> {
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

        async fn audit(tx: &mut Tx, actor: i64, youth_id: i64, action: &str, now: i64) -> Result<(), sqlx::Error> {
            sqlx::query("INSERT INTO audit_log (at, actor_id, youth_id, action) VALUES ($1, $2, $3, $4)")
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
                let mut sql = String::from("INSERT INTO audit_log (at, actor_id, youth_id, action) VALUES ");
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
        async fn audit_all(tx: &mut Tx, actor: i64, youth_ids: &[i64], action: &str, now: i64) -> Result<(), sqlx::Error> {
            insert_audit(&mut **tx, actor, youth_ids, action, now).await
        }

        /// The audit entries of a read (a list view), written after the read
        /// and before the answer: each engine's `audit_read_engine` (SQLite
        /// commits the entries of concurrent reads together; PostgreSQL
        /// inserts them at once). Lists longer than one statement get a
        /// transaction of their own.
        pub(super) async fn audit_read(pool: &Pool, actor: i64, youth_ids: &[i64], action: &str, now: i64) -> Result<(), sqlx::Error> {
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

        /// Inserts an account that must not clash (demo data).
        async fn insert_new_account(
            tx: &mut Tx,
            account: &NewAccount,
            password_hash: Option<&str>,
            now: i64,
        ) -> Result<i64, sqlx::Error> {
            insert_account(tx, account, password_hash, now).await.map_err(|error| match error {
                WriteError::Db(error) => error,
                other => sqlx::Error::Protocol(format!("demo data clashes: {other}")),
            })
        }

        pub(super) async fn seed_demo_if_new(pool: &Pool, marker: &str, now: i64, demo: &DemoSeed) -> Result<bool, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            let marked = sqlx::query(
                "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
            )
            .bind(super::DEMO_SEEDED_AT)
            .bind(marker)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if !marked {
                return Ok(false);
            }
            let mut staff_ids = std::collections::HashMap::new();
            for (name, email, profession, is_admin) in &demo.staff {
                let account = NewAccount {
                    role: lotsen_api::account::Role::Staff,
                    name: name.clone(),
                    email: Some(email.clone()),
                    phone: None,
                };
                let id = insert_new_account(&mut tx, &account, Some(&demo.password_hash), now).await?;
                sqlx::query("INSERT INTO staff (account_id, profession, is_admin) VALUES ($1, $2, $3)")
                    .bind(id)
                    .bind(profession.as_str())
                    .bind(*is_admin)
                    .execute(&mut *tx)
                    .await?;
                staff_ids.insert(email.as_str(), id);
            }
            for youth in &demo.youth {
                let account = NewAccount {
                    role: lotsen_api::account::Role::Youth,
                    name: youth.name.clone(),
                    email: Some(youth.email.clone()),
                    phone: None,
                };
                let id = insert_new_account(&mut tx, &account, Some(&demo.password_hash), now).await?;
                sqlx::query(
                    "INSERT INTO youth (account_id, personnummer, protected_identity, contact_person_id) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(&youth.personnummer)
                .bind(youth.protected_identity)
                .bind(staff_ids.get(youth.contact_person_email.as_str()).copied())
                .execute(&mut *tx)
                .await?;
                for (name, email) in &youth.guardians {
                    let account = NewAccount {
                        role: lotsen_api::account::Role::Guardian,
                        name: name.clone(),
                        email: Some(email.clone()),
                        phone: None,
                    };
                    let guardian = insert_new_account(&mut tx, &account, Some(&demo.password_hash), now).await?;
                    sqlx::query("INSERT INTO guardian_of (guardian_id, youth_id) VALUES ($1, $2)")
                        .bind(guardian)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            tx.commit().await?;
            Ok(true)
        }

        pub(super) async fn login_account(pool: &Pool, login: &Login) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
            let (sql, value) = match login {
                Login::Email(email) => ("SELECT id, password_hash FROM accounts WHERE email = $1", email),
                Login::Phone(phone) => ("SELECT id, password_hash FROM accounts WHERE phone = $1", phone),
            };
            sqlx::query_as(sql).bind(value).fetch_optional(pool).await
        }






        pub(super) async fn password_hash(pool: &Pool, account_id: i64) -> Result<Option<String>, sqlx::Error> {
            let hash: Option<Option<String>> = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
                .bind(account_id)
                .fetch_optional(pool)
                .await?;
            Ok(hash.flatten())
        }

        pub(super) async fn change_password(
            pool: &Pool,
            account_id: i64,
            password_hash: &str,
            keep_session: i64,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            sqlx::query("UPDATE accounts SET password_hash = $2 WHERE id = $1")
                .bind(account_id)
                .bind(password_hash)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE sessions SET ended_at = $3 WHERE account_id = $1 AND id <> $2 AND ended_at IS NULL")
                .bind(account_id)
                .bind(keep_session)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }

        pub(super) async fn invitation(pool: &Pool, token_hash: &str) -> Result<Option<InvitationRecord>, sqlx::Error> {
            let row: Option<(String, String, i64, Option<i64>, Option<i64>, bool)> = sqlx::query_as(
                "SELECT a.name, a.role, i.expires_at, i.used_at, i.revoked_at, a.password_hash IS NOT NULL \
                 FROM invitations i JOIN accounts a ON a.id = i.account_id WHERE i.token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
            row.map(|(name, role, expires_at, used_at, revoked_at, has_password)| {
                Ok(InvitationRecord {
                    name,
                    role: parse_role(&role)?,
                    expires_at,
                    used_at,
                    revoked_at,
                    has_password,
                })
            })
            .transpose()
        }

        pub(super) async fn accept_invitation(pool: &Pool, token_hash: &str, password_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            // The check and the use are one statement: of two concurrent accepts, one updates a row.
            let account_id: Option<i64> = sqlx::query_scalar(
                "UPDATE invitations SET used_at = $2 \
                 WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 \
                 AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = invitations.account_id AND a.password_hash IS NULL) \
                 RETURNING account_id",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(account_id) = account_id else {
                return Ok(false);
            };
            set_password_ending_sessions(&mut tx, account_id, password_hash, now).await?;
            tx.commit().await?;
            Ok(true)
        }

        /// Sets an account's password and ends every session of it (accepting an
        /// invitation, using a reset link).
        async fn set_password_ending_sessions(
            tx: &mut Tx,
            account_id: i64,
            password_hash: &str,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            sqlx::query("UPDATE accounts SET password_hash = $2 WHERE id = $1")
                .bind(account_id)
                .bind(password_hash)
                .execute(&mut **tx)
                .await?;
            sqlx::query("UPDATE sessions SET ended_at = $2 WHERE account_id = $1 AND ended_at IS NULL")
                .bind(account_id)
                .bind(now)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        #[allow(clippy::too_many_arguments)]
        pub(super) async fn register_youth(
            pool: &Pool,
            actor: i64,
            account: &NewAccount,
            personnummer: &str,
            protected_identity: bool,
            contact_person_id: Option<i64>,
            invitation: &NewInvitation,
            message: Option<&OutgoingMessage>,
            now: i64,
        ) -> Result<i64, WriteError> {
            let mut tx = begin_write(pool).await?;
            if let Some(contact_person_id) = contact_person_id {
                let profession: Option<String> = sqlx::query_scalar("SELECT profession FROM staff WHERE account_id = $1")
                    .bind(contact_person_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if profession.as_deref() != Some(Profession::ContactPerson.as_str()) {
                    return Err(WriteError::ContactPersonInvalid);
                }
            }
            let id = insert_account(&mut tx, account, None, now).await?;
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO youth (account_id, personnummer, protected_identity, contact_person_id) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING account_id",
            )
            .bind(id)
            .bind(personnummer)
            .bind(protected_identity)
            .bind(contact_person_id)
            .fetch_optional(&mut *tx)
            .await?;
            if inserted.is_none() {
                return Err(WriteError::Taken("personnummer"));
            }
            insert_invitation(&mut tx, id, Some(actor), invitation, message, now).await?;
            audit(&mut tx, actor, id, AUDIT_REGISTER, now).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub(super) async fn add_guardian(
            pool: &Pool,
            actor: i64,
            youth_id: i64,
            account: &NewAccount,
            invitation: &NewInvitation,
            message: Option<&OutgoingMessage>,
            now: i64,
        ) -> Result<i64, WriteError> {
            let mut tx = begin_write(pool).await?;
            let id = insert_account(&mut tx, account, None, now).await?;
            sqlx::query("INSERT INTO guardian_of (guardian_id, youth_id) VALUES ($1, $2)")
                .bind(id)
                .bind(youth_id)
                .execute(&mut *tx)
                .await?;
            insert_invitation(&mut tx, id, Some(actor), invitation, message, now).await?;
            audit(&mut tx, actor, youth_id, AUDIT_ADD_GUARDIAN, now).await?;
            tx.commit().await?;
            Ok(id)
        }

        pub(super) async fn reinvite_youth(
            pool: &Pool,
            actor: i64,
            youth_id: i64,
            invitation: &NewInvitation,
            message: Option<&OutgoingMessage>,
            now: i64,
        ) -> Result<bool, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            // Read in the write transaction: an invitation accepted meanwhile is seen.
            let has_password: Option<bool> = sqlx::query_scalar("SELECT password_hash IS NOT NULL FROM accounts WHERE id = $1")
                .bind(youth_id)
                .fetch_optional(&mut *tx)
                .await?;
            if has_password != Some(false) {
                return Ok(false);
            }
            sqlx::query(
                "UPDATE invitations SET revoked_at = $2 WHERE account_id = $1 AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(youth_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            insert_invitation(&mut tx, youth_id, Some(actor), invitation, message, now).await?;
            audit(&mut tx, actor, youth_id, AUDIT_REINVITE, now).await?;
            tx.commit().await?;
            Ok(true)
        }

        #[allow(clippy::too_many_arguments)]
        pub(super) async fn invite_staff(
            pool: &Pool,
            actor: i64,
            account: &NewAccount,
            profession: Profession,
            is_admin: bool,
            invitation: &NewInvitation,
            message: Option<&OutgoingMessage>,
            now: i64,
        ) -> Result<i64, WriteError> {
            let mut tx = begin_write(pool).await?;
            let id = insert_account(&mut tx, account, None, now).await?;
            sqlx::query("INSERT INTO staff (account_id, profession, is_admin) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(profession.as_str())
                .bind(is_admin)
                .execute(&mut *tx)
                .await?;
            insert_invitation(&mut tx, id, Some(actor), invitation, message, now).await?;
            tx.commit().await?;
            Ok(id)
        }


        pub(super) async fn read_youth(
            pool: &Pool,
            viewer: StaffViewer,
            youth_id: i64,
            now: i64,
        ) -> Result<Option<(YouthRecord, Vec<GuardianRecord>)>, sqlx::Error> {
            let sql = format!("SELECT {YOUTH_COLUMNS} FROM {YOUTH_FROM} WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}");
            let mut tx = begin_write(pool).await?;
            let row: Option<YouthRow> = sqlx::query_as(&sql)
                .bind(viewer.id)
                .bind(viewer.is_admin)
                .bind(youth_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(row) = row else {
                return Ok(None);
            };
            let record = youth_record(row)?;
            let guardians: Vec<(i64, String, bool)> = sqlx::query_as(
                "SELECT a.id, a.name, a.password_hash IS NOT NULL FROM guardian_of g \
                 JOIN accounts a ON a.id = g.guardian_id WHERE g.youth_id = $1 ORDER BY a.id",
            )
            .bind(youth_id)
            .fetch_all(&mut *tx)
            .await?;
            audit(&mut tx, viewer.id, youth_id, AUDIT_READ, now).await?;
            tx.commit().await?;
            let guardians = guardians
                .into_iter()
                .map(|(id, name, has_account)| GuardianRecord { id, name, has_account })
                .collect();
            Ok(Some((record, guardians)))
        }

        pub(super) async fn youth_invitee(pool: &Pool, viewer: StaffViewer, youth_id: i64) -> Result<Option<Invitee>, sqlx::Error> {
            let sql = format!(
                "SELECT a.id, a.name, a.email, a.phone FROM youth y JOIN accounts a ON a.id = y.account_id \
                 WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}"
            );
            let row: Option<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(&sql)
                .bind(viewer.id)
                .bind(viewer.is_admin)
                .bind(youth_id)
                .fetch_optional(pool)
                .await?;
            Ok(row.map(|(id, name, email, phone)| Invitee { id, name, email, phone }))
        }

        pub(super) async fn list_staff(pool: &Pool) -> Result<Vec<StaffMember>, sqlx::Error> {
            let rows: Vec<(i64, String, String, bool)> = sqlx::query_as(
                "SELECT a.id, a.name, st.profession, st.is_admin FROM staff st \
                 JOIN accounts a ON a.id = st.account_id ORDER BY a.id",
            )
            .fetch_all(pool)
            .await?;
            rows.into_iter()
                .map(|(id, name, profession, is_admin)| {
                    Ok(StaffMember { id, name, profession: parse_profession(&profession)?, is_admin })
                })
                .collect()
        }

        pub(super) async fn guarded_youth(pool: &Pool, guardian_id: i64) -> Result<Vec<GuardedRecord>, sqlx::Error> {
            let rows: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT y.account_id, a.name, y.personnummer FROM guardian_of g \
                 JOIN youth y ON y.account_id = g.youth_id JOIN accounts a ON a.id = y.account_id \
                 WHERE g.guardian_id = $1 ORDER BY y.account_id",
            )
            .bind(guardian_id)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(id, name, personnummer)| GuardedRecord { id, name, personnummer })
                .collect())
        }
    };
}
