//! Feedback: a young person rates the occurrences and sessions they took part
//! in (anonymously if they choose) and sees staff's "you said, we did"
//! answers; staff read the aggregates per activity and per leader (small
//! groups withheld, nobody named), export them as CSV and answer.
//!
//! - [`routes`]: the endpoints (listed in `lotsen_api::feedback`);
//! - [`rules`]: the report's arithmetic, the CSV and the rating subjects, without I/O;
//! - [`store`]: ratings and answers in the database;
//! - [`rating_key`]: the secret behind the anonymous rating keys, kept in a
//!   file outside the database.

pub mod rating_key;
pub mod routes;
pub mod rules;
pub mod store;
