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
pub mod error;
pub mod feedback;
pub mod health;
pub mod locale;
pub mod outcomes;
pub mod people;
pub mod personnummer;
pub mod personnummer_check;
pub mod schedule;
pub mod team;
pub mod text;

pub use date::Date;
pub use error::{ErrorBody, ErrorCode, FieldError};
pub use health::Health;
pub use locale::Lang;
pub use personnummer::{Personnummer, PersonnummerError};
pub use personnummer_check::{PersonnummerCheck, PersonnummerCheckRequest};
