//! The mapping conversation and the individual plan (Skolverket's general
//! advice), its measures and the code list of measures, and the young
//! person's own view of their plan.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | GET | `/api/register/measure-codes` | `list_measure_codes` | staff ([`MeasureCode`]s, inactive ones too) |
//! | POST | `/api/register/measure-codes` | `create_measure_code` | administrators ([`NewMeasureCode`] → 201 [`MeasureCode`]) |
//! | PUT | `/api/register/measure-codes/{code}` | `update_measure_code` | administrators ([`MeasureCodeUpdate`] → [`MeasureCode`]) |
//! | GET | `/api/register/people/{youth_id}/plan` | `get_register_plan` | staff who may see the young person in the register ([`Plan`]; audited `read_register_plan`) |
//! | POST | `/api/register/people/{youth_id}/plan` | `revise_register_plan` | the same ([`PlanText`] → 201 [`PlanVersion`]; audited `write_register_plan`) |
//! | GET | `/api/register/people/{youth_id}/plan/versions/{version}` | `get_register_plan_version` | the same ([`PlanVersion`] as it was made; audited `read_register_plan`) |
//! | POST | `/api/register/people/{youth_id}/measures` | `add_register_measure` | the same ([`NewMeasure`] → 201 [`Measure`]; audited `write_register_measure`) |
//! | PUT | `/api/register/people/{youth_id}/measures/{measure_id}` | `update_register_measure` | the same ([`MeasureDates`] → [`Measure`]; audited `write_register_measure`) |
//! | GET | `/api/register/me/plan` | `get_my_register_plan` | the young person ([`MyPlan`], their own) |
//! | POST | `/api/register/me/plan/response` | `answer_my_register_plan` | the young person ([`PlanAnswer`] → [`MyPlan`]) |
//!
//! Staff may see a young person's plan when they keep the register (an
//! officer or an administrator), are the young person's contact person or on
//! their team, and the young person is in the register (has been registered
//! at least once); otherwise 404.
//!
//! # Versions
//!
//! Making or revising the plan writes a new version (1, 2, …); earlier
//! versions are kept as they were, each with the measures as they stood when
//! it was made (a snapshot). Measures themselves are added and updated as the
//! work goes on, without a new version: the plan read shows them as they are
//! now. The young person answers the version they were shown ("I agree",
//! a comment, or both); the answer belongs to that version, and a revision
//! asks for a new one (the answer to an earlier version stays with it).
//!
//! Do not document sensitive details such as health in the plan: the UI shows
//! the text at [`SENSITIVE_REMINDER_KEY`] beside the plan's fields, and the
//! staff read carries the key.

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::date::past_date_allowed;
use crate::outcomes::{Problem, Recorder};
use crate::register::{MeasureEndReason, ResponsibleKind};
use crate::text::{self, TextRule};

/// The longest "own words" (goals, needs and expectations), in characters.
pub const OWN_WORDS_MAX_CHARS: usize = 4000;
/// The longest goal of the plan, in characters.
pub const GOAL_MAX_CHARS: usize = 1000;
/// The longest comment of the young person on their plan, in characters.
pub const COMMENT_MAX_CHARS: usize = 2000;
/// The longest name of a responsible unit or actor, or code label.
pub const NAME_MAX_CHARS: usize = 200;
/// The longest measure code.
pub const CODE_MAX_CHARS: usize = 40;
/// The locale key (in `locales/{sv,en}.json`) of the reminder not to document
/// sensitive details such as health, shown beside the plan's fields.
pub const SENSITIVE_REMINDER_KEY: &str = "register.plan_sensitive_reminder";

/// Field error codes the plan routes send, besides `required`, `too_long`,
/// the text checks, `date_order` and `outcome_date`.
pub const FIELD_CODES: [&str; 3] = [
    "plan_changed",
    "measure_code_invalid",
    "measure_code_format",
];

/// A code of the list of measures. Codes are never deleted (reports refer to
/// them); an inactive one can no longer be chosen for a new measure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureCode {
    pub code: String,
    pub label_sv: String,
    pub label_en: String,
    pub active: bool,
}

/// `POST /api/register/measure-codes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMeasureCode {
    /// 1–40 of `a`–`z`, `0`–`9` and `_`; never changes.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 40, pattern = "^[a-z0-9_]{1,40}$")
    )]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub label_sv: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub label_en: String,
}

/// `PUT /api/register/measure-codes/{code}`: new labels, and whether it can be chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureCodeUpdate {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub label_sv: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub label_en: String,
    pub active: bool,
}

