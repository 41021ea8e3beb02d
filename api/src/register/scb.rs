//! The half-year report to SCB (*Kommunernas aktivitetsansvar*) and the
//! programme's own figures.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | GET | `/api/register/reports/scb?period=2026-H2` | `scb_report` | officers and administrators ([`ScbReport`]: the rows and the problems; audited `read_scb_report`) |
//! | GET | `/api/register/reports/scb.csv?period=2026-H2` | `scb_report_csv` | officers and administrators (`text/csv`, the same rows under the header row) |
//! | GET | `/api/register/reports/scb.xlsx?period=2026-H2` | `scb_report_xlsx` | officers and administrators (one worksheet, the same rows) |
//! | GET | `/api/register/reports/figures?period=2026-H2` | `register_figures` | officers and administrators ([`RegisterFigures`]) |
//!
//! # The period
//!
//! A half-year ([`HalfYear`]): `2026-H1` is 1 January–30 June, `2026-H2`
//! 1 July–31 December, as SCB collects them.
//!
//! # The rows
//!
//! One row per young person who was in the register at any time during the
//! half-year (a period of theirs overlaps it); when they had several periods
//! overlapping it, the latest one gives the registration and the end of the
//! responsibility. The columns, their names and order, and the mapping from
//! Lotsen's codes to SCB's, come from one configuration file
//! (`server/config/scb-kaa.json`, replaceable with `--scb-config`), whose
//! `description` says what each column holds. Contacts are the contacts with
//! the individual (outcome `reached`) dated in the half-year, the first ones
//! in numbered column groups; measures are those under way at some time in the
//! half-year (started on or before its last day, not ended before its first),
//! the first by start in numbered groups; an end after the half-year is not
//! reported. A count column carries how many there were in all.
//!
//! # The checks
//!
//! Before export the rows are checked as SCB checks a file ([`ScbCheck`]); each
//! problem names the young person and what is wrong, so that it can be fixed
//! in the register. The export is made all the same: the problems are the
//! officer's to fix first.
//!
//! # The figures
//!
//! See [`RegisterFigures`].

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::register::codes::DeregistrationReason;

/// How many days after registration a first reach counts as "within 2 weeks".
pub const REACH_DAYS: i64 = 14;

/// A half-year, SCB's reporting period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HalfYear {
    /// The year (2000–2100).
    pub year: i32,
    /// Whether it is the second half (1 July–31 December).
    pub second: bool,
}

impl HalfYear {
    /// Reads `YYYY-H1` or `YYYY-H2` (years 2000–2100).
    pub fn parse(text: &str) -> Option<Self> {
        let (year, half) = text.split_once("-H")?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        if !(2000..=2100).contains(&year) {
            return None;
        }
        let second = match half {
            "1" => false,
            "2" => true,
            _ => return None,
        };
        Some(Self { year, second })
    }

    /// The half-year that `day` falls in.
    pub fn of(day: Date) -> Self {
        use chrono::Datelike;
        Self {
            year: day.year(),
            second: day.month() >= 7,
        }
    }

    /// 1 January or 1 July.
    pub fn first_day(self) -> Date {
        let month = if self.second { 7 } else { 1 };
        Date::from_ymd_opt(self.year, month, 1).expect("a first day of a half-year exists")
    }

    /// 30 June or 31 December.
    pub fn last_day(self) -> Date {
        let (month, day) = if self.second { (12, 31) } else { (6, 30) };
        Date::from_ymd_opt(self.year, month, day).expect("a last day of a half-year exists")
    }

    /// Whether `day` lies in the half-year.
    pub fn contains(self, day: Date) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }
}

impl std::fmt::Display for HalfYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-H{}", self.year, if self.second { 2 } else { 1 })
    }
}

/// A kind of problem the checks find.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScbCheck {
    /// A measure's actual end is before its start: correct either date.
    MeasureEndsBeforeStart,
    /// A measure's code has no SCB code in the configuration: choose another
    /// code or add it to the configuration.
    MeasureCodeUnknown,
    /// The deregistration is dated before the registration.
    DeregisteredBeforeRegistered,
    /// A contact in the half-year lies outside every registration period of
    /// the young person (before the registration or after the deregistration).
    ContactOutsideRegistration,
    /// The registration reason has no SCB code in the configuration (the
    /// reason cell would be empty).
    RegistrationReasonMissing,
    /// The deregistration reason has no SCB code in the configuration.
    DeregistrationReasonMissing,
    /// More contacts or measures than the file has column groups for: only the
    /// first are reported.
    TooManyForColumns,
}

