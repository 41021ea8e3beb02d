//! The SCB report and the figures (`/api/register/reports/…`), for the
//! officers who keep the register and administrators
//! ([`crate::register::access::require_officer`]; 403 for other staff). The
//! report's reads are audited (`read_scb_report`, one entry per young person
//! in it); the figures are counts only. What is where: `lotsen_api::register::scb`.

use axum::extract::{Query, State};
use axum::response::Response;
use lotsen_api::ErrorBody;
use lotsen_api::register::scb::{HalfYear, RegisterFigures, ScbReport};
use serde::Deserialize;
use utoipa::IntoParams;

use super::rules;
use super::store::{self, AUDIT_READ_SCB_REPORT};
use crate::AppState;
use crate::audit::record_shown;
use crate::auth::Staff;
use crate::csv_export::{attachment, download};
use crate::error::AppError;
use crate::json::Json;
use crate::register::access::require_officer;

/// The xlsx content type.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Which half-year.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// `YYYY-H1` (1 January–30 June) or `YYYY-H2` (1 July–31 December), years
    /// 2000–2100; the current half-year when absent.
    pub period: Option<String>,
}

/// The half-year asked for, after the caller is found to keep the register.
async fn half_year(
    state: &AppState,
    staff: &Staff,
    query: &PeriodQuery,
) -> Result<HalfYear, AppError> {
    require_officer(staff)?;
    match query.period.as_deref() {
        None | Some("") => Ok(HalfYear::of(state.clock.today())),
        Some(text) => HalfYear::parse(text).ok_or(AppError::BadRequest),
    }
}

/// The report, its reads audited.
async fn report(
    state: &AppState,
    staff: &Staff,
    query: &PeriodQuery,
) -> Result<ScbReport, AppError> {
    let half = half_year(state, staff, query).await?;
    let facts = store::facts(&state.db, half).await?;
    let report = rules::report(&state.scb, half, &facts);
    record_shown(
        state,
        staff,
        &rules::youth_ids(&facts),
        AUDIT_READ_SCB_REPORT,
    )
    .await?;
    Ok(report)
}

/// The half-year report to SCB, with what the checks found.
#[utoipa::path(
    get,
    path = "/api/register/reports/scb",
    operation_id = "scb_report",
    tag = "register",
    security(("session" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "The columns (from the SCB configuration), one row per young person in the register during the half-year, and the problems to fix before sending it. Audited (`read_scb_report`).", body = ScbReport),
        (status = 400, description = "`bad_request`: `period` is not `YYYY-H1`/`YYYY-H2` with a year 2000–2100", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an officer who keeps the register, nor an administrator", body = ErrorBody),
    )
)]
pub async fn scb_report(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<PeriodQuery>,
) -> Result<Json<ScbReport>, AppError> {
    Ok(Json(report(&state, &staff, &query).await?))
}

/// The same rows as CSV, the file to send to SCB.
#[utoipa::path(
    get,
    path = "/api/register/reports/scb.csv",
    operation_id = "scb_report_csv",
    tag = "register",
    security(("session" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "`text/csv` (RFC 4180, CRLF, the header row, then the rows; cells that a spreadsheet would read as a formula get a leading `'`), as an attachment `scb-kaa-YYYY-Hn.csv`, `Cache-Control: no-store`. Audited (`read_scb_report`).", content_type = "text/csv", body = String),
        (status = 400, description = "`bad_request`: `period` is not `YYYY-H1`/`YYYY-H2` with a year 2000–2100", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an officer who keeps the register, nor an administrator", body = ErrorBody),
    )
)]
pub async fn scb_report_csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let report = report(&state, &staff, &query).await?;
    Ok(attachment(
        &format!("scb-kaa-{}.csv", report.period),
        rules::csv(&report),
    ))
}

/// The same rows as an Excel workbook.
#[utoipa::path(
    get,
    path = "/api/register/reports/scb.xlsx",
    operation_id = "scb_report_xlsx",
    tag = "register",
    security(("session" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "An xlsx workbook with one worksheet named after the period: the header row, then the rows, every cell text. An attachment `scb-kaa-YYYY-Hn.xlsx`, `Cache-Control: no-store`. Audited (`read_scb_report`).", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "`bad_request`: `period` is not `YYYY-H1`/`YYYY-H2` with a year 2000–2100", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an officer who keeps the register, nor an administrator", body = ErrorBody),
    )
)]
pub async fn scb_report_xlsx(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let report = report(&state, &staff, &query).await?;
    let bytes = rules::xlsx(&report).map_err(|e| AppError::Internal(format!("xlsx: {e}")))?;
    Ok(download(
        XLSX,
        &format!("scb-kaa-{}.xlsx", report.period),
        bytes,
    ))
}

/// The programme's own figures for a half-year.
#[utoipa::path(
    get,
    path = "/api/register/reports/figures",
    operation_id = "register_figures",
    tag = "register",
    security(("session" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, description = "In the register, registered, reached, reached within 2 weeks, with a measure, and deregistered by reason (definitions: `RegisterFigures`)", body = RegisterFigures),
        (status = 400, description = "`bad_request`: `period` is not `YYYY-H1`/`YYYY-H2` with a year 2000–2100", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an officer who keeps the register, nor an administrator", body = ErrorBody),
    )
)]
pub async fn register_figures(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<PeriodQuery>,
) -> Result<Json<RegisterFigures>, AppError> {
    let half = half_year(&state, &staff, &query).await?;
    let facts = store::facts(&state.db, half).await?;
    Ok(Json(rules::figures(half, &facts)))
}
