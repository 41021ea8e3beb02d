//! A young person's team (`youth_team`): who besides the contact person may
//! open the record (`STAFF_CAN_SEE_YOUTH` reads the same table). The contact
//! person or an administrator adds and removes members with a reason; a
//! removal ends the row, so the history stays. Every read and change by staff
//! is audited in the same transaction.

use lotsen_api::people::StaffMember;
use lotsen_api::team::MyTeamMember;

use crate::audit::store as audit;
use crate::auth::store::parse_profession;
use crate::db::Db;
use crate::db::sql::{Query, Tx, begin_write, query, query_as, query_scalar};
use crate::people::access::{STAFF_CAN_SEE_YOUTH, StaffViewer};

/// The audit action for a staff read of a young person's team.
pub const AUDIT_READ_TEAM: &str = "read_team";
/// The audit action for adding a member to a young person's team.
pub const AUDIT_ADD_TEAM_MEMBER: &str = "add_team_member";
/// The audit action for removing a member from a young person's team.
pub const AUDIT_REMOVE_TEAM_MEMBER: &str = "remove_team_member";

/// A current membership as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamMemberRecord {
    /// The member of staff.
    pub staff: StaffMember,
    /// Unix seconds.
    pub added_at: i64,
    /// The name of who added them.
    pub added_by: String,
    /// Why they were added.
    pub reason: String,
}

/// A young person's team as staff see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamRecord {
    /// The young person's contact person, if they have one.
    pub contact_person: Option<StaffMember>,
    /// The current members, in the order they were added.
    pub members: Vec<TeamMemberRecord>,
    /// Whether the viewer may add and remove members.
    pub can_manage: bool,
}

/// Why a change of the team was refused.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// No such young person, or not one the viewer may see.
    #[error("no such young person")]
    NotFound,
    /// The viewer may see the record but is neither the contact person nor an administrator.
    #[error("only the contact person or an administrator")]
    NotManager,
    /// The staff id names no member of staff.
    #[error("no such member of staff")]
    NoSuchStaff,
    /// They are on the team already (or are the contact person).
    #[error("already on the team")]
    AlreadyMember,
    /// They are not on the team.
    #[error("not on the team")]
    NotMember,
    /// A database error.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

type StaffRow = (i64, String, String, bool);

fn staff_member((id, name, profession, is_admin): StaffRow) -> Result<StaffMember, sqlx::Error> {
    Ok(StaffMember {
        id,
        name,
        profession: parse_profession(&profession)?,
        is_admin,
    })
}

/// The young person's contact person, when `viewer` may see them; `NotFound` otherwise.
async fn team_contact_person<'c>(
    on: impl Into<crate::db::sql::Exec<'c>>,
    viewer: StaffViewer,
    youth_id: i64,
) -> Result<Option<i64>, TeamError> {
    let sql = format!(
        "SELECT y.contact_person_id FROM youth y WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}"
    );
    let row: Option<(Option<i64>,)> = query_as(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(youth_id)
        .fetch_optional(on)
        .await?;
    row.map(|(cp,)| cp).ok_or(TeamError::NotFound)
}

/// [`team_contact_person`], and `NotManager` unless the viewer is that person
/// or an administrator.
async fn team_manager<'c>(
    on: impl Into<crate::db::sql::Exec<'c>>,
    viewer: StaffViewer,
    youth_id: i64,
) -> Result<Option<i64>, TeamError> {
    let contact_person = team_contact_person(on, viewer, youth_id).await?;
    if viewer.is_admin || contact_person == Some(viewer.id) {
        Ok(contact_person)
    } else {
        Err(TeamError::NotManager)
    }
}

/// `Ok` when `viewer` may change the young person's team (the contact
/// person or an administrator); `NotFound` when they may not see the
/// record, `NotManager` when they may see it but not change the team.
pub async fn may_manage_team(db: &Db, viewer: StaffViewer, youth_id: i64) -> Result<(), TeamError> {
    team_manager(db, viewer, youth_id).await.map(drop)
}

/// A young person's team, when `viewer` may see the record (`NotFound`
/// otherwise); the read is audited.
pub async fn read_team(
    db: &Db,
    viewer: StaffViewer,
    youth_id: i64,
    now: i64,
) -> Result<TeamRecord, TeamError> {
    let mut tx = begin_write(db).await?;
    let contact_person_id = team_contact_person(&mut tx, viewer, youth_id).await?;
    let contact_person = match contact_person_id {
        Some(id) => {
            let row: StaffRow = query_as(
                "SELECT a.id, a.name, st.profession, st.is_admin FROM staff st JOIN accounts a ON a.id = st.account_id \
                 WHERE st.account_id = $1",
            )
            .bind(id)
            .fetch_one(&mut tx)
            .await?;
            Some(staff_member(row)?)
        }
        None => None,
    };
    let rows: Vec<(i64, String, String, bool, i64, String, String)> = query_as(
        "SELECT a.id, a.name, st.profession, st.is_admin, tm.added_at, b.name, tm.added_reason \
         FROM youth_team tm JOIN staff st ON st.account_id = tm.staff_id JOIN accounts a ON a.id = tm.staff_id \
         JOIN accounts b ON b.id = tm.added_by \
         WHERE tm.youth_id = $1 AND tm.removed_at IS NULL ORDER BY tm.added_at, tm.id",
    )
    .bind(youth_id)
    .fetch_all(&mut tx)
    .await?;
    audit::record(&mut tx, viewer.id, youth_id, AUDIT_READ_TEAM, now).await?;
    tx.commit().await?;
    let members = rows
        .into_iter()
        .map(
            |(id, name, profession, is_admin, added_at, added_by, reason)| {
                Ok(TeamMemberRecord {
                    staff: staff_member((id, name, profession, is_admin))?,
                    added_at,
                    added_by,
                    reason,
                })
            },
        )
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(TeamRecord {
        contact_person,
        members,
        can_manage: viewer.is_admin || contact_person_id == Some(viewer.id),
    })
}

