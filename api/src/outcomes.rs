//! Follow-up (*uppföljning*): what a young person is doing over time, and the
//! programme's term report.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | GET | `/api/youth/{id}/outcomes` | `list_outcomes` | staff who can see the young person ([`OutcomeHistory`]; audited `read_outcomes`) |
//! | POST | `/api/youth/{id}/outcomes` | `record_outcome` | staff who can see the young person ([`NewOutcome`] → 201 [`OutcomeEntry`]; audited `record_outcome`) |
//! | GET | `/api/reports/term?term=2026-autumn` | `term_report` | contact persons and administrators ([`TermReport`]) |
//! | GET | `/api/reports/term.csv?term=2026-autumn` | `term_report_csv` | contact persons and administrators (`text/csv`, the same figures) |
//!
//! # The history
//!
//! Each entry is a status (studies — with school and programme —, work,
//! internship, other activity, none, moved away) from a date, or one of two
//! dated events: the first contact with the young person, and a study plan
//! made. Entries are never changed or removed: a correction is a new entry
//! that names the one it replaces ([`NewOutcome::corrects`]); the replaced
//! entry stays in the history, marked with [`OutcomeEntry::corrected_by`], and
//! no longer counts. An entry can be corrected once (the correction can be
//! corrected in its turn); a second correction of the same entry is a 409.
//!
//! # The term report
//!
//! A term is spring (1 January – 30 June) or autumn (1 July – 31 December).
//! Its figures are counted "as of" the term's last day, or today while the
//! term is running, from the entries that are not corrected:
//!
//! - **registration**: the day the young person was registered in Lotsen
//!   (their record created by staff), Swedish time;
//! - **status on a day**: the status entry with the latest from-date on or
//!   before that day (the later recorded one on the same date);
//! - **participants**: young people registered on or before the as-of day
//!   whose status on the day before the term began was not "moved away";
//! - **contacted within 2 weeks**: of the participants registered during the
//!   term (the new ones), those with a first-contact entry dated no later than
//!   14 days after their registration day; goal 100 %;
//! - **moved on to studies or work**: of the participants, those whose status
//!   on the as-of day is studies or work; goal 50 %;
//! - **in work**: of the participants, those whose status on the as-of day is
//!   work; goal 20 %;
//! - **study plan**: of the participants, those with a study-plan entry dated
//!   on or before the as-of day; goal 50 %. The goal names "those without a
//!   diploma": the programme's group (KAA) has by definition not completed
//!   upper-secondary school, so every participant counts.
//!
//! A share is shown as a whole percent rounded half up; whether it meets its
//! goal is decided on the exact fraction. With no one to count, a share has
//! no percent and meets no goal.

use serde::{Deserialize, Serialize};

use crate::Date;
pub use crate::term::{Half, Term};
use crate::text::{self, TextRule};

/// The longest school or programme name, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// How many days after registration a first contact counts as "within 2 weeks".
pub const CONTACT_DAYS: i64 = 14;

/// Field error codes the outcome routes send, besides `required` and `too_long`.
pub const FIELD_CODES: [&str; 1] = ["outcome_date"];

/// What an entry says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Status: studying (*studier*), with school and programme.
    Studies,
    /// Status: working (*arbete*).
    Work,
    /// Status: an internship (*praktik*).
    Internship,
    /// Status: another meaningful activity.
    OtherActivity,
    /// Status: nothing at the moment.
    None,
    /// Status: moved away from the municipality; leaves the programme.
    MovedAway,
    /// Event: the first contact with the young person (a call, a meeting, a visit).
    Contacted,
    /// Event: a study plan was made.
    StudyPlan,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 8] = [
        Self::Studies,
        Self::Work,
        Self::Internship,
        Self::OtherActivity,
        Self::None,
        Self::MovedAway,
        Self::Contacted,
        Self::StudyPlan,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Studies => "studies",
            Self::Work => "work",
            Self::Internship => "internship",
            Self::OtherActivity => "other_activity",
            Self::None => "none",
            Self::MovedAway => "moved_away",
            Self::Contacted => "contacted",
            Self::StudyPlan => "study_plan",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A status (what the young person is doing from a date), not an event.
    pub fn is_status(self) -> bool {
        !matches!(self, Self::Contacted | Self::StudyPlan)
    }
}

/// `POST /api/youth/{id}/outcomes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOutcome {
    pub kind: OutcomeKind,
    /// From when the status holds, or when the event happened; not in the future.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub from: Date,
    /// With `studies`: the school (1–100 characters). Ignored for other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub school: Option<String>,
    /// With `studies`: the programme or course (1–100 characters). Ignored for other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub programme: Option<String>,
    /// The id of this young person's entry that this one corrects (replaces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<i64>,
}

/// A field and what is wrong with it (a code under `errors` in the locale files).
pub type Problem = (&'static str, &'static str);

impl NewOutcome {
    /// Trims the names, drops them for kinds other than studies, and checks
    /// what can be checked without knowing today's date.
    pub fn validate(&self) -> Result<NewOutcome, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut name = |field: &'static str, value: &Option<String>| {
            if self.kind != OutcomeKind::Studies {
                return None;
            }
            let value = value.as_deref().unwrap_or_default();
            Some(
                text::check(value, TextRule::line(NAME_MAX_CHARS))
                    .map_err(|p| problems.push((field, p.code())))
                    .unwrap_or_default(),
            )
        };
        let school = name("school", &self.school);
        let programme = name("programme", &self.programme);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(NewOutcome {
            school,
            programme,
            ..self.clone()
        })
    }

    /// Whether `from` is allowed on `today` (from 2000-01-01 to today).
    pub fn date_allowed(from: Date, today: Date) -> bool {
        crate::date::past_date_allowed(from, today)
    }
}

