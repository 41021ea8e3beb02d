//! The booking store: what the database holds about bookings, as the routes
//! and tasks see it, and plain functions over [`crate::db::Db`] and
//! [`crate::db::sql::Tx`] that read and write it, written once for both
//! engines (`$n` placeholders; the row lock is [`Tx::for_update`]):
//! [`calendar`] session types, opening hours, time off and the in-place reads
//! of every free-times list; [`bookings`] booking, moving, cancelling, group
//! sessions and the staff day; [`waitlist`] the waitlist, offers and their
//! holds, and the reminders.
//!
//! **The invariants live in the write transaction that books.** No staff
//! member is double-booked (their occupied times, each with the buffer after
//! it, never overlap), no group session has more bookings than seats, and no
//! young person is in two overlapping bookings. Every write that takes a time
//! first takes the lock of what it competes for and only then checks and
//! inserts: on SQLite the transaction is `BEGIN IMMEDIATE` (one writer at a
//! time, after the in-process writer turn); on PostgreSQL, under READ
//! COMMITTED, `SELECT … FOR UPDATE` on the staff member's row (or the group
//! session's) and then the young person's, always in that order, so two
//! bookings of the same staff member or young person queue and the second
//! sees the first's committed row. Partial unique indexes refuse exact
//! duplicates (same staff member and start, same seat, same young person and
//! start) as a second line. A refused booking changes nothing.

pub mod bookings;
pub mod calendar;
pub mod waitlist;

pub use bookings::*;
pub use calendar::*;
pub use waitlist::*;

use lotsen_api::Lang;
use lotsen_api::account::Profession;
use lotsen_api::booking::BookingStatus;

use crate::booking::rules::{SessionRules, Window};
#[cfg(doc)]
use crate::db::sql::Tx;
use crate::outbox::OutgoingMessage;
use crate::people::access::StaffViewer;

/// A session type as stored.
#[derive(Clone, Debug)]
pub struct SessionTypeRecord {
    pub id: i64,
    pub name: String,
    pub profession: Profession,
    pub description: String,
    pub length_minutes: i64,
    pub buffer_minutes: i64,
    pub bookable_days_ahead: i64,
    pub notice_minutes: i64,
    pub cancel_hours: i64,
    pub max_active_bookings: i64,
    pub is_group: bool,
}

impl SessionTypeRecord {
    /// When it may be booked and changed.
    pub fn rules(&self) -> SessionRules {
        SessionRules::new(
            self.notice_minutes,
            self.bookable_days_ahead,
            self.cancel_hours,
        )
    }
}

/// A booking with the names shown with it.
#[derive(Clone, Debug)]
pub struct BookingRecord {
    pub id: i64,
    pub status: BookingStatus,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub profession: Profession,
    pub staff_id: i64,
    pub staff_name: String,
    /// To say whom to call after the deadline.
    pub staff_phone: Option<String>,
    pub youth_id: i64,
    pub youth_name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub note: Option<String>,
    pub group_session_id: Option<i64>,
    pub place: Option<String>,
    pub hold_expires_at: Option<i64>,
    pub cancel_message: Option<String>,
    pub cancelled_by_staff: bool,
    /// The session type's deadline for changes, in hours before the start.
    pub cancel_hours: i64,
}

impl BookingRecord {
    /// The last moment the young person may cancel or move it.
    pub fn change_deadline(&self) -> i64 {
        crate::booking::rules::change_deadline(self.starts_at, self.cancel_hours)
    }
}

/// A group session with its seats taken.
#[derive(Clone, Debug)]
pub struct GroupRecord {
    pub id: i64,
    pub session_type_id: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub seats: i64,
    pub taken: i64,
    pub place: Option<String>,
}

/// What one staff member has in a period, for computing free times.
#[derive(Clone, Debug)]
pub struct StaffAvailability {
    pub id: i64,
    pub name: String,
    /// Weekly opening hours, Swedish wall clock.
    pub windows: Vec<Window>,
    /// Time off: [start, end).
    pub time_off: Vec<(i64, i64)>,
    /// Occupied: [start, end of the buffer after).
    pub busy: Vec<(i64, i64)>,
}

/// A time to book (or offer).
#[derive(Clone, Debug)]
pub struct BookingInsert {
    pub session_type_id: i64,
    pub staff_id: i64,
    pub youth_id: i64,
    pub group_session_id: Option<i64>,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `ends_at` plus the buffer after.
    pub blocks_until: i64,
    pub note: Option<String>,
    pub created_by: i64,
    /// The most active future bookings of the type the young person may have; `None` for staff.
    pub max_active: Option<i64>,
    /// Staff booking on behalf: the audit entry's actor.
    pub audit_actor: Option<i64>,
}

/// What a free-times list reads; see [`calendar::free_time_reads`].
#[derive(Debug)]
pub struct FreeTimeReads {
    /// Offers whose hold has expired, waiting to be passed on.
    pub holds_due: i64,
    pub session_type: Option<SessionTypeRecord>,
    /// Empty for a group type.
    pub staff: Vec<StaffAvailability>,
}

