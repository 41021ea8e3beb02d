//! The JSON API under `/api`: each handler carries its OpenAPI description,
//! and its extractors say who may call it (`SignedIn`, `Staff`, `Admin`,
//! `Guardian`, `Youth`; none for the public ones).

pub mod applications;
pub mod auth;
pub mod feedback;
pub mod guardian;
pub mod health;
pub mod invitations;
pub mod me;
pub mod outcomes;
pub mod personnummer;
pub mod recovery;
pub mod schedule;
pub mod staff;
pub mod team;
pub mod youth;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::booking::routes as booking;
use crate::error::AppError;
use crate::openapi::{self, ApiDoc};

/// Every documented API route, with its OpenAPI operations.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(openapi::openapi_json))
        .routes(routes!(personnummer::check))
        .routes(routes!(auth::sign_in))
        .routes(routes!(auth::sign_out))
        .routes(routes!(me::get_me))
        .routes(routes!(me::change_password))
        .routes(routes!(recovery::request_password_reset))
        .routes(routes!(recovery::complete_password_reset))
        .routes(routes!(recovery::send_youth_password_reset))
        .routes(routes!(recovery::dev_outbox))
        .routes(routes!(invitations::inspect_invitation))
        .routes(routes!(invitations::accept_invitation))
        .routes(routes!(youth::list_youth, youth::register_youth))
        .routes(routes!(youth::get_youth))
        .routes(routes!(youth::add_guardian))
        .routes(routes!(youth::reinvite_youth))
        .routes(routes!(team::get_team, team::add_team_member))
        .routes(routes!(team::remove_team_member))
        .routes(routes!(team::get_my_team))
        .routes(routes!(staff::list_staff, staff::invite_staff))
        .routes(routes!(guardian::list_guarded_youth))
        .routes(routes!(crate::audit::routes::list_audit))
        .routes(routes!(applications::create_application))
        .routes(routes!(applications::list_submitted_applications))
        .routes(routes!(applications::list_youth_applications))
        .routes(routes!(applications::list_my_applications))
        .routes(routes!(applications::list_guardian_applications))
        .routes(routes!(
            applications::get_application,
            applications::update_application
        ))
        .routes(routes!(applications::sign_application))
        .routes(routes!(applications::cosign_application))
        .routes(routes!(applications::guardian_decline_application))
        .routes(routes!(applications::accept_application))
        .routes(routes!(applications::decline_application))
        .routes(routes!(applications::withdraw_consent))
        .routes(routes!(applications::withdraw_application))
        .routes(routes!(
            schedule::list_activities,
            schedule::create_activity
        ))
        .routes(routes!(schedule::get_activity, schedule::update_activity))
        .routes(routes!(schedule::list_activity_occurrences))
        .routes(routes!(
            schedule::change_occurrence,
            schedule::restore_occurrence
        ))
        .routes(routes!(
            schedule::list_assignments,
            schedule::assign_activity
        ))
        .routes(routes!(schedule::end_assignment))
        .routes(routes!(schedule::youth_schedule))
        .routes(routes!(schedule::my_schedule))
        .routes(routes!(
            schedule::report_absence,
            schedule::withdraw_absence
        ))
        .routes(routes!(
            schedule::get_calendar_feed,
            schedule::create_calendar_feed,
            schedule::revoke_calendar_feed
        ))
        .routes(routes!(schedule::calendar_feed))
        .routes(routes!(
            booking::list_session_types,
            booking::create_session_type
        ))
        .routes(routes!(booking::update_session_type))
        .routes(routes!(booking::list_free_times))
        .routes(routes!(booking::list_bookable_staff))
        .routes(routes!(
            booking::get_my_opening_hours,
            booking::set_my_opening_hours
        ))
        .routes(routes!(
            booking::list_my_exceptions,
            booking::create_exception
        ))
        .routes(routes!(booking::delete_exception))
        .routes(routes!(booking::create_group_session))
        .routes(routes!(booking::list_my_bookings, booking::create_booking))
        .routes(routes!(booking::cancel_my_booking))
        .routes(routes!(booking::move_my_booking))
        .routes(routes!(booking::accept_offer))
        .routes(routes!(booking::decline_offer))
        .routes(routes!(booking::join_waitlist))
        .routes(routes!(booking::leave_waitlist))
        .routes(routes!(booking::list_staff_bookings))
        .routes(routes!(booking::book_for_youth))
        .routes(routes!(booking::mark_attendance))
        .routes(routes!(booking::staff_cancel_booking))
        .routes(routes!(outcomes::list_outcomes, outcomes::record_outcome))
        .routes(routes!(outcomes::term_report_json))
        .routes(routes!(outcomes::term_report_csv))
        .routes(routes!(feedback::list_my_ratings))
        .routes(routes!(feedback::rate_activity))
        .routes(routes!(feedback::rate_session))
        .routes(routes!(feedback::list_my_feedback_answers))
        .routes(routes!(feedback::feedback_report))
        .routes(routes!(feedback::export_feedback))
        .routes(routes!(feedback::answer_feedback))
}

/// Any path under `/api` that no route matches: 404 `not_found`.
pub async fn api_not_found() -> AppError {
    AppError::NotFound
}
