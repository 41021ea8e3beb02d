//! The individual schedule: activities and their occurrences (staff), assignments
//! and one young person's schedule (staff who can see them, audited), the young
//! person's own schedule, "can't come" and calendar feed, and the feed itself.
//! The endpoints are listed in `lotsen_api::schedule`.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use lotsen_api::schedule::{
    AbsenceRequest, Activity, Assignment, CalendarFeed, NewActivity, NewAssignment, Occurrence,
    OccurrenceChange, Schedule, note, parse_time, validate_range, weekdays,
};
use lotsen_api::{Date, ErrorBody};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Staff, Youth, token};
use crate::error::AppError;
use crate::json::Json;
use crate::people::access::StaffViewer;
use crate::schedule::ics::{BookedEvent, ics};
use crate::schedule::rules::{
    Expanded, activity_of, assignment_of, expand, local_to_unix, occurrence_on, occurrences_of,
    planned_on, weekday_mask,
};
use crate::schedule::store::{self, AUDIT_READ_SCHEDULE, ActivityRecord, MovedTo, ScheduleError};
use lotsen_api::date::add_days;

/// The schedule's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_activities, create_activity))
        .routes(routes!(get_activity, update_activity))
        .routes(routes!(list_activity_occurrences))
        .routes(routes!(change_occurrence, restore_occurrence))
        .routes(routes!(list_assignments, assign_activity))
        .routes(routes!(end_assignment))
        .routes(routes!(youth_schedule))
        .routes(routes!(my_schedule))
        .routes(routes!(report_absence, withdraw_absence))
        .routes(routes!(
            get_calendar_feed,
            create_calendar_feed,
            revoke_calendar_feed
        ))
        .routes(routes!(calendar_feed))
}

/// Days before today that the calendar feed shows.
pub const FEED_DAYS_BACK: i64 = 14;
/// Days after today that the calendar feed shows.
pub const FEED_DAYS_AHEAD: i64 = 56;

/// A range of dates, both included (at most 62 days).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    /// First date, `YYYY-MM-DD`.
    #[param(value_type = String, format = Date)]
    #[serde(with = "lotsen_api::date::iso")]
    pub from: Date,
    /// Last date, `YYYY-MM-DD`.
    #[param(value_type = String, format = Date)]
    #[serde(with = "lotsen_api::date::iso")]
    pub to: Date,
}

fn range(q: &RangeQuery) -> Result<(), AppError> {
    validate_range(q.from, q.to).map_err(AppError::invalid_fields)
}

fn date_param(s: &str) -> Result<Date, AppError> {
    lotsen_api::date::parse_iso(s).ok_or(AppError::BadRequest)
}

fn schedule_error(e: ScheduleError) -> AppError {
    match e {
        ScheduleError::LeaderInvalid => AppError::invalid_field("leader_id", "leader_invalid"),
        ScheduleError::NoActivity => AppError::invalid_field("activity_id", "activity_invalid"),
        ScheduleError::AlreadyAssigned => AppError::conflict("activity_id", "already_assigned"),
        ScheduleError::Db(e) => e.into(),
    }
}

/// Every activity, soonest term first.
#[utoipa::path(get, path = "/api/activities", operation_id = "list_activities", tag = "schedule",
    security(("session" = [])),
    responses(
        (status = 200, description = "Every activity", body = Vec<Activity>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    ))]
pub async fn list_activities(
    State(state): State<AppState>,
    _staff: Staff,
) -> Result<Json<Vec<Activity>>, AppError> {
    let list = store::list_activities(&state.db).await?;
    Ok(Json(list.into_iter().map(activity_of).collect()))
}

