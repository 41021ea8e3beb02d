//! The schedule: activities and their occurrences, assignments, a young
//! person's week and absences, and the calendar feed.

use std::fmt::Display;

use lotsen_api::schedule::{
    AbsenceRequest, Activity, Assignment, CalendarFeed, NewActivity, NewAssignment, Occurrence,
    OccurrenceChange, Schedule,
};

use super::{Api, ApiError};

impl Api {
    /// `GET /activities`.
    pub async fn activities(self) -> Result<Vec<Activity>, ApiError> {
        self.get("/activities").await
    }

    /// `GET /activities/{id}`.
    pub async fn activity(self, id: i64) -> Result<Activity, ApiError> {
        self.read(format!("/activities/{id}")).await
    }

    /// `POST /activities`, or `PUT /activities/{id}` for an existing one.
    pub async fn save_activity(
        self,
        id: Option<i64>,
        request: NewActivity,
    ) -> Result<Activity, ApiError> {
        match id {
            Some(id) => self.put(&format!("/activities/{id}"), &request).await,
            None => self.post("/activities", &request).await,
        }
    }

    /// `GET /activities/{id}/occurrences?from=…&to=…`.
    pub async fn occurrences(
        self,
        id: i64,
        from: impl Display,
        to: impl Display,
    ) -> Result<Vec<Occurrence>, ApiError> {
        self.read(format!("/activities/{id}/occurrences?from={from}&to={to}"))
            .await
    }

    /// `PUT /activities/{id}/occurrences/{date}` (a change), or `DELETE` (undo it).
    pub async fn change_occurrence(
        self,
        id: i64,
        date: impl Display,
        change: Option<OccurrenceChange>,
    ) -> Result<Occurrence, ApiError> {
        let path = format!("/activities/{id}/occurrences/{date}");
        match &change {
            Some(change) => self.put(&path, change).await,
            None => self.delete(&path).await,
        }
    }

    /// `GET /youth/{id}/assignments`.
    pub async fn assignments(self, youth: i64) -> Result<Vec<Assignment>, ApiError> {
        self.read(format!("/youth/{youth}/assignments")).await
    }

    /// `POST /youth/{id}/assignments`.
    pub async fn assign(self, youth: i64, request: NewAssignment) -> Result<Assignment, ApiError> {
        self.post(&format!("/youth/{youth}/assignments"), &request)
            .await
    }

    /// `DELETE /youth/{id}/assignments/{assignment}`.
    pub async fn unassign(self, youth: i64, id: i64) -> Result<(), ApiError> {
        self.delete(&format!("/youth/{youth}/assignments/{id}"))
            .await
    }

    /// `GET /youth/{id}/schedule?from=…&to=…` (staff; audited).
    pub async fn youth_schedule(
        self,
        youth: i64,
        from: impl Display,
        to: impl Display,
    ) -> Result<Schedule, ApiError> {
        self.read(format!("/youth/{youth}/schedule?from={from}&to={to}"))
            .await
    }

    /// `GET /me/schedule?from=…&to=…`: the young person's own.
    pub async fn my_schedule(
        self,
        from: impl Display,
        to: impl Display,
    ) -> Result<Schedule, ApiError> {
        self.read(format!("/me/schedule?from={from}&to={to}")).await
    }

    /// `PUT /me/schedule/absences/{activity}/{date}` (with a reason), or
    /// `DELETE` (back after all).
    pub async fn absence(
        self,
        activity: i64,
        date: impl Display,
        request: Option<AbsenceRequest>,
    ) -> Result<(), ApiError> {
        let path = format!("/me/schedule/absences/{activity}/{date}");
        match &request {
            Some(request) => self.put(&path, request).await,
            None => self.delete(&path).await,
        }
    }

    /// `GET /me/calendar`: the calendar feed.
    pub async fn calendar_feed(self) -> Result<CalendarFeed, ApiError> {
        self.get("/me/calendar").await
    }

    /// `POST /me/calendar`: a new feed (revoking the old one).
    pub async fn new_calendar_feed(self) -> Result<CalendarFeed, ApiError> {
        self.post_empty("/me/calendar").await
    }

    /// `DELETE /me/calendar`.
    pub async fn revoke_calendar_feed(self) -> Result<(), ApiError> {
        self.delete("/me/calendar").await
    }
}
