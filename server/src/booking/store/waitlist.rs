//! The waitlist: places in line, offers held as bookings (`offered`, with
//! `hold_expires_at`) and their answers, holds that lapse and pass the time
//! on, free times offered to those waiting, and the day-before reminders.

use lotsen_api::booking::{OFFER_HOLD_MINUTES, WaitlistEntry};

use super::bookings::{
    begin_with_booking, insert_booking, load_booking, lock_slot, reloaded, tell_youth,
};
use super::calendar::holds_due;
use super::{BookingError, BookingInsert, BookingRecord, Compose, FreeSlot, MessageKind};
use crate::booking::rules::swedish_time;
use crate::db::Db;
use crate::db::in_place::in_place;
use crate::db::sql::{Tx, begin_write, query, query_as, query_scalar};

/// A time that was freed: offered to the first in line who can take it
/// (not busy then, under the limit), held for [`OFFER_HOLD_MINUTES`].
/// Whether it was offered to someone.
pub(super) async fn offer_freed(
    tx: &mut Tx,
    freed: FreeSlot,
    now: i64,
    compose: Compose<'_>,
) -> Result<bool, BookingError> {
    if freed.starts_at <= now {
        return Ok(false);
    }
    let (max_active, buffer_minutes): (i64, i64) =
        query_as("SELECT max_active_bookings, buffer_minutes FROM session_types WHERE id = $1")
            .bind(freed.session_type_id)
            .fetch_one(&mut *tx)
            .await?;
    let blocks_until = freed.ends_at + buffer_minutes * 60;
    let line: Vec<(i64, i64)> = query_as(
        "SELECT id, youth_id FROM waitlist WHERE session_type_id = $1 AND status = 'waiting' \
         AND (staff_id IS NULL OR staff_id = $2) ORDER BY id LIMIT 100",
    )
    .bind(freed.session_type_id)
    .bind(freed.staff_id)
    .fetch_all(&mut *tx)
    .await?;
    let hold = (now + OFFER_HOLD_MINUTES * 60).min(freed.starts_at);
    for (entry, youth_id) in line {
        let offer = BookingInsert {
            session_type_id: freed.session_type_id,
            staff_id: freed.staff_id,
            youth_id,
            group_session_id: freed.group_session_id,
            starts_at: freed.starts_at,
            ends_at: freed.ends_at,
            blocks_until,
            note: None,
            created_by: youth_id,
            max_active: Some(max_active),
            audit_actor: None,
        };
        match insert_booking(tx, &offer, "offered", Some(hold), now).await {
            Ok(id) => {
                query(
                    "UPDATE waitlist SET status = 'offered', offer_booking_id = $2, updated_at = $3 \
                     WHERE id = $1",
                )
                .bind(entry)
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tell_youth(tx, id, MessageKind::Offer, now, compose).await?;
                return Ok(true);
            }
            Err(BookingError::YouthOverlap | BookingError::Limit) => continue,
            Err(BookingError::Taken | BookingError::Full) => return Ok(false),
            Err(other) => return Err(other),
        }
    }
    Ok(false)
}

