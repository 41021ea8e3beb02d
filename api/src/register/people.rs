//! The register's entries: young people by hand and by import, their
//! registrations and deregistrations, the officer permission, and the young
//! person's own view of what the register holds about them.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | PUT | `/api/register/officers/{staff_id}` | `set_register_officer` | administrators ([`OfficerChange`] → [`OfficerStatus`]) |
//! | POST | `/api/register/people` | `add_register_entry` | officers and administrators ([`NewEntry`] → 201 [`Entry`]; audited `register_add`) |
//! | GET | `/api/register/people?status=open&offset=0&limit=50` | `list_register` | officers and administrators ([`EntryPage`]; each listed audited `list_register`) |
//! | GET | `/api/register/people/{youth_id}` | `get_register_entry` | officers, administrators, the contact person and the team ([`Entry`]; audited `read_register_entry`) |
//! | POST | `/api/register/people/{youth_id}/registrations` | `register_again` | officers and administrators ([`NewRegistration`] → 201 [`Period`]; audited `register_again`) |
//! | POST | `/api/register/people/{youth_id}/deregistration` | `deregister` | officers and administrators ([`NewDeregistration`] → [`Period`]; audited `register_deregister`) |
//! | POST | `/api/register/imports/preview` | `preview_register_import` | officers and administrators (`text/csv` → [`ImportReport`], writes nothing) |
//! | POST | `/api/register/imports` | `import_register` | officers and administrators (`text/csv` → [`ImportReport`]; each written audited `register_import`) |
//! | GET | `/api/register/me` | `my_register_entry` | a signed-in young person ([`MyRegister`]) |
//!
//! # Who is in the register
//!
//! Young people under 20 who have left compulsory school and are not in
//! upper-secondary school (skollagen 29 kap. 9 §). Every entry is a young
//! person's record (one per personnummer: an entry for a personnummer Lotsen
//! knows is added to that record, never a second one) with the register's
//! details ([`Details`]) and its periods ([`Period`]): a registration (date,
//! [`RegistrationReason`], note) and, once it ends, a deregistration (date,
//! [`DeregistrationReason`], note). At most one period is open at a time; the
//! history is kept, and a young person can be registered again. A school's
//! notice of long unexplained absence or of dropping out is a registration
//! with the reason `school_notice`. On their 20th birthday the server
//! deregisters a young person itself (reason `turned_20`, dated the birthday,
//! `deregistered_by` empty). Nobody aged 20 or more, or under
//! [`YOUNGEST_AGE`], is registered.
//!
//! # The import file
//!
//! A CSV file as Swedish Excel saves it, sent as the request body
//! (`Content-Type: text/csv`, at most [`IMPORT_MAX_BYTES`]): `;` or `,`
//! between fields (whichever the header row has more of), fields quoted with
//! `"` where needed, UTF-8 with or without a byte-order mark, or Windows-1252
//! (what "CSV (semikolonavgränsad)" writes) when the bytes are not UTF-8. The
//! first row names the columns, in any order; case, spaces, hyphens,
//! underscores, dots and å/ä/ö versus a/a/o do not matter. Unknown columns are
//! ignored. Personnummer and a name (one column, or first and last name) are
//! required.
//!
//! | column | headers accepted |
//! |---|---|
//! | personnummer | `Personnummer`, `Personnr`, `Pnr`, `Personnummer (ÅÅÅÅMMDDNNNN)` |
//! | name | `Namn`, `Fullständigt namn`, `Name` — or `Förnamn` (`Tilltalsnamn`, `First name`) and `Efternamn` (`Last name`) |
//! | street | `Adress`, `Gatuadress`, `Utdelningsadress`, `Street`, `Address` |
//! | postal code | `Postnummer`, `Postnr`, `Postal code` |
//! | city | `Postort`, `Ort`, `Stad`, `City` |
//! | phone | `Telefon`, `Telefonnummer`, `Mobil`, `Mobilnummer`, `Tel`, `Phone` |
//! | e-mail | `E-post`, `Epostadress`, `Mejl`, `E-mail`, `Email` |
//! | last school | `Senaste skola`, `Skola`, `Skolenhet`, `Last school`, `School` |
//! | programme | `Program`, `Senaste program`, `Studieväg`, `Programme`, `Program name` |
//! | date left | `Avgångsdatum`, `Datum för avbrott`, `Avbrottsdatum`, `Slutdatum`, `Date left` (`YYYY-MM-DD` or `YYYYMMDD`) |
//! | reason | `Orsak`, `Avgångsorsak`, `Anledning`, `Reason` (kept as written) |
//!
//! A row is refused, with its line number in the file and every problem
//! ([`RefusedRow`]), when its personnummer is not valid, when the person is
//! 20 or older today or under [`YOUNGEST_AGE`], when the personnummer is on
//! another row of the file too (every such row is refused: which one is right
//! is for the officer to say), when the name is missing, when the date left
//! cannot be read or lies after today, or when a field is not usable (an
//! e-mail address or phone number that is not one, a field over its length).
//! Empty rows are skipped. The preview answers exactly what the import would
//! do and writes nothing; the import writes every good row in one
//! transaction: a personnummer Lotsen does not know becomes a new record
//! (`created`), one it knows gets the file's name and register details
//! (`updated`). Whoever has no open period afterwards gets one (`registered`),
//! dated the day of the import (the date the municipality learned of them;
//! the date left is kept in the details), with the reason the file's reason
//! names ([`reason_of`]), else `other`. Importing the same file again changes
//! nothing and registers nobody twice.

