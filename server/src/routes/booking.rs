//! Booking sessions (issue 7): session types, opening hours, time off, group
//! sessions, free times, bookings, the waitlist, and the staff day and week
//! view. See `lotsen_api::booking` for the endpoints and the rules, and
//! `db::booking` for how the database keeps the invariants. Guardians get 403
//! everywhere; a booking that is not the caller's is 404.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use jiff::{Timestamp, ToSpan};
use lotsen_api::ErrorBody;
use lotsen_api::account::{Profession, Role};
use lotsen_api::booking::{
    Attendance, BookableStaff, Booking, BookingStatus, FreeDay, FreeTime, FreeTimes, GroupSession,
    JoinWaitlist, MESSAGE_MAX_CHARS, MoveBooking, MyBookings, NOTE_MAX_CHARS, NewBooking,
    NewGroupSession, NewTimeOff, OpeningWindow, PLACE_MAX_CHARS, SessionType, SessionTypeInput,
    StaffBookings, StaffCancel, StaffNewBooking, TIME_OFF_REASON_MAX_CHARS, TimeOff, WaitlistEntry,
    Weekday, WeeklyHours, format_clock, optional_text,
};
use lotsen_api::text::TextRule;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::AppState;
use crate::auth::{SignedIn, Staff, Youth};
use crate::booking::{
    Calendar, SlotRules, compose, expire_holds, free_times, parse_date, parse_time, start_of_day,
    swedish_date, swedish_time, today,
};
use crate::db::booking::{
    BookingError, BookingInsert, BookingRecord, Canceller, FreeSlot, GroupRecord, MessageFacts,
    SessionTypeRecord, StaffAvailability, WaitlistRecord,
};
use crate::error::AppError;
use crate::error::Issues;
use crate::json::Json;