async fn save(
    state: &AppState,
    staff: &Staff,
    id: Option<i64>,
    request: &NewActivity,
) -> Result<Activity, AppError> {
    let valid = request.validate().map_err(AppError::invalid_fields)?;
    let minutes = (
        i64::from(parse_time(&valid.recurrence.start_time).unwrap_or(0)),
        i64::from(parse_time(&valid.recurrence.end_time).unwrap_or(0)),
    );
    let saved = store::save_activity(
        &state.db,
        id,
        &valid,
        minutes,
        staff.id(),
        state.clock.unix_seconds(),
    )
    .await
    .map_err(schedule_error)?
    .ok_or(AppError::NotFound)?;
    store::activity(&state.db, saved)
        .await?
        .map(activity_of)
        .ok_or(AppError::NotFound)
}

/// Creates an activity.
#[utoipa::path(post, path = "/api/activities", operation_id = "create_activity", tag = "schedule",
    security(("session" = [])), request_body = NewActivity,
    responses(
        (status = 201, description = "Created", body = Activity),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 422, description = "`validation`: field errors (`required`, `too_long`, `time_format`, `time_order`, `date_order`, `range_too_long`, `weekday`, `capacity`, `leader_invalid`)", body = ErrorBody),
    ))]
pub async fn create_activity(
    State(state): State<AppState>,
    staff: Staff,
    Json(request): Json<NewActivity>,
) -> Result<(StatusCode, Json<Activity>), AppError> {
    let saved = save(&state, &staff, None, &request).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// One activity.
#[utoipa::path(get, path = "/api/activities/{id}", operation_id = "get_activity", tag = "schedule",
    security(("session" = [])), params(("id" = i64, Path, description = "The activity")),
    responses(
        (status = 200, description = "The activity", body = Activity),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn get_activity(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Activity>, AppError> {
    store::activity(&state.db, id)
        .await?
        .map(activity_of)
        .map(Json)
        .ok_or(AppError::NotFound)
}

/// Changes an activity (its recurrence too; changed occurrences keep their changes).
#[utoipa::path(put, path = "/api/activities/{id}", operation_id = "update_activity", tag = "schedule",
    security(("session" = [])), params(("id" = i64, Path, description = "The activity")), request_body = NewActivity,
    responses(
        (status = 200, description = "Saved", body = Activity),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`validation`: as for `create_activity`", body = ErrorBody),
    ))]
pub async fn update_activity(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<NewActivity>,
) -> Result<Json<Activity>, AppError> {
    save(&state, &staff, Some(id), &request).await.map(Json)
}

async fn occurrences(
    state: &AppState,
    viewer: StaffViewer,
    activity: &ActivityRecord,
    from: Date,
    to: Date,
) -> Result<Vec<Occurrence>, AppError> {
    let changes = store::activity_changes(&state.db, activity.id, from, to).await?;
    let participants = store::activity_participants(
        &state.db,
        viewer,
        activity.id,
        from,
        to,
        state.clock.unix_seconds(),
    )
    .await?;
    Ok(occurrences_of(activity, &changes, &participants, from, to))
}

/// The occurrences of an activity in a range, with who is expected and who can't come.
#[utoipa::path(get, path = "/api/activities/{id}/occurrences", operation_id = "list_activity_occurrences", tag = "schedule",
    security(("session" = [])), params(("id" = i64, Path, description = "The activity"), RangeQuery),
    responses(
        (status = 200, description = "The planned occurrences in the range, at their planned dates. `expected` and `absent` name only young people the caller may see; each one named is written to the audit log (`list_occurrences`).", body = Vec<Occurrence>),
        (status = 400, description = "`bad_request`: `from` or `to` is not a date", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`validation`: `to` before `from` (`date_order`) or more than 62 days (`range_too_long`)", body = ErrorBody),
    ))]
