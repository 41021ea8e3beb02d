//! Young people, guardians, staff and the audit log, as staff see them.

use serde::{Deserialize, Serialize};

use crate::account::{InvitationSent, Profession};

/// A staff member, as others see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    pub profession: Profession,
    pub is_admin: bool,
}

/// `POST /api/youth`: register a young person and invite them.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewYouth {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// Any accepted form; stored as 12 digits.
    pub personnummer: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub protected_identity: bool,
    /// Defaults to the registering staff member when they are a contact person.
    #[serde(default)]
    pub contact_person_id: Option<i64>,
}

/// A young person in a staff list: the least that identifies them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YouthSummary {
    pub id: i64,
    pub name: String,
    pub age: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<StaffMember>,
    /// Whether they have set a password.
    pub has_account: bool,
    pub protected_identity: bool,
    /// Their latest application's status (none: no application).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_status: Option<crate::application::ApplicationStatus>,
    /// The date of the latest contact in the register's contact log, if any.
    #[serde(default, with = "crate::date::iso_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub last_contact_on: Option<crate::Date>,
}

/// A young person's record (every read by staff is written to the audit log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YouthDetail {
    pub id: i64,
    pub name: String,
    /// Masked, `YYYYMMDD-****`: the full number only on request
    /// (`POST /api/youth/{id}/personnummer`, audited).
    pub personnummer: String,
    pub age: i32,
    pub protected_identity: bool,
    /// Hidden (absent) when the identity is protected and the reader is not the contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Whether contact details were withheld from this reader.
    pub contact_details_hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<StaffMember>,
    pub has_account: bool,
    pub guardians: Vec<GuardianSummary>,
}

/// A young person with the invitation just sent to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YouthCreated {
    pub youth: YouthSummary,
    pub invitation: InvitationSent,
}

/// `POST /api/youth/{id}/guardians`: add a guardian and invite them.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewGuardian {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// A guardian of a young person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuardianSummary {
    pub id: i64,
    pub name: String,
    pub has_account: bool,
}

/// A guardian with the invitation just sent to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuardianCreated {
    pub guardian: GuardianSummary,
    pub invitation: InvitationSent,
}

/// What a guardian sees of a young person they are guardian of: only the name,
/// and only while the young person is under 18.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuardedYouth {
    pub id: i64,
    pub name: String,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub actor_id: i64,
    pub actor_name: String,
    pub youth_id: i64,
    pub youth_name: String,
    /// What was done, e.g. `read_youth`, `register_youth`, `add_guardian`.
    pub action: String,
}

/// A page of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next (older) page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_before: Option<i64>,
}

/// `POST /api/staff`: invite a member of staff (administrators only).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaff {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub profession: Profession,
    /// May manage staff and read the audit log.
    #[serde(default)]
    pub is_admin: bool,
}

/// A member of staff with the invitation just sent to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffCreated {
    pub staff: StaffMember,
    pub invitation: InvitationSent,
}

/// A sort key that puts names and other words in Swedish order, letter case
/// aside (… z, å, ä, ö): the server's name order and the app's tables share it.
pub fn swedish_order(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            other => other,
        })
        .collect()
}