/// Anyone signed in but a guardian.
fn not_guardian(signed_in: &SignedIn) -> Result<(), AppError> {
    if signed_in.account.role == Role::Guardian {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

fn refused(
    field: &str,
    code: &'static str,
    message: &'static str,
    params: Vec<(&'static str, String)>,
) -> AppError {
    AppError::Refused {
        field: field.to_owned(),
        code,
        message,
        params,
    }
}

/// A refused booking change as an answer.
fn refusal(error: BookingError) -> AppError {
    match error {
        BookingError::NotFound => AppError::NotFound,
        BookingError::Taken => refused("starts_at", "booking_taken", "booking_taken", vec![]),
        BookingError::YouthOverlap => refused(
            "starts_at",
            "booking_youth_overlap",
            "booking_youth_overlap",
            vec![],
        ),
        BookingError::Limit => refused("session_type_id", "booking_limit", "booking_limit", vec![]),
        BookingError::Full => refused("group_session_id", "booking_full", "booking_full", vec![]),
        BookingError::TooLate {
            staff_name,
            staff_phone,
        } => {
            let contact = match staff_phone {
                Some(phone) => format!("{staff_name}, {phone}"),
                None => staff_name,
            };
            refused(
                "starts_at",
                "booking_too_late",
                "booking_too_late",
                vec![("contact", contact)],
            )
        }
        BookingError::Status => refused("status", "booking_status", "booking_status", vec![]),
        BookingError::AlreadyWaiting => refused(
            "session_type_id",
            "booking_waitlist_taken",
            "booking_waitlist_taken",
            vec![],
        ),
        BookingError::Db(e) => e.into(),
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

fn booking_api(b: BookingRecord, now: i64) -> Booking {
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
    }
}

fn group_api(g: GroupRecord) -> GroupSession {
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

fn waitlist_api(w: WaitlistRecord) -> WaitlistEntry {
    WaitlistEntry {
        id: w.id,
        session_type_id: w.session_type_id,
        session_type_name: w.session_type_name,
        staff_id: w.staff_id,
        staff_name: w.staff_name,
        joined_at: swedish_time(w.joined_at),
        position: u32::try_from(w.position).unwrap_or_default(),
    }
}

async fn load_type(state: &AppState, id: i64) -> Result<SessionTypeRecord, AppError> {
    state.db.session_type(id).await?.ok_or(AppError::NotFound)
}

/// Lapsed offers passed on before anything is read or written.
async fn settle(state: &AppState) -> Result<i64, AppError> {
    let now = state.clock.unix_seconds();
    expire_holds(state, now).await?;
    Ok(now)
}

/// Serves the waitlists: the free times of every individual session type
/// someone waits for, earliest first, each offered to the first in line who can
/// take it, until nobody waits for the type; how many were offered. A time
/// freed by a cancellation is offered at once, in the cancelling transaction;
/// this is for times that become free otherwise: opening hours added, time off
/// removed (both call it), or a new day coming within the booking horizon (the
/// background task, [`crate::booking::run`]).
pub async fn serve_waitlists(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.unix_seconds();
    let compose = |f: &MessageFacts| compose(state, f);
    let mut offered = 0;
    let wanted = Wanted {
        staff_id: None,
        days: None,
        ignore_busy: false,
        moving: None,
    };
    for id in state.db.waiting_session_types().await? {
        let (at, t, staff) = type_and_availability(state, id, &wanted).await?;
        let times: Vec<FreeSlot> = free_of(at, &t, &wanted, staff)
            .into_iter()
            .map(|(starts_at, ends_at, staff_id, _)| FreeSlot {
                session_type_id: t.id,
                staff_id,
                group_session_id: None,
                starts_at,
                ends_at,
            })
            .collect();
        offered += state.db.offer_free_times(&times, now, &compose).await?;
    }
    if offered > 0 {
        state.outbox.notify_one();
    }
    Ok(offered)
}

/// After a staff member's times grew: the waitlists served now, not at the
/// next tick. What was saved stays saved if this fails; the tick tries again.
async fn serve_waitlists_now(state: &AppState) {
    if let Err(error) = serve_waitlists(state).await {
        tracing::warn!(%error, "cannot offer new free times to the waitlists");
    }
}

/// Which free times to compute.
struct Wanted {
    staff_id: Option<i64>,
    days: Option<i64>,
    /// Leave occupied times out (to tell "taken" from "never offered").
    ignore_busy: bool,
    /// A booking being moved: its own time does not count as occupied.
    moving: Option<(i64, i64)>,
}

/// Where the availability read for `wanted` ends: midnight after the last day
/// of the horizon.
fn availability_end(state: &AppState, t: &SessionTypeRecord, wanted: &Wanted) -> i64 {
    let horizon = wanted
        .days
        .unwrap_or(t.bookable_days_ahead)
        .clamp(1, t.bookable_days_ahead);
    today(&state.clock)
        .checked_add((horizon + 1).days())
        .map_or(i64::MAX, start_of_day)
}

/// Free individual times: (start, end, staff id, staff name).
async fn individual_free(
    state: &AppState,
    t: &SessionTypeRecord,
    wanted: &Wanted,
) -> Result<Vec<(i64, i64, i64, String)>, AppError> {
    let now = state.clock.timestamp();
    let staff = state
        .db
        .availability(
            t.profession,
            wanted.staff_id,
            now.as_second(),
            availability_end(state, t, wanted),
        )
        .await?;
    Ok(free_of(now, t, wanted, staff))
}

/// The session type `id` and, for an individual type, the availability of its
/// staff for `wanted`: read together (on SQLite in one read transaction), after
/// lapsed offers are passed on.
async fn type_and_availability(
    state: &AppState,
    id: i64,
    wanted: &Wanted,
) -> Result<(Timestamp, SessionTypeRecord, Vec<StaffAvailability>), AppError> {
    let now = state.clock.timestamp();
    let until = |t: &SessionTypeRecord| availability_end(state, t, wanted);
    let mut reads = state
        .db
        .free_time_reads(now.as_second(), id, wanted.staff_id, &until)
        .await?;
    if reads.holds_due > 0 {
        expire_holds(state, now.as_second()).await?;
        reads = state
            .db
            .free_time_reads(now.as_second(), id, wanted.staff_id, &until)
            .await?;
    }
    let t = reads.session_type.ok_or(AppError::NotFound)?;
    Ok((now, t, reads.staff))
}

/// The free individual times in `staff`'s availability: (start, end, staff id,
/// staff name), earliest first.
fn free_of(
    now: Timestamp,
    t: &SessionTypeRecord,
    wanted: &Wanted,
    staff: Vec<StaffAvailability>,
) -> Vec<(i64, i64, i64, String)> {
    let rules = SlotRules {
        length: t.length_minutes * 60,
        buffer: t.buffer_minutes * 60,
        notice: t.notice_minutes * 60,
        horizon_days: wanted
            .days
            .unwrap_or(t.bookable_days_ahead)
            .clamp(1, t.bookable_days_ahead),
    };
    let mut out = Vec::new();
    for s in staff {
        let mut busy = if wanted.ignore_busy {
            Vec::new()
        } else {
            s.busy
        };
        if let Some(own) = wanted.moving
            && let Some(i) = busy.iter().position(|b| *b == own)
        {
            busy.remove(i);
        }
        let calendar = Calendar {
            windows: &s.windows,
            time_off: &s.time_off,
            busy: &busy,
        };
        for (start, end) in free_times(now, rules, &calendar) {
            out.push((start, end, s.id, s.name.clone()));
        }
    }
    out.sort_by(|a, b| (a.0, &a.3, a.2).cmp(&(b.0, &b.3, b.2)));
    out
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
        days: None,
        ignore_busy: false,
        moving,
    };
    let free = individual_free(state, t, &wanted).await?;
    if free.iter().any(|f| f.0 == start) {
        return Ok(());
    }
    wanted.ignore_busy = true;
    let offered = individual_free(state, t, &wanted).await?;
    if offered.iter().any(|f| f.0 == start) {
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

fn note_of(issues: &mut Issues, note: Option<&str>) -> Option<String> {
    match optional_text(note, TextRule::optional_lines(NOTE_MAX_CHARS)) {
        Ok(note) => note,
        Err(code) => {
            issues.add("note", code);
            None
        }
    }
}

/// What to insert for a booking of `t` (a free time or a group seat), checked as far as reads can.
#[allow(clippy::too_many_arguments)]
async fn prepare(
    state: &AppState,
    t: &SessionTypeRecord,
    youth_id: i64,
    staff_id: Option<i64>,
    starts_at: Option<&str>,
    group_session_id: Option<i64>,
    note: Option<&str>,
    by_staff: Option<i64>,
) -> Result<BookingInsert, AppError> {
    let mut issues = Issues::default();
    let note = note_of(&mut issues, note);
    let now = state.clock.unix_seconds();
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
        let g = state
            .db
            .group_session(group)
            .await?
            .filter(|g| g.session_type_id == t.id)
            .ok_or(AppError::NotFound)?;
        let horizon_end = now + t.bookable_days_ahead * 86_400 + 86_400;
        let too_soon = g.starts_at < now + t.notice_minutes * 60;
        if g.starts_at <= now || (by_staff.is_none() && (too_soon || g.starts_at > horizon_end)) {
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
    let id = state
        .db
        .book(insert, now, &compose)
        .await
        .map_err(refusal)?;
    let record = state.db.booking(id).await?.ok_or(AppError::NotFound)?;
    Ok(booking_api(record, now))
}

/// `?profession=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProfessionQuery {
    /// Only this profession (e.g. `study_counsellor`).
    pub profession: Option<Profession>,
}

/// What can be booked, by profession.
#[utoipa::path(
    get,
    path = "/api/booking/session-types",
    operation_id = "list_session_types",
    tag = "booking",
    security(("session" = [])),
    params(ProfessionQuery),
    responses(
        (status = 200, description = "Session types, by profession and name", body = Vec<SessionType>),
        (status = 400, description = "`bad_request`: unknown profession", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: a guardian", body = ErrorBody),
    )
)]
pub async fn list_session_types(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<ProfessionQuery>,
) -> Result<Json<Vec<SessionType>>, AppError> {
    not_guardian(&signed_in)?;
    let types = state.db.list_session_types(query.profession).await?;
    Ok(Json(types.iter().map(session_type_api).collect()))
}

fn valid_type(input: &SessionTypeInput) -> Result<SessionTypeInput, AppError> {
    input.validate().map_err(|problems| {
        let mut issues = Issues::default();
        for (field, code) in problems {
            issues.add(&field, code);
        }
        issues.finish().err().unwrap_or(AppError::BadRequest)
    })
}

/// A new session type.
#[utoipa::path(
    post,
    path = "/api/booking/session-types",
    operation_id = "create_session_type",
    tag = "booking",
    security(("session" = [])),
    request_body = SessionTypeInput,
    responses(
        (status = 201, description = "Created", body = SessionType),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 422, description = "`validation`: `name` `required`/`too_long`; numbers `booking_out_of_range`", body = ErrorBody),
    )
)]
pub async fn create_session_type(
    State(state): State<AppState>,
    staff: Staff,
    Json(input): Json<SessionTypeInput>,
) -> Result<(StatusCode, Json<SessionType>), AppError> {
    let input = valid_type(&input)?;
    let id = state
        .db
        .create_session_type(&input, staff.id(), state.clock.unix_seconds())
        .await?;
    let t = load_type(&state, id).await?;
    Ok((StatusCode::CREATED, Json(session_type_api(&t))))
}

/// Changes a session type (bookings made keep their times).
#[utoipa::path(
    put,
    path = "/api/booking/session-types/{id}",
    operation_id = "update_session_type",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The session type")),
    request_body = SessionTypeInput,
    responses(
        (status = 200, description = "Changed", body = SessionType),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`validation`", body = ErrorBody),
    )
)]
pub async fn update_session_type(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<i64>,
    Json(input): Json<SessionTypeInput>,
) -> Result<Json<SessionType>, AppError> {
    let input = valid_type(&input)?;
    if !state.db.update_session_type(id, &input).await? {
        return Err(AppError::NotFound);
    }
    Ok(Json(session_type_api(&load_type(&state, id).await?)))
}

