//! The application (*ansökan*): a young person's application to the programme,
//! written with a referrer, signed by the young person themselves, co-signed by
//! every guardian when the young person is under 18 on the signing day, and
//! decided by the team.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | POST | `/api/applications` | `create_application` | staff who can see the young person ([`NewApplication`] → 201 [`Application`]) |
//! | GET | `/api/applications/submitted` | `list_submitted_applications` | staff: submitted applications they can see, oldest first ([`ApplicationSummary`]) |
//! | GET | `/api/youth/{id}/applications` | `list_youth_applications` | staff who can see the young person ([`ApplicationSummary`]) |
//! | GET | `/api/me/applications` | `list_my_applications` | the young person: their own ([`ApplicationSummary`]) |
//! | GET | `/api/guardian/applications` | `list_guardian_applications` | a guardian: those they are asked to co-sign or were ([`ApplicationSummary`]) |
//! | GET | `/api/applications/{id}` | `get_application` | the young person, their guardians (once asked to co-sign, while under 18), staff who can see the young person ([`Application`]) |
//! | PUT | `/api/applications/{id}` | `update_application` | the young person or staff who can see them ([`UpdateApplication`] → [`ApplicationSaved`]) |
//! | POST | `/api/applications/{id}/sign` | `sign_application` | the young person ([`SignRequest`] → [`Application`]) |
//! | POST | `/api/applications/{id}/cosign` | `cosign_application` | a guardian of the young person ([`CosignRequest`] → [`Application`]) |
//! | POST | `/api/applications/{id}/passkey-challenge` | `application_passkey_challenge` | the young person, or a guardian asked to co-sign ([`PasskeySigningStart`] → `PasskeyChallenge`) |
//! | POST | `/api/applications/{id}/guardian-decline` | `guardian_decline_application` | a guardian of the young person ([`ReasonRequest`] → [`Application`]) |
//! | POST | `/api/applications/{id}/accept` | `accept_application` | staff who can see the young person ([`AcceptRequest`] → [`Application`]) |
//! | POST | `/api/applications/{id}/decline` | `decline_application` | staff who can see the young person ([`ReasonRequest`] → [`Application`]) |
//! | POST | `/api/applications/{id}/consents/withdraw` | `withdraw_consent` | the young person ([`WithdrawConsentRequest`] → [`Application`]) |
//! | POST | `/api/applications/{id}/withdraw` | `withdraw_application` | the young person (→ [`Application`]) |
//!
//! Others get 404 `not_found` for an application that is not theirs to see
//! (403 `forbidden` when their role may never call the route at all).
//!
//! # Versions, signatures and conflicts
//!
//! Every application has a `version` that grows with every edit and every time
//! its signatures are voided. An edit names the version it was made on; a stale
//! one gets 409 `conflict` with the field `version` (`application_changed`).
//! Signing names the SHA-256 (`document_hash`) of the exact `document` the
//! person read; if the text changed meanwhile: 409 with the field
//! `document_hash` (`document_changed`). An action the status does not allow
//! gets 409 with the field `status` (`application_status`). Editing an
//! application that anyone has signed voids every signature and puts it back
//! to draft: [`ApplicationSaved::signatures_voided`] says so.

use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::contact::FieldProblem;
use crate::people::StaffMember;
use crate::text::{self, TextRule};

/// The longest `last_school`, in characters.
pub const LAST_SCHOOL_MAX_CHARS: usize = 200;
/// The longest `help_text` and `interests`, in characters.
pub const FREE_TEXT_MAX_CHARS: usize = 2000;
/// The longest reason for a decline, in characters.
pub const REASON_MAX_CHARS: usize = 1000;

/// What the young person is doing now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// Studying (somewhere, perhaps part-time).
    Studying,
    /// Working.
    Working,
    /// Neither studying nor working.
    Nothing,
}

/// How school ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SchoolStatus {
    /// Has a grades document (*betyg* or *studiebevis*).
    HasGrades,
    /// Dropped out without one.
    DroppedOut,
}

