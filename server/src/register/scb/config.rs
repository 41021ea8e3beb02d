//! The SCB file's layout and code lists: ONE configuration file
//! (`server/config/scb-kaa.json`, built in as the default; another one with
//! `--scb-config PATH`), so that a new data file description from SCB is an
//! edit of that file, not of the code. Its `description` says what each field
//! holds. A file that does not read, names an unknown field or an unknown
//! Lotsen code is refused at start, with what is wrong.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use lotsen_api::register::{
    DeregistrationReason, MeasureEndReason, Occupation, RegistrationReason,
};
use serde::Deserialize;

/// The built-in configuration's text.
pub const DEFAULT_TEXT: &str = include_str!("../../../config/scb-kaa.json");

static DEFAULT: LazyLock<Arc<ScbConfig>> = LazyLock::new(|| {
    Arc::new(ScbConfig::parse(DEFAULT_TEXT).expect("the built-in SCB configuration is valid"))
});

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The 12-digit personnummer.
    Personnummer,
    /// The registration's date.
    RegisteredOn,
    /// The registration's reason (SCB's code).
    RegistrationReason,
    /// The occupation at the latest contact with the individual on or before
    /// the half-year's last day (`unknown` when none).
    LatestOccupation,
    /// How many contacts with the individual in the half-year.
    ContactCount,
    /// The n-th contact's date.
    ContactDate,
    /// The n-th contact's occupation (SCB's code).
    ContactOccupation,
    /// How many measures under way in the half-year.
    MeasureCount,
    /// The n-th measure's code (SCB's code).
    MeasureCode,
    /// The n-th measure's start.
    MeasureStart,
    /// The n-th measure's actual end, if in or before the half-year.
    MeasureEnd,
    /// The n-th measure's end reason (SCB's code), with its end.
    MeasureEndReason,
    /// The deregistration's date, if in or before the half-year's last day.
    DeregisteredOn,
    /// The deregistration's reason (SCB's code), with its date.
    DeregistrationReason,
}

impl Field {
    /// Whether the field is one of a numbered group (needs `n`).
    pub fn numbered(self) -> bool {
        matches!(
            self,
            Self::ContactDate
                | Self::ContactOccupation
                | Self::MeasureCode
                | Self::MeasureStart
                | Self::MeasureEnd
                | Self::MeasureEndReason
        )
    }

    fn is_contact(self) -> bool {
        matches!(self, Self::ContactDate | Self::ContactOccupation)
    }
}

/// One column.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The header.
    pub name: String,
    /// What it holds.
    pub field: Field,
    /// Which of a numbered group (1 = the first), for the numbered fields.
    #[serde(default)]
    pub n: Option<usize>,
}

/// How dates are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// `YYYY-MM-DD`.
    #[default]
    Iso,
    /// `YYYYMMDD`.
    Compact,
}

/// Lotsen's codes to SCB's, per list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codes {
    /// Registration reasons.
    #[serde(default)]
    pub registration_reason: BTreeMap<String, String>,
    /// Deregistration reasons.
    #[serde(default)]
    pub deregistration_reason: BTreeMap<String, String>,
    /// Occupations.
    #[serde(default)]
    pub occupation: BTreeMap<String, String>,
    /// Why a measure ended.
    #[serde(default)]
    pub measure_end_reason: BTreeMap<String, String>,
    /// Measure codes (`measure_codes.code`).
    #[serde(default)]
    pub measure: BTreeMap<String, String>,
}

/// The whole configuration.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScbConfig {
    /// For the person editing the file; not used.
    #[serde(default)]
    pub description: serde_json::Value,
    /// How dates are written.
    #[serde(default)]
    pub date_style: DateStyle,
    /// The columns in order.
    pub columns: Vec<Column>,
    /// The code lists.
    pub codes: Codes,
}

impl ScbConfig {
    /// The built-in configuration.
    pub fn builtin() -> Arc<Self> {
        DEFAULT.clone()
    }

