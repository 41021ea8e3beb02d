//! The plan's endpoints (table and rules: `lotsen_api::register::plans`).
//!
//! Staff reach a young person's plan when they may see them in the register
//! (officers, administrators, the contact person, the team) and the young
//! person has been registered (`crate::register::access::require_registered`);
//! otherwise 404. Every staff read of a plan is audited (`read_register_plan`), and so
//! is every write (`write_register_plan`, `write_register_measure`). The
//! young person reads and answers their own plan only.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use lotsen_api::register::plans::{
    Measure, MeasureCode, MeasureCodeUpdate, MeasureDates, MyPlan, NewMeasure, NewMeasureCode,
    Plan, PlanAnswer, PlanText, PlanVersion, SENSITIVE_REMINDER_KEY, is_code,
};
use lotsen_api::{ErrorBody, Lang};

use super::rules::{self, measures_of};
use super::store::{self, NewMeasureRecord, PlanError, VersionRecord};
use crate::AppState;
use crate::auth::{Admin, Staff, Youth};
use crate::error::AppError;
use crate::json::Json;
use crate::register::access::require_registered;

/// The language the request asked for (`Accept-Language`), Swedish by default.
fn lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

fn unreadable() -> AppError {
    AppError::Internal("a stored plan or measure does not read".into())
}

fn refused(error: PlanError) -> AppError {
    match error {
        PlanError::NotFound => AppError::NotFound,
        PlanError::Code => AppError::invalid_field("code", "measure_code_invalid"),
        PlanError::Newer => AppError::Refused {
            field: "version".into(),
            code: "plan_changed",
            message: "plan_changed",
            params: Vec::new(),
        },
        PlanError::VersionTaken => AppError::conflict("version", "conflict"),
        PlanError::Db(error) => error.into(),
    }
}

/// The code list of measures.
#[utoipa::path(
    get,
    path = "/api/register/measure-codes",
    operation_id = "list_measure_codes",
    tag = "register",
    security(("session" = [])),
    responses(
        (status = 200, description = "Every code, inactive ones too (they name older measures), by code", body = Vec<MeasureCode>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn list_measure_codes(
    State(state): State<AppState>,
    _staff: Staff,
) -> Result<Json<Vec<MeasureCode>>, AppError> {
    Ok(Json(store::codes(&state.db).await?))
}

async fn code_named(state: &AppState, code: &str) -> Result<MeasureCode, AppError> {
    store::codes(&state.db)
        .await?
        .into_iter()
        .find(|c| c.code == code)
        .ok_or(AppError::NotFound)
}

/// Adds a code to the list.
#[utoipa::path(
    post,
    path = "/api/register/measure-codes",
    operation_id = "create_measure_code",
    tag = "register",
    security(("session" = [])),
    request_body = NewMeasureCode,
    responses(
        (status = 201, description = "Added, active", body = MeasureCode),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not an administrator) or `csrf_rejected`", body = ErrorBody),
        (status = 409, description = "`conflict`: `code` `conflict`, the code exists already", body = ErrorBody),
        (status = 422, description = "`validation`: `code` `measure_code_format`; `label_sv`/`label_en` `required`, `too_long` or a text check", body = ErrorBody),
    )
)]
pub async fn create_measure_code(
    State(state): State<AppState>,
    _admin: Admin,
    Json(request): Json<NewMeasureCode>,
) -> Result<(StatusCode, Json<MeasureCode>), AppError> {
    let valid = request.validate().map_err(AppError::invalid_fields)?;
    store::create_code(&state.db, &valid)
        .await
        .map_err(|error| match error {
            PlanError::Code => AppError::conflict("code", "conflict"),
            other => refused(other),
        })?;
    Ok((
        StatusCode::CREATED,
        Json(code_named(&state, &valid.code).await?),
    ))
}

/// Renames a code's labels, deactivates or reactivates it (codes are never deleted).
#[utoipa::path(
    put,
    path = "/api/register/measure-codes/{code}",
    operation_id = "update_measure_code",
    tag = "register",
    security(("session" = [])),
    params(("code" = String, Path, description = "The code")),
    request_body = MeasureCodeUpdate,
    responses(
        (status = 200, description = "Changed", body = MeasureCode),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not an administrator) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such code", body = ErrorBody),
        (status = 422, description = "`validation`: `label_sv`/`label_en` `required`, `too_long` or a text check", body = ErrorBody),
    )
)]
pub async fn update_measure_code(
    State(state): State<AppState>,
    _admin: Admin,
    Path(code): Path<String>,
    Json(request): Json<MeasureCodeUpdate>,
) -> Result<Json<MeasureCode>, AppError> {
    if !is_code(&code) {
        return Err(AppError::NotFound);
    }
    let valid = request.validate().map_err(AppError::invalid_fields)?;
    store::update_code(&state.db, &code, &valid)
        .await
        .map_err(refused)?;
    Ok(Json(code_named(&state, &code).await?))
}

