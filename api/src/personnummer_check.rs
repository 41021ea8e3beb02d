//! `POST /api/personnummer/check`: staff forms check a personnummer before saving it.
//!
//! The number travels in the body, never in the URL, and the answer holds only
//! what can be derived from it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The number to check, as typed (any accepted form).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonnummerCheckRequest {
    /// `YYYYMMDD-NNNC`, `YYMMDD-NNNC`, `YYMMDD+NNNC` or the same without separator.
    #[cfg_attr(feature = "openapi", schema(example = "19121212-1212"))]
    pub personnummer: String,
}

/// Never prints the number, so that it cannot leak into logs.
impl fmt::Debug for PersonnummerCheckRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PersonnummerCheckRequest { personnummer: <redacted> }")
    }
}

/// What a valid personnummer says about its holder, on the server's today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonnummerCheck {
    /// The real birth date (also for coordination numbers).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, example = "1912-12-12"))]
    #[serde(with = "crate::date::iso")]
    pub birth_date: Date,
    /// Age in whole years today.
    pub age: i32,
    /// Whether the holder is under 18 today (a guardian co-signs).
    pub minor: bool,
    /// Whether the number is a *samordningsnummer* (day + 60).
    pub coordination_number: bool,
}
