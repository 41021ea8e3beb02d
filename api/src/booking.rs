//! Booking sessions (*boka tid*): young people book time with the study and
//! career counsellor, the job coach and the rest of the team, or a seat in a
//! group session; staff keep weekly opening hours, exceptions and session
//! types; a waitlist offers freed times to the first in line.
//!
//! All times on the wire are RFC 3339 with the Swedish offset of that instant
//! (`2026-11-24T09:00:00+01:00`); opening hours are Europe/Stockholm wall-clock
//! times (`"09:00"`), so they stay at nine o'clock over the clock changes.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | GET | `/api/booking/session-types` | `list_session_types` | anyone signed in but guardians; `?profession=job_coach` filters ([`SessionType`]) |
//! | POST | `/api/booking/session-types` | `create_session_type` | staff ([`SessionTypeInput`] → 201 [`SessionType`]) |
//! | PUT | `/api/booking/session-types/{id}` | `update_session_type` | staff ([`SessionTypeInput`] → [`SessionType`]) |
//! | GET | `/api/booking/session-types/{id}/free-times` | `list_free_times` | young people and staff; `?staff_id=` one person, else "anyone" of the profession; `?days=` up to the type's horizon ([`FreeTimes`], grouped by day) |
//! | GET | `/api/booking/staff` | `list_bookable_staff` | anyone signed in but guardians; `?profession=` ([`BookableStaff`]) |
//! | GET | `/api/staff/me/opening-hours` | `get_my_opening_hours` | staff ([`WeeklyHours`]) |
//! | PUT | `/api/staff/me/opening-hours` | `set_my_opening_hours` | staff: replaces the week ([`WeeklyHours`]) |
//! | GET | `/api/staff/me/exceptions` | `list_my_exceptions` | staff: coming time off ([`TimeOff`]) |
//! | POST | `/api/staff/me/exceptions` | `create_exception` | staff ([`NewTimeOff`] → 201 [`TimeOff`]) |
//! | DELETE | `/api/staff/me/exceptions/{id}` | `delete_exception` | staff: their own (204) |
//! | POST | `/api/booking/group-sessions` | `create_group_session` | staff: with seats, for themselves ([`NewGroupSession`] → 201 [`GroupSession`]) |
//! | GET | `/api/me/bookings` | `list_my_bookings` | a young person: upcoming, past, offers, waitlist ([`MyBookings`]) |
//! | POST | `/api/me/bookings` | `create_booking` | a young person ([`NewBooking`] → 201 [`Booking`]) |
//! | POST | `/api/me/bookings/{id}/cancel` | `cancel_my_booking` | the young person, until the deadline (→ [`Booking`]) |
//! | POST | `/api/me/bookings/{id}/move` | `move_my_booking` | the young person, until the deadline ([`MoveBooking`] → [`Booking`]) |
//! | POST | `/api/me/bookings/{id}/accept` | `accept_offer` | the young person offered a time from the waitlist (→ [`Booking`]) |
//! | POST | `/api/me/bookings/{id}/decline` | `decline_offer` | the same: passes it to the next in line (→ [`Booking`]) |
//! | POST | `/api/me/waitlist` | `join_waitlist` | a young person ([`JoinWaitlist`] → 201 [`WaitlistEntry`]) |
//! | DELETE | `/api/me/waitlist/{id}` | `leave_waitlist` | the young person (204) |
//! | GET | `/api/staff/me/bookings` | `list_staff_bookings` | staff: their day (`?date=`) or week (`&days=7`), with names and notes, audited ([`StaffBookings`]) |
//! | POST | `/api/staff/bookings` | `book_for_youth` | staff who can see the young person ([`StaffNewBooking`] → 201 [`Booking`]) |
//! | POST | `/api/staff/bookings/{id}/attendance` | `mark_attendance` | the booked staff member or an administrator ([`Attendance`] → [`Booking`]) |
//! | POST | `/api/staff/bookings/{id}/cancel` | `staff_cancel_booking` | the booked staff member or an administrator ([`StaffCancel`] → [`Booking`]); the message reaches the young person |
//!
//! Guardians see nothing of bookings (403). A booking that is not the caller's
//! to see is 404.
//!
//! A phone UI needs no rules of its own: free times already respect the notice,
//! the horizon, time off and the buffers; every [`Booking`] says whether it
//! `can_change` and until when (`change_deadline`; a time booked inside the
//! deadline cannot be changed in the app at all); offers from the waitlist are
//! in [`MyBookings::offers`] with `hold_expires_at`. The staff member's phone
//! number, when they have one, is in the `booking_too_late` message.
//!
//! # Conflicts
//!
//! Every refusal is a 409 `conflict` whose `message` says what to do, with
//! one field error naming the reason: `booking_taken` (someone was quicker:
//! choose another time), `booking_youth_overlap` (you have another booking
//! then), `booking_limit` (already the most active bookings of this type),
//! `booking_full` (no seat left), `booking_too_late` (the deadline has passed:
//! the message names whom to call), `booking_status` (not possible in this
//! state, e.g. an offer that has expired). A time that is not one of the
//! offered free times at all is 422 with `starts_at`: `booking_not_free`.

