//! The register entries' SQL: the officer permission, a young person's
//! register details and periods, the import, the list, and the 20th-birthday
//! deregistrations. Every write and every read of an entry is audited in the
//! same transaction (reads of a list after it, as `list_youth` does).

use std::collections::HashMap;

use lotsen_api::account::Role;
use lotsen_api::date::parse_iso;
use lotsen_api::register::people::{Details, Period, StatusFilter};
use lotsen_api::register::{DeregistrationReason, RegistrationReason};
use lotsen_api::{Date, Personnummer};

use super::rules::ImportRow;
use crate::accounts::store::{NewAccount, WriteError, insert_account};
use crate::audit;
use crate::db::Db;
use crate::db::sql::{Exec, Tx, begin_write, query, query_as, query_scalar};

/// The audit action for a young person added to the register by hand.
pub const AUDIT_ADD: &str = "register_add";
/// The audit action for a young person written by an import.
pub const AUDIT_IMPORT: &str = "register_import";
/// The audit action for a staff read of a register entry.
pub const AUDIT_READ: &str = "read_register_entry";
/// The audit action for a young person shown in the register's list.
pub const AUDIT_LIST: &str = "list_register";
/// The audit action for a new period.
pub const AUDIT_REGISTER_AGAIN: &str = "register_again";
/// The audit action for a deregistration by staff.
pub const AUDIT_DEREGISTER: &str = "register_deregister";

/// Why a change to the register was refused.
#[derive(Debug)]
pub enum EntryError {
    /// No such young person in the register.
    NotFound,
    /// They have an open period already.
    AlreadyRegistered,
    /// They have no open period.
    NotRegistered,
    /// The date is before the period's registration, or before the previous
    /// period ended.
    DateOrder,
    /// The personnummer was taken meanwhile (a concurrent write).
    Taken,
    /// The database failed.
    Db(sqlx::Error),
}

impl From<sqlx::Error> for EntryError {
    fn from(error: sqlx::Error) -> Self {
        match error.as_database_error().map(|e| e.kind()) {
            Some(sqlx::error::ErrorKind::UniqueViolation) => {
                if error.to_string().contains("personnummer") {
                    Self::Taken
                } else {
                    Self::AlreadyRegistered
                }
            }
            _ => Self::Db(error),
        }
    }
}

impl From<WriteError> for EntryError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Db(error) => error.into(),
            _ => Self::Taken,
        }
    }
}

/// Gives or takes the officer permission; false when there is no such member of staff.
pub async fn set_officer(db: &Db, staff_id: i64, officer: bool) -> Result<bool, sqlx::Error> {
    let done = query("UPDATE staff SET register_officer = $2 WHERE account_id = $1")
        .bind(staff_id)
        .bind(officer)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

fn date(text: &str) -> Result<Date, sqlx::Error> {
    parse_iso(text).ok_or_else(|| sqlx::Error::Decode(format!("stored date {text:?}").into()))
}

type PeriodRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

/// The columns of a [`PeriodRow`] (`p` a `register_periods` row).
const PERIOD_COLUMNS: &str = "p.id, p.registered_on, p.registration_reason, p.registration_note, \
     p.registered_by, p.deregistered_on, p.deregistration_reason, p.deregistration_note, p.deregistered_by";

fn period_of(row: PeriodRow) -> Result<Period, sqlx::Error> {
    let (id, on, reason, note, by, off, off_reason, off_note, off_by) = row;
    let bad = |what: &str| sqlx::Error::Decode(format!("stored {what}").into());
    Ok(Period {
        id,
        registered_on: date(&on)?,
        registration_reason: RegistrationReason::parse(&reason)
            .ok_or_else(|| bad("registration reason"))?,
        registration_note: note,
        registered_by: by,
        deregistered_on: off.as_deref().map(date).transpose()?,
        deregistration_reason: off_reason
            .map(|r| DeregistrationReason::parse(&r).ok_or_else(|| bad("deregistration reason")))
            .transpose()?,
        deregistration_note: off_note,
        deregistered_by: off_by,
    })
}

/// A young person's periods, oldest first.
pub async fn periods<'c>(
    on: impl Into<Exec<'c>>,
    youth_id: i64,
) -> Result<Vec<Period>, sqlx::Error> {
    let rows: Vec<PeriodRow> = query_as(&format!(
        "SELECT {PERIOD_COLUMNS} FROM register_periods p WHERE p.youth_id = $1 \
         ORDER BY p.registered_on, p.id"
    ))
    .bind(youth_id)
    .fetch_all(on)
    .await?;
    rows.into_iter().map(period_of).collect()
}

type DetailsRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// A young person's register details, if they are in the register.
pub async fn details<'c>(
    on: impl Into<Exec<'c>>,
    youth_id: i64,
) -> Result<Option<Details>, sqlx::Error> {
    let row: Option<DetailsRow> = query_as(
        "SELECT street, postal_code, city, phone, email, last_school, last_programme, left_on, \
         left_reason FROM register_people WHERE youth_id = $1",
    )
    .bind(youth_id)
    .fetch_optional(on)
    .await?;
    row.map(|r| {
        Ok(Details {
            street: r.0,
            postal_code: r.1,
            city: r.2,
            phone: r.3,
            email: r.4,
            last_school: r.5,
            last_programme: r.6,
            left_on: r.7.as_deref().map(date).transpose()?,
            left_reason: r.8,
        })
    })
    .transpose()
}

/// A young person as the register's entry shows them.
#[derive(Clone, Debug)]
pub struct EntryRecord {
    /// Full name.
    pub name: String,
    /// 12 digits.
    pub personnummer: String,
    /// Protected identity.
    pub protected_identity: bool,
    /// The register's details.
    pub details: Details,
    /// Every period, oldest first.
    pub periods: Vec<Period>,
}

/// A register entry; `None` when the young person is not in the register.
pub async fn load_entry<'c>(
    on: impl Into<Exec<'c>>,
    youth_id: i64,
) -> Result<Option<EntryRecord>, sqlx::Error> {
    let mut on = on.into();
    let Some(details) = details(on.reborrow(), youth_id).await? else {
        return Ok(None);
    };
    let (name, personnummer, protected_identity): (String, String, bool) = query_as(
        "SELECT a.name, y.personnummer, y.protected_identity FROM youth y \
         JOIN accounts a ON a.id = y.account_id WHERE y.account_id = $1",
    )
    .bind(youth_id)
    .fetch_one(on.reborrow())
    .await?;
    let periods = periods(on, youth_id).await?;
    Ok(Some(EntryRecord {
        name,
        personnummer,
        protected_identity,
        details,
        periods,
    }))
}

/// A register entry (the caller may see it), the read audited; `None` when
/// the young person is not in the register.
pub async fn read_entry(
    db: &Db,
    actor: i64,
    youth_id: i64,
    now: i64,
) -> Result<Option<EntryRecord>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let Some(entry) = load_entry(&mut tx, youth_id).await? else {
        return Ok(None);
    };
    audit::store::record(&mut tx, actor, youth_id, AUDIT_READ, now).await?;
    tx.commit().await?;
    Ok(Some(entry))
}

/// The young people Lotsen knows among `digits` (personnummer → id and
/// whether they have an open period), in chunks of 500.
pub async fn known<'c>(
    on: impl Into<Exec<'c>>,
    digits: &[&str],
) -> Result<HashMap<String, (i64, bool)>, sqlx::Error> {
    let mut on = on.into();
    let mut known = HashMap::new();
    for chunk in digits.chunks(audit::store::CHUNK) {
        let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT y.personnummer, y.account_id, EXISTS (SELECT 1 FROM register_periods p \
             WHERE p.youth_id = y.account_id AND p.deregistered_on IS NULL) \
             FROM youth y WHERE y.personnummer IN ({})",
            list.join(", ")
        );
        let mut statement = query_as::<(String, i64, bool)>(&sql);
        for d in chunk {
            statement = statement.bind(*d);
        }
        for (personnummer, id, open) in statement.fetch_all(on.reborrow()).await? {
            known.insert(personnummer, (id, open));
        }
    }
    Ok(known)
}