/// `?staff_id=&days=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FreeTimesQuery {
    /// One staff member; without it, anyone of the session type's profession.
    pub staff_id: Option<i64>,
    /// Days ahead, 1 up to the session type's `bookable_days_ahead` (the default).
    pub days: Option<i64>,
}

/// Free times for the coming weeks, grouped by Swedish day.
#[utoipa::path(
    get,
    path = "/api/booking/session-types/{id}/free-times",
    operation_id = "list_free_times",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The session type"), FreeTimesQuery),
    responses(
        (status = 200, description = "Days with free times (or group sessions with seats left), earliest first; empty `days` when nothing is free: join the waitlist", body = FreeTimes),
        (status = 400, description = "`bad_request`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: a guardian", body = ErrorBody),
        (status = 404, description = "`not_found`: no such session type", body = ErrorBody),
    )
)]
pub async fn list_free_times(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Query(query): Query<FreeTimesQuery>,
) -> Result<Json<FreeTimes>, AppError> {
    not_guardian(&signed_in)?;
    let wanted = Wanted {
        staff_id: query.staff_id,
        days: query.days,
        ignore_busy: false,
        moving: None,
    };
    let (at, t, staff) = type_and_availability(&state, id, &wanted).await?;
    let now = at.as_second();
    let mut times: Vec<FreeTime> = Vec::new();
    if t.is_group {
        let horizon = query
            .days
            .unwrap_or(t.bookable_days_ahead)
            .clamp(1, t.bookable_days_ahead);
        let to = now + (horizon + 1) * 86_400;
        let groups = state
            .db
            .group_sessions(t.id, query.staff_id, now + t.notice_minutes * 60, to)
            .await?;
        for g in groups.into_iter().filter(|g| g.taken < g.seats) {
            times.push(FreeTime {
                starts_at: swedish_time(g.starts_at),
                ends_at: swedish_time(g.ends_at),
                staff_id: g.staff_id,
                staff_name: g.staff_name,
                group_session_id: Some(g.id),
                seats_left: u32::try_from(g.seats - g.taken).ok(),
                place: g.place,
            });
        }
    } else {
        for (start, end, staff_id, staff_name) in free_of(at, &t, &wanted, staff) {
            times.push(FreeTime {
                starts_at: swedish_time(start),
                ends_at: swedish_time(end),
                staff_id,
                staff_name,
                group_session_id: None,
                seats_left: None,
                place: None,
            });
        }
    }
    let mut days: Vec<FreeDay> = Vec::new();
    for time in times {
        let date = time.starts_at.get(..10).unwrap_or_default().to_owned();
        match days.last_mut() {
            Some(day) if day.date == date => day.times.push(time),
            _ => days.push(FreeDay {
                date,
                times: vec![time],
            }),
        }
    }
    Ok(Json(FreeTimes {
        session_type: session_type_api(&t),
        days,
    }))
}

