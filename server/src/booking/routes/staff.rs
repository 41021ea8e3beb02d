//! Staff's side of bookings: their day and week, booking for a young
//! person, attendance and cancelling with a message.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use jiff::ToSpan;
use lotsen_api::ErrorBody;
use lotsen_api::booking::{
    Attendance, Booking, BookingMessage, BookingMessageKind, MESSAGE_MAX_CHARS, StaffBookings,
    StaffCancel, StaffNewBooking, optional_text,
};
use lotsen_api::text::TextRule;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    Asked, book, booking_api, cancel, group_api, load_type, of_profession, prepare, refusal, settle,
};
use crate::AppState;
use crate::auth::Staff;
use crate::booking::rules::{parse_date, start_of_day, swedish_date, swedish_time, today};
use crate::booking::store::{self, BookingMessageRecord, Canceller};
use crate::error::AppError;
use crate::error::Issues;
use crate::json::Json;
use crate::outbox::{Channel, message_state};

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
        (status = 200, description = "Bookings (booked, attended, no-show, offered) and group sessions, earliest first; each booking with its latest reminder or waitlist offer (`message`: kind, channel, `waiting`/`sent`/`delivered`/`failed` and when; never its text or address) once one was written; each young person shown is audited (`list_bookings`)", body = StaffBookings),
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
    let day = store::staff_bookings(
        &state.db,
        staff.viewer(),
        start_of_day(from),
        start_of_day(until),
        now,
    )
    .await?;
    Ok(Json(StaffBookings {
        from: from.to_string(),
        to: swedish_date(start_of_day(until) - 1),
        bookings: with_messages(
            day.bookings.into_iter().map(|b| booking_api(b, now)),
            day.messages,
        ),
        group_sessions: day.groups.into_iter().map(group_api).collect(),
    }))
}

/// The bookings, each with its latest reminder or offer (if it has one).
fn with_messages(
    bookings: impl Iterator<Item = Booking>,
    messages: Vec<BookingMessageRecord>,
) -> Vec<Booking> {
    let mut by_booking: std::collections::HashMap<i64, BookingMessageRecord> =
        messages.into_iter().map(|m| (m.booking_id, m)).collect();
    bookings
        .map(|mut b| {
            b.message = by_booking.remove(&b.id).and_then(message_api);
            b
        })
        .collect()
}

/// A stored message as staff see it; `None` for a kind or channel this
/// server does not know (never stored: the columns are checked).
fn message_api(m: BookingMessageRecord) -> Option<BookingMessage> {
    let kind = match m.kind.as_str() {
        "reminder" => BookingMessageKind::Reminder,
        "offer" => BookingMessageKind::Offer,
        _ => return None,
    };
    Some(BookingMessage {
        kind,
        channel: Channel::parse(&m.channel)?.wire(),
        state: message_state(&m.status),
        at: swedish_time(m.at),
    })
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
    staff.may_see_youth(&state.db, request.youth_id).await?;
    let t = load_type(&state, request.session_type_id).await?;
    of_profession(&state, request.staff_id, &t).await?;
    let asked = Asked {
        youth_id: request.youth_id,
        staff_id: request.staff_id,
        starts_at: request.starts_at.as_deref(),
        group_session_id: request.group_session_id,
        note: request.note.as_deref(),
        by_staff: Some(staff.id()),
    };
    let insert = prepare(&state, &t, asked).await?;
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
    let b = store::mark_attendance(&state.db, id, staff.viewer(), request.attended, now)
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
    let by = Canceller::Staff(staff.viewer(), message);
    Ok(Json(cancel(&state, id, by).await?))
}
