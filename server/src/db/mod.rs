//! The persistence layer: one [`Db`] for either engine, chosen by the URL's scheme.
//!
//! Handlers call the methods here and never see a query. The queries of the
//! application are written once, in SQL both engines understand (`$1`
//! placeholders, `RETURNING`, times as Unix seconds), in [`queries`], and
//! compiled for each engine by [`sqlite`] and [`postgres`], which also hold
//! what differs (connecting, how a write transaction begins). Migrations are
//! embedded per engine (`server/migrations/{sqlite,postgres}/`) and applied
//! when connecting.

#[macro_use]
mod queries;
#[macro_use]
pub mod schedule;
#[macro_use]
pub mod feedback;
pub mod applications;
#[macro_use]
pub mod outcomes;
#[macro_use]
pub mod team;
#[macro_use]
pub mod recovery;
pub mod in_place;
mod postgres;
pub mod sql;
mod sqlite;

pub use applications::{
    ApplicationError, ApplicationListing, ApplicationRecord, EventRecord, Notification, Reader,
    SignatureRecord,
};

pub use crate::auth::store::{Account, SessionRecord, parse_profession, parse_role, role_str};
pub use crate::outbox::{OutgoingMessage, PendingMessage};
pub use crate::people::access::{STAFF_CAN_SEE_YOUTH, StaffViewer};
pub use sql::Columns;
pub use sqlite::SqliteDb;

use std::path::PathBuf;
use std::time::Duration;

use jiff::Timestamp;
use lotsen_api::account::{Profession, Role};
use lotsen_api::contact::Login;
use lotsen_api::people::StaffMember;
use sqlx::PgPool;
use sqlx::migrate::MigrateError;

/// How long a health check waits for the database.
const PING_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a request waits for a free connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The key in `app_meta` that records when demo data was seeded.
pub const DEMO_SEEDED_AT: &str = "demo_seeded_at";

/// A connection pool to Lotsen's database.
#[derive(Clone, Debug)]
pub enum Db {
    /// A SQLite file (WAL, foreign keys on): one machine, no database server.
    Sqlite(SqliteDb),
    /// A PostgreSQL database.
    Postgres(PgPool),
}

/// Which database engine a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// SQLite, from a `sqlite:` URL.
    Sqlite,
    /// PostgreSQL, from a `postgres:` or `postgresql:` URL.
    Postgres,
}

impl Engine {
    /// The engine a database URL names by its scheme.
    pub fn from_url(url: &str) -> Result<Self, DbError> {
        let scheme = url
            .split_once(':')
            .map(|(scheme, _)| scheme.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("sqlite") => Ok(Self::Sqlite),
            Some("postgres" | "postgresql") => Ok(Self::Postgres),
            // Only the scheme is echoed: the rest may hold a password.
            other => Err(DbError::UnsupportedUrl(
                other.unwrap_or_default().to_owned(),
            )),
        }
    }