use serde::{Deserialize, Serialize};

use super::codes::{DeregistrationReason, RegistrationReason};
use crate::Date;

/// The largest import file, in bytes (2 MiB: tens of thousands of rows).
pub const IMPORT_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The youngest age at which someone can have left compulsory school
/// (the ninth year ends in June of the year one turns 16; a year early at most).
pub const YOUNGEST_AGE: i32 = 15;
/// The age at which the municipality's responsibility ends.
pub const AGE_LIMIT: i32 = 20;
/// The most rows a page of the register holds.
pub const PAGE_MAX: u32 = 200;

/// Field error codes the register's entry routes send, besides
/// `required`, `too_long`, `email`, `phone`, `date_order` and the
/// `personnummer_*` codes.
pub const FIELD_CODES: [&str; 10] = [
    "register_age_20",
    "register_too_young",
    "register_duplicate_in_file",
    "register_date_format",
    "register_date_future",
    "register_already_registered",
    "register_not_registered",
    "register_import_empty",
    "register_import_header",
    "register_import_row",
];

/// Serde for an optional [`Date`] as `"YYYY-MM-DD"` or `null`:
/// `#[serde(default, with = "crate::register::people::optional_date")]`.
pub mod optional_date {
    use crate::Date;
    use crate::date::parse_iso;

    pub fn serialize<S: serde::Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.collect_str(date),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let s = <Option<String> as serde::Deserialize>::deserialize(d)?;
        s.map(|s| {
            parse_iso(&s).ok_or_else(|| serde::de::Error::custom("expected a date as YYYY-MM-DD"))
        })
        .transpose()
    }
}

/// Give or take the officer permission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficerChange {
    /// Whether the member of staff keeps the register.
    pub officer: bool,
}

/// A member of staff's officer permission as it now stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficerStatus {
    /// Their account id.
    pub staff_id: i64,
    /// Whether they keep the register.
    pub officer: bool,
}

/// The register's contact details and school background of a young person.
/// Every field may be left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Details {
    /// Street address (never shown for a young person with protected identity).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub street: Option<String>,
    /// Postal code.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10))]
    pub postal_code: Option<String>,
    /// City (*postort*).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub city: Option<String>,
    /// Phone number to reach them (`+46…` once stored).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 30))]
    pub phone: Option<String>,
    /// E-mail address to reach them.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: Option<String>,
    /// The last school they went to.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub last_school: Option<String>,
    /// The programme they were on.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub last_programme: Option<String>,
    /// When they left.
    #[serde(default, with = "optional_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub left_on: Option<Date>,
    /// Why they left, as the school wrote it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub left_reason: Option<String>,
}

