//! Applications (issue 5): a draft started by staff, signed by the young person
//! with their password, co-signed by every guardian when the young person is
//! under 18 on the signing day, decided by the team; with an append-only
//! timeline. See `lotsen_api::application` for the endpoints and the rules.
//!
//! What is signed is the canonical document ([`document`]): the JSON of the
//! application's id, version, the young person's name and the content, in a
//! fixed field order; its SHA-256 is stored with each signature. Staff reads
//! and changes are audited. An application that is not the caller's to see is
//! 404, whatever the reason.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use lotsen_api::account::Role;
use lotsen_api::application::{
    AcceptRequest, Application, ApplicationContent, ApplicationSaved, ApplicationStatus,
    ApplicationSummary, CosignRequest, GuardianSigner, NewApplication, ReasonRequest, SignRequest,
    Signature, TimelineEvent, UpdateApplication, WithdrawConsentRequest,
};
use lotsen_api::{ErrorBody, Personnummer};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::auth::{Guardian, SignedIn, Staff, Youth};
use crate::db::{
    ApplicationError, ApplicationListing, ApplicationRecord, Notification, OutgoingMessage, Reader,
    StaffViewer, rfc3339,
};
use crate::error::AppError;
use crate::error::Issues;
use crate::json::Json;

/// The canonical document's format name; a new layout gets a new name.
pub const DOCUMENT_FORMAT: &str = "lotsen-application-v1";

/// What is signed, in this field order.
#[derive(Serialize)]
struct CanonicalDocument<'a> {
    format: &'static str,
    application_id: i64,
    version: i64,
    youth_name: &'a str,
    content: &'a ApplicationContent,
}

/// The canonical document of an application and its SHA-256, lower-case hex.
pub fn document(
    application_id: i64,
    version: i64,
    youth_name: &str,
    content: &ApplicationContent,
) -> (String, String) {
    let text = serde_json::to_string_pretty(&CanonicalDocument {
        format: DOCUMENT_FORMAT,
        application_id,
        version,
        youth_name,
        content,
    })
    .expect("an application serialises");
    let hash = sha256_hex(&text);
    (text, hash)
}

/// SHA-256 of `text`'s UTF-8 bytes, lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn content_of(record: &ApplicationRecord) -> Result<ApplicationContent, AppError> {
    serde_json::from_str(&record.content)
        .map_err(|e| AppError::Internal(format!("stored application content does not parse: {e}")))
}

fn is_minor(state: &AppState, personnummer: &str) -> bool {
    Personnummer::parse_stored(personnummer).is_ok_and(|p| p.is_minor_on(state.clock.today()))
}

fn status_conflict() -> AppError {
    AppError::conflict("status", "application_status")
}

fn document_conflict() -> AppError {
    AppError::conflict("document_hash", "document_changed")
}

/// A refused change as an answer; `stale` is what a changed version means here.
fn refused(error: ApplicationError, stale: fn() -> AppError) -> AppError {
    match error {
        ApplicationError::NotFound => AppError::NotFound,
        ApplicationError::Stale => stale(),
        ApplicationError::WrongStatus => status_conflict(),
        ApplicationError::ContactPersonInvalid => {
            AppError::invalid_field("contact_person_id", "contact_person_invalid")
        }
        ApplicationError::Db(error) => error.into(),
    }
}

fn version_conflict() -> AppError {
    AppError::conflict("version", "application_changed")
}

fn reader_of(signed_in: &SignedIn) -> Reader {
    let account = &signed_in.account;
    match account.role {
        Role::Staff => Reader::Staff(StaffViewer {
            id: account.id,
            is_admin: account.is_admin,
        }),
        Role::Youth => Reader::Youth(account.id),
        Role::Guardian => Reader::Guardian(account.id),
    }
}

/// The application if `reader` may see it: a guardian only while the young person is under 18.
async fn load(state: &AppState, reader: Reader, id: i64) -> Result<ApplicationRecord, AppError> {
    let record = state
        .db
        .read_application(reader, id, state.clock.unix_seconds())
        .await?
        .ok_or(AppError::NotFound)?;
    if matches!(reader, Reader::Guardian(_)) && !is_minor(state, &record.youth_personnummer) {
        return Err(AppError::NotFound);
    }
    Ok(record)
}

