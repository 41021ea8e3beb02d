//! A person's own account: signing in and out, invitations, password resets,
//! their password, their team and (for a guardian) their young people.

use lotsen_api::account::{
    AcceptInvitationRequest, ChangePasswordRequest, CompletePasswordResetRequest, InvitationInfo,
    InvitationToken, Me, MessageChannel, MessageChannelSetting, PasswordResetAccepted,
    PasswordResetRequest, SetMessageChannel, SignInRequest,
};
use lotsen_api::people::GuardedYouth;
use lotsen_api::team::MyTeamMember;

use super::{Api, ApiError};

impl Api {
    /// `POST /auth/sign-in`.
    pub async fn sign_in(self, request: SignInRequest) -> Result<Me, ApiError> {
        self.post("/auth/sign-in", &request).await
    }

    /// `POST /invitations/inspect`: whose invitation a token is, and until when.
    pub async fn inspect_invitation(self, token: String) -> Result<InvitationInfo, ApiError> {
        self.post("/invitations/inspect", &InvitationToken { token })
            .await
    }

    /// `POST /invitations/accept`: sets the invitee's password.
    pub async fn accept_invitation(self, request: AcceptInvitationRequest) -> Result<(), ApiError> {
        self.post("/invitations/accept", &request).await
    }

    /// `POST /auth/password-reset`: asks for a reset link.
    pub async fn request_password_reset(
        self,
        request: PasswordResetRequest,
    ) -> Result<PasswordResetAccepted, ApiError> {
        self.post("/auth/password-reset", &request).await
    }

    /// `POST /auth/password-reset/complete`: a new password from a reset link.
    pub async fn complete_password_reset(
        self,
        request: CompletePasswordResetRequest,
    ) -> Result<(), ApiError> {
        self.post("/auth/password-reset/complete", &request).await
    }

    /// `POST /me/password`.
    pub async fn change_password(self, request: ChangePasswordRequest) -> Result<(), ApiError> {
        self.post("/me/password", &request).await
    }

    /// `GET /me/message-channel`: whether messages come by e-mail or SMS.
    pub async fn message_channel(self) -> Result<MessageChannelSetting, ApiError> {
        self.get("/me/message-channel").await
    }

    /// `PUT /me/message-channel`: chooses e-mail or SMS.
    pub async fn set_message_channel(
        self,
        channel: MessageChannel,
    ) -> Result<MessageChannelSetting, ApiError> {
        self.put("/me/message-channel", &SetMessageChannel { channel })
            .await
    }

    /// `GET /me/team`: the young person's team.
    pub async fn my_team(self) -> Result<Vec<MyTeamMember>, ApiError> {
        self.get("/me/team").await
    }

    /// `GET /guardian/youth`: the young people a guardian is guardian of.
    pub async fn guarded_youth(self) -> Result<Vec<GuardedYouth>, ApiError> {
        self.get("/guardian/youth").await
    }
}
