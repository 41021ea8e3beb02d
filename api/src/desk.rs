//! Staff's today (`GET /api/staff/today`): the day's work of the member of
//! staff who asks, each part a count or a short list with a way into the work.
//! Everything about young people follows the one access rule for their record;
//! their own bookings show the booked young person's name and note, as the
//! booking views do.

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::booking::{Booking, GroupSession};

/// A "can't come" for one of today's activities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TodayAbsence {
    pub youth_id: i64,
    pub youth_name: String,
    pub activity_id: i64,
    pub activity_title: String,
    /// The reason the young person gave, if any.
    pub reason: Option<String>,
}

/// Applications submitted and waiting for the team meeting's decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingApplications {
    pub count: i64,
    /// When the oldest was submitted (RFC 3339), if any is waiting.
    pub oldest_submitted_at: Option<String>,
}

/// An activity whose feedback has new ratings and no answer since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnansweredFeedback {
    pub activity_id: i64,
    pub title: String,
    /// The latest rated occurrence.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub last_rated_on: Date,
}

/// `GET /api/staff/today`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffToday {
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub today: Date,
    /// The caller's own bookings today (booked, attended, no-show, offered), earliest first.
    pub bookings: Vec<Booking>,
    /// The caller's own group sessions today.
    pub group_sessions: Vec<GroupSession>,
    /// "Can't come" for today's activities, of young people the caller may see.
    pub absences: Vec<TodayAbsence>,
    /// Submitted applications of young people the caller may see.
    pub applications: WaitingApplications,
    /// Register contacts due today or earlier (the worklist's), of young people the caller may see in the register.
    pub contacts_due: i64,
    /// Measures' follow-ups due today or earlier (the worklist's).
    pub follow_ups_due: i64,
    /// How many are on the register's "to contact" list: only for those who
    /// keep the register (officers and administrators), else `None`.
    pub to_contact: Option<i64>,
    /// Activities the caller leads (administrators: all) with ratings in the
    /// last 14 days and no answer written since the latest of them.
    pub feedback: Vec<UnansweredFeedback>,
}

/// How far back a rating counts as new, in days.
pub const NEW_RATING_DAYS: i64 = 14;
