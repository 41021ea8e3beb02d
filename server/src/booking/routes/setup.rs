//! Setting booking up and reading what is free: session types, free times,
//! bookable staff, opening hours, time off and group sessions.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use lotsen_api::account::Profession;
use lotsen_api::booking::{
    BookableStaff, FreeDay, FreeTime, FreeTimes, GroupSession, NewGroupSession, NewTimeOff,
    OpeningWindow, PLACE_MAX_CHARS, SessionType, SessionTypeInput, TIME_OFF_REASON_MAX_CHARS,
    TimeOff, Weekday, WeeklyHours, format_clock,
};
use lotsen_api::text::TextRule;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{
    group_api, load_type, not_guardian, parse_start, refusal, serve_waitlists_now,
    session_type_api, text_of,
};
use crate::AppState;
use crate::auth::{SignedIn, Staff};
use crate::booking::free::{self, Wanted};
use crate::booking::rules::{Window, swedish_time};
use crate::booking::store::{self, NewGroup, TimeOffRecord};
use crate::error::AppError;
use crate::error::Issues;
use crate::json::Json;

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
    let types = store::list_session_types(&state.db, query.profession).await?;
    Ok(Json(types.iter().map(session_type_api).collect()))
}

/// The session type as sent, or the one 422 naming each field's problem.
fn valid_type(input: &SessionTypeInput) -> Result<SessionTypeInput, AppError> {
    input.validate().map_err(AppError::invalid_fields)
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
    let id = store::create_session_type(&state.db, &input, staff.id(), state.clock.unix_seconds())
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
    if !store::update_session_type(&state.db, id, &input).await? {
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
        ..Wanted::default()
    };
    let reads = free::read(&state, id, &wanted)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = &reads.session_type;
    let mut times: Vec<FreeTime> = Vec::new();
    if t.is_group {
        // The same notice and horizon as an individual time.
        let rules = free::session_rules(t, &wanted);
        let from = rules.earliest(reads.now.as_second());
        let to = rules.horizon_end(reads.now);
        let groups = store::group_sessions(&state.db, t.id, query.staff_id, from, to).await?;
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
        for f in free::free_of(reads.now, t, &wanted, reads.staff) {
            times.push(FreeTime {
                starts_at: swedish_time(f.starts_at),
                ends_at: swedish_time(f.ends_at),
                staff_id: f.staff_id,
                staff_name: f.staff_name,
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
        session_type: session_type_api(t),
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
    Ok(Json(
        store::bookable_staff(&state.db, query.profession).await?,
    ))
}

async fn hours_of(state: &AppState, staff_id: i64) -> Result<WeeklyHours, AppError> {
    let windows = store::opening_hours(&state.db, staff_id).await?;
    Ok(WeeklyHours {
        windows: windows
            .into_iter()
            .filter_map(|w| {
                Some(OpeningWindow {
                    weekday: Weekday::from_number(w.weekday)?,
                    start: format_clock(w.start),
                    end: format_clock(w.end),
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
    let windows = hours.validate().map_err(AppError::invalid_fields)?;
    let windows: Vec<Window> = windows
        .into_iter()
        .map(|(d, start, end)| Window {
            weekday: d.number(),
            start,
            end,
        })
        .collect();
    store::set_opening_hours(&state.db, staff.id(), &windows).await?;
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
    let list = store::time_off(&state.db, staff.id(), state.clock.unix_seconds()).await?;
    Ok(Json(list.into_iter().map(time_off_api).collect()))
}

fn time_off_api(o: TimeOffRecord) -> TimeOff {
    TimeOff {
        id: o.id,
        starts_at: swedish_time(o.starts_at),
        ends_at: swedish_time(o.ends_at),
        reason: o.reason,
    }
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
    let reason = text_of(
        &mut issues,
        "reason",
        request.reason.as_deref(),
        TextRule::optional_lines(TIME_OFF_REASON_MAX_CHARS),
    );
    issues.finish()?;
    let (Some(start), Some(end)) = (start, end) else {
        return Err(AppError::BadRequest);
    };
    let id = store::add_time_off(&state.db, staff.id(), start, end, reason.as_deref()).await?;
    let added = TimeOffRecord {
        id,
        starts_at: start,
        ends_at: end,
        reason,
    };
    Ok((StatusCode::CREATED, Json(time_off_api(added))))
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
    if store::delete_time_off(&state.db, staff.id(), id).await? {
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
    let place = text_of(
        &mut issues,
        "place",
        request.place.as_deref(),
        TextRule::optional_line(PLACE_MAX_CHARS),
    );
    issues.finish()?;
    let Some(start) = start else {
        return Err(AppError::BadRequest);
    };
    let end = start + t.length_minutes * 60;
    let group = NewGroup {
        session_type_id: t.id,
        staff_id: staff.id(),
        starts_at: start,
        ends_at: end,
        blocks_until: end + t.buffer_minutes * 60,
        seats: i64::from(request.seats),
        place: place.as_deref(),
    };
    let id = store::create_group_session(&state.db, &group, now)
        .await
        .map_err(refusal)?;
    let g = store::group_session(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(group_api(g))))
}
