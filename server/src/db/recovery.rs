//! What the database holds about account recovery and throttling: password
//! reset links (`password_resets`, only the token's SHA-256) and the devices
//! that have signed in to an account (`known_devices`, only the device
//! cookie's SHA-256).

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
    /// The account's own phone number, if it has one (no SMS channel yet).
    pub phone: Option<String>,
}

/// A message in the outbox as the development outbox shows it.
#[derive(Clone, Debug)]
pub struct OutboxEntry {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
}

/// Compiles the recovery statements for one engine (next to `queries!`, whose
/// `begin_write` and `Pool` they use).
macro_rules! recovery_queries {
    () => {
        use super::recovery::{AUDIT_PASSWORD_RESET, OutboxEntry, ResetTarget};

        type TargetRow = (i64, String, Option<String>, Option<String>);

        fn target((id, name, email, phone): TargetRow) -> ResetTarget {
            ResetTarget { id, name, email, phone }
        }

        pub(super) async fn reset_target(pool: &Pool, login: &Login) -> Result<Option<ResetTarget>, sqlx::Error> {
            let (sql, value) = match login {
                Login::Email(email) => ("SELECT id, name, email, phone FROM accounts WHERE email = $1", email),
                Login::Phone(phone) => ("SELECT id, name, email, phone FROM accounts WHERE phone = $1", phone),
            };
            let row: Option<TargetRow> = sqlx::query_as(sql).bind(value).fetch_optional(pool).await?;
            Ok(row.map(target))
        }

        pub(super) async fn reset_target_by_id(pool: &Pool, id: i64) -> Result<Option<ResetTarget>, sqlx::Error> {
            let row: Option<TargetRow> = sqlx::query_as("SELECT id, name, email, phone FROM accounts WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?;
            Ok(row.map(target))
        }

        #[allow(clippy::too_many_arguments)]
        pub(super) async fn create_password_reset(
            pool: &Pool,
            account_id: i64,
            created_by: Option<i64>,
            token_hash: &str,
            expires_at: i64,
            message: &OutgoingMessage,
            now: i64,
        ) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            // A newer link replaces older ones.
            sqlx::query("UPDATE password_resets SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL")
                .bind(account_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO password_resets (token_hash, account_id, created_by, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(token_hash)
            .bind(account_id)
            .bind(created_by)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            write_outbox(&mut tx, account_id, message, now).await?;
            if let Some(actor) = created_by {
                audit(&mut tx, actor, account_id, AUDIT_PASSWORD_RESET, now).await?;
            }
            tx.commit().await
        }

        pub(super) async fn usable_password_reset(pool: &Pool, token_hash: &str, now: i64) -> Result<Option<ResetTarget>, sqlx::Error> {
            let row: Option<TargetRow> = sqlx::query_as(
                "SELECT a.id, a.name, a.email, a.phone FROM password_resets r JOIN accounts a ON a.id = r.account_id \
                 WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?;
            Ok(row.map(target))
        }

        pub(super) async fn complete_password_reset(
            pool: &Pool,
            token_hash: &str,
            password_hash: &str,
            notice: Option<&OutgoingMessage>,
            now: i64,
        ) -> Result<Option<i64>, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            // The check and the use are one statement: of two concurrent uses, one updates a row.
            let account_id: Option<i64> = sqlx::query_scalar(
                "UPDATE password_resets SET used_at = $2 \
                 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING account_id",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(account_id) = account_id else {
                return Ok(None);
            };
            set_password_ending_sessions(&mut tx, account_id, password_hash, now).await?;
            // Unused invitations must not set a password over this one.
            sqlx::query("UPDATE invitations SET revoked_at = $2 WHERE account_id = $1 AND used_at IS NULL AND revoked_at IS NULL")
                .bind(account_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if let Some(notice) = notice {
                write_outbox(&mut tx, account_id, notice, now).await?;
            }
            tx.commit().await?;
            Ok(Some(account_id))
        }

        pub(super) async fn known_device(pool: &Pool, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
            sqlx::query_scalar("SELECT account_id FROM known_devices WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(pool)
                .await
        }

        pub(super) async fn add_known_device(pool: &Pool, account_id: i64, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            sqlx::query("INSERT INTO known_devices (token_hash, account_id, created_at) VALUES ($1, $2, $3)")
                .bind(token_hash)
                .bind(account_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }

        pub(super) async fn forget_old_recovery(pool: &Pool, resets_before: i64, devices_before: i64) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
                .bind(resets_before)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM known_devices WHERE created_at < $1")
                .bind(devices_before)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }

        pub(super) async fn outbox_entries(pool: &Pool, limit: i64) -> Result<Vec<OutboxEntry>, sqlx::Error> {
            let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
                "SELECT id, to_address, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT $1",
            )
            .bind(limit)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(id, to_address, subject, body, created_at)| OutboxEntry { id, to_address, subject, body, created_at })
                .collect())
        }
    };
}