/// Staff who offer bookable time.
#[utoipa::path(
    get,
    path = "/api/booking/staff",
    operation_id = "list_bookable_staff",
    tag = "booking",
    security(("session" = [])),
    params(ProfessionQuery),
    responses(
        (status = 200, description = "Staff with opening hours, by name", body = Vec<BookableStaff>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: a guardian", body = ErrorBody),
    )
)]
pub async fn list_bookable_staff(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<ProfessionQuery>,
) -> Result<Json<Vec<BookableStaff>>, AppError> {
    not_guardian(&signed_in)?;
    let staff = state.db.bookable_staff(query.profession).await?;
    Ok(Json(
        staff
            .into_iter()
            .map(|(id, name, profession)| BookableStaff {
                id,
                name,
                profession,
            })
            .collect(),
    ))
}

async fn hours_of(state: &AppState, staff_id: i64) -> Result<WeeklyHours, AppError> {
    let windows = state.db.opening_hours(staff_id).await?;
    Ok(WeeklyHours {
        windows: windows
            .into_iter()
            .filter_map(|(d, s, e)| {
                Some(OpeningWindow {
                    weekday: Weekday::from_number(d)?,
                    start: format_clock(s),
                    end: format_clock(e),
                })
            })
            .collect(),
    })
}

/// The caller's weekly opening hours.
#[utoipa::path(
    get,
    path = "/api/staff/me/opening-hours",
    operation_id = "get_my_opening_hours",
    tag = "booking",
    security(("session" = [])),
    responses(
        (status = 200, description = "Swedish wall-clock windows", body = WeeklyHours),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn get_my_opening_hours(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<WeeklyHours>, AppError> {
    Ok(Json(hours_of(&state, staff.id()).await?))
}

/// Replaces the caller's weekly opening hours.
#[utoipa::path(
    put,
    path = "/api/staff/me/opening-hours",
    operation_id = "set_my_opening_hours",
    tag = "booking",
    security(("session" = [])),
    request_body = WeeklyHours,
    responses(
        (status = 200, description = "Saved, sorted; times that became free are offered to the waitlists", body = WeeklyHours),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 422, description = "`validation`: `windows[i].start`/`end` `booking_time_format`, `booking_time_order`, `booking_hours_overlap`", body = ErrorBody),
    )
)]
pub async fn set_my_opening_hours(
    State(state): State<AppState>,
    staff: Staff,
    Json(hours): Json<WeeklyHours>,
) -> Result<Json<WeeklyHours>, AppError> {
    let windows = hours.validate().map_err(|problems| {
        let mut issues = Issues::default();
        for (field, code) in problems {
            issues.add(&field, code);
        }
        issues.finish().err().unwrap_or(AppError::BadRequest)
    })?;
    let windows: Vec<(u8, u16, u16)> = windows
        .into_iter()
        .map(|(d, s, e)| (d.number(), s, e))
        .collect();
    state.db.set_opening_hours(staff.id(), &windows).await?;
    serve_waitlists_now(&state).await;
    Ok(Json(hours_of(&state, staff.id()).await?))
}