/// A time to offer to the waitlist: freed by a cancellation, or free and unbooked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FreeSlot {
    pub session_type_id: i64,
    pub staff_id: i64,
    pub group_session_id: Option<i64>,
    pub starts_at: i64,
    pub ends_at: i64,
}

impl From<&BookingRecord> for FreeSlot {
    fn from(b: &BookingRecord) -> Self {
        Self {
            session_type_id: b.session_type_id,
            staff_id: b.staff_id,
            group_session_id: b.group_session_id,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
        }
    }
}

/// Why a booking change was refused. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error("no such booking")]
    NotFound,
    #[error("the staff member is busy then")]
    Taken,
    #[error("the young person has another booking then")]
    YouthOverlap,
    #[error("too many active bookings of the type")]
    Limit,
    #[error("no seat left")]
    Full,
    /// After the change deadline: the staff member to call.
    #[error("too late to change")]
    TooLate {
        staff_name: String,
        staff_phone: Option<String>,
    },
    #[error("not possible in this status")]
    Status,
    #[error("already on the waitlist")]
    AlreadyWaiting,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Why a message goes to a young person.
#[derive(Clone, Debug)]
pub enum MessageKind {
    /// A freed time offered from the waitlist.
    Offer,
    /// A booking made (by the young person or by staff for them).
    Confirmed,
    /// Staff cancelled, with their message.
    CancelledByStaff(String),
    /// The day before.
    Reminder,
}

impl MessageKind {
    /// How `booking_messages.kind` names it, for the messages whose status
    /// staff see with the booking (the reminder and the offer); `None` for the others.
    pub fn shown_to_staff(&self) -> Option<&'static str> {
        match self {
            MessageKind::Reminder => Some("reminder"),
            MessageKind::Offer => Some("offer"),
            MessageKind::Confirmed | MessageKind::CancelledByStaff(_) => None,
        }
    }
}

/// What a message to a young person is about.
#[derive(Clone, Debug)]
pub struct MessageFacts {
    pub kind: MessageKind,
    pub youth_id: i64,
    pub youth_name: String,
    pub youth_email: Option<String>,
    pub youth_phone: Option<String>,
    /// How they want messages, if they said (`accounts.message_channel`).
    pub youth_choice: Option<crate::outbox::Channel>,
    /// The language they last signed in with; `None` if they never have.
    pub youth_language: Option<Lang>,
    pub staff_name: String,
    pub session_type_name: String,
    pub starts_at: i64,
    pub hold_expires_at: Option<i64>,
    pub place: Option<String>,
}

/// Writes the message for some facts, or `None` (no e-mail configured, no address);
/// called inside the transaction, so the message is written with what caused it.
pub type Compose<'a> = &'a (dyn Fn(&MessageFacts) -> Option<OutgoingMessage> + Send + Sync);

/// Who cancels.
#[derive(Clone, Debug)]
pub enum Canceller {
    /// The young person, until the deadline.
    Youth(i64),
    /// The booked staff member or an administrator, with a message.
    Staff(StaffViewer, String),
}

/// The audit action for bookings shown in a staff member's day or week.
pub const AUDIT_LIST_BOOKINGS: &str = "list_bookings";
/// The audit action for a booking made by staff for a young person.
pub const AUDIT_BOOK_FOR_YOUTH: &str = "book_for_youth";
/// The audit action for a booking cancelled by staff.
pub const AUDIT_CANCEL_BOOKING: &str = "cancel_booking";
/// The audit action for marking attendance.
pub const AUDIT_ATTENDANCE: &str = "mark_attendance";

pub(crate) fn parse_booking_status(s: &str) -> Result<BookingStatus, sqlx::Error> {
    BookingStatus::parse(s)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown booking status {s:?}").into()))
}

/// A staff member's time off (read by its column names).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TimeOffRecord {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub reason: Option<String>,
}

/// A new group session (see [`bookings::create_group_session`]).
#[derive(Clone, Debug)]
pub struct NewGroup<'a> {
    pub session_type_id: i64,
    pub staff_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `ends_at` plus the buffer after.
    pub blocks_until: i64,
    pub seats: i64,
    pub place: Option<&'a str>,
}

/// A booking to move to another time (see [`bookings::move_booking`]).
#[derive(Clone, Copy, Debug)]
pub struct Move {
    /// The booking.
    pub id: i64,
    /// Whose it must be.
    pub youth_id: i64,
    /// The staff member it moves to (perhaps the same).
    pub staff_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `ends_at` plus the buffer after.
    pub blocks_until: i64,
}

/// A staff member's day or week: their bookings and group sessions.
#[derive(Clone, Debug)]
pub struct StaffDay {
    pub bookings: Vec<BookingRecord>,
    pub groups: Vec<GroupRecord>,
    /// The latest reminder or offer of those of the bookings that have one.
    pub messages: Vec<BookingMessageRecord>,
}

/// A booking's latest reminder or offer, as staff see it: no text, no address
/// (read by its column names).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BookingMessageRecord {
    pub booking_id: i64,
    /// `reminder` or `offer` (`booking_messages.kind`).
    pub kind: String,
    /// `email` or `sms` (`outbox.channel`).
    pub channel: String,
    /// `outbox.status`.
    pub status: String,
    /// When it was delivered, else sent, else queued (Unix seconds).
    pub at: i64,
}
