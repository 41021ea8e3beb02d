//! Attempts with a password, counted in memory (a restart forgets them; with
//! several server processes each counts its own) over a sliding 15-minute
//! window. Nothing here locks anyone out:
//!
//! - **Per account** (and per unknown login, so that the answer does not tell
//!   which logins exist): the first [`FREE_ATTEMPTS`] failures cost nothing;
//!   after that each attempt must wait a delay that doubles with every failure
//!   (1 s, 2 s, 4 s … at most [`MAX_DELAY_SECONDS`]) after the last one. A
//!   device that has signed in to the account before (its device cookie, see
//!   `routes::auth`) is counted on its own and is not held back by failures
//!   from other devices.
//! - **Per client address**: [`PER_ADDRESS`] failures in the window, enough for
//!   a school network behind one address; then that address waits (devices
//!   known to the account they sign in to are not held back). Behind a reverse
//!   proxy, set `--trusted-proxy` so that the client's own address counts.
//! - **Password re-entry** (changing the password, signing, co-signing): one
//!   count per account, shared by all three, with the same slow-down.
//!
//! - **Password reset requests**: at most [`RESETS_PER_LOGIN`] per login (or
//!   account) and [`RESETS_PER_ADDRESS`] per client address in the window.
//!
//! An attempt is counted when it starts (so that concurrent guesses cannot slip
//! through before the first failure is recorded) and forgiven when it succeeds.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

/// The window attempts are counted in.
pub const WINDOW_SECONDS: i64 = 15 * 60;

/// Failed attempts allowed per client address in the window: a school of a
/// few hundred pupils behind one address, each mistyping a password or two.
pub const PER_ADDRESS: usize = 300;

/// Failures per account (or device, login, re-entry) before it slows down.
pub const FREE_ATTEMPTS: usize = 5;

/// The longest delay between two attempts once slowed down.
pub const MAX_DELAY_SECONDS: i64 = 5 * 60;

/// Reset requests per login (or account) in the window.
pub const RESETS_PER_LOGIN: usize = 3;

/// Reset requests per client address in the window.
pub const RESETS_PER_ADDRESS: usize = 100;

/// Above this many keys, stale ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

/// What attempts are counted against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A client address.
    Address(IpAddr),
    /// Requests without a known address (in-process tests) share one bucket.
    UnknownAddress,
    /// Sign-in to an account from devices not known to it.
    Account(i64),
    /// A login that matches no account, normalised.
    Login(String),
    /// Sign-in from a device known to its account (the device cookie's hash).
    Device(String),
    /// Re-entering the password while signed in (change, sign, co-sign).
    Reentry(i64),
    /// Password reset requests for a login (normalised) or an account (`#id`).
    ResetLogin(String),
    /// Password reset requests from a client address (`None`: unknown).
    ResetAddress(Option<IpAddr>),
}

/// Attempt times per key, in Unix seconds.
#[derive(Debug)]
pub struct RateLimiter {
    per_address: usize,
    attempts: Mutex<HashMap<Key, VecDeque<i64>>>,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new(PER_ADDRESS)
    }
}

/// The delay before the next attempt after `failures` failures in the window.
pub fn delay_after(failures: usize) -> i64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let doublings = u32::try_from(failures - FREE_ATTEMPTS)
        .unwrap_or(u32::MAX)
        .min(20);
    (1_i64 << doublings).min(MAX_DELAY_SECONDS)
}

impl RateLimiter {
    /// A limiter allowing `per_address` failures per client address in the window.
    pub fn new(per_address: usize) -> Self {
        Self {
            per_address,
            attempts: Mutex::default(),
        }
    }

    /// Starts an attempt counted against every key: `Err(seconds)` to wait
    /// (nothing counted) if any of them is held back; otherwise the attempt is
    /// counted until [`RateLimiter::succeeded`] forgives it.
    pub fn attempt(&self, keys: &[&Key], now: i64) -> Result<(), u64> {
        let mut attempts = self.lock();
        if attempts.len() > SWEEP_ABOVE {
            attempts.retain(|_, times| {
                forget_old(times, now);
                !times.is_empty()
            });
        }
        let mut wait = 0;
        for key in keys {
            if let Some(times) = attempts.get_mut(*key) {
                forget_old(times, now);
                wait = wait.max(self.wait(key, times, now));
            }
        }
        if wait > 0 {
            return Err(wait as u64);
        }
        for key in keys {
            attempts.entry((*key).clone()).or_default().push_back(now);
        }
        Ok(())
    }

