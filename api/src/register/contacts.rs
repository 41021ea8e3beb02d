//! The register's contacts: the contact log of a young person, the outreach
//! ladder, the letter, the "to contact" list and each member of staff's
//! worklist.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | GET | `/api/register/people/{youth_id}/contacts` | `register_contact_log` | officers, administrators, staff who may see the young person ([`ContactLog`]; audited `register_read_contacts`) |
//! | POST | `/api/register/people/{youth_id}/contacts` | `register_log_contact` | the same ([`NewContact`] → 201 [`ContactEntry`]; audited `register_log_contact`) |
//! | GET | `/api/register/people/{youth_id}/letter` | `register_contact_letter` | the same ([`ContactLetterPrint`]; audited `register_read_letter`) |
//! | GET | `/api/register/to-contact?offset=&limit=` | `register_to_contact` | officers and administrators ([`ToContactPage`]; audited `register_to_contact`) |
//! | GET | `/api/register/worklist` | `register_worklist` | any member of staff, for the young people they may see ([`Worklist`]; audited `register_worklist`) |
//!
//! A young person who has never been registered, or whom the caller may not
//! see, is a 404.
//!
//! # The outreach ladder
//!
//! Phone call → SMS → letter → home visit ([`LADDER`]). After a contact that
//! reached the young person, or in which they declined, nothing is
//! suggested. Otherwise the suggested rung is the one after the highest rung
//! tried since the last such contact (a phone call first, when none has been
//! tried); after a failed home visit the ladder has no rung left and nothing
//! is suggested: the staff decide.
//!
//! Logging an `sms` attempt writes the SMS (`locales/messages`, key
//! `register.sms` or `register.sms_guardian`, in the recipient's language when
//! known, else Swedish) to the outbox, to the register's phone of the young
//! person, or to a guardian's phone when the recipient is a guardian; the
//! SMS gateway sends it, and the log shows where it is ([`SmsState`]).
//!
//! # The letter
//!
//! What the print page needs for one A4 sheet folded in three into a C5/6 or
//! DL windowed envelope (the window 90 × 45 mm, 20 mm from the left edge): the
//! recipient's block is placed at [`ADDRESS_WINDOW`] (millimetres from the
//! sheet's top-left corner: DIN 5008 form B's address field, inside the
//! window once folded). The sender is neutral (no municipal name or logo):
//! the recipient should not learn from the envelope who writes. The text is
//! in the young person's language when known, else in Swedish then English.
//! With protected identity no address is ever given (409
//! `letter_protected_identity`: the letter goes through Skatteverket, which
//! forwards post to people with protected personal data).
//!
//! # "To contact" and the 14-day goal
//!
//! Everyone with an open registration period and no `reached` contact dated
//! on or after its registration day, oldest registration first. New young
//! people are to be contacted within two weeks: the goal is met by a contact
//! on day [`CONTACT_GOAL_DAYS`] after registration at the latest, so the list
//! marks `past_goal` from day 15 (registered 1 March: not marked on 15 March,
//! marked on 16 March).
//!
//! # The worklist
//!
//! For the signed-in member of staff and the young people they may see:
//! contacts due (the latest attempt's `next_contact_on` is today or earlier,
//! young people with an open period) and follow-ups due (a measure not yet
//! ended whose `next_follow_up` is today or earlier).

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::register::codes::{ContactChannel, ContactOutcome, ContactRecipient, Occupation};
use crate::text::{self, TextRule};

/// The rungs of the outreach ladder, in order.
pub const LADDER: [ContactChannel; 4] = [
    ContactChannel::Phone,
    ContactChannel::Sms,
    ContactChannel::Letter,
    ContactChannel::HomeVisit,
];

/// New young people are to be reached within this many days of registration.
pub const CONTACT_GOAL_DAYS: i64 = 14;

/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 1000;

/// The most rows of the "to contact" list per page.
pub const TO_CONTACT_MAX_LIMIT: i64 = 200;

