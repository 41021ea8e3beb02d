//! Reading applications: one with everything shown about it, or a list, each
//! as its reader may see it (staff reads audited).

use lotsen_api::application::{Agency, ApplicationStatus};
use lotsen_api::people::StaffMember;

use super::{
    AUDIT_LIST_APPLICATIONS, AUDIT_READ_APPLICATION, AccountAddress, Actor, ApplicationListing,
    ApplicationRecord, EventRecord, GuardianContact, Reader, SignatureRecord, parse_agency,
    parse_kind, parse_status,
};
use crate::audit::store as audit;
use crate::auth::store::{lang_of, parse_profession, parse_role};
use crate::db::Db;
use crate::db::sql::{Exec, acquire, begin_write, query, query_as, query_scalar};
use crate::people::access::STAFF_CAN_SEE_YOUTH;

/// Columns of an application in a list (`ap` application, `y` youth, `ya` their account).
const LISTING_COLUMNS: &str = "ap.id, ap.youth_id, ya.name, y.personnummer, ap.status, ap.created_at, ap.updated_at, ap.submitted_at";
const LISTING_FROM: &str = "applications ap JOIN youth y ON y.account_id = ap.youth_id JOIN accounts ya ON ya.id = ap.youth_id";

/// A timeline event as read: at, kind, actor's name and role, detail.
type EventRow = (i64, String, Option<String>, Option<String>, Option<String>);

type ListingRow = (i64, i64, String, String, String, i64, i64, Option<i64>);

fn listing(
    (id, youth_id, youth_name, youth_personnummer, status, created_at, updated_at, submitted_at): ListingRow,
) -> Result<ApplicationListing, sqlx::Error> {
    Ok(ApplicationListing {
        id,
        youth_id,
        youth_name,
        youth_personnummer,
        status: parse_status(&status)?,
        created_at,
        updated_at,
        submitted_at,
    })
}

