//! Failed sign-in attempts, counted in memory over a sliding 15-minute window:
//! at most 20 per client address and 5 per account (or per unknown login).
//!
//! Behind a reverse proxy every client has the proxy's address, so the
//! per-address limit then counts everyone together.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

/// The window attempts are counted in.
pub const WINDOW_SECONDS: i64 = 15 * 60;

/// Failed attempts allowed per client address in the window.
pub const PER_ADDRESS: usize = 20;

/// Failed attempts allowed per account (or unknown login) in the window.
pub const PER_ACCOUNT: usize = 5;

/// Above this many keys, stale ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

/// What attempts are counted against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A client address.
    Address(IpAddr),
    /// Requests without a known address (in-process tests) share one bucket.
    UnknownAddress,
    /// An account.
    Account(i64),
    /// A login that matches no account, normalised.
    Login(String),
}

impl Key {
    /// The number of failures this key allows in the window.
    pub fn limit(&self) -> usize {
        match self {
            Self::Address(_) | Self::UnknownAddress => PER_ADDRESS,
            Self::Account(_) | Self::Login(_) => PER_ACCOUNT,
        }
    }
}

/// Failure times per key, in Unix seconds.
#[derive(Debug, Default)]
pub struct RateLimiter {
    failures: Mutex<HashMap<Key, VecDeque<i64>>>,
}

impl RateLimiter {
    /// `Err(seconds)` until the next attempt may be made, when `key` has used up its failures.
    pub fn check(&self, key: &Key, now: i64) -> Result<(), u64> {
        let mut failures = self.lock();
        let Some(times) = failures.get_mut(key) else {
            return Ok(());
        };
        forget_old(times, now);
        if times.len() < key.limit() {
            return Ok(());
        }
        // The oldest failure that still counts leaves the window first.
        let oldest = times[times.len() - key.limit()];
        Err((oldest + WINDOW_SECONDS - now).max(1) as u64)
    }

    /// Counts a failed attempt against `key`.
    pub fn fail(&self, key: Key, now: i64) {
        let mut failures = self.lock();
        if failures.len() > SWEEP_ABOVE {
            failures.retain(|_, times| {
                forget_old(times, now);
                !times.is_empty()
            });
        }
        let times = failures.entry(key).or_default();
        forget_old(times, now);
        times.push_back(now);
    }

    /// Forgets the failures of `key` (after a successful sign-in).
    pub fn reset(&self, key: &Key) {
        self.lock().remove(key);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<i64>>> {
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn forget_old(times: &mut VecDeque<i64>, now: i64) {
    while times.front().is_some_and(|&t| t <= now - WINDOW_SECONDS) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_limited_after_five_failures_for_the_rest_of_the_window() {
        let limiter = RateLimiter::default();
        let key = Key::Account(1);
        for i in 0..5 {
            assert_eq!(limiter.check(&key, 1000 + i), Ok(()), "attempt {i}");
            limiter.fail(key.clone(), 1000 + i);
        }
        assert_eq!(
            limiter.check(&key, 1010),
            Err(890),
            "the first failure leaves at 1900"
        );
        assert_eq!(
            limiter.check(&key, 1900),
            Ok(()),
            "15 minutes after the first failure"
        );
        limiter.reset(&key);
        assert_eq!(limiter.check(&key, 1010), Ok(()));
    }

    #[test]
    fn addresses_allow_twenty_and_keys_are_separate() {
        let limiter = RateLimiter::default();
        let ip = Key::Address("192.0.2.1".parse().unwrap());
        for _ in 0..20 {
            limiter.fail(ip.clone(), 0);
        }
        assert!(limiter.check(&ip, 1).is_err());
        assert!(
            limiter
                .check(&Key::Address("192.0.2.2".parse().unwrap()), 1)
                .is_ok()
        );
        assert!(limiter.check(&Key::Login("x@y.se".into()), 1).is_ok());
    }
}