pub async fn list_activity_occurrences(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<RangeQuery>,
) -> Result<Json<Vec<Occurrence>>, AppError> {
    range(&q)?;
    let activity = store::activity(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    occurrences(&state, staff.viewer(), &activity, q.from, q.to)
        .await
        .map(Json)
}

async fn one_occurrence(
    state: &AppState,
    staff: &Staff,
    id: i64,
    date: Date,
) -> Result<Occurrence, AppError> {
    let activity = store::activity(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    occurrences(state, staff.viewer(), &activity, date, date)
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// Cancels or moves one occurrence, with a note.
#[utoipa::path(put, path = "/api/activities/{id}/occurrences/{date}", operation_id = "change_occurrence", tag = "schedule",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The activity"), ("date" = String, Path, format = Date, description = "The planned date, `YYYY-MM-DD`")),
    request_body = OccurrenceChange,
    responses(
        (status = 200, description = "Changed (any earlier change of it replaced)", body = Occurrence),
        (status = 400, description = "`malformed_json`, or `bad_request`: the date is not a date", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such activity, or it does not occur on that date", body = ErrorBody),
        (status = 422, description = "`validation`: `note` too long, `start`/`end` not times (`time_format`) or in the wrong order (`time_order`)", body = ErrorBody),
    ))]
pub async fn change_occurrence(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, date)): Path<(i64, String)>,
    Json(request): Json<OccurrenceChange>,
) -> Result<Json<Occurrence>, AppError> {
    let date = date_param(&date)?;
    let change = request.validate().map_err(AppError::invalid_fields)?;
    let activity = store::activity(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !planned_on(&activity, None, date) {
        return Err(AppError::NotFound);
    }
    let (moved, note) = match &change {
        OccurrenceChange::Cancel { note } => (None, note.clone()),
        OccurrenceChange::Move {
            date,
            start,
            end,
            note,
        } => (
            Some(MovedTo {
                date: *date,
                start: i64::from(parse_time(start).unwrap_or(0)),
                end: i64::from(parse_time(end).unwrap_or(0)),
            }),
            note.clone(),
        ),
    };
    store::change_occurrence(
        &state.db,
        id,
        date,
        moved,
        note.as_deref(),
        staff.id(),
        state.clock.unix_seconds(),
    )
    .await?;
    one_occurrence(&state, &staff, id, date).await.map(Json)
}

/// Puts one occurrence back as planned.
#[utoipa::path(delete, path = "/api/activities/{id}/occurrences/{date}", operation_id = "restore_occurrence", tag = "schedule",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The activity"), ("date" = String, Path, format = Date, description = "The planned date, `YYYY-MM-DD`")),
    responses(
        (status = 200, description = "As planned again", body = Occurrence),
        (status = 400, description = "`bad_request`: the date is not a date", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn restore_occurrence(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, date)): Path<(i64, String)>,
) -> Result<Json<Occurrence>, AppError> {
    let date = date_param(&date)?;
    let activity = store::activity(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !planned_on(&activity, None, date) {
        return Err(AppError::NotFound);
    }
    store::restore_occurrence(&state.db, id, date, state.clock.unix_seconds()).await?;
    one_occurrence(&state, &staff, id, date).await.map(Json)
}

/// Records in the audit log that `staff` read `youth`'s schedule (`read_schedule`).
async fn audit_schedule_read(state: &AppState, staff: &Staff, youth: i64) -> Result<(), AppError> {
    store::audit_youth(
        &state.db,
        staff.id(),
        youth,
        AUDIT_READ_SCHEDULE,
        state.clock.unix_seconds(),
    )
    .await?;
    Ok(())
}

/// A young person's running assignments.
#[utoipa::path(get, path = "/api/youth/{id}/assignments", operation_id = "list_assignments", tag = "schedule",
    security(("session" = [])), params(("id" = i64, Path, description = "The young person")),
    responses(
        (status = 200, description = "Their running assignments (audited: `read_schedule`)", body = Vec<Assignment>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person visible to the caller", body = ErrorBody),
    ))]
pub async fn list_assignments(
    State(state): State<AppState>,
    staff: Staff,
    Path(youth): Path<i64>,
) -> Result<Json<Vec<Assignment>>, AppError> {
    staff.may_see_youth(&state.db, youth).await?;
    let list = store::assignments(&state.db, youth).await?;
    audit_schedule_read(&state, &staff, youth).await?;
    Ok(Json(list.into_iter().map(assignment_of).collect()))
}

/// Puts an activity on a young person's schedule.
#[utoipa::path(post, path = "/api/youth/{id}/assignments", operation_id = "assign_activity", tag = "schedule",
    security(("session" = [])), params(("id" = i64, Path, description = "The young person")), request_body = NewAssignment,
    responses(
        (status = 201, description = "Assigned (audited: `assign_activity`)", body = Assignment),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: the activity is already on their schedule (`already_assigned`)", body = ErrorBody),
        (status = 422, description = "`validation`: `activity_invalid`, `weekday` (not 1–7 or not a day of the activity)", body = ErrorBody),
    ))]
