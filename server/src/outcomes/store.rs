//! What the database holds about follow-up: `outcome_entries`, append-only
//! (a correction is a new row naming the one it replaces), and what the term
//! report is computed from. Staff reads and writes of one young person's
//! entries are audited in the same transaction.

use lotsen_api::outcomes::{OutcomeKind, Recorder};

use super::rules::{Entry, Registered};
use crate::audit::store::record;
use crate::clock::swedish_date;
use crate::db::Db;
use crate::db::sql::{acquire, begin_write, query_as, query_scalar};

/// The audit action for a staff read of a young person's follow-up history.
pub const AUDIT_READ_OUTCOMES: &str = "read_outcomes";
/// The audit action for recording an entry.
pub const AUDIT_RECORD_OUTCOME: &str = "record_outcome";

/// An entry as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeRecord {
    pub id: i64,
    pub kind: String,
    pub from_date: String,
    pub school: Option<String>,
    pub programme: Option<String>,
    pub corrects: Option<i64>,
    pub corrected_by: Option<i64>,
    pub recorded_at: i64,
    pub recorded_by: Recorder,
}

/// A new entry, validated.
#[derive(Clone, Copy, Debug)]
pub struct NewOutcomeRecord<'a> {
    pub kind: &'a str,
    pub from_date: &'a str,
    pub school: Option<&'a str>,
    pub programme: Option<&'a str>,
    pub corrects: Option<i64>,
}

/// What the term report counts: every young person with the day they were
/// registered, and every entry that is not corrected.
#[derive(Clone, Debug, Default)]
pub struct ReportRows {
    pub youth: Vec<Registered>,
    pub entries: Vec<Entry>,
}

/// Why recording failed.
#[derive(Debug, thiserror::Error)]
pub enum OutcomeError {
    /// `corrects` names no entry of this young person.
    #[error("no such entry to correct")]
    NoSuchEntry,
    /// The entry has been corrected already.
    #[error("already corrected")]
    AlreadyCorrected,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

type OutcomeRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    i64,
    i64,
    String,
);

/// A young person's follow-up history, newest from-date first; the read is
/// audited (by `actor`).
pub async fn outcome_history(
    db: &Db,
    actor: i64,
    youth_id: i64,
    now: i64,
) -> Result<Vec<OutcomeRecord>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    record(&mut tx, actor, youth_id, AUDIT_READ_OUTCOMES, now).await?;
    let rows: Vec<OutcomeRow> = query_as(
        "SELECT e.id, e.kind, e.from_date, e.school, e.programme, e.corrects_id, \
         (SELECT c.id FROM outcome_entries c WHERE c.corrects_id = e.id), e.recorded_at, e.recorded_by, a.name \
         FROM outcome_entries e JOIN accounts a ON a.id = e.recorded_by \
         WHERE e.youth_id = $1 ORDER BY e.from_date DESC, e.id DESC",
    )
    .bind(youth_id)
    .fetch_all(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| OutcomeRecord {
            id: r.0,
            kind: r.1,
            from_date: r.2,
            school: r.3,
            programme: r.4,
            corrects: r.5,
            corrected_by: r.6,
            recorded_at: r.7,
            recorded_by: Recorder { id: r.8, name: r.9 },
        })
        .collect())
}

/// Records an entry (audited: `actor`); its id.
pub async fn record_outcome(
    db: &Db,
    actor: i64,
    youth_id: i64,
    entry: NewOutcomeRecord<'_>,
    now: i64,
) -> Result<i64, OutcomeError> {
    let mut tx = begin_write(db).await?;
    if let Some(corrects) = entry.corrects {
        let found: i64 =
            query_scalar("SELECT COUNT(*) FROM outcome_entries WHERE id = $1 AND youth_id = $2")
                .bind(corrects)
                .bind(youth_id)
                .fetch_one(&mut tx)
                .await?;
        if found == 0 {
            return Err(OutcomeError::NoSuchEntry);
        }
    }
    let id: i64 = query_scalar(
        "INSERT INTO outcome_entries (youth_id, kind, from_date, school, programme, corrects_id, recorded_at, recorded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(youth_id)
    .bind(entry.kind)
    .bind(entry.from_date)
    .bind(entry.school)
    .bind(entry.programme)
    .bind(entry.corrects)
    .bind(now)
    .bind(actor)
    .fetch_one(&mut tx)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(e) if e.is_unique_violation() => OutcomeError::AlreadyCorrected,
        _ => OutcomeError::Db(error),
    })?;
    record(&mut tx, actor, youth_id, AUDIT_RECORD_OUTCOME, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// What the term report is computed from (on one connection); a row whose
/// kind or date does not parse is left out.
pub async fn report_rows(db: &Db) -> Result<ReportRows, sqlx::Error> {
    let mut conn = acquire(db).await?;
    let youth: Vec<(i64, i64)> = query_as(
        "SELECT y.account_id, a.created_at FROM youth y JOIN accounts a ON a.id = y.account_id ORDER BY y.account_id",
    )
    .fetch_all(&mut conn)
    .await?;
    let entries: Vec<(i64, i64, String, String)> = query_as(
        "SELECT e.youth_id, e.id, e.kind, e.from_date FROM outcome_entries e \
         WHERE NOT EXISTS (SELECT 1 FROM outcome_entries c WHERE c.corrects_id = e.id) ORDER BY e.youth_id, e.id",
    )
    .fetch_all(&mut conn)
    .await?;
    Ok(ReportRows {
        youth: youth
            .into_iter()
            .filter_map(|(youth_id, at)| {
                Some(Registered {
                    youth_id,
                    on: lotsen_api::date::parse_iso(&swedish_date(at))?,
                })
            })
            .collect(),
        entries: entries
            .into_iter()
            .filter_map(|(youth_id, id, kind, from)| {
                Some(Entry {
                    youth_id,
                    id,
                    kind: OutcomeKind::parse(&kind)?,
                    from: lotsen_api::date::parse_iso(&from)?,
                })
            })
            .collect(),
    })
}