/// The longest of each [`Details`] field, in characters.
pub mod limits {
    /// Street.
    pub const STREET: usize = 200;
    /// Postal code.
    pub const POSTAL_CODE: usize = 10;
    /// City.
    pub const CITY: usize = 100;
    /// School and programme.
    pub const SCHOOL: usize = 200;
    /// The reason they left.
    pub const LEFT_REASON: usize = 200;
    /// A registration's or deregistration's note.
    pub const NOTE: usize = 1000;
}

/// A registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRegistration {
    /// From when (not after today; not before the previous period ended).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub on: Date,
    /// Why.
    pub reason: RegistrationReason,
    /// In words, e.g. the school's notice.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
}

/// A deregistration: the end of the open period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDeregistration {
    /// From when (not after today, not before the registration).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub on: Date,
    /// Why.
    pub reason: DeregistrationReason,
    /// In words.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
}

/// A young person added by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEntry {
    /// Any accepted form (`YYYYMMDD-NNNC`, …).
    pub personnummer: String,
    /// Full name (replaces the record's when Lotsen knows the personnummer).
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub name: String,
    /// Contact details and school background.
    #[serde(default)]
    pub details: Details,
    /// The registration.
    pub registration: NewRegistration,
}

/// One period in the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    /// Its id.
    pub id: i64,
    /// Registered from.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub registered_on: Date,
    /// Why.
    pub registration_reason: RegistrationReason,
    /// In words.
    pub registration_note: Option<String>,
    /// Who registered them (empty: the import's officer is not known, or the server).
    pub registered_by: Option<i64>,
    /// Deregistered from (empty while open).
    #[serde(with = "optional_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::date::DateSchema>))]
    pub deregistered_on: Option<Date>,
    /// Why.
    pub deregistration_reason: Option<DeregistrationReason>,
    /// In words.
    pub deregistration_note: Option<String>,
    /// Who deregistered them (empty: the server, on the 20th birthday).
    pub deregistered_by: Option<i64>,
}

/// A register entry as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    /// The young person's id.
    pub youth_id: i64,
    /// Full name.
    pub name: String,
    /// `YYYYMMDD-NNNC`.
    pub personnummer: String,
    /// Age today.
    pub age: i32,
    /// Protected identity: street, postal code and city are never shown.
    pub protected_identity: bool,
    /// Whether the address was left out for protected identity.
    pub address_hidden: bool,
    /// Contact details and school background.
    pub details: Details,
    /// Every period, oldest first.
    pub periods: Vec<Period>,
}

/// One line of the register's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntrySummary {
    /// The young person's id.
    pub youth_id: i64,
    /// Full name.
    pub name: String,
    /// Age today.
    pub age: i32,
    /// Their latest period.
    pub latest: Period,
}

/// Which entries the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    /// Registered now (an open period).
    #[default]
    Open,
    /// No longer registered.
    Closed,
    /// Everyone ever registered.
    All,
}

/// A page of the register, latest registration first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryPage {
    /// This page.
    pub entries: Vec<EntrySummary>,
    /// How many match the filter in all.
    pub total: i64,
    /// The offset asked for.
    pub offset: u32,
    /// The page size used.
    pub limit: u32,
}

/// One problem of an import row: the column and a field error code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowProblem {
    /// `personnummer`, `name`, `street`, `postal_code`, `city`, `phone`,
    /// `email`, `last_school`, `last_programme`, `left_on` or `left_reason`.
    pub column: String,
    /// A field error code (its message: `errors.<code>` in the locale files).
    pub code: String,
}

/// A row the import refuses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefusedRow {
    /// Its line in the file (the header is line 1).
    pub line: u32,
    /// The name on the row, if any (to find it).
    pub name: Option<String>,
    /// Every problem.
    pub problems: Vec<RowProblem>,
}

