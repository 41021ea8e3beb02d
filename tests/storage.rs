//! The app's use of `localStorage` (src/storage.rs): what sign-out forgets,
//! and that nothing throws where the browser offers no storage.

use js_sys::Function;
use lotsen::session::{OFFLINE_SCHEDULE_KEY, forget_offline_data};
use lotsen::storage;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What the page's own `localStorage` holds under `key`, read without the app's code.
fn raw(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// Makes `window.localStorage` throw, as where storage is blocked, until [`unblock`].
fn block() -> JsValue {
    Function::new_no_args(
        "const was = Object.getOwnPropertyDescriptor(window, 'localStorage');
         Object.defineProperty(window, 'localStorage', {
             configurable: true,
             get() { throw new DOMException('storage is blocked', 'SecurityError'); },
         });
         return was;",
    )
    .call0(&JsValue::NULL)
    .expect("localStorage can be replaced")
}

fn unblock(was: &JsValue) {
    Function::new_with_args(
        "was",
        "if (was) { Object.defineProperty(window, 'localStorage', was); }
         else { delete window.localStorage; }",
    )
    .call1(&JsValue::NULL, was)
    .expect("localStorage can be put back");
}

#[wasm_bindgen_test]
fn the_offline_schedule_is_kept_and_sign_out_forgets_it() {
    assert!(storage::available());
    storage::save(OFFLINE_SCHEDULE_KEY, &vec![1, 2, 3]);
    assert_eq!(raw(OFFLINE_SCHEDULE_KEY).as_deref(), Some("[1,2,3]"));
    assert_eq!(
        storage::load::<Vec<i32>>(OFFLINE_SCHEDULE_KEY),
        Some(vec![1, 2, 3])
    );
    forget_offline_data();
    assert_eq!(raw(OFFLINE_SCHEDULE_KEY), None);
    assert_eq!(storage::load::<Vec<i32>>(OFFLINE_SCHEDULE_KEY), None);
}

#[wasm_bindgen_test]
fn an_unreadable_copy_reads_as_none() {
    storage::save(OFFLINE_SCHEDULE_KEY, &"not a list");
    assert_eq!(storage::load::<Vec<i32>>(OFFLINE_SCHEDULE_KEY), None);
    forget_offline_data();
}

#[wasm_bindgen_test]
fn without_storage_sign_out_and_the_offline_copy_do_not_throw() {
    storage::save(OFFLINE_SCHEDULE_KEY, &vec![7]);
    let was = block();
    let available = storage::available();
    // Each of these would throw (and abort the app) if it reached
    // gloo-storage without a storage to work on.
    forget_offline_data();
    storage::save(OFFLINE_SCHEDULE_KEY, &vec![8]);
    let loaded = storage::load::<Vec<i32>>(OFFLINE_SCHEDULE_KEY);
    unblock(&was);
    assert!(!available, "the test did block the storage");
    assert_eq!(loaded, None);
    // The copy made before storage was blocked is still there, untouched.
    assert_eq!(raw(OFFLINE_SCHEDULE_KEY).as_deref(), Some("[7]"));
    forget_offline_data();
    assert_eq!(raw(OFFLINE_SCHEDULE_KEY), None);
}