/// A young person's record and register details: made when Lotsen does not
/// know the personnummer, else the name and details replaced. Their id and
/// whether the record is new.
async fn upsert_person(
    tx: &mut Tx,
    actor: i64,
    known: Option<i64>,
    personnummer: &Personnummer,
    name: &str,
    details: &Details,
    now: i64,
) -> Result<(i64, bool), EntryError> {
    let (id, created) = match known {
        Some(id) => {
            query("UPDATE accounts SET name = $2 WHERE id = $1")
                .bind(id)
                .bind(name)
                .execute(&mut *tx)
                .await?;
            (id, false)
        }
        None => {
            let account = NewAccount {
                role: Role::Youth,
                name: name.to_owned(),
                email: None,
                phone: None,
            };
            let id = insert_account(tx, &account, None, now).await?;
            query("INSERT INTO youth (account_id, personnummer) VALUES ($1, $2)")
                .bind(id)
                .bind(personnummer.as_digits())
                .execute(&mut *tx)
                .await?;
            (id, true)
        }
    };
    query(
        "INSERT INTO register_people (youth_id, street, postal_code, city, phone, email, last_school, \
         last_programme, left_on, left_reason, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (youth_id) DO UPDATE SET street = $2, postal_code = $3, city = $4, phone = $5, \
         email = $6, last_school = $7, last_programme = $8, left_on = $9, left_reason = $10, \
         updated_at = $11, updated_by = $12",
    )
    .bind(id)
    .bind(&details.street)
    .bind(&details.postal_code)
    .bind(&details.city)
    .bind(&details.phone)
    .bind(&details.email)
    .bind(&details.last_school)
    .bind(&details.last_programme)
    .bind(details.left_on.map(|d| d.to_string()))
    .bind(&details.left_reason)
    .bind(now)
    .bind(actor)
    .execute(&mut *tx)
    .await?;
    Ok((id, created))
}

/// A registration to write.
#[derive(Clone, Copy, Debug)]
pub struct NewPeriod<'a> {
    /// From when.
    pub on: Date,
    /// Why.
    pub reason: RegistrationReason,
    /// In words.
    pub note: Option<&'a str>,
}

async fn insert_period(
    tx: &mut Tx,
    actor: i64,
    youth_id: i64,
    period: NewPeriod<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    query_scalar(
        "INSERT INTO register_periods (youth_id, registered_on, registration_reason, \
         registration_note, registered_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(youth_id)
    .bind(period.on.to_string())
    .bind(period.reason.as_str())
    .bind(period.note)
    .bind(actor)
    .bind(now)
    .fetch_one(tx)
    .await
}

/// A young person added by hand.
#[derive(Clone, Copy, Debug)]
pub struct NewEntryRecord<'a> {
    /// Whose.
    pub personnummer: &'a Personnummer,
    /// Full name.
    pub name: &'a str,
    /// Details as stored.
    pub details: &'a Details,
    /// The registration.
    pub period: NewPeriod<'a>,
}

/// Adds a young person to the register (to their record when Lotsen knows
/// the personnummer), audited; their id.
pub async fn add_entry(
    db: &Db,
    actor: i64,
    entry: NewEntryRecord<'_>,
    now: i64,
) -> Result<i64, EntryError> {
    let mut tx = begin_write(db).await?;
    let digits = entry.personnummer.as_digits();
    let known = known(&mut tx, &[digits]).await?.remove(digits);
    if known.is_some_and(|(_, open)| open) {
        return Err(EntryError::AlreadyRegistered);
    }
    let last_end: Option<Option<String>> = match known {
        Some((id, _)) => {
            query_scalar("SELECT MAX(deregistered_on) FROM register_periods WHERE youth_id = $1")
                .bind(id)
                .fetch_optional(&mut tx)
                .await?
        }
        None => None,
    };
    if last_end
        .flatten()
        .is_some_and(|end| end > entry.period.on.to_string())
    {
        return Err(EntryError::DateOrder);
    }
    let (id, _) = upsert_person(
        &mut tx,
        actor,
        known.map(|(id, _)| id),
        entry.personnummer,
        entry.name,
        entry.details,
        now,
    )
    .await?;
    insert_period(&mut tx, actor, id, entry.period, now).await?;
    audit::store::record(&mut tx, actor, id, AUDIT_ADD, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// What an import does or did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// New records.
    pub created: u32,
    /// Records updated.
    pub updated: u32,
    /// New periods.
    pub registered: u32,
}

/// What importing `rows` would do now; reads only.
pub async fn preview(db: &Db, rows: &[ImportRow]) -> Result<ImportCounts, sqlx::Error> {
    let digits: Vec<&str> = rows.iter().map(|r| r.personnummer.as_digits()).collect();
    let known = known(db, &digits).await?;
    let mut counts = ImportCounts::default();
    for d in digits {
        match known.get(d) {
            Some((_, open)) => {
                counts.updated += 1;
                counts.registered += u32::from(!open);
            }
            None => {
                counts.created += 1;
                counts.registered += 1;
            }
        }
    }
    Ok(counts)
}

/// Writes `rows` in one transaction: records made or updated, a period
/// (from `today`) for each without an open one; each audited.
pub async fn import(
    db: &Db,
    actor: i64,
    rows: &[ImportRow],
    today: Date,
    now: i64,
) -> Result<ImportCounts, EntryError> {
    let mut tx = begin_write(db).await?;
    let digits: Vec<&str> = rows.iter().map(|r| r.personnummer.as_digits()).collect();
    let known = known(&mut tx, &digits).await?;
    let mut counts = ImportCounts::default();
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        let found = known.get(row.personnummer.as_digits()).copied();
        let (id, created) = upsert_person(
            &mut tx,
            actor,
            found.map(|(id, _)| id),
            &row.personnummer,
            &row.name,
            &row.details,
            now,
        )
        .await?;
        if created {
            counts.created += 1;
        } else {
            counts.updated += 1;
        }
        if !found.is_some_and(|(_, open)| open) {
            let period = NewPeriod {
                on: today,
                reason: row.reason,
                note: None,
            };
            insert_period(&mut tx, actor, id, period, now).await?;
            counts.registered += 1;
        }
        ids.push(id);
    }
    audit::store::record_all(&mut tx, actor, &ids, AUDIT_IMPORT, now).await?;
    tx.commit().await?;
    Ok(counts)
}

