//! What the database holds about bookings, as the handlers see it, and the
//! [`Db`] methods for them (the SQL is in `booking_sql.rs`).
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

use lotsen_api::account::Profession;
use lotsen_api::booking::{BookingStatus, SessionTypeInput};

use super::booking_sql::{
    AVAILABILITY_SQL, AvailabilityRows, HOLDS_DUE_SQL, push_availability_row, session_type_of,
    session_type_sql,
};
use super::in_place::{InPlace, in_place};
use super::sql::Arg;
use super::{Db, OutgoingMessage, StaffViewer};

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
        self.starts_at - self.cancel_hours * 3600
    }
}

/// A place in a waitlist.
#[derive(Clone, Debug)]
pub struct WaitlistRecord {
    pub id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    pub joined_at: i64,
    pub position: i64,
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
    /// (weekday 1–7, start minute, end minute), Swedish wall clock.
    pub windows: Vec<(u8, u16, u16)>,
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

/// What a free-times list reads; see [`Db::free_time_reads`].
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
    /// Staff cancelled, with their message.
    CancelledByStaff(String),
    /// The day before.
    Reminder,
}

/// What a message to a young person is about.
#[derive(Clone, Debug)]
pub struct MessageFacts {
    pub kind: MessageKind,
    pub youth_id: i64,
    pub youth_name: String,
    pub youth_email: Option<String>,
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

pub(super) fn parse_booking_status(s: &str) -> Result<BookingStatus, sqlx::Error> {
    BookingStatus::parse(s)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown booking status {s:?}").into()))
}

macro_rules! on_engine {
    ($db:expr, $function:ident($($arg:expr),* $(,)?)) => {
        match $db {
            Db::Sqlite(pool) => super::sqlite::$function(pool, $($arg),*).await,
            Db::Postgres(pool) => super::postgres::$function(pool, $($arg),*).await,
        }
    };
}

impl Db {
    /// Session types, of one profession or all, by profession and name.
    pub async fn list_session_types(
        &self,
        profession: Option<Profession>,
    ) -> Result<Vec<SessionTypeRecord>, sqlx::Error> {
        let profession = profession.map(Profession::as_str);
        on_engine!(self, list_session_types(profession))
    }

    /// One session type.
    pub async fn session_type(&self, id: i64) -> Result<Option<SessionTypeRecord>, sqlx::Error> {
        in_place(self)
            .optional(&session_type_sql(), &[Arg::Int(Some(id))], session_type_of)
            .await
    }

    /// A new session type; its id.
    pub async fn create_session_type(
        &self,
        input: &SessionTypeInput,
        actor: i64,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        on_engine!(self, create_session_type(input, actor, now))
    }

    /// Changes a session type; whether it exists.
    pub async fn update_session_type(
        &self,
        id: i64,
        input: &SessionTypeInput,
    ) -> Result<bool, sqlx::Error> {
        on_engine!(self, update_session_type(id, input))
    }

    /// Staff with opening hours, of one profession or all: (id, name, profession).
    pub async fn bookable_staff(
        &self,
        profession: Option<Profession>,
    ) -> Result<Vec<(i64, String, Profession)>, sqlx::Error> {
        let profession = profession.map(Profession::as_str);
        on_engine!(self, bookable_staff(profession))
    }

    /// A staff member's weekly windows (weekday 1–7, start minute, end minute).
    pub async fn opening_hours(&self, staff_id: i64) -> Result<Vec<(u8, u16, u16)>, sqlx::Error> {
        on_engine!(self, opening_hours(staff_id))
    }

    /// Replaces a staff member's weekly windows.
    pub async fn set_opening_hours(
        &self,
        staff_id: i64,
        windows: &[(u8, u16, u16)],
    ) -> Result<(), sqlx::Error> {
        on_engine!(self, set_opening_hours(staff_id, windows))
    }

    /// A staff member's time off that ends after `now`: (id, start, end, reason).
    pub async fn time_off(
        &self,
        staff_id: i64,
        now: i64,
    ) -> Result<Vec<(i64, i64, i64, Option<String>)>, sqlx::Error> {
        on_engine!(self, time_off(staff_id, now))
    }

    /// Adds time off; its id.
    pub async fn add_time_off(
        &self,
        staff_id: i64,
        starts_at: i64,
        ends_at: i64,
        reason: Option<&str>,
    ) -> Result<i64, sqlx::Error> {
        on_engine!(self, add_time_off(staff_id, starts_at, ends_at, reason))
    }

