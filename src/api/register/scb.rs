//! The register's scb part (`lotsen_api::register::scb`): the half-year
//! report to SCB, its downloads and the programme's figures.

use lotsen_api::register::scb::{HalfYear, RegisterFigures, ScbReport};

use crate::api::{Api, ApiError};

/// The two files the half-year report downloads as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScbFile {
    Csv,
    Xlsx,
}

impl ScbFile {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }
}

/// The address of the report's file for `period` (a plain link: same origin,
/// the session cookie goes along).
pub fn scb_file_href(period: HalfYear, file: ScbFile) -> String {
    format!(
        "/api/register/reports/scb.{}?period={period}",
        file.extension()
    )
}

/// The name the report's file is saved as.
pub fn scb_file_name(period: HalfYear, file: ScbFile) -> String {
    format!("scb-kaa-{period}.{}", file.extension())
}

impl Api {
    /// `GET /register/reports/scb?period=`: the rows and what to fix (audited).
    pub async fn scb_report(self, period: HalfYear) -> Result<ScbReport, ApiError> {
        self.read(format!("/register/reports/scb?period={period}"))
            .await
    }

    /// `GET /register/reports/figures?period=`: the programme's figures.
    pub async fn register_figures(self, period: HalfYear) -> Result<RegisterFigures, ApiError> {
        self.read(format!("/register/reports/figures?period={period}"))
            .await
    }
}
