//! A young person's bookings: listing, booking, cancelling and moving them,
//! answering offers, and places in waitlists.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use lotsen_api::booking::{
    Booking, BookingStatus, JoinWaitlist, MoveBooking, MyBookings, NewBooking, WaitlistEntry,
};

use super::{
    Asked, book, booking_api, cancel, check_free, load_type, of_profession, parse_start, prepare,
    refusal, settle, told,
};
use crate::AppState;
use crate::auth::Youth;
use crate::booking::messages::compose;
use crate::booking::store::{self, BookingError, Canceller, MessageFacts, Move};
use crate::error::AppError;
use crate::error::Issues;
use crate::json::Json;

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
    for b in store::youth_bookings(&state.db, id).await? {
        let (status, ends_at) = (b.status, b.ends_at);
        let api = booking_api(b, now);
        match status {
            BookingStatus::Offered => mine.offers.push(api),
            BookingStatus::Booked if ends_at > now => mine.upcoming.push(api),
            _ => mine.past.push(api),
        }
    }
    mine.past.reverse();
    mine.waitlist = store::youth_waitlist(&state.db, id).await?;
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
    let asked = Asked {
        youth_id: youth.0.account.id,
        staff_id: request.staff_id,
        starts_at: request.starts_at.as_deref(),
        group_session_id: request.group_session_id,
        note: request.note.as_deref(),
        by_staff: None,
    };
    let insert = prepare(&state, &t, asked).await?;
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
    let by = Canceller::Youth(youth.0.account.id);
    Ok(Json(cancel(&state, id, by).await?))
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
    let b = store::booking(&state.db, id)
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
    let to = Move {
        id,
        youth_id,
        staff_id,
        starts_at: start,
        ends_at: end,
        blocks_until: end + buffer,
    };
    let moved = store::move_booking(&state.db, to, now, &compose).await;
    Ok(Json(told(&state, now, moved)?))
}

async fn answer(
    state: &AppState,
    youth: &Youth,
    id: i64,
    accept: bool,
) -> Result<Booking, AppError> {
    let now = state.clock.unix_seconds();
    let compose = |f: &MessageFacts| compose(state, f);
    let answered =
        store::answer_offer(&state.db, id, youth.0.account.id, accept, now, &compose).await;
    told(state, now, answered)
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
    of_profession(&state, request.staff_id, &t).await?;
    let youth_id = youth.0.account.id;
    let id = store::join_waitlist(
        &state.db,
        youth_id,
        t.id,
        request.staff_id,
        state.clock.unix_seconds(),
    )
    .await
    .map_err(refusal)?;
    let entry = store::youth_waitlist(&state.db, youth_id)
        .await?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(entry)))
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
    if store::leave_waitlist(
        &state.db,
        id,
        youth.0.account.id,
        state.clock.unix_seconds(),
    )
    .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}