use serde::{Deserialize, Serialize};

use crate::account::Profession;
use crate::contact::FieldProblem;
use crate::text::TextRule;

mod message;
pub use message::{BookingMessage, BookingMessageKind};

/// The longest name of a session type, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// The longest description of a session type, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 500;
/// The longest note with a booking, in characters.
pub const NOTE_MAX_CHARS: usize = 500;
/// The longest message when staff cancel, in characters.
pub const MESSAGE_MAX_CHARS: usize = 1000;
/// The longest reason for time off, in characters.
pub const TIME_OFF_REASON_MAX_CHARS: usize = 200;
/// The longest place of a group session, in characters.
pub const PLACE_MAX_CHARS: usize = 200;
/// The most opening-hour windows in a week.
pub const MAX_WINDOWS: usize = 35;
/// How long a waitlist offer is held before it passes on, in minutes.
pub const OFFER_HOLD_MINUTES: i64 = 120;

/// A day of the week (ISO order: Monday first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Self::Monday,
        Self::Tuesday,
        Self::Wednesday,
        Self::Thursday,
        Self::Friday,
        Self::Saturday,
        Self::Sunday,
    ];

    /// 1 (Monday) to 7 (Sunday), as stored.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The inverse of [`Weekday::number`].
    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }
}

/// `HH:MM` (24-hour) as minutes after midnight; `24:00` is the end of the day.
pub fn parse_clock(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(1440),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

/// Minutes after midnight as `HH:MM`.
pub fn format_clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// One opening: a weekday from `start` to `end` (`"09:00"`–`"12:00"`, Swedish time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningWindow {
    pub weekday: Weekday,
    /// `HH:MM`.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub start: String,
    /// `HH:MM`, after `start` (`24:00` allowed).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
    )]
    pub end: String,
}

/// A staff member's weekly opening hours (`GET`/`PUT /api/staff/me/opening-hours`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyHours {
    /// Sorted by weekday and start once saved; at most 35.
    #[cfg_attr(feature = "openapi", schema(max_items = 35))]
    pub windows: Vec<OpeningWindow>,
}