    /// Reads and checks a configuration; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let config: Self = serde_json::from_str(text).map_err(|e| e.to_string())?;
        config.check()?;
        Ok(config)
    }

    /// Reads the file at `path`.
    pub fn load(path: &std::path::Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn check(&self) -> Result<(), String> {
        if self.columns.is_empty() {
            return Err("columns: at least one column".into());
        }
        for (i, column) in self.columns.iter().enumerate() {
            if column.name.trim().is_empty() {
                return Err(format!("columns[{i}]: an empty name"));
            }
            match (column.field.numbered(), column.n) {
                (true, None | Some(0)) => {
                    return Err(format!("columns[{i}] ({}): needs n ≥ 1", column.name));
                }
                (false, Some(_)) => {
                    return Err(format!("columns[{i}] ({}): takes no n", column.name));
                }
                _ => {}
            }
        }
        known(
            &self.codes.registration_reason,
            "registration_reason",
            |c| RegistrationReason::parse(c).is_some(),
        )?;
        known(
            &self.codes.deregistration_reason,
            "deregistration_reason",
            |c| DeregistrationReason::parse(c).is_some(),
        )?;
        known(&self.codes.occupation, "occupation", |c| {
            Occupation::parse(c).is_some()
        })?;
        known(&self.codes.measure_end_reason, "measure_end_reason", |c| {
            MeasureEndReason::parse(c).is_some()
        })
    }

    /// The column names, in order.
    pub fn header(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// How many contacts the columns have room for (the largest `n`).
    pub fn contact_groups(&self) -> usize {
        self.groups(true)
    }

    /// How many measures the columns have room for.
    pub fn measure_groups(&self) -> usize {
        self.groups(false)
    }

    fn groups(&self, contacts: bool) -> usize {
        self.columns
            .iter()
            .filter(|c| c.field.numbered() && c.field.is_contact() == contacts)
            .filter_map(|c| c.n)
            .max()
            .unwrap_or(0)
    }

    /// A date as the file writes it.
    pub fn date(&self, date: lotsen_api::Date) -> String {
        match self.date_style {
            DateStyle::Iso => date.to_string(),
            DateStyle::Compact => date.to_string().replace('-', ""),
        }
    }
}

fn known(
    map: &BTreeMap<String, String>,
    list: &str,
    is_known: impl Fn(&str) -> bool,
) -> Result<(), String> {
    match map.keys().find(|code| !is_known(code)) {
        Some(code) => Err(format!("codes.{list}: no such Lotsen code {code:?}")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_configuration_reads_and_maps_every_code() {
        let config = ScbConfig::builtin();
        assert_eq!(config.contact_groups(), 3);
        assert_eq!(config.measure_groups(), 3);
        for code in RegistrationReason::ALL {
            assert!(config.codes.registration_reason.contains_key(code.as_str()));
        }
        for code in DeregistrationReason::ALL {
            assert!(
                config
                    .codes
                    .deregistration_reason
                    .contains_key(code.as_str())
            );
        }
        for code in Occupation::ALL {
            assert!(config.codes.occupation.contains_key(code.as_str()));
        }
        for code in MeasureEndReason::ALL {
            assert!(config.codes.measure_end_reason.contains_key(code.as_str()));
        }
    }

    #[test]
    fn a_bad_configuration_is_refused_with_its_fault() {
        let refused = |text: &str| ScbConfig::parse(text).unwrap_err();
        assert!(refused("{").contains("EOF"));
        assert!(refused(r#"{"columns": [], "codes": {}}"#).contains("at least one"));
        assert!(
            refused(r#"{"columns": [{"name": "A", "field": "colour"}], "codes": {}}"#)
                .contains("unknown variant")
        );
        assert!(
            refused(r#"{"columns": [{"name": "A", "field": "contact_date"}], "codes": {}}"#)
                .contains("needs n")
        );
        assert!(
            refused(
                r#"{"columns": [{"name": "A", "field": "personnummer", "n": 1}], "codes": {}}"#
            )
            .contains("takes no n")
        );
        assert!(
            refused(
                r#"{"columns": [{"name": "A", "field": "personnummer"}], "codes": {"occupation": {"sleeping": "7"}}}"#
            )
            .contains("\"sleeping\"")
        );
    }

    #[test]
    fn dates_are_written_in_the_chosen_style() {
        let mut config = (*ScbConfig::builtin()).clone();
        let day = lotsen_api::Date::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(config.date(day), "2026-07-01");
        config.date_style = DateStyle::Compact;
        assert_eq!(config.date(day), "20260701");
    }
}
