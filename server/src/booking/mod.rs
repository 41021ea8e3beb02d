//! Booking sessions: session types, staff's opening hours and time off, free
//! times, bookings and group sessions, the waitlist with its offers, and the
//! day-before reminders.
//!
//! - [`rules`]: without I/O: [`rules::SessionRules`] (notice, horizon and
//!   change deadline, in Stockholm wall-clock time, the one rule for
//!   individual times and group sessions alike) and the free-time computation;
//! - [`store`]: the records and the SQL (the invariants are in its docs);
//! - [`free`]: free times from the store's reads and the rules;
//! - [`routes`]: the handlers (`/api/booking/*`, `/api/me/bookings`,
//!   `/api/me/waitlist`, `/api/staff/me/*`, `/api/staff/bookings`);
//! - [`tasks`]: the once-a-minute work (lapsed offers, the waitlists, reminders);
//! - [`messages`]: the e-mail to young people (texts in `locales/messages/`).

pub mod demo;
pub mod free;
pub mod messages;
pub mod routes;
pub mod rules;
pub mod store;
pub mod tasks;

pub use demo::seed_demo;
pub use tasks::{expire_holds, run, send_reminders, serve_waitlists};