/// The application as the API shows it.
fn to_api(state: &AppState, record: ApplicationRecord) -> Result<Application, AppError> {
    let content = content_of(&record)?;
    let (text, hash) = document(record.id, record.version, &record.youth_name, &content);
    let asked = record.guardians_asked_at.is_some() && record.status != ApplicationStatus::Draft;
    let guardians = if asked || is_minor(state, &record.youth_personnummer) {
        record
            .guardians
            .iter()
            .map(|(id, name, _)| GuardianSigner {
                id: *id,
                name: name.clone(),
                signed: record.signatures.iter().any(|s| s.signer_id == *id),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Application {
        id: record.id,
        youth_id: record.youth_id,
        youth_name: record.youth_name,
        status: record.status,
        version: record.version,
        content,
        withdrawn_consents: record.withdrawn_consents,
        document: text,
        document_hash: hash,
        signatures: record
            .signatures
            .into_iter()
            .map(|s| Signature {
                signer_id: s.signer_id,
                signer_name: s.signer_name,
                role: s.role,
                signed_at: rfc3339(s.signed_at),
                document_hash: s.document_hash,
            })
            .collect(),
        guardians,
        created_at: rfc3339(record.created_at),
        updated_at: rfc3339(record.updated_at),
        submitted_at: record.submitted_at.map(rfc3339),
        decided_at: record.decided_at.map(rfc3339),
        decision_reason: record.decision_reason,
        contact_person: record.contact_person,
        timeline: record
            .events
            .into_iter()
            .map(|e| TimelineEvent {
                at: rfc3339(e.at),
                kind: e.kind,
                actor_role: e.actor.as_ref().map(|a| a.1),
                actor_name: e.actor.map(|a| a.0),
                detail: e.detail,
            })
            .collect(),
    })
}

fn summary(l: ApplicationListing) -> ApplicationSummary {
    ApplicationSummary {
        id: l.id,
        youth_id: l.youth_id,
        youth_name: l.youth_name,
        status: l.status,
        created_at: rfc3339(l.created_at),
        updated_at: rfc3339(l.updated_at),
        submitted_at: l.submitted_at.map(rfc3339),
    }
}

/// The content validated and normalised, or 422 with every invalid field.
fn valid_content(content: &ApplicationContent) -> Result<ApplicationContent, AppError> {
    content.validate().map_err(|problems| {
        let mut issues = Issues::default();
        for (field, problem) in problems {
            issues.add(field, problem.code());
        }
        issues.finish().err().unwrap_or(AppError::BadRequest)
    })
}

fn json_of(content: &ApplicationContent) -> String {
    serde_json::to_string(content).expect("content serialises")
}

/// Re-checks the caller's own password: one attempt count per account, shared
/// with changing the password (see [`crate::auth::reenter_password`]).
async fn verify_password(state: &AppState, account_id: i64, given: String) -> Result<(), AppError> {
    crate::auth::reenter_password(state, account_id, given, "password").await
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// A message for the outbox when e-mail is configured and there is an address.
fn notification(
    state: &AppState,
    account_id: i64,
    email: Option<&str>,
    subject: &str,
    body: String,
) -> Option<Notification> {
    match email {
        Some(address) if state.settings.email_delivery => Some(Notification {
            account_id,
            message: OutgoingMessage {
                channel: "email",
                to_address: address.to_owned(),
                subject: subject.to_owned(),
                body,
            },
        }),
        _ => {
            tracing::info!(
                account_id,
                "notification not e-mailed (no e-mail configured or no address)"
            );
            None
        }
    }
}

/// Asks a guardian to sign in and co-sign (no details of the application in the e-mail).
fn cosign_request(state: &AppState, guardian: &str, youth: &str) -> String {
    let (g, y, url) = (
        first_name(guardian),
        first_name(youth),
        &state.settings.public_url,
    );
    format!(
        "Hej {g}!\n\n\
         {y} har skrivit under sin ansökan till Lotsen. Eftersom {y} är under 18 år behöver du som \
         vårdnadshavare också skriva under. Logga in på {url} för att läsa ansökan och skriva under \
         eller säga nej.\n\n\
         --\n\
         Hello {g}! {y} has signed their application to Lotsen. As {y} is under 18, you as a guardian \
         need to co-sign it too. Sign in at {url} to read it and co-sign or decline.\n"
    )
}

/// Tells the young person or the referrer that a guardian declined.
fn decline_notice(state: &AppState, name: &str) -> String {
    let (n, url) = (first_name(name), &state.settings.public_url);
    format!(
        "Hej {n}!\n\n\
         En vårdnadshavare har sagt nej till att skriva under ansökan till Lotsen. Ansökan är ett \
         utkast igen. Logga in på {url} för att se varför och ändra den.\n\n\
         --\n\
         Hello {n}! A guardian declined to co-sign the application to Lotsen. It is a draft again. \
         Sign in at {url} to see why and change it.\n"
    )
}

/// Starts an application for a young person the caller can see.
#[utoipa::path(
    post,
    path = "/api/applications",
    operation_id = "create_application",
    tag = "applications",
    security(("session" = [])),
    request_body = NewApplication,
    responses(
        (status = 201, description = "A draft (timeline: `drafted`; audited: `create_application`)", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`validation`: `last_school`, `help_text`, `interests` `too_long`; `help_with` `required`", body = ErrorBody),
    )
)]
pub async fn create_application(
    State(state): State<AppState>,
    staff: Staff,
    Json(request): Json<NewApplication>,
) -> Result<(StatusCode, Json<Application>), AppError> {
    if !crate::people::access::staff_can_see_youth(&state.db, staff.viewer(), request.youth_id)
        .await?
    {
        return Err(AppError::NotFound);
    }
    let content = valid_content(&request.content)?;
    let id = state
        .db
        .create_application(
            staff.viewer(),
            request.youth_id,
            &json_of(&content),
            state.clock.unix_seconds(),
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let record = load(&state, Reader::Staff(staff.viewer()), id).await?;
    Ok((StatusCode::CREATED, Json(to_api(&state, record)?)))
}

/// Submitted applications for the team meeting, oldest first.
#[utoipa::path(
    get,
    path = "/api/applications/submitted",
    operation_id = "list_submitted_applications",
    tag = "applications",
    security(("session" = [])),
    responses(
        (status = 200, description = "Submitted applications of young people the caller can see, the longest waiting first (by `submitted_at`). Each is audited (`list_applications`).", body = Vec<ApplicationSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn list_submitted_applications(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    let list = state
        .db
        .list_applications(
            Reader::Staff(staff.viewer()),
            None,
            Some(ApplicationStatus::Submitted),
            state.clock.unix_seconds(),
        )
        .await?;
    Ok(Json(list.into_iter().map(summary).collect()))
}

/// A young person's applications, as staff see them.
#[utoipa::path(
    get,
    path = "/api/youth/{id}/applications",
    operation_id = "list_youth_applications",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "Their applications, oldest first (audited: `list_applications`)", body = Vec<ApplicationSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn list_youth_applications(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    if !crate::people::access::staff_can_see_youth(&state.db, staff.viewer(), id).await? {
        return Err(AppError::NotFound);
    }
    let list = state
        .db
        .list_applications(
            Reader::Staff(staff.viewer()),
            Some(id),
            None,
            state.clock.unix_seconds(),
        )
        .await?;
    Ok(Json(list.into_iter().map(summary).collect()))
}

/// The caller's own applications (a young person).
#[utoipa::path(
    get,
    path = "/api/me/applications",
    operation_id = "list_my_applications",
    tag = "applications",
    security(("session" = [])),
    responses(
        (status = 200, description = "The young person's own applications, oldest first", body = Vec<ApplicationSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    )
)]
pub async fn list_my_applications(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    let list = state
        .db
        .list_applications(
            Reader::Youth(youth.0.account.id),
            None,
            None,
            state.clock.unix_seconds(),
        )
        .await?;
    Ok(Json(list.into_iter().map(summary).collect()))
}

/// The applications a guardian is (or was) asked to co-sign.
#[utoipa::path(
    get,
    path = "/api/guardian/applications",
    operation_id = "list_guardian_applications",
    tag = "applications",
    security(("session" = [])),
    responses(
        (status = 200, description = "Applications of the caller's young people under 18 today that have reached guardian signing or later", body = Vec<ApplicationSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a guardian", body = ErrorBody),
    )
)]
pub async fn list_guardian_applications(
    State(state): State<AppState>,
    guardian: Guardian,
) -> Result<Json<Vec<ApplicationSummary>>, AppError> {
    let list = state
        .db
        .list_applications(
            Reader::Guardian(guardian.0.account.id),
            None,
            None,
            state.clock.unix_seconds(),
        )
        .await?;
    Ok(Json(
        list.into_iter()
            .filter(|l| is_minor(&state, &l.youth_personnummer))
            .map(summary)
            .collect(),
    ))
}

/// One application, with the exact document to sign and its timeline.
#[utoipa::path(
    get,
    path = "/api/applications/{id}",
    operation_id = "get_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The application. Young people see their own; guardians those of their young people under 18 once asked to co-sign; staff those of young people they can see (audited: `read_application`).", body = Application),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn get_application(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> Result<Json<Application>, AppError> {
    let record = load(&state, reader_of(&signed_in), id).await?;
    Ok(Json(to_api(&state, record)?))
}

/// Replaces the content; after any signature, voids them all and makes it a draft again.
#[utoipa::path(
    put,
    path = "/api/applications/{id}",
    operation_id = "update_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = UpdateApplication,
    responses(
        (status = 200, description = "Saved as a draft (timeline: `edited`, and `signatures_voided` when it had signatures; staff edits audited: `edit_application`). Consents the young person has withdrawn stay withdrawn.", body = ApplicationSaved),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (a guardian) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `version` `application_changed` (reload), or `status` `application_status` (accepted, declined or withdrawn)", body = ErrorBody),
        (status = 422, description = "`validation`: field errors of the content", body = ErrorBody),
    )
)]
pub async fn update_application(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Json(request): Json<UpdateApplication>,
) -> Result<Json<ApplicationSaved>, AppError> {
    let reader = reader_of(&signed_in);
    if matches!(reader, Reader::Guardian(_)) {
        return Err(AppError::Forbidden);
    }
    let record = load(&state, reader, id).await?;
    let content = valid_content(&request.content)?;
    let content = ApplicationContent {
        consents: content.consents.without(&record.withdrawn_consents),
        ..content
    };
    let voided = state
        .db
        .update_application(
            id,
            signed_in.account.id,
            matches!(reader, Reader::Staff(_)),
            request.version,
            &json_of(&content),
            state.clock.unix_seconds(),
        )
        .await
        .map_err(|e| refused(e, version_conflict))?;
    let record = load(&state, reader, id).await?;
    Ok(Json(ApplicationSaved {
        application: to_api(&state, record)?,
        signatures_voided: voided,
    }))
}

/// The young person signs their application with their password.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/sign",
    operation_id = "sign_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = SignRequest,
    responses(
        (status = 200, description = "Signed. 18 or older on the signing day (Swedish date): `submitted`. Under 18: `waiting_for_guardians`, and every guardian gets a message to sign in and co-sign.", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `document_hash` `document_changed` (the text changed: read it again), `status` `application_status` (not a draft), `guardians` `guardians_missing` (under 18 and no guardian registered)", body = ErrorBody),
        (status = 422, description = "`validation`: `read` `read_required`, `password` `password_wrong`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many wrong passwords; one count per account shared with changing the password and co-signing, slowed down after 5", body = ErrorBody),
    )
)]
pub async fn sign_application(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
    Json(request): Json<SignRequest>,
) -> Result<Json<Application>, AppError> {
    let me = youth.0.account.id;
    let record = load(&state, Reader::Youth(me), id).await?;
    if !request.read {
        return Err(AppError::invalid_field("read", "read_required"));
    }
    if record.status != ApplicationStatus::Draft {
        return Err(status_conflict());
    }
    let (_, hash) = document(
        record.id,
        record.version,
        &record.youth_name,
        &content_of(&record)?,
    );
    if request.document_hash != hash {
        return Err(document_conflict());
    }
    verify_password(&state, me, request.password).await?;
    let minor = is_minor(&state, &record.youth_personnummer);
    if minor && record.guardians.is_empty() {
        return Err(AppError::conflict("guardians", "guardians_missing"));
    }
    let notifications: Vec<Notification> = if minor {
        record
            .guardians
            .iter()
            .filter_map(|(gid, name, email)| {
                notification(
                    &state,
                    *gid,
                    email.as_deref(),
                    "Ansökan att skriva under i Lotsen / An application to co-sign in Lotsen",
                    cosign_request(&state, name, &record.youth_name),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    state
        .db
        .sign_application(
            id,
            me,
            record.version,
            &hash,
            minor,
            &notifications,
            state.clock.unix_seconds(),
        )
        .await
        .map_err(|e| refused(e, document_conflict))?;
    if !notifications.is_empty() {
        state.outbox.notify_one();
    }
    let record = load(&state, Reader::Youth(me), id).await?;
    Ok(Json(to_api(&state, record)?))
}

/// A guardian co-signs with their password.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/cosign",
    operation_id = "cosign_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = CosignRequest,
    responses(
        (status = 200, description = "Co-signed; once every guardian has, `submitted`", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a guardian) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: not an application the caller is asked to co-sign (or the young person is 18)", body = ErrorBody),
        (status = 409, description = "`conflict`: `document_hash` `document_changed`, or `status` `application_status` (not waiting for guardians, or already co-signed)", body = ErrorBody),
        (status = 422, description = "`validation`: `read` `read_required`, `password` `password_wrong`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many wrong passwords; one count per account shared with changing the password and co-signing, slowed down after 5", body = ErrorBody),
    )
)]
pub async fn cosign_application(
    State(state): State<AppState>,
    guardian: Guardian,
    Path(id): Path<i64>,
    Json(request): Json<CosignRequest>,
) -> Result<Json<Application>, AppError> {
    let me = guardian.0.account.id;
    let record = load(&state, Reader::Guardian(me), id).await?;
    if record.status != ApplicationStatus::WaitingForGuardians
        || record.signatures.iter().any(|s| s.signer_id == me)
    {
        return Err(status_conflict());
    }
    let (_, hash) = document(
        record.id,
        record.version,
        &record.youth_name,
        &content_of(&record)?,
    );
    if request.document_hash != hash {
        return Err(document_conflict());
    }
    if !request.read {
        return Err(AppError::invalid_field("read", "read_required"));
    }
    verify_password(&state, me, request.password).await?;
    state
        .db
        .cosign_application(id, me, record.version, &hash, state.clock.unix_seconds())
        .await
        .map_err(|e| refused(e, document_conflict))?;
    let record = load(&state, Reader::Guardian(me), id).await?;
    Ok(Json(to_api(&state, record)?))
}

/// A guardian declines to co-sign, with a reason.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/guardian-decline",
    operation_id = "guardian_decline_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "Back to draft with every signature voided (timeline: `declined_by_guardian` with the reason, `signatures_voided`); the young person and the referrer get a message", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a guardian) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: not an application the caller is asked to co-sign", body = ErrorBody),
        (status = 409, description = "`conflict`: `status` `application_status` (not waiting for guardians)", body = ErrorBody),
        (status = 422, description = "`validation`: `reason` `required` or `too_long`", body = ErrorBody),
    )
)]
pub async fn guardian_decline_application(
    State(state): State<AppState>,
    guardian: Guardian,
    Path(id): Path<i64>,
    Json(request): Json<ReasonRequest>,
) -> Result<Json<Application>, AppError> {
    let me = guardian.0.account.id;
    let record = load(&state, Reader::Guardian(me), id).await?;
    let reason = lotsen_api::application::reason(&request.reason)
        .map_err(|p| AppError::invalid_field("reason", p.code()))?;
    if record.status != ApplicationStatus::WaitingForGuardians {
        return Err(status_conflict());
    }
    let mut notifications = Vec::new();
    for account_id in [record.youth_id, record.created_by] {
        if let Some((name, email)) = state.db.account_address(account_id).await? {
            notifications.extend(notification(
                &state,
                account_id,
                email.as_deref(),
                "Ansökan i Lotsen behöver ändras / The application in Lotsen needs changes",
                decline_notice(&state, &name),
            ));
        }
    }
    state
        .db
        .guardian_decline(id, me, &reason, &notifications, state.clock.unix_seconds())
        .await
        .map_err(|e| refused(e, status_conflict))?;
    if !notifications.is_empty() {
        state.outbox.notify_one();
    }
    // The application is a draft again: no longer the guardian's to see, so the answer
    // is built from the young person's view of it.
    let record = load(&state, Reader::Youth(record.youth_id), id).await?;
    Ok(Json(to_api(&state, record)?))
}