/// A field and the code of what is wrong with it (a key under `errors` in the locale files).
pub type Problem = (String, &'static str);

impl WeeklyHours {
    /// The windows as (weekday, start minute, end minute), sorted; or every problem,
    /// each naming its field (`windows[2].end`).
    pub fn validate(&self) -> Result<Vec<(Weekday, u16, u16)>, Vec<Problem>> {
        let mut problems = Vec::new();
        if self.windows.len() > MAX_WINDOWS {
            problems.push(("windows".to_owned(), "booking_out_of_range"));
        }
        let mut parsed = Vec::new();
        for (i, w) in self.windows.iter().enumerate() {
            let start = parse_clock(&w.start).filter(|m| *m < 1440);
            let end = parse_clock(&w.end);
            if start.is_none() {
                problems.push((format!("windows[{i}].start"), "booking_time_format"));
            }
            if end.is_none() {
                problems.push((format!("windows[{i}].end"), "booking_time_format"));
            }
            if let (Some(start), Some(end)) = (start, end) {
                if start >= end {
                    problems.push((format!("windows[{i}].end"), "booking_time_order"));
                } else {
                    parsed.push((w.weekday, start, end, i));
                }
            }
        }
        parsed.sort();
        for pair in parsed.windows(2) {
            if pair[0].0 == pair[1].0 && pair[1].1 < pair[0].2 {
                problems.push((
                    format!("windows[{}].start", pair[1].3),
                    "booking_hours_overlap",
                ));
            }
        }
        if problems.is_empty() {
            Ok(parsed.into_iter().map(|(d, s, e, _)| (d, s, e)).collect())
        } else {
            Err(problems)
        }
    }
}

/// What can be booked: a kind of session with one profession
/// (`GET /api/booking/session-types`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionType {
    pub id: i64,
    pub name: String,
    /// Who gives it; the app says in plain words what each profession helps with.
    pub profession: Profession,
    pub description: String,
    pub length_minutes: u32,
    /// Time the staff member keeps free after each session.
    pub buffer_minutes: u32,
    /// How far ahead it can be booked.
    pub bookable_days_ahead: u32,
    /// The shortest time between booking and the start.
    pub notice_minutes: u32,
    /// Cancelling or moving in the app ends this many hours before the start.
    pub cancel_hours: u32,
    /// The most active future bookings of this type one young person may have.
    pub max_active_bookings: u32,
    /// Group sessions with seats (booked by `group_session_id`) rather than times in opening hours.
    pub group: bool,
}

fn default_buffer() -> u32 {
    0
}
/// How many days ahead a session type can be booked unless staff say
/// otherwise: the one default of the server, the validation and the form.
pub const DEFAULT_DAYS_AHEAD: u32 = 28;
/// The fewest days ahead a session type can be booked.
pub const MIN_DAYS_AHEAD: u32 = 1;
/// The most days ahead a session type can be booked.
pub const MAX_DAYS_AHEAD: u32 = 365;

fn default_days_ahead() -> u32 {
    DEFAULT_DAYS_AHEAD
}
fn default_notice() -> u32 {
    120
}
fn default_cancel_hours() -> u32 {
    24
}
fn default_max_active() -> u32 {
    2
}

/// `POST /api/booking/session-types`, `PUT /api/booking/session-types/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionTypeInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    pub profession: Profession,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub description: String,
    /// 5 to 480.
    #[cfg_attr(feature = "openapi", schema(minimum = 5, maximum = 480))]
    pub length_minutes: u32,
    /// 0 to 240; default 0.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 240))]
    #[serde(default = "default_buffer")]
    pub buffer_minutes: u32,
    /// [`MIN_DAYS_AHEAD`] to [`MAX_DAYS_AHEAD`]; default [`DEFAULT_DAYS_AHEAD`].
    /// (utoipa takes only literals here; the server's OpenAPI test checks them.)
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 365))]
    #[serde(default = "default_days_ahead")]
    pub bookable_days_ahead: u32,
    /// 0 to 20160 (two weeks); default 120.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 20160))]
    #[serde(default = "default_notice")]
    pub notice_minutes: u32,
    /// 0 to 336; default 24.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 336))]
    #[serde(default = "default_cancel_hours")]
    pub cancel_hours: u32,
    /// 1 to 20; default 2.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 20))]
    #[serde(default = "default_max_active")]
    pub max_active_bookings: u32,
    #[serde(default)]
    pub group: bool,
}

fn in_range(problems: &mut Vec<Problem>, field: &str, value: u32, min: u32, max: u32) {
    if !(min..=max).contains(&value) {
        problems.push((field.to_owned(), "booking_out_of_range"));
    }
}

/// Checks a text with [`crate::text`], pushing its problem, if any.
fn text(problems: &mut Vec<Problem>, field: &str, value: &str, rule: TextRule) -> String {
    crate::text::check(value, rule)
        .map_err(|p| problems.push((field.to_owned(), p.code())))
        .unwrap_or_default()
}

