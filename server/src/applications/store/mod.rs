//! What the database holds about applications, and the SQL that reads and
//! changes it: plain functions over [`Db`](crate::db::Db) and
//! [`Tx`](crate::db::sql::Tx), the reads in [`read`], the changes in [`write`].
//!
//! Every change to an application first *claims* its row with a conditional
//! `UPDATE … WHERE id = $1 AND version = $2 AND status = …` inside a write
//! transaction (`BEGIN IMMEDIATE` on SQLite). On PostgreSQL the `UPDATE` takes
//! the row lock and re-checks its condition once a concurrent writer commits,
//! so of an edit and a signature racing, exactly one finds the version it
//! expects; the other changes nothing and is answered 409. A signature names
//! the version it signs, so it can never stand on an edited document.

mod read;
mod write;

pub use read::{account_address, list_applications, read_application};
pub use write::{
    Decision, Editor, Signing, cosign_application, create_application, decide_application,
    guardian_decline, sign_application, update_application, withdraw_application, withdraw_consent,
};

use lotsen_api::Lang;
use lotsen_api::account::Role;
use lotsen_api::application::{Agency, ApplicationStatus, EventKind};
use lotsen_api::people::StaffMember;

use crate::outbox::OutgoingMessage;
use crate::people::access::StaffViewer;

/// Who is reading an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// Staff: `STAFF_CAN_SEE_YOUTH` decides, and the read is audited.
    Staff(StaffViewer),
    /// The young person themselves.
    Youth(i64),
    /// A guardian: of the young person, and only once asked to co-sign.
    Guardian(i64),
}

/// An application with everything shown about it.
#[derive(Clone, Debug)]
pub struct ApplicationRecord {
    /// Its id.
    pub id: i64,
    /// The young person's account id.
    pub youth_id: i64,
    /// The young person's name.
    pub youth_name: String,
    /// The young person's personnummer, 12 digits (for their age; never sent).
    pub youth_personnummer: String,
    /// The staff member who started it (the referrer).
    pub created_by: i64,
    /// Where it is.
    pub status: ApplicationStatus,
    /// Grows with every edit and voiding.
    pub version: i64,
    /// `ApplicationContent` as JSON.
    pub content: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
    /// When the guardians were asked to co-sign.
    pub guardians_asked_at: Option<i64>,
    /// When it was submitted to the team.
    pub submitted_at: Option<i64>,
    /// When the team decided.
    pub decided_at: Option<i64>,
    /// The team's reason for declining.
    pub decision_reason: Option<String>,
    /// The contact person the team assigned.
    pub contact_person: Option<StaffMember>,
    /// Valid signatures on the current version, oldest first.
    pub signatures: Vec<SignatureRecord>,
    /// The young person's guardians.
    pub guardians: Vec<GuardianContact>,
    /// Consents withdrawn.
    pub withdrawn_consents: Vec<Agency>,
    /// The timeline, oldest first.
    pub events: Vec<EventRecord>,
}

/// A guardian of the young person, as the application reaches them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardianContact {
    /// Their account id.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their e-mail address, if they have one.
    pub email: Option<String>,
    /// The language they last signed in with; `None` if they never have.
    pub language: Option<Lang>,
}

/// An account's name and e-mail address (to notify them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountAddress {
    /// Their name.
    pub name: String,
    /// Their e-mail address, if they have one.
    pub email: Option<String>,
    /// The language they last signed in with; `None` if they never have.
    pub language: Option<Lang>,
}

/// Who did something on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
}

/// A signature.
#[derive(Clone, Debug)]
pub struct SignatureRecord {
    /// The signer's account id.
    pub signer_id: i64,
    /// The signer's name.
    pub signer_name: String,
    /// Youth or guardian.
    pub role: Role,
    /// Unix seconds.
    pub signed_at: i64,
    /// SHA-256 hex of the signed document.
    pub document_hash: String,
    /// Signed with a passkey: the assertion kept, to be checked again.
    pub passkey: Option<crate::passkeys::signing::Evidence>,
}

/// A line of the timeline.
#[derive(Clone, Debug)]
pub struct EventRecord {
    /// Unix seconds.
    pub at: i64,
    /// What happened.
    pub kind: EventKind,
    /// Who did it, with their role.
    pub actor: Option<Actor>,
    /// A reason, agency or name.
    pub detail: Option<String>,
}

/// An application in a list.
#[derive(Clone, Debug)]
pub struct ApplicationListing {
    /// Its id.
    pub id: i64,
    /// The young person's account id.
    pub youth_id: i64,
    /// The young person's name.
    pub youth_name: String,
    /// 12 digits (a guardian's list keeps only under-18s).
    pub youth_personnummer: String,
    /// Where it is.
    pub status: ApplicationStatus,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
    /// Unix seconds.
    pub submitted_at: Option<i64>,
}

/// A message for the outbox, to an account.
#[derive(Clone, Debug)]
pub struct Notification {
    /// Whose it is.
    pub account_id: i64,
    /// The message.
    pub message: OutgoingMessage,
}

/// Why a change to an application was not made.
#[derive(Debug, thiserror::Error)]
pub enum ApplicationError {
    /// No such application.
    #[error("no such application")]
    NotFound,
    /// It was changed since the version the request names.
    #[error("the application changed")]
    Stale,
    /// Its status does not allow this (or the person has signed already).
    #[error("not possible in this status")]
    WrongStatus,
    /// The contact person is not a contact person on the staff.
    #[error("the contact person is not a contact person on the staff")]
    ContactPersonInvalid,
    /// A database error.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A status as stored.
pub fn parse_status(s: &str) -> Result<ApplicationStatus, sqlx::Error> {
    ApplicationStatus::parse(s)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown application status {s:?}").into()))
}

/// An event kind as stored.
pub fn parse_kind(s: &str) -> Result<EventKind, sqlx::Error> {
    EventKind::parse(s)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown application event {s:?}").into()))
}

/// An agency as stored.
pub fn parse_agency(s: &str) -> Result<Agency, sqlx::Error> {
    Agency::parse(s).ok_or_else(|| sqlx::Error::Decode(format!("unknown agency {s:?}").into()))
}

/// The audit action for a staff read of an application.
pub const AUDIT_READ_APPLICATION: &str = "read_application";
/// The audit action for an application shown in a staff list.
pub const AUDIT_LIST_APPLICATIONS: &str = "list_applications";
/// The audit action for starting an application.
pub const AUDIT_CREATE_APPLICATION: &str = "create_application";
/// The audit action for a staff edit of an application.
pub const AUDIT_EDIT_APPLICATION: &str = "edit_application";
/// The audit action for accepting an application.
pub const AUDIT_ACCEPT_APPLICATION: &str = "accept_application";
/// The audit action for declining an application.
pub const AUDIT_DECLINE_APPLICATION: &str = "decline_application";