pub async fn assign_activity(
    State(state): State<AppState>,
    staff: Staff,
    Path(youth): Path<i64>,
    Json(request): Json<NewAssignment>,
) -> Result<(StatusCode, Json<Assignment>), AppError> {
    staff.may_see_youth(&state.db, youth).await?;
    let days =
        weekdays(&request.weekdays, true).map_err(|c| AppError::invalid_field("weekdays", c))?;
    let activity = store::activity(&state.db, request.activity_id)
        .await?
        .ok_or_else(|| AppError::invalid_field("activity_id", "activity_invalid"))?;
    if days.iter().any(|d| !activity.weekdays.contains(d)) {
        return Err(AppError::invalid_field("weekdays", "weekday"));
    }
    let new = store::NewAssignment {
        youth_id: youth,
        activity_id: activity.id,
        weekdays: weekday_mask(&days),
        from_date: request.from_date,
        actor: staff.id(),
        audited: true,
    };
    let saved = store::assign(&state.db, &new, state.clock.unix_seconds())
        .await
        .map_err(schedule_error)?;
    Ok((StatusCode::CREATED, Json(assignment_of(saved))))
}

/// Takes an activity off a young person's schedule from today.
#[utoipa::path(delete, path = "/api/youth/{id}/assignments/{assignment_id}", operation_id = "end_assignment", tag = "schedule",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person"), ("assignment_id" = i64, Path, description = "The assignment")),
    responses(
        (status = 204, description = "Ended (audited: `end_assignment`); occurrences from today on leave their schedule"),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn end_assignment(
    State(state): State<AppState>,
    staff: Staff,
    Path((youth, id)): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    staff.may_see_youth(&state.db, youth).await?;
    let ended = store::end_assignment(
        &state.db,
        youth,
        id,
        state.clock.today(),
        staff.id(),
        state.clock.unix_seconds(),
    )
    .await?;
    if ended {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

async fn schedule_of(
    state: &AppState,
    youth: i64,
    from: Date,
    to: Date,
) -> Result<Vec<Expanded>, AppError> {
    let rows = store::schedule_rows(&state.db, youth, from, to).await?;
    Ok(expand(&rows, from, to))
}

async fn schedule(state: &AppState, youth: i64, q: &RangeQuery) -> Result<Schedule, AppError> {
    range(q)?;
    let items = schedule_of(state, youth, q.from, q.to).await?;
    Ok(Schedule {
        from: q.from,
        to: q.to,
        generated_at: state.clock.unix_seconds(),
        items: items.into_iter().map(|e| e.item).collect(),
    })
}

/// A young person's schedule, as they see it.
#[utoipa::path(get, path = "/api/youth/{id}/schedule", operation_id = "youth_schedule", tag = "schedule",
    security(("session" = [])), params(("id" = i64, Path, description = "The young person"), RangeQuery),
    responses(
        (status = 200, description = "Their schedule (audited: `read_schedule`)", body = Schedule),
        (status = 400, description = "`bad_request`: `from` or `to` is not a date", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person visible to the caller", body = ErrorBody),
        (status = 422, description = "`validation`: `date_order` or `range_too_long`", body = ErrorBody),
    ))]
pub async fn youth_schedule(
    State(state): State<AppState>,
    staff: Staff,
    Path(youth): Path<i64>,
    Query(q): Query<RangeQuery>,
) -> Result<Json<Schedule>, AppError> {
    staff.may_see_youth(&state.db, youth).await?;
    let s = schedule(&state, youth, &q).await?;
    audit_schedule_read(&state, &staff, youth).await?;
    Ok(Json(s))
}

/// My schedule (reads only; nothing is written).
#[utoipa::path(get, path = "/api/me/schedule", operation_id = "my_schedule", tag = "schedule",
    security(("session" = [])), params(RangeQuery),
    responses(
        (status = 200, description = "The young person's schedule, sorted by date and time", body = Schedule),
        (status = 400, description = "`bad_request`: `from` or `to` is not a date", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
        (status = 422, description = "`validation`: `date_order` or `range_too_long`", body = ErrorBody),
    ))]
pub async fn my_schedule(
    State(state): State<AppState>,
    youth: Youth,
    Query(q): Query<RangeQuery>,
) -> Result<Json<Schedule>, AppError> {
    schedule(&state, youth.0.account.id, &q).await.map(Json)
}

/// The planned date of the young person's occurrence of `activity` that
/// takes place on `date` (moved there, or planned there and not moved away),
/// or else planned on `date`; `None` when there is none or it is cancelled.
async fn my_occurrence(
    state: &AppState,
    youth: i64,
    activity: i64,
    date: Date,
) -> Result<Option<Date>, AppError> {
    let rows = store::schedule_rows(&state.db, youth, date, date).await?;
    Ok(occurrence_on(&rows, activity, date))
}

/// "Can't come" to one occurrence (by its planned date), with an optional reason.
#[utoipa::path(put, path = "/api/me/schedule/absences/{activity_id}/{date}", operation_id = "report_absence", tag = "schedule",
    security(("session" = [])),
    params(("activity_id" = i64, Path, description = "The activity"), ("date" = String, Path, format = Date, description = "The date the schedule shows it on (moved or not) or its planned date, `YYYY-MM-DD`")),
    request_body = AbsenceRequest,
    responses(
        (status = 204, description = "Recorded (a second report replaces the reason); staff see it"),
        (status = 400, description = "`malformed_json`, or `bad_request`: the date is not a date", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: not an occurrence on their schedule, or it is cancelled", body = ErrorBody),
        (status = 422, description = "`validation`: `reason` too long", body = ErrorBody),
    ))]
