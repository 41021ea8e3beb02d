//! Booking, moving and cancelling, group sessions, attendance and the staff
//! day: each write in one transaction that first takes the lock of what it
//! competes for (see [`super`] for the invariants).

use lotsen_api::booking::BookingStatus;

use super::calendar::LONGEST_OCCUPIED_SECONDS;
use super::waitlist::{expire_holds_in, offer_freed};
use super::{
    AUDIT_ATTENDANCE, AUDIT_BOOK_FOR_YOUTH, AUDIT_CANCEL_BOOKING, AUDIT_LIST_BOOKINGS,
    BookingError, BookingInsert, BookingRecord, Canceller, Compose, FreeSlot, GroupRecord,
    MessageFacts, MessageKind, Move, NewGroup, StaffDay, parse_booking_status,
};
use crate::audit::store::{record, record_read};
use crate::auth::store::lang_of;
use crate::db::Db;
use crate::db::sql::{Exec, Row, Tx, acquire, begin_write, query, query_as, query_scalar};
use crate::people::access::StaffViewer;

/// A booking with the names shown with it, decoded by [`booking_of`].
const BOOKING_SELECT: &str = "SELECT b.id, b.status, b.session_type_id, t.name, t.profession, b.staff_id, sa.name, sa.phone, \
     b.youth_id, ya.name, b.starts_at, b.ends_at, b.note, b.group_session_id, g.place, b.hold_expires_at, \
     b.cancel_message, b.cancelled_by_staff, t.cancel_hours \
     FROM bookings b JOIN session_types t ON t.id = b.session_type_id JOIN accounts sa ON sa.id = b.staff_id \
     JOIN accounts ya ON ya.id = b.youth_id LEFT JOIN group_sessions g ON g.id = b.group_session_id";

/// A row of [`BOOKING_SELECT`].
fn booking_of(row: &Row) -> Result<BookingRecord, sqlx::Error> {
    Ok(BookingRecord {
        id: row.try_get(0)?,
        status: parse_booking_status(&row.try_get::<String>(1)?)?,
        session_type_id: row.try_get(2)?,
        session_type_name: row.try_get(3)?,
        profession: crate::auth::store::parse_profession(&row.try_get::<String>(4)?)?,
        staff_id: row.try_get(5)?,
        staff_name: row.try_get(6)?,
        staff_phone: row.try_get(7)?,
        youth_id: row.try_get(8)?,
        youth_name: row.try_get(9)?,
        starts_at: row.try_get(10)?,
        ends_at: row.try_get(11)?,
        note: row.try_get(12)?,
        group_session_id: row.try_get(13)?,
        place: row.try_get(14)?,
        hold_expires_at: row.try_get(15)?,
        cancel_message: row.try_get(16)?,
        cancelled_by_staff: row.try_get(17)?,
        cancel_hours: row.try_get(18)?,
    })
}

/// A group session with its seats taken, decoded by [`group_of`].
const GROUP_SELECT: &str = "SELECT g.id, g.session_type_id, g.staff_id, a.name, g.starts_at, g.ends_at, g.seats, \
     (SELECT COUNT(*) FROM bookings b WHERE b.group_session_id = g.id \
      AND b.status IN ('offered', 'booked', 'attended', 'no_show')), g.place \
     FROM group_sessions g JOIN accounts a ON a.id = g.staff_id";

/// A row of [`GROUP_SELECT`].
fn group_of(row: &Row) -> Result<GroupRecord, sqlx::Error> {
    Ok(GroupRecord {
        id: row.try_get(0)?,
        session_type_id: row.try_get(1)?,
        staff_id: row.try_get(2)?,
        staff_name: row.try_get(3)?,
        starts_at: row.try_get(4)?,
        ends_at: row.try_get(5)?,
        seats: row.try_get(6)?,
        taken: row.try_get(7)?,
        place: row.try_get(8)?,
    })
}

/// One booking, read on `on`.
pub(super) async fn load_booking<'c>(
    on: impl Into<Exec<'c>>,
    id: i64,
) -> Result<Option<BookingRecord>, sqlx::Error> {
    let sql = format!("{BOOKING_SELECT} WHERE b.id = $1");
    let row = query(&sql).bind(id).fetch_optional(on).await?;
    row.as_ref().map(booking_of).transpose()
}

