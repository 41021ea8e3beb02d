//! One page per young person: their timeline (`GET /api/youth/{id}/timeline`),
//! everything that happened on their journey, newest first, from the
//! register, applications, the plan, bookings, "can't come" and follow-up;
//! and their personnummer shown in full only when a member of staff asks
//! (`POST /api/youth/{id}/personnummer`). Both for staff who may see the
//! record (`STAFF_CAN_SEE_YOUTH`), both audited.

pub mod routes;
pub mod rules;
pub mod store;

pub use routes::router;