/// The caller's coming time off.
#[utoipa::path(
    get,
    path = "/api/staff/me/exceptions",
    operation_id = "list_my_exceptions",
    tag = "booking",
    security(("session" = [])),
    responses(
        (status = 200, description = "Time off that has not ended, earliest first", body = Vec<TimeOff>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn list_my_exceptions(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<Vec<TimeOff>>, AppError> {
    let list = state
        .db
        .time_off(staff.id(), state.clock.unix_seconds())
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|(id, s, e, reason)| TimeOff {
                id,
                starts_at: swedish_time(s),
                ends_at: swedish_time(e),
                reason,
            })
            .collect(),
    ))
}

/// Time off or a blocked afternoon: no free times then (bookings made stay).
#[utoipa::path(
    post,
    path = "/api/staff/me/exceptions",
    operation_id = "create_exception",
    tag = "booking",
    security(("session" = [])),
    request_body = NewTimeOff,
    responses(
        (status = 201, description = "Created", body = TimeOff),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 422, description = "`validation`: `starts_at`/`ends_at` `booking_time_format`, `ends_at` `booking_time_order`, `reason` `too_long`", body = ErrorBody),
    )
)]
pub async fn create_exception(
    State(state): State<AppState>,
    staff: Staff,
    Json(request): Json<NewTimeOff>,
) -> Result<(StatusCode, Json<TimeOff>), AppError> {
    let mut issues = Issues::default();
    let start = parse_start(&mut issues, "starts_at", Some(&request.starts_at));
    let end = parse_start(&mut issues, "ends_at", Some(&request.ends_at));
    if let (Some(s), Some(e)) = (start, end)
        && s >= e
    {
        issues.add("ends_at", "booking_time_order");
    }
    let reason = match optional_text(
        request.reason.as_deref(),
        TextRule::optional_lines(TIME_OFF_REASON_MAX_CHARS),
    ) {
        Ok(r) => r,
        Err(code) => {
            issues.add("reason", code);
            None
        }
    };
    issues.finish()?;
    let (Some(start), Some(end)) = (start, end) else {
        return Err(AppError::BadRequest);
    };
    let id = state
        .db
        .add_time_off(staff.id(), start, end, reason.as_deref())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(TimeOff {
            id,
            starts_at: swedish_time(start),
            ends_at: swedish_time(end),
            reason,
        }),
    ))
}

/// Removes the caller's time off.
#[utoipa::path(
    delete,
    path = "/api/staff/me/exceptions/{id}",
    operation_id = "delete_exception",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The time off")),
    responses(
        (status = 204, description = "Removed; times that became free are offered to the waitlists"),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's", body = ErrorBody),
    )
)]
pub async fn delete_exception(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    if state.db.delete_time_off(staff.id(), id).await? {
        serve_waitlists_now(&state).await;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// A group session with seats, given by the caller.
#[utoipa::path(
    post,
    path = "/api/booking/group-sessions",
    operation_id = "create_group_session",
    tag = "booking",
    security(("session" = [])),
    request_body = NewGroupSession,
    responses(
        (status = 201, description = "Created", body = GroupSession),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such session type", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_taken`, the caller is busy then", body = ErrorBody),
        (status = 422, description = "`validation`: `session_type_id` `booking_not_group`, `starts_at` `booking_time_format`/`booking_not_free` (past), `seats` `booking_out_of_range`, `place` `too_long`", body = ErrorBody),
    )
)]
pub async fn create_group_session(
    State(state): State<AppState>,
    staff: Staff,
    Json(request): Json<NewGroupSession>,
) -> Result<(StatusCode, Json<GroupSession>), AppError> {
    let t = load_type(&state, request.session_type_id).await?;
    let now = state.clock.unix_seconds();
    let mut issues = Issues::default();
    if !t.is_group {
        issues.add("session_type_id", "booking_not_group");
    }
    let start = parse_start(&mut issues, "starts_at", Some(&request.starts_at));
    if start.is_some_and(|s| s <= now) {
        issues.add("starts_at", "booking_not_free");
    }
    if !(1..=200).contains(&request.seats) {
        issues.add("seats", "booking_out_of_range");
    }
    let place = match optional_text(
        request.place.as_deref(),
        TextRule::optional_line(PLACE_MAX_CHARS),
    ) {
        Ok(p) => p,
        Err(code) => {
            issues.add("place", code);
            None
        }
    };
    issues.finish()?;
    let Some(start) = start else {
        return Err(AppError::BadRequest);
    };
    let end = start + t.length_minutes * 60;
    let id = state
        .db
        .create_group_session(
            t.id,
            staff.id(),
            start,
            end,
            end + t.buffer_minutes * 60,
            i64::from(request.seats),
            place.as_deref(),
            now,
        )
        .await
        .map_err(refusal)?;
    let g = state
        .db
        .group_session(id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(group_api(g))))
}

