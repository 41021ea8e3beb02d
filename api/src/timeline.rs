//! A young person's timeline (`GET /api/youth/{id}/timeline`): everything that
//! happened on their journey, newest first, for staff who may see their
//! record; and the personnummer shown in full only on request
//! (`POST /api/youth/{id}/personnummer`, audited).
//!
//! An event carries codes and names, never the free text of another feature
//! (notes, reasons, comments, addresses): the app says what happened in words.

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::application::EventKind;
use crate::booking::BookingStatus;
use crate::outcomes::OutcomeKind;
use crate::register::codes::{
    ContactChannel, ContactOutcome, DeregistrationReason, MeasureEndReason, RegistrationReason,
};

/// Events per page unless asked otherwise.
pub const DEFAULT_LIMIT: i64 = 20;
/// The most events per page.
pub const MAX_LIMIT: i64 = 50;

/// Which part of the journey an event belongs to (the filter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// Registered in or deregistered from the activity-responsibility register.
    Register,
    /// An attempt to reach them (the register's contact log).
    Contact,
    /// Their application: signatures, submission, the decision.
    Application,
    /// The individual plan: its versions, their answer, its measures.
    Plan,
    /// A booked time: booked, attended, not attended or cancelled.
    Booking,
    /// "Can't come" to an activity.
    Absence,
    /// A follow-up status (studies, work, …).
    Outcome,
}

impl TimelineKind {
    /// Every kind, in the order the filter shows them.
    pub const ALL: [TimelineKind; 7] = [
        Self::Register,
        Self::Contact,
        Self::Application,
        Self::Plan,
        Self::Booking,
        Self::Absence,
        Self::Outcome,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Register => "register",
            Self::Contact => "contact",
            Self::Application => "application",
            Self::Plan => "plan",
            Self::Booking => "booking",
            Self::Absence => "absence",
            Self::Outcome => "outcome",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The `kind` query parameter for `kinds` (comma-separated names).
    pub fn query(kinds: &[TimelineKind]) -> String {
        kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads [`Self::query`] back: `None` when a name is unknown; an empty
    /// text is every kind.
    pub fn parse_query(s: &str) -> Option<Vec<TimelineKind>> {
        let s = s.trim();
        if s.is_empty() {
            return Some(Self::ALL.to_vec());
        }
        let mut kinds = Vec::new();
        for part in s.split(',') {
            let kind = Self::parse(part.trim())?;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        Some(kinds)
    }
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineWhat {
    /// Registered in the register.
    Registered { reason: RegistrationReason },
    /// Deregistered from the register.
    Deregistered { reason: DeregistrationReason },
    /// An attempt to reach them.
    Contact {
        channel: ContactChannel,
        outcome: ContactOutcome,
    },
    /// A step of an application.
    Application {
        application_id: i64,
        event: EventKind,
    },
    /// A version of the individual plan was made.
    PlanVersion { version: i64 },
    /// They answered a version of the plan (agreed, or commented).
    PlanAnswer { version: i64, agreed: bool },
    /// A measure of the plan starts (`ended` absent), or ended.
    Measure {
        name_sv: String,
        name_en: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ended: Option<MeasureEndReason>,
    },
    /// A booked time and how it went.
    Booking {
        status: BookingStatus,
        session_type: String,
    },
    /// "Can't come" to an activity.
    Absence { activity: String },
    /// A follow-up status or event.
    Outcome { outcome: OutcomeKind },
}

/// One event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEvent {
    pub kind: TimelineKind,
    /// The Swedish date it happened.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub on: Date,
    /// `HH:MM`, Swedish time; absent for what is recorded by the day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    pub what: TimelineWhat,
    /// The member of staff who did it or whom it was with, where relevant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_name: Option<String>,
    /// The app's page for it, where the reader may open one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// A page of a young person's timeline, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelinePage {
    pub events: Vec<TimelineEvent>,
    /// Pass as `before` for the next (older) page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// `POST /api/youth/{id}/personnummer`: the number in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevealedPersonnummer {
    /// `YYYYMMDD-NNNC`.
    pub personnummer: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        crate::checks::names_round_trip(
            &TimelineKind::ALL,
            TimelineKind::as_str,
            TimelineKind::parse,
        );
    }

    #[test]
    fn the_kind_query_is_read_back_and_refuses_unknown_names() {
        let some = [TimelineKind::Booking, TimelineKind::Absence];
        assert_eq!(TimelineKind::query(&some), "booking,absence");
        assert_eq!(
            TimelineKind::parse_query("booking, absence,booking"),
            Some(some.to_vec())
        );
        assert_eq!(
            TimelineKind::parse_query(""),
            Some(TimelineKind::ALL.to_vec())
        );
        assert_eq!(TimelineKind::parse_query("booking,notes"), None);
        assert_eq!(TimelineKind::parse_query(","), None);
    }

    #[test]
    fn an_event_is_sent_with_its_type() {
        let event = TimelineWhat::Booking {
            status: BookingStatus::NoShow,
            session_type: "Samtal".into(),
        };
        assert_eq!(
            serde_json::to_value(&event).unwrap(),
            serde_json::json!({ "type": "booking", "status": "no_show", "session_type": "Samtal" })
        );
    }
}