pub async fn report_absence(
    State(state): State<AppState>,
    youth: Youth,
    Path((activity, date)): Path<(i64, String)>,
    Json(request): Json<AbsenceRequest>,
) -> Result<StatusCode, AppError> {
    let date = date_param(&date)?;
    let reason =
        note(request.reason.as_deref()).map_err(|p| AppError::invalid_field("reason", p.code()))?;
    let me = youth.0.account.id;
    let planned = my_occurrence(&state, me, activity, date)
        .await?
        .ok_or(AppError::NotFound)?;
    store::report_absence(
        &state.db,
        me,
        activity,
        planned,
        reason.as_deref(),
        state.clock.unix_seconds(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraws a "can't come".
#[utoipa::path(delete, path = "/api/me/schedule/absences/{activity_id}/{date}", operation_id = "withdraw_absence", tag = "schedule",
    security(("session" = [])),
    params(("activity_id" = i64, Path, description = "The activity"), ("date" = String, Path, format = Date, description = "The planned date, `YYYY-MM-DD`")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 400, description = "`bad_request`: the date is not a date", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: there was none", body = ErrorBody),
    ))]
pub async fn withdraw_absence(
    State(state): State<AppState>,
    youth: Youth,
    Path((activity, date)): Path<(i64, String)>,
) -> Result<StatusCode, AppError> {
    let date = date_param(&date)?;
    let me = youth.0.account.id;
    let planned = my_occurrence(&state, me, activity, date)
        .await?
        .unwrap_or(date);
    let withdrawn = store::withdraw_absence(&state.db, me, activity, planned).await?
        || (planned != date && store::withdraw_absence(&state.db, me, activity, date).await?);
    if withdrawn {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether I have a calendar feed (its address cannot be shown again: only its hash is kept).
#[utoipa::path(get, path = "/api/me/calendar", operation_id = "get_calendar_feed", tag = "schedule",
    security(("session" = [])),
    responses(
        (status = 200, description = "`url` is always null here; `active` says whether an address works", body = CalendarFeed),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    ))]
pub async fn get_calendar_feed(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<CalendarFeed>, AppError> {
    let active = store::feed_active(&state.db, youth.0.account.id).await?;
    Ok(Json(CalendarFeed { url: None, active }))
}

/// A new secret calendar address; any earlier one stops working.
#[utoipa::path(post, path = "/api/me/calendar", operation_id = "create_calendar_feed", tag = "schedule",
    security(("session" = [])),
    responses(
        (status = 200, description = "The new address (shown this once)", body = CalendarFeed),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
    ))]
