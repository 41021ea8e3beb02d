//! A young person's application to the programme (issue 5): a draft started
//! by staff, signed by the young person with their password, co-signed by
//! every guardian while the young person is under 18, decided by the team,
//! with an append-only timeline, and messages to the guardians, the young
//! person and the referrer.
//!
//! [`rules`] holds what needs no I/O (the canonical document that is signed
//! and its hash, the age rule, the message texts), [`store`] the records and
//! their SQL, [`routes`] the endpoints.

pub mod routes;
pub mod rules;
pub mod store;