/// A version with its snapshot's measures, in the request's language.
async fn as_made(
    state: &AppState,
    version: &VersionRecord,
    headers: &HeaderMap,
) -> Result<PlanVersion, AppError> {
    let codes = store::codes(&state.db).await?;
    let snapshot = rules::snapshot_of(version).ok_or_else(unreadable)?;
    let measures = measures_of(&snapshot, &codes, lang(headers)).ok_or_else(unreadable)?;
    rules::version_of(version, measures).ok_or_else(unreadable)
}

/// A young person's plan.
#[utoipa::path(
    get,
    path = "/api/register/people/{youth_id}/plan",
    operation_id = "get_register_plan",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "The current version with the measures as they are now and the young person's answer, the earlier versions, and `reminder_key`: the locale key of the reminder not to document sensitive details such as health. Labels in the `Accept-Language`. Audited (`read_register_plan`).", body = Plan),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person in the register, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn get_register_plan(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Json<Plan>, AppError> {
    require_registered(&state.db, &staff, id).await?;
    let lang = lang(&headers);
    let records = store::plan(&state.db, staff.id(), id, state.clock.unix_seconds()).await?;
    let codes = store::codes(&state.db).await?;
    let measures = measures_of(&records.measures, &codes, lang).ok_or_else(unreadable)?;
    let current = match records.versions.first() {
        Some(latest) => Some(rules::version_of(latest, measures.clone()).ok_or_else(unreadable)?),
        None => None,
    };
    Ok(Json(Plan {
        reminder_key: SENSITIVE_REMINDER_KEY.to_owned(),
        current,
        measures,
        earlier: records
            .versions
            .iter()
            .skip(1)
            .map(rules::summary_of)
            .collect(),
    }))
}

/// Makes the plan, or revises it: a new version.
#[utoipa::path(
    post,
    path = "/api/register/people/{youth_id}/plan",
    operation_id = "revise_register_plan",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    request_body(content = PlanText, description = "Do not document sensitive details such as health (the UI shows the text at the locale key `register.plan_sensitive_reminder`)."),
    responses(
        (status = 201, description = "Version n+1 (1 for the first), with the measures as they stand now kept with it; earlier versions and their answers unchanged. Audited (`write_register_plan`).", body = PlanVersion),
        (status = 400, description = "`malformed_json`, e.g. a date that does not exist", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person in the register, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: `version`, another revision was written at the same moment; read again", body = ErrorBody),
        (status = 422, description = "`validation`: `own_words`/`goal` `required`, `too_long` or a text check; `conversation_on` `outcome_date` (before 2000 or after today)", body = ErrorBody),
    )
)]
pub async fn revise_register_plan(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(request): Json<PlanText>,
) -> Result<(StatusCode, Json<PlanVersion>), AppError> {
    require_registered(&state.db, &staff, id).await?;
    let valid = request
        .validate(state.clock.today())
        .map_err(AppError::invalid_fields)?;
    let stored = store::revise(
        &state.db,
        staff.id(),
        id,
        &valid,
        state.clock.unix_seconds(),
    )
    .await
    .map_err(refused)?;
    Ok((
        StatusCode::CREATED,
        Json(as_made(&state, &stored, &headers).await?),
    ))
}

/// One version of the plan as it was made.
#[utoipa::path(
    get,
    path = "/api/register/people/{youth_id}/plan/versions/{version}",
    operation_id = "get_register_plan_version",
    tag = "register",
    security(("session" = [])),
    params(
        ("youth_id" = i64, Path, description = "The young person's id"),
        ("version" = i64, Path, description = "The version, from 1"),
    ),
    responses(
        (status = 200, description = "The version with the measures as they stood when it was made, and the young person's answer to it. Audited (`read_register_plan`).", body = PlanVersion),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such version, no such young person in the register, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn get_register_plan_version(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, version)): Path<(i64, i64)>,
    headers: HeaderMap,
) -> Result<Json<PlanVersion>, AppError> {
    require_registered(&state.db, &staff, id).await?;
    let stored = store::version(
        &state.db,
        staff.id(),
        id,
        version,
        state.clock.unix_seconds(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Json(as_made(&state, &stored, &headers).await?))
}

async fn measure_answer(
    state: &AppState,
    stored: &store::MeasureRecord,
    headers: &HeaderMap,
) -> Result<Json<Measure>, AppError> {
    let codes = store::codes(&state.db).await?;
    rules::measure_of(stored, &codes, lang(headers))
        .map(Json)
        .ok_or_else(unreadable)
}

/// Adds a measure to the young person's plan.
#[utoipa::path(
    post,
    path = "/api/register/people/{youth_id}/measures",
    operation_id = "add_register_measure",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    request_body = NewMeasure,
    responses(
        (status = 201, description = "Added (it shows in the current plan at once; the next version keeps it). Audited (`write_register_measure`).", body = Measure),
        (status = 400, description = "`malformed_json`, e.g. an unknown `responsible_kind` or a date that does not exist", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person in the register, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`validation`: `code` `required` or `measure_code_invalid` (unknown or inactive); `responsible_name` `required`, `too_long` or a text check (municipality, other); `planned_end` `date_order` (before the start); `actual_end`/`end_reason` as in `update_register_measure`", body = ErrorBody),
    )
)]
pub async fn add_register_measure(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(request): Json<NewMeasure>,
) -> Result<(StatusCode, Json<Measure>), AppError> {
    require_registered(&state.db, &staff, id).await?;
    let valid = request
        .validate(state.clock.today())
        .map_err(AppError::invalid_fields)?;
    let new = NewMeasureRecord {
        code: &valid.code,
        responsible_kind: valid.responsible_kind.as_str(),
        responsible_name: valid.responsible_name.as_deref(),
        dates: &valid.dates,
    };
    let stored = store::add_measure(&state.db, staff.id(), id, new, state.clock.unix_seconds())
        .await
        .map_err(refused)?;
    Ok((
        StatusCode::CREATED,
        measure_answer(&state, &stored, &headers).await?,
    ))
}

