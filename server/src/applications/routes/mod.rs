//! The application's endpoints (issue 5): a draft started by staff, signed by
//! the young person with their password, co-signed by every guardian when the
//! young person is under 18 on the signing day, decided by the team; with an
//! append-only timeline. See `lotsen_api::application` for the endpoints and
//! the rules.
//!
//! What is signed is the canonical document ([`super::rules::document`]).
//! Staff reads and changes are audited. An application that is not the
//! caller's to see is 404, whatever the reason. [`drafts`] starts, lists,
//! shows and edits; [`signing`] signs, co-signs and lets a guardian decline;
//! [`decisions`] holds the team's decision and the young person's withdrawals.

mod decisions;
mod drafts;
mod signing;

pub use decisions::*;
pub use drafts::*;
pub use signing::*;

use lotsen_api::account::Role;
use lotsen_api::application::{
    Application, ApplicationContent, ApplicationSummary, GuardianSigner, Signature,
    SignatureMethod, TimelineEvent,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::rules::{self, document};
use super::store::{self, ApplicationError, ApplicationListing, ApplicationRecord, Reader};
use crate::AppState;
use crate::auth::SignedIn;
use crate::clock::rfc3339;
use crate::error::AppError;
use crate::error::Issues;
use crate::json::Json;
use crate::people::access::StaffViewer;

/// The applications' routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_application))
        .routes(routes!(list_submitted_applications))
        .routes(routes!(list_youth_applications))
        .routes(routes!(list_my_applications))
        .routes(routes!(list_guardian_applications))
        .routes(routes!(get_application, update_application))
        .routes(routes!(sign_application))
        .routes(routes!(cosign_application))
        .routes(routes!(application_passkey_challenge))
        .routes(routes!(guardian_decline_application))
        .routes(routes!(accept_application))
        .routes(routes!(decline_application))
        .routes(routes!(withdraw_consent))
        .routes(routes!(withdraw_application))
}

fn content_of(record: &ApplicationRecord) -> Result<ApplicationContent, AppError> {
    serde_json::from_str(&record.content)
        .map_err(|e| AppError::Internal(format!("stored application content does not parse: {e}")))
}

fn is_minor(state: &AppState, personnummer: &str) -> bool {
    rules::is_minor(personnummer, state.clock.today())
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
    let record = store::read_application(&state.db, reader, id, state.clock.unix_seconds())
        .await?
        .ok_or(AppError::NotFound)?;
    if matches!(reader, Reader::Guardian(_)) && !is_minor(state, &record.youth_personnummer) {
        return Err(AppError::NotFound);
    }
    Ok(record)
}

/// The application as `reader` now sees it, as the answer to a change.
async fn answer(state: &AppState, reader: Reader, id: i64) -> Result<Json<Application>, AppError> {
    let record = load(state, reader, id).await?;
    Ok(Json(to_api(state, record)?))
}

/// The application as the API shows it.
fn to_api(state: &AppState, record: ApplicationRecord) -> Result<Application, AppError> {
    let content = content_of(&record)?;
    let (text, hash) = document(record.id, record.version, &record.youth_name, &content);
    let guardians = if record.asked_guardians() || is_minor(state, &record.youth_personnummer) {
        record
            .guardians
            .iter()
            .map(|g| GuardianSigner {
                id: g.id,
                name: g.name.clone(),
                signed: record.signatures.iter().any(|s| s.signer_id == g.id),
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
        document_hash: hash.clone(),
        signatures: record
            .signatures
            .into_iter()
            .map(|s| {
                // Checked now: the stored assertion, the stored public key,
                // the signature's document hash and the document as it is.
                let passkey_verified = s.passkey.as_ref().map(|evidence| {
                    s.document_hash == hash
                        && crate::passkeys::signing::verify(evidence, &s.document_hash)
                });
                Signature {
                    signer_id: s.signer_id,
                    signer_name: s.signer_name,
                    role: s.role,
                    signed_at: rfc3339(s.signed_at),
                    document_hash: s.document_hash,
                    method: if s.passkey.is_some() {
                        SignatureMethod::Passkey
                    } else {
                        SignatureMethod::Password
                    },
                    passkey_verified,
                }
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
                actor_role: e.actor.as_ref().map(|a| a.role),
                actor_name: e.actor.map(|a| a.name),
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