/// The caller's bookings, offers and waitlist places.
#[utoipa::path(
    get,
    path = "/api/me/bookings",
    operation_id = "list_my_bookings",
    tag = "booking",
    security(("session" = [])),
    responses(
        (status = 200, description = "Upcoming (soonest first), offers from the waitlist, past (latest first), waitlist", body = MyBookings),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    )
)]
pub async fn list_my_bookings(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<MyBookings>, AppError> {
    let now = settle(&state).await?;
    let id = youth.0.account.id;
    let mut mine = MyBookings {
        upcoming: Vec::new(),
        offers: Vec::new(),
        past: Vec::new(),
        waitlist: Vec::new(),
    };
    for b in state.db.youth_bookings(id).await? {
        let (status, ends_at) = (b.status, b.ends_at);
        let api = booking_api(b, now);
        match status {
            BookingStatus::Offered => mine.offers.push(api),
            BookingStatus::Booked if ends_at > now => mine.upcoming.push(api),
            _ => mine.past.push(api),
        }
    }
    mine.past.reverse();
    mine.waitlist = state
        .db
        .youth_waitlist(id)
        .await?
        .into_iter()
        .map(waitlist_api)
        .collect();
    Ok(Json(mine))
}

/// Books a free time or a seat.
#[utoipa::path(
    post,
    path = "/api/me/bookings",
    operation_id = "create_booking",
    tag = "booking",
    security(("session" = [])),
    request_body = NewBooking,
    responses(
        (status = 201, description = "Booked", body = Booking),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
        (status = 404, description = "`not_found`: no such session type, staff member or group session", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_taken`, `booking_full`, `booking_youth_overlap`, `booking_limit`; the message says what to do", body = ErrorBody),
        (status = 422, description = "`validation`: `starts_at` `required`/`booking_time_format`/`booking_not_free`, `staff_id`/`group_session_id` `required`, `note` `too_long`", body = ErrorBody),
    )
)]
pub async fn create_booking(
    State(state): State<AppState>,
    youth: Youth,
    Json(request): Json<NewBooking>,
) -> Result<(StatusCode, Json<Booking>), AppError> {
    let t = load_type(&state, request.session_type_id).await?;
    let insert = prepare(
        &state,
        &t,
        youth.0.account.id,
        request.staff_id,
        request.starts_at.as_deref(),
        request.group_session_id,
        request.note.as_deref(),
        None,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(book(&state, &insert).await?)))
}

/// Cancels the caller's booking, until the deadline; the time goes to the waitlist.
#[utoipa::path(
    post,
    path = "/api/me/bookings/{id}/cancel",
    operation_id = "cancel_my_booking",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The booking")),
    responses(
        (status = 200, description = "Cancelled", body = Booking),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_too_late` (the message says whom to call), `booking_status`", body = ErrorBody),
    )
)]
pub async fn cancel_my_booking(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
) -> Result<Json<Booking>, AppError> {
    let now = state.clock.unix_seconds();
    let compose = |f: &MessageFacts| compose(&state, f);
    let b = state
        .db
        .cancel_booking(id, &Canceller::Youth(youth.0.account.id), now, &compose)
        .await
        .map_err(refusal)?;
    state.outbox.notify_one();
    Ok(Json(booking_api(b, now)))
}

