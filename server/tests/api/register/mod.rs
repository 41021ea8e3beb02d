//! The activity-responsibility register: entries and import, contacts and the
//! outreach ladder, plans, the SCB report.

mod access;
pub mod builder;
mod contacts;
pub mod fixture;
mod people;
mod plans;
mod scb;
