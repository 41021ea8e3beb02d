//! The register entries' endpoints (the table: `lotsen_api::register::people`).
//!
//! Officers and administrators keep the register (`require_officer`, 403 for
//! other staff); an entry is read also by the young person's contact person
//! and team (`access::may_see`, 404 for others). The young person reads their
//! own (`/api/register/me`).

use axum::body::Bytes;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use lotsen_api::register::people::{
    Details, EXPLANATION, Entry, EntryPage, EntrySummary, ImportReport, LAW, MyRegister,
    NewDeregistration, NewEntry, NewRegistration, OfficerChange, OfficerStatus, PAGE_MAX, Period,
    StatusFilter,
};
use lotsen_api::{Date, ErrorBody, Personnummer};
use serde::Deserialize;
use utoipa::IntoParams;

use super::rules::{self, FileProblem};
use super::store::{self, Ending, EntryError, NewEntryRecord, NewPeriod};
use crate::AppState;
use crate::auth::{Admin, Staff, Youth};
use crate::error::AppError;
use crate::json::Json;
use crate::people::youth::age;
use crate::register::access::{may_see, require_officer};

/// A refusal from the store as the client sees it; `on` names the date field.
fn entry_error(error: EntryError, on: &str) -> AppError {
    match error {
        EntryError::NotFound => AppError::NotFound,
        EntryError::AlreadyRegistered => AppError::conflict(on, "register_already_registered"),
        EntryError::NotRegistered => AppError::conflict(on, "register_not_registered"),
        EntryError::DateOrder => AppError::invalid_field(on, "date_order"),
        EntryError::Taken => AppError::conflict("personnummer", "personnummer_taken"),
        EntryError::Db(error) => error.into(),
    }
}

/// Gives or takes a member of staff's officer permission.
#[utoipa::path(
    put,
    path = "/api/register/officers/{staff_id}",
    operation_id = "set_register_officer",
    tag = "register",
    security(("session" = [])),
    params(("staff_id" = i64, Path, description = "The member of staff's id")),
    request_body = OfficerChange,
    responses(
        (status = 200, description = "The permission as it now stands", body = OfficerStatus),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an administrator", body = ErrorBody),
        (status = 404, description = "`not_found`: no such member of staff", body = ErrorBody),
    )
)]
pub async fn set_register_officer(
    State(state): State<AppState>,
    _admin: Admin,
    Path(staff_id): Path<i64>,
    Json(change): Json<OfficerChange>,
) -> Result<Json<OfficerStatus>, AppError> {
    if !store::set_officer(&state.db, staff_id, change.officer).await? {
        return Err(AppError::NotFound);
    }
    Ok(Json(OfficerStatus {
        staff_id,
        officer: change.officer,
    }))
}

/// A date that is not after today, or a 422 on `field`.
fn not_future(state: &AppState, on: Date, field: &str) -> Result<(), AppError> {
    if on > state.clock.today() {
        Err(AppError::invalid_field(field, "register_date_future"))
    } else {
        Ok(())
    }
}

/// A note as stored, or a 422 on `field`.
fn checked_note(note: Option<&str>, field: &str) -> Result<Option<String>, AppError> {
    rules::note(note).map_err(|p| AppError::invalid_field(field, p.code()))
}

fn entry_of(
    state: &AppState,
    youth_id: i64,
    record: store::EntryRecord,
) -> Result<Entry, AppError> {
    let personnummer = Personnummer::parse_stored(&record.personnummer)
        .map_err(|_| AppError::Internal("a stored personnummer does not parse".into()))?;
    let hidden = record.protected_identity;
    let mut details = record.details;
    if hidden {
        details.street = None;
        details.postal_code = None;
        details.city = None;
    }
    Ok(Entry {
        youth_id,
        name: record.name,
        age: personnummer.age_on(state.clock.today()),
        personnummer: personnummer.to_string(),
        protected_identity: record.protected_identity,
        address_hidden: hidden,
        details,
        periods: record.periods,
    })
}

