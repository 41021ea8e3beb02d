//! Signing in and out, the signed-in person, passwords and invitations.

use serde::{Deserialize, Serialize};

/// Who someone is in Lotsen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A young person (participant).
    Youth,
    /// A guardian of a young person under 18.
    Guardian,
    /// A member of the programme's staff.
    Staff,
}

/// A staff member's profession.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Profession {
    /// Contact person / youth coordinator (kontaktperson, ungdomskoordinator).
    ContactPerson,
    /// Study and career counsellor (studie- och yrkesvägledare).
    StudyCounsellor,
    /// Job coach (jobbcoach).
    JobCoach,
    /// School counsellor (kurator).
    SchoolCounsellor,
    /// Social worker (socialsekreterare).
    SocialWorker,
    /// Employment officer (arbetsförmedlare).
    EmploymentOfficer,
}

impl Profession {
    /// Every profession, in the order forms list them.
    pub const ALL: [Profession; 6] = [
        Self::ContactPerson,
        Self::StudyCounsellor,
        Self::JobCoach,
        Self::SchoolCounsellor,
        Self::SocialWorker,
        Self::EmploymentOfficer,
    ];

    /// The snake_case name (also the locale key under `professions`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ContactPerson => "contact_person",
            Self::StudyCounsellor => "study_counsellor",
            Self::JobCoach => "job_coach",
            Self::SchoolCounsellor => "school_counsellor",
            Self::SocialWorker => "social_worker",
            Self::EmploymentOfficer => "employment_officer",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// `POST /api/auth/sign-in`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    /// E-mail address or phone number.
    pub login: String,
    pub password: String,
}

/// The signed-in person (`GET /api/me`, and the answer to signing in).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub role: Role,
    pub name: String,
    /// Staff only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profession: Option<Profession>,
    /// Staff only: may manage staff and read the audit log.
    #[serde(default)]
    pub is_admin: bool,
    /// Staff only: keeps the register (an activity-responsibility officer or
    /// an administrator), so the register-wide pages (the list, the import,
    /// "to contact", the report) are theirs; other staff reach only their own
    /// young people's entries.
    #[serde(default)]
    pub keeps_register: bool,
}

/// A channel for the messages Lotsen sends a person (reminders, offers,
/// confirmations, password resets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageChannel {
    Email,
    Sms,
}

/// How messages reach the signed-in person (`GET /api/me/message-channel`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageChannelSetting {
    /// Their choice, or where messages go without one (e-mail when they have
    /// an address, else SMS).
    pub channel: MessageChannel,
    /// Whether they chose (`false`: the default).
    pub chosen: bool,
    /// Whether the account has an e-mail address, and a phone number.
    pub has_email: bool,
    pub has_phone: bool,
}

/// `PUT /api/me/message-channel`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetMessageChannel {
    pub channel: MessageChannel,
}

/// `POST /api/me/password`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// An invitation token, as taken from the link's fragment (never a URL path or query).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationToken {
    pub token: String,
}

/// What an invitation is for (`POST /api/invitations/inspect`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationInfo {
    /// The invitee's first name, to greet them.
    pub first_name: String,
    pub role: Role,
    /// RFC 3339.
    pub expires_at: String,
}

/// `POST /api/invitations/accept`: choose a password and sign in.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInvitationRequest {
    pub token: String,
    pub password: String,
}

/// How an invitation reaches its invitee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Sent by e-mail through the outbox.
    Email,
    /// No e-mail is configured (or no address): the staff member hands the link over.
    Handover,
}

/// An invitation just created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationSent {
    pub delivery: Delivery,
    /// The link, only when the staff member must hand it over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// RFC 3339.
    pub expires_at: String,
}

/// Asks for a password reset link, sent to the account's own address.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    /// The e-mail address or phone number the person signs in with.
    pub login: String,
}

/// The same answer whether or not an account has the login.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetAccepted {
    /// Always `true`: if the login is an account's, a link is on its way to that account's own address.
    pub accepted: bool,
}

/// Sets a new password with a reset link's token (from the link's fragment).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletePasswordResetRequest {
    /// The token from the link (after `#`).
    pub token: String,
    /// The new password.
    pub password: String,
}

/// A message in the development outbox (shown only when no SMTP is configured).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DevOutboxMessage {
    /// The outbox row.
    pub id: i64,
    /// The recipient's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The text, with its link.
    pub body: String,
    /// RFC 3339.
    pub created_at: String,
}