/// Whether `code` has a measure code's form: 1–40 of `a`–`z`, `0`–`9`, `_`.
pub fn is_code(code: &str) -> bool {
    (1..=CODE_MAX_CHARS).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Checks both labels; pushes problems.
fn labels(sv: &str, en: &str, problems: &mut Vec<Problem>) -> (String, String) {
    let mut label = |field: &'static str, value: &str| {
        text::check(value, TextRule::line(NAME_MAX_CHARS))
            .map_err(|p| problems.push((field, p.code())))
            .unwrap_or_default()
    };
    (label("label_sv", sv), label("label_en", en))
}

fn done<T>(value: T, problems: Vec<Problem>) -> Result<T, Vec<Problem>> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

impl NewMeasureCode {
    /// The code's form and the labels, trimmed.
    pub fn validate(&self) -> Result<NewMeasureCode, Vec<Problem>> {
        let mut problems = Vec::new();
        if !is_code(&self.code) {
            problems.push(("code", "measure_code_format"));
        }
        let (label_sv, label_en) = labels(&self.label_sv, &self.label_en, &mut problems);
        done(
            NewMeasureCode {
                code: self.code.clone(),
                label_sv,
                label_en,
            },
            problems,
        )
    }
}

impl MeasureCodeUpdate {
    /// The labels, trimmed.
    pub fn validate(&self) -> Result<MeasureCodeUpdate, Vec<Problem>> {
        let mut problems = Vec::new();
        let (label_sv, label_en) = labels(&self.label_sv, &self.label_en, &mut problems);
        done(
            MeasureCodeUpdate {
                label_sv,
                label_en,
                active: self.active,
            },
            problems,
        )
    }
}

/// The texts of a version of the plan; `POST /api/register/people/{youth_id}/plan`
/// makes a new version of them. Do not document sensitive details such as
/// health (the UI shows the text at [`SENSITIVE_REMINDER_KEY`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanText {
    /// The day of the mapping conversation (2000 until today), if there was one.
    #[serde(default, with = "crate::date::iso_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub conversation_on: Option<Date>,
    /// The young person's goals, needs and expectations in their own words
    /// (1–4000 characters, several lines). No sensitive details such as health.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub own_words: String,
    /// The goal of the plan (1–1000 characters, several lines).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub goal: String,
}

impl PlanText {
    /// The texts, trimmed, and the conversation's date against `today`.
    pub fn validate(&self, today: Date) -> Result<PlanText, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut lines = |field: &'static str, value: &str, max: usize| {
            text::check(value, TextRule::lines(max))
                .map_err(|p| problems.push((field, p.code())))
                .unwrap_or_default()
        };
        let own_words = lines("own_words", &self.own_words, OWN_WORDS_MAX_CHARS);
        let goal = lines("goal", &self.goal, GOAL_MAX_CHARS);
        if self
            .conversation_on
            .is_some_and(|on| !past_date_allowed(on, today))
        {
            problems.push(("conversation_on", "outcome_date"));
        }
        done(
            PlanText {
                conversation_on: self.conversation_on,
                own_words,
                goal,
            },
            problems,
        )
    }
}

/// A measure's dates and end; `PUT /api/register/people/{youth_id}/measures/{measure_id}`
/// sets them as they should now be (a field left out is cleared).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureDates {
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub planned_start: Date,
    /// Not before `planned_start` (`date_order`).
    #[serde(default, with = "crate::date::iso_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub planned_end: Option<Date>,
    /// When it actually ended (2000 until today), with `end_reason`: both or
    /// neither. It may be before the planned start (a measure called off
    /// early); the SCB report's checks list such data.
    #[serde(default, with = "crate::date::iso_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub actual_end: Option<Date>,
    #[serde(default)]
    pub end_reason: Option<MeasureEndReason>,
    /// The next follow-up.
    #[serde(default, with = "crate::date::iso_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub next_follow_up: Option<Date>,
}

impl MeasureDates {
    /// The planned dates' order, the end and its reason together, the end not
    /// after `today`.
    pub fn validate(&self, today: Date) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        if self.planned_end.is_some_and(|end| end < self.planned_start) {
            problems.push(("planned_end", "date_order"));
        }
        match (self.actual_end, self.end_reason) {
            (Some(end), Some(_)) if !past_date_allowed(end, today) => {
                problems.push(("actual_end", "outcome_date"));
            }
            (Some(_), None) => problems.push(("end_reason", "required")),
            (None, Some(_)) => problems.push(("actual_end", "required")),
            _ => {}
        }
        done((), problems)
    }
}

