//! The home pages: where a young person and a guardian land after signing
//! in, each one read (listed in `lotsen_api::home`).
//!
//! - [`rules`]: what comes next and what today holds, without I/O;
//! - [`store`]: the few reads of the young person's own window that no
//!   other feature makes (their contact person and today's hours, their
//!   plan's standing);
//! - [`routes`]: the two handlers, which gather the rest from the schedule,
//!   booking, feedback and application stores.

pub mod routes;
pub mod rules;
pub mod store;
