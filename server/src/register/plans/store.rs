//! What the database holds about plans: `measure_codes`, `register_plans`
//! (one row per version, with the measures as they stood in
//! `measures_snapshot`) and `register_measures`. Staff reads and writes of a
//! young person's plan are audited in the same transaction.

use lotsen_api::Date;
use lotsen_api::register::plans::{
    MeasureCode, MeasureCodeUpdate, MeasureDates, NewMeasureCode, PlanText,
};
use serde::{Deserialize, Serialize};

use crate::audit::store::record;
use crate::db::Db;
use crate::db::sql::{Exec, Tx, acquire, begin_write, query, query_as, query_scalar};

/// The audit action for a staff read of a young person's plan (or one of its versions).
pub const AUDIT_READ_PLAN: &str = "read_register_plan";
/// The audit action for a new version of a plan.
pub const AUDIT_WRITE_PLAN: &str = "write_register_plan";
/// The audit action for adding or changing a measure.
pub const AUDIT_WRITE_MEASURE: &str = "write_register_measure";

/// A measure as stored (read by its column names), and as kept in a
/// version's snapshot (JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct MeasureRecord {
    pub id: i64,
    pub code: String,
    pub responsible_kind: String,
    pub responsible_name: Option<String>,
    pub planned_start: String,
    pub planned_end: Option<String>,
    pub actual_end: Option<String>,
    pub end_reason: Option<String>,
    pub next_follow_up: Option<String>,
}

/// A version of a plan as stored (read by the names in `VERSION_COLUMNS`).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct VersionRecord {
    pub version: i64,
    pub conversation_on: Option<String>,
    pub own_words: String,
    pub goal: String,
    /// `measures_snapshot`, JSON.
    pub snapshot: String,
    pub created_at: i64,
    pub created_by: i64,
    pub created_by_name: String,
    pub agreed_at: Option<i64>,
    pub comment: Option<String>,
    pub responded_at: Option<i64>,
}

/// Everything the plan read shows: every version (newest first) and the
/// measures as they are now.
#[derive(Clone, Debug, Default)]
pub struct PlanRecords {
    pub versions: Vec<VersionRecord>,
    pub measures: Vec<MeasureRecord>,
}

/// Why a write was refused.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// No such thing (code, measure, plan or version) for this young person.
    #[error("not found")]
    NotFound,
    /// The code is unknown or inactive, or a new code exists already.
    #[error("code refused")]
    Code,
    /// A newer version than the one answered exists.
    #[error("a newer version exists")]
    Newer,
    /// A concurrent write took the version number.
    #[error("version taken")]
    VersionTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn day(date: Option<Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

/// The whole code list, by code.
pub async fn codes(db: &Db) -> Result<Vec<MeasureCode>, sqlx::Error> {
    let rows: Vec<(String, String, String, bool)> =
        query_as("SELECT code, label_sv, label_en, active FROM measure_codes ORDER BY code")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(code, label_sv, label_en, active)| MeasureCode {
            code,
            label_sv,
            label_en,
            active,
        })
        .collect())
}

/// Adds a code (validated); [`PlanError::Code`] when it exists already.
pub async fn create_code(db: &Db, new: &NewMeasureCode) -> Result<(), PlanError> {
    query("INSERT INTO measure_codes (code, label_sv, label_en, active) VALUES ($1, $2, $3, TRUE)")
        .bind(&new.code)
        .bind(&new.label_sv)
        .bind(&new.label_en)
        .execute(db)
        .await
        .map_err(|error| match &error {
            sqlx::Error::Database(e) if e.is_unique_violation() => PlanError::Code,
            _ => PlanError::Db(error),
        })
        .map(drop)
}

/// Renames a code's labels and (de)activates it; [`PlanError::NotFound`] for no such code.
pub async fn update_code(db: &Db, code: &str, update: &MeasureCodeUpdate) -> Result<(), PlanError> {
    let done =
        query("UPDATE measure_codes SET label_sv = $2, label_en = $3, active = $4 WHERE code = $1")
            .bind(code)
            .bind(&update.label_sv)
            .bind(&update.label_en)
            .bind(update.active)
            .execute(db)
            .await?;
    if done.rows_affected() == 0 {
        return Err(PlanError::NotFound);
    }
    Ok(())
}

const VERSION_COLUMNS: &str = "p.version, p.conversation_on, p.own_words, p.goal, p.measures_snapshot AS snapshot, \
     p.created_at, p.created_by, a.name AS created_by_name, p.agreed_at, p.youth_comment AS comment, p.responded_at \
     FROM register_plans p JOIN accounts a ON a.id = p.created_by";

