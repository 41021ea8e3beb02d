//! Staff's reads and writes: young people's records, guardians, invitations,
//! the team, the audit log, the term report and the development outbox.

use lotsen_api::account::{DevOutboxMessage, InvitationSent, PasswordResetAccepted};
use lotsen_api::outcomes::{Term, TermReport};
use lotsen_api::people::{
    AuditPage, GuardianCreated, NewGuardian, NewYouth, StaffMember, YouthCreated, YouthDetail,
    YouthSummary,
};
use lotsen_api::team::{NewTeamMember, RemoveTeamMember, Team};

use super::{Api, ApiError};

/// How many entries one page of the audit log holds.
pub const AUDIT_PAGE_SIZE: u32 = 50;

/// The address of a page of the audit log: the newest, or those older than `before`.
pub fn audit_path(before: Option<i64>) -> String {
    match before {
        Some(before) => format!("/audit?before={before}&limit={AUDIT_PAGE_SIZE}"),
        None => format!("/audit?limit={AUDIT_PAGE_SIZE}"),
    }
}

impl Api {
    /// `GET /staff/today`: the signed-in member of staff's day.
    pub async fn staff_today(self) -> Result<lotsen_api::desk::StaffToday, ApiError> {
        self.get("/staff/today").await
    }

    /// `GET /youth`: the young people the staff member may see.
    pub async fn youth_list(self) -> Result<Vec<YouthSummary>, ApiError> {
        self.get("/youth").await
    }

    /// `GET /youth/{id}`: a young person's record (audited).
    pub async fn youth(self, id: i64) -> Result<YouthDetail, ApiError> {
        self.read(format!("/youth/{id}")).await
    }

    /// `POST /youth`: registers and invites a young person.
    pub async fn register_youth(self, request: NewYouth) -> Result<YouthCreated, ApiError> {
        self.post("/youth", &request).await
    }

    /// `GET /staff`: every member of staff.
    pub async fn staff_members(self) -> Result<Vec<StaffMember>, ApiError> {
        self.get("/staff").await
    }

    /// `POST /youth/{id}/invitation`: a new invitation for the young person.
    pub async fn resend_invitation(self, id: i64) -> Result<InvitationSent, ApiError> {
        self.post_empty(&format!("/youth/{id}/invitation")).await
    }

    /// `POST /youth/{id}/password-reset`: a reset link to their own address.
    pub async fn send_password_reset(self, id: i64) -> Result<PasswordResetAccepted, ApiError> {
        self.post_empty(&format!("/youth/{id}/password-reset"))
            .await
    }

    /// `POST /youth/{id}/guardians`: adds and invites a guardian.
    pub async fn add_guardian(
        self,
        id: i64,
        request: NewGuardian,
    ) -> Result<GuardianCreated, ApiError> {
        self.post(&format!("/youth/{id}/guardians"), &request).await
    }

    /// `GET /youth/{id}/team`.
    pub async fn team(self, id: i64) -> Result<Team, ApiError> {
        self.read(format!("/youth/{id}/team")).await
    }

    /// `POST /youth/{id}/team`: adds a member of staff.
    pub async fn add_team_member(self, id: i64, request: NewTeamMember) -> Result<Team, ApiError> {
        self.post(&format!("/youth/{id}/team"), &request).await
    }

    /// `POST /youth/{id}/team/{staff}/remove`.
    pub async fn remove_team_member(
        self,
        id: i64,
        staff: i64,
        request: RemoveTeamMember,
    ) -> Result<Team, ApiError> {
        self.post(&format!("/youth/{id}/team/{staff}/remove"), &request)
            .await
    }

    /// `GET /audit`: a page of the audit log.
    pub async fn audit(self, before: Option<i64>) -> Result<AuditPage, ApiError> {
        self.read(audit_path(before)).await
    }

    /// `GET /reports/term`: the term report.
    pub async fn term_report(self, term: Term) -> Result<TermReport, ApiError> {
        self.read(format!("/reports/term?term={term}")).await
    }

    /// `GET /dev/outbox`: the development outbox.
    pub async fn dev_outbox(self) -> Result<Vec<DevOutboxMessage>, ApiError> {
        self.get("/dev/outbox").await
    }
}