/// Writes the message about booking `id` (kind `kind`) if `compose` makes one.
pub(super) async fn tell_youth(
    tx: &mut Tx,
    id: i64,
    kind: MessageKind,
    now: i64,
    compose: Compose<'_>,
) -> Result<(), sqlx::Error> {
    let Some(b) = load_booking(&mut *tx, id).await? else {
        return Ok(());
    };
    let (email, phone, language, choice): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = query_as("SELECT email, phone, language, message_channel FROM accounts WHERE id = $1")
        .bind(b.youth_id)
        .fetch_one(&mut *tx)
        .await?;
    let shown = kind.shown_to_staff();
    let facts = MessageFacts {
        kind,
        youth_id: b.youth_id,
        youth_name: b.youth_name,
        youth_email: email,
        youth_phone: phone,
        youth_choice: choice.as_deref().and_then(crate::outbox::Channel::parse),
        youth_language: lang_of(language.as_deref()),
        staff_name: b.staff_name,
        session_type_name: b.session_type_name,
        starts_at: b.starts_at,
        hold_expires_at: b.hold_expires_at,
        place: b.place,
    };
    if let Some(message) = compose(&facts) {
        let outbox_id = crate::outbox::write(tx, b.youth_id, &message, now).await?;
        if let Some(kind) = shown {
            query("INSERT INTO booking_messages (outbox_id, booking_id, kind) VALUES ($1, $2, $3)")
                .bind(outbox_id)
                .bind(id)
                .bind(kind)
                .execute(&mut *tx)
                .await?;
        }
    }
    Ok(())
}

/// Takes the lock of what a time competes for: the group session's row, or
/// the staff member's. Whether it exists.
pub(super) async fn lock_slot(
    tx: &mut Tx,
    staff_id: i64,
    group_session_id: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let (sql, id) = match group_session_id {
        Some(group) => (
            format!(
                "SELECT id FROM group_sessions WHERE id = $1{}",
                tx.for_update()
            ),
            group,
        ),
        None => (
            format!(
                "SELECT account_id FROM staff WHERE account_id = $1{}",
                tx.for_update()
            ),
            staff_id,
        ),
    };
    let found: Option<i64> = query_scalar(&sql).bind(id).fetch_optional(tx).await?;
    Ok(found.is_some())
}

/// Takes the lock of the young person's row; whether they exist.
async fn lock_youth(tx: &mut Tx, youth_id: i64) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT account_id FROM youth WHERE account_id = $1{}",
        tx.for_update()
    );
    let found: Option<i64> = query_scalar(&sql).bind(youth_id).fetch_optional(tx).await?;
    Ok(found.is_some())
}

/// Whether the staff member is busy (bookings with their buffers, group
/// sessions) in [start, until), leaving booking `exclude` out (0 for none).
/// The start is bounded from both sides, so that the check walks the window,
/// not the staff member's past ([`LONGEST_OCCUPIED_SECONDS`]).
async fn staff_busy(
    tx: &mut Tx,
    staff_id: i64,
    start: i64,
    until: i64,
    exclude: i64,
) -> Result<bool, sqlx::Error> {
    let bookings: i64 = query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE staff_id = $1 AND group_session_id IS NULL \
         AND status IN ('offered', 'booked', 'attended', 'no_show') AND id <> $4 \
         AND starts_at < $3 AND blocks_until > $2 AND starts_at >= $2 - $5",
    )
    .bind(staff_id)
    .bind(start)
    .bind(until)
    .bind(exclude)
    .bind(LONGEST_OCCUPIED_SECONDS)
    .fetch_one(&mut *tx)
    .await?;
    let groups: i64 = query_scalar(
        "SELECT COUNT(*) FROM group_sessions WHERE staff_id = $1 AND starts_at < $3 AND blocks_until > $2 \
         AND starts_at >= $2 - $4",
    )
    .bind(staff_id)
    .bind(start)
    .bind(until)
    .bind(LONGEST_OCCUPIED_SECONDS)
    .fetch_one(tx)
    .await?;
    Ok(bookings + groups > 0)
}