/// Who recorded an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recorder {
    pub id: i64,
    pub name: String,
}

/// One entry of a young person's follow-up history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeEntry {
    pub id: i64,
    pub kind: OutcomeKind,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// The entry this one replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<i64>,
    /// The entry that replaced this one: it no longer counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_by: Option<i64>,
    /// When it was recorded, RFC 3339.
    pub recorded_at: String,
    pub recorded_by: Recorder,
}

/// `GET /api/youth/{id}/outcomes`: the whole history, newest from-date first
/// (then newest recorded), and what it adds up to today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeHistory {
    pub entries: Vec<OutcomeEntry>,
    /// The id of the entry that is the status today, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<i64>,
}

/// Which share of the term report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShareKind {
    /// New participants contacted within 2 weeks of registration (goal 100 %).
    ContactedWithinTwoWeeks,
    /// Participants in studies or work (goal 50 %).
    MovedOn,
    /// Participants in work (goal 20 %).
    InWork,
    /// Participants with a study plan (goal 50 %).
    StudyPlan,
}

impl ShareKind {
    pub const ALL: [ShareKind; 4] = [
        Self::ContactedWithinTwoWeeks,
        Self::MovedOn,
        Self::InWork,
        Self::StudyPlan,
    ];

    /// The snake_case name (as in the CSV).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ContactedWithinTwoWeeks => "contacted_within_two_weeks",
            Self::MovedOn => "moved_on_to_studies_or_work",
            Self::InWork => "in_work",
            Self::StudyPlan => "study_plan",
        }
    }

    /// The goal named in the programme's documents, in percent.
    pub fn goal_percent(self) -> u32 {
        match self {
            Self::ContactedWithinTwoWeeks => 100,
            Self::MovedOn | Self::StudyPlan => 50,
            Self::InWork => 20,
        }
    }
}

/// One share: `count` of `of`, against its goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub kind: ShareKind,
    pub count: u32,
    pub of: u32,
    /// `count / of` in whole percent, rounded half up; absent when `of` is 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<u32>,
    pub goal_percent: u32,
    /// `count / of >= goal` exactly; false when `of` is 0.
    pub meets_goal: bool,
}

impl Share {
    /// The share `count` of `of` for `kind`.
    pub fn new(kind: ShareKind, count: u32, of: u32) -> Self {
        let goal_percent = kind.goal_percent();
        let (c, o) = (u64::from(count), u64::from(of));
        Share {
            kind,
            count,
            of,
            percent: (of > 0).then(|| ((200 * c + o) / (2 * o)) as u32),
            goal_percent,
            meets_goal: of > 0 && 100 * c >= u64::from(goal_percent) * o,
        }
    }
}

/// `GET /api/reports/term`: the programme's figures for one term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermReport {
    /// `2026-autumn`.
    pub term: String,
    pub half: Half,
    pub year: i32,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub first_day: Date,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub last_day: Date,
    /// The day the figures are counted on: the last day, or today while the term runs.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub as_of: Date,
    pub participants: u32,
    /// Of them, registered during the term.
    pub new_participants: u32,
    /// In the order of [`ShareKind::ALL`].
    pub shares: Vec<Share>,
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::date::day as d;

    #[test]
    fn shares_round_half_up_and_meet_goals_exactly() {
        let s = Share::new(ShareKind::MovedOn, 1, 2);
        assert_eq!((s.percent, s.meets_goal), (Some(50), true));
        let s = Share::new(ShareKind::InWork, 1, 8);
        assert_eq!((s.percent, s.meets_goal), (Some(13), false)); // 12.5 → 13
        let s = Share::new(ShareKind::StudyPlan, 199, 400);
        assert_eq!((s.percent, s.meets_goal), (Some(50), false)); // 49.75 → 50, below
        let s = Share::new(ShareKind::ContactedWithinTwoWeeks, 0, 0);
        assert_eq!((s.percent, s.meets_goal), (None, false));
    }

    #[test]
    fn validation() {
        let new = |kind, school: Option<&str>, programme: Option<&str>| NewOutcome {
            kind,
            from: d(2026, 8, 1),
            school: school.map(str::to_string),
            programme: programme.map(str::to_string),
            corrects: None,
        };
        assert_eq!(
            new(OutcomeKind::Studies, Some(" "), None).validate(),
            Err(vec![("school", "required"), ("programme", "required")])
        );
        let long = "x".repeat(101);
        assert_eq!(
            new(OutcomeKind::Studies, Some(&long), Some("Na")).validate(),
            Err(vec![("school", "too_long")])
        );
        let ok = new(OutcomeKind::Studies, Some(" Komvux "), Some("Svenska"))
            .validate()
            .unwrap();
        assert_eq!(ok.school.as_deref(), Some("Komvux"));
        let work = new(OutcomeKind::Work, Some("x"), None).validate().unwrap();
        assert_eq!(work.school, None);
        assert!(NewOutcome::date_allowed(d(2026, 8, 1), d(2026, 8, 1)));
        assert!(!NewOutcome::date_allowed(d(2026, 8, 2), d(2026, 8, 1)));
        assert!(!NewOutcome::date_allowed(d(1999, 12, 31), d(2026, 8, 1)));
    }

    #[test]
    fn kinds_round_trip() {
        crate::checks::names_round_trip(&OutcomeKind::ALL, OutcomeKind::as_str, OutcomeKind::parse);
    }
}