impl SessionTypeInput {
    /// The input trimmed, or every problem.
    pub fn validate(&self) -> Result<SessionTypeInput, Vec<Problem>> {
        let mut p = Vec::new();
        let name = text(&mut p, "name", &self.name, TextRule::line(NAME_MAX_CHARS));
        let description = text(
            &mut p,
            "description",
            &self.description,
            TextRule::optional_lines(DESCRIPTION_MAX_CHARS),
        );
        in_range(&mut p, "length_minutes", self.length_minutes, 5, 480);
        in_range(&mut p, "buffer_minutes", self.buffer_minutes, 0, 240);
        in_range(
            &mut p,
            "bookable_days_ahead",
            self.bookable_days_ahead,
            MIN_DAYS_AHEAD,
            MAX_DAYS_AHEAD,
        );
        in_range(&mut p, "notice_minutes", self.notice_minutes, 0, 20160);
        in_range(&mut p, "cancel_hours", self.cancel_hours, 0, 336);
        in_range(
            &mut p,
            "max_active_bookings",
            self.max_active_bookings,
            1,
            20,
        );
        if p.is_empty() {
            Ok(SessionTypeInput {
                name,
                description,
                ..self.clone()
            })
        } else {
            Err(p)
        }
    }
}

/// A member of staff who offers bookable time (`GET /api/booking/staff`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookableStaff {
    pub id: i64,
    pub name: String,
    pub profession: Profession,
}

/// One free time (or a group session with seats left).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeTime {
    pub starts_at: String,
    pub ends_at: String,
    pub staff_id: i64,
    pub staff_name: String,
    /// Set for a group session: book it by this id. (Left out when not set,
    /// like the two below: a list has hundreds of individual times.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_session_id: Option<i64>,
    /// For a group session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats_left: Option<u32>,
    /// For a group session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// Free times of one Swedish calendar day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Earliest first.
    pub times: Vec<FreeTime>,
}

/// `GET /api/booking/session-types/{id}/free-times`: days with at least one free time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeTimes {
    pub session_type: SessionType,
    pub days: Vec<FreeDay>,
}

/// Where a booking is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// A time offered from the waitlist, held until `hold_expires_at`.
    Offered,
    /// Booked.
    Booked,
    /// The young person came.
    Attended,
    /// The young person did not come.
    NoShow,
    /// Cancelled (by the young person or staff; see `cancelled_by_staff`).
    Cancelled,
    /// An offer that was not accepted in time, or was declined.
    Lapsed,
}

impl BookingStatus {
    /// Every status.
    pub const ALL: [BookingStatus; 6] = [
        Self::Offered,
        Self::Booked,
        Self::Attended,
        Self::NoShow,
        Self::Cancelled,
        Self::Lapsed,
    ];

    /// The snake_case name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Offered => "offered",
            Self::Booked => "booked",
            Self::Attended => "attended",
            Self::NoShow => "no_show",
            Self::Cancelled => "cancelled",
            Self::Lapsed => "lapsed",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// A booking, as the young person and the staff member see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Booking {
    pub id: i64,
    pub status: BookingStatus,
    pub session_type_id: i64,
    pub session_type_name: String,
    pub profession: Profession,
    pub staff_id: i64,
    pub staff_name: String,
    pub youth_id: i64,
    pub youth_name: String,
    pub starts_at: String,
    pub ends_at: String,
    /// The young person's note.
    pub note: Option<String>,
    pub group_session_id: Option<i64>,
    pub place: Option<String>,
    /// Cancelling or moving in the app is possible until then.
    pub change_deadline: String,
    /// Whether the young person may still cancel or move it in the app.
    pub can_change: bool,
    /// An offer: it must be accepted before this.
    pub hold_expires_at: Option<String>,
    /// Set when staff cancelled.
    pub cancel_message: Option<String>,
    pub cancelled_by_staff: bool,
    /// Staff's view only: the latest reminder or offer and where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<BookingMessage>,
}

/// A place in a waitlist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistEntry {
    pub id: i64,
    pub session_type_id: i64,
    pub session_type_name: String,
    /// `None`: anyone of the profession.
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    pub joined_at: String,
    /// 1 is first in line.
    pub position: u32,
}

