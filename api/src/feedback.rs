//! Ratings (*betyg*) of activities and booked sessions, and the staff's
//! feedback view with "you said, we did" answers.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | GET | `/api/me/ratings` | `list_my_ratings` | the young person ([`Rateable`]: what they may rate, with their own rating) |
//! | PUT | `/api/me/ratings/activities/{activity_id}/{date}` | `rate_activity` | the young person ([`RatingRequest`] → [`MyRating`]) |
//! | PUT | `/api/me/ratings/sessions/{booking_id}` | `rate_session` | the young person ([`RatingRequest`] → [`MyRating`]) |
//! | GET | `/api/me/feedback-answers` | `list_my_feedback_answers` | the young person ([`FeedbackAnswer`] of their activities) |
//! | GET | `/api/feedback?term=` | `feedback_report` | staff ([`FeedbackReport`]) |
//! | GET | `/api/feedback/export.csv?term=` | `export_feedback` | staff (`text/csv`, the aggregates of the report) |
//! | POST | `/api/feedback/activities/{id}/answers` | `answer_feedback` | staff ([`AnswerRequest`] → 201 [`FeedbackAnswer`]) |
//!
//! **What can be rated.** An occurrence of an activity on the young person's
//! schedule that was not cancelled and that they did not say they can't come
//! to, and a booked session that staff marked attended, from
//! [`RATEABLE_DAYS`] days back until today (an occurrence today once it has
//! ended). One rating per person and occurrence; it can be changed until
//! [`CHANGE_DAYS`] days after it was first given (then 409 `rating_locked`).
//!
//! **Small groups and anonymity.** The report groups ratings per activity
//! (a booked session: per session type and staff member) and per leader, in
//! one term. A group with fewer than [`MIN_GROUP`] ratings has no summary
//! (`summary` is `null`: "too few ratings to show"); booked-session groups
//! that small are not listed at all. The trend is by week, with weeks merged
//! until each point has at least [`MIN_GROUP`] ratings; comments carry only
//! the weeks of their point, are sorted by text and never say who wrote them.
//! A leader's figures are made only of the activity groups shown, and their
//! trend points only of whole points of those, so no filter or difference
//! narrows a figure below [`MIN_GROUP`] ratings. No response names who rated.

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::schedule::PersonRef;
pub use crate::term::Term;
use crate::text::{self, TextRule};

/// The fewest ratings a group needs before anything of it is shown.
pub const MIN_GROUP: u32 = 5;
/// How many days back (before today) an occurrence can be rated.
pub const RATEABLE_DAYS: i64 = 13;
/// Days a rating can be changed after it was first given.
pub const CHANGE_DAYS: i64 = 7;
/// The longest comment or answer, in characters.
pub const TEXT_MAX_CHARS: usize = 500;

/// The five steps, worst first (faces in the app, with these labels).
pub const SCORES: [u8; 5] = [1, 2, 3, 4, 5];

/// `PUT /api/me/ratings/...`: a score from 1 (very bad) to 5 (very good).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingRequest {
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub score: u8,
    /// Up to 500 characters; empty or left out for none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub comment: Option<String>,
    /// Store the rating without the person: nobody, not even staff with the
    /// database, can see whose it is.
    #[serde(default)]
    pub anonymous: bool,
}

/// A field problem of a rating: `(field, code)`.
pub type Problem = (&'static str, &'static str);

impl RatingRequest {
    /// The score checked and the comment trimmed (`None` when empty).
    pub fn validate(&self) -> Result<(u8, Option<String>), Vec<Problem>> {
        let mut problems = Vec::new();
        if !SCORES.contains(&self.score) {
            problems.push(("score", "score"));
        }
        let comment = text::check_optional(
            self.comment.as_deref(),
            TextRule::optional_lines(TEXT_MAX_CHARS),
        )
        .unwrap_or_else(|p| {
            problems.push(("comment", p.code()));
            None
        });
        if problems.is_empty() {
            Ok((self.score, comment))
        } else {
            Err(problems)
        }
    }
}