/// One line of the list: the young person and their latest period.
#[derive(Clone, Debug)]
pub struct SummaryRecord {
    /// Their id.
    pub youth_id: i64,
    /// Full name.
    pub name: String,
    /// 12 digits.
    pub personnummer: String,
    /// Their latest period.
    pub latest: Period,
}

/// A page of the register (latest period first), and how many match in
/// all; each listed young person is audited.
pub async fn list(
    db: &Db,
    actor: i64,
    status: StatusFilter,
    offset: u32,
    limit: u32,
    now: i64,
) -> Result<(Vec<SummaryRecord>, i64), sqlx::Error> {
    let filter = match status {
        StatusFilter::Open => "AND p.deregistered_on IS NULL",
        StatusFilter::Closed => "AND p.deregistered_on IS NOT NULL",
        StatusFilter::All => "",
    };
    let from = format!(
        "FROM register_periods p JOIN youth y ON y.account_id = p.youth_id \
         JOIN accounts a ON a.id = p.youth_id \
         WHERE p.id = (SELECT l.id FROM register_periods l WHERE l.youth_id = p.youth_id \
         ORDER BY l.registered_on DESC, l.id DESC LIMIT 1) {filter}"
    );
    let total: i64 = query_scalar(&format!("SELECT COUNT(*) {from}"))
        .fetch_one(db)
        .await?;
    let rows = query(&format!(
        "SELECT p.youth_id, a.name, y.personnummer, {PERIOD_COLUMNS} {from} \
         ORDER BY p.registered_on DESC, p.youth_id LIMIT $1 OFFSET $2"
    ))
    .bind(i64::from(limit))
    .bind(i64::from(offset))
    .fetch_all(db)
    .await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        let period: PeriodRow = (
            row.try_get(3)?,
            row.try_get(4)?,
            row.try_get(5)?,
            row.try_get(6)?,
            row.try_get(7)?,
            row.try_get(8)?,
            row.try_get(9)?,
            row.try_get(10)?,
            row.try_get(11)?,
        );
        records.push(SummaryRecord {
            youth_id: row.try_get(0)?,
            name: row.try_get(1)?,
            personnummer: row.try_get(2)?,
            latest: period_of(period)?,
        });
    }
    let ids: Vec<i64> = records.iter().map(|r| r.youth_id).collect();
    audit::store::record_read(db, actor, &ids, AUDIT_LIST, now).await?;
    Ok((records, total))
}

/// A young person's personnummer (12 digits), if there is such a young person.
pub async fn personnummer(db: &Db, youth_id: i64) -> Result<Option<String>, sqlx::Error> {
    query_scalar("SELECT personnummer FROM youth WHERE account_id = $1")
        .bind(youth_id)
        .fetch_optional(db)
        .await
}

