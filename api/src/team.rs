//! A young person's team: the staff members who may open the young person's
//! record besides their contact person. The contact person or an
//! administrator adds and removes members, each time with a reason (both
//! audited); the young person sees who is on their team.
//!
//! Staff: `GET /api/youth/{id}/team`, `POST /api/youth/{id}/team`,
//! `POST /api/youth/{id}/team/{staff_id}/remove`. The young person:
//! `GET /api/me/team`.

use serde::{Deserialize, Serialize};

use crate::account::Profession;
use crate::people::StaffMember;
use crate::text::{self, TextRule};

/// The longest reason for adding or removing a member, in characters.
pub const REASON_MAX_CHARS: usize = 500;

/// `POST /api/youth/{id}/team`: add a member of staff to the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTeamMember {
    /// The staff member's account id.
    pub staff_id: i64,
    /// Why they join (1–500 characters), e.g. "Planerar praktik med Elsa".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// `POST /api/youth/{id}/team/{staff_id}/remove`: end a membership.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemoveTeamMember {
    /// Why they leave (1–500 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// A current member of the team, as staff who may see the record see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub staff: StaffMember,
    /// RFC 3339.
    pub added_at: String,
    /// Who added them.
    pub added_by: String,
    pub reason: String,
}

/// A young person's team, for staff who may see the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<StaffMember>,
    /// Current members, in the order they were added.
    pub members: Vec<TeamMember>,
    /// Whether the caller may add and remove members (the contact person or an administrator).
    pub can_manage: bool,
}

/// Someone on the young person's own team, as the young person sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTeamMember {
    pub name: String,
    pub profession: Profession,
    /// Whether this is their contact person.
    pub is_contact_person: bool,
}

/// Why a team request is not valid: (field, code).
pub type Problem = (&'static str, &'static str);

/// What a reason allows: required, at most [`REASON_MAX_CHARS`] characters, line breaks kept.
pub const REASON: TextRule = TextRule::lines(REASON_MAX_CHARS);

/// A reason through the one text check ([`crate::text`]): trimmed, required,
/// bounded, no control, bidi or invisible-only text.
pub fn reason(input: &str) -> Result<String, Problem> {
    text::check(input, REASON).map_err(|problem| ("reason", problem.code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_trimmed_required_and_bounded() {
        assert_eq!(reason("  Praktik  "), Ok("Praktik".to_owned()));
        assert_eq!(reason("   "), Err(("reason", "required")));
        assert_eq!(reason(&"x".repeat(500)).map(|r| r.len()), Ok(500));
        assert_eq!(reason(&"å".repeat(501)), Err(("reason", "too_long")));
        assert_eq!(reason("a\u{0}b"), Err(("reason", "text_control")));
        assert_eq!(
            reason("\u{200B}\u{200B}"),
            Err(("reason", "text_invisible"))
        );
        assert_eq!(reason("abc\u{202E}def"), Err(("reason", "text_bidi")));
    }
}
