//! The register's plans part (`lotsen_api::register::plans`): the code list
//! of measures, a young person's plan and its versions and measures (staff),
//! and the young person's own plan and what the register holds about them.

use lotsen_api::register::people::MyRegister;
use lotsen_api::register::plans::{
    Measure, MeasureCode, MeasureCodeUpdate, MeasureDates, MyPlan, NewMeasure, NewMeasureCode,
    Plan, PlanAnswer, PlanText, PlanVersion,
};

use crate::api::{Api, ApiError};

impl Api {
    /// `GET /register/measure-codes`: the code list (inactive codes too).
    pub async fn measure_codes(self) -> Result<Vec<MeasureCode>, ApiError> {
        self.get("/register/measure-codes").await
    }

    /// `GET /register/people/{id}/plan`: the current version, the measures
    /// and the earlier versions (audited).
    pub async fn register_plan(self, youth_id: i64) -> Result<Plan, ApiError> {
        self.read(format!("/register/people/{youth_id}/plan")).await
    }

    /// `GET /register/people/{id}/plan/versions/{version}`: a version as it was made.
    pub async fn register_plan_version(
        self,
        youth_id: i64,
        version: i64,
    ) -> Result<PlanVersion, ApiError> {
        self.read(format!(
            "/register/people/{youth_id}/plan/versions/{version}"
        ))
        .await
    }

    /// `POST /register/people/{id}/plan`: makes or revises the plan (a new version).
    pub async fn revise_register_plan(
        self,
        youth_id: i64,
        text: PlanText,
    ) -> Result<PlanVersion, ApiError> {
        self.post(&format!("/register/people/{youth_id}/plan"), &text)
            .await
    }

    /// `POST /register/people/{id}/measures`: adds a measure.
    pub async fn add_register_measure(
        self,
        youth_id: i64,
        measure: NewMeasure,
    ) -> Result<Measure, ApiError> {
        self.post(&format!("/register/people/{youth_id}/measures"), &measure)
            .await
    }

    /// `PUT /register/people/{id}/measures/{measure}`: a measure's dates and end.
    pub async fn update_register_measure(
        self,
        youth_id: i64,
        measure_id: i64,
        dates: MeasureDates,
    ) -> Result<Measure, ApiError> {
        self.put(
            &format!("/register/people/{youth_id}/measures/{measure_id}"),
            &dates,
        )
        .await
    }

    /// `GET /register/me/plan`: the young person's own plan (`plan` absent: none yet).
    pub async fn my_register_plan(self) -> Result<MyPlan, ApiError> {
        self.get("/register/me/plan").await
    }

    /// `POST /register/me/plan/response`: "I agree" and/or a comment.
    pub async fn answer_my_register_plan(self, answer: PlanAnswer) -> Result<MyPlan, ApiError> {
        self.post("/register/me/plan/response", &answer).await
    }

    /// `GET /register/me`: what the register holds about the young person, and why.
    pub async fn register_about_me(self) -> Result<MyRegister, ApiError> {
        self.get("/register/me").await
    }

    /// `POST /register/measure-codes`: a new code (administrators).
    pub async fn create_measure_code(
        self,
        request: NewMeasureCode,
    ) -> Result<MeasureCode, ApiError> {
        self.post("/register/measure-codes", &request).await
    }

    /// `PUT /register/measure-codes/{code}`: new labels, active or not (administrators).
    pub async fn update_measure_code(
        self,
        code: String,
        request: MeasureCodeUpdate,
    ) -> Result<MeasureCode, ApiError> {
        self.put(&format!("/register/measure-codes/{code}"), &request)
            .await
    }
}