/// `GET /api/me/bookings`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyBookings {
    /// Booked and not yet started, soonest first.
    pub upcoming: Vec<Booking>,
    /// Times offered from the waitlist, to accept or decline before `hold_expires_at`.
    pub offers: Vec<Booking>,
    /// Started, cancelled, or lapsed offers; latest first.
    pub past: Vec<Booking>,
    pub waitlist: Vec<WaitlistEntry>,
}

/// Checks a note, message, reason or place with [`crate::text`]: `None`
/// when left out or empty; the error is the field code.
pub fn optional_text(value: Option<&str>, rule: TextRule) -> Result<Option<String>, &'static str> {
    crate::text::check_optional(value, rule).map_err(FieldProblem::code)
}

/// `POST /api/me/bookings`: a free time (`staff_id` and `starts_at` from [`FreeTime`])
/// or a seat in a group session (`group_session_id`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewBooking {
    pub session_type_id: i64,
    pub staff_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: Option<String>,
    pub group_session_id: Option<i64>,
    /// Up to 500 characters, seen by the staff member.
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: Option<String>,
}

/// `POST /api/staff/bookings`: as [`NewBooking`], for a young person; `staff_id` defaults to the caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffNewBooking {
    pub youth_id: i64,
    pub session_type_id: i64,
    pub staff_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: Option<String>,
    pub group_session_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: Option<String>,
}

/// `POST /api/me/bookings/{id}/move`: another free time of the same session type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveBooking {
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    /// Another staff member of the profession; default the same.
    pub staff_id: Option<i64>,
}

/// `POST /api/me/waitlist`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinWaitlist {
    pub session_type_id: i64,
    /// `None`: anyone of the profession.
    pub staff_id: Option<i64>,
}

/// `POST /api/staff/bookings/{id}/attendance`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendance {
    /// `true` attended, `false` no-show.
    pub attended: bool,
}

/// `POST /api/staff/bookings/{id}/cancel`: the message goes to the young person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffCancel {
    /// Required, up to 1000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub message: String,
}

/// Time off (`POST /api/staff/me/exceptions`): no bookable time from `starts_at` to `ends_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTimeOff {
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub ends_at: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub reason: Option<String>,
}

/// Time off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeOff {
    pub id: i64,
    pub starts_at: String,
    pub ends_at: String,
    pub reason: Option<String>,
}

/// `POST /api/booking/group-sessions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewGroupSession {
    /// A session type with `group: true`; its length is the session's.
    pub session_type_id: i64,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub starts_at: String,
    /// 1 to 200.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 200))]
    pub seats: u32,
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub place: Option<String>,
}

/// A group session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupSession {
    pub id: i64,
    pub session_type_id: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub starts_at: String,
    pub ends_at: String,
    pub seats: u32,
    pub seats_left: u32,
    pub place: Option<String>,
}

/// `GET /api/staff/me/bookings`: the staff member's bookings in a range of days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffBookings {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// Booked, attended and no-show bookings (and open offers), earliest first.
    pub bookings: Vec<Booking>,
    /// Their group sessions in the range.
    pub group_sessions: Vec<GroupSession>,
}