/// Adds a young person to the register by hand.
#[utoipa::path(
    post,
    path = "/api/register/people",
    operation_id = "add_register_entry",
    tag = "register",
    security(("session" = [])),
    request_body = NewEntry,
    responses(
        (status = 201, description = "Added (to the young person's record when Lotsen knows the personnummer; the name given replaces the record's) and registered; audited `register_add`", body = Entry),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither an officer nor an administrator", body = ErrorBody),
        (status = 409, description = "`conflict`: `personnummer` `register_already_registered` (an open period), or `personnummer_taken` (added meanwhile)", body = ErrorBody),
        (status = 422, description = "`validation`: `personnummer` `personnummer_*`, `register_age_20` or `register_too_young`; `name` `required`/`too_long`; `details.<field>` `too_long`, `email`, `phone`, `register_date_future`; `registration.on` `register_date_future` or `date_order` (before the previous period ended); `registration.note` `too_long`", body = ErrorBody),
    )
)]
pub async fn add_register_entry(
    State(state): State<AppState>,
    staff: Staff,
    Json(request): Json<NewEntry>,
) -> Result<(StatusCode, Json<Entry>), AppError> {
    require_officer(&staff)?;
    let today = state.clock.today();
    let mut problems: Vec<(String, String)> = Vec::new();
    let personnummer = match Personnummer::parse(&request.personnummer, today) {
        Ok(p) => {
            if let Some(code) = rules::age_problem(&p, today) {
                problems.push(("personnummer".into(), code.into()));
            }
            Some(p)
        }
        Err(e) => {
            problems.push(("personnummer".into(), e.code().into()));
            None
        }
    };
    let name = lotsen_api::contact::name(&request.name)
        .map_err(|p| problems.push(("name".into(), p.code().into())))
        .ok();
    let details = rules::clean_details(&request.details, today)
        .map_err(|more| {
            problems.extend(
                more.into_iter()
                    .map(|(column, code)| (format!("details.{column}"), code)),
            )
        })
        .ok();
    let registration = &request.registration;
    if registration.on > today {
        problems.push(("registration.on".into(), "register_date_future".into()));
    }
    let note = rules::note(registration.note.as_deref())
        .map_err(|p| problems.push(("registration.note".into(), p.code().into())))
        .ok();
    let (Some(personnummer), Some(name), Some(details), Some(note)) =
        (personnummer, name, details, note)
    else {
        return Err(AppError::invalid_fields(problems));
    };
    if !problems.is_empty() {
        return Err(AppError::invalid_fields(problems));
    }
    let now = state.clock.unix_seconds();
    let entry = NewEntryRecord {
        personnummer: &personnummer,
        name: &name,
        details: &details,
        period: NewPeriod {
            on: registration.on,
            reason: registration.reason,
            note: note.as_deref(),
        },
    };
    let id = store::add_entry(&state.db, staff.id(), entry, now)
        .await
        .map_err(|e| match e {
            EntryError::AlreadyRegistered => {
                AppError::conflict("personnummer", "register_already_registered")
            }
            other => entry_error(other, "registration.on"),
        })?;
    let record = store::load_entry(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(entry_of(&state, id, record)?)))
}

/// A young person's register entry.
#[utoipa::path(
    get,
    path = "/api/register/people/{youth_id}",
    operation_id = "get_register_entry",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "The details (no street, postal code or city with protected identity: `address_hidden`) and every period. Audited (`read_register_entry`).", body = Entry),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: not in the register, or the caller is neither an officer, an administrator, the contact person nor on the team", body = ErrorBody),
    )
)]
pub async fn get_register_entry(
    State(state): State<AppState>,
    staff: Staff,
    Path(youth_id): Path<i64>,
) -> Result<Json<Entry>, AppError> {
    if !may_see(&state.db, &staff, youth_id).await? {
        return Err(AppError::NotFound);
    }
    let record = store::read_entry(&state.db, staff.id(), youth_id, state.clock.unix_seconds())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(entry_of(&state, youth_id, record)?))
}

/// Which page of the register.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `open` (registered now; the default), `closed` or `all`.
    pub status: Option<StatusFilter>,
    /// How many to skip (default 0).
    pub offset: Option<u32>,
    /// How many (default 50, at most 200).
    pub limit: Option<u32>,
}