/// Field error codes the contact routes send, besides `required`, `too_long`
/// and the text checks.
pub const FIELD_CODES: [&str; 10] = [
    "contact_date",
    "contact_next_date",
    "contact_occupation_not_reached",
    "contact_not_home_visit",
    "contact_same_staff",
    "contact_second_staff_unknown",
    "contact_guardian_adult",
    "contact_no_phone",
    "letter_no_address",
    "letter_protected_identity",
];

/// Where the recipient's block goes on the sheet, in millimetres from its
/// top-left corner (A4 portrait; DIN 5008 form B's address field, inside the
/// window of a C5/6 or DL windowed envelope once folded in three).
pub const ADDRESS_WINDOW: AddressWindow = AddressWindow {
    left_mm: 20,
    top_mm: 50,
    width_mm: 80,
    height_mm: 35,
};

/// A home visit's checklist: what the two members of staff check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HomeVisitItem {
    /// Someone at the office knows where the two are going and when they are back.
    SafetyCheck,
    /// Two members of staff went together.
    TwoStaff,
    /// Identification was shown at the door.
    IdShown,
    /// Nothing marked the visit to the neighbours (no municipal car or logo).
    Discreet,
    /// A note with contact details was left (in a closed envelope) when no one answered.
    NoteLeft,
}

impl HomeVisitItem {
    pub const ALL: [HomeVisitItem; 5] = [
        Self::SafetyCheck,
        Self::TwoStaff,
        Self::IdShown,
        Self::Discreet,
        Self::NoteLeft,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SafetyCheck => "safety_check",
            Self::TwoStaff => "two_staff",
            Self::IdShown => "id_shown",
            Self::Discreet => "discreet",
            Self::NoteLeft => "note_left",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// `POST /api/register/people/{youth_id}/contacts`: an attempt to reach a young
/// person, made by the caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewContact {
    /// When; not in the future.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub contacted_on: Date,
    pub channel: ContactChannel,
    /// `guardian` only while the young person is under 18 (on `contacted_on`).
    pub recipient: ContactRecipient,
    pub outcome: ContactOutcome,
    /// Required when `outcome` is `reached`; refused otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<Occupation>,
    /// Up to 1000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
    /// A home visit: the other member of staff who went (not the caller).
    /// Required for a home visit; refused otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_staff_id: Option<i64>,
    /// A home visit: the items checked. Refused (when not empty) otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<HomeVisitItem>,
    /// When to try again (on or after `contacted_on`): the worklist shows it that day.
    #[serde(
        default,
        with = "crate::date::iso_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub next_contact_on: Option<Date>,
}

/// A field and what is wrong with it (a code under `errors` in the locale files).
pub type Problem = (&'static str, &'static str);

impl NewContact {
    /// The attempt with its note checked and its checklist without repeats,
    /// or every problem that can be seen without the database (`today` is
    /// the Swedish date).
    pub fn validate(&self, today: Date) -> Result<NewContact, Vec<Problem>> {
        let mut problems = Vec::new();
        if !crate::date::past_date_allowed(self.contacted_on, today) {
            problems.push(("contacted_on", "contact_date"));
        }
        if self
            .next_contact_on
            .is_some_and(|next| next < self.contacted_on)
        {
            problems.push(("next_contact_on", "contact_next_date"));
        }
        match (self.outcome == ContactOutcome::Reached, self.occupation) {
            (true, None) => problems.push(("occupation", "required")),
            (false, Some(_)) => problems.push(("occupation", "contact_occupation_not_reached")),
            _ => {}
        }
        let visit = self.channel == ContactChannel::HomeVisit;
        match (visit, self.second_staff_id) {
            (true, None) => problems.push(("second_staff_id", "required")),
            (false, Some(_)) => problems.push(("second_staff_id", "contact_not_home_visit")),
            _ => {}
        }
        if !visit && !self.checklist.is_empty() {
            problems.push(("checklist", "contact_not_home_visit"));
        }
        let note = text::check_optional(
            self.note.as_deref(),
            TextRule::optional_lines(NOTE_MAX_CHARS),
        )
        .map_err(|p| problems.push(("note", p.code())))
        .unwrap_or_default();
        if !problems.is_empty() {
            return Err(problems);
        }
        let checklist = HomeVisitItem::ALL
            .into_iter()
            .filter(|item| self.checklist.contains(item))
            .collect();
        Ok(NewContact {
            note,
            checklist,
            ..self.clone()
        })
    }

