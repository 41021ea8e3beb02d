//! Booking's handlers: [`setup`] (session types, free times, opening hours,
//! time off, group sessions), [`youth`] (a young person's bookings and
//! waitlist places) and [`staff`] (staff's day and week, booking on behalf,
//! attendance, cancelling). See `lotsen_api::booking` for the endpoints and
//! [`super::store`] for how the database keeps the invariants. Guardians get
//! 403 everywhere; a booking that is not the caller's is 404.

pub mod setup;
pub mod staff;
pub mod youth;

pub use setup::*;
pub use staff::*;
pub use youth::*;

use lotsen_api::account::Role;
use lotsen_api::booking::{
    Booking, BookingStatus, GroupSession, NOTE_MAX_CHARS, SessionType, optional_text,
};
use lotsen_api::text::TextRule;

use super::free::{self, Wanted};
use super::messages::compose;
use super::rules::{parse_time, swedish_time};
use super::store::{
    self, BookingError, BookingInsert, BookingRecord, Canceller, GroupRecord, MessageFacts,
    SessionTypeRecord,
};
use super::tasks::{expire_holds, serve_waitlists};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::error::Issues;

/// Anyone signed in but a guardian.
fn not_guardian(signed_in: &SignedIn) -> Result<(), AppError> {
    if signed_in.account.role == Role::Guardian {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

/// A refused booking change as an answer: the field and the code
/// (which is also the message's key).
fn refusal(error: BookingError) -> AppError {
    let (field, code, params) = match error {
        BookingError::NotFound => return AppError::NotFound,
        BookingError::Db(e) => return e.into(),
        BookingError::Taken => ("starts_at", "booking_taken", vec![]),
        BookingError::YouthOverlap => ("starts_at", "booking_youth_overlap", vec![]),
        BookingError::Limit => ("session_type_id", "booking_limit", vec![]),
        BookingError::Full => ("group_session_id", "booking_full", vec![]),
        BookingError::TooLate {
            staff_name,
            staff_phone,
        } => {
            let contact = match staff_phone {
                Some(phone) => format!("{staff_name}, {phone}"),
                None => staff_name,
            };
            ("starts_at", "booking_too_late", vec![("contact", contact)])
        }
        BookingError::Status => ("status", "booking_status", vec![]),
        BookingError::AlreadyWaiting => ("session_type_id", "booking_waitlist_taken", vec![]),
    };
    AppError::Refused {
        field: field.to_owned(),
        code,
        message: code,
        params,
    }
}

fn session_type_api(t: &SessionTypeRecord) -> SessionType {
    let n = |v: i64| u32::try_from(v).unwrap_or_default();
    SessionType {
        id: t.id,
        name: t.name.clone(),
        profession: t.profession,
        description: t.description.clone(),
        length_minutes: n(t.length_minutes),
        buffer_minutes: n(t.buffer_minutes),
        bookable_days_ahead: n(t.bookable_days_ahead),
        notice_minutes: n(t.notice_minutes),
        cancel_hours: n(t.cancel_hours),
        max_active_bookings: n(t.max_active_bookings),
        group: t.is_group,
    }
}

pub(crate) fn booking_api(b: BookingRecord, now: i64) -> Booking {
    let deadline = b.change_deadline();
    Booking {
        id: b.id,
        status: b.status,
        session_type_id: b.session_type_id,
        session_type_name: b.session_type_name,
        profession: b.profession,
        staff_id: b.staff_id,
        staff_name: b.staff_name,
        youth_id: b.youth_id,
        youth_name: b.youth_name,
        starts_at: swedish_time(b.starts_at),
        ends_at: swedish_time(b.ends_at),
        note: b.note,
        group_session_id: b.group_session_id,
        place: b.place,
        change_deadline: swedish_time(deadline),
        can_change: b.status == BookingStatus::Booked && now <= deadline && b.starts_at > now,
        hold_expires_at: b.hold_expires_at.map(swedish_time),
        cancel_message: b.cancel_message,
        cancelled_by_staff: b.cancelled_by_staff,
        message: None,
    }
}

pub(crate) fn group_api(g: GroupRecord) -> GroupSession {
    GroupSession {
        id: g.id,
        session_type_id: g.session_type_id,
        staff_id: g.staff_id,
        staff_name: g.staff_name,
        starts_at: swedish_time(g.starts_at),
        ends_at: swedish_time(g.ends_at),
        seats: u32::try_from(g.seats).unwrap_or_default(),
        seats_left: u32::try_from(g.seats - g.taken).unwrap_or_default(),
        place: g.place,
    }
}

async fn load_type(state: &AppState, id: i64) -> Result<SessionTypeRecord, AppError> {
    store::session_type(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// `NotFound` unless `staff_id` (if given) is a staff member of `t`'s profession.
async fn of_profession(
    state: &AppState,
    staff_id: Option<i64>,
    t: &SessionTypeRecord,
) -> Result<(), AppError> {
    if let Some(staff_id) = staff_id {
        let account = crate::auth::store::account(&state.db, staff_id).await?;
        if account.and_then(|a| a.profession) != Some(t.profession) {
            return Err(AppError::NotFound);
        }
    }
    Ok(())
}

/// A changed booking as the answer, the outbox woken for the message the
/// change may have written; a refusal as its error.
fn told(
    state: &AppState,
    now: i64,
    changed: Result<BookingRecord, BookingError>,
) -> Result<Booking, AppError> {
    let b = changed.map_err(refusal)?;
    state.outbox.notify_one();
    Ok(booking_api(b, now))
}

/// Cancels booking `id` (the young person's own, or staff's with a message).
async fn cancel(state: &AppState, id: i64, by: Canceller) -> Result<Booking, AppError> {
    let now = state.clock.unix_seconds();
    let compose = |f: &MessageFacts| compose(state, f);
    told(
        state,
        now,
        store::cancel_booking(&state.db, id, &by, now, &compose).await,
    )
}

/// Lapsed offers passed on before anything is read or written.
pub(crate) async fn settle(state: &AppState) -> Result<i64, AppError> {
    let now = state.clock.unix_seconds();
    expire_holds(state, now).await?;
    Ok(now)
}

/// After a staff member's times grew: the waitlists served now, not at the
/// next tick. What was saved stays saved if this fails; the tick tries again.
async fn serve_waitlists_now(state: &AppState) {
    if let Err(error) = serve_waitlists(state).await {
        tracing::warn!(%error, "cannot offer new free times to the waitlists");
    }
}

/// Whether `start` with `staff_id` is a free time: `Ok` if so, 409 if it would
/// be but is taken, 422 if it is never offered.
async fn check_free(
    state: &AppState,
    t: &SessionTypeRecord,
    staff_id: i64,
    start: i64,
    moving: Option<(i64, i64)>,
) -> Result<(), AppError> {
    let mut wanted = Wanted {
        staff_id: Some(staff_id),
        moving,
        ..Wanted::default()
    };
    let free = free::individual_free(state, t, &wanted).await?;
    if free.iter().any(|f| f.starts_at == start) {
        return Ok(());
    }
    wanted.ignore_busy = true;
    let offered = free::individual_free(state, t, &wanted).await?;
    if offered.iter().any(|f| f.starts_at == start) {
        Err(refusal(BookingError::Taken))
    } else {
        Err(AppError::invalid_field("starts_at", "booking_not_free"))
    }
}

fn parse_start(issues: &mut Issues, field: &str, value: Option<&str>) -> Option<i64> {
    match value {
        None => {
            issues.add(field, "required");
            None
        }
        Some(v) => {
            let parsed = parse_time(v);
            if parsed.is_none() {
                issues.add(field, "booking_time_format");
            }
            parsed
        }
    }
}

/// An optional free text `field` checked against `rule`; a problem is noted in `issues`.
fn text_of(
    issues: &mut Issues,
    field: &str,
    value: Option<&str>,
    rule: TextRule,
) -> Option<String> {
    optional_text(value, rule).unwrap_or_else(|code| {
        issues.add(field, code);
        None
    })
}

/// What a young person, or staff for them, asks to book.
struct Asked<'a> {
    youth_id: i64,
    staff_id: Option<i64>,
    starts_at: Option<&'a str>,
    group_session_id: Option<i64>,
    note: Option<&'a str>,
    /// Staff booking on behalf (no notice, horizon or limit).
    by_staff: Option<i64>,
}

/// What to insert for a booking of `t` (a free time or a group seat), checked as far as reads can.
async fn prepare(
    state: &AppState,
    t: &SessionTypeRecord,
    asked: Asked<'_>,
) -> Result<BookingInsert, AppError> {
    let Asked {
        youth_id,
        staff_id,
        starts_at,
        group_session_id,
        note,
        by_staff,
    } = asked;
    let mut issues = Issues::default();
    let note = text_of(
        &mut issues,
        "note",
        note,
        TextRule::optional_lines(NOTE_MAX_CHARS),
    );
    let clock = state.clock.timestamp();
    let now = clock.as_second();
    let buffer = t.buffer_minutes * 60;
    let mut insert = BookingInsert {
        session_type_id: t.id,
        staff_id: 0,
        youth_id,
        group_session_id: None,
        starts_at: 0,
        ends_at: 0,
        blocks_until: 0,
        note,
        created_by: by_staff.unwrap_or(youth_id),
        max_active: by_staff.is_none().then_some(t.max_active_bookings),
        audit_actor: by_staff,
    };
    if t.is_group {
        let Some(group) = group_session_id else {
            issues.add("group_session_id", "required");
            issues.finish()?;
            return Err(AppError::BadRequest);
        };
        issues.finish()?;
        let g = store::group_session(&state.db, group)
            .await?
            .filter(|g| g.session_type_id == t.id)
            .ok_or(AppError::NotFound)?;
        // The same notice and horizon as an individual time.
        if g.starts_at <= now || (by_staff.is_none() && !t.rules().bookable(clock, g.starts_at)) {
            return Err(AppError::invalid_field(
                "group_session_id",
                "booking_not_free",
            ));
        }
        insert.staff_id = g.staff_id;
        insert.group_session_id = Some(g.id);
        insert.starts_at = g.starts_at;
        insert.ends_at = g.ends_at;
        insert.blocks_until = g.ends_at + buffer;
        return Ok(insert);
    }
    let staff_id = staff_id.or(by_staff);
    if staff_id.is_none() {
        issues.add("staff_id", "required");
    }
    let start = parse_start(&mut issues, "starts_at", starts_at);
    issues.finish()?;
    let (Some(staff_id), Some(start)) = (staff_id, start) else {
        return Err(AppError::BadRequest);
    };
    if by_staff.is_some() {
        if start <= now {
            return Err(AppError::invalid_field("starts_at", "booking_not_free"));
        }
    } else {
        check_free(state, t, staff_id, start, None).await?;
    }
    insert.staff_id = staff_id;
    insert.starts_at = start;
    insert.ends_at = start + t.length_minutes * 60;
    insert.blocks_until = insert.ends_at + buffer;
    Ok(insert)
}

async fn book(state: &AppState, insert: &BookingInsert) -> Result<Booking, AppError> {
    let now = state.clock.unix_seconds();
    let compose = |f: &MessageFacts| compose(state, f);
    let id = store::book(&state.db, insert, now, &compose)
        .await
        .map_err(refusal)?;
    let record = store::booking(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(booking_api(record, now))
}