async fn measures<'c>(
    on: impl Into<Exec<'c>>,
    youth_id: i64,
) -> Result<Vec<MeasureRecord>, sqlx::Error> {
    query_as(
        "SELECT id, code, responsible_kind, responsible_name, planned_start, planned_end, actual_end, \
         end_reason, next_follow_up FROM register_measures WHERE youth_id = $1 ORDER BY planned_start, id",
    )
    .bind(youth_id)
    .fetch_all(on)
    .await
}

async fn versions<'c>(
    on: impl Into<Exec<'c>>,
    youth_id: i64,
) -> Result<Vec<VersionRecord>, sqlx::Error> {
    query_as(&format!(
        "SELECT {VERSION_COLUMNS} WHERE p.youth_id = $1 ORDER BY p.version DESC"
    ))
    .bind(youth_id)
    .fetch_all(on)
    .await
}

/// Every version and the measures now, for staff: the read is audited (by `actor`).
pub async fn plan(
    db: &Db,
    actor: i64,
    youth_id: i64,
    now: i64,
) -> Result<PlanRecords, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    record(&mut tx, actor, youth_id, AUDIT_READ_PLAN, now).await?;
    let records = PlanRecords {
        versions: versions(&mut tx, youth_id).await?,
        measures: measures(&mut tx, youth_id).await?,
    };
    tx.commit().await?;
    Ok(records)
}

/// The young person's own plan (their own data: not audited).
pub async fn own_plan(db: &Db, youth_id: i64) -> Result<PlanRecords, sqlx::Error> {
    let mut conn = acquire(db).await?;
    Ok(PlanRecords {
        versions: versions(&mut conn, youth_id).await?,
        measures: measures(&mut conn, youth_id).await?,
    })
}

/// One version as it was made (audited: `actor`).
pub async fn version(
    db: &Db,
    actor: i64,
    youth_id: i64,
    version: i64,
    now: i64,
) -> Result<Option<VersionRecord>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    record(&mut tx, actor, youth_id, AUDIT_READ_PLAN, now).await?;
    let found = version_numbered(&mut tx, youth_id, version).await?;
    tx.commit().await?;
    Ok(found)
}

/// Version `version` of `youth_id`'s plan, if there is one.
async fn version_numbered(
    tx: &mut Tx,
    youth_id: i64,
    version: i64,
) -> Result<Option<VersionRecord>, sqlx::Error> {
    query_as(&format!(
        "SELECT {VERSION_COLUMNS} WHERE p.youth_id = $1 AND p.version = $2"
    ))
    .bind(youth_id)
    .bind(version)
    .fetch_optional(tx)
    .await
}

/// Takes the young person's row lock, so that revisions and answers queue.
async fn lock_youth(tx: &mut Tx, youth_id: i64) -> Result<(), sqlx::Error> {
    let sql = format!(
        "SELECT account_id FROM youth WHERE account_id = $1{}",
        tx.for_update()
    );
    let _: Option<i64> = query_scalar(&sql).bind(youth_id).fetch_optional(tx).await?;
    Ok(())
}

async fn latest_version(tx: &mut Tx, youth_id: i64) -> Result<i64, sqlx::Error> {
    query_scalar("SELECT COALESCE(MAX(version), 0) FROM register_plans WHERE youth_id = $1")
        .bind(youth_id)
        .fetch_one(tx)
        .await
}

/// Writes version n+1 with the measures as they stand now (audited: `actor`);
/// the new version as stored.
pub async fn revise(
    db: &Db,
    actor: i64,
    youth_id: i64,
    new: &PlanText,
    now: i64,
) -> Result<VersionRecord, PlanError> {
    let mut tx = begin_write(db).await?;
    lock_youth(&mut tx, youth_id).await?;
    let next = latest_version(&mut tx, youth_id).await? + 1;
    let snapshot = serde_json::to_string(&measures(&mut tx, youth_id).await?)
        .map_err(|e| PlanError::Db(sqlx::Error::Protocol(e.to_string())))?;
    query(
        "INSERT INTO register_plans (youth_id, version, conversation_on, own_words, goal, measures_snapshot, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(youth_id)
    .bind(next)
    .bind(day(new.conversation_on))
    .bind(&new.own_words)
    .bind(&new.goal)
    .bind(snapshot)
    .bind(now)
    .bind(actor)
    .execute(&mut tx)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(e) if e.is_unique_violation() => PlanError::VersionTaken,
        _ => PlanError::Db(error),
    })?;
    record(&mut tx, actor, youth_id, AUDIT_WRITE_PLAN, now).await?;
    let written = version_numbered(&mut tx, youth_id, next)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    Ok(written)
}