/// What the young person wants help with (several may be chosen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HelpWith {
    /// Getting back to studies.
    Studies,
    /// Finding work.
    Work,
    /// An internship (*praktik*).
    Internship,
    /// Health and well-being.
    Health,
    /// Money, housing and everyday life.
    EverydayLife,
    /// Something else (say what in `help_text`).
    Other,
}

impl HelpWith {
    /// Every choice, in the order forms list them.
    pub const ALL: [HelpWith; 6] = [
        Self::Studies,
        Self::Work,
        Self::Internship,
        Self::Health,
        Self::EverydayLife,
        Self::Other,
    ];

    /// The snake_case name (also a locale key).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Studies => "studies",
            Self::Work => "work",
            Self::Internship => "internship",
            Self::Health => "health",
            Self::EverydayLife => "everyday_life",
            Self::Other => "other",
        }
    }
}

/// How the young person wants to be contacted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    /// A phone call.
    Phone,
    /// E-mail.
    Email,
    /// A text message.
    Sms,
}

/// An agency information may be shared with (*samtycke till sekretesslättnad*).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Agency {
    /// School (*skolan*).
    School,
    /// Social services (*socialtjänsten*).
    SocialServices,
    /// The employment service (*Arbetsförmedlingen*).
    EmploymentService,
    /// The youth clinic (*ungdomsmottagningen*).
    YouthClinic,
}

impl Agency {
    /// Every agency, in the order forms list them.
    pub const ALL: [Agency; 4] = [
        Self::School,
        Self::SocialServices,
        Self::EmploymentService,
        Self::YouthClinic,
    ];

    /// The snake_case name (also a locale key and the stored value).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::School => "school",
            Self::SocialServices => "social_services",
            Self::EmploymentService => "employment_service",
            Self::YouthClinic => "youth_clinic",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Consent to information sharing, one separate choice per agency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consents {
    pub school: bool,
    pub social_services: bool,
    pub employment_service: bool,
    pub youth_clinic: bool,
}

impl Consents {
    /// The choice for `agency`.
    pub fn get(&self, agency: Agency) -> bool {
        match agency {
            Agency::School => self.school,
            Agency::SocialServices => self.social_services,
            Agency::EmploymentService => self.employment_service,
            Agency::YouthClinic => self.youth_clinic,
        }
    }

    /// Sets the choice for `agency`.
    pub fn set(&mut self, agency: Agency, value: bool) {
        match agency {
            Agency::School => self.school = value,
            Agency::SocialServices => self.social_services = value,
            Agency::EmploymentService => self.employment_service = value,
            Agency::YouthClinic => self.youth_clinic = value,
        }
    }

    /// These consents without the withdrawn ones.
    pub fn without(mut self, withdrawn: &[Agency]) -> Self {
        for agency in withdrawn {
            self.set(*agency, false);
        }
        self
    }
}

/// What an application says: the whole of it, sent whole on every edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationContent {
    pub situation: Situation,
    /// The last school attended (free text, may be empty; at most 200 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub last_school: String,
    pub school_status: SchoolStatus,
    /// Chosen from the fixed list; at least one of this and `help_text`.
    #[serde(default)]
    pub help_with: Vec<HelpWith>,
    /// In their own words (at most 2000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub help_text: String,
    /// Interests (at most 2000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub interests: String,
    pub contact_by: ContactChannel,
    pub consents: Consents,
}