    /// Whether a guardian may be the recipient: only while the young person is
    /// under 18 (guardians' rights end at 18).
    pub fn recipient_allowed(recipient: ContactRecipient, minor: bool) -> bool {
        recipient == ContactRecipient::Youth || minor
    }
}

/// A member of staff, as a contact names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRef {
    pub id: i64,
    pub name: String,
}

/// Where an SMS of the SMS rung is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SmsState {
    /// In the outbox, not yet sent (no SMS gateway configured, or it cannot be reached).
    Waiting,
    /// Handed to the SMS gateway.
    Sent,
    /// The gateway reported it delivered to the phone.
    Delivered,
    /// Not delivered: the gateway or the operator refused it, or it could not be sent.
    Failed,
}

/// One attempt in a young person's contact log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactEntry {
    pub id: i64,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub contacted_on: Date,
    pub channel: ContactChannel,
    pub recipient: ContactRecipient,
    /// Who made the attempt.
    pub staff: StaffRef,
    /// A home visit: the other member of staff who went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_staff: Option<StaffRef>,
    pub outcome: ContactOutcome,
    /// What the young person is doing (when reached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<Occupation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A home visit: the items checked, in [`HomeVisitItem::ALL`] order.
    #[serde(default)]
    pub checklist: Vec<HomeVisitItem>,
    /// The SMS this attempt wrote (an `sms` attempt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<SmsState>,
    #[serde(
        default,
        with = "crate::date::iso_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub next_contact_on: Option<Date>,
    /// RFC 3339.
    pub recorded_at: String,
}

/// `GET /api/register/people/{youth_id}/contacts`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactLog {
    pub youth_id: i64,
    pub name: String,
    /// Newest first (by date, then as recorded).
    pub entries: Vec<ContactEntry>,
    /// The next rung of the ladder (see the module's docs), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_next: Option<ContactChannel>,
}

/// Where the recipient's block goes on the printed sheet ([`ADDRESS_WINDOW`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressWindow {
    pub left_mm: u32,
    pub top_mm: u32,
    pub width_mm: u32,
    pub height_mm: u32,
}

/// `GET /api/register/people/{youth_id}/letter`: what the print page needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactLetterPrint {
    /// The neutral sender's lines (no municipal name or logo).
    pub sender: Vec<String>,
    /// The recipient's block: name, street, postal code and city.
    pub address: Vec<String>,
    /// Where to place [`Self::address`] on the sheet.
    pub window: AddressWindow,
    /// The letter's date (today).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub date: Date,
    /// The heading.
    pub subject: String,
    /// The text (paragraphs separated by blank lines).
    pub body: String,
    /// The text's language (`sv`, `en`), or absent for Swedish then English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "sv"))]
    pub lang: Option<crate::Lang>,
}

/// One young person on the "to contact" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ToContactItem {
    pub youth_id: i64,
    pub name: String,
    /// The open period's registration day.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub registered_on: Date,
    /// Days from registration to today.
    pub days_since_registration: i64,
    /// Past the 14-day goal (from day 15; see the module's docs).
    pub past_goal: bool,
    /// Attempts since registration.
    pub attempts: i64,
    /// The next rung of the ladder, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_next: Option<ContactChannel>,
}

/// A page of the "to contact" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ToContactPage {
    /// Everyone on the list (all pages).
    pub total: i64,
    pub offset: i64,
    /// Oldest registration first.
    pub items: Vec<ToContactItem>,
}

/// A contact due on the worklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDue {
    pub youth_id: i64,
    pub name: String,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub next_contact_on: Date,
    /// The latest attempt's channel and outcome.
    pub last_channel: ContactChannel,
    pub last_outcome: ContactOutcome,
}

/// A measure's follow-up due on the worklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpDue {
    pub measure_id: i64,
    pub youth_id: i64,
    pub name: String,
    /// The measure's code (`measure_codes`).
    pub code: String,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub next_follow_up: Date,
}