    /// `sqlite` or `postgres`, as reported by the health check.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL scheme {0:?}: use sqlite:// or postgres://")]
    UnsupportedUrl(String),
    /// The directory for the SQLite file could not be created.
    #[error("could not create the directory {path:?} for the SQLite database: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// Connecting or querying failed.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A migration could not be applied.
    #[error("could not migrate the database: {0}")]
    Migrate(#[from] MigrateError),
}

/// Calls the function of the same name in the engine's module with the pool first.
macro_rules! on_engine {
    ($db:expr, $function:ident($($arg:expr),* $(,)?)) => {
        match $db {
            Db::Sqlite(pool) => sqlite::$function(pool, $($arg),*).await,
            Db::Postgres(pool) => postgres::$function(pool, $($arg),*).await,
        }
    };
}

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

/// A young person as staff see them, before access to contact details is decided.
#[derive(Clone, Debug)]
pub struct YouthRecord {
    /// Their account id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// 12 digits.
    pub personnummer: String,
    /// Protected identity (skyddade personuppgifter).
    pub protected_identity: bool,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Whether they have set a password.
    pub has_account: bool,
    /// Their contact person.
    pub contact_person: Option<StaffMember>,
}

/// A guardian of a young person.
#[derive(Clone, Debug)]
pub struct GuardianRecord {
    /// Their account id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Whether they have set a password.
    pub has_account: bool,
}

/// A young person a guardian is guardian of.
#[derive(Clone, Debug)]
pub struct GuardedRecord {
    /// Their account id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// 12 digits (to tell whether they are under 18 today).
    pub personnummer: String,
}

/// Who an invitation goes to.
#[derive(Clone, Debug)]
pub struct Invitee {
    /// Their account id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// Demo people, with one password hash for all of them.
#[derive(Clone, Debug)]
pub struct DemoSeed {
    /// The PHC string of the demo password.
    pub password_hash: String,
    /// Staff: name, e-mail, profession, administrator.
    pub staff: Vec<(String, String, Profession, bool)>,
    /// Young people.
    pub youth: Vec<DemoYouthSeed>,
}

/// One demo young person.
#[derive(Clone, Debug)]
pub struct DemoYouthSeed {
    /// Full name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// 12 digits.
    pub personnummer: String,
    /// Protected identity.
    pub protected_identity: bool,
    /// E-mail address of the contact person among the demo staff.
    pub contact_person_email: String,
    /// Guardians: name and e-mail.
    pub guardians: Vec<(String, String)>,
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

pub use crate::clock::rfc3339;

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

impl Db {
    /// Opens the database at `url` (creating a SQLite file and its directory if
    /// missing) and applies any pending migrations.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        Self::connect_with(url, None).await
    }

    /// Like [`Db::connect`], with at most `max_connections` pooled connections
    /// (PostgreSQL only; a SQLite file keeps its own small pool).
    pub async fn connect_with(url: &str, max_connections: Option<u32>) -> Result<Self, DbError> {
        match Engine::from_url(url)? {
            Engine::Sqlite => Ok(Self::Sqlite(sqlite::connect(url).await?)),
            Engine::Postgres => Ok(Self::Postgres(
                postgres::connect(url, max_connections).await?,
            )),
        }
    }

    /// The engine behind this pool.
    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Runs a trivial query, failing if the database does not answer within two seconds.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let ping = async {
            match self {
                Self::Sqlite(pool) => sqlite::ping(pool).await,
                Self::Postgres(pool) => postgres::ping(pool).await,
            }
        };
        tokio::time::timeout(PING_TIMEOUT, ping)
            .await
            .unwrap_or(Err(sqlx::Error::PoolTimedOut))
    }

    /// Seeds `demo` unless demo data was seeded before; returns whether it seeded now.
    ///
    /// The `demo_seeded_at` marker is written in the same write transaction
    /// (`BEGIN IMMEDIATE` on SQLite) as the data, so two servers starting at
    /// once cannot both seed.
    pub async fn seed_demo_if_new(
        &self,
        now: Timestamp,
        demo: &DemoSeed,
    ) -> Result<bool, sqlx::Error> {
        let marker = now.to_string();
        let now = now.as_second();
        on_engine!(self, seed_demo_if_new(&marker, now, demo))
    }

    /// The account and password hash for a login, if an account has it.
    pub async fn login_account(
        &self,
        login: &Login,
    ) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
        on_engine!(self, login_account(login))
    }

    /// The password hash of an account.
    pub async fn password_hash(&self, account_id: i64) -> Result<Option<String>, sqlx::Error> {
        on_engine!(self, password_hash(account_id))
    }

    /// Sets a new password hash and ends every other session of the account.
    pub async fn change_password(
        &self,
        account_id: i64,
        password_hash: &str,
        keep_session: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_engine!(
            self,
            change_password(account_id, password_hash, keep_session, now)
        )
    }

    /// An invitation by its token's hash.
    pub async fn invitation(
        &self,
        token_hash: &str,
    ) -> Result<Option<InvitationRecord>, sqlx::Error> {
        on_engine!(self, invitation(token_hash))
    }