/// One measure of a young person's plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Measure {
    pub id: i64,
    pub code: String,
    /// The code's label in the request's language (`Accept-Language`).
    pub label: String,
    pub responsible_kind: ResponsibleKind,
    /// The municipal unit or the other actor; absent when the young person is responsible.
    #[serde(default)]
    pub responsible_name: Option<String>,
    #[serde(flatten)]
    pub dates: MeasureDates,
}

/// `POST /api/register/people/{youth_id}/measures` (usually without an end; one
/// may be recorded afterwards).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMeasure {
    /// An active code of the list (`measure_code_invalid` otherwise).
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub code: String,
    pub responsible_kind: ResponsibleKind,
    /// Required for `municipality` (the unit) and `other` (the actor, e.g.
    /// Arbetsförmedlingen, Komvux, a folk high school, social services;
    /// 1–200 characters); ignored for `youth`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub responsible_name: Option<String>,
    #[serde(flatten)]
    pub dates: MeasureDates,
}

impl NewMeasure {
    /// The code's form, the responsible party's name (dropped for the young
    /// person, required otherwise) and the dates as [`MeasureDates::validate`].
    pub fn validate(&self, today: Date) -> Result<NewMeasure, Vec<Problem>> {
        let mut problems = Vec::new();
        if self.code.is_empty() {
            problems.push(("code", "required"));
        } else if !is_code(&self.code) {
            problems.push(("code", "measure_code_invalid"));
        }
        let responsible_name = match self.responsible_kind {
            ResponsibleKind::Youth => None,
            _ => Some(
                text::check(
                    self.responsible_name.as_deref().unwrap_or_default(),
                    TextRule::line(NAME_MAX_CHARS),
                )
                .map_err(|p| problems.push(("responsible_name", p.code())))
                .unwrap_or_default(),
            ),
        };
        if let Err(more) = self.dates.validate(today) {
            problems.extend(more);
        }
        done(
            NewMeasure {
                responsible_name,
                ..self.clone()
            },
            problems,
        )
    }
}

/// The young person's answer to a version, as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanResponse {
    /// When they said "I agree" (RFC 3339); absent if they did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// When they answered (RFC 3339).
    pub responded_at: String,
}

/// One version of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersion {
    pub version: i64,
    #[serde(flatten)]
    pub text: PlanText,
    /// In `get_register_plan`'s `current`: the measures as they are now; in
    /// `get_register_plan_version` and `revise_register_plan`: as they stood
    /// when this version was made. Earliest planned start first.
    pub measures: Vec<Measure>,
    /// When it was made (RFC 3339).
    pub created_at: String,
    pub created_by: Recorder,
    /// The young person's answer to this version, if any.
    #[serde(default)]
    pub response: Option<PlanResponse>,
}

/// A version in the list of versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersionSummary {
    pub version: i64,
    pub created_at: String,
    pub created_by: Recorder,
    pub agreed: bool,
    pub commented: bool,
}

/// `GET /api/register/people/{youth_id}/plan`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    /// The locale key of the reminder not to document sensitive details such
    /// as health ([`SENSITIVE_REMINDER_KEY`]).
    pub reminder_key: String,
    /// The latest version with the measures as they are now; absent before
    /// the first version (measures may exist already: `measures`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<PlanVersion>,
    /// The measures as they are now (the same as `current.measures` when
    /// there is a version).
    pub measures: Vec<Measure>,
    /// The earlier versions, newest first.
    pub earlier: Vec<PlanVersionSummary>,
}

/// A measure as the young person sees it, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyMeasure {
    /// What it is, in the request's language.
    pub label: String,
    /// Who is responsible, in plain words in the request's language ("You",
    /// "The municipality (Ungdomsteamet)", "Arbetsförmedlingen").
    pub who: String,
    pub responsible_kind: ResponsibleKind,
    #[serde(flatten)]
    pub dates: MeasureDates,
}

/// The young person's current plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyPlanVersion {
    /// Send it back with the answer.
    pub version: i64,
    #[serde(flatten)]
    pub text: PlanText,
    /// As they are now, earliest planned start first.
    pub measures: Vec<MyMeasure>,
    /// Their answer to this version, if any.
    #[serde(default)]
    pub response: Option<PlanResponse>,
}

/// `GET /api/register/me/plan`: `plan` is absent (`{}`) when the young
/// person has no plan (the app says so: no error).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyPlan {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<MyPlanVersion>,
}

/// `POST /api/register/me/plan/response`: "I agree", a comment, or both, on
/// the version shown. A new answer to the same version replaces the earlier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanAnswer {
    /// The version the young person was shown (`plan_changed`, 409, when a
    /// newer one exists).
    pub version: i64,
    /// "I agree".
    #[serde(default)]
    pub agree: bool,
    /// 1–2000 characters, several lines; required when `agree` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: Option<String>,
}