/// A change of one membership of a young person's team, with its reason.
#[derive(Clone, Copy, Debug)]
pub struct MemberChange<'a> {
    /// Who changes it (the contact person or an administrator).
    pub viewer: StaffViewer,
    /// Whose team.
    pub youth_id: i64,
    /// The member of staff added or removed.
    pub staff_id: i64,
    /// Why.
    pub reason: &'a str,
}

/// Begins a change of the team: the write transaction, once the viewer is
/// known to manage the team; with the young person's contact person.
async fn begin_change(db: &Db, change: &MemberChange<'_>) -> Result<(Tx, Option<i64>), TeamError> {
    let mut tx = begin_write(db).await?;
    let contact_person = team_manager(&mut tx, change.viewer, change.youth_id).await?;
    Ok((tx, contact_person))
}

/// A change's statement: `$1` the young person, `$2` the member, `$3` now,
/// `$4` who changes it, `$5` why.
fn membership<'q>(sql: &'q str, change: &MemberChange<'q>, now: i64) -> Query<'q> {
    query(sql)
        .bind(change.youth_id)
        .bind(change.staff_id)
        .bind(now)
        .bind(change.viewer.id)
        .bind(change.reason)
}

/// Audits a change of the team and commits it.
async fn finish(
    mut tx: Tx,
    change: &MemberChange<'_>,
    action: &str,
    now: i64,
) -> Result<(), TeamError> {
    audit::record(&mut tx, change.viewer.id, change.youth_id, action, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a member of staff to a young person's team (the contact person or
/// an administrator; audited).
pub async fn add_team_member(db: &Db, change: MemberChange<'_>, now: i64) -> Result<(), TeamError> {
    let (mut tx, contact_person) = begin_change(db, &change).await?;
    let is_staff: i64 = query_scalar("SELECT COUNT(*) FROM staff WHERE account_id = $1")
        .bind(change.staff_id)
        .fetch_one(&mut tx)
        .await?;
    if is_staff == 0 {
        return Err(TeamError::NoSuchStaff);
    }
    if contact_person == Some(change.staff_id) {
        return Err(TeamError::AlreadyMember);
    }
    let insert = "INSERT INTO youth_team (youth_id, staff_id, added_at, added_by, added_reason) \
                  VALUES ($1, $2, $3, $4, $5)";
    membership(insert, &change, now)
        .execute(&mut tx)
        .await
        .map_err(|error| match &error {
            sqlx::Error::Database(e) if e.is_unique_violation() => TeamError::AlreadyMember,
            _ => TeamError::Db(error),
        })?;
    finish(tx, &change, AUDIT_ADD_TEAM_MEMBER, now).await
}

/// Ends a membership (the contact person or an administrator; audited).
pub async fn remove_team_member(
    db: &Db,
    change: MemberChange<'_>,
    now: i64,
) -> Result<(), TeamError> {
    let (mut tx, _) = begin_change(db, &change).await?;
    let update = "UPDATE youth_team SET removed_at = $3, removed_by = $4, removed_reason = $5 \
                  WHERE youth_id = $1 AND staff_id = $2 AND removed_at IS NULL";
    let n = membership(update, &change, now)
        .execute(&mut tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(TeamError::NotMember);
    }
    finish(tx, &change, AUDIT_REMOVE_TEAM_MEMBER, now).await
}

/// The young person's own team, the contact person first.
pub async fn my_team(db: &Db, youth_id: i64) -> Result<Vec<MyTeamMember>, sqlx::Error> {
    let rows: Vec<(String, String, bool)> = query_as(
        "SELECT a.name, st.profession, TRUE FROM youth y JOIN staff st ON st.account_id = y.contact_person_id \
         JOIN accounts a ON a.id = y.contact_person_id WHERE y.account_id = $1 \
         UNION ALL \
         SELECT a.name, st.profession, FALSE FROM youth_team tm JOIN staff st ON st.account_id = tm.staff_id \
         JOIN accounts a ON a.id = tm.staff_id WHERE tm.youth_id = $1 AND tm.removed_at IS NULL \
         ORDER BY 3 DESC, 1",
    )
    .bind(youth_id)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(name, profession, is_contact_person)| {
            Ok(MyTeamMember {
                name,
                profession: parse_profession(&profession)?,
                is_contact_person,
            })
        })
        .collect()
}