/// The register, a page at a time.
#[utoipa::path(
    get,
    path = "/api/register/people",
    operation_id = "list_register",
    tag = "register",
    security(("session" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "Young people with their latest period, latest registration first; each listed is audited (`list_register`)", body = EntryPage),
        (status = 400, description = "`bad_request`: an unknown `status`, or `offset`/`limit` not a number", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither an officer nor an administrator", body = ErrorBody),
    )
)]
pub async fn list_register(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> Result<Json<EntryPage>, AppError> {
    require_officer(&staff)?;
    let offset = query.offset.unwrap_or(0);
    let limit = query.limit.unwrap_or(50).clamp(1, PAGE_MAX);
    let status = query.status.unwrap_or_default();
    let now = state.clock.unix_seconds();
    let (records, total) = store::list(&state.db, staff.id(), status, offset, limit, now).await?;
    let entries = records
        .into_iter()
        .map(|r| EntrySummary {
            age: age(&state, &r.personnummer),
            youth_id: r.youth_id,
            name: r.name,
            latest: r.latest,
        })
        .collect();
    Ok(Json(EntryPage {
        entries,
        total,
        offset,
        limit,
    }))
}

/// Registers a young person in the register again (a new period).
#[utoipa::path(
    post,
    path = "/api/register/people/{youth_id}/registrations",
    operation_id = "register_again",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    request_body = NewRegistration,
    responses(
        (status = 201, description = "The new period (audited: `register_again`)", body = Period),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither an officer nor an administrator", body = ErrorBody),
        (status = 404, description = "`not_found`: not in the register", body = ErrorBody),
        (status = 409, description = "`conflict`: `on` `register_already_registered` (a period is open)", body = ErrorBody),
        (status = 422, description = "`validation`: `on` `register_date_future`, `date_order` (before the previous period ended), `register_age_20` (20 or older today) or `register_too_young`; `note` `too_long`", body = ErrorBody),
    )
)]
pub async fn register_again(
    State(state): State<AppState>,
    staff: Staff,
    Path(youth_id): Path<i64>,
    Json(request): Json<NewRegistration>,
) -> Result<(StatusCode, Json<Period>), AppError> {
    require_officer(&staff)?;
    not_future(&state, request.on, "on")?;
    let note = checked_note(request.note.as_deref(), "note")?;
    let stored = store::personnummer(&state.db, youth_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let personnummer = Personnummer::parse_stored(&stored)
        .map_err(|_| AppError::Internal("a stored personnummer does not parse".into()))?;
    if let Some(code) = rules::age_problem(&personnummer, state.clock.today()) {
        return Err(AppError::invalid_field("on", code));
    }
    let period = NewPeriod {
        on: request.on,
        reason: request.reason,
        note: note.as_deref(),
    };
    let now = state.clock.unix_seconds();
    let made = store::register_again(&state.db, staff.id(), youth_id, period, now)
        .await
        .map_err(|e| entry_error(e, "on"))?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// Deregisters a young person: ends their open period.
#[utoipa::path(
    post,
    path = "/api/register/people/{youth_id}/deregistration",
    operation_id = "deregister",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    request_body = NewDeregistration,
    responses(
        (status = 200, description = "The period, ended (audited: `register_deregister`)", body = Period),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither an officer nor an administrator", body = ErrorBody),
        (status = 404, description = "`not_found`: not in the register", body = ErrorBody),
        (status = 409, description = "`conflict`: `on` `register_not_registered` (no open period)", body = ErrorBody),
        (status = 422, description = "`validation`: `on` `register_date_future` or `date_order` (before the registration); `note` `too_long`", body = ErrorBody),
    )
)]
pub async fn deregister(
    State(state): State<AppState>,
    staff: Staff,
    Path(youth_id): Path<i64>,
    Json(request): Json<NewDeregistration>,
) -> Result<Json<Period>, AppError> {
    require_officer(&staff)?;
    not_future(&state, request.on, "on")?;
    let note = checked_note(request.note.as_deref(), "note")?;
    let ending = Ending {
        on: request.on,
        reason: request.reason,
        note: note.as_deref(),
        by: Some(staff.id()),
    };
    let now = state.clock.unix_seconds();
    let ended = store::deregister(&state.db, staff.id(), youth_id, ending, now)
        .await
        .map_err(|e| entry_error(e, "on"))?;
    Ok(Json(ended))
}

/// An import file: the raw body, sent as `text/csv` (also `text/plain` or
/// `application/vnd.ms-excel`, as browsers name `.csv` files), at most
/// `IMPORT_MAX_BYTES` (the routes' own body limit).
pub struct CsvFile(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for CsvFile {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase());
        let accepted = ["text/csv", "text/plain", "application/vnd.ms-excel"];
        if !content_type.is_some_and(|t| accepted.contains(&t.as_str())) {
            return Err(AppError::UnsupportedMediaType);
        }
        match Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(Self(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::PayloadTooLarge)
            }
            Err(_) => Err(AppError::BadRequest),
        }
    }
}