impl PlanAnswer {
    /// The comment, trimmed (`None` when empty); an answer says something.
    pub fn validate(&self) -> Result<Option<String>, Vec<Problem>> {
        let comment = text::check_optional(
            self.comment.as_deref(),
            TextRule::optional_lines(COMMENT_MAX_CHARS),
        )
        .map_err(|p| vec![("comment", p.code())])?;
        if !self.agree && comment.is_none() {
            return Err(vec![("comment", "required")]);
        }
        Ok(comment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::date::day as d;

    fn today() -> Date {
        d(2026, 10, 1)
    }

    fn dates() -> MeasureDates {
        MeasureDates {
            planned_start: d(2026, 9, 1),
            planned_end: Some(d(2026, 12, 1)),
            actual_end: None,
            end_reason: None,
            next_follow_up: None,
        }
    }

    fn measure() -> NewMeasure {
        NewMeasure {
            code: "guidance".into(),
            responsible_kind: ResponsibleKind::Municipality,
            responsible_name: Some("  Ungdomsteamet ".into()),
            dates: dates(),
        }
    }

    #[test]
    fn a_measure_names_who_is_responsible_unless_it_is_the_young_person() {
        assert_eq!(
            measure()
                .validate(today())
                .unwrap()
                .responsible_name
                .as_deref(),
            Some("Ungdomsteamet")
        );
        let nameless = NewMeasure {
            responsible_name: None,
            ..measure()
        };
        assert_eq!(
            nameless.validate(today()).unwrap_err(),
            vec![("responsible_name", "required")]
        );
        let own = NewMeasure {
            responsible_kind: ResponsibleKind::Youth,
            ..measure()
        };
        assert_eq!(own.validate(today()).unwrap().responsible_name, None);
    }

    #[test]
    fn planned_end_before_start_is_refused() {
        let backwards = NewMeasure {
            dates: MeasureDates {
                planned_end: Some(d(2026, 8, 31)),
                ..dates()
            },
            ..measure()
        };
        assert_eq!(
            backwards.validate(today()).unwrap_err(),
            vec![("planned_end", "date_order")]
        );
    }

    #[test]
    fn an_end_needs_its_reason_and_may_lie_before_the_start() {
        let today = today();
        let update = |actual_end, end_reason| MeasureDates {
            actual_end,
            end_reason,
            ..dates()
        };
        assert_eq!(
            update(Some(d(2026, 9, 5)), None).validate(today),
            Err(vec![("end_reason", "required")])
        );
        assert_eq!(
            update(None, Some(MeasureEndReason::Completed)).validate(today),
            Err(vec![("actual_end", "required")])
        );
        assert_eq!(
            update(Some(d(2026, 10, 2)), Some(MeasureEndReason::Completed)).validate(today),
            Err(vec![("actual_end", "outcome_date")])
        );
        assert_eq!(
            update(Some(d(2026, 8, 1)), Some(MeasureEndReason::Discontinued)).validate(today),
            Ok(())
        );
    }

    #[test]
    fn codes_are_lowercase_words() {
        let code = |code: &str| NewMeasureCode {
            code: code.into(),
            label_sv: "Praktik".into(),
            label_en: "Work practice".into(),
        };
        assert!(code("work_practice_2").validate().is_ok());
        for bad in ["", "Praktik", "a-b", "å", &"a".repeat(41)] {
            assert_eq!(
                code(bad).validate().unwrap_err(),
                vec![("code", "measure_code_format")],
                "{bad}"
            );
        }
    }

    #[test]
    fn an_answer_agrees_or_comments() {
        let answer = |agree, comment: Option<&str>| PlanAnswer {
            version: 1,
            agree,
            comment: comment.map(str::to_owned),
        };
        assert_eq!(answer(true, None).validate(), Ok(None));
        assert_eq!(
            answer(false, Some(" Mer praktik ")).validate(),
            Ok(Some("Mer praktik".into()))
        );
        assert_eq!(
            answer(false, Some("  ")).validate(),
            Err(vec![("comment", "required")])
        );
        assert_eq!(
            answer(true, Some(&"x".repeat(2001))).validate(),
            Err(vec![("comment", "too_long")])
        );
    }

    #[test]
    fn the_conversation_is_not_in_the_future() {
        let plan = |on| PlanText {
            conversation_on: Some(on),
            own_words: "Jag vill plugga.".into(),
            goal: "Börja på Komvux.".into(),
        };
        let today = today();
        assert!(plan(today).validate(today).is_ok());
        assert_eq!(
            plan(d(2026, 10, 2)).validate(today).unwrap_err(),
            vec![("conversation_on", "outcome_date")]
        );
    }
}
