//! Dates and times as the UI writes them.

use lotsen::i18n::Locale;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn dates_are_written_in_the_ui_language() {
    assert_eq!(
        lotsen::format::date("2026-11-30T12:00:00Z", Locale::sv),
        "30 november 2026"
    );
    assert_eq!(
        lotsen::format::date("2026-11-30T12:00:00Z", Locale::en),
        "30 November 2026"
    );
    assert_eq!(lotsen::format::date("not a date", Locale::sv), "not a date");
}
