//! Personnummer feedback.

use lotsen::i18n::Locale;
use lotsen::validation::{check_personnummer, check_personnummer_on, today};
use wasm_bindgen_test::*;

use crate::support::day;

/// Each input is refused, on 23 November 2026, with its message.
fn assert_refused(cases: [(&str, &str); 5], locale: Locale) {
    let on = day(2026, 11, 23);
    for (input, message) in cases {
        assert_eq!(
            check_personnummer_on(input, on, locale).unwrap_err(),
            message,
            "{input:?}"
        );
    }
}

#[wasm_bindgen_test]
fn personnummer_messages_in_swedish() {
    let cases = [
        ("", "Fyll i personnummer."),
        ("12345", "Skriv personnumret som ÅÅÅÅMMDD-NNNN."),
        ("19901301-1234", "Datumet i personnumret finns inte."),
        (
            "20991231-1234",
            "Födelsedatumet kan inte ligga i framtiden.",
        ),
        (
            "19121212-1213",
            "Personnumret stämmer inte. Kontrollera siffrorna.",
        ),
    ];
    assert_refused(cases, Locale::sv);
}

#[wasm_bindgen_test]
fn personnummer_messages_in_english() {
    let cases = [
        ("", "Enter a personal identity number."),
        (
            "abcdefghijkl",
            "Write the personal identity number as YYYYMMDD-NNNN.",
        ),
        (
            "19900230-1234",
            "The date in the personal identity number does not exist.",
        ),
        (
            "20991231-1234",
            "The date of birth cannot be in the future.",
        ),
        (
            "19121212-1213",
            "The personal identity number does not add up. Check the digits.",
        ),
    ];
    assert_refused(cases, Locale::en);
}

#[wasm_bindgen_test]
fn a_valid_personnummer_passes_against_todays_date() {
    assert!(today() >= day(2025, 1, 1));
    assert!(check_personnummer("19121212-1212", Locale::sv).is_ok());
    assert!(check_personnummer("121212-1212", Locale::en).is_ok());
}