/// A new period for a young person in the register with none open, audited.
pub async fn register_again(
    db: &Db,
    actor: i64,
    youth_id: i64,
    period: NewPeriod<'_>,
    now: i64,
) -> Result<Period, EntryError> {
    let mut tx = begin_write(db).await?;
    if details(&mut tx, youth_id).await?.is_none() {
        return Err(EntryError::NotFound);
    }
    let history = periods(&mut tx, youth_id).await?;
    if history.iter().any(|p| p.deregistered_on.is_none()) {
        return Err(EntryError::AlreadyRegistered);
    }
    if history
        .iter()
        .any(|p| p.deregistered_on.is_some_and(|end| end > period.on))
    {
        return Err(EntryError::DateOrder);
    }
    let id = insert_period(&mut tx, actor, youth_id, period, now).await?;
    audit::store::record(&mut tx, actor, youth_id, AUDIT_REGISTER_AGAIN, now).await?;
    let made = periods(&mut tx, youth_id)
        .await?
        .into_iter()
        .find(|p| p.id == id);
    tx.commit().await?;
    made.ok_or(EntryError::NotFound)
}

/// A deregistration to write.
#[derive(Clone, Copy, Debug)]
pub struct Ending<'a> {
    /// From when.
    pub on: Date,
    /// Why.
    pub reason: DeregistrationReason,
    /// In words.
    pub note: Option<&'a str>,
    /// By whom (`None`: the server, on the 20th birthday).
    pub by: Option<i64>,
}

/// Ends period `id` if it is still open; whether it was.
async fn end_period(
    tx: &mut Tx,
    id: i64,
    ending: Ending<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = query(
        "UPDATE register_periods SET deregistered_on = $2, deregistration_reason = $3, \
         deregistration_note = $4, deregistered_by = $5, deregistered_at = $6 \
         WHERE id = $1 AND deregistered_on IS NULL",
    )
    .bind(id)
    .bind(ending.on.to_string())
    .bind(ending.reason.as_str())
    .bind(ending.note)
    .bind(ending.by)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends a young person's open period, audited; the period as it now is.
pub async fn deregister(
    db: &Db,
    actor: i64,
    youth_id: i64,
    ending: Ending<'_>,
    now: i64,
) -> Result<Period, EntryError> {
    let mut tx = begin_write(db).await?;
    if details(&mut tx, youth_id).await?.is_none() {
        return Err(EntryError::NotFound);
    }
    let Some(open) = periods(&mut tx, youth_id)
        .await?
        .into_iter()
        .find(|p| p.deregistered_on.is_none())
    else {
        return Err(EntryError::NotRegistered);
    };
    if ending.on < open.registered_on {
        return Err(EntryError::DateOrder);
    }
    if !end_period(&mut tx, open.id, ending, now).await? {
        return Err(EntryError::NotRegistered);
    }
    audit::store::record(&mut tx, actor, youth_id, AUDIT_DEREGISTER, now).await?;
    let ended = periods(&mut tx, youth_id)
        .await?
        .into_iter()
        .find(|p| p.id == open.id);
    tx.commit().await?;
    ended.ok_or(EntryError::NotFound)
}

/// Every open period: its id, the personnummer and the registration date.
pub async fn open_periods(db: &Db) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    query_as(
        "SELECT p.id, y.personnummer, p.registered_on FROM register_periods p \
         JOIN youth y ON y.account_id = p.youth_id WHERE p.deregistered_on IS NULL ORDER BY p.id",
    )
    .fetch_all(db)
    .await
}

/// Ends the periods `(id, date)` that are still open as `turned_20`, by
/// the server; how many.
pub async fn deregister_turned_20(
    db: &Db,
    due: &[(i64, Date)],
    now: i64,
) -> Result<usize, sqlx::Error> {
    if due.is_empty() {
        return Ok(0);
    }
    let mut tx = begin_write(db).await?;
    let mut ended = 0;
    for &(id, on) in due {
        let ending = Ending {
            on,
            reason: DeregistrationReason::Turned20,
            note: None,
            by: None,
        };
        ended += usize::from(end_period(&mut tx, id, ending, now).await?);
    }
    tx.commit().await?;
    Ok(ended)
}
