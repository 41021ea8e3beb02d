//! Applications: reading one, starting, saving, and the actions on it.

use lotsen_api::application::{
    Application, ApplicationSaved, ApplicationSummary, NewApplication, UpdateApplication,
};
use serde::Serialize;

use super::{Api, ApiError};

impl Api {
    /// `GET /applications/{id}`.
    pub async fn application(self, id: i64) -> Result<Application, ApiError> {
        self.read(format!("/applications/{id}")).await
    }

    /// `POST /applications`: staff start one for a young person.
    pub async fn new_application(self, request: NewApplication) -> Result<Application, ApiError> {
        self.post("/applications", &request).await
    }

    /// `PUT /applications/{id}`: saves the draft (voiding signatures).
    pub async fn save_application(
        self,
        id: i64,
        request: UpdateApplication,
    ) -> Result<ApplicationSaved, ApiError> {
        self.put(&format!("/applications/{id}"), &request).await
    }

    /// `POST /applications/{id}/{action}` (sign, submit, decide, withdraw, …),
    /// with a body or without; the answer is the application as it now is.
    pub async fn application_action<B: Serialize>(
        self,
        id: i64,
        action: &str,
        body: Option<B>,
    ) -> Result<Application, ApiError> {
        let path = format!("/applications/{id}/{action}");
        match &body {
            Some(body) => self.post(&path, body).await,
            None => self.post_empty(&path).await,
        }
    }

    /// A list of applications: `/applications/{list}` or a young person's.
    pub async fn applications(self, path: String) -> Result<Vec<ApplicationSummary>, ApiError> {
        self.read(path).await
    }
}
