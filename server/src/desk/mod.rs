//! Staff's today (`GET /api/staff/today`): one read that gathers the day's
//! work of the member of staff who asks: their own bookings, "can't come" for
//! today's activities, applications waiting for the team meeting, the
//! register's contacts and follow-ups due, and feedback with new ratings and
//! no answer. Every part follows the access rule its own feature uses
//! (`STAFF_CAN_SEE_YOUTH`, the register's, the booked staff member's own
//! bookings), and every part is read by its date window or an index, not by
//! scanning whole tables. [`store`] holds the SQL, [`routes`] the endpoint.

pub mod routes;
pub mod store;
