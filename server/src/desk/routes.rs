//! `GET /api/staff/today`: the signed-in member of staff's day.

use jiff::ToSpan;
use lotsen_api::ErrorBody;
use lotsen_api::date::{add_days, parse_iso};
use lotsen_api::desk::{
    NEW_RATING_DAYS, StaffToday, TodayAbsence, UnansweredFeedback, WaitingApplications,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::store::{self, AUDIT_STAFF_TODAY};
use crate::AppState;
use crate::audit::store::record_read;
use crate::auth::Staff;
use crate::booking::routes::{booking_api, group_api, settle};
use crate::booking::rules::{start_of_day, today as civil_today};
use crate::clock::{rfc3339, swedish_date};
use crate::error::AppError;
use crate::json::Json;
use crate::register::access::keeps_register;
use crate::register::contacts::store as register;
use axum::extract::State;

/// The routes of staff's today.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(staff_today))
}

/// The caller's work today, each part a count or a short list.
#[utoipa::path(
    get,
    path = "/api/staff/today",
    operation_id = "staff_today",
    tag = "staff",
    security(("session" = [])),
    responses(
        (status = 200, description = "The caller's own bookings and group sessions today (each young person shown audited, `list_bookings`); \"can't come\" for today's occurrences of young people the caller may see (audited, `staff_today`); submitted applications of young people the caller may see (how many, the oldest); the register's contacts and follow-ups due for those the caller may see in the register (counts only); the \"to contact\" count for officers and administrators; activities the caller leads (administrators: all) rated in the last 14 days with no answer since", body = StaffToday),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn staff_today(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<StaffToday>, AppError> {
    let viewer = staff.viewer();
    let now = settle(&state).await?;
    let day = civil_today(&state.clock);
    let next = day.checked_add(1.day()).map_err(|_| AppError::BadRequest)?;
    let bookings = crate::booking::store::staff_bookings(
        &state.db,
        viewer,
        start_of_day(day),
        start_of_day(next),
        now,
    )
    .await?;
    let today = state.clock.today();
    let on = today.to_string();

    let absences: Vec<TodayAbsence> = store::absences(&state.db, viewer, &on)
        .await?
        .into_iter()
        .map(
            |(youth_id, youth_name, activity_id, activity_title, reason)| TodayAbsence {
                youth_id,
                youth_name,
                activity_id,
                activity_title,
                reason,
            },
        )
        .collect();
    let mut named: Vec<i64> = absences.iter().map(|a| a.youth_id).collect();
    named.sort_unstable();
    named.dedup();
    record_read(&state.db, staff.id(), &named, AUDIT_STAFF_TODAY, now).await?;

    let (count, oldest) = store::waiting_applications(&state.db, viewer).await?;

    let contacts: Vec<(i64, String, String, String, String)> =
        register::due(&state.db, &staff, &on, register::CONTACTS_DUE).await?;
    let follow_ups: Vec<(i64, i64, String, String, String)> =
        register::due(&state.db, &staff, &on, register::FOLLOW_UPS_DUE).await?;
    let to_contact = if keeps_register(&staff) {
        Some(register::to_contact(&state.db, 1, 0).await?.0)
    } else {
        None
    };

    let since = add_days(today, -NEW_RATING_DAYS).to_string();
    let mut feedback = Vec::new();
    for (activity_id, title, last) in
        store::rated_activities(&state.db, viewer, &since, &on).await?
    {
        let Some(last_rated_on) = parse_iso(&last) else {
            continue;
        };
        let answered = store::last_answer(&state.db, activity_id)
            .await?
            .and_then(|at| parse_iso(&swedish_date(at)))
            .is_some_and(|answered_on| answered_on >= last_rated_on);
        if !answered {
            feedback.push(UnansweredFeedback {
                activity_id,
                title,
                last_rated_on,
            });
        }
    }

    Ok(Json(StaffToday {
        today,
        bookings: bookings
            .bookings
            .into_iter()
            .map(|b| booking_api(b, now))
            .collect(),
        group_sessions: bookings.groups.into_iter().map(group_api).collect(),
        absences,
        applications: WaitingApplications {
            count,
            oldest_submitted_at: oldest.map(rfc3339),
        },
        contacts_due: i64::try_from(contacts.len()).unwrap_or(i64::MAX),
        follow_ups_due: i64::try_from(follow_ups.len()).unwrap_or(i64::MAX),
        to_contact,
        feedback,
    }))
}
