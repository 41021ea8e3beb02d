//! The audit log: who read or changed which young person's record. Every
//! feature writes its entries through [`store`], in the transaction of what
//! they record; administrators page through it (`GET /api/audit`).

pub(crate) mod group_commit;
pub mod routes;
pub mod store;
