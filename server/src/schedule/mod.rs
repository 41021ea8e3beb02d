//! The individual schedule: activities that recur on weekdays in a term,
//! staff's changes of single occurrences (cancelled, moved), which young
//! people an activity is assigned to (on which of its weekdays, from when),
//! their "can't come", their week as they see it, and their calendar feed
//! (ICS behind a secret address).
//!
//! [`rules`] the arithmetic without I/O (recurrences in Stockholm wall-clock
//! time, changes applied, records as the API shows them); [`ics`] the feed's
//! text; [`store`] the records and their SQL; [`routes`] the handlers;
//! [`tasks`] the once-a-minute reminders after a change of someone's schedule.

pub mod ics;
pub mod routes;
pub mod rules;
pub mod store;
pub mod tasks;

pub use tasks::send_change_reminders;