    /// Uses an invitation, if it is unused, not replaced and not expired and its
    /// account has no password yet, setting the account's password and ending
    /// its sessions, all at once; returns whether it did.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        on_engine!(self, accept_invitation(token_hash, password_hash, now))
    }

    /// Registers a young person with an invitation (and its e-mail), audited; returns their id.
    #[allow(clippy::too_many_arguments)]
    pub async fn register_youth(
        &self,
        actor: i64,
        account: &NewAccount,
        personnummer: &str,
        protected_identity: bool,
        contact_person_id: Option<i64>,
        invitation: &NewInvitation,
        message: Option<&OutgoingMessage>,
        now: i64,
    ) -> Result<i64, WriteError> {
        on_engine!(
            self,
            register_youth(
                actor,
                account,
                personnummer,
                protected_identity,
                contact_person_id,
                invitation,
                message,
                now
            )
        )
    }

    /// Adds a guardian to a young person with an invitation, audited; returns the guardian's id.
    pub async fn add_guardian(
        &self,
        actor: i64,
        youth_id: i64,
        account: &NewAccount,
        invitation: &NewInvitation,
        message: Option<&OutgoingMessage>,
        now: i64,
    ) -> Result<i64, WriteError> {
        on_engine!(
            self,
            add_guardian(actor, youth_id, account, invitation, message, now)
        )
    }

    /// A new invitation for a young person's account, replacing unused ones,
    /// audited; `false` (and nothing written) when the account has a password:
    /// an invitation never replaces one.
    pub async fn reinvite_youth(
        &self,
        actor: i64,
        youth_id: i64,
        invitation: &NewInvitation,
        message: Option<&OutgoingMessage>,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        on_engine!(
            self,
            reinvite_youth(actor, youth_id, invitation, message, now)
        )
    }

    /// Adds a member of staff with an invitation; returns their id.
    #[allow(clippy::too_many_arguments)]
    pub async fn invite_staff(
        &self,
        actor: i64,
        account: &NewAccount,
        profession: Profession,
        is_admin: bool,
        invitation: &NewInvitation,
        message: Option<&OutgoingMessage>,
        now: i64,
    ) -> Result<i64, WriteError> {
        on_engine!(
            self,
            invite_staff(
                actor, account, profession, is_admin, invitation, message, now
            )
        )
    }

    /// The young people `viewer` may see; each one shown is written to the
    /// audit log (`list_youth`) before they are returned.
    pub async fn list_youth(
        &self,
        viewer: StaffViewer,
        now: i64,
    ) -> Result<Vec<YouthRecord>, sqlx::Error> {
        // Read first, then write the audit entries: the writer's turn is held
        // only for the inserts.
        let records = in_place::in_place(self)
            .all(
                &queries::list_youth_sql(),
                &[
                    sql::Arg::Int(Some(viewer.id)),
                    sql::Arg::Bool(Some(viewer.is_admin)),
                ],
                queries::youth_row,
            )
            .await?;
        let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
        on_engine!(self, audit_read(viewer.id, &ids, queries::AUDIT_LIST, now))?;
        Ok(records)
    }

    /// A young person's record with their guardians if `viewer` may see it; the
    /// read is written to the audit log (`read_youth`) in the same transaction.
    pub async fn read_youth(
        &self,
        viewer: StaffViewer,
        youth_id: i64,
        now: i64,
    ) -> Result<Option<(YouthRecord, Vec<GuardianRecord>)>, sqlx::Error> {
        on_engine!(self, read_youth(viewer, youth_id, now))
    }

    /// A young person `viewer` may see, as an invitee (no audit: the change that follows is audited).
    pub async fn youth_invitee(
        &self,
        viewer: StaffViewer,
        youth_id: i64,
    ) -> Result<Option<Invitee>, sqlx::Error> {
        on_engine!(self, youth_invitee(viewer, youth_id))
    }

    /// Every member of staff.
    pub async fn list_staff(&self) -> Result<Vec<StaffMember>, sqlx::Error> {
        on_engine!(self, list_staff())
    }

    /// The young people `guardian_id` is guardian of (all ages: the caller filters).
    pub async fn guarded_youth(&self, guardian_id: i64) -> Result<Vec<GuardedRecord>, sqlx::Error> {
        on_engine!(self, guarded_youth(guardian_id))
    }

    /// An application, if `reader` may see it (a guardian's age rule aside);
    /// a staff read is written to the audit log (`read_application`) in the same transaction.
    pub async fn read_application(
        &self,
        reader: Reader,
        id: i64,
        now: i64,
    ) -> Result<Option<ApplicationRecord>, sqlx::Error> {
        on_engine!(self, read_application(reader, id, now))
    }

    /// The applications `reader` may see (of one young person, in one status), oldest
    /// first (by submission, else creation); each one a member of staff sees is
    /// audited (`list_applications`).
    pub async fn list_applications(
        &self,
        reader: Reader,
        youth_id: Option<i64>,
        only: Option<lotsen_api::application::ApplicationStatus>,
        now: i64,
    ) -> Result<Vec<ApplicationListing>, sqlx::Error> {
        on_engine!(self, list_applications(reader, youth_id, only, now))
    }

    /// Starts a draft for a young person `viewer` may see (audited); `None` if they may not.
    pub async fn create_application(
        &self,
        viewer: StaffViewer,
        youth_id: i64,
        content: &str,
        now: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        on_engine!(self, create_application(viewer, youth_id, content, now))
    }

    /// Replaces the content of `version`, back to draft; returns whether signatures were voided.
    pub async fn update_application(
        &self,
        id: i64,
        actor: i64,
        staff: bool,
        version: i64,
        content: &str,
        now: i64,
    ) -> Result<bool, ApplicationError> {
        on_engine!(
            self,
            update_application(id, actor, staff, version, content, now)
        )
    }

    /// The young person signs `version` of their application.
    #[allow(clippy::too_many_arguments)]
    pub async fn sign_application(
        &self,
        id: i64,
        youth_id: i64,
        version: i64,
        document_hash: &str,
        guardians_needed: bool,
        notifications: &[Notification],
        now: i64,
    ) -> Result<(), ApplicationError> {
        on_engine!(
            self,
            sign_application(
                id,
                youth_id,
                version,
                document_hash,
                guardians_needed,
                notifications,
                now
            )
        )
    }

    /// A guardian co-signs `version`; returns whether the application is now submitted.
    pub async fn cosign_application(
        &self,
        id: i64,
        guardian_id: i64,
        version: i64,
        document_hash: &str,
        now: i64,
    ) -> Result<bool, ApplicationError> {
        on_engine!(
            self,
            cosign_application(id, guardian_id, version, document_hash, now)
        )
    }

    /// A guardian declines to co-sign: back to draft, signatures voided.
    pub async fn guardian_decline(
        &self,
        id: i64,
        guardian_id: i64,
        reason: &str,
        notifications: &[Notification],
        now: i64,
    ) -> Result<(), ApplicationError> {
        on_engine!(
            self,
            guardian_decline(id, guardian_id, reason, notifications, now)
        )
    }

    /// The team accepts (`contact_person_id`) or declines (`reason`) a submitted application.
    pub async fn decide_application(
        &self,
        id: i64,
        actor: i64,
        contact_person_id: Option<i64>,
        reason: Option<&str>,
        now: i64,
    ) -> Result<(), ApplicationError> {
        on_engine!(
            self,
            decide_application(id, actor, contact_person_id, reason, now)
        )
    }

    /// The young person withdraws one consent.
    pub async fn withdraw_consent(
        &self,
        id: i64,
        youth_id: i64,
        agency: lotsen_api::application::Agency,
        now: i64,
    ) -> Result<(), ApplicationError> {
        on_engine!(self, withdraw_consent(id, youth_id, agency, now))
    }

    /// The young person withdraws the application.
    pub async fn withdraw_application(
        &self,
        id: i64,
        youth_id: i64,
        now: i64,
    ) -> Result<(), ApplicationError> {
        on_engine!(self, withdraw_application(id, youth_id, now))
    }

    /// An account's name and e-mail address (to notify them).
    pub async fn account_address(
        &self,
        id: i64,
    ) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
        on_engine!(self, account_address(id))
    }

    /// The account that signs in with `login`, to send a reset link to.
    pub async fn reset_target(
        &self,
        login: &Login,
    ) -> Result<Option<recovery::ResetTarget>, sqlx::Error> {
        on_engine!(self, reset_target(login))
    }

    /// An account by id, to send a reset link to.
    pub async fn reset_target_by_id(
        &self,
        id: i64,
    ) -> Result<Option<recovery::ResetTarget>, sqlx::Error> {
        on_engine!(self, reset_target_by_id(id))
    }

    /// Stores a reset link (its token's hash), replacing the account's unused
    /// ones, and its message in the outbox, in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_password_reset(
        &self,
        account_id: i64,
        created_by: Option<i64>,
        token_hash: &str,
        expires_at: i64,
        message: &OutgoingMessage,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_engine!(
            self,
            create_password_reset(account_id, created_by, token_hash, expires_at, message, now)
        )
    }

    /// The account of a reset link that can still be used.
    pub async fn usable_password_reset(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<recovery::ResetTarget>, sqlx::Error> {
        on_engine!(self, usable_password_reset(token_hash, now))
    }

    /// Uses a reset link if it is unused and not expired: sets the password,
    /// ends every session, revokes unused invitations and puts the notice in
    /// the outbox, all at once; the account's id, or `None` if the link was not usable.
    pub async fn complete_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        notice: Option<&OutgoingMessage>,
        now: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        on_engine!(
            self,
            complete_password_reset(token_hash, password_hash, notice, now)
        )
    }

    /// The account a device cookie (its hash) was issued for.
    pub async fn known_device(&self, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
        on_engine!(self, known_device(token_hash))
    }

    /// Remembers a device that signed in to an account.
    pub async fn add_known_device(
        &self,
        account_id: i64,
        token_hash: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        on_engine!(self, add_known_device(account_id, token_hash, now))
    }

    /// Deletes reset links that expired before `resets_before` and device
    /// cookies issued before `devices_before`.
    pub async fn forget_old_recovery(
        &self,
        resets_before: i64,
        devices_before: i64,
    ) -> Result<(), sqlx::Error> {
        on_engine!(self, forget_old_recovery(resets_before, devices_before))
    }

    /// The newest `limit` messages of the outbox (the development outbox view).
    pub async fn outbox_entries(
        &self,
        limit: i64,
    ) -> Result<Vec<recovery::OutboxEntry>, sqlx::Error> {
        on_engine!(self, outbox_entries(limit))
    }

    /// A value from `app_meta`, the table of facts about the database itself.
    pub async fn meta(&self, key: &str) -> Result<Option<String>, sqlx::Error> {
        match self {
            Self::Sqlite(pool) => sqlite::meta(pool, key).await,
            Self::Postgres(pool) => postgres::meta(pool, key).await,
        }
    }

    /// Closes every connection; later queries fail.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(db) => db.pool().close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_follows_the_url_scheme() {
        assert_eq!(
            Engine::from_url("sqlite://data/lotsen.db").unwrap(),
            Engine::Sqlite
        );
        assert_eq!(Engine::from_url("sqlite::memory:").unwrap(), Engine::Sqlite);
        assert_eq!(
            Engine::from_url("postgres://u@localhost/db").unwrap(),
            Engine::Postgres
        );
        assert_eq!(
            Engine::from_url("PostgreSQL://u@localhost/db").unwrap(),
            Engine::Postgres
        );
        let err = Engine::from_url("mysql://root:hunter2@host/db").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(Engine::from_url("data/lotsen.db").is_err());
    }
}
