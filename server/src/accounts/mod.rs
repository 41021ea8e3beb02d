//! Accounts: signing in and out, who one is, passwords, invitations and
//! their acceptance, and getting back in with a reset link.

pub mod invite;
pub mod phone;
pub mod recovery;
pub mod routes;
pub mod store;
