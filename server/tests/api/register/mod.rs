//! The activity-responsibility register: entries and import, contacts and the
//! outreach ladder, plans, the SCB report.

mod access;
pub mod builder;
mod contacts;
mod demo;
pub mod fixture;
pub mod people;
pub mod plans;
mod scb;