    fn wait(&self, key: &Key, times: &VecDeque<i64>, now: i64) -> i64 {
        let limit = match key {
            Key::Address(_) | Key::UnknownAddress => self.per_address,
            Key::ResetLogin(_) => RESETS_PER_LOGIN,
            Key::ResetAddress(_) => RESETS_PER_ADDRESS,
            _ => 0,
        };
        match key {
            Key::Address(_) | Key::UnknownAddress | Key::ResetLogin(_) | Key::ResetAddress(_) => {
                if times.len() < limit {
                    0
                } else {
                    // The oldest attempt that still counts leaves the window first.
                    let oldest = times[times.len() - limit];
                    (oldest + WINDOW_SECONDS - now).max(1)
                }
            }
            _ => {
                let last = times.back().copied().unwrap_or(now);
                (last + delay_after(times.len()) - now).max(0)
            }
        }
    }

    /// The attempt started at `now` succeeded: the account-side key (device,
    /// account, login or re-entry) starts afresh; the address forgets this one attempt.
    pub fn succeeded(&self, keys: &[&Key], now: i64) {
        let mut attempts = self.lock();
        for key in keys {
            match key {
                Key::ResetLogin(_) | Key::ResetAddress(_) => {}
                Key::Address(_) | Key::UnknownAddress => {
                    if let Some(times) = attempts.get_mut(*key)
                        && let Some(at) = times.iter().rposition(|&t| t == now)
                    {
                        times.remove(at);
                    }
                }
                _ => {
                    attempts.remove(*key);
                }
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<i64>>> {
        self.attempts
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
    fn delays_grow_after_five_failures_and_stay_below_five_minutes() {
        let delays: Vec<i64> = (0..=16).map(delay_after).collect();
        assert_eq!(
            delays,
            [
                0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300
            ]
        );
        assert_eq!(delay_after(usize::MAX), MAX_DELAY_SECONDS);
    }

    #[test]
    fn an_account_slows_down_and_never_locks() {
        let limiter = RateLimiter::default();
        let key = Key::Account(1);
        for i in 0..5 {
            assert_eq!(limiter.attempt(&[&key], 1000 + i), Ok(()), "attempt {i}");
        }
        assert_eq!(
            limiter.attempt(&[&key], 1004),
            Err(1),
            "one second after the fifth"
        );
        assert_eq!(limiter.attempt(&[&key], 1005), Ok(()));
        assert_eq!(
            limiter.attempt(&[&key], 1006),
            Err(1),
            "two seconds after the sixth"
        );
        assert_eq!(limiter.attempt(&[&key], 1007), Ok(()));
        limiter.succeeded(&[&key], 1007);
        assert_eq!(
            limiter.attempt(&[&key], 1007),
            Ok(()),
            "a success starts afresh"
        );
    }

    #[test]
    fn addresses_allow_three_hundred_and_keys_are_separate() {
        let limiter = RateLimiter::default();
        let ip = Key::Address("192.0.2.1".parse().unwrap());
        for i in 0..300 {
            assert_eq!(limiter.attempt(&[&ip], i), Ok(()));
        }
        assert_eq!(
            limiter.attempt(&[&ip], 300),
            Err(600),
            "the first leaves at 900"
        );
        let other = Key::Address("192.0.2.2".parse().unwrap());
        assert!(limiter.attempt(&[&other], 300).is_ok());
        assert!(limiter.attempt(&[&Key::Login("x@y.se".into())], 1).is_ok());
        assert!(limiter.attempt(&[&ip], 900).is_ok(), "15 minutes later");
    }

    #[test]
    fn a_held_back_attempt_counts_nothing_and_a_success_forgives_its_address_attempt() {
        let limiter = RateLimiter::new(2);
        let ip = Key::UnknownAddress;
        let account = Key::Account(7);
        assert!(limiter.attempt(&[&ip, &account], 10).is_ok());
        limiter.succeeded(&[&ip, &account], 10);
        assert!(limiter.attempt(&[&ip], 11).is_ok());
        assert!(limiter.attempt(&[&ip], 12).is_ok());
        assert!(limiter.attempt(&[&ip, &account], 13).is_err());
        assert!(
            limiter.attempt(&[&account], 13).is_ok(),
            "the refused attempt was not counted against the account"
        );
    }
}