/// A field of a request and what is wrong with it.
pub type Problem = (&'static str, FieldProblem);

impl ApplicationContent {
    /// The content as it is stored and signed: texts trimmed, choices in list
    /// order without repeats; or every invalid field (`last_school`,
    /// `help_text`, `interests`: `too_long`; `help_with`: `required` when
    /// neither a choice nor a text says what help is wanted).
    pub fn validate(&self) -> Result<ApplicationContent, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut text = |field: &'static str, value: &str, rule: TextRule| {
            text::check(value, rule)
                .map_err(|p| problems.push((field, p)))
                .unwrap_or_default()
        };
        let last_school = text(
            "last_school",
            &self.last_school,
            TextRule::optional_line(LAST_SCHOOL_MAX_CHARS),
        );
        let help_text = text(
            "help_text",
            &self.help_text,
            TextRule::optional_lines(FREE_TEXT_MAX_CHARS),
        );
        let interests = text(
            "interests",
            &self.interests,
            TextRule::optional_lines(FREE_TEXT_MAX_CHARS),
        );
        let help_with: Vec<HelpWith> = HelpWith::ALL
            .into_iter()
            .filter(|h| self.help_with.contains(h))
            .collect();
        if help_with.is_empty()
            && help_text.is_empty()
            && !problems.iter().any(|p| p.0 == "help_text")
        {
            problems.push(("help_with", FieldProblem::Required));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ApplicationContent {
            situation: self.situation,
            last_school,
            school_status: self.school_status,
            help_with,
            help_text,
            interests,
            contact_by: self.contact_by,
            consents: self.consents,
        })
    }
}

/// A reason for declining: trimmed, 1–1000 characters ([`crate::text`]).
pub fn reason(input: &str) -> Result<String, FieldProblem> {
    text::check(input, TextRule::lines(REASON_MAX_CHARS))
}

/// Where an application is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Being written; may be edited; the young person may sign it.
    Draft,
    /// Signed by the young person (under 18 on the day): waiting for every guardian.
    WaitingForGuardians,
    /// Signed by all who must: waiting for the team's decision.
    Submitted,
    /// The team accepted it and assigned a contact person.
    Accepted,
    /// The team declined it (with a reason).
    Declined,
    /// The young person withdrew it.
    Withdrawn,
}

impl ApplicationStatus {
    /// Every status.
    pub const ALL: [ApplicationStatus; 6] = [
        Self::Draft,
        Self::WaitingForGuardians,
        Self::Submitted,
        Self::Accepted,
        Self::Declined,
        Self::Withdrawn,
    ];

    /// The snake_case name (also the stored value and a locale key).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::WaitingForGuardians => "waiting_for_guardians",
            Self::Submitted => "submitted",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the content may still be edited (an edit after signing voids the signatures).
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            Self::Draft | Self::WaitingForGuardians | Self::Submitted
        )
    }
}

/// What happened to an application, in the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Started by a member of staff.
    Drafted,
    /// The content was changed.
    Edited,
    /// The young person signed.
    Signed,
    /// Every signature was voided (by an edit or a guardian's decline).
    SignaturesVoided,
    /// A guardian co-signed.
    Cosigned,
    /// A guardian declined to co-sign (`detail`: the reason).
    DeclinedByGuardian,
    /// Everyone who must has signed: sent to the team.
    Submitted,
    /// The team accepted it (`detail`: the contact person's name).
    Accepted,
    /// The team declined it (`detail`: the reason).
    Declined,
    /// The young person withdrew a consent (`detail`: the agency, e.g. `school`).
    ConsentWithdrawn,
    /// The young person withdrew the application.
    Withdrawn,
}

impl EventKind {
    /// Every kind.
    pub const ALL: [EventKind; 11] = [
        Self::Drafted,
        Self::Edited,
        Self::Signed,
        Self::SignaturesVoided,
        Self::Cosigned,
        Self::DeclinedByGuardian,
        Self::Submitted,
        Self::Accepted,
        Self::Declined,
        Self::ConsentWithdrawn,
        Self::Withdrawn,
    ];

