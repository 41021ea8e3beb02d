//! Offline: the service worker that keeps the app shell (`public/sw.js`),
//! registered from this chunk so that the first load carries none of it, and
//! the last loaded schedule, kept in `localStorage` under one key
//! ([`OFFLINE_SCHEDULE_KEY`]) and removed on sign-out and when the session
//! ends ([`crate::session::forget_offline_data`]).

use js_sys::{Function, Reflect};
use lotsen_api::schedule::Schedule;
use wasm_bindgen::{JsCast, JsValue};

pub use crate::session::OFFLINE_SCHEDULE_KEY;

/// Registers `/sw.js` (once per page load; the browser ignores repeats). Only
/// in the split release build, whose `sw.js` knows the files to keep.
pub fn register_service_worker() {
    #[cfg(all(feature = "split", target_family = "wasm"))]
    {
        let navigator =
            Reflect::get(&js_sys::global(), &"navigator".into()).unwrap_or(JsValue::UNDEFINED);
        let Ok(container) = Reflect::get(&navigator, &"serviceWorker".into()) else {
            return;
        };
        if container.is_undefined() {
            return;
        }
        if let Some(register) = method(&container, "register")
            && let Ok(promise) = register.call1(&container, &"/sw.js".into())
            && let Ok(promise) = promise.dyn_into::<js_sys::Promise>()
        {
            // A failed registration only means no offline shell; it is not the page's error.
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into())
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

fn storage() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &"localStorage".into())
        .ok()
        .filter(|s| !s.is_undefined() && !s.is_null())
}

/// Keeps `schedule` as the last loaded one (a full storage only means no offline copy).
pub fn save(schedule: &Schedule) {
    let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(schedule)) else {
        return;
    };
    if let Some(set) = method(&storage, "setItem") {
        let _ = set.call2(&storage, &OFFLINE_SCHEDULE_KEY.into(), &json.into());
    }
}

/// The last loaded schedule, if one is kept and still readable.
pub fn load() -> Option<Schedule> {
    let storage = storage()?;
    let json = method(&storage, "getItem")?
        .call1(&storage, &OFFLINE_SCHEDULE_KEY.into())
        .ok()?
        .as_string()?;
    serde_json::from_str(&json).ok()
}