/// The team accepts a submitted application and assigns a contact person.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/accept",
    operation_id = "accept_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = AcceptRequest,
    responses(
        (status = 200, description = "Accepted; the contact person becomes the young person's (timeline: `accepted`; audited: `accept_application`)", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: `status` `application_status` (not submitted)", body = ErrorBody),
        (status = 422, description = "`validation`: `contact_person_id` `contact_person_invalid`", body = ErrorBody),
    )
)]
pub async fn accept_application(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<AcceptRequest>,
) -> Result<Json<Application>, AppError> {
    let reader = Reader::Staff(staff.viewer());
    load(&state, reader, id).await?;
    state
        .db
        .decide_application(
            id,
            staff.id(),
            Some(request.contact_person_id),
            None,
            state.clock.unix_seconds(),
        )
        .await
        .map_err(|e| refused(e, status_conflict))?;
    // The new contact person may not be the caller, who may then no longer see it:
    // answer with what was decided all the same.
    let record = state
        .db
        .read_application(
            Reader::Staff(StaffViewer {
                id: staff.id(),
                is_admin: true,
            }),
            id,
            state.clock.unix_seconds(),
        )
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(to_api(&state, record)?))
}

/// The team declines a submitted application, with a reason.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/decline",
    operation_id = "decline_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "Declined (timeline: `declined` with the reason; audited: `decline_application`)", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: `status` `application_status` (not submitted)", body = ErrorBody),
        (status = 422, description = "`validation`: `reason` `required` or `too_long`", body = ErrorBody),
    )
)]
pub async fn decline_application(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<ReasonRequest>,
) -> Result<Json<Application>, AppError> {
    let reader = Reader::Staff(staff.viewer());
    load(&state, reader, id).await?;
    let reason = lotsen_api::application::reason(&request.reason)
        .map_err(|p| AppError::invalid_field("reason", p.code()))?;
    state
        .db
        .decide_application(
            id,
            staff.id(),
            None,
            Some(&reason),
            state.clock.unix_seconds(),
        )
        .await
        .map_err(|e| refused(e, status_conflict))?;
    let record = load(&state, reader, id).await?;
    Ok(Json(to_api(&state, record)?))
}