/// Changes a measure's dates, ends it (actual end and why), or sets the next follow-up.
#[utoipa::path(
    put,
    path = "/api/register/people/{youth_id}/measures/{measure_id}",
    operation_id = "update_register_measure",
    tag = "register",
    security(("session" = [])),
    params(
        ("youth_id" = i64, Path, description = "The young person's id"),
        ("measure_id" = i64, Path, description = "The measure's id"),
    ),
    request_body = MeasureDates,
    responses(
        (status = 200, description = "Changed (earlier versions keep their snapshot). Audited (`write_register_measure`).", body = Measure),
        (status = 400, description = "`malformed_json`, e.g. an unknown `end_reason` or a date that does not exist", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such measure of this young person, no such young person in the register, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`validation`: `planned_end` `date_order`; `actual_end`/`end_reason` `required` (both or neither); `actual_end` `outcome_date` (before 2000 or after today)", body = ErrorBody),
    )
)]
pub async fn update_register_measure(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, measure_id)): Path<(i64, i64)>,
    headers: HeaderMap,
    Json(request): Json<MeasureDates>,
) -> Result<Json<Measure>, AppError> {
    require_registered(&state.db, &staff, id).await?;
    request
        .validate(state.clock.today())
        .map_err(AppError::invalid_fields)?;
    let stored = store::update_measure(
        &state.db,
        staff.id(),
        id,
        measure_id,
        &request,
        state.clock.unix_seconds(),
    )
    .await
    .map_err(refused)?;
    measure_answer(&state, &stored, &headers).await
}

/// The young person's current plan in plain words.
async fn my_plan(state: &AppState, youth_id: i64, lang: Lang) -> Result<MyPlan, AppError> {
    let records = store::own_plan(&state.db, youth_id).await?;
    let Some(latest) = records.versions.first() else {
        return Ok(MyPlan::default());
    };
    let codes = store::codes(&state.db).await?;
    let measures = measures_of(&records.measures, &codes, lang).ok_or_else(unreadable)?;
    let plan = rules::my_version(latest, &measures, lang).ok_or_else(unreadable)?;
    Ok(MyPlan { plan: Some(plan) })
}

/// The young person's own plan.
#[utoipa::path(
    get,
    path = "/api/register/me/plan",
    operation_id = "get_my_register_plan",
    tag = "register",
    security(("session" = [])),
    responses(
        (status = 200, description = "The current version in plain words: code labels and who is responsible in the `Accept-Language`, the measures as they are now, and their answer to this version. `{}` (no `plan`) when they have no plan yet.", body = MyPlan),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    )
)]
pub async fn get_my_register_plan(
    State(state): State<AppState>,
    youth: Youth,
    headers: HeaderMap,
) -> Result<Json<MyPlan>, AppError> {
    Ok(Json(
        my_plan(&state, youth.0.account.id, lang(&headers)).await?,
    ))
}

/// "I agree", a comment, or both, on the version the young person was shown.
#[utoipa::path(
    post,
    path = "/api/register/me/plan/response",
    operation_id = "answer_my_register_plan",
    tag = "register",
    security(("session" = [])),
    request_body = PlanAnswer,
    responses(
        (status = 200, description = "Saved with that version (replacing an earlier answer to it); the plan as `get_my_register_plan` shows it", body = MyPlan),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no plan, or no such version", body = ErrorBody),
        (status = 409, description = "`conflict`: `version` `plan_changed`, the plan has a newer version; read it and answer again", body = ErrorBody),
        (status = 422, description = "`validation`: `comment` `required` (neither agreeing nor commenting), `too_long` (over 2000 characters) or a text check", body = ErrorBody),
    )
)]
pub async fn answer_my_register_plan(
    State(state): State<AppState>,
    youth: Youth,
    headers: HeaderMap,
    Json(request): Json<PlanAnswer>,
) -> Result<Json<MyPlan>, AppError> {
    let comment = request.validate().map_err(AppError::invalid_fields)?;
    let id = youth.0.account.id;
    store::answer(
        &state.db,
        id,
        request.version,
        request.agree,
        comment.as_deref(),
        state.clock.unix_seconds(),
    )
    .await
    .map_err(refused)?;
    Ok(Json(my_plan(&state, id, lang(&headers)).await?))
}
