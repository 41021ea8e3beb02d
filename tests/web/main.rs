//! Browser tests: run in headless Chromium with
//! `cargo test --target wasm32-unknown-unknown --test web`
//! (see `webdriver.json` for the browser's flags). One test binary, one file
//! per area; shared setup (mounting the app, waiting, dates) in `support.rs`.

#![cfg(target_arch = "wasm32")]

mod api_client;
mod app;
mod application;
mod booking;
mod format;
mod forms;
mod invitation_and_audit;
mod personnummer;
mod register;
mod routes;
mod schedule;
mod session;
mod support;
mod table;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
