//! The activity-responsibility register's reads and writes
//! (`lotsen_api::register`), one file per part as on the server.

pub mod contacts;
pub mod people;
pub mod plans;
pub mod scb;
