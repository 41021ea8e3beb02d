//! Lotsen's API boundary: the request and response types that cross the wire
//! between the app and the server, and the validation both sides share.
//!
//! This crate does no I/O and depends on serde and chrono alone (plus utoipa
//! behind the server-only `openapi` feature), so it builds for `wasm32-unknown-unknown`
//! and native alike.

pub mod account;
pub mod application;
pub mod booking;
pub mod contact;
pub mod date;
pub mod desk;
pub mod error;
pub mod feedback;
pub mod health;
pub mod home;
pub mod locale;
pub mod outcomes;
pub mod passkey;
pub mod people;
pub mod personnummer;
pub mod personnummer_check;
pub mod phone;
pub mod register;
pub mod schedule;
pub mod team;
pub mod term;
pub mod text;
pub mod timeline;

pub use date::Date;
pub use error::{ErrorBody, ErrorCode, FieldError};
pub use health::Health;
pub use locale::Lang;
pub use personnummer::{Personnummer, PersonnummerError};
pub use personnummer_check::{PersonnummerCheck, PersonnummerCheckRequest};

/// Checks shared by the wire types' unit tests.
#[cfg(test)]
pub(crate) mod checks {
    use std::fmt::Debug;

    /// Every value of a wire enum is sent as its name.
    pub fn sent_as_names<T: Copy + serde::Serialize>(all: &[T], name: fn(T) -> &'static str) {
        for value in all {
            assert_eq!(
                serde_json::to_value(value).unwrap(),
                serde_json::json!(name(*value))
            );
        }
    }

    /// Every value of a wire enum is sent as its name and read back from it.
    pub fn names_round_trip<T: Copy + PartialEq + Debug + serde::Serialize>(
        all: &[T],
        name: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        sent_as_names(all, name);
        for value in all {
            assert_eq!(parse(name(*value)), Some(*value));
        }
    }
}