/// Whether the young person has another booking in [start, end), leaving
/// booking `exclude` out (0 for none); bounded like [`staff_busy`].
async fn youth_overlaps(
    tx: &mut Tx,
    youth_id: i64,
    start: i64,
    end: i64,
    exclude: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 = query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE youth_id = $1 \
         AND status IN ('offered', 'booked', 'attended', 'no_show') AND id <> $4 \
         AND starts_at < $3 AND ends_at > $2 AND starts_at >= $2 - $5",
    )
    .bind(youth_id)
    .bind(start)
    .bind(end)
    .bind(exclude)
    .bind(LONGEST_OCCUPIED_SECONDS)
    .fetch_one(tx)
    .await?;
    Ok(n > 0)
}

/// Checks every invariant under the locks and inserts. `status` is `booked`
/// or `offered` (with `hold`).
pub(super) async fn insert_booking(
    tx: &mut Tx,
    b: &BookingInsert,
    status: &str,
    hold: Option<i64>,
    now: i64,
) -> Result<i64, BookingError> {
    if !lock_slot(tx, b.staff_id, b.group_session_id).await? {
        return Err(BookingError::NotFound);
    }
    match b.group_session_id {
        Some(group) => {
            let seats: i64 = query_scalar("SELECT seats FROM group_sessions WHERE id = $1")
                .bind(group)
                .fetch_one(&mut *tx)
                .await?;
            let taken: i64 = query_scalar(
                "SELECT COUNT(*) FROM bookings WHERE group_session_id = $1 \
                 AND status IN ('offered', 'booked', 'attended', 'no_show')",
            )
            .bind(group)
            .fetch_one(&mut *tx)
            .await?;
            if taken >= seats {
                return Err(BookingError::Full);
            }
        }
        None => {
            if staff_busy(tx, b.staff_id, b.starts_at, b.blocks_until, 0).await? {
                return Err(BookingError::Taken);
            }
        }
    }
    if !lock_youth(tx, b.youth_id).await? {
        return Err(BookingError::NotFound);
    }
    if youth_overlaps(tx, b.youth_id, b.starts_at, b.ends_at, 0).await? {
        return Err(BookingError::YouthOverlap);
    }
    if let Some(max) = b.max_active {
        let active: i64 = query_scalar(
            "SELECT COUNT(*) FROM bookings WHERE youth_id = $1 AND session_type_id = $2 \
             AND status IN ('offered', 'booked') AND starts_at > $3",
        )
        .bind(b.youth_id)
        .bind(b.session_type_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if active >= max {
            return Err(BookingError::Limit);
        }
    }
    let id: Option<i64> = query_scalar(
        "INSERT INTO bookings (session_type_id, staff_id, youth_id, group_session_id, starts_at, ends_at, \
         blocks_until, status, note, hold_expires_at, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(b.session_type_id)
    .bind(b.staff_id)
    .bind(b.youth_id)
    .bind(b.group_session_id)
    .bind(b.starts_at)
    .bind(b.ends_at)
    .bind(b.blocks_until)
    .bind(status)
    .bind(&b.note)
    .bind(hold)
    .bind(b.created_by)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or(BookingError::Taken)?;
    if let Some(actor) = b.audit_actor {
        record(tx, actor, b.youth_id, AUDIT_BOOK_FOR_YOUTH, now).await?;
    }
    Ok(id)
}

/// Booking `id` as the write transaction `tx` sees it; `NotFound` when there is none.
pub(super) async fn booking_in(tx: &mut Tx, id: i64) -> Result<BookingRecord, BookingError> {
    load_booking(&mut *tx, id)
        .await?
        .ok_or(BookingError::NotFound)
}

/// A write transaction in which the offers whose hold has expired have lapsed
/// first, and booking `id` in it; `NotFound` when there is none.
pub(super) async fn begin_with_booking(
    db: &Db,
    id: i64,
    now: i64,
    compose: Compose<'_>,
) -> Result<(Tx, BookingRecord), BookingError> {
    let mut tx = begin_write(db).await?;
    expire_holds_in(&mut tx, now, compose).await?;
    let b = booking_in(&mut tx, id).await?;
    Ok((tx, b))
}

/// Booking `id` as the write transaction `tx` left it, once `tx` is committed.
pub(super) async fn reloaded(mut tx: Tx, id: i64) -> Result<BookingRecord, BookingError> {
    let b = booking_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(b)
}

/// Books, checking every invariant under the lock; the new booking's id.
pub async fn book(
    db: &Db,
    b: &BookingInsert,
    now: i64,
    compose: Compose<'_>,
) -> Result<i64, BookingError> {
    let mut tx = begin_write(db).await?;
    expire_holds_in(&mut tx, now, compose).await?;
    let id = insert_booking(&mut tx, b, "booked", None, now).await?;
    // Booking what one waited for ends the wait.
    query(
        "UPDATE waitlist SET status = 'booked', updated_at = $3 \
         WHERE youth_id = $1 AND session_type_id = $2 AND status = 'waiting'",
    )
    .bind(b.youth_id)
    .bind(b.session_type_id)
    .bind(now)
    .execute(&mut tx)
    .await?;
    tell_youth(&mut tx, id, MessageKind::Confirmed, now, compose).await?;
    tx.commit().await?;
    Ok(id)
}

/// One booking.
pub async fn booking(db: &Db, id: i64) -> Result<Option<BookingRecord>, sqlx::Error> {
    let mut conn = acquire(db).await?;
    load_booking(&mut conn, id).await
}

/// A young person's bookings, every status, soonest first.
pub async fn youth_bookings(db: &Db, youth_id: i64) -> Result<Vec<BookingRecord>, sqlx::Error> {
    let sql = format!("{BOOKING_SELECT} WHERE b.youth_id = $1 ORDER BY b.starts_at, b.id");
    let rows = query(&sql).bind(youth_id).fetch_all(db).await?;
    rows.iter().map(booking_of).collect()
}

/// The statement of [`youth_bookings_between`]: `$1` the young person, `$2..$3` the window.
pub fn youth_window_sql() -> String {
    format!(
        "{BOOKING_SELECT} WHERE b.youth_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 \
         ORDER BY b.starts_at, b.id"
    )
}

/// A young person's bookings starting in [from, to) (Unix seconds), by
/// start: one range of the index on (young person, start).
pub async fn youth_bookings_between(
    db: &Db,
    youth_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<BookingRecord>, sqlx::Error> {
    let sql = youth_window_sql();
    let rows = query(&sql)
        .bind(youth_id)
        .bind(from)
        .bind(to)
        .fetch_all(db)
        .await?;
    rows.iter().map(booking_of).collect()
}

/// Group sessions of a type (of one staff member or all) starting in [from, to).
pub async fn group_sessions(
    db: &Db,
    session_type_id: i64,
    staff_id: Option<i64>,
    from: i64,
    to: i64,
) -> Result<Vec<GroupRecord>, sqlx::Error> {
    let sql = format!(
        "{GROUP_SELECT} WHERE g.session_type_id = $1 AND ($2 IS NULL OR g.staff_id = $2) \
         AND g.starts_at >= $3 AND g.starts_at < $4 ORDER BY g.starts_at, g.id"
    );
    let rows = query(&sql)
        .bind(session_type_id)
        .bind(staff_id)
        .bind(from)
        .bind(to)
        .fetch_all(db)
        .await?;
    rows.iter().map(group_of).collect()
}

/// One group session.
pub async fn group_session(db: &Db, id: i64) -> Result<Option<GroupRecord>, sqlx::Error> {
    let sql = format!("{GROUP_SELECT} WHERE g.id = $1");
    let row = query(&sql).bind(id).fetch_optional(db).await?;
    row.as_ref().map(group_of).transpose()
}

/// A group session for its staff member, who must be free then (same lock as
/// a booking); its id.
pub async fn create_group_session(
    db: &Db,
    g: &NewGroup<'_>,
    now: i64,
) -> Result<i64, BookingError> {
    let mut tx = begin_write(db).await?;
    if !lock_slot(&mut tx, g.staff_id, None).await? {
        return Err(BookingError::NotFound);
    }
    if staff_busy(&mut tx, g.staff_id, g.starts_at, g.blocks_until, 0).await? {
        return Err(BookingError::Taken);
    }
    let id: i64 = query_scalar(
        "INSERT INTO group_sessions (session_type_id, staff_id, starts_at, ends_at, blocks_until, seats, place, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(g.session_type_id)
    .bind(g.staff_id)
    .bind(g.starts_at)
    .bind(g.ends_at)
    .bind(g.blocks_until)
    .bind(g.seats)
    .bind(g.place)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether a staff viewer may act on a booking: theirs, or they are an administrator.
fn staff_may(viewer: &StaffViewer, b: &BookingRecord) -> bool {
    viewer.is_admin || viewer.id == b.staff_id
}

/// Cancels a booking and offers the freed time to the waitlist.
pub async fn cancel_booking(
    db: &Db,
    id: i64,
    by: &Canceller,
    now: i64,
    compose: Compose<'_>,
) -> Result<BookingRecord, BookingError> {
    let (mut tx, b) = begin_with_booking(db, id, now, compose).await?;
    match by {
        Canceller::Youth(youth_id) => {
            if b.youth_id != *youth_id {
                return Err(BookingError::NotFound);
            }
            if b.status == BookingStatus::Booked && now > b.change_deadline() {
                return Err(BookingError::TooLate {
                    staff_name: b.staff_name,
                    staff_phone: b.staff_phone,
                });
            }
        }
        Canceller::Staff(viewer, _) => {
            if !staff_may(viewer, &b) {
                return Err(BookingError::NotFound);
            }
        }
    }
    if b.status != BookingStatus::Booked || b.starts_at <= now {
        return Err(BookingError::Status);
    }
    lock_slot(&mut tx, b.staff_id, b.group_session_id).await?;
    let (actor, message, by_staff) = match by {
        Canceller::Youth(youth_id) => (*youth_id, None, false),
        Canceller::Staff(viewer, message) => (viewer.id, Some(message.as_str()), true),
    };
    let changed = query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3, cancel_message = $4, \
         cancelled_by_staff = $5 WHERE id = $1 AND status = 'booked'",
    )
    .bind(id)
    .bind(now)
    .bind(actor)
    .bind(message)
    .bind(by_staff)
    .execute(&mut tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(BookingError::Status);
    }
    if let Canceller::Staff(viewer, message) = by {
        record(&mut tx, viewer.id, b.youth_id, AUDIT_CANCEL_BOOKING, now).await?;
        let kind = MessageKind::CancelledByStaff(message.clone());
        tell_youth(&mut tx, id, kind, now, compose).await?;
    }
    offer_freed(&mut tx, FreeSlot::from(&b), now, compose).await?;
    reloaded(tx, id).await
}

/// Moves the young person's booking to another time (and perhaps staff member).
pub async fn move_booking(
    db: &Db,
    m: Move,
    now: i64,
    compose: Compose<'_>,
) -> Result<BookingRecord, BookingError> {
    let (mut tx, b) = begin_with_booking(db, m.id, now, compose).await?;
    if b.youth_id != m.youth_id {
        return Err(BookingError::NotFound);
    }
    if b.status != BookingStatus::Booked || b.group_session_id.is_some() || b.starts_at <= now {
        return Err(BookingError::Status);
    }
    if now > b.change_deadline() {
        return Err(BookingError::TooLate {
            staff_name: b.staff_name,
            staff_phone: b.staff_phone,
        });
    }
    // Staff rows in id order, then the young person's: the same order as every booking.
    let (first, second) = (b.staff_id.min(m.staff_id), b.staff_id.max(m.staff_id));
    lock_slot(&mut tx, first, None).await?;
    if !lock_slot(&mut tx, second, None).await? {
        return Err(BookingError::NotFound);
    }
    if staff_busy(&mut tx, m.staff_id, m.starts_at, m.blocks_until, m.id).await? {
        return Err(BookingError::Taken);
    }
    if !lock_youth(&mut tx, m.youth_id).await? {
        return Err(sqlx::Error::RowNotFound.into());
    }
    if youth_overlaps(&mut tx, m.youth_id, m.starts_at, m.ends_at, m.id).await? {
        return Err(BookingError::YouthOverlap);
    }
    let moved = query(
        "UPDATE bookings SET staff_id = $2, starts_at = $3, ends_at = $4, blocks_until = $5, reminded_at = NULL \
         WHERE id = $1 AND status = 'booked'",
    )
    .bind(m.id)
    .bind(m.staff_id)
    .bind(m.starts_at)
    .bind(m.ends_at)
    .bind(m.blocks_until)
    .execute(&mut tx)
    .await;
    match moved {
        Ok(r) if r.rows_affected() == 1 => {}
        Ok(_) => return Err(BookingError::Status),
        Err(e) if is_unique(&e) => return Err(BookingError::Taken),
        Err(e) => return Err(e.into()),
    }
    offer_freed(&mut tx, FreeSlot::from(&b), now, compose).await?;
    reloaded(tx, m.id).await
}

fn is_unique(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// A staff member's own bookings (each young person's name and note, whoever
/// they are) and group sessions starting in [from, to); each young person
/// shown is audited.
pub async fn staff_bookings(
    db: &Db,
    viewer: StaffViewer,
    from: i64,
    to: i64,
    now: i64,
) -> Result<StaffDay, sqlx::Error> {
    let sql = format!(
        "{BOOKING_SELECT} WHERE b.staff_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 \
         AND b.status IN ('offered', 'booked', 'attended', 'no_show') \
         ORDER BY b.starts_at, b.id"
    );
    // Their own bookings: the booking is the purpose, so the booked
    // staff member sees the name and the note whoever the young person
    // is (not their record: `STAFF_CAN_SEE_YOUTH` decides that).
    let rows = staff_rows(db, &sql, viewer.id, from, to).await?;
    let bookings = rows.iter().map(booking_of).collect::<Result<Vec<_>, _>>()?;
    let seen: std::collections::BTreeSet<i64> = bookings.iter().map(|b| b.youth_id).collect();
    let seen: Vec<i64> = seen.into_iter().collect();
    let sql = format!(
        "{GROUP_SELECT} WHERE g.staff_id = $1 AND g.starts_at >= $2 AND g.starts_at < $3 \
         ORDER BY g.starts_at, g.id"
    );
    let rows = staff_rows(db, &sql, viewer.id, from, to).await?;
    let groups = rows.iter().map(group_of).collect::<Result<Vec<_>, _>>()?;
    // A read, not a write: the audit entries are committed with those of
    // concurrent reads (`record_read`), after the read and before the answer.
    let messages = query_as(STAFF_MESSAGES)
        .bind(viewer.id)
        .bind(from)
        .bind(to)
        .fetch_all(db)
        .await?;
    record_read(db, viewer.id, &seen, AUDIT_LIST_BOOKINGS, now).await?;
    Ok(StaffDay {
        bookings,
        groups,
        messages,
    })
}

/// The latest reminder or offer of each of a staff member's (`$1`) bookings
/// starting in [`$2`, `$3`) (read by its column names): neither text nor address.
const STAFF_MESSAGES: &str = "SELECT m.booking_id, m.kind, o.channel, o.status, \
     COALESCE(o.delivered_at, o.sent_at, o.created_at) AS at \
     FROM bookings b JOIN booking_messages m ON m.booking_id = b.id JOIN outbox o ON o.id = m.outbox_id \
     WHERE b.staff_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 \
     AND b.status IN ('offered', 'booked', 'attended', 'no_show') \
     AND m.outbox_id = (SELECT MAX(l.outbox_id) FROM booking_messages l WHERE l.booking_id = b.id)";

/// The rows of `sql`, whose `$1` is a staff member and `$2`, `$3` a time range.
async fn staff_rows(
    db: &Db,
    sql: &str,
    staff_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    query(sql)
        .bind(staff_id)
        .bind(from)
        .bind(to)
        .fetch_all(db)
        .await
}

/// Marks a started booking attended or no-show (the booked staff member or an administrator).
pub async fn mark_attendance(
    db: &Db,
    id: i64,
    viewer: StaffViewer,
    attended: bool,
    now: i64,
) -> Result<BookingRecord, BookingError> {
    let mut tx = begin_write(db).await?;
    let b = booking_in(&mut tx, id).await?;
    if !staff_may(&viewer, &b) {
        return Err(BookingError::NotFound);
    }
    let changed = query(
        "UPDATE bookings SET status = $2 WHERE id = $1 \
         AND status IN ('booked', 'attended', 'no_show') AND starts_at <= $3",
    )
    .bind(id)
    .bind(if attended { "attended" } else { "no_show" })
    .bind(now)
    .execute(&mut tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(BookingError::Status);
    }
    record(&mut tx, viewer.id, b.youth_id, AUDIT_ATTENDANCE, now).await?;
    reloaded(tx, id).await
}