    /// Removes the staff member's own time off; whether there was one.
    pub async fn delete_time_off(&self, staff_id: i64, id: i64) -> Result<bool, sqlx::Error> {
        on_engine!(self, delete_time_off(staff_id, id))
    }

    /// Opening hours, time off and occupied times of the staff of `profession`
    /// (or only `staff_id`) between `from` and `to`.
    pub async fn availability(
        &self,
        profession: Profession,
        staff_id: Option<i64>,
        from: i64,
        to: i64,
    ) -> Result<Vec<StaffAvailability>, sqlx::Error> {
        availability(&mut in_place(self), profession, staff_id, from, to).await
    }

    /// What a free-times list reads (on SQLite in one read transaction): how many
    /// offers wait to lapse, the session type `id`, and for an individual type
    /// the availability of its staff (`staff_id`, or all) from `now` until
    /// `until(type)`.
    pub async fn free_time_reads(
        &self,
        now: i64,
        id: i64,
        staff_id: Option<i64>,
        until: &(dyn Fn(&SessionTypeRecord) -> i64 + Send + Sync),
    ) -> Result<FreeTimeReads, sqlx::Error> {
        let mut reads = in_place(self).snapshot()?;
        let holds_due = holds_due(&mut reads, now).await?;
        let session_type = reads
            .optional(&session_type_sql(), &[Arg::Int(Some(id))], session_type_of)
            .await?;
        let staff = match &session_type {
            Some(t) if !t.is_group => {
                availability(&mut reads, t.profession, staff_id, now, until(t)).await?
            }
            _ => Vec::new(),
        };
        Ok(FreeTimeReads {
            holds_due,
            session_type,
            staff,
        })
    }

    /// Group sessions of a type (of one staff member or all) starting in [from, to).
    pub async fn group_sessions(
        &self,
        session_type_id: i64,
        staff_id: Option<i64>,
        from: i64,
        to: i64,
    ) -> Result<Vec<GroupRecord>, sqlx::Error> {
        on_engine!(self, group_sessions(session_type_id, staff_id, from, to))
    }

    /// One group session.
    pub async fn group_session(&self, id: i64) -> Result<Option<GroupRecord>, sqlx::Error> {
        on_engine!(self, group_session(id))
    }

    /// A group session for `staff_id`, who must be free then (same lock as a booking).
    #[allow(clippy::too_many_arguments)]
    pub async fn create_group_session(
        &self,
        session_type_id: i64,
        staff_id: i64,
        starts_at: i64,
        ends_at: i64,
        blocks_until: i64,
        seats: i64,
        place: Option<&str>,
        now: i64,
    ) -> Result<i64, BookingError> {
        on_engine!(
            self,
            create_group_session(
                session_type_id,
                staff_id,
                starts_at,
                ends_at,
                blocks_until,
                seats,
                place,
                now
            )
        )
    }

    /// Books, checking every invariant under the lock; the new booking's id.
    pub async fn book(
        &self,
        booking: &BookingInsert,
        now: i64,
        compose: Compose<'_>,
    ) -> Result<i64, BookingError> {
        on_engine!(self, book(booking, now, compose))
    }

    /// One booking.
    pub async fn booking(&self, id: i64) -> Result<Option<BookingRecord>, sqlx::Error> {
        on_engine!(self, booking(id))
    }

    /// A young person's bookings, every status, soonest first.
    pub async fn youth_bookings(&self, youth_id: i64) -> Result<Vec<BookingRecord>, sqlx::Error> {
        on_engine!(self, youth_bookings(youth_id))
    }

    /// A young person's places in waitlists.
    pub async fn youth_waitlist(&self, youth_id: i64) -> Result<Vec<WaitlistRecord>, sqlx::Error> {
        on_engine!(self, youth_waitlist(youth_id))
    }

    /// Cancels a booking and offers the freed time to the waitlist.
    pub async fn cancel_booking(
        &self,
        id: i64,
        by: &Canceller,
        now: i64,
        compose: Compose<'_>,
    ) -> Result<BookingRecord, BookingError> {
        on_engine!(self, cancel_booking(id, by, now, compose))
    }

    /// Moves the young person's booking to another time (and perhaps staff member).
    #[allow(clippy::too_many_arguments)]
    pub async fn move_booking(
        &self,
        id: i64,
        youth_id: i64,
        staff_id: i64,
        starts_at: i64,
        ends_at: i64,
        blocks_until: i64,
        now: i64,
        compose: Compose<'_>,
    ) -> Result<BookingRecord, BookingError> {
        on_engine!(
            self,
            move_booking(
                id,
                youth_id,
                staff_id,
                starts_at,
                ends_at,
                blocks_until,
                now,
                compose
            )
        )
    }

