//! A young person's team: the members of staff who, besides the contact
//! person, may open the young person's record (the access rule,
//! [`crate::people::access`], reads the same table). The contact person or an
//! administrator adds and removes members, each with a reason; every read and
//! change by staff is audited. [`store`] holds the records and the SQL,
//! [`routes`] the endpoints.

pub mod routes;
pub mod store;