/// Moves the caller's booking to another free time, until the deadline.
#[utoipa::path(
    post,
    path = "/api/me/bookings/{id}/move",
    operation_id = "move_my_booking",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The booking")),
    request_body = MoveBooking,
    responses(
        (status = 200, description = "Moved", body = Booking),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_too_late` (the message says whom to call), `booking_taken`, `booking_youth_overlap`, `booking_status`", body = ErrorBody),
        (status = 422, description = "`validation`: `starts_at` `booking_time_format`/`booking_not_free`", body = ErrorBody),
    )
)]
pub async fn move_my_booking(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
    Json(request): Json<MoveBooking>,
) -> Result<Json<Booking>, AppError> {
    let now = settle(&state).await?;
    let youth_id = youth.0.account.id;
    let b = state
        .db
        .booking(id)
        .await?
        .filter(|b| b.youth_id == youth_id)
        .ok_or(AppError::NotFound)?;
    if b.status != BookingStatus::Booked || b.group_session_id.is_some() || b.starts_at <= now {
        return Err(refusal(BookingError::Status));
    }
    if now > b.change_deadline() {
        return Err(refusal(BookingError::TooLate {
            staff_name: b.staff_name,
            staff_phone: b.staff_phone,
        }));
    }
    let t = load_type(&state, b.session_type_id).await?;
    let mut issues = Issues::default();
    let start = parse_start(&mut issues, "starts_at", Some(&request.starts_at));
    issues.finish()?;
    let Some(start) = start else {
        return Err(AppError::BadRequest);
    };
    let staff_id = request.staff_id.unwrap_or(b.staff_id);
    let buffer = t.buffer_minutes * 60;
    let own = (staff_id == b.staff_id).then_some((b.starts_at, b.ends_at + buffer));
    check_free(&state, &t, staff_id, start, own).await?;
    let end = start + t.length_minutes * 60;
    let compose = |f: &MessageFacts| compose(&state, f);
    let moved = state
        .db
        .move_booking(
            id,
            youth_id,
            staff_id,
            start,
            end,
            end + buffer,
            now,
            &compose,
        )
        .await
        .map_err(refusal)?;
    state.outbox.notify_one();
    Ok(Json(booking_api(moved, now)))
}

async fn answer(
    state: &AppState,
    youth: &Youth,
    id: i64,
    accept: bool,
) -> Result<Booking, AppError> {
    let now = state.clock.unix_seconds();
    let compose = |f: &MessageFacts| compose(state, f);
    let b = state
        .db
        .answer_offer(id, youth.0.account.id, accept, now, &compose)
        .await
        .map_err(refusal)?;
    state.outbox.notify_one();
    Ok(booking_api(b, now))
}

/// Accepts a time offered from the waitlist, before its hold expires.
#[utoipa::path(
    post,
    path = "/api/me/bookings/{id}/accept",
    operation_id = "accept_offer",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The offered booking")),
    responses(
        (status = 200, description = "Booked", body = Booking),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_status`, the offer has lapsed or was answered", body = ErrorBody),
    )
)]
pub async fn accept_offer(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
) -> Result<Json<Booking>, AppError> {
    Ok(Json(answer(&state, &youth, id, true).await?))
}

/// Declines a time offered from the waitlist: it passes to the next in line.
#[utoipa::path(
    post,
    path = "/api/me/bookings/{id}/decline",
    operation_id = "decline_offer",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The offered booking")),
    responses(
        (status = 200, description = "Declined (`lapsed`); the caller leaves that waitlist", body = Booking),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_status`", body = ErrorBody),
    )
)]
pub async fn decline_offer(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
) -> Result<Json<Booking>, AppError> {
    Ok(Json(answer(&state, &youth, id, false).await?))
}

/// Joins the waitlist of a session type (a staff member, or anyone).
#[utoipa::path(
    post,
    path = "/api/me/waitlist",
    operation_id = "join_waitlist",
    tag = "booking",
    security(("session" = [])),
    request_body = JoinWaitlist,
    responses(
        (status = 201, description = "In line", body = WaitlistEntry),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
        (status = 404, description = "`not_found`: no such session type or staff member", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_waitlist_taken`, already in line for it", body = ErrorBody),
    )
)]
pub async fn join_waitlist(
    State(state): State<AppState>,
    youth: Youth,
    Json(request): Json<JoinWaitlist>,
) -> Result<(StatusCode, Json<WaitlistEntry>), AppError> {
    let t = load_type(&state, request.session_type_id).await?;
    if let Some(staff_id) = request.staff_id {
        let staff = crate::auth::store::account(&state.db, staff_id).await?;
        if staff.and_then(|a| a.profession) != Some(t.profession) {
            return Err(AppError::NotFound);
        }
    }
    let youth_id = youth.0.account.id;
    let id = state
        .db
        .join_waitlist(youth_id, t.id, request.staff_id, state.clock.unix_seconds())
        .await
        .map_err(refusal)?;
    let entry = state
        .db
        .youth_waitlist(youth_id)
        .await?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(waitlist_api(entry))))
}

/// Leaves a waitlist.
#[utoipa::path(
    delete,
    path = "/api/me/waitlist/{id}",
    operation_id = "leave_waitlist",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The waitlist entry")),
    responses(
        (status = 204, description = "Left"),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's, or not waiting", body = ErrorBody),
    )
)]
pub async fn leave_waitlist(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    if state
        .db
        .leave_waitlist(id, youth.0.account.id, state.clock.unix_seconds())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// `?date=&days=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    /// First day, `YYYY-MM-DD` (default today, Swedish time).
    #[param(format = Date)]
    pub date: Option<String>,
    /// 1 (a day, the default) to 31; 7 for a week.
    #[param(minimum = 1, maximum = 31)]
    pub days: Option<i64>,
}

