//! Follow-up: a young person's outcome history (`GET/POST /api/youth/{id}/outcomes`)
//! and the programme's term report (`GET /api/reports/term`, `…/term.csv`).
//!
//! The history is for staff who may see the young person (`STAFF_CAN_SEE_YOUTH`;
//! 404 for others), and every read and write of it is audited. The term report
//! holds only counts over the whole programme; contact persons (who follow
//! young people up) and administrators (the programme lead) may read it, other
//! staff get 403. The definitions of its figures: `lotsen_api::outcomes`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use lotsen_api::account::Profession;
use lotsen_api::outcomes::{
    NewOutcome, OutcomeEntry, OutcomeHistory, OutcomeKind, Recorder, Term, TermReport,
};
use lotsen_api::{Date, ErrorBody};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::rules::{report_csv, term_report};
use super::store::{self, NewOutcomeRecord, OutcomeError, OutcomeRecord};
use crate::AppState;
use crate::auth::Staff;
use crate::clock::rfc3339;
use crate::csv_export::attachment;
use crate::error::{AppError, FieldIssue};
use crate::json::Json;

/// Follow-up's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_outcomes, record_outcome))
        .routes(routes!(term_report_json))
        .routes(routes!(term_report_csv))
}

fn entry_of(record: OutcomeRecord) -> Result<OutcomeEntry, AppError> {
    let kind = OutcomeKind::parse(&record.kind)
        .ok_or_else(|| AppError::Internal(format!("stored outcome kind {}", record.kind)))?;
    let from = lotsen_api::date::parse_iso(&record.from_date)
        .ok_or_else(|| AppError::Internal("a stored from-date does not parse".into()))?;
    Ok(OutcomeEntry {
        id: record.id,
        kind,
        from,
        school: record.school,
        programme: record.programme,
        corrects: record.corrects,
        corrected_by: record.corrected_by,
        recorded_at: rfc3339(record.recorded_at),
        recorded_by: record.recorded_by,
    })
}

/// The history and today's status: the uncorrected status entry with the
/// latest from-date on or before today (the later recorded on the same date).
fn history_of(entries: Vec<OutcomeEntry>, today: Date) -> OutcomeHistory {
    let current = entries
        .iter()
        .filter(|e| e.corrected_by.is_none() && e.kind.is_status() && e.from <= today)
        .max_by_key(|e| (e.from, e.id))
        .map(|e| e.id);
    OutcomeHistory { entries, current }
}

/// A young person's follow-up history.
#[utoipa::path(
    get,
    path = "/api/youth/{id}/outcomes",
    operation_id = "list_outcomes",
    tag = "outcomes",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "Every entry, corrected ones too (marked `corrected_by`), newest from-date first, and the id of today's status. Audited (`read_outcomes`).", body = OutcomeHistory),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn list_outcomes(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<OutcomeHistory>, AppError> {
    staff.may_see_youth(&state.db, id).await?;
    let records =
        store::outcome_history(&state.db, staff.id(), id, state.clock.unix_seconds()).await?;
    let entries = records
        .into_iter()
        .map(entry_of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(history_of(entries, state.clock.today())))
}

/// Records a status or an event, or corrects an earlier entry.
#[utoipa::path(
    post,
    path = "/api/youth/{id}/outcomes",
    operation_id = "record_outcome",
    tag = "outcomes",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    request_body = NewOutcome,
    responses(
        (status = 201, description = "Recorded (audited: `record_outcome`)", body = OutcomeEntry),
        (status = 400, description = "`malformed_json`, e.g. an unknown kind or a date that does not exist", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: the field `corrects` names an entry that has been corrected already", body = ErrorBody),
        (status = 422, description = "`validation`: `school`/`programme` `required` or `too_long` (studies), `from` `outcome_date` (before 2000 or after today), `corrects` `not_found` (not this young person's entry)", body = ErrorBody),
    )
)]
pub async fn record_outcome(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<NewOutcome>,
) -> Result<(StatusCode, Json<OutcomeEntry>), AppError> {
    staff.may_see_youth(&state.db, id).await?;
    let mut issues: Vec<FieldIssue> = Vec::new();
    let issue = |field: &str, code: &str| FieldIssue {
        field: field.to_owned(),
        code: code.to_owned(),
    };
    let valid = match request.validate() {
        Ok(valid) => Some(valid),
        Err(problems) => {
            issues.extend(problems.into_iter().map(|(f, c)| issue(f, c)));
            None
        }
    };
    if !NewOutcome::date_allowed(request.from, state.clock.today()) {
        issues.push(issue("from", "outcome_date"));
    }
    let Some(valid) = valid.filter(|_| issues.is_empty()) else {
        return Err(AppError::Validation(issues));
    };
    let from = valid.from.to_string();
    let new = NewOutcomeRecord {
        kind: valid.kind.as_str(),
        from_date: &from,
        school: valid.school.as_deref(),
        programme: valid.programme.as_deref(),
        corrects: valid.corrects,
    };
    let now = state.clock.unix_seconds();
    let entry_id = store::record_outcome(&state.db, staff.id(), id, new, now)
        .await
        .map_err(|error| match error {
            OutcomeError::NoSuchEntry => AppError::invalid_field("corrects", "not_found"),
            OutcomeError::AlreadyCorrected => AppError::conflict("corrects", "conflict"),
            OutcomeError::Db(error) => error.into(),
        })?;
    let account = &staff.0.account;
    Ok((
        StatusCode::CREATED,
        Json(OutcomeEntry {
            id: entry_id,
            kind: valid.kind,
            from: valid.from,
            school: valid.school,
            programme: valid.programme,
            corrects: valid.corrects,
            corrected_by: None,
            recorded_at: rfc3339(now),
            recorded_by: Recorder {
                id: account.id,
                name: account.name.clone(),
            },
        }),
    ))
}

