//! A young person's team: `GET/POST /api/youth/{id}/team`,
//! `POST /api/youth/{id}/team/{staff_id}/remove` for staff, and
//! `GET /api/me/team` for the young person.
//!
//! The team decides who besides the contact person may open the young
//! person's record (`STAFF_CAN_SEE_YOUTH`). Staff who may see the record see
//! the team (404 for others); only the contact person or an administrator
//! changes it (403 for the rest of the team), each change with a reason and
//! audited.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use lotsen_api::team::{self, MyTeamMember, NewTeamMember, RemoveTeamMember, Team, TeamMember};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::store::{self, MemberChange, TeamError, TeamRecord};
use crate::AppState;
use crate::auth::{Staff, Youth};
use crate::clock::rfc3339;
use crate::error::AppError;
use crate::json::Json;

/// The team's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_team, add_team_member))
        .routes(routes!(remove_team_member))
        .routes(routes!(get_my_team))
}

impl From<TeamError> for AppError {
    fn from(error: TeamError) -> Self {
        match error {
            TeamError::NotFound | TeamError::NotMember => AppError::NotFound,
            TeamError::NotManager => AppError::Forbidden,
            TeamError::NoSuchStaff => AppError::invalid_field("staff_id", "not_staff"),
            TeamError::AlreadyMember => AppError::conflict("staff_id", "already_on_team"),
            TeamError::Db(error) => error.into(),
        }
    }
}

fn team_of(record: TeamRecord) -> Team {
    Team {
        contact_person: record.contact_person,
        members: record
            .members
            .into_iter()
            .map(|m| TeamMember {
                staff: m.staff,
                added_at: rfc3339(m.added_at),
                added_by: m.added_by,
                reason: m.reason,
            })
            .collect(),
        can_manage: record.can_manage,
    }
}

/// The reason for a change, once the caller is known to be one who may change
/// the team (so that the answer says nothing to others).
async fn managed_reason(
    state: &AppState,
    staff: &Staff,
    youth_id: i64,
    input: &str,
) -> Result<String, AppError> {
    store::may_manage_team(&state.db, staff.viewer(), youth_id).await?;
    team::reason(input).map_err(|(field, code)| AppError::invalid_field(field, code))
}

/// A change of `youth_id`'s team by the caller.
fn change<'a>(staff: &Staff, youth_id: i64, staff_id: i64, reason: &'a str) -> MemberChange<'a> {
    MemberChange {
        viewer: staff.viewer(),
        youth_id,
        staff_id,
        reason,
    }
}

/// The team as it is now, as the answer to a change.
async fn team_now(
    state: &AppState,
    staff: &Staff,
    youth_id: i64,
    now: i64,
) -> Result<Team, AppError> {
    Ok(team_of(
        store::read_team(&state.db, staff.viewer(), youth_id, now).await?,
    ))
}

/// A young person's team.
#[utoipa::path(
    get,
    path = "/api/youth/{id}/team",
    operation_id = "get_team",
    tag = "team",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "The contact person and the current members, and whether the caller may change the team. Audited (`read_team`).", body = Team),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn get_team(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Team>, AppError> {
    Ok(Json(
        team_now(&state, &staff, id, state.clock.unix_seconds()).await?,
    ))
}

/// Adds a member of staff to the team, with a reason.
#[utoipa::path(
    post,
    path = "/api/youth/{id}/team",
    operation_id = "add_team_member",
    tag = "team",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    request_body = NewTeamMember,
    responses(
        (status = 201, description = "Added: they may now open the record. Audited (`add_team_member`).", body = Team),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not the contact person or an administrator; or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: `staff_id` `already_on_team` (or the contact person)", body = ErrorBody),
        (status = 422, description = "`validation`: `reason` `required` or `too_long` (500 characters); `staff_id` `not_staff`", body = ErrorBody),
    )
)]
pub async fn add_team_member(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<NewTeamMember>,
) -> Result<(StatusCode, Json<Team>), AppError> {
    let reason = managed_reason(&state, &staff, id, &request.reason).await?;
    let now = state.clock.unix_seconds();
    let change = change(&staff, id, request.staff_id, &reason);
    store::add_team_member(&state.db, change, now).await?;
    Ok((
        StatusCode::CREATED,
        Json(team_now(&state, &staff, id, now).await?),
    ))
}

/// Removes a member of staff from the team, with a reason.
#[utoipa::path(
    post,
    path = "/api/youth/{id}/team/{staff_id}/remove",
    operation_id = "remove_team_member",
    tag = "team",
    security(("session" = [])),
    params(
        ("id" = i64, Path, description = "The young person's id"),
        ("staff_id" = i64, Path, description = "The member's account id"),
    ),
    request_body = RemoveTeamMember,
    responses(
        (status = 200, description = "Removed: they can no longer open the record (the history is kept). Audited (`remove_team_member`).", body = Team),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not the contact person or an administrator; or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, not visible to the caller, or not on the team", body = ErrorBody),
        (status = 422, description = "`validation`: `reason` `required` or `too_long` (500 characters)", body = ErrorBody),
    )
)]
pub async fn remove_team_member(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, staff_id)): Path<(i64, i64)>,
    Json(request): Json<RemoveTeamMember>,
) -> Result<Json<Team>, AppError> {
    let reason = managed_reason(&state, &staff, id, &request.reason).await?;
    let now = state.clock.unix_seconds();
    let change = change(&staff, id, staff_id, &reason);
    store::remove_team_member(&state.db, change, now).await?;
    Ok(Json(team_now(&state, &staff, id, now).await?))
}

/// The young person's own team: their contact person first, then the others.
#[utoipa::path(
    get,
    path = "/api/me/team",
    operation_id = "get_my_team",
    tag = "team",
    security(("session" = [])),
    responses(
        (status = 200, description = "Who may open the young person's record: their contact person and their team (names and professions)", body = Vec<MyTeamMember>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    )
)]
pub async fn get_my_team(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<Vec<MyTeamMember>>, AppError> {
    Ok(Json(store::my_team(&state.db, youth.0.account.id).await?))
}
