//! Changing applications: each change first claims the row (see the parent
//! module), then writes its signatures, timeline events, audit entries and
//! messages in the same write transaction.

use lotsen_api::account::Profession;
use lotsen_api::application::{Agency, ApplicationStatus, EventKind};

use super::{
    AUDIT_ACCEPT_APPLICATION, AUDIT_CREATE_APPLICATION, AUDIT_DECLINE_APPLICATION,
    AUDIT_EDIT_APPLICATION, ApplicationError, Notification,
};
use crate::audit::store as audit;
use crate::db::Db;
use crate::db::sql::{QueryScalar, Tx, begin_write, query, query_as, query_scalar};
use crate::passkeys::signing::Evidence;
use crate::people::access::{STAFF_CAN_SEE_YOUTH, StaffViewer};

/// A line of the timeline.
async fn event(
    tx: &mut Tx,
    application_id: i64,
    actor: Option<i64>,
    kind: EventKind,
    detail: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    query(
        "INSERT INTO application_events (application_id, at, actor_id, kind, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(application_id)
    .bind(now)
    .bind(actor)
    .bind(kind.as_str())
    .bind(detail)
    .execute(tx)
    .await
    .map(drop)
}

async fn notify(tx: &mut Tx, notifications: &[Notification], now: i64) -> Result<(), sqlx::Error> {
    for n in notifications {
        crate::outbox::write(tx, n.account_id, &n.message, now).await?;
    }
    Ok(())
}

/// Voids every valid signature; returns whether there were any.
async fn void_signatures(tx: &mut Tx, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let voided = query(
        "UPDATE application_signatures SET voided_at = $2 WHERE application_id = $1 AND voided_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(tx)
    .await?
    .rows_affected();
    Ok(voided > 0)
}

/// Why a claim found no row: no such application, another version, or another status.
async fn refusal(
    tx: &mut Tx,
    id: i64,
    version: Option<i64>,
) -> Result<ApplicationError, sqlx::Error> {
    let current: Option<i64> = query_scalar("SELECT version FROM applications WHERE id = $1")
        .bind(id)
        .fetch_optional(tx)
        .await?;
    Ok(match (current, version) {
        (None, _) => ApplicationError::NotFound,
        (Some(current), Some(expected)) if current != expected => ApplicationError::Stale,
        _ => ApplicationError::WrongStatus,
    })
}

/// Runs a claim (an `UPDATE … RETURNING` one column of the row it changed)
/// and returns that column; if it claimed no row, why not.
async fn claim(
    tx: &mut Tx,
    statement: QueryScalar<'_, i64>,
    id: i64,
    version: Option<i64>,
) -> Result<i64, ApplicationError> {
    match statement.fetch_optional(&mut *tx).await? {
        Some(claimed) => Ok(claimed),
        None => Err(refusal(tx, id, version).await?),
    }
}

/// Starts a draft for a young person `viewer` may see (audited); `None` if they may not.
pub async fn create_application(
    db: &Db,
    viewer: StaffViewer,
    youth_id: i64,
    content: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let sql =
        format!("SELECT COUNT(*) FROM youth y WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}");
    let visible: i64 = query_scalar(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(youth_id)
        .fetch_one(&mut tx)
        .await?;
    if visible == 0 {
        return Ok(None);
    }
    let id: i64 = query_scalar(
        "INSERT INTO applications (youth_id, created_by, content, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(youth_id)
    .bind(viewer.id)
    .bind(content)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    event(&mut tx, id, Some(viewer.id), EventKind::Drafted, None, now).await?;
    audit::record(&mut tx, viewer.id, youth_id, AUDIT_CREATE_APPLICATION, now).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Replaces the content of `version`, back to draft (staff edits audited);
/// returns whether signatures were voided.
pub async fn update_application(
    db: &Db,
    id: i64,
    actor: Editor,
    version: i64,
    content: &str,
    now: i64,
) -> Result<bool, ApplicationError> {
    let mut tx = begin_write(db).await?;
    let claimed = query_scalar(
        "UPDATE applications SET content = $3, version = version + 1, status = 'draft', submitted_at = NULL, \
         updated_at = $4 WHERE id = $1 AND version = $2 \
         AND status IN ('draft', 'waiting_for_guardians', 'submitted') RETURNING youth_id",
    )
    .bind(id)
    .bind(version)
    .bind(content)
    .bind(now);
    let youth_id = claim(&mut tx, claimed, id, Some(version)).await?;
    let actor_id = actor.id();
    event(&mut tx, id, Some(actor_id), EventKind::Edited, None, now).await?;
    let voided = void_signatures(&mut tx, id, now).await?;
    if voided {
        event(
            &mut tx,
            id,
            Some(actor_id),
            EventKind::SignaturesVoided,
            None,
            now,
        )
        .await?;
    }
    if let Editor::Staff(staff) = actor {
        audit::record(&mut tx, staff, youth_id, AUDIT_EDIT_APPLICATION, now).await?;
    }
    tx.commit().await?;
    Ok(voided)
}

/// Who edits an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Editor {
    /// A member of staff (their edits are audited).
    Staff(i64),
    /// The young person themselves.
    Youth(i64),
}

impl Editor {
    fn id(self) -> i64 {
        match self {
            Self::Staff(id) | Self::Youth(id) => id,
        }
    }
}

/// The young person's signature on one version of their application.
#[derive(Clone, Copy, Debug)]
pub struct Signing<'a> {
    /// The application.
    pub id: i64,
    /// The young person, whose application it must be.
    pub youth_id: i64,
    /// The version signed.
    pub version: i64,
    /// SHA-256 hex of the canonical document signed.
    pub document_hash: &'a str,
    /// Whether the guardians must co-sign (under 18 on the signing day).
    pub guardians_needed: bool,
    /// The messages asking the guardians to co-sign.
    pub notifications: &'a [Notification],
    /// Signed with a passkey: what it answered.
    pub passkey: Option<&'a Evidence>,
}

/// The young person signs: submitted at once, or waiting for the guardians
/// (who get the notifications) when they are needed.
pub async fn sign_application(
    db: &Db,
    signing: Signing<'_>,
    now: i64,
) -> Result<(), ApplicationError> {
    let Signing {
        id,
        youth_id,
        version,
        document_hash,
        guardians_needed,
        notifications,
        passkey,
    } = signing;
    let mut tx = begin_write(db).await?;
    let (status, submitted_at, asked_at) = if guardians_needed {
        (ApplicationStatus::WaitingForGuardians, None, Some(now))
    } else {
        (ApplicationStatus::Submitted, Some(now), None)
    };
    let claimed = query_scalar(
        "UPDATE applications SET status = $4, submitted_at = $5, guardians_asked_at = COALESCE($6, guardians_asked_at), \
         updated_at = $7 WHERE id = $1 AND youth_id = $2 AND version = $3 AND status = 'draft' RETURNING id",
    )
    .bind(id)
    .bind(youth_id)
    .bind(version)
    .bind(status.as_str())
    .bind(submitted_at)
    .bind(asked_at)
    .bind(now);
    claim(&mut tx, claimed, id, Some(version)).await?;
    let signature_id: i64 = query_scalar(
        "INSERT INTO application_signatures (application_id, signer_id, role, version, document_hash, signed_at) \
         VALUES ($1, $2, 'youth', $3, $4, $5) RETURNING id",
    )
    .bind(id)
    .bind(youth_id)
    .bind(version)
    .bind(document_hash)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    if let Some(evidence) = passkey {
        crate::passkeys::store::insert_evidence(&mut tx, signature_id, evidence).await?;
    }
    event(&mut tx, id, Some(youth_id), EventKind::Signed, None, now).await?;
    if !guardians_needed {
        event(&mut tx, id, None, EventKind::Submitted, None, now).await?;
    }
    notify(&mut tx, notifications, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A guardian co-signs `version`; returns whether the application is now submitted.
pub async fn cosign_application(
    db: &Db,
    id: i64,
    guardian_id: i64,
    version: i64,
    document_hash: &str,
    passkey: Option<&Evidence>,
    now: i64,
) -> Result<bool, ApplicationError> {
    let mut tx = begin_write(db).await?;
    // Claiming the row serialises co-signers, so the last one sees every other signature.
    let claimed = query_scalar(
        "UPDATE applications SET updated_at = $3 WHERE id = $1 AND version = $2 \
         AND status = 'waiting_for_guardians' RETURNING youth_id",
    )
    .bind(id)
    .bind(version)
    .bind(now);
    let youth_id = claim(&mut tx, claimed, id, Some(version)).await?;
    let inserted: Option<i64> = query_scalar(
        "INSERT INTO application_signatures (application_id, signer_id, role, version, document_hash, signed_at) \
         VALUES ($1, $2, 'guardian', $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(id)
    .bind(guardian_id)
    .bind(version)
    .bind(document_hash)
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    let Some(signature_id) = inserted else {
        return Err(ApplicationError::WrongStatus);
    };
    if let Some(evidence) = passkey {
        crate::passkeys::store::insert_evidence(&mut tx, signature_id, evidence).await?;
    }
    event(
        &mut tx,
        id,
        Some(guardian_id),
        EventKind::Cosigned,
        None,
        now,
    )
    .await?;
    let missing: i64 = query_scalar(
        "SELECT COUNT(*) FROM guardian_of g WHERE g.youth_id = $1 AND NOT EXISTS (\
         SELECT 1 FROM application_signatures s WHERE s.application_id = $2 AND s.version = $3 \
         AND s.signer_id = g.guardian_id AND s.voided_at IS NULL)",
    )
    .bind(youth_id)
    .bind(id)
    .bind(version)
    .fetch_one(&mut tx)
    .await?;
    let submitted = missing == 0;
    if submitted {
        query("UPDATE applications SET status = 'submitted', submitted_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        event(&mut tx, id, None, EventKind::Submitted, None, now).await?;
    }
    tx.commit().await?;
    Ok(submitted)
}

/// A guardian declines: back to draft, every signature voided, `notifications` sent.
pub async fn guardian_decline(
    db: &Db,
    id: i64,
    guardian_id: i64,
    reason: &str,
    notifications: &[Notification],
    now: i64,
) -> Result<(), ApplicationError> {
    let mut tx = begin_write(db).await?;
    let claimed = query_scalar(
        "UPDATE applications SET status = 'draft', version = version + 1, updated_at = $2 \
         WHERE id = $1 AND status = 'waiting_for_guardians' RETURNING id",
    )
    .bind(id)
    .bind(now);
    claim(&mut tx, claimed, id, None).await?;
    event(
        &mut tx,
        id,
        Some(guardian_id),
        EventKind::DeclinedByGuardian,
        Some(reason),
        now,
    )
    .await?;
    if void_signatures(&mut tx, id, now).await? {
        event(
            &mut tx,
            id,
            Some(guardian_id),
            EventKind::SignaturesVoided,
            None,
            now,
        )
        .await?;
    }
    notify(&mut tx, notifications, now).await?;
    tx.commit().await?;
    Ok(())
}

/// What the team decides about a submitted application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision<'a> {
    /// Accepted, with a contact person, who becomes the young person's.
    Accept {
        /// A member of staff whose profession is contact person.
        contact_person_id: i64,
    },
    /// Declined, with a reason.
    Decline {
        /// Why.
        reason: &'a str,
    },
}

/// The team accepts or declines a submitted application (audited).
pub async fn decide_application(
    db: &Db,
    id: i64,
    actor: i64,
    decision: Decision<'_>,
    now: i64,
) -> Result<(), ApplicationError> {
    let mut tx = begin_write(db).await?;
    let (status, contact_person_id, reason) = match decision {
        Decision::Accept { contact_person_id } => {
            (ApplicationStatus::Accepted, Some(contact_person_id), None)
        }
        Decision::Decline { reason } => (ApplicationStatus::Declined, None, Some(reason)),
    };
    let mut contact_name = None;
    if let Some(cp) = contact_person_id {
        let row: Option<(String, String)> = query_as(
            "SELECT st.profession, a.name FROM staff st JOIN accounts a ON a.id = st.account_id WHERE st.account_id = $1",
        )
        .bind(cp)
        .fetch_optional(&mut tx)
        .await?;
        match row {
            Some((profession, name)) if profession == Profession::ContactPerson.as_str() => {
                contact_name = Some(name);
            }
            _ => return Err(ApplicationError::ContactPersonInvalid),
        }
    }
    let claimed = query_scalar(
        "UPDATE applications SET status = $2, decided_at = $3, decided_by = $4, decision_reason = $5, \
         contact_person_id = $6, updated_at = $3 WHERE id = $1 AND status = 'submitted' RETURNING youth_id",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(now)
    .bind(actor)
    .bind(reason)
    .bind(contact_person_id);
    let youth_id = claim(&mut tx, claimed, id, None).await?;
    if let Some(cp) = contact_person_id {
        query("UPDATE youth SET contact_person_id = $2 WHERE account_id = $1")
            .bind(youth_id)
            .bind(cp)
            .execute(&mut tx)
            .await?;
        let detail = contact_name.as_deref();
        event(&mut tx, id, Some(actor), EventKind::Accepted, detail, now).await?;
        audit::record(&mut tx, actor, youth_id, AUDIT_ACCEPT_APPLICATION, now).await?;
    } else {
        event(&mut tx, id, Some(actor), EventKind::Declined, reason, now).await?;
        audit::record(&mut tx, actor, youth_id, AUDIT_DECLINE_APPLICATION, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The young person withdraws consent for `agency`; `WrongStatus` when already withdrawn.
pub async fn withdraw_consent(
    db: &Db,
    id: i64,
    youth_id: i64,
    agency: Agency,
    now: i64,
) -> Result<(), ApplicationError> {
    let mut tx = begin_write(db).await?;
    let claimed: Option<i64> = query_scalar(
        "UPDATE applications SET updated_at = $3 WHERE id = $1 AND youth_id = $2 RETURNING id",
    )
    .bind(id)
    .bind(youth_id)
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    if claimed.is_none() {
        return Err(ApplicationError::NotFound);
    }
    let inserted = query(
        "INSERT INTO application_consent_withdrawals (application_id, agency, withdrawn_at, withdrawn_by) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(agency.as_str())
    .bind(now)
    .bind(youth_id)
    .execute(&mut tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ApplicationError::WrongStatus);
    }
    let detail = Some(agency.as_str());
    event(
        &mut tx,
        id,
        Some(youth_id),
        EventKind::ConsentWithdrawn,
        detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The young person withdraws the whole application (not once declined or withdrawn).
pub async fn withdraw_application(
    db: &Db,
    id: i64,
    youth_id: i64,
    now: i64,
) -> Result<(), ApplicationError> {
    let mut tx = begin_write(db).await?;
    let claimed = query_scalar(
        "UPDATE applications SET status = 'withdrawn', withdrawn_at = $3, updated_at = $3 \
         WHERE id = $1 AND youth_id = $2 AND status NOT IN ('withdrawn', 'declined') RETURNING id",
    )
    .bind(id)
    .bind(youth_id)
    .bind(now);
    claim(&mut tx, claimed, id, None).await?;
    event(&mut tx, id, Some(youth_id), EventKind::Withdrawn, None, now).await?;
    tx.commit().await?;
    Ok(())
}
