//! The activity-responsibility register (*kommunala aktivitetsansvaret*): the
//! young people under 20 the municipality is responsible for, the outreach to
//! them, their individual plan and the half-year report to SCB.
//!
//! - [`codes`]: the code lists (registration and deregistration reasons,
//!   contact channels and outcomes, occupations, who is responsible for a
//!   measure, why a measure ended);
//! - [`people`]: register entries, by hand and by import, registration and
//!   deregistration;
//! - [`contacts`]: the contact log, the outreach ladder, "to contact" and the
//!   worklist;
//! - [`plans`]: the individual plan and its measures;
//! - [`scb`]: the half-year report to SCB and the programme's figures.

pub mod codes;
pub mod contacts;
pub mod people;
pub mod plans;
pub mod scb;

pub use codes::*;