    /// The snake_case name (also the stored value and a locale key).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Drafted => "drafted",
            Self::Edited => "edited",
            Self::Signed => "signed",
            Self::SignaturesVoided => "signatures_voided",
            Self::Cosigned => "cosigned",
            Self::DeclinedByGuardian => "declined_by_guardian",
            Self::Submitted => "submitted",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::ConsentWithdrawn => "consent_withdrawn",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One line of an application's timeline (oldest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Its own name in the OpenAPI document: the young person's timeline
// (`lotsen_api::timeline`) has a `TimelineEvent` too, and one name held only one of them.
#[cfg_attr(feature = "openapi", schema(as = ApplicationTimelineEvent))]
pub struct TimelineEvent {
    /// RFC 3339.
    pub at: String,
    pub kind: EventKind,
    /// Who did it (absent when the system did, e.g. `submitted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_role: Option<Role>,
    /// A reason, an agency or a contact person's name; see [`EventKind`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A valid signature on the current version of the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signature {
    pub signer_id: i64,
    pub signer_name: String,
    /// `youth` or `guardian`.
    pub role: Role,
    /// RFC 3339.
    pub signed_at: String,
    /// SHA-256 (lower-case hex) of the document that was signed.
    pub document_hash: String,
    /// How the signer showed it was them.
    #[serde(default)]
    pub method: SignatureMethod,
    /// A passkey signature only: whether it verifies now, checked by the
    /// server as it answers, against the stored public key and the document
    /// (the assertion's challenge is SHA-256 of the document hash and the
    /// server's nonce). False if the record or the document was altered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey_verified: Option<bool>,
}

/// How a signature was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignatureMethod {
    /// The signer re-entered their password.
    #[default]
    Password,
    /// The signer used a passkey; the assertion is kept and can be checked again.
    Passkey,
}

/// `POST /api/applications/{id}/passkey-challenge`: the text the signer read.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeySigningStart {
    /// The `document_hash` of the text they read (409 `document_changed` if it changed).
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub document_hash: String,
}

/// A guardian who must co-sign, and whether they have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuardianSigner {
    pub id: i64,
    pub name: String,
    pub signed: bool,
}

/// An application, with the exact text that is signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub id: i64,
    pub youth_id: i64,
    pub youth_name: String,
    pub status: ApplicationStatus,
    /// Send back with an edit; grows with every edit and every voiding.
    pub version: i64,
    /// As signed (or to be signed). A withdrawn consent stays here and is listed in `withdrawn_consents`.
    pub content: ApplicationContent,
    /// Agencies whose consent the young person has withdrawn since.
    #[serde(default)]
    pub withdrawn_consents: Vec<Agency>,
    /// The canonical document: exactly the text that is signed (JSON, fixed field order).
    pub document: String,
    /// SHA-256 of `document` (its UTF-8 bytes), lower-case hex: send it when signing.
    pub document_hash: String,
    /// Valid signatures on this version, in the order they were made.
    pub signatures: Vec<Signature>,
    /// While waiting for guardians (and after): every guardian who must co-sign.
    #[serde(default)]
    pub guardians: Vec<GuardianSigner>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// RFC 3339, once submitted to the team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// RFC 3339, once accepted or declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<String>,
    /// The team's reason for declining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_reason: Option<String>,
    /// Assigned when the team accepted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<StaffMember>,
    /// Oldest first.
    pub timeline: Vec<TimelineEvent>,
}

/// An application in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    pub id: i64,
    pub youth_id: i64,
    pub youth_name: String,
    pub status: ApplicationStatus,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// RFC 3339: the waiting time of a submitted application counts from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
}

/// `POST /api/applications`: start a draft for a registered young person.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewApplication {
    pub youth_id: i64,
    pub content: ApplicationContent,
}

/// `PUT /api/applications/{id}`: the whole content, on the version it was made from.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateApplication {
    /// The `version` the edit was made on (409 `application_changed` if it is not the current one).
    pub version: i64,
    pub content: ApplicationContent,
}

/// The answer to an edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSaved {
    pub application: Application,
    /// The application had signatures, which this edit voided: it is a draft again
    /// and must be signed anew.
    pub signatures_voided: bool,
}

/// `POST /api/applications/{id}/sign`: the young person signs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignRequest {
    /// Their own password, re-entered (422 `password_wrong`); empty when `passkey` is given.
    #[serde(default)]
    pub password: String,
    /// Instead of the password: the answer of one of their passkeys to the
    /// challenge of `passkey-challenge` (422 `passkey` `passkey_wrong` if it
    /// does not verify).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey: Option<crate::passkey::PasskeyAssertionFinish>,
    /// They ticked "I have read the application" (422 `read_required` if not).
    #[serde(default)]
    pub read: bool,
    /// The `document_hash` of the text they read (409 `document_changed` if it changed).
    pub document_hash: String,
}