/// The caller's bookings in a day or a week, with the young people's names and notes.
#[utoipa::path(
    get,
    path = "/api/staff/me/bookings",
    operation_id = "list_staff_bookings",
    tag = "booking",
    security(("session" = [])),
    params(RangeQuery),
    responses(
        (status = 200, description = "Bookings (booked, attended, no-show, offered) and group sessions, earliest first; each young person shown is audited (`list_bookings`)", body = StaffBookings),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 422, description = "`validation`: `date` `booking_time_format`, `days` `booking_out_of_range`", body = ErrorBody),
    )
)]
pub async fn list_staff_bookings(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<RangeQuery>,
) -> Result<Json<StaffBookings>, AppError> {
    let mut issues = Issues::default();
    let from = match query.date.as_deref() {
        None => Some(today(&state.clock)),
        Some(d) => {
            let parsed = parse_date(d);
            if parsed.is_none() {
                issues.add("date", "booking_time_format");
            }
            parsed
        }
    };
    let days = query.days.unwrap_or(1);
    if !(1..=31).contains(&days) {
        issues.add("days", "booking_out_of_range");
    }
    issues.finish()?;
    let Some(from) = from else {
        return Err(AppError::BadRequest);
    };
    let until = from
        .checked_add(days.days())
        .map_err(|_| AppError::invalid_field("date", "booking_time_format"))?;
    let now = settle(&state).await?;
    let (bookings, groups) = state
        .db
        .staff_bookings(staff.viewer(), start_of_day(from), start_of_day(until), now)
        .await?;
    Ok(Json(StaffBookings {
        from: from.to_string(),
        to: swedish_date(start_of_day(until) - 1),
        bookings: bookings.into_iter().map(|b| booking_api(b, now)).collect(),
        group_sessions: groups.into_iter().map(group_api).collect(),
    }))
}

/// Books for a young person the caller can see (no notice, horizon or limit; the invariants hold).
#[utoipa::path(
    post,
    path = "/api/staff/bookings",
    operation_id = "book_for_youth",
    tag = "booking",
    security(("session" = [])),
    request_body = StaffNewBooking,
    responses(
        (status = 201, description = "Booked (audited: `book_for_youth`)", body = Booking),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person (or not visible), session type, staff member or group session", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_taken`, `booking_full`, `booking_youth_overlap`", body = ErrorBody),
        (status = 422, description = "`validation`: `starts_at` `required`/`booking_time_format`/`booking_not_free` (past), `note` `too_long`", body = ErrorBody),
    )
)]
pub async fn book_for_youth(
    State(state): State<AppState>,
    staff: Staff,
    Json(request): Json<StaffNewBooking>,
) -> Result<(StatusCode, Json<Booking>), AppError> {
    if !crate::people::access::staff_can_see_youth(&state.db, staff.viewer(), request.youth_id)
        .await?
    {
        return Err(AppError::NotFound);
    }
    let t = load_type(&state, request.session_type_id).await?;
    if let Some(staff_id) = request.staff_id {
        let account = crate::auth::store::account(&state.db, staff_id).await?;
        if account.and_then(|a| a.profession) != Some(t.profession) {
            return Err(AppError::NotFound);
        }
    }
    let insert = prepare(
        &state,
        &t,
        request.youth_id,
        request.staff_id,
        request.starts_at.as_deref(),
        request.group_session_id,
        request.note.as_deref(),
        Some(staff.id()),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(book(&state, &insert).await?)))
}

/// Marks a booking that has started attended or no-show.
#[utoipa::path(
    post,
    path = "/api/staff/bookings/{id}/attendance",
    operation_id = "mark_attendance",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The booking")),
    request_body = Attendance,
    responses(
        (status = 200, description = "Marked (audited: `mark_attendance`)", body = Booking),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's booking (administrators: any)", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_status`, not started or cancelled", body = ErrorBody),
    )
)]
pub async fn mark_attendance(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<Attendance>,
) -> Result<Json<Booking>, AppError> {
    let now = state.clock.unix_seconds();
    let b = state
        .db
        .mark_attendance(id, staff.viewer(), request.attended, now)
        .await
        .map_err(refusal)?;
    Ok(Json(booking_api(b, now)))
}

/// Cancels a booking with a message to the young person (outbox); the time goes to the waitlist.
#[utoipa::path(
    post,
    path = "/api/staff/bookings/{id}/cancel",
    operation_id = "staff_cancel_booking",
    tag = "booking",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The booking")),
    request_body = StaffCancel,
    responses(
        (status = 200, description = "Cancelled (audited: `cancel_booking`)", body = Booking),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: not the caller's booking (administrators: any)", body = ErrorBody),
        (status = 409, description = "`conflict`: `booking_status`", body = ErrorBody),
        (status = 422, description = "`validation`: `message` `required`/`too_long`", body = ErrorBody),
    )
)]
pub async fn staff_cancel_booking(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<StaffCancel>,
) -> Result<Json<Booking>, AppError> {
    let message = match optional_text(
        Some(&request.message),
        TextRule::optional_lines(MESSAGE_MAX_CHARS),
    ) {
        Ok(Some(m)) => m,
        Ok(None) => return Err(AppError::invalid_field("message", "required")),
        Err(code) => return Err(AppError::invalid_field("message", code)),
    };
    let now = state.clock.unix_seconds();
    let compose = |f: &MessageFacts| compose(&state, f);
    let b = state
        .db
        .cancel_booking(
            id,
            &Canceller::Staff(staff.viewer(), message),
            now,
            &compose,
        )
        .await
        .map_err(refusal)?;
    state.outbox.notify_one();
    Ok(Json(booking_api(b, now)))
}
