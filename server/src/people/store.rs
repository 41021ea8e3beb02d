//! The register's SQL: young people, their guardians and invitations, staff;
//! every read of a record through the one access rule and into the audit log.

use std::sync::LazyLock;

use lotsen_api::account::Profession;
use lotsen_api::people::StaffMember;

use super::access::{STAFF_CAN_SEE_YOUTH, StaffViewer};
use crate::accounts::store::{
    NewAccount, NewInvitation, WriteError, insert_account, insert_invitation,
};
use crate::audit;
use crate::auth::store::parse_profession;
use crate::db::Db;
use crate::db::in_place::in_place;
use crate::db::sql::{Arg, Columns, begin_write, query, query_as, query_scalar};
use crate::outbox::OutgoingMessage;

/// A young person as staff see them, before access to contact details is decided.
#[derive(Clone, Debug)]
pub struct YouthRecord {
    /// Their account id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// 12 digits.
    pub personnummer: String,
    /// Protected identity (skyddade personuppgifter).
    pub protected_identity: bool,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Whether they have set a password.
    pub has_account: bool,
    /// Their contact person.
    pub contact_person: Option<StaffMember>,
}

/// A guardian of a young person.
#[derive(Clone, Debug)]
pub struct GuardianRecord {
    /// Their account id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Whether they have set a password.
    pub has_account: bool,
}

/// A young person a guardian is guardian of.
#[derive(Clone, Debug)]
pub struct GuardedRecord {
    /// Their account id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// 12 digits (to tell whether they are under 18 today).
    pub personnummer: String,
}

/// Who an invitation goes to.
#[derive(Clone, Debug)]
pub struct Invitee {
    /// Their account id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// The young people a member of staff may see (`$1` their id, `$2` whether
/// they are an administrator), by id, each with their latest application's
/// status and the date of their latest register contact: rows decoded by
/// [`listed_row`]. Run through rusqlite on SQLite (`sqlite_read`).
///
/// What a read costs follows what it shows: for anyone but an administrator
/// (who sees everyone) the rows are found through the indexes on the contact
/// person and the team ([`SEEN_THROUGH_INDEXES`]), and
/// [`STAFF_CAN_SEE_YOUTH`] still decides; each one's latest application and
/// contact is one index step (`applications_youth_latest`,
/// `register_contacts_youth`).
pub fn list_youth_sql(is_admin: bool) -> &'static str {
    static ALL: LazyLock<String> = LazyLock::new(|| listed_sql(STAFF_CAN_SEE_YOUTH.to_owned()));
    static OWN: LazyLock<String> =
        LazyLock::new(|| listed_sql(format!("{SEEN_THROUGH_INDEXES} AND {STAFF_CAN_SEE_YOUTH}")));
    if is_admin { &ALL } else { &OWN }
}

/// The young people a member of staff (`$1`) who is not an administrator can
/// see at most: those they are contact person for and those whose team they
/// are on, each found through its index (`youth_contact_person`,
/// `youth_team_staff`). A union, not an `OR`: PostgreSQL cannot answer
/// `contact_person_id = $1 OR account_id IN (…)` through indexes.
const SEEN_THROUGH_INDEXES: &str = "y.account_id IN (SELECT s.account_id FROM youth s \
     WHERE s.contact_person_id = $1 UNION SELECT t.youth_id FROM youth_team t \
     WHERE t.staff_id = $1 AND t.removed_at IS NULL)";

/// [`list_youth_sql`] with `condition` on `y`.
fn listed_sql(condition: String) -> String {
    format!(
        "SELECT {YOUTH_COLUMNS}, \
         (SELECT ap.status FROM applications ap WHERE ap.youth_id = y.account_id \
          ORDER BY ap.created_at DESC, ap.id DESC LIMIT 1), \
         (SELECT MAX(rc.contacted_on) FROM register_contacts rc WHERE rc.youth_id = y.account_id) \
         FROM {YOUTH_FROM} WHERE {condition} ORDER BY y.account_id"
    )
}

/// The audit action for a young person shown in a staff list.
pub const AUDIT_LIST: &str = "list_youth";
/// The audit action for a staff read of a young person's record.
pub const AUDIT_READ: &str = "read_youth";
/// The audit action for registering a young person.
pub const AUDIT_REGISTER: &str = "register_youth";
/// The audit action for adding a guardian.
pub const AUDIT_ADD_GUARDIAN: &str = "add_guardian";
/// The audit action for sending a young person a new invitation.
pub const AUDIT_REINVITE: &str = "send_invitation";

/// Columns of a young person as staff see them (`y` youth, `a` their account,
/// `c` the contact person's account, `cs` their staff row).
pub const YOUTH_COLUMNS: &str = "y.account_id, a.name, y.personnummer, y.protected_identity, a.email, a.phone, \
     a.password_hash IS NOT NULL, y.contact_person_id, c.name, cs.profession, cs.is_admin";

