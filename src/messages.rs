//! The localized texts under `errors` in the locale files, looked up by code.
//!
//! The codes are the server's [`lotsen_api::ErrorCode`] names, the
//! [`lotsen_api::PersonnummerError`] codes, and `network` for when the server
//! could not be reached.

use crate::i18n::*;

/// The text for an error code in `locale`; the `unknown` text for a code this
/// app does not know.
pub fn error_message(locale: Locale, code: &str) -> &'static str {
    match code {
        "malformed_json" => td_string!(locale, errors.malformed_json),
        "bad_request" => td_string!(locale, errors.bad_request),
        "unauthenticated" => td_string!(locale, errors.unauthenticated),
        "forbidden" => td_string!(locale, errors.forbidden),
        "not_found" => td_string!(locale, errors.not_found),
        "method_not_allowed" => td_string!(locale, errors.method_not_allowed),
        "conflict" => td_string!(locale, errors.conflict),
        "payload_too_large" => td_string!(locale, errors.payload_too_large),
        "unsupported_media_type" => td_string!(locale, errors.unsupported_media_type),
        "validation" => td_string!(locale, errors.validation),
        "rate_limited" => td_string!(locale, errors.rate_limited),
        "internal" => td_string!(locale, errors.internal),
        "unavailable" => td_string!(locale, errors.unavailable),
        "network" => td_string!(locale, errors.network),
        "personnummer_empty" => td_string!(locale, errors.personnummer_empty),
        "personnummer_format" => td_string!(locale, errors.personnummer_format),
        "personnummer_date" => td_string!(locale, errors.personnummer_date),
        "personnummer_future" => td_string!(locale, errors.personnummer_future),
        "personnummer_checksum" => td_string!(locale, errors.personnummer_checksum),
        _ => td_string!(locale, errors.unknown),
    }
}