/// `GET /api/register/worklist`: today's work, earliest date first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Worklist {
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub today: Date,
    pub contacts_due: Vec<ContactDue>,
    pub follow_ups_due: Vec<FollowUpDue>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::sent_as_names;
    use crate::date::ymd;

    fn contact() -> NewContact {
        NewContact {
            contacted_on: ymd(2026, 3, 2).unwrap(),
            channel: ContactChannel::Phone,
            recipient: ContactRecipient::Youth,
            outcome: ContactOutcome::NoAnswer,
            occupation: None,
            note: None,
            second_staff_id: None,
            checklist: Vec::new(),
            next_contact_on: None,
        }
    }

    #[test]
    fn home_visit_items_are_sent_as_their_names() {
        sent_as_names(&HomeVisitItem::ALL, HomeVisitItem::as_str);
    }

    #[test]
    fn a_contact_is_checked_against_today_and_its_channel() {
        let today = ymd(2026, 3, 2).unwrap();
        assert!(contact().validate(today).is_ok());
        type Change = fn(&mut NewContact);
        let cases: [(Change, &[Problem]); 6] = [
            (
                |c| c.contacted_on = ymd(2026, 3, 3).unwrap(),
                &[("contacted_on", "contact_date")],
            ),
            (
                |c| c.outcome = ContactOutcome::Reached,
                &[("occupation", "required")],
            ),
            (
                |c| c.occupation = Some(Occupation::Work),
                &[("occupation", "contact_occupation_not_reached")],
            ),
            (
                |c| c.channel = ContactChannel::HomeVisit,
                &[("second_staff_id", "required")],
            ),
            (
                |c| (c.checklist, c.second_staff_id) = (vec![HomeVisitItem::IdShown], Some(3)),
                &[
                    ("second_staff_id", "contact_not_home_visit"),
                    ("checklist", "contact_not_home_visit"),
                ],
            ),
            (
                |c| c.next_contact_on = ymd(2026, 3, 1),
                &[("next_contact_on", "contact_next_date")],
            ),
        ];
        for (change, problems) in cases {
            let mut case = contact();
            change(&mut case);
            assert_eq!(case.validate(today), Err(problems.to_vec()), "{case:?}");
        }
    }

    #[test]
    fn a_home_visit_keeps_its_checklist_once_each_in_order() {
        let visit = NewContact {
            channel: ContactChannel::HomeVisit,
            second_staff_id: Some(3),
            checklist: vec![
                HomeVisitItem::NoteLeft,
                HomeVisitItem::TwoStaff,
                HomeVisitItem::NoteLeft,
            ],
            note: Some("  Ingen hemma.  ".into()),
            ..contact()
        };
        let valid = visit.validate(ymd(2026, 3, 2).unwrap()).unwrap();
        assert_eq!(
            valid.checklist,
            [HomeVisitItem::TwoStaff, HomeVisitItem::NoteLeft]
        );
        assert_eq!(valid.note.as_deref(), Some("Ingen hemma."));
    }

    #[test]
    fn a_guardian_is_a_recipient_only_while_the_young_person_is_a_minor() {
        assert!(NewContact::recipient_allowed(
            ContactRecipient::Guardian,
            true
        ));
        assert!(!NewContact::recipient_allowed(
            ContactRecipient::Guardian,
            false
        ));
        assert!(NewContact::recipient_allowed(
            ContactRecipient::Youth,
            false
        ));
    }

    #[test]
    fn an_optional_date_is_read_strictly() {
        let json = r#"{"contacted_on":"2026-03-02","channel":"phone","recipient":"youth","outcome":"no_answer","next_contact_on":"2026-03-09"}"#;
        let parsed: NewContact = serde_json::from_str(json).unwrap();
        assert_eq!(parsed.next_contact_on, ymd(2026, 3, 9));
        assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
        let bad = json.replace("2026-03-09", "2026-3-9");
        assert!(serde_json::from_str::<NewContact>(&bad).is_err());
        let null = json.replace("\"2026-03-09\"", "null");
        assert_eq!(
            serde_json::from_str::<NewContact>(&null)
                .unwrap()
                .next_contact_on,
            None
        );
    }
}