/// The young person's own rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRating {
    pub score: u8,
    pub comment: Option<String>,
    pub anonymous: bool,
    /// Until when (Unix seconds) it can be changed.
    pub changeable_until: i64,
}

/// Something the young person may rate: an activity's occurrence
/// (`activity_id` and `date`, its planned date) or a booked session (`booking_id`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rateable {
    pub activity_id: Option<i64>,
    pub booking_id: Option<i64>,
    /// The planned date of an occurrence; the day of a session.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub date: Date,
    /// The day it took place (a moved occurrence: the new day).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub held_on: Date,
    /// `"HH:MM"`.
    pub start: String,
    pub title: String,
    pub leader_name: Option<String>,
    pub rating: Option<MyRating>,
    /// Whether a rating can still be given or changed.
    pub changeable: bool,
}

/// `GET /api/me/ratings`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRatings {
    /// The young person's today (Swedish date).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub today: Date,
    /// Newest first.
    pub items: Vec<Rateable>,
}

/// `POST /api/feedback/activities/{id}/answers`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerRequest {
    /// 1 to 500 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub text: String,
}

impl AnswerRequest {
    /// The trimmed text, or the field code.
    pub fn validate(&self) -> Result<String, &'static str> {
        text::check(&self.text, TextRule::lines(TEXT_MAX_CHARS)).map_err(|p| p.code())
    }
}

/// A "you said, we did" answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackAnswer {
    pub id: i64,
    pub activity_id: i64,
    pub activity_title: String,
    pub text: String,
    /// The Swedish date it was written.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub written_on: Date,
}

/// One point of a trend: the weeks it covers (ISO weeks, `"2026-W47"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    pub first_week: String,
    pub last_week: String,
    pub count: u32,
    /// Rounded to one decimal.
    pub average: f64,
}

/// A comment, with only the weeks of its trend point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackComment {
    pub first_week: String,
    pub last_week: String,
    pub text: String,
}

/// The figures of a group of at least [`MIN_GROUP`] ratings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    pub count: u32,
    /// Rounded to one decimal.
    pub average: f64,
    /// How many gave 1, 2, 3, 4 and 5.
    pub distribution: Vec<u32>,
    /// By week, oldest first; every point has at least [`MIN_GROUP`] ratings.
    pub trend: Vec<TrendPoint>,
    pub comments: Vec<FeedbackComment>,
}

/// What a group's ratings are of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Activity,
    Session,
}

/// One activity's (or one session type's with one staff member) feedback in a term.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackGroup {
    pub kind: GroupKind,
    /// The activity, or the session type.
    pub id: i64,
    pub title: String,
    pub leader: Option<PersonRef>,
    /// `null`: too few ratings to show.
    pub summary: Option<Summary>,
    /// Staff's answers (activities only), newest first.
    pub answers: Vec<FeedbackAnswer>,
}

/// One leader's feedback: the activity and session groups they lead that are shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaderFeedback {
    pub leader: PersonRef,
    /// `null`: too few ratings to show.
    pub summary: Option<Summary>,
}

/// `GET /api/feedback?term=`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackReport {
    /// `"2026-autumn"`.
    pub term: String,
    /// This term and the ones before that can be chosen, newest first.
    pub terms: Vec<String>,
    pub groups: Vec<FeedbackGroup>,
    pub leaders: Vec<LeaderFeedback>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_checked() {
        let ok = RatingRequest {
            score: 5,
            comment: Some("  bra ".into()),
            anonymous: false,
        };
        assert_eq!(ok.validate(), Ok((5, Some("bra".into()))));
        let empty = RatingRequest {
            score: 1,
            comment: Some("   ".into()),
            anonymous: true,
        };
        assert_eq!(empty.validate(), Ok((1, None)));
        let bad = RatingRequest {
            score: 0,
            comment: Some("x".repeat(501)),
            anonymous: false,
        };
        assert_eq!(
            bad.validate(),
            Err(vec![("score", "score"), ("comment", "too_long")])
        );
        assert_eq!(
            AnswerRequest { text: " ".into() }.validate(),
            Err("required")
        );
    }
}
