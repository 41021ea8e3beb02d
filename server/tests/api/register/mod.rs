//! The activity-responsibility register: entries and import, contacts and the
//! outreach ladder, plans, the SCB report.

mod access;
mod contacts;
mod people;
pub mod plans;
mod scb;