/// `POST /api/applications/{id}/cosign`: a guardian co-signs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CosignRequest {
    /// Their own password, re-entered (422 `password_wrong`); empty when `passkey` is given.
    #[serde(default)]
    pub password: String,
    /// Instead of the password: the answer of one of their passkeys to the
    /// challenge of `passkey-challenge` (422 `passkey` `passkey_wrong` if it
    /// does not verify).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey: Option<crate::passkey::PasskeyAssertionFinish>,
    /// They ticked "I have read the application" (422 `read_required` if not).
    #[serde(default)]
    pub read: bool,
    /// The `document_hash` of the text they read (409 `document_changed` if it changed).
    pub document_hash: String,
}

/// A reason: a guardian's decline (`guardian-decline`) or the team's (`decline`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonRequest {
    /// 1–1000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// `POST /api/applications/{id}/accept`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptRequest {
    /// A member of staff who is a contact person (422 `contact_person_invalid` otherwise);
    /// becomes the young person's contact person.
    pub contact_person_id: i64,
}

/// `POST /api/applications/{id}/consents/withdraw`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WithdrawConsentRequest {
    pub agency: Agency,
}

/// Field error codes the application routes send, besides [`FieldProblem`]'s
/// (each has a message under `errors` in the locale files).
pub const FIELD_CODES: [&str; 6] = [
    "read_required",
    "document_changed",
    "application_changed",
    "application_status",
    "guardians_missing",
    "consent_not_given",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> ApplicationContent {
        ApplicationContent {
            situation: Situation::Nothing,
            last_school: "  Alströmergymnasiet ".into(),
            school_status: SchoolStatus::DroppedOut,
            help_with: vec![HelpWith::Work, HelpWith::Studies, HelpWith::Work],
            help_text: String::new(),
            interests: "musik\r\nfotboll".into(),
            contact_by: ContactChannel::Sms,
            consents: Consents {
                school: true,
                ..Consents::default()
            },
        }
    }

    #[test]
    fn content_is_normalised() {
        let valid = content().validate().unwrap();
        assert_eq!(valid.last_school, "Alströmergymnasiet");
        assert_eq!(valid.help_with, [HelpWith::Studies, HelpWith::Work]);
        assert_eq!(valid.interests, "musik\nfotboll");
        assert_eq!(valid.validate().unwrap(), valid, "idempotent");
    }

    #[test]
    fn content_problems_name_their_fields() {
        let mut c = content();
        c.help_with.clear();
        c.last_school = "x".repeat(201);
        let problems = c.validate().unwrap_err();
        assert_eq!(
            problems,
            [
                ("last_school", FieldProblem::TooLong),
                ("help_with", FieldProblem::Required)
            ]
        );
        let mut c = content();
        c.help_with.clear();
        c.help_text = "Jag vill ha hjälp med körkort".into();
        assert!(c.validate().is_ok());
    }

    #[test]
    fn reasons_are_required_and_bounded() {
        assert_eq!(reason("  "), Err(FieldProblem::Required));
        assert_eq!(reason(&"å".repeat(1001)), Err(FieldProblem::TooLong));
        assert_eq!(
            reason(" Vi behöver prata först "),
            Ok("Vi behöver prata först".into())
        );
    }

    #[test]
    fn names_round_trip() {
        use crate::checks::{names_round_trip, sent_as_names};
        names_round_trip(
            &ApplicationStatus::ALL,
            ApplicationStatus::as_str,
            ApplicationStatus::parse,
        );
        names_round_trip(&EventKind::ALL, EventKind::as_str, EventKind::parse);
        names_round_trip(&Agency::ALL, Agency::as_str, Agency::parse);
        sent_as_names(&HelpWith::ALL, HelpWith::as_str);
    }

    #[test]
    fn withdrawn_consents_are_taken_away() {
        let all = Consents {
            school: true,
            social_services: true,
            employment_service: true,
            youth_clinic: true,
        };
        let left = all.without(&[Agency::School, Agency::YouthClinic]);
        assert!(
            !left.school && left.social_services && left.employment_service && !left.youth_clinic
        );
    }
}
