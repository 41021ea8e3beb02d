//! The register's code lists, shared by its parts and by the SCB report: each
//! value is sent as its snake_case name, which is also how the database
//! stores it (the `CHECK` lists of migration `0013_register`).

use serde::{Deserialize, Serialize};

/// Why a young person was registered (SCB's registration reasons).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationReason {
    /// Dropped out of a national programme.
    DroppedOut,
    /// Left upper-secondary school with a leaving certificate only (*studiebevis*).
    LeavingCertificate,
    /// Never started upper-secondary school.
    NeverStarted,
    /// Moved into the municipality.
    MovedIn,
    /// A school's notice of long unexplained absence or of dropping out.
    SchoolNotice,
    /// Another reason (say which in the note).
    Other,
}

impl RegistrationReason {
    pub const ALL: [RegistrationReason; 6] = [
        Self::DroppedOut,
        Self::LeavingCertificate,
        Self::NeverStarted,
        Self::MovedIn,
        Self::SchoolNotice,
        Self::Other,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DroppedOut => "dropped_out",
            Self::LeavingCertificate => "leaving_certificate",
            Self::NeverStarted => "never_started",
            Self::MovedIn => "moved_in",
            Self::SchoolNotice => "school_notice",
            Self::Other => "other",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Why a young person's period in the register ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeregistrationReason {
    /// Turned 20 (done by the server on the birthday).
    #[serde(rename = "turned_20")]
    Turned20,
    /// Started upper-secondary education or equivalent.
    StartedEducation,
    /// Completed upper-secondary education or equivalent.
    CompletedEducation,
    /// Moved away from the municipality.
    MovedAway,
    /// Another reason (say which in the note).
    Other,
}

impl DeregistrationReason {
    pub const ALL: [DeregistrationReason; 5] = [
        Self::Turned20,
        Self::StartedEducation,
        Self::CompletedEducation,
        Self::MovedAway,
        Self::Other,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Turned20 => "turned_20",
            Self::StartedEducation => "started_education",
            Self::CompletedEducation => "completed_education",
            Self::MovedAway => "moved_away",
            Self::Other => "other",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How staff tried to reach a young person (the outreach ladder is phone, SMS, letter, home visit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
// Its own name in the OpenAPI document: the application's `ContactChannel`
// (how a young person wants to be contacted) has that one.
#[cfg_attr(feature = "openapi", schema(as = OutreachChannel))]
pub enum ContactChannel {
    /// A phone call.
    Phone,
    /// An SMS (written to the outbox).
    Sms,
    /// A letter in a neutral envelope.
    Letter,
    /// A home visit by two members of staff.
    HomeVisit,
    /// Through the school.
    School,
    /// A meeting.
    Meeting,
    /// Another way.
    Other,
}

impl ContactChannel {
    pub const ALL: [ContactChannel; 7] = [
        Self::Phone,
        Self::Sms,
        Self::Letter,
        Self::HomeVisit,
        Self::School,
        Self::Meeting,
        Self::Other,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Sms => "sms",
            Self::Letter => "letter",
            Self::HomeVisit => "home_visit",
            Self::School => "school",
            Self::Meeting => "meeting",
            Self::Other => "other",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Whom a contact attempt was for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactRecipient {
    /// The young person.
    Youth,
    /// A guardian (only while the young person is under 18).
    Guardian,
}

impl ContactRecipient {
    pub const ALL: [ContactRecipient; 2] = [Self::Youth, Self::Guardian];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Youth => "youth",
            Self::Guardian => "guardian",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a contact attempt went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactOutcome {
    /// The young person was reached.
    Reached,
    /// No answer.
    NoAnswer,
    /// Wrong number or address.
    WrongNumber,
    /// A message was left.
    MessageLeft,
    /// The young person declined contact.
    Declined,
}

impl ContactOutcome {
    pub const ALL: [ContactOutcome; 5] = [
        Self::Reached,
        Self::NoAnswer,
        Self::WrongNumber,
        Self::MessageLeft,
        Self::Declined,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reached => "reached",
            Self::NoAnswer => "no_answer",
            Self::WrongNumber => "wrong_number",
            Self::MessageLeft => "message_left",
            Self::Declined => "declined",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a young person is doing when reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Occupation {
    /// Studying.
    Studies,
    /// Working.
    Work,
    /// No occupation.
    None,
    /// Something else.
    Other,
    /// Unknown.
    Unknown,
}

impl Occupation {
    pub const ALL: [Occupation; 5] = [
        Self::Studies,
        Self::Work,
        Self::None,
        Self::Other,
        Self::Unknown,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Studies => "studies",
            Self::Work => "work",
            Self::None => "none",
            Self::Other => "other",
            Self::Unknown => "unknown",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Who is responsible for a measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResponsibleKind {
    /// The young person themself.
    Youth,
    /// The municipality (name the unit).
    Municipality,
    /// Another actor (Arbetsförmedlingen, Komvux, a folk high school, social services, …).
    Other,
}

impl ResponsibleKind {
    pub const ALL: [ResponsibleKind; 3] = [Self::Youth, Self::Municipality, Self::Other];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Youth => "youth",
            Self::Municipality => "municipality",
            Self::Other => "other",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Why a measure ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureEndReason {
    /// Completed as planned.
    Completed,
    /// Discontinued.
    Discontinued,
    /// The young person moved on to studies or work.
    MovedOn,
    /// Another reason.
    Other,
}

impl MeasureEndReason {
    pub const ALL: [MeasureEndReason; 4] = [
        Self::Completed,
        Self::Discontinued,
        Self::MovedOn,
        Self::Other,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::Discontinued => "discontinued",
            Self::MovedOn => "moved_on",
            Self::Other => "other",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sent_as_names;

    #[test]
    fn every_code_is_sent_as_its_name() {
        sent_as_names(&RegistrationReason::ALL, RegistrationReason::as_str);
        sent_as_names(&DeregistrationReason::ALL, DeregistrationReason::as_str);
        sent_as_names(&ContactChannel::ALL, ContactChannel::as_str);
        sent_as_names(&ContactRecipient::ALL, ContactRecipient::as_str);
        sent_as_names(&ContactOutcome::ALL, ContactOutcome::as_str);
        sent_as_names(&Occupation::ALL, Occupation::as_str);
        sent_as_names(&ResponsibleKind::ALL, ResponsibleKind::as_str);
        sent_as_names(&MeasureEndReason::ALL, MeasureEndReason::as_str);
    }
}