pub async fn create_calendar_feed(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<CalendarFeed>, AppError> {
    let secret = token::generate();
    store::create_feed(
        &state.db,
        youth.0.account.id,
        &token::hash(&secret),
        state.clock.unix_seconds(),
    )
    .await?;
    let url = format!("{}/api/calendar/{secret}", state.settings.public_url);
    Ok(Json(CalendarFeed {
        url: Some(url),
        active: true,
    }))
}

/// Stops the calendar address working.
#[utoipa::path(delete, path = "/api/me/calendar", operation_id = "revoke_calendar_feed", tag = "schedule",
    security(("session" = [])),
    responses(
        (status = 204, description = "Revoked (also when there was none)"),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
    ))]
pub async fn revoke_calendar_feed(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<StatusCode, AppError> {
    store::revoke_feed(&state.db, youth.0.account.id, state.clock.unix_seconds()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The calendar feed behind a secret address (no session).
#[utoipa::path(get, path = "/api/calendar/{token}", operation_id = "calendar_feed", tag = "schedule",
    params(("token" = String, Path, description = "The secret token")),
    responses(
        (status = 200, description = "`text/calendar`: the young person's activities from 2 weeks back to 8 weeks ahead, UTC times, cancelled ones `STATUS:CANCELLED`, a reminder 30 minutes before each; `Cache-Control: no-store`", content_type = "text/calendar", body = String),
        (status = 404, description = "`not_found`: unknown, revoked or replaced", body = ErrorBody),
    ))]
pub async fn calendar_feed(
    State(state): State<AppState>,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let secret = secret.strip_suffix(".ics").unwrap_or(&secret);
    let secret_hash = token::presented(secret).ok_or(AppError::NotFound)?;
    let youth = store::feed_owner(&state.db, &secret_hash)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = state.clock.today();
    let (from, to) = (
        add_days(today, -FEED_DAYS_BACK),
        add_days(today, FEED_DAYS_AHEAD),
    );
    let items = schedule_of(&state, youth, from, to).await?;
    let host = state
        .settings
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or("lotsen")
        .split(['/', ':'])
        .next()
        .unwrap_or("lotsen")
        .to_owned();
    let bookings = booked_events(&state, youth, from, to).await?;
    let body = ics(
        &items,
        &bookings,
        &host,
        "Lotsen",
        state.clock.unix_seconds(),
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// The young person's bookings from `from` to `to` for the feed: booked,
/// attended and no-show ones, and cancelled ones to take them off calendars
/// that already have them; open offers and lapsed ones were never theirs.
async fn booked_events(
    state: &AppState,
    youth: i64,
    from: Date,
    to: Date,
) -> Result<Vec<BookedEvent>, AppError> {
    use lotsen_api::booking::BookingStatus;
    let (start, end) = (local_to_unix(from, 0), local_to_unix(add_days(to, 1), 0));
    Ok(crate::booking::store::youth_bookings(&state.db, youth)
        .await?
        .into_iter()
        .filter(|b| b.starts_at >= start && b.starts_at < end)
        .filter(|b| !matches!(b.status, BookingStatus::Offered | BookingStatus::Lapsed))
        .map(|b| BookedEvent {
            id: b.id,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            title: b.session_type_name,
            staff_name: b.staff_name,
            place: b.place,
            cancelled: b.status == BookingStatus::Cancelled,
        })
        .collect())
}
