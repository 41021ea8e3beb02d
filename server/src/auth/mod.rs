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

/// `last_seen_at` is written at most this often per session.
pub const SESSION_TOUCH_SECONDS: i64 = 60;

/// An invitation link works this long.
pub const INVITATION_SECONDS: i64 = 7 * 24 * 60 * 60;
