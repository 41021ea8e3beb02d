//! The homes: a young person's and a guardian's, one read each.

use lotsen_api::home::{GuardianHome, YouthHome};

use super::{Api, ApiError};

impl Api {
    /// `GET /me/home`: what comes next, today, and where the young person stands.
    pub async fn my_home(self) -> Result<YouthHome, ApiError> {
        self.get("/me/home").await
    }

    /// `GET /guardian/home`: the applications waiting for the guardian's signature.
    pub async fn guardian_home(self) -> Result<GuardianHome, ApiError> {
        self.get("/guardian/home").await
    }
}
