//! What the SCB report and the figures read for a half-year: the periods
//! overlapping it and their people's contacts and measures. The window is
//! found through indexes (migration `0014_register_scb`): the open periods
//! by registration date, the ended ones by deregistration date, so that a
//! report costs the half-year's people, not the register's whole history.

use lotsen_api::Date;
use lotsen_api::date::{add_days, parse_iso};
use lotsen_api::register::scb::{HalfYear, REACH_DAYS};

use super::rules::{Contact, Facts, Measure, Period, Person};
use crate::db::Db;
use crate::db::sql::query_as;
use crate::error::AppError;

/// The audit action for reading the report (every young person in it).
pub const AUDIT_READ_SCB_REPORT: &str = "read_scb_report";

/// The periods overlapping [`$1`, `$2`] (first and last day): the open ones
/// registered by the last day, and the ended ones that ended on or after the
/// first day and began by the last: two disjoint ranges of the index on
/// `deregistered_on` (migration `0014_register_scb`).
pub const WINDOW: &str = "SELECT id, youth_id, registered_on, registration_reason, deregistered_on, deregistration_reason \
     FROM register_periods WHERE deregistered_on IS NULL AND registered_on <= $2 \
     UNION ALL \
     SELECT id, youth_id, registered_on, registration_reason, deregistered_on, deregistration_reason \
     FROM register_periods WHERE deregistered_on >= $1 AND registered_on <= $2";

fn date(text: &str) -> Result<Date, AppError> {
    parse_iso(text).ok_or_else(|| AppError::Internal(format!("a stored register date {text:?}")))
}

/// An id, a young person's id, two texts and an optional pair: a period's or a measure's row.
type Row = (i64, i64, String, String, Option<String>, Option<String>);

/// Everything the report and the figures need for `half`.
pub async fn facts(db: &Db, half: HalfYear) -> Result<Facts, AppError> {
    let first = half.first_day().to_string();
    let last = half.last_day().to_string();
    let reach_until = add_days(half.last_day(), REACH_DAYS).to_string();
    let periods: Vec<Row> = query_as(&format!("{WINDOW} ORDER BY 2, 3"))
        .bind(&first)
        .bind(&last)
        .fetch_all(db)
        .await?;
    let in_window = format!("SELECT w.youth_id FROM ({WINDOW}) w");
    let people: Vec<(i64, String, String)> = query_as(&format!(
        "SELECT y.account_id, a.name, y.personnummer FROM youth y JOIN accounts a ON a.id = y.account_id \
         WHERE y.account_id IN ({in_window})"
    ))
    .bind(&first)
    .bind(&last)
    .fetch_all(db)
    .await?;
    let contacts: Vec<(i64, i64, String, String, Option<String>)> = query_as(&format!(
        "SELECT c.id, c.youth_id, c.contacted_on, c.outcome, c.occupation FROM register_contacts c \
         WHERE c.youth_id IN ({in_window}) AND c.contacted_on <= $3"
    ))
    .bind(&first)
    .bind(&last)
    .bind(&reach_until)
    .fetch_all(db)
    .await?;
    let measures: Vec<Row> = query_as(&format!(
        "SELECT m.id, m.youth_id, m.code, m.planned_start, m.actual_end, m.end_reason \
             FROM register_measures m WHERE m.youth_id IN ({in_window}) \
             AND m.planned_start <= $2 AND (m.actual_end IS NULL OR m.actual_end >= $1)"
    ))
    .bind(&first)
    .bind(&last)
    .fetch_all(db)
    .await?;
    let ended = |on: Option<String>, why: Option<String>| -> Result<_, AppError> {
        Ok(match (on, why) {
            (Some(on), Some(why)) => Some((date(&on)?, why)),
            _ => None,
        })
    };
    Ok(Facts {
        people: people
            .into_iter()
            .map(|(youth_id, name, personnummer)| Person {
                youth_id,
                name,
                personnummer,
            })
            .collect(),
        periods: periods
            .into_iter()
            .map(|(_, youth_id, on, reason, off, why)| {
                Ok(Period {
                    youth_id,
                    registered_on: date(&on)?,
                    registration_reason: reason,
                    deregistered: ended(off, why)?,
                })
            })
            .collect::<Result<_, AppError>>()?,
        contacts: contacts
            .into_iter()
            .map(|(id, youth_id, on, outcome, occupation)| {
                Ok(Contact {
                    id,
                    youth_id,
                    on: date(&on)?,
                    reached: (outcome == "reached")
                        .then(|| occupation.unwrap_or_else(|| "unknown".into())),
                })
            })
            .collect::<Result<_, AppError>>()?,
        measures: measures
            .into_iter()
            .map(|(id, youth_id, code, start, end, why)| {
                Ok(Measure {
                    id,
                    youth_id,
                    code,
                    start: date(&start)?,
                    ended: ended(end, why)?,
                })
            })
            .collect::<Result<_, AppError>>()?,
    })
}