/// A new measure, validated.
#[derive(Clone, Copy, Debug)]
pub struct NewMeasureRecord<'a> {
    pub code: &'a str,
    pub responsible_kind: &'a str,
    pub responsible_name: Option<&'a str>,
    pub dates: &'a MeasureDates,
}

/// Audits a write of measure `id` (by `actor`), commits, and reads it back as stored.
async fn written(
    mut tx: Tx,
    actor: i64,
    youth_id: i64,
    id: i64,
    now: i64,
) -> Result<MeasureRecord, PlanError> {
    record(&mut tx, actor, youth_id, AUDIT_WRITE_MEASURE, now).await?;
    let stored = measures(&mut tx, youth_id)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(PlanError::NotFound)?;
    tx.commit().await?;
    Ok(stored)
}

/// Adds a measure with an active code (audited: `actor`); as stored.
pub async fn add_measure(
    db: &Db,
    actor: i64,
    youth_id: i64,
    new: NewMeasureRecord<'_>,
    now: i64,
) -> Result<MeasureRecord, PlanError> {
    let mut tx = begin_write(db).await?;
    let active: i64 =
        query_scalar("SELECT COUNT(*) FROM measure_codes WHERE code = $1 AND active = TRUE")
            .bind(new.code)
            .fetch_one(&mut tx)
            .await?;
    if active == 0 {
        return Err(PlanError::Code);
    }
    let f = new.dates;
    let id: i64 = query_scalar(
        "INSERT INTO register_measures (youth_id, code, responsible_kind, responsible_name, planned_start, \
         planned_end, actual_end, end_reason, next_follow_up, created_at, created_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10) RETURNING id",
    )
    .bind(youth_id)
    .bind(new.code)
    .bind(new.responsible_kind)
    .bind(new.responsible_name)
    .bind(f.planned_start.to_string())
    .bind(day(f.planned_end))
    .bind(day(f.actual_end))
    .bind(f.end_reason.map(|r| r.as_str()))
    .bind(day(f.next_follow_up))
    .bind(now)
    .bind(actor)
    .fetch_one(&mut tx)
    .await?;
    written(tx, actor, youth_id, id, now).await
}

/// Changes a measure's dates, end and follow-up (audited: `actor`);
/// [`PlanError::NotFound`] when it is not this young person's.
pub async fn update_measure(
    db: &Db,
    actor: i64,
    youth_id: i64,
    id: i64,
    f: &MeasureDates,
    now: i64,
) -> Result<MeasureRecord, PlanError> {
    let mut tx = begin_write(db).await?;
    let done = query(
        "UPDATE register_measures SET planned_start = $3, planned_end = $4, actual_end = $5, end_reason = $6, \
         next_follow_up = $7, updated_at = $8 WHERE id = $1 AND youth_id = $2",
    )
    .bind(id)
    .bind(youth_id)
    .bind(f.planned_start.to_string())
    .bind(day(f.planned_end))
    .bind(day(f.actual_end))
    .bind(f.end_reason.map(|r| r.as_str()))
    .bind(day(f.next_follow_up))
    .bind(now)
    .execute(&mut tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(PlanError::NotFound);
    }
    written(tx, actor, youth_id, id, now).await
}

/// The young person's answer to `version`, replacing an earlier answer to
/// it: [`PlanError::NotFound`] with no plan or no such version,
/// [`PlanError::Newer`] when a newer version exists.
pub async fn answer(
    db: &Db,
    youth_id: i64,
    version: i64,
    agree: bool,
    comment: Option<&str>,
    now: i64,
) -> Result<(), PlanError> {
    let mut tx = begin_write(db).await?;
    lock_youth(&mut tx, youth_id).await?;
    let latest = latest_version(&mut tx, youth_id).await?;
    if version < 1 || version > latest {
        return Err(PlanError::NotFound);
    }
    if version < latest {
        return Err(PlanError::Newer);
    }
    query(
        "UPDATE register_plans SET agreed_at = $3, youth_comment = $4, responded_at = $5 \
         WHERE youth_id = $1 AND version = $2",
    )
    .bind(youth_id)
    .bind(version)
    .bind(agree.then_some(now))
    .bind(comment)
    .bind(now)
    .execute(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