/// Field error codes the booking routes send (each has a message under `errors`
/// in the locale files); a 409's whole `message` is its field code's message.
pub const FIELD_CODES: [&str; 13] = [
    "booking_out_of_range",
    "booking_time_format",
    "booking_time_order",
    "booking_hours_overlap",
    "booking_not_free",
    "booking_taken",
    "booking_youth_overlap",
    "booking_limit",
    "booking_full",
    "booking_too_late",
    "booking_status",
    "booking_waitlist_taken",
    "booking_not_group",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn window(weekday: Weekday, start: &str, end: &str) -> OpeningWindow {
        OpeningWindow {
            weekday,
            start: start.into(),
            end: end.into(),
        }
    }

    #[test]
    fn clock_times_parse_strictly() {
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(parse_clock("00:00"), Some(0));
        assert_eq!(parse_clock("24:00"), Some(1440));
        for bad in ["9:30", "24:01", "12:60", "1230", "ab:cd", "", "12:3"] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
        assert_eq!(format_clock(570), "09:30");
    }

    #[test]
    fn weekly_hours_are_sorted_and_checked() {
        let hours = WeeklyHours {
            windows: vec![
                window(Weekday::Tuesday, "13:00", "16:00"),
                window(Weekday::Monday, "09:00", "12:00"),
            ],
        };
        assert_eq!(
            hours.validate().unwrap(),
            [(Weekday::Monday, 540, 720), (Weekday::Tuesday, 780, 960)]
        );
        let bad = WeeklyHours {
            windows: vec![
                window(Weekday::Monday, "09:00", "12:00"),
                window(Weekday::Monday, "11:00", "13:00"),
                window(Weekday::Friday, "15:00", "14:00"),
                window(Weekday::Friday, "7:00", "24:00"),
            ],
        };
        let problems = bad.validate().unwrap_err();
        assert!(problems.contains(&("windows[1].start".into(), "booking_hours_overlap")));
        assert!(problems.contains(&("windows[2].end".into(), "booking_time_order")));
        assert!(problems.contains(&("windows[3].start".into(), "booking_time_format")));
    }

    #[test]
    fn session_types_have_defaults_and_bounds() {
        let input: SessionTypeInput = serde_json::from_str(
            r#"{"name":" Studievägledning ","profession":"study_counsellor","length_minutes":45}"#,
        )
        .unwrap();
        let valid = input.validate().unwrap();
        assert_eq!(valid.name, "Studievägledning");
        assert_eq!(
            (
                valid.cancel_hours,
                valid.max_active_bookings,
                valid.bookable_days_ahead
            ),
            (24, 2, 28)
        );
        let mut bad = input.clone();
        bad.name = " ".into();
        bad.length_minutes = 2;
        bad.max_active_bookings = 0;
        let problems = bad.validate().unwrap_err();
        assert_eq!(
            problems,
            [
                ("name".to_owned(), "required"),
                ("length_minutes".to_owned(), "booking_out_of_range"),
                ("max_active_bookings".to_owned(), "booking_out_of_range"),
            ]
        );
    }

    #[test]
    fn notes_are_optional_and_bounded() {
        let rule = TextRule::optional_lines(5);
        assert_eq!(optional_text(None, rule), Ok(None));
        assert_eq!(optional_text(Some("  "), rule), Ok(None));
        assert_eq!(optional_text(Some(" hej "), rule), Ok(Some("hej".into())));
        assert_eq!(optional_text(Some("åäöåäö"), rule), Err("too_long"));
        assert_eq!(optional_text(Some("a\u{0}"), rule), Err("text_control"));
    }

    #[test]
    fn an_individual_free_time_leaves_out_the_group_fields() {
        let time = FreeTime {
            starts_at: "2026-11-24T09:00:00+01:00".into(),
            ends_at: "2026-11-24T09:45:00+01:00".into(),
            staff_id: 2,
            staff_name: "Sven Berg".into(),
            group_session_id: None,
            seats_left: None,
            place: None,
        };
        let json = serde_json::to_string(&time).unwrap();
        assert!(
            !json.contains("group_session_id") && !json.contains("seats_left"),
            "{json}"
        );
        assert!(!json.contains("place") && !json.contains("null"), "{json}");
        assert_eq!(serde_json::from_str::<FreeTime>(&json).unwrap(), time);
        let group = FreeTime {
            group_session_id: Some(7),
            seats_left: Some(3),
            place: Some("Komvux".into()),
            ..time
        };
        let json = serde_json::to_string(&group).unwrap();
        assert_eq!(serde_json::from_str::<FreeTime>(&json).unwrap(), group);
    }

    #[test]
    fn names_round_trip() {
        crate::checks::names_round_trip(
            &BookingStatus::ALL,
            BookingStatus::as_str,
            BookingStatus::parse,
        );
        for d in Weekday::ALL {
            assert_eq!(Weekday::from_number(d.number()), Some(d));
        }
        assert_eq!(Weekday::from_number(0), None);
        assert_eq!(Weekday::from_number(8), None);
    }
}