    /// Accepts (`true`) or declines an offer from the waitlist.
    pub async fn answer_offer(
        &self,
        id: i64,
        youth_id: i64,
        accept: bool,
        now: i64,
        compose: Compose<'_>,
    ) -> Result<BookingRecord, BookingError> {
        on_engine!(self, answer_offer(id, youth_id, accept, now, compose))
    }

    /// Joins the waitlist of a session type (one staff member or anyone); the entry's id.
    pub async fn join_waitlist(
        &self,
        youth_id: i64,
        session_type_id: i64,
        staff_id: Option<i64>,
        now: i64,
    ) -> Result<i64, BookingError> {
        on_engine!(
            self,
            join_waitlist(youth_id, session_type_id, staff_id, now)
        )
    }

    /// Leaves a waitlist; whether the young person was waiting there.
    pub async fn leave_waitlist(
        &self,
        id: i64,
        youth_id: i64,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        on_engine!(self, leave_waitlist(id, youth_id, now))
    }

    /// A staff member's own bookings (each young person's name and note, whoever
    /// they are) and group sessions starting in [from, to); each young person
    /// shown is audited.
    pub async fn staff_bookings(
        &self,
        viewer: StaffViewer,
        from: i64,
        to: i64,
        now: i64,
    ) -> Result<(Vec<BookingRecord>, Vec<GroupRecord>), sqlx::Error> {
        on_engine!(self, staff_bookings(viewer, from, to, now))
    }

    /// Marks a started booking attended or no-show (the booked staff member or an administrator).
    pub async fn mark_attendance(
        &self,
        id: i64,
        viewer: StaffViewer,
        attended: bool,
        now: i64,
    ) -> Result<BookingRecord, BookingError> {
        on_engine!(self, mark_attendance(id, viewer, attended, now))
    }

    /// Lets offers whose hold has expired lapse and passes each time to the next
    /// in line; how many lapsed. Cheap when none has.
    pub async fn expire_holds(&self, now: i64, compose: Compose<'_>) -> Result<usize, sqlx::Error> {
        // Read first whether any offer is due: nearly always none, and then
        // nothing is written.
        let due = holds_due(&mut in_place(self), now).await?;
        if due == 0 {
            return Ok(0);
        }
        on_engine!(self, expire_holds(now, compose))
    }

    /// The individual session types someone waits for.
    pub async fn waiting_session_types(&self) -> Result<Vec<i64>, sqlx::Error> {
        on_engine!(self, waiting_session_types())
    }

    /// Offers free times of one session type (earliest first), each to the first
    /// in line who can take it, until nobody waits for the type; how many were
    /// offered. Each offer gets its message in the same transaction.
    pub async fn offer_free_times(
        &self,
        times: &[FreeSlot],
        now: i64,
        compose: Compose<'_>,
    ) -> Result<usize, sqlx::Error> {
        on_engine!(self, offer_free_times(times, now, compose))
    }

    /// Reminds every booking starting in [from, to) not yet reminded, exactly once
    /// (recorded in the same transaction as the message); how many.
    pub async fn send_reminders(
        &self,
        from: i64,
        to: i64,
        now: i64,
        compose: Compose<'_>,
    ) -> Result<usize, sqlx::Error> {
        on_engine!(self, send_reminders(from, to, now, compose))
    }
}

/// How many offers have lapsed by `now` and wait to be passed on.
async fn holds_due(reads: &mut InPlace<'_>, now: i64) -> Result<i64, sqlx::Error> {
    Ok(reads
        .optional(HOLDS_DUE_SQL, &[Arg::Int(Some(now))], |r| r.int_required(0))
        .await?
        .unwrap_or(0))
}

/// The availability of the staff of a profession (see [`AVAILABILITY_SQL`]).
async fn availability(
    reads: &mut InPlace<'_>,
    profession: Profession,
    staff_id: Option<i64>,
    from: i64,
    to: i64,
) -> Result<Vec<StaffAvailability>, sqlx::Error> {
    let mut out = AvailabilityRows::default();
    reads
        .each(
            AVAILABILITY_SQL,
            &[
                Arg::Str(Some(profession.as_str())),
                Arg::Int(staff_id),
                Arg::Int(Some(from)),
                Arg::Int(Some(to)),
            ],
            |row| push_availability_row(&mut out, row),
        )
        .await?;
    Ok(out.staff())
}
