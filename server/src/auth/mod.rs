//! Who is asking: passwords, random tokens, the session cookie, the extractors
//! that put access control in handler signatures, rate limiting of sign-in,
//! and the CSRF guard on writes.

pub mod cookie;
pub mod csrf;
pub mod extract;
pub mod password;
pub mod rate_limit;
pub mod token;

pub use extract::{Admin, Guardian, SignedIn, Staff, Youth};

/// A session ends after this long without a request.
pub const SESSION_IDLE_SECONDS: i64 = 30 * 60;

/// A session ends this long after signing in, however busy.
pub const SESSION_ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;

/// A session's row is deleted this long after signing in: long dead by then
/// (see [`SESSION_ABSOLUTE_SECONDS`]), and kept no longer than that, as who
/// was signed in when is personal data.
pub const SESSION_RETENTION_SECONDS: i64 = 30 * 24 * 60 * 60;

/// How often old sessions are looked for.
const HOUSEKEEPING_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Deletes the sessions begun more than [`SESSION_RETENTION_SECONDS`] before
/// `now`; how many.
pub async fn forget_old_sessions(db: &crate::Db, now: i64) -> Result<u64, sqlx::Error> {
    db.delete_sessions_begun_before(now - SESSION_RETENTION_SECONDS)
        .await
}

/// Every hour, for as long as the server runs: old sessions forgotten.
pub async fn housekeeping(state: crate::AppState) {
    loop {
        if let Err(error) = forget_old_sessions(&state.db, state.clock.unix_seconds()).await {
            tracing::warn!(%error, "cannot delete old sessions");
        }
        tokio::time::sleep(HOUSEKEEPING_EVERY).await;
    }
}

/// `last_seen_at` is written at most this often per session.
pub const SESSION_TOUCH_SECONDS: i64 = 60;

/// An invitation link works this long.
pub const INVITATION_SECONDS: i64 = 7 * 24 * 60 * 60;