/// The application with its signatures on the current version, the young
/// person's guardians, the withdrawn consents and the timeline, read on one
/// connection (or in the caller's transaction).
async fn load_application<'c>(
    on: impl Into<Exec<'c>>,
    id: i64,
) -> Result<Option<ApplicationRecord>, sqlx::Error> {
    let mut on = on.into();
    let row = query(
        "SELECT ap.id, ap.youth_id, ya.name, y.personnummer, ap.created_by, ap.status, ap.version, ap.content, \
         ap.created_at, ap.updated_at, ap.guardians_asked_at, ap.submitted_at, ap.decided_at, ap.decision_reason, \
         ap.contact_person_id, c.name, cs.profession, cs.is_admin \
         FROM applications ap JOIN youth y ON y.account_id = ap.youth_id JOIN accounts ya ON ya.id = ap.youth_id \
         LEFT JOIN accounts c ON c.id = ap.contact_person_id LEFT JOIN staff cs ON cs.account_id = ap.contact_person_id \
         WHERE ap.id = $1",
    )
    .bind(id)
    .fetch_optional(on.reborrow())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let version: i64 = row.try_get(6)?;
    let youth_id: i64 = row.try_get(1)?;
    let contact_person = match (
        row.try_get::<Option<i64>>(14)?,
        row.try_get::<Option<String>>(15)?,
        row.try_get::<Option<String>>(16)?,
    ) {
        (Some(id), Some(name), Some(profession)) => Some(StaffMember {
            id,
            name,
            profession: parse_profession(&profession)?,
            is_admin: row.try_get::<Option<bool>>(17)?.unwrap_or(false),
        }),
        _ => None,
    };
    let signatures: Vec<SignatureRow> = query_as(
        "SELECT s.signer_id, a.name AS signer_name, s.role, s.signed_at, s.document_hash, p.credential_id, p.public_key, \
         p.nonce, p.authenticator_data, p.client_data_json, p.signature FROM application_signatures s \
         JOIN accounts a ON a.id = s.signer_id \
         LEFT JOIN application_signature_passkeys p ON p.signature_id = s.id \
         WHERE s.application_id = $1 AND s.version = $2 AND s.voided_at IS NULL ORDER BY s.id",
    )
    .bind(id)
    .bind(version)
    .fetch_all(on.reborrow())
    .await?;
    let guardians: Vec<(i64, String, Option<String>, Option<String>)> = query_as(
        "SELECT a.id, a.name, a.email, a.language FROM guardian_of g JOIN accounts a ON a.id = g.guardian_id \
         WHERE g.youth_id = $1 ORDER BY a.id",
    )
    .bind(youth_id)
    .fetch_all(on.reborrow())
    .await?;
    let withdrawn: Vec<String> = query_scalar(
        "SELECT agency FROM application_consent_withdrawals WHERE application_id = $1",
    )
    .bind(id)
    .fetch_all(on.reborrow())
    .await?;
    let mut withdrawn_consents = withdrawn
        .iter()
        .map(|a| parse_agency(a))
        .collect::<Result<Vec<Agency>, _>>()?;
    withdrawn_consents.sort();
    let events: Vec<EventRow> = query_as(
        "SELECT e.at, e.kind, a.name, a.role, e.detail FROM application_events e \
         LEFT JOIN accounts a ON a.id = e.actor_id WHERE e.application_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(on.reborrow())
    .await?;
    Ok(Some(ApplicationRecord {
        id,
        youth_id,
        youth_name: row.try_get(2)?,
        youth_personnummer: row.try_get(3)?,
        created_by: row.try_get(4)?,
        status: parse_status(&row.try_get::<String>(5)?)?,
        version,
        content: row.try_get(7)?,
        created_at: row.try_get(8)?,
        updated_at: row.try_get(9)?,
        guardians_asked_at: row.try_get(10)?,
        submitted_at: row.try_get(11)?,
        decided_at: row.try_get(12)?,
        decision_reason: row.try_get(13)?,
        contact_person,
        signatures: signatures
            .into_iter()
            .map(SignatureRow::record)
            .collect::<Result<_, sqlx::Error>>()?,
        guardians: guardians
            .into_iter()
            .map(|(id, name, email, language)| GuardianContact {
                id,
                name,
                email,
                language: lang_of(language.as_deref()),
            })
            .collect(),
        withdrawn_consents,
        events: events
            .into_iter()
            .map(|(at, kind, name, role, detail)| {
                let actor = match (name, role) {
                    (Some(name), Some(role)) => Some(Actor {
                        name,
                        role: parse_role(&role)?,
                    }),
                    _ => None,
                };
                Ok(EventRecord {
                    at,
                    kind: parse_kind(&kind)?,
                    actor,
                    detail,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
    }))
}

/// An application, if `reader` may see it (a guardian's age rule aside: it
/// needs the clock, and is the caller's); a staff read is written to the
/// audit log (`read_application`) in the same transaction.
pub async fn read_application(
    db: &Db,
    reader: Reader,
    id: i64,
    now: i64,
) -> Result<Option<ApplicationRecord>, sqlx::Error> {
    match reader {
        Reader::Staff(viewer) => {
            let mut tx = begin_write(db).await?;
            let sql = format!(
                "SELECT ap.youth_id FROM applications ap JOIN youth y ON y.account_id = ap.youth_id \
                 WHERE ap.id = $3 AND {STAFF_CAN_SEE_YOUTH}"
            );
            let youth_id: Option<i64> = query_scalar(&sql)
                .bind(viewer.id)
                .bind(viewer.is_admin)
                .bind(id)
                .fetch_optional(&mut tx)
                .await?;
            let Some(youth_id) = youth_id else {
                return Ok(None);
            };
            let record = load_application(&mut tx, id).await?;
            audit::record(&mut tx, viewer.id, youth_id, AUDIT_READ_APPLICATION, now).await?;
            tx.commit().await?;
            Ok(record)
        }
        Reader::Youth(youth_id) => {
            let mut conn = acquire(db).await?;
            Ok(load_application(&mut conn, id)
                .await?
                .filter(|a| a.youth_id == youth_id))
        }
        Reader::Guardian(guardian_id) => {
            let mut conn = acquire(db).await?;
            Ok(load_application(&mut conn, id)
                .await?
                .filter(|a| a.guardians.iter().any(|g| g.id == guardian_id) && a.asked_guardians()))
        }
    }
}

/// The applications `reader` may see (of one young person, in one status),
/// oldest first (by submission, else creation); each one a member of staff
/// sees is audited (`list_applications`).
pub async fn list_applications(
    db: &Db,
    reader: Reader,
    youth_id: Option<i64>,
    only: Option<ApplicationStatus>,
    now: i64,
) -> Result<Vec<ApplicationListing>, sqlx::Error> {
    let order = "ORDER BY COALESCE(ap.submitted_at, ap.created_at), ap.id";
    let filter = "($3 IS NULL OR ap.youth_id = $3) AND ($4 IS NULL OR ap.status = $4)";
    // `$1` and `$2` are the reader's: who they are, and (staff) whether an administrator.
    let (who, flag, condition) = match reader {
        Reader::Staff(viewer) => (viewer.id, viewer.is_admin, STAFF_CAN_SEE_YOUTH),
        Reader::Youth(me) => (me, true, "ap.youth_id = $1 AND $2"),
        Reader::Guardian(guardian) => (
            guardian,
            true,
            "EXISTS (SELECT 1 FROM guardian_of g WHERE g.youth_id = ap.youth_id AND g.guardian_id = $1) \
             AND ap.guardians_asked_at IS NOT NULL AND ap.status <> 'draft' AND $2",
        ),
    };
    let sql = format!(
        "SELECT {LISTING_COLUMNS} FROM {LISTING_FROM} WHERE {condition} AND {filter} {order}"
    );
    let rows: Vec<ListingRow> = query_as(&sql)
        .bind(who)
        .bind(flag)
        .bind(youth_id)
        .bind(only.map(ApplicationStatus::as_str))
        .fetch_all(db)
        .await?;
    let list = rows
        .into_iter()
        .map(listing)
        .collect::<Result<Vec<_>, _>>()?;
    if let Reader::Staff(viewer) = reader {
        // Read first, then write the audit entries (as the list of young
        // people does): the writer's turn is held only for them.
        let ids: Vec<i64> = list.iter().map(|l| l.youth_id).collect();
        audit::record_read(db, viewer.id, &ids, AUDIT_LIST_APPLICATIONS, now).await?;
    }
    Ok(list)
}

/// An account's name, e-mail address and language (to notify them).
pub async fn account_address(db: &Db, id: i64) -> Result<Option<AccountAddress>, sqlx::Error> {
    let row: Option<(String, Option<String>, Option<String>)> =
        query_as("SELECT name, email, language FROM accounts WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(name, email, language)| AccountAddress {
        name,
        email,
        language: lang_of(language.as_deref()),
    }))
}

/// A signature with its passkey evidence, if any (a LEFT JOIN: all or
/// nothing), read by its column names.
#[derive(sqlx::FromRow)]
struct SignatureRow {
    signer_id: i64,
    signer_name: String,
    role: String,
    signed_at: i64,
    document_hash: String,
    credential_id: Option<String>,
    public_key: Option<String>,
    nonce: Option<String>,
    authenticator_data: Option<String>,
    client_data_json: Option<String>,
    signature: Option<String>,
}

impl SignatureRow {
    fn record(self) -> Result<SignatureRecord, sqlx::Error> {
        let passkey = self.evidence();
        Ok(SignatureRecord {
            signer_id: self.signer_id,
            signer_name: self.signer_name,
            role: parse_role(&self.role)?,
            signed_at: self.signed_at,
            document_hash: self.document_hash,
            passkey,
        })
    }

    /// The evidence kept when the signature was made with a passkey.
    fn evidence(&self) -> Option<crate::passkeys::signing::Evidence> {
        Some(crate::passkeys::signing::Evidence {
            credential_id: self.credential_id.clone()?,
            public_key: self.public_key.clone()?,
            nonce: self.nonce.clone()?,
            authenticator_data: self.authenticator_data.clone()?,
            client_data_json: self.client_data_json.clone()?,
            signature: self.signature.clone()?,
        })
    }
}
