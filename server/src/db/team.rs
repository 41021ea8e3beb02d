//! A young person's team (`youth_team`): who besides the contact person may
//! open the record (`STAFF_CAN_SEE_YOUTH` reads the same table). The contact
//! person or an administrator adds and removes members with a reason; a
//! removal ends the row, so the history stays. Every read and change by staff
//! is audited in the same transaction.

use lotsen_api::people::StaffMember;

use super::{Db, StaffViewer};

/// The audit action for a staff read of a young person's team.
pub const AUDIT_READ_TEAM: &str = "read_team";
/// The audit action for adding a member to a young person's team.
pub const AUDIT_ADD_TEAM_MEMBER: &str = "add_team_member";
/// The audit action for removing a member from a young person's team.
pub const AUDIT_REMOVE_TEAM_MEMBER: &str = "remove_team_member";

/// A current membership as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamMemberRecord {
    pub staff: StaffMember,
    pub added_at: i64,
    pub added_by: String,
    pub reason: String,
}

/// A young person's team as staff see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamRecord {
    pub contact_person: Option<StaffMember>,
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
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Compiles the team statements for one engine (next to `queries!`, whose
/// `begin_write`, `audit`, `Pool` and the access rule they use).
macro_rules! team_queries {
    () => {
        use super::team::{
            AUDIT_ADD_TEAM_MEMBER, AUDIT_READ_TEAM, AUDIT_REMOVE_TEAM_MEMBER, TeamError, TeamMemberRecord, TeamRecord,
        };

        type MemberRow = (i64, String, String, bool, i64, String, String);

        /// The young person's contact person, when `viewer` may see them; `NotFound` otherwise.
        async fn team_contact_person(tx: &mut Tx, viewer: StaffViewer, youth_id: i64) -> Result<Option<i64>, TeamError> {
            let sql = format!("SELECT y.contact_person_id FROM youth y WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}");
            let row: Option<(Option<i64>,)> = sqlx::query_as(&sql)
                .bind(viewer.id)
                .bind(viewer.is_admin)
                .bind(youth_id)
                .fetch_optional(&mut **tx)
                .await?;
            row.map(|(cp,)| cp).ok_or(TeamError::NotFound)
        }

        /// `team_contact_person`, and `NotManager` unless the viewer is that person or an administrator.
        async fn team_manager(tx: &mut Tx, viewer: StaffViewer, youth_id: i64) -> Result<Option<i64>, TeamError> {
            let contact_person = team_contact_person(tx, viewer, youth_id).await?;
            if viewer.is_admin || contact_person == Some(viewer.id) {
                Ok(contact_person)
            } else {
                Err(TeamError::NotManager)
            }
        }

        pub(super) async fn may_manage_team(pool: &Pool, viewer: StaffViewer, youth_id: i64) -> Result<(), TeamError> {
            let sql = format!("SELECT y.contact_person_id FROM youth y WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}");
            let row: Option<(Option<i64>,)> = sqlx::query_as(&sql)
                .bind(viewer.id)
                .bind(viewer.is_admin)
                .bind(youth_id)
                .fetch_optional(pool)
                .await?;
            match row {
                None => Err(TeamError::NotFound),
                Some((cp,)) if viewer.is_admin || cp == Some(viewer.id) => Ok(()),
                Some(_) => Err(TeamError::NotManager),
            }
        }

        pub(super) async fn read_team(pool: &Pool, viewer: StaffViewer, youth_id: i64, now: i64) -> Result<TeamRecord, TeamError> {
            let mut tx = begin_write(pool).await?;
            let contact_person_id = team_contact_person(&mut tx, viewer, youth_id).await?;
            let staff_member = |(id, name, profession, is_admin): (i64, String, String, bool)| -> Result<StaffMember, sqlx::Error> {
                Ok(StaffMember { id, name, profession: parse_profession(&profession)?, is_admin })
            };
            let contact_person = match contact_person_id {
                Some(id) => {
                    let row: (i64, String, String, bool) = sqlx::query_as(
                        "SELECT a.id, a.name, st.profession, st.is_admin FROM staff st JOIN accounts a ON a.id = st.account_id \
                         WHERE st.account_id = $1",
                    )
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                    Some(staff_member(row)?)
                }
                None => None,
            };
            let rows: Vec<MemberRow> = sqlx::query_as(
                "SELECT a.id, a.name, st.profession, st.is_admin, tm.added_at, b.name, tm.added_reason \
                 FROM youth_team tm JOIN staff st ON st.account_id = tm.staff_id JOIN accounts a ON a.id = tm.staff_id \
                 JOIN accounts b ON b.id = tm.added_by \
                 WHERE tm.youth_id = $1 AND tm.removed_at IS NULL ORDER BY tm.added_at, tm.id",
            )
            .bind(youth_id)
            .fetch_all(&mut *tx)
            .await?;
            audit(&mut tx, viewer.id, youth_id, AUDIT_READ_TEAM, now).await?;
            tx.commit().await?;
            let members = rows
                .into_iter()
                .map(|(id, name, profession, is_admin, added_at, added_by, reason)| {
                    Ok(TeamMemberRecord { staff: staff_member((id, name, profession, is_admin))?, added_at, added_by, reason })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            Ok(TeamRecord {
                contact_person,
                members,
                can_manage: viewer.is_admin || contact_person_id == Some(viewer.id),
            })
        }

        pub(super) async fn add_team_member(
            pool: &Pool,
            viewer: StaffViewer,
            youth_id: i64,
            staff_id: i64,
            reason: &str,
            now: i64,
        ) -> Result<(), TeamError> {
            let mut tx = begin_write(pool).await?;
            let contact_person = team_manager(&mut tx, viewer, youth_id).await?;
            let is_staff: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE account_id = $1")
                .bind(staff_id)
                .fetch_one(&mut *tx)
                .await?;
            if is_staff == 0 {
                return Err(TeamError::NoSuchStaff);
            }
            if contact_person == Some(staff_id) {
                return Err(TeamError::AlreadyMember);
            }
            sqlx::query(
                "INSERT INTO youth_team (youth_id, staff_id, added_at, added_by, added_reason) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(youth_id)
            .bind(staff_id)
            .bind(now)
            .bind(viewer.id)
            .bind(reason)
            .execute(&mut *tx)
            .await
            .map_err(|error| match &error {
                sqlx::Error::Database(e) if e.is_unique_violation() => TeamError::AlreadyMember,
                _ => TeamError::Db(error),
            })?;
            audit(&mut tx, viewer.id, youth_id, AUDIT_ADD_TEAM_MEMBER, now).await?;
            tx.commit().await?;
            Ok(())
        }

        pub(super) async fn remove_team_member(
            pool: &Pool,
            viewer: StaffViewer,
            youth_id: i64,
            staff_id: i64,
            reason: &str,
            now: i64,
        ) -> Result<(), TeamError> {
            let mut tx = begin_write(pool).await?;
            team_manager(&mut tx, viewer, youth_id).await?;
            let n = sqlx::query(
                "UPDATE youth_team SET removed_at = $3, removed_by = $4, removed_reason = $5 \
                 WHERE youth_id = $1 AND staff_id = $2 AND removed_at IS NULL",
            )
            .bind(youth_id)
            .bind(staff_id)
            .bind(now)
            .bind(viewer.id)
            .bind(reason)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(TeamError::NotMember);
            }
            audit(&mut tx, viewer.id, youth_id, AUDIT_REMOVE_TEAM_MEMBER, now).await?;
            tx.commit().await?;
            Ok(())
        }

        pub(super) async fn my_team(pool: &Pool, youth_id: i64) -> Result<Vec<(String, String, bool)>, sqlx::Error> {
            sqlx::query_as(
                "SELECT a.name, st.profession, TRUE FROM youth y JOIN staff st ON st.account_id = y.contact_person_id \
                 JOIN accounts a ON a.id = y.contact_person_id WHERE y.account_id = $1 \
                 UNION ALL \
                 SELECT a.name, st.profession, FALSE FROM youth_team tm JOIN staff st ON st.account_id = tm.staff_id \
                 JOIN accounts a ON a.id = tm.staff_id WHERE tm.youth_id = $1 AND tm.removed_at IS NULL \
                 ORDER BY 3 DESC, 1",
            )
            .bind(youth_id)
            .fetch_all(pool)
            .await
        }
    };
}

/// Calls the engine's function of the same name.
macro_rules! on_team {
    ($db:expr, $function:ident($($arg:expr),* $(,)?)) => {
        match $db {
            Db::Sqlite(pool) => super::sqlite::$function(pool, $($arg),*).await,
            Db::Postgres(pool) => super::postgres::$function(pool, $($arg),*).await,
        }
    };
}

impl Db {
    /// A young person's team, when `viewer` may see the record (`NotFound`
    /// otherwise); the read is audited.
    pub async fn read_team(
        &self,
        viewer: StaffViewer,
        youth_id: i64,
        now: i64,
    ) -> Result<TeamRecord, TeamError> {
        on_team!(self, read_team(viewer, youth_id, now))
    }

    /// `Ok` when `viewer` may change the young person's team (the contact
    /// person or an administrator); `NotFound` when they may not see the
    /// record, `NotManager` when they may see it but not change the team.
    pub async fn may_manage_team(
        &self,
        viewer: StaffViewer,
        youth_id: i64,
    ) -> Result<(), TeamError> {
        on_team!(self, may_manage_team(viewer, youth_id))
    }

    /// Adds a member of staff to a young person's team (the contact person or
    /// an administrator; audited).
    pub async fn add_team_member(
        &self,
        viewer: StaffViewer,
        youth_id: i64,
        staff_id: i64,
        reason: &str,
        now: i64,
    ) -> Result<(), TeamError> {
        on_team!(
            self,
            add_team_member(viewer, youth_id, staff_id, reason, now)
        )
    }

    /// Ends a membership (the contact person or an administrator; audited).
    pub async fn remove_team_member(
        &self,
        viewer: StaffViewer,
        youth_id: i64,
        staff_id: i64,
        reason: &str,
        now: i64,
    ) -> Result<(), TeamError> {
        on_team!(
            self,
            remove_team_member(viewer, youth_id, staff_id, reason, now)
        )
    }

    /// The young person's own team: (name, profession, whether the contact
    /// person), the contact person first.
    pub async fn my_team(&self, youth_id: i64) -> Result<Vec<(String, String, bool)>, sqlx::Error> {
        on_team!(self, my_team(youth_id))
    }
}
