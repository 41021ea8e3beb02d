//! The home pages: where a young person and a guardian land after signing
//! in. One read each, so that a phone makes one request.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | GET | `/api/me/home` | `get_my_home` | the young person ([`YouthHome`]) |
//! | GET | `/api/guardian/home` | `get_guardian_home` | a guardian ([`GuardianHome`]) |
//!
//! A young person's home is read from their own window only: their schedule
//! and bookings from yesterday to [`LOOK_AHEAD_DAYS`] ahead, answers of the
//! last [`ANSWER_DAYS`] days, their latest application and plan version,
//! and their contact person. "Can't come", moving and cancelling go through
//! the schedule's and the booking's own endpoints. A guardian's home holds
//! the applications they are asked to co-sign (young people under 18 today)
//! and where each stands: nothing else of the young person's data.

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::account::Profession;
use crate::application::ApplicationStatus;
use crate::booking::Booking;
use crate::feedback::{FeedbackAnswer, Rateable};
use crate::schedule::ScheduleItem;

/// How many days, today included, the home looks ahead for what comes next
/// (so that a Friday evening or a Sunday shows Monday's first item).
pub const LOOK_AHEAD_DAYS: i64 = 14;
/// How many days back a staff answer counts as new.
pub const ANSWER_DAYS: i64 = 14;
/// The most answers the home shows.
pub const ANSWERS_SHOWN: usize = 3;

/// An activity's occurrence or a booked session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HomeEntry {
    /// `{"activity": {…}}`: as the schedule shows it (place, leader, "can't come").
    Activity(ScheduleItem),
    /// `{"booking": {…}}`: as "my bookings" shows it (with whom, move and cancel).
    Booking(Booking),
}

/// What the young person does next, told by the server from their
/// application and plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// The application is a draft: read it and sign it.
    SignApplication,
    /// Signed: waiting for a guardian's signature.
    WaitForGuardians,
    /// Signed by all: the team decides at its weekly meeting.
    WaitForTeam,
    /// Accepted, no plan yet: the contact person books a first meeting.
    FirstMeeting,
    /// A plan version they have not answered: read it and answer.
    AnswerPlan,
    /// A plan they have answered: keep to it.
    FollowPlan,
    /// Declined or withdrawn, and no plan: talk to the programme.
    TalkToUs,
}

/// The latest application: where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationStanding {
    pub id: i64,
    pub status: ApplicationStatus,
}

/// The current plan: its version and whether the young person has answered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanStanding {
    pub version: i64,
    pub answered: bool,
    /// Measures not ended.
    pub running_measures: u32,
}

/// A time span of a day, `"HH:MM"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hours {
    pub start: String,
    pub end: String,
}

/// The young person's contact person and how to reach them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactPerson {
    pub name: String,
    pub profession: Profession,
    /// Their phone number, for a call or an SMS; `None` when staff have none.
    pub phone: Option<String>,
    /// Today's opening hours (their bookable hours), earliest first.
    pub hours_today: Vec<Hours>,
    /// They have time off today.
    pub away_today: bool,
}

/// `GET /api/me/home`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YouthHome {
    /// The young person's today (Swedish date).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub today: Date,
    /// The first activity or booked session within [`LOOK_AHEAD_DAYS`] that
    /// has not ended: not cancelled, and not one they said they can't come to.
    pub next: Option<HomeEntry>,
    /// Today's activities (cancelled ones too, marked) and booked sessions, by start.
    pub today_entries: Vec<HomeEntry>,
    /// Yesterday's activities and attended sessions not yet rated.
    pub to_rate: Vec<Rateable>,
    /// Staff's answers to their activities of the last [`ANSWER_DAYS`] days,
    /// newest first, at most [`ANSWERS_SHOWN`].
    pub answers: Vec<FeedbackAnswer>,
    /// Their latest application, if any.
    pub application: Option<ApplicationStanding>,
    /// Their current plan, if any.
    pub plan: Option<PlanStanding>,
    /// What to do next, if anything.
    pub next_step: Option<NextStep>,
    pub contact_person: Option<ContactPerson>,
}

/// An application a guardian is asked to co-sign, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuardianApplication {
    pub id: i64,
    /// The young person's name (nothing else of theirs).
    pub youth_name: String,
    pub status: ApplicationStatus,
    /// The caller has signed the current version.
    pub signed_by_me: bool,
    /// How many of the guardians asked have signed it.
    pub guardians_signed: u32,
    pub guardians: u32,
}

/// `GET /api/guardian/home`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuardianHome {
    /// Waiting for the caller's signature first, then the others, newest first.
    pub applications: Vec<GuardianApplication>,
}

impl GuardianApplication {
    /// Whether it waits for the caller's signature.
    pub fn waits_for_me(&self) -> bool {
        self.status == ApplicationStatus::WaitingForGuardians && !self.signed_by_me
    }
}

/// What the young person does next, from their latest application and plan.
pub fn next_step(
    application: Option<ApplicationStatus>,
    plan: Option<&PlanStanding>,
) -> Option<NextStep> {
    if let Some(plan) = plan {
        return Some(if plan.answered {
            NextStep::FollowPlan
        } else {
            NextStep::AnswerPlan
        });
    }
    Some(match application? {
        ApplicationStatus::Draft => NextStep::SignApplication,
        ApplicationStatus::WaitingForGuardians => NextStep::WaitForGuardians,
        ApplicationStatus::Submitted => NextStep::WaitForTeam,
        ApplicationStatus::Accepted => NextStep::FirstMeeting,
        ApplicationStatus::Declined | ApplicationStatus::Withdrawn => NextStep::TalkToUs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_decides_the_step_over_the_application() {
        let plan = PlanStanding {
            version: 2,
            answered: false,
            running_measures: 1,
        };
        assert_eq!(
            next_step(Some(ApplicationStatus::Accepted), Some(&plan)),
            Some(NextStep::AnswerPlan)
        );
        let answered = PlanStanding {
            answered: true,
            ..plan
        };
        assert_eq!(next_step(None, Some(&answered)), Some(NextStep::FollowPlan));
    }

    #[test]
    fn the_application_decides_without_a_plan() {
        assert_eq!(next_step(None, None), None);
        assert_eq!(
            next_step(Some(ApplicationStatus::Draft), None),
            Some(NextStep::SignApplication)
        );
        assert_eq!(
            next_step(Some(ApplicationStatus::WaitingForGuardians), None),
            Some(NextStep::WaitForGuardians)
        );
        assert_eq!(
            next_step(Some(ApplicationStatus::Submitted), None),
            Some(NextStep::WaitForTeam)
        );
        assert_eq!(
            next_step(Some(ApplicationStatus::Accepted), None),
            Some(NextStep::FirstMeeting)
        );
        assert_eq!(
            next_step(Some(ApplicationStatus::Declined), None),
            Some(NextStep::TalkToUs)
        );
    }

    #[test]
    fn an_entry_is_tagged_by_its_kind() {
        let json = serde_json::to_value(HomeEntry::Activity(ScheduleItem {
            activity_id: 1,
            date: crate::date::parse_iso("2026-03-02").unwrap(),
            start: "09:00".into(),
            end: "10:00".into(),
            title: "Studierum".into(),
            place: String::new(),
            kind: crate::schedule::ActivityKind::StudyRoom,
            leader_name: None,
            status: crate::schedule::OccurrenceStatus::Scheduled,
            moved_from: None,
            note: None,
            absence: None,
        }))
        .unwrap();
        assert_eq!(json["activity"]["title"], "Studierum");
    }
}
