//! Who is asking: passwords, random tokens, the session cookie, the extractors
//! that put access control in handler signatures, rate limiting of sign-in,
//! and the CSRF guard on writes.

pub mod cookie;
pub mod csrf;
pub mod extract;
pub mod password;
pub mod rate_limit;
pub mod store;
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
    store::delete_sessions_begun_before(db, now - SESSION_RETENTION_SECONDS).await
}

/// Every hour, for as long as the server runs: old sessions forgotten, and
/// reset links a day after they expired, and device cookies older than a year.
pub async fn housekeeping(state: crate::AppState) {
    loop {
        let now = state.clock.unix_seconds();
        if let Err(error) = forget_old_sessions(&state.db, now).await {
            tracing::warn!(%error, "cannot delete old sessions");
        }
        if let Err(error) = crate::accounts::store::forget_old_recovery(
            &state.db,
            now - 24 * 60 * 60,
            now - cookie::DEVICE_SECONDS,
        )
        .await
        {
            tracing::warn!(%error, "cannot delete old reset links and device cookies");
        }
        tokio::time::sleep(HOUSEKEEPING_EVERY).await;
    }
}

/// `last_seen_at` is written at most this often per session.
pub const SESSION_TOUCH_SECONDS: i64 = 60;

/// An invitation link works this long.
pub const INVITATION_SECONDS: i64 = 7 * 24 * 60 * 60;

/// A password reset link works this long.
pub const RESET_SECONDS: i64 = 30 * 60;

/// Starts an attempt counted against `keys` (see [`rate_limit`]):
/// 429 `rate_limited` while any of them is held back.
pub fn limit(
    state: &crate::AppState,
    keys: &[&rate_limit::Key],
    now: i64,
) -> Result<(), crate::AppError> {
    state
        .limiter
        .attempt(keys, now)
        .map_err(|retry_after_seconds| crate::AppError::RateLimited {
            retry_after_seconds,
        })
}

/// Re-checks a signed-in person's own password (changing it, signing,
/// co-signing): all three share one count per account
/// ([`rate_limit::Key::Reentry`]), slowed down like sign-in after 5 failures
/// (429). A wrong password is a 422 on `field` (`password_wrong`).
pub async fn reenter_password(
    state: &crate::AppState,
    account_id: i64,
    given: String,
    field: &str,
) -> Result<(), crate::AppError> {
    let now = state.clock.unix_seconds();
    let key = rate_limit::Key::Reentry(account_id);
    limit(state, &[&key], now)?;
    let stored = crate::accounts::store::password_hash(&state.db, account_id).await?;
    if password::verify(given, stored).await? {
        state.limiter.succeeded(&[&key], now);
        Ok(())
    } else {
        Err(crate::AppError::invalid_field(field, "password_wrong"))
    }
}
