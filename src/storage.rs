//! The browser's `localStorage`, through gloo-storage, for what the app keeps
//! between visits (only the offline copy of the schedule today).
//!
//! gloo-storage throws when the browser offers no storage (storage blocked,
//! some private modes, a sandboxed frame): every call here first checks that
//! there is one, so that reading, saving and above all forgetting on sign-out
//! never throw. Without storage there is simply nothing kept.

use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Whether the browser lets the app use `localStorage` now.
pub fn available() -> bool {
    // `window.localStorage` itself throws where storage is blocked; web-sys
    // turns that into an `Err` instead of an exception.
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// The value kept under `key`, if there is one and it still reads as a `T`.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    available().then(|| LocalStorage::get(key).ok()).flatten()
}

/// Keeps `value` under `key`; a full or missing storage only means nothing is kept.
pub fn save<T: Serialize>(key: &str, value: &T) {
    if available() {
        let _ = LocalStorage::set(key, value);
    }
}

/// Removes what is kept under `key` (nothing to do without storage).
pub fn forget(key: &str) {
    if available() {
        LocalStorage::delete(key);
    }
}
