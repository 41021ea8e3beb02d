//! The home's own reads, each by index on the young person or their contact person.

use lotsen_api::account::Profession;
use lotsen_api::home::PlanStanding;

use crate::auth::store::parse_profession;
use crate::db::Db;
use crate::db::sql::{query_as, query_scalar};

/// The contact person as stored: their id, name, profession and phone.
#[derive(Clone, Debug)]
pub struct ContactRecord {
    pub id: i64,
    pub name: String,
    pub profession: Profession,
    pub phone: Option<String>,
}

/// The young person's contact person, if they have one.
pub async fn contact_person(db: &Db, youth_id: i64) -> Result<Option<ContactRecord>, sqlx::Error> {
    let row: Option<(i64, String, String, Option<String>)> = query_as(
        "SELECT a.id, a.name, st.profession, a.phone FROM youth y \
         JOIN staff st ON st.account_id = y.contact_person_id \
         JOIN accounts a ON a.id = y.contact_person_id WHERE y.account_id = $1",
    )
    .bind(youth_id)
    .fetch_optional(db)
    .await?;
    row.map(|(id, name, profession, phone)| {
        Ok(ContactRecord {
            id,
            name,
            profession: parse_profession(&profession)?,
            phone,
        })
    })
    .transpose()
}

/// A staff member's opening hours on an ISO weekday (1 = Monday), as
/// minutes after midnight, earliest first (the primary key's order).
pub async fn hours_on(
    db: &Db,
    staff_id: i64,
    weekday: u32,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    query_as(
        "SELECT start_minute, end_minute FROM opening_hours WHERE staff_id = $1 AND weekday = $2 \
         ORDER BY start_minute",
    )
    .bind(staff_id)
    .bind(i64::from(weekday))
    .fetch_all(db)
    .await
}

/// Whether a staff member has time off overlapping `[from, to)` (Unix seconds).
pub async fn away_between(db: &Db, staff_id: i64, from: i64, to: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = query_scalar(
        "SELECT COUNT(*) FROM time_off WHERE staff_id = $1 AND ends_at > $2 AND starts_at < $3",
    )
    .bind(staff_id)
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// The young person's current plan version, whether they answered it, and
/// how many of their measures have not ended.
pub async fn plan_standing(db: &Db, youth_id: i64) -> Result<Option<PlanStanding>, sqlx::Error> {
    let row: Option<(i64, Option<i64>, i64)> = query_as(
        "SELECT p.version, p.responded_at, \
         (SELECT COUNT(*) FROM register_measures m WHERE m.youth_id = p.youth_id AND m.actual_end IS NULL) \
         FROM register_plans p WHERE p.youth_id = $1 ORDER BY p.version DESC LIMIT 1",
    )
    .bind(youth_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(version, responded_at, running)| PlanStanding {
        version,
        answered: responded_at.is_some(),
        running_measures: u32::try_from(running).unwrap_or_default(),
    }))
}
