//! Follow-up of outcomes: staff record a young person's statuses and events
//! (append-only, a correction names the entry it replaces, every read and
//! write audited), and contact persons and administrators read the
//! programme's term report and its CSV.
//!
//! - [`routes`]: the endpoints (`/api/youth/{id}/outcomes`, `/api/reports/term`);
//! - [`rules`]: the term report's figures and CSV, without I/O;
//! - [`store`]: the entries in the database.

pub mod routes;
pub mod rules;
pub mod store;