/// The joins [`YOUTH_COLUMNS`] needs.
pub const YOUTH_FROM: &str = "youth y JOIN accounts a ON a.id = y.account_id \
     LEFT JOIN accounts c ON c.id = y.contact_person_id \
     LEFT JOIN staff cs ON cs.account_id = y.contact_person_id";

/// A row of [`YOUTH_COLUMNS`].
fn youth_row(r: &dyn Columns) -> Result<YouthRecord, sqlx::Error> {
    let contact_person = match (r.int(7)?, r.text(8)?, r.text(9)?) {
        (Some(id), Some(name), Some(profession)) => Some(StaffMember {
            id,
            name,
            profession: parse_profession(&profession)?,
            is_admin: r.flag(10)?.unwrap_or(false),
        }),
        _ => None,
    };
    Ok(YouthRecord {
        id: r.int_required(0)?,
        name: r.text_required(1)?,
        personnummer: r.text_required(2)?,
        protected_identity: r.flag_required(3)?,
        email: r.text(4)?,
        phone: r.text(5)?,
        has_account: r.flag_required(6)?,
        contact_person,
    })
}

/// A young person in a staff list.
#[derive(Clone, Debug)]
pub struct ListedYouth {
    /// Their record.
    pub record: YouthRecord,
    /// Their latest application's status, as stored.
    pub application_status: Option<String>,
    /// The date (YYYY-MM-DD) of their latest register contact.
    pub last_contact_on: Option<String>,
}

/// A row of [`list_youth_sql`].
fn listed_row(r: &dyn Columns) -> Result<ListedYouth, sqlx::Error> {
    Ok(ListedYouth {
        record: youth_row(r)?,
        application_status: r.text(11)?,
        last_contact_on: r.text(12)?,
    })
}

/// The young people `viewer` may see (read in place), each with their latest
/// application's status and latest register contact; each one shown is
/// written to the audit log (`list_youth`) before they are returned.
pub async fn list_youth(
    db: &Db,
    viewer: StaffViewer,
    now: i64,
) -> Result<Vec<ListedYouth>, sqlx::Error> {
    // Read first, then write the audit entries: the writer's turn is held
    // only for the inserts.
    let listed = in_place(db)
        .all(
            list_youth_sql(viewer.is_admin),
            &[Arg::Int(Some(viewer.id)), Arg::Bool(Some(viewer.is_admin))],
            listed_row,
        )
        .await?;
    let ids: Vec<i64> = listed.iter().map(|l| l.record.id).collect();
    audit::store::record_read(db, viewer.id, &ids, AUDIT_LIST, now).await?;
    Ok(listed)
}

/// A young person to register.
#[derive(Clone, Copy, Debug)]
pub struct NewYouthRecord<'a> {
    /// Their account.
    pub account: &'a NewAccount,
    /// 12 digits.
    pub personnummer: &'a str,
    /// Protected identity (skyddade personuppgifter).
    pub protected_identity: bool,
    /// Their contact person, who must be one.
    pub contact_person_id: Option<i64>,
}

/// A member of staff to add.
#[derive(Clone, Copy, Debug)]
pub struct NewStaffRecord<'a> {
    /// Their account.
    pub account: &'a NewAccount,
    /// Their profession.
    pub profession: Profession,
    /// Whether they administer Lotsen.
    pub is_admin: bool,
}

