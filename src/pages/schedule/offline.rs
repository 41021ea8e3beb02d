//! Offline: the service worker that keeps the app shell (`public/sw.js`),
//! registered from this chunk so that the first load carries none of it, and
//! the last loaded schedule, kept in `localStorage` ([`crate::storage`]) under one key
//! ([`OFFLINE_SCHEDULE_KEY`]) and removed on sign-out and when the session
//! ends ([`crate::session::forget_offline_data`]).

use lotsen_api::schedule::Schedule;

pub use crate::session::OFFLINE_SCHEDULE_KEY;

/// Registers `/sw.js` (once per page load; the browser ignores repeats). Only
/// in the split release build, whose `sw.js` knows the files to keep.
pub fn register_service_worker() {
    #[cfg(all(feature = "split", target_family = "wasm"))]
    {
        let Some(window) = web_sys::window() else {
            return;
        };
        // Outside a secure context there is no `navigator.serviceWorker`.
        let container = window.navigator().service_worker();
        if container.is_undefined() || container.is_null() {
            return;
        }
        let promise = container.register("/sw.js");
        // A failed registration only means no offline shell; it is not the page's error.
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Keeps `schedule` as the last loaded one (a full storage only means no offline copy).
pub fn save(schedule: &Schedule) {
    crate::storage::save(OFFLINE_SCHEDULE_KEY, schedule);
}

/// The last loaded schedule, if one is kept and still readable.
pub fn load() -> Option<Schedule> {
    crate::storage::load(OFFLINE_SCHEDULE_KEY)
}