/// Lapses expired offers inside `tx`, passing each time on; how many lapsed.
pub(super) async fn expire_holds_in(
    tx: &mut Tx,
    now: i64,
    compose: Compose<'_>,
) -> Result<usize, BookingError> {
    let ids: Vec<i64> = query_scalar(
        "SELECT id FROM bookings WHERE status = 'offered' AND hold_expires_at <= $1 \
         ORDER BY hold_expires_at, id",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let mut lapsed = 0;
    for id in ids {
        let Some(b) = load_booking(&mut *tx, id).await? else {
            continue;
        };
        lock_slot(tx, b.staff_id, b.group_session_id).await?;
        let changed =
            query("UPDATE bookings SET status = 'lapsed' WHERE id = $1 AND status = 'offered'")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if changed == 0 {
            continue;
        }
        lapsed += 1;
        query(
            "UPDATE waitlist SET status = 'lapsed', updated_at = $2 \
             WHERE offer_booking_id = $1 AND status = 'offered'",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        offer_freed(tx, FreeSlot::from(&b), now, compose).await?;
    }
    Ok(lapsed)
}

/// A refusal where none can happen (passing on offers) as a database error.
fn db_error(e: BookingError) -> sqlx::Error {
    match e {
        BookingError::Db(e) => e,
        other => sqlx::Error::Protocol(format!(
            "unexpected refusal while passing on offers: {other}"
        )),
    }
}

/// Lets offers whose hold has expired lapse and passes each time to the next
/// in line; how many lapsed. Cheap when none has: it first reads (in place)
/// whether any offer is due, nearly always none, and then writes nothing.
pub async fn expire_holds(db: &Db, now: i64, compose: Compose<'_>) -> Result<usize, sqlx::Error> {
    if holds_due(&mut in_place(db), now).await? == 0 {
        return Ok(0);
    }
    let mut tx = begin_write(db).await?;
    let lapsed = expire_holds_in(&mut tx, now, compose)
        .await
        .map_err(db_error)?;
    tx.commit().await?;
    Ok(lapsed)
}

/// Accepts (`true`) or declines an offer from the waitlist.
pub async fn answer_offer(
    db: &Db,
    id: i64,
    youth_id: i64,
    accept: bool,
    now: i64,
    compose: Compose<'_>,
) -> Result<BookingRecord, BookingError> {
    let (mut tx, b) = begin_with_booking(db, id, now, compose).await?;
    if b.youth_id != youth_id {
        return Err(BookingError::NotFound);
    }
    lock_slot(&mut tx, b.staff_id, b.group_session_id).await?;
    let (status, entry) = if accept {
        ("booked", "booked")
    } else {
        ("lapsed", "left")
    };
    let changed = query(
        "UPDATE bookings SET status = $2, hold_expires_at = CASE WHEN $2 = 'booked' THEN NULL ELSE hold_expires_at END \
         WHERE id = $1 AND status = 'offered' AND hold_expires_at > $3",
    )
    .bind(id)
    .bind(status)
    .bind(now)
    .execute(&mut tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(BookingError::Status);
    }
    query(
        "UPDATE waitlist SET status = $2, updated_at = $3 WHERE offer_booking_id = $1 AND status = 'offered'",
    )
    .bind(id)
    .bind(entry)
    .bind(now)
    .execute(&mut tx)
    .await?;
    if !accept {
        offer_freed(&mut tx, FreeSlot::from(&b), now, compose).await?;
    }
    reloaded(tx, id).await
}

/// Joins the waitlist of a session type (one staff member or anyone); the entry's id.
pub async fn join_waitlist(
    db: &Db,
    youth_id: i64,
    session_type_id: i64,
    staff_id: Option<i64>,
    now: i64,
) -> Result<i64, BookingError> {
    let mut tx = begin_write(db).await?;
    let id: Option<i64> = query_scalar(
        "INSERT INTO waitlist (session_type_id, staff_id, youth_id, status, created_at, updated_at) \
         VALUES ($1, $2, $3, 'waiting', $4, $4) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(session_type_id)
    .bind(staff_id)
    .bind(youth_id)
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    let id = id.ok_or(BookingError::AlreadyWaiting)?;
    tx.commit().await?;
    Ok(id)
}

/// Leaves a waitlist; whether the young person was waiting there.
pub async fn leave_waitlist(
    db: &Db,
    id: i64,
    youth_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = query(
        "UPDATE waitlist SET status = 'left', updated_at = $3 \
         WHERE id = $1 AND youth_id = $2 AND status = 'waiting'",
    )
    .bind(id)
    .bind(youth_id)
    .bind(now)
    .execute(db)
    .await?
    .rows_affected();
    Ok(n > 0)
}

/// A young person's places in waitlists, first joined first.
pub async fn youth_waitlist(db: &Db, youth_id: i64) -> Result<Vec<WaitlistEntry>, sqlx::Error> {
    let rows = query(
        "SELECT w.id, w.session_type_id, t.name, w.staff_id, a.name, w.created_at, \
         (SELECT COUNT(*) FROM waitlist o WHERE o.session_type_id = w.session_type_id \
          AND o.status = 'waiting' AND o.id <= w.id) \
         FROM waitlist w JOIN session_types t ON t.id = w.session_type_id LEFT JOIN accounts a ON a.id = w.staff_id \
         WHERE w.youth_id = $1 AND w.status = 'waiting' ORDER BY w.id",
    )
    .bind(youth_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            let position: i64 = r.try_get(6)?;
            Ok(WaitlistEntry {
                id: r.try_get(0)?,
                session_type_id: r.try_get(1)?,
                session_type_name: r.try_get(2)?,
                staff_id: r.try_get(3)?,
                staff_name: r.try_get(4)?,
                joined_at: swedish_time(r.try_get(5)?),
                position: u32::try_from(position).unwrap_or_default(),
            })
        })
        .collect()
}

/// The individual session types someone waits for.
pub async fn waiting_session_types(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    query_scalar(
        "SELECT DISTINCT w.session_type_id FROM waitlist w JOIN session_types t ON t.id = w.session_type_id \
         WHERE w.status = 'waiting' AND t.is_group = $1 ORDER BY w.session_type_id",
    )
    .bind(false)
    .fetch_all(db)
    .await
}

/// Offers free times of one session type, in the order given, each to the
/// first in line who can take it, until nobody waits for the type; how many
/// were offered. A time taken since it was computed is skipped. One write
/// transaction per time, so that each takes its locks in the order a booking
/// does (the staff member, then young people) and none waits on another's.
/// Each offer gets its message in the same transaction.
pub async fn offer_free_times(
    db: &Db,
    times: &[FreeSlot],
    now: i64,
    compose: Compose<'_>,
) -> Result<usize, sqlx::Error> {
    let mut offered = 0;
    for slot in times {
        let mut tx = begin_write(db).await?;
        let waiting: i64 = query_scalar(
            "SELECT COUNT(*) FROM waitlist WHERE session_type_id = $1 AND status = 'waiting'",
        )
        .bind(slot.session_type_id)
        .fetch_one(&mut tx)
        .await?;
        if waiting == 0 {
            break;
        }
        lock_slot(&mut tx, slot.staff_id, None).await?;
        if offer_freed(&mut tx, *slot, now, compose)
            .await
            .map_err(db_error)?
        {
            offered += 1;
        }
        tx.commit().await?;
    }
    Ok(offered)
}

/// Reminds every booking starting in [from, to) not yet reminded, exactly
/// once (recorded in the same transaction as the message); how many.
pub async fn send_reminders(
    db: &Db,
    from: i64,
    to: i64,
    now: i64,
    compose: Compose<'_>,
) -> Result<usize, sqlx::Error> {
    let due: Vec<i64> = query_scalar(
        "SELECT id FROM bookings WHERE status = 'booked' AND reminded_at IS NULL \
         AND starts_at >= $1 AND starts_at < $2 ORDER BY id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    let mut sent = 0;
    for id in due {
        let mut tx = begin_write(db).await?;
        let claimed: Option<i64> = query_scalar(
            "UPDATE bookings SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL \
             AND status = 'booked' RETURNING id",
        )
        .bind(id)
        .bind(now)
        .fetch_optional(&mut tx)
        .await?;
        if claimed.is_some() {
            tell_youth(&mut tx, id, MessageKind::Reminder, now, compose).await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}