/// Registers a young person with an invitation (and its e-mail), audited;
/// returns their id.
pub async fn register_youth(
    db: &Db,
    actor: i64,
    youth: &NewYouthRecord<'_>,
    invitation: &NewInvitation,
    message: Option<&OutgoingMessage>,
    now: i64,
) -> Result<i64, WriteError> {
    let NewYouthRecord {
        account,
        personnummer,
        protected_identity,
        contact_person_id,
    } = *youth;
    let mut tx = begin_write(db).await?;
    if let Some(contact_person_id) = contact_person_id {
        let profession: Option<String> =
            query_scalar("SELECT profession FROM staff WHERE account_id = $1")
                .bind(contact_person_id)
                .fetch_optional(&mut tx)
                .await?;
        if profession.as_deref() != Some(Profession::ContactPerson.as_str()) {
            return Err(WriteError::ContactPersonInvalid);
        }
    }
    let id = insert_account(&mut tx, account, None, now).await?;
    let inserted: Option<i64> = query_scalar(
        "INSERT INTO youth (account_id, personnummer, protected_identity, contact_person_id) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING account_id",
    )
    .bind(id)
    .bind(personnummer)
    .bind(protected_identity)
    .bind(contact_person_id)
    .fetch_optional(&mut tx)
    .await?;
    if inserted.is_none() {
        return Err(WriteError::Taken("personnummer"));
    }
    insert_invitation(&mut tx, id, Some(actor), invitation, message, now).await?;
    audit::store::record(&mut tx, actor, id, AUDIT_REGISTER, now).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn add_guardian(
    db: &Db,
    actor: i64,
    youth_id: i64,
    account: &NewAccount,
    invitation: &NewInvitation,
    message: Option<&OutgoingMessage>,
    now: i64,
) -> Result<i64, WriteError> {
    let mut tx = begin_write(db).await?;
    let id = insert_account(&mut tx, account, None, now).await?;
    query("INSERT INTO guardian_of (guardian_id, youth_id) VALUES ($1, $2)")
        .bind(id)
        .bind(youth_id)
        .execute(&mut tx)
        .await?;
    insert_invitation(&mut tx, id, Some(actor), invitation, message, now).await?;
    audit::store::record(&mut tx, actor, youth_id, AUDIT_ADD_GUARDIAN, now).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn reinvite_youth(
    db: &Db,
    actor: i64,
    youth_id: i64,
    invitation: &NewInvitation,
    message: Option<&OutgoingMessage>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    // Read in the write transaction: an invitation accepted meanwhile is seen.
    let has_password: Option<bool> =
        query_scalar("SELECT password_hash IS NOT NULL FROM accounts WHERE id = $1")
            .bind(youth_id)
            .fetch_optional(&mut tx)
            .await?;
    if has_password != Some(false) {
        return Ok(false);
    }
    query(
        "UPDATE invitations SET revoked_at = $2 WHERE account_id = $1 AND used_at IS NULL AND revoked_at IS NULL",
    )
    .bind(youth_id)
    .bind(now)
    .execute(&mut tx)
    .await?;
    insert_invitation(&mut tx, youth_id, Some(actor), invitation, message, now).await?;
    audit::store::record(&mut tx, actor, youth_id, AUDIT_REINVITE, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Adds a member of staff with an invitation; returns their id.
pub async fn invite_staff(
    db: &Db,
    actor: i64,
    staff: &NewStaffRecord<'_>,
    invitation: &NewInvitation,
    message: Option<&OutgoingMessage>,
    now: i64,
) -> Result<i64, WriteError> {
    let NewStaffRecord {
        account,
        profession,
        is_admin,
    } = *staff;
    let mut tx = begin_write(db).await?;
    let id = insert_account(&mut tx, account, None, now).await?;
    query("INSERT INTO staff (account_id, profession, is_admin) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(profession.as_str())
        .bind(is_admin)
        .execute(&mut tx)
        .await?;
    insert_invitation(&mut tx, id, Some(actor), invitation, message, now).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn read_youth(
    db: &Db,
    viewer: StaffViewer,
    youth_id: i64,
    now: i64,
) -> Result<Option<(YouthRecord, Vec<GuardianRecord>)>, sqlx::Error> {
    let sql = format!(
        "SELECT {YOUTH_COLUMNS} FROM {YOUTH_FROM} WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}"
    );
    let mut tx = begin_write(db).await?;
    let row = query(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(youth_id)
        .fetch_optional(&mut tx)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let record = youth_row(&row)?;
    let guardians: Vec<(i64, String, bool)> = query_as(
        "SELECT a.id, a.name, a.password_hash IS NOT NULL FROM guardian_of g \
         JOIN accounts a ON a.id = g.guardian_id WHERE g.youth_id = $1 ORDER BY a.id",
    )
    .bind(youth_id)
    .fetch_all(&mut tx)
    .await?;
    audit::store::record(&mut tx, viewer.id, youth_id, AUDIT_READ, now).await?;
    tx.commit().await?;
    let guardians = guardians
        .into_iter()
        .map(|(id, name, has_account)| GuardianRecord {
            id,
            name,
            has_account,
        })
        .collect();
    Ok(Some((record, guardians)))
}

pub async fn youth_invitee(
    db: &Db,
    viewer: StaffViewer,
    youth_id: i64,
) -> Result<Option<Invitee>, sqlx::Error> {
    let sql = format!(
        "SELECT a.id, a.name, a.email, a.phone FROM youth y JOIN accounts a ON a.id = y.account_id \
         WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}"
    );
    let row: Option<(i64, String, Option<String>, Option<String>)> = query_as(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(youth_id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id, name, email, phone)| Invitee {
        id,
        name,
        email,
        phone,
    }))
}

pub async fn list_staff(db: &Db) -> Result<Vec<StaffMember>, sqlx::Error> {
    let rows: Vec<(i64, String, String, bool)> = query_as(
        "SELECT a.id, a.name, st.profession, st.is_admin FROM staff st \
         JOIN accounts a ON a.id = st.account_id ORDER BY a.id",
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(id, name, profession, is_admin)| {
            Ok(StaffMember {
                id,
                name,
                profession: parse_profession(&profession)?,
                is_admin,
            })
        })
        .collect()
}

pub async fn guarded_youth(db: &Db, guardian_id: i64) -> Result<Vec<GuardedRecord>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = query_as(
        "SELECT y.account_id, a.name, y.personnummer FROM guardian_of g \
         JOIN youth y ON y.account_id = g.youth_id JOIN accounts a ON a.id = y.account_id \
         WHERE g.guardian_id = $1 ORDER BY y.account_id",
    )
    .bind(guardian_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, personnummer)| GuardedRecord {
            id,
            name,
            personnummer,
        })
        .collect())
}