/// The young person withdraws consent to sharing information with one agency.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/consents/withdraw",
    operation_id = "withdraw_consent",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    request_body = WithdrawConsentRequest,
    responses(
        (status = 200, description = "Withdrawn, in any status, without voiding signatures (timeline: `consent_withdrawn` with the agency; listed in `withdrawn_consents`)", body = Application),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `agency` `consent_not_given` (never given, or already withdrawn)", body = ErrorBody),
    )
)]
pub async fn withdraw_consent(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
    Json(request): Json<WithdrawConsentRequest>,
) -> Result<Json<Application>, AppError> {
    let me = youth.0.account.id;
    let record = load(&state, Reader::Youth(me), id).await?;
    let not_given = || AppError::conflict("agency", "consent_not_given");
    if !content_of(&record)?.consents.get(request.agency)
        || record.withdrawn_consents.contains(&request.agency)
    {
        return Err(not_given());
    }
    state
        .db
        .withdraw_consent(id, me, request.agency, state.clock.unix_seconds())
        .await
        .map_err(|e| match e {
            ApplicationError::WrongStatus => not_given(),
            other => refused(other, status_conflict),
        })?;
    let record = load(&state, Reader::Youth(me), id).await?;
    Ok(Json(to_api(&state, record)?))
}

/// The young person withdraws the whole application.
#[utoipa::path(
    post,
    path = "/api/applications/{id}/withdraw",
    operation_id = "withdraw_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application's id")),
    responses(
        (status = 200, description = "Withdrawn (timeline: `withdrawn`)", body = Application),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such application, or not the caller's", body = ErrorBody),
        (status = 409, description = "`conflict`: `status` `application_status` (already withdrawn or declined)", body = ErrorBody),
    )
)]
pub async fn withdraw_application(
    State(state): State<AppState>,
    youth: Youth,
    Path(id): Path<i64>,
) -> Result<Json<Application>, AppError> {
    let me = youth.0.account.id;
    load(&state, Reader::Youth(me), id).await?;
    state
        .db
        .withdraw_application(id, me, state.clock.unix_seconds())
        .await
        .map_err(|e| refused(e, status_conflict))?;
    let record = load(&state, Reader::Youth(me), id).await?;
    Ok(Json(to_api(&state, record)?))
}

#[cfg(test)]
mod tests {
    use lotsen_api::application::{Consents, ContactChannel, SchoolStatus, Situation};

    use super::*;

    #[test]
    fn the_document_is_deterministic_and_its_hash_is_sha256() {
        let content = ApplicationContent {
            situation: Situation::Nothing,
            last_school: "Alströmergymnasiet".into(),
            school_status: SchoolStatus::DroppedOut,
            help_with: vec![],
            help_text: "Körkort".into(),
            interests: String::new(),
            contact_by: ContactChannel::Sms,
            consents: Consents::default(),
        };
        let (text, hash) = document(7, 2, "Elsa Nilsson", &content);
        assert_eq!(
            document(7, 2, "Elsa Nilsson", &content),
            (text.clone(), hash.clone())
        );
        assert!(
            text.starts_with(
                "{\n  \"format\": \"lotsen-application-v1\",\n  \"application_id\": 7,"
            )
        );
        assert_eq!(hash.len(), 64);
        assert_ne!(
            document(7, 3, "Elsa Nilsson", &content).1,
            hash,
            "another version"
        );
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