/// What an import does (the preview) or did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Data rows read (empty rows not counted).
    pub rows: u32,
    /// New records.
    pub created: u32,
    /// Records Lotsen knew, updated from the file.
    pub updated: u32,
    /// New periods (those with none open).
    pub registered: u32,
    /// Refused rows, in file order.
    pub refused: Vec<RefusedRow>,
    /// Whether anything was written (false for the preview).
    pub written: bool,
}

/// What the register holds about the signed-in young person, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRegister {
    /// Whether they are in the register at all (ever registered).
    pub in_register: bool,
    /// Whether they are registered now.
    pub registered_now: bool,
    /// The details it holds (their own address too).
    pub details: Details,
    /// Every period, oldest first.
    pub periods: Vec<Period>,
    /// The law that requires the register: `skollagen 29 kap. 9 §`.
    pub law: String,
    /// Locale keys of the explanation the app shows, in order: why the
    /// register exists, what it is used for, that the law allows the
    /// processing even if they object, and whom to ask.
    pub explanation: Vec<String>,
}

/// The law the register follows.
pub const LAW: &str = "skollagen 29 kap. 9 §";

/// The locale keys of [`MyRegister::explanation`].
pub const EXPLANATION: [&str; 4] = [
    "register.me.why",
    "register.me.purpose",
    "register.me.objection",
    "register.me.questions",
];

/// The registration reason a school register's free-text reason names, if
/// any (Swedish words, or the code itself).
pub fn reason_of(written: &str) -> Option<RegistrationReason> {
    let w = written.trim().to_lowercase();
    if let Some(code) = RegistrationReason::parse(&w) {
        return Some(code);
    }
    let has = |words: &[&str]| words.iter().any(|word| w.contains(word));
    if has(&["studiebevis"]) {
        Some(RegistrationReason::LeavingCertificate)
    } else if has(&["inflytt", "flyttat in", "flyttat till kommunen"]) {
        Some(RegistrationReason::MovedIn)
    } else if has(&[
        "ej påbörjat",
        "inte påbörjat",
        "aldrig påbörjat",
        "ej börjat",
        "inte börjat",
        "ej antagen",
        "ej sökt",
    ]) {
        Some(RegistrationReason::NeverStarted)
    } else if has(&["frånvaro", "anmälan", "skolans"]) {
        Some(RegistrationReason::SchoolNotice)
    } else if has(&["avbrott", "avbrutit", "avhopp", "hoppat av", "slutat"]) {
        Some(RegistrationReason::DroppedOut)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_reason_names_a_code() {
        let cases = [
            (
                "Avbrott nationellt program",
                Some(RegistrationReason::DroppedOut),
            ),
            ("Hoppat av", Some(RegistrationReason::DroppedOut)),
            ("Studiebevis", Some(RegistrationReason::LeavingCertificate)),
            (
                "Ej påbörjat gymnasiet",
                Some(RegistrationReason::NeverStarted),
            ),
            ("Inflyttad", Some(RegistrationReason::MovedIn)),
            (
                "Skolans anmälan om frånvaro",
                Some(RegistrationReason::SchoolNotice),
            ),
            ("moved_in", Some(RegistrationReason::MovedIn)),
            ("Okänd", None),
            ("", None),
        ];
        for (written, expected) in cases {
            assert_eq!(reason_of(written), expected, "{written}");
        }
    }

    #[test]
    fn optional_dates_travel_as_iso_or_null() {
        let details: Details =
            serde_json::from_str(r#"{"left_on":"2026-06-12","city":"Malmö"}"#).unwrap();
        assert_eq!(details.left_on, crate::date::ymd(2026, 6, 12));
        assert_eq!(
            serde_json::to_value(Details::default()).unwrap()["left_on"],
            serde_json::Value::Null
        );
        assert!(serde_json::from_str::<Details>(r#"{"left_on":"2026-6-12"}"#).is_err());
    }
}
