//! The activity-responsibility register (kommunala aktivitetsansvaret): the
//! young people under 20 the municipality is responsible for, the outreach to
//! them, their individual plan and the half-year report to SCB
//! (migration `0013_register`).
//!
//! - [`access`]: who may read and keep the register;
//! - [`people`]: entries by hand and by import, registration and
//!   deregistration (also on the 20th birthday);
//! - [`contacts`]: the contact log, the outreach ladder, the "to contact" list
//!   and each member of staff's worklist;
//! - [`plans`]: the mapping conversation, the individual plan and its measures,
//!   and the young person's own view of it;
//! - [`scb`]: the half-year report to SCB and the programme's own figures.

pub mod access;
pub mod contacts;
pub mod demo;
pub mod people;
pub mod plans;
pub mod scb;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// Every route of the register.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(people::router())
        .merge(contacts::router())
        .merge(plans::router())
        .merge(scb::router())
}
