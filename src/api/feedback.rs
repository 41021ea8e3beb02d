//! Ratings, the staff's feedback report and answers, and follow-up entries.

use std::fmt::Display;

use lotsen_api::feedback::{
    AnswerRequest, FeedbackAnswer, FeedbackReport, MyRating, MyRatings, RatingRequest,
};
use lotsen_api::outcomes::{NewOutcome, OutcomeEntry, OutcomeHistory};

use super::{Api, ApiError};

impl Api {
    /// `GET /me/ratings`: what the young person may rate, and their ratings.
    pub async fn my_ratings(self) -> Result<MyRatings, ApiError> {
        self.get("/me/ratings").await
    }

    /// `PUT /me/ratings/activities/{id}/{date}`, or `…/sessions/{booking}`.
    pub async fn rate(
        self,
        activity: Option<(i64, String)>,
        booking: Option<i64>,
        request: RatingRequest,
    ) -> Result<MyRating, ApiError> {
        let path = match (activity, booking) {
            (Some((a, date)), _) => format!("/me/ratings/activities/{a}/{date}"),
            (_, Some(b)) => format!("/me/ratings/sessions/{b}"),
            _ => String::new(),
        };
        self.put(&path, &request).await
    }

    /// `GET /me/feedback-answers`: staff's answers to the young person's group.
    pub async fn my_feedback_answers(self) -> Result<Vec<FeedbackAnswer>, ApiError> {
        self.get("/me/feedback-answers").await
    }

    /// `GET /feedback?term=…`: the feedback report.
    pub async fn feedback_report(self, term: impl Display) -> Result<FeedbackReport, ApiError> {
        self.read(format!("/feedback?term={term}")).await
    }

    /// `POST /feedback/activities/{id}/answers`.
    pub async fn answer_feedback(
        self,
        activity: i64,
        request: AnswerRequest,
    ) -> Result<FeedbackAnswer, ApiError> {
        self.post(
            &format!("/feedback/activities/{activity}/answers"),
            &request,
        )
        .await
    }

    /// `GET /youth/{id}/outcomes` (audited).
    pub async fn outcomes(self, youth: i64) -> Result<OutcomeHistory, ApiError> {
        self.read(format!("/youth/{youth}/outcomes")).await
    }

    /// `POST /youth/{id}/outcomes`.
    pub async fn record_outcome(
        self,
        youth: i64,
        request: NewOutcome,
    ) -> Result<OutcomeEntry, ApiError> {
        self.post(&format!("/youth/{youth}/outcomes"), &request)
            .await
    }
}