/// Reads the file, or answers 422 naming `file`.
fn read(state: &AppState, file: &CsvFile) -> Result<rules::ImportFile, AppError> {
    rules::read_file(&file.0, state.clock.today())
        .map_err(|p: FileProblem| AppError::invalid_field("file", p.code()))
}

/// Shows what importing a file would do; writes nothing.
#[utoipa::path(
    post,
    path = "/api/register/imports/preview",
    operation_id = "preview_register_import",
    tag = "register",
    security(("session" = [])),
    request_body(content = String, content_type = "text/csv", description = "The file as Swedish Excel saves it (format: `lotsen_api::register::people`), at most 2 MiB"),
    responses(
        (status = 200, description = "Every refused row with its line and problems, and how many records the import would create, update and register (`written` false)", body = ImportReport),
        (status = 400, description = "`bad_request`: the body could not be read", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither an officer nor an administrator", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the file is over 2 MiB", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not sent as `text/csv` (or `text/plain`, `application/vnd.ms-excel`)", body = ErrorBody),
        (status = 422, description = "`validation`: `file` `register_import_empty` (nothing in it) or `register_import_header` (no personnummer or name column in the first row)", body = ErrorBody),
    )
)]
pub async fn preview_register_import(
    State(state): State<AppState>,
    staff: Staff,
    file: CsvFile,
) -> Result<Json<ImportReport>, AppError> {
    require_officer(&staff)?;
    let read = read(&state, &file)?;
    let counts = store::preview(&state.db, &read.good).await?;
    Ok(Json(report(read, counts, false)))
}

fn report(read: rules::ImportFile, counts: store::ImportCounts, written: bool) -> ImportReport {
    ImportReport {
        rows: read.rows,
        created: counts.created,
        updated: counts.updated,
        registered: counts.registered,
        refused: read.refused,
        written,
    }
}

/// Imports a file: its good rows in one transaction, the bad ones refused.
#[utoipa::path(
    post,
    path = "/api/register/imports",
    operation_id = "import_register",
    tag = "register",
    security(("session" = [])),
    request_body(content = String, content_type = "text/csv", description = "The file as Swedish Excel saves it (format: `lotsen_api::register::people`), at most 2 MiB"),
    responses(
        (status = 200, description = "What was written (`written` true): records created and updated by personnummer (never a second one), periods opened (dated today) for those without an open one, and the refused rows as the preview names them. Each written record audited (`register_import`). Importing the same file again changes nothing.", body = ImportReport),
        (status = 400, description = "`bad_request`: the body could not be read", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither an officer nor an administrator", body = ErrorBody),
        (status = 409, description = "`conflict`: another import or entry wrote one of these people meanwhile; try again", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the file is over 2 MiB", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not sent as `text/csv` (or `text/plain`, `application/vnd.ms-excel`)", body = ErrorBody),
        (status = 422, description = "`validation`: `file` `register_import_empty` or `register_import_header`", body = ErrorBody),
    )
)]
pub async fn import_register(
    State(state): State<AppState>,
    staff: Staff,
    file: CsvFile,
) -> Result<Json<ImportReport>, AppError> {
    require_officer(&staff)?;
    let read = read(&state, &file)?;
    let today = state.clock.today();
    let now = state.clock.unix_seconds();
    let counts = store::import(&state.db, staff.id(), &read.good, today, now)
        .await
        .map_err(|e| match e {
            EntryError::Db(error) => error.into(),
            _ => AppError::conflict("file", "conflict"),
        })?;
    Ok(Json(report(read, counts, true)))
}

/// What the register holds about the signed-in young person, and why.
#[utoipa::path(
    get,
    path = "/api/register/me",
    operation_id = "my_register_entry",
    tag = "register",
    security(("session" = [])),
    responses(
        (status = 200, description = "Their details and periods (empty when they are not in the register), the law, and the locale keys of the explanation (why, what for, that the law allows it even if they object, whom to ask)", body = MyRegister),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    )
)]
pub async fn my_register_entry(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<MyRegister>, AppError> {
    let id = youth.0.account.id;
    let details = store::details(&state.db, id).await?;
    let periods = store::periods(&state.db, id).await?;
    Ok(Json(MyRegister {
        in_register: details.is_some() || !periods.is_empty(),
        registered_now: periods.iter().any(|p| p.deregistered_on.is_none()),
        details: details.unwrap_or_else(Details::default),
        periods,
        law: LAW.to_owned(),
        explanation: EXPLANATION.iter().map(|k| (*k).to_owned()).collect(),
    }))
}