/// Which term.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermQuery {
    /// `YYYY-spring` or `YYYY-autumn`; the current term when absent.
    pub term: Option<String>,
}

/// The term report, for contact persons and administrators.
async fn report(state: &AppState, staff: &Staff, query: TermQuery) -> Result<TermReport, AppError> {
    let account = &staff.0.account;
    if !(account.is_admin || account.profession == Some(Profession::ContactPerson)) {
        return Err(AppError::Forbidden);
    }
    let today = state.clock.today();
    let term = match query.term.as_deref() {
        None | Some("") => Term::of(today),
        Some(text) => Term::parse(text).ok_or(AppError::BadRequest)?,
    };
    if term.first_day() > today {
        return Err(AppError::invalid_field("term", "outcome_date"));
    }
    let rows = store::report_rows(&state.db).await?;
    Ok(term_report(term, today, &rows.youth, &rows.entries))
}

/// The programme's figures for one term, against its goals.
#[utoipa::path(
    get,
    path = "/api/reports/term",
    operation_id = "term_report",
    tag = "outcomes",
    security(("session" = [])),
    params(TermQuery),
    responses(
        (status = 200, description = "Participants and the four shares against their goals (definitions: the `lotsen_api::outcomes` docs, README)", body = TermReport),
        (status = 400, description = "`bad_request`: `term` is not `YYYY-spring` or `YYYY-autumn`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither a contact person nor an administrator", body = ErrorBody),
        (status = 422, description = "`validation`: `term` `outcome_date`, a term that has not begun", body = ErrorBody),
    )
)]
pub async fn term_report_json(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<TermQuery>,
) -> Result<Json<TermReport>, AppError> {
    Ok(Json(report(&state, &staff, query).await?))
}

/// The same figures as CSV.
#[utoipa::path(
    get,
    path = "/api/reports/term.csv",
    operation_id = "term_report_csv",
    tag = "outcomes",
    security(("session" = [])),
    params(TermQuery),
    responses(
        (status = 200, description = "`text/csv` (RFC 4180, CRLF, a header row; columns term, as_of, figure, count, of, percent, goal_percent, meets_goal), as an attachment, `Cache-Control: no-store`", content_type = "text/csv", body = String),
        (status = 400, description = "`bad_request`: `term` is not `YYYY-spring` or `YYYY-autumn`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither a contact person nor an administrator", body = ErrorBody),
        (status = 422, description = "`validation`: `term` `outcome_date`, a term that has not begun", body = ErrorBody),
    )
)]
pub async fn term_report_csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<TermQuery>,
) -> Result<Response, AppError> {
    let report = report(&state, &staff, query).await?;
    Ok(attachment(
        &format!("lotsen-{}.csv", report.term),
        report_csv(&report),
    ))
}