impl ScbCheck {
    /// Every kind, in the order problems are listed for a young person.
    pub const ALL: [ScbCheck; 7] = [
        Self::DeregisteredBeforeRegistered,
        Self::RegistrationReasonMissing,
        Self::DeregistrationReasonMissing,
        Self::ContactOutsideRegistration,
        Self::MeasureEndsBeforeStart,
        Self::MeasureCodeUnknown,
        Self::TooManyForColumns,
    ];

    /// The snake_case name (the locale key under `scb.check`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MeasureEndsBeforeStart => "measure_ends_before_start",
            Self::MeasureCodeUnknown => "measure_code_unknown",
            Self::DeregisteredBeforeRegistered => "deregistered_before_registered",
            Self::ContactOutsideRegistration => "contact_outside_registration",
            Self::RegistrationReasonMissing => "registration_reason_missing",
            Self::DeregistrationReasonMissing => "deregistration_reason_missing",
            Self::TooManyForColumns => "too_many_for_columns",
        }
    }
}

/// One problem: whose, what, and the facts to find it by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScbProblem {
    /// The young person's id (their register entry).
    pub youth_id: i64,
    /// Their name.
    pub name: String,
    /// What is wrong.
    pub check: ScbCheck,
    /// The facts, in the register's words: e.g. `measure 12 (work_practice):
    /// start 2026-09-10, end 2026-09-01`.
    pub detail: String,
}

/// The half-year report: the header, the rows (as the CSV and xlsx carry
/// them), and what the checks found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScbReport {
    /// `YYYY-H1` or `YYYY-H2`.
    pub period: String,
    /// The first day of the half-year.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub first_day: Date,
    /// The last day of the half-year.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub last_day: Date,
    /// The column names, in order (from the configuration).
    pub columns: Vec<String>,
    /// One row per young person, ordered by personnummer; each as long as
    /// `columns`, empty cells for what is not known or not there.
    pub rows: Vec<Vec<String>>,
    /// What to fix before sending the file, by young person.
    pub problems: Vec<ScbProblem>,
}

/// How many were deregistered for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeregisteredCount {
    /// The reason.
    pub reason: DeregistrationReason,
    /// How many periods ended in the half-year for it.
    pub count: i64,
}

/// The programme's own figures for a half-year (a chart with a table in the
/// app).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterFigures {
    /// `YYYY-H1` or `YYYY-H2`.
    pub period: String,
    /// Young people in the register at some time in the half-year (the SCB
    /// report's rows).
    pub in_register: i64,
    /// Of them, those registered during the half-year (a registration dated in it).
    pub registered: i64,
    /// Of those in the register, those reached (a contact with outcome
    /// `reached`) during the half-year.
    pub reached: i64,
    /// Of those registered during the half-year, those reached at most
    /// [`REACH_DAYS`] days after their registration (counted from the
    /// registration in the half-year; the reach may fall after it).
    pub reached_within_2_weeks: i64,
    /// Of those in the register, those with a measure under way at some time
    /// in the half-year.
    pub with_measure: i64,
    /// Periods ended in the half-year, by reason (every reason, zeros too).
    pub deregistered: Vec<DeregisteredCount>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sent_as_names;

    fn on(text: &str) -> Date {
        crate::date::parse_iso(text).unwrap()
    }

    #[test]
    fn half_years_read_and_bound() {
        let h2 = HalfYear::parse("2026-H2").unwrap();
        assert_eq!(h2.first_day(), on("2026-07-01"));
        assert_eq!(h2.last_day(), on("2026-12-31"));
        assert_eq!(h2.to_string(), "2026-H2");
        let h1 = HalfYear::parse("2026-H1").unwrap();
        assert_eq!(
            (h1.first_day(), h1.last_day()),
            (on("2026-01-01"), on("2026-06-30"))
        );
        assert!(h1.contains(on("2026-06-30")) && !h1.contains(on("2026-07-01")));
        assert_eq!(HalfYear::of(on("2026-07-01")), h2);
        for bad in [
            "", "2026", "2026-H3", "2026-h1", "26-H1", "1999-H1", "2101-H2", "+026-H1", "2026-H1 ",
        ] {
            assert_eq!(HalfYear::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn checks_are_sent_as_their_names() {
        sent_as_names(&ScbCheck::ALL, ScbCheck::as_str);
    }
}
