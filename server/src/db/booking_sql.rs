//! The booking SQL, written once for both engines and compiled for each by
//! `booking_queries!(Engine, LOCK)` in [`super::sqlite`] and [`super::postgres`]:
//! `LOCK` is `""` on SQLite (the whole write transaction is the lock) and
//! `" FOR UPDATE"` on PostgreSQL (row locks taken before the checks). See
//! [`super::booking`] for the invariants.
//!
//! The reads of every free-times request (whether offers are due to lapse, the
//! session type, the staff's availability) are plain SQL here, outside the
//! macro, with their rows decoded through [`super::Columns`]: SQLite runs them
//! through rusqlite (`sqlite_read`), PostgreSQL through sqlx.

use super::Columns;
use super::booking::{SessionTypeRecord, StaffAvailability};

/// A session type's columns, decoded by [`session_type_of`].
pub(super) const SESSION_TYPE_COLUMNS: &str = "id, name, profession, description, length_minutes, buffer_minutes, \
     bookable_days_ahead, notice_minutes, cancel_hours, max_active_bookings, is_group";

/// One session type by id (`$1`).
pub(super) fn session_type_sql() -> String {
    format!("SELECT {SESSION_TYPE_COLUMNS} FROM session_types WHERE id = $1")
}

/// A row of [`SESSION_TYPE_COLUMNS`].
pub(super) fn session_type_of(row: &dyn Columns) -> Result<SessionTypeRecord, sqlx::Error> {
    Ok(SessionTypeRecord {
        id: row.int_required(0)?,
        name: row.text_required(1)?,
        profession: super::parse_profession(&row.text_required(2)?)?,
        description: row.text_required(3)?,
        length_minutes: row.int_required(4)?,
        buffer_minutes: row.int_required(5)?,
        bookable_days_ahead: row.int_required(6)?,
        notice_minutes: row.int_required(7)?,
        cancel_hours: row.int_required(8)?,
        max_active_bookings: row.int_required(9)?,
        is_group: row.flag_required(10)?,
    })
}

/// How many offers have lapsed by `$1` and wait to be passed on.
pub(super) const HOLDS_DUE_SQL: &str =
    "SELECT COUNT(*) FROM bookings WHERE status = 'offered' AND hold_expires_at <= $1";

/// The availability of the staff of a profession (`$1`; `$2` one of them, or
/// NULL for all) between `$3` and `$4`, in one statement: rows of four kinds,
/// told apart by the first column, with the staff member's id second:
/// - 's': a staff member and their name;
/// - 'w': an opening-hours window (weekday, start minute, end minute);
/// - 'o': time off (start, end);
/// - 'b': an occupied time, a booking or a group session (start, end of its buffer).
///
/// Decoded by [`push_availability_row`] and [`AvailabilityRows::staff`].
pub(super) const AVAILABILITY_SQL: &str = "WITH who AS (SELECT s.account_id AS id FROM staff s \
     WHERE s.profession = $1 AND ($2 IS NULL OR s.account_id = $2)) \
     SELECT 's', s.account_id, a.name, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) \
     FROM staff s JOIN accounts a ON a.id = s.account_id WHERE s.account_id IN (SELECT id FROM who) \
     UNION ALL SELECT 'w', staff_id, CAST(NULL AS TEXT), weekday, start_minute, end_minute \
     FROM opening_hours WHERE staff_id IN (SELECT id FROM who) \
     UNION ALL SELECT 'o', staff_id, CAST(NULL AS TEXT), starts_at, ends_at, CAST(NULL AS BIGINT) \
     FROM time_off WHERE staff_id IN (SELECT id FROM who) AND ends_at > $3 AND starts_at < $4 \
     UNION ALL SELECT 'b', staff_id, CAST(NULL AS TEXT), starts_at, blocks_until, CAST(NULL AS BIGINT) \
     FROM bookings WHERE staff_id IN (SELECT id FROM who) AND group_session_id IS NULL \
     AND status IN ('offered', 'booked', 'attended', 'no_show') AND blocks_until > $3 AND starts_at < $4 \
     UNION ALL SELECT 'b', staff_id, CAST(NULL AS TEXT), starts_at, blocks_until, CAST(NULL AS BIGINT) \
     FROM group_sessions WHERE staff_id IN (SELECT id FROM who) AND blocks_until > $3 AND starts_at < $4";

/// The rows of [`AVAILABILITY_SQL`], gathered.
#[derive(Default)]
pub(super) struct AvailabilityRows(Vec<StaffAvailability>);

/// Adds one row of [`AVAILABILITY_SQL`] (rows of staff first or not: any order).
pub(super) fn push_availability_row(
    out: &mut AvailabilityRows,
    r: &dyn Columns,
) -> Result<(), sqlx::Error> {
    let kind = r.text_required(0)?;
    let id = r.int_required(1)?;
    let index = match out.0.iter().position(|s| s.id == id) {
        Some(index) => index,
        None => {
            out.0.push(StaffAvailability {
                id,
                name: String::new(),
                windows: Vec::new(),
                time_off: Vec::new(),
                busy: Vec::new(),
            });
            out.0.len() - 1
        }
    };
    let staff = &mut out.0[index];
    let small = |v: i64| {
        u16::try_from(v).map_err(|_| {
            sqlx::Error::Decode(format!("{v} is out of range for an opening hour").into())
        })
    };
    match kind.as_str() {
        "s" => staff.name = r.text_required(2)?,
        "w" => staff.windows.push((
            small(r.int_required(3)?)? as u8,
            small(r.int_required(4)?)?,
            small(r.int_required(5)?)?,
        )),
        "o" => staff
            .time_off
            .push((r.int_required(3)?, r.int_required(4)?)),
        _ => staff.busy.push((r.int_required(3)?, r.int_required(4)?)),
    }
    Ok(())
}

impl AvailabilityRows {
    /// The staff who have opening hours, by name (then id), each with their
    /// windows in weekday and start order.
    pub(super) fn staff(self) -> Vec<StaffAvailability> {
        let mut staff: Vec<StaffAvailability> = self
            .0
            .into_iter()
            .filter(|s| !s.windows.is_empty())
            .collect();
        for s in &mut staff {
            s.windows.sort_unstable();
        }
        staff.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        staff
    }
}

macro_rules! booking_queries {
    ($engine:ty, $lock:literal) => {
        use lotsen_api::booking::OFFER_HOLD_MINUTES;
        use lotsen_api::booking::SessionTypeInput;

        use super::booking::{
            AUDIT_ATTENDANCE, AUDIT_BOOK_FOR_YOUTH, AUDIT_CANCEL_BOOKING, AUDIT_LIST_BOOKINGS, BookingError,
            BookingInsert, BookingRecord, Canceller, Compose, FreeSlot, GroupRecord, MessageFacts,
            MessageKind, SessionTypeRecord, WaitlistRecord, parse_booking_status,
        };
        use super::booking_sql::{SESSION_TYPE_COLUMNS, session_type_of};

        type BRow = <$engine as sqlx::Database>::Row;

        const BOOKING_SELECT: &str = "SELECT b.id, b.status, b.session_type_id, t.name, t.profession, b.staff_id, sa.name, sa.phone, \
             b.youth_id, ya.name, b.starts_at, b.ends_at, b.note, b.group_session_id, g.place, b.hold_expires_at, \
             b.cancel_message, b.cancelled_by_staff, t.cancel_hours \
             FROM bookings b JOIN session_types t ON t.id = b.session_type_id JOIN accounts sa ON sa.id = b.staff_id \
             JOIN accounts ya ON ya.id = b.youth_id LEFT JOIN group_sessions g ON g.id = b.group_session_id";

        fn booking_of(row: &BRow) -> Result<BookingRecord, sqlx::Error> {
            Ok(BookingRecord {
                id: row.try_get(0)?,
                status: parse_booking_status(&row.try_get::<String, _>(1)?)?,
                session_type_id: row.try_get(2)?,
                session_type_name: row.try_get(3)?,
                profession: parse_profession(&row.try_get::<String, _>(4)?)?,
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

        const GROUP_SELECT: &str = "SELECT g.id, g.session_type_id, g.staff_id, a.name, g.starts_at, g.ends_at, g.seats, \
             (SELECT COUNT(*) FROM bookings b WHERE b.group_session_id = g.id \
              AND b.status IN ('offered', 'booked', 'attended', 'no_show')), g.place \
             FROM group_sessions g JOIN accounts a ON a.id = g.staff_id";

        fn group_of(row: &BRow) -> Result<GroupRecord, sqlx::Error> {
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

        async fn load_booking(conn: &mut Conn, id: i64) -> Result<Option<BookingRecord>, sqlx::Error> {
            let sql = format!("{BOOKING_SELECT} WHERE b.id = $1");
            let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?;
            row.as_ref().map(booking_of).transpose()
        }

        /// Writes the message about booking `id` (kind `kind`) if `compose` makes one.
        async fn tell_youth(tx: &mut Tx, id: i64, kind: MessageKind, now: i64, compose: Compose<'_>) -> Result<(), sqlx::Error> {
            let Some(b) = load_booking(&mut *tx, id).await? else {
                return Ok(());
            };
            let email: Option<String> = sqlx::query_scalar("SELECT email FROM accounts WHERE id = $1")
                .bind(b.youth_id)
                .fetch_one(&mut **tx)
                .await?;
            let facts = MessageFacts {
                kind,
                youth_id: b.youth_id,
                youth_name: b.youth_name,
                youth_email: email,
                staff_name: b.staff_name,
                session_type_name: b.session_type_name,
                starts_at: b.starts_at,
                hold_expires_at: b.hold_expires_at,
                place: b.place,
            };
            if let Some(message) = compose(&facts) {
                write_outbox(tx, b.youth_id, &message, now).await?;
            }
            Ok(())
        }

        /// Takes the lock of what a time competes for: the group session's row, or the staff member's.
        async fn lock_slot(tx: &mut Tx, staff_id: i64, group_session_id: Option<i64>) -> Result<bool, sqlx::Error> {
            let found: Option<i64> = match group_session_id {
                Some(group) => sqlx::query_scalar(concat!("SELECT id FROM group_sessions WHERE id = $1", $lock))
                    .bind(group)
                    .fetch_optional(&mut **tx)
                    .await?,
                None => sqlx::query_scalar(concat!("SELECT account_id FROM staff WHERE account_id = $1", $lock))
                    .bind(staff_id)
                    .fetch_optional(&mut **tx)
                    .await?,
            };
            Ok(found.is_some())
        }

        /// Whether the staff member is busy (bookings with their buffers, group sessions) in [start, until).
        async fn staff_busy(tx: &mut Tx, staff_id: i64, start: i64, until: i64, exclude: i64) -> Result<bool, sqlx::Error> {
            let bookings: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM bookings WHERE staff_id = $1 AND group_session_id IS NULL \
                 AND status IN ('offered', 'booked', 'attended', 'no_show') AND id <> $4 \
                 AND starts_at < $3 AND blocks_until > $2",
            )
            .bind(staff_id)
            .bind(start)
            .bind(until)
            .bind(exclude)
            .fetch_one(&mut **tx)
            .await?;
            let groups: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM group_sessions WHERE staff_id = $1 AND starts_at < $3 AND blocks_until > $2",
            )
            .bind(staff_id)
            .bind(start)
            .bind(until)
            .fetch_one(&mut **tx)
            .await?;
            Ok(bookings + groups > 0)
        }

        /// Checks every invariant under the locks and inserts; `exclude` is a booking
        /// being moved (0 for none). `status` is `booked` or `offered` (with `hold`).
        async fn insert_booking(
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
                    let seats: i64 = sqlx::query_scalar("SELECT seats FROM group_sessions WHERE id = $1")
                        .bind(group)
                        .fetch_one(&mut **tx)
                        .await?;
                    let taken: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM bookings WHERE group_session_id = $1 \
                         AND status IN ('offered', 'booked', 'attended', 'no_show')",
                    )
                    .bind(group)
                    .fetch_one(&mut **tx)
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
            let youth: Option<i64> = sqlx::query_scalar(concat!("SELECT account_id FROM youth WHERE account_id = $1", $lock))
                .bind(b.youth_id)
                .fetch_optional(&mut **tx)
                .await?;
            if youth.is_none() {
                return Err(BookingError::NotFound);
            }
            if youth_overlaps(tx, b.youth_id, b.starts_at, b.ends_at, 0).await? {
                return Err(BookingError::YouthOverlap);
            }
            if let Some(max) = b.max_active {
                let active: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM bookings WHERE youth_id = $1 AND session_type_id = $2 \
                     AND status IN ('offered', 'booked') AND starts_at > $3",
                )
                .bind(b.youth_id)
                .bind(b.session_type_id)
                .bind(now)
                .fetch_one(&mut **tx)
                .await?;
                if active >= max {
                    return Err(BookingError::Limit);
                }
            }
            let id: Option<i64> = sqlx::query_scalar(
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
            .fetch_optional(&mut **tx)
            .await?;
            let id = id.ok_or(BookingError::Taken)?;
            if let Some(actor) = b.audit_actor {
                audit(tx, actor, b.youth_id, AUDIT_BOOK_FOR_YOUTH, now).await?;
            }
            Ok(id)
        }

        async fn youth_overlaps(tx: &mut Tx, youth_id: i64, start: i64, end: i64, exclude: i64) -> Result<bool, sqlx::Error> {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM bookings WHERE youth_id = $1 \
                 AND status IN ('offered', 'booked', 'attended', 'no_show') AND id <> $4 \
                 AND starts_at < $3 AND ends_at > $2",
            )
            .bind(youth_id)
            .bind(start)
            .bind(end)
            .bind(exclude)
            .fetch_one(&mut **tx)
            .await?;
            Ok(n > 0)
        }

        /// A time that was freed: offered to the first in line who can take it
        /// (not busy then, under the limit), held for [`OFFER_HOLD_MINUTES`].
        /// Whether it was offered to someone.
        async fn offer_freed(tx: &mut Tx, freed: FreeSlot, now: i64, compose: Compose<'_>) -> Result<bool, BookingError> {
            if freed.starts_at <= now {
                return Ok(false);
            }
            let (max_active, buffer_minutes): (i64, i64) =
                sqlx::query_as("SELECT max_active_bookings, buffer_minutes FROM session_types WHERE id = $1")
                    .bind(freed.session_type_id)
                    .fetch_one(&mut **tx)
                    .await?;
            let blocks_until = freed.ends_at + buffer_minutes * 60;
            let line: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT id, youth_id FROM waitlist WHERE session_type_id = $1 AND status = 'waiting' \
                 AND (staff_id IS NULL OR staff_id = $2) ORDER BY id LIMIT 100",
            )
            .bind(freed.session_type_id)
            .bind(freed.staff_id)
            .fetch_all(&mut **tx)
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
                        sqlx::query("UPDATE waitlist SET status = 'offered', offer_booking_id = $2, updated_at = $3 WHERE id = $1")
                            .bind(entry)
                            .bind(id)
                            .bind(now)
                            .execute(&mut **tx)
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

        /// Lapses expired offers inside `tx`, passing each time on.
        async fn expire_holds_in(tx: &mut Tx, now: i64, compose: Compose<'_>) -> Result<usize, BookingError> {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM bookings WHERE status = 'offered' AND hold_expires_at <= $1 ORDER BY hold_expires_at, id",
            )
            .bind(now)
            .fetch_all(&mut **tx)
            .await?;
            let mut lapsed = 0;
            for id in ids {
                let Some(b) = load_booking(&mut *tx, id).await? else {
                    continue;
                };
                lock_slot(tx, b.staff_id, b.group_session_id).await?;
                let changed = sqlx::query("UPDATE bookings SET status = 'lapsed' WHERE id = $1 AND status = 'offered'")
                    .bind(id)
                    .execute(&mut **tx)
                    .await?
                    .rows_affected();
                if changed == 0 {
                    continue;
                }
                lapsed += 1;
                sqlx::query("UPDATE waitlist SET status = 'lapsed', updated_at = $2 WHERE offer_booking_id = $1 AND status = 'offered'")
                    .bind(id)
                    .bind(now)
                    .execute(&mut **tx)
                    .await?;
                offer_freed(tx, FreeSlot::from(&b), now, compose).await?;
            }
            Ok(lapsed)
        }

        fn db_error(e: BookingError) -> sqlx::Error {
            match e {
                BookingError::Db(e) => e,
                other => sqlx::Error::Protocol(format!("unexpected refusal while passing on offers: {other}")),
            }
        }

        pub(super) async fn list_session_types(pool: &Pool, profession: Option<&str>) -> Result<Vec<SessionTypeRecord>, sqlx::Error> {
            let sql = format!(
                "SELECT {SESSION_TYPE_COLUMNS} FROM session_types WHERE ($1 IS NULL OR profession = $1) ORDER BY profession, name, id"
            );
            let rows = sqlx::query(&sql).bind(profession).fetch_all(pool).await?;
            rows.into_iter().map(|row| session_type_of(&super::sql::Row::from(row))).collect()
        }

        pub(super) async fn create_session_type(pool: &Pool, t: &SessionTypeInput, actor: i64, now: i64) -> Result<i64, sqlx::Error> {
            sqlx::query_scalar(
                "INSERT INTO session_types (name, profession, description, length_minutes, buffer_minutes, \
                 bookable_days_ahead, notice_minutes, cancel_hours, max_active_bookings, is_group, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(&t.name)
            .bind(t.profession.as_str())
            .bind(&t.description)
            .bind(i64::from(t.length_minutes))
            .bind(i64::from(t.buffer_minutes))
            .bind(i64::from(t.bookable_days_ahead))
            .bind(i64::from(t.notice_minutes))
            .bind(i64::from(t.cancel_hours))
            .bind(i64::from(t.max_active_bookings))
            .bind(t.group)
            .bind(actor)
            .bind(now)
            .fetch_one(pool)
            .await
        }

        pub(super) async fn update_session_type(pool: &Pool, id: i64, t: &SessionTypeInput) -> Result<bool, sqlx::Error> {
            let changed = sqlx::query(
                "UPDATE session_types SET name = $2, profession = $3, description = $4, length_minutes = $5, \
                 buffer_minutes = $6, bookable_days_ahead = $7, notice_minutes = $8, cancel_hours = $9, \
                 max_active_bookings = $10, is_group = $11 WHERE id = $1",
            )
            .bind(id)
            .bind(&t.name)
            .bind(t.profession.as_str())
            .bind(&t.description)
            .bind(i64::from(t.length_minutes))
            .bind(i64::from(t.buffer_minutes))
            .bind(i64::from(t.bookable_days_ahead))
            .bind(i64::from(t.notice_minutes))
            .bind(i64::from(t.cancel_hours))
            .bind(i64::from(t.max_active_bookings))
            .bind(t.group)
            .execute(pool)
            .await?
            .rows_affected();
            Ok(changed > 0)
        }

        pub(super) async fn bookable_staff(pool: &Pool, profession: Option<&str>) -> Result<Vec<(i64, String, Profession)>, sqlx::Error> {
            let rows: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT s.account_id, a.name, s.profession FROM staff s JOIN accounts a ON a.id = s.account_id \
                 WHERE ($1 IS NULL OR s.profession = $1) \
                 AND EXISTS (SELECT 1 FROM opening_hours h WHERE h.staff_id = s.account_id) ORDER BY a.name, s.account_id",
            )
            .bind(profession)
            .fetch_all(pool)
            .await?;
            rows.into_iter()
                .map(|(id, name, p)| Ok((id, name, parse_profession(&p)?)))
                .collect()
        }

        pub(super) async fn opening_hours(pool: &Pool, staff_id: i64) -> Result<Vec<(u8, u16, u16)>, sqlx::Error> {
            let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
                "SELECT weekday, start_minute, end_minute FROM opening_hours WHERE staff_id = $1 ORDER BY weekday, start_minute",
            )
            .bind(staff_id)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|(d, s, e)| (d as u8, s as u16, e as u16)).collect())
        }

        pub(super) async fn set_opening_hours(pool: &Pool, staff_id: i64, windows: &[(u8, u16, u16)]) -> Result<(), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            sqlx::query("DELETE FROM opening_hours WHERE staff_id = $1")
                .bind(staff_id)
                .execute(&mut *tx)
                .await?;
            for (day, start, end) in windows {
                sqlx::query("INSERT INTO opening_hours (staff_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)")
                    .bind(staff_id)
                    .bind(i64::from(*day))
                    .bind(i64::from(*start))
                    .bind(i64::from(*end))
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        }

        pub(super) async fn time_off(pool: &Pool, staff_id: i64, now: i64) -> Result<Vec<(i64, i64, i64, Option<String>)>, sqlx::Error> {
            sqlx::query_as(
                "SELECT id, starts_at, ends_at, reason FROM time_off WHERE staff_id = $1 AND ends_at > $2 ORDER BY starts_at, id",
            )
            .bind(staff_id)
            .bind(now)
            .fetch_all(pool)
            .await
        }

        pub(super) async fn add_time_off(pool: &Pool, staff_id: i64, starts_at: i64, ends_at: i64, reason: Option<&str>) -> Result<i64, sqlx::Error> {
            sqlx::query_scalar("INSERT INTO time_off (staff_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(staff_id)
                .bind(starts_at)
                .bind(ends_at)
                .bind(reason)
                .fetch_one(pool)
                .await
        }

        pub(super) async fn delete_time_off(pool: &Pool, staff_id: i64, id: i64) -> Result<bool, sqlx::Error> {
            let n = sqlx::query("DELETE FROM time_off WHERE id = $1 AND staff_id = $2")
                .bind(id)
                .bind(staff_id)
                .execute(pool)
                .await?
                .rows_affected();
            Ok(n > 0)
        }

        pub(super) async fn group_sessions(
            pool: &Pool,
            session_type_id: i64,
            staff_id: Option<i64>,
            from: i64,
            to: i64,
        ) -> Result<Vec<GroupRecord>, sqlx::Error> {
            let sql = format!(
                "{GROUP_SELECT} WHERE g.session_type_id = $1 AND ($2 IS NULL OR g.staff_id = $2) \
                 AND g.starts_at >= $3 AND g.starts_at < $4 ORDER BY g.starts_at, g.id"
            );
            let rows = sqlx::query(&sql)
                .bind(session_type_id)
                .bind(staff_id)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?;
            rows.iter().map(group_of).collect()
        }

        pub(super) async fn group_session(pool: &Pool, id: i64) -> Result<Option<GroupRecord>, sqlx::Error> {
            let sql = format!("{GROUP_SELECT} WHERE g.id = $1");
            let row = sqlx::query(&sql).bind(id).fetch_optional(pool).await?;
            row.as_ref().map(group_of).transpose()
        }

        #[allow(clippy::too_many_arguments)]
        pub(super) async fn create_group_session(
            pool: &Pool,
            session_type_id: i64,
            staff_id: i64,
            starts_at: i64,
            ends_at: i64,
            blocks_until: i64,
            seats: i64,
            place: Option<&str>,
            now: i64,
        ) -> Result<i64, BookingError> {
            let mut tx = begin_write(pool).await?;
            if !lock_slot(&mut tx, staff_id, None).await? {
                return Err(BookingError::NotFound);
            }
            if staff_busy(&mut tx, staff_id, starts_at, blocks_until, 0).await? {
                return Err(BookingError::Taken);
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO group_sessions (session_type_id, staff_id, starts_at, ends_at, blocks_until, seats, place, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(session_type_id)
            .bind(staff_id)
            .bind(starts_at)
            .bind(ends_at)
            .bind(blocks_until)
            .bind(seats)
            .bind(place)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(id)
        }

        pub(super) async fn book(pool: &Pool, b: &BookingInsert, now: i64, compose: Compose<'_>) -> Result<i64, BookingError> {
            let mut tx = begin_write(pool).await?;
            expire_holds_in(&mut tx, now, compose).await?;
            let id = insert_booking(&mut tx, b, "booked", None, now).await?;
            // Booking what one waited for ends the wait.
            sqlx::query("UPDATE waitlist SET status = 'booked', updated_at = $3 WHERE youth_id = $1 AND session_type_id = $2 AND status = 'waiting'")
                .bind(b.youth_id)
                .bind(b.session_type_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(id)
        }

        pub(super) async fn booking(pool: &Pool, id: i64) -> Result<Option<BookingRecord>, sqlx::Error> {
            let mut conn = pool.acquire().await?;
            load_booking(&mut conn, id).await
        }

        pub(super) async fn youth_bookings(pool: &Pool, youth_id: i64) -> Result<Vec<BookingRecord>, sqlx::Error> {
            let sql = format!("{BOOKING_SELECT} WHERE b.youth_id = $1 ORDER BY b.starts_at, b.id");
            let rows = sqlx::query(&sql).bind(youth_id).fetch_all(pool).await?;
            rows.iter().map(booking_of).collect()
        }

        pub(super) async fn youth_waitlist(pool: &Pool, youth_id: i64) -> Result<Vec<WaitlistRecord>, sqlx::Error> {
            let rows: Vec<(i64, i64, String, Option<i64>, Option<String>, i64, i64)> = sqlx::query_as(
                "SELECT w.id, w.session_type_id, t.name, w.staff_id, a.name, w.created_at, \
                 (SELECT COUNT(*) FROM waitlist o WHERE o.session_type_id = w.session_type_id \
                  AND o.status = 'waiting' AND o.id <= w.id) \
                 FROM waitlist w JOIN session_types t ON t.id = w.session_type_id LEFT JOIN accounts a ON a.id = w.staff_id \
                 WHERE w.youth_id = $1 AND w.status = 'waiting' ORDER BY w.id",
            )
            .bind(youth_id)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(id, session_type_id, session_type_name, staff_id, staff_name, joined_at, position)| WaitlistRecord {
                    id,
                    session_type_id,
                    session_type_name,
                    staff_id,
                    staff_name,
                    joined_at,
                    position,
                })
                .collect())
        }

        /// Whether a staff viewer may act on a booking: theirs, or they are an administrator.
        fn staff_may(viewer: &StaffViewer, b: &BookingRecord) -> bool {
            viewer.is_admin || viewer.id == b.staff_id
        }

        pub(super) async fn cancel_booking(
            pool: &Pool,
            id: i64,
            by: &Canceller,
            now: i64,
            compose: Compose<'_>,
        ) -> Result<BookingRecord, BookingError> {
            let mut tx = begin_write(pool).await?;
            expire_holds_in(&mut tx, now, compose).await?;
            let b = load_booking(&mut *tx, id).await?.ok_or(BookingError::NotFound)?;
            match by {
                Canceller::Youth(youth_id) => {
                    if b.youth_id != *youth_id {
                        return Err(BookingError::NotFound);
                    }
                    if b.status == lotsen_api::booking::BookingStatus::Booked && now > b.change_deadline() {
                        return Err(BookingError::TooLate { staff_name: b.staff_name, staff_phone: b.staff_phone });
                    }
                }
                Canceller::Staff(viewer, _) => {
                    if !staff_may(viewer, &b) {
                        return Err(BookingError::NotFound);
                    }
                }
            }
            if b.status != lotsen_api::booking::BookingStatus::Booked || b.starts_at <= now {
                return Err(BookingError::Status);
            }
            lock_slot(&mut tx, b.staff_id, b.group_session_id).await?;
            let (actor, message, by_staff) = match by {
                Canceller::Youth(youth_id) => (*youth_id, None, false),
                Canceller::Staff(viewer, message) => (viewer.id, Some(message.as_str()), true),
            };
            let changed = sqlx::query(
                "UPDATE bookings SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3, cancel_message = $4, \
                 cancelled_by_staff = $5 WHERE id = $1 AND status = 'booked'",
            )
            .bind(id)
            .bind(now)
            .bind(actor)
            .bind(message)
            .bind(by_staff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(BookingError::Status);
            }
            if let Canceller::Staff(viewer, message) = by {
                audit(&mut tx, viewer.id, b.youth_id, AUDIT_CANCEL_BOOKING, now).await?;
                tell_youth(&mut tx, id, MessageKind::CancelledByStaff(message.clone()), now, compose).await?;
            }
            offer_freed(&mut tx, FreeSlot::from(&b), now, compose).await?;
            let cancelled = load_booking(&mut *tx, id).await?.ok_or(BookingError::NotFound)?;
            tx.commit().await?;
            Ok(cancelled)
        }

        #[allow(clippy::too_many_arguments)]
        pub(super) async fn move_booking(
            pool: &Pool,
            id: i64,
            youth_id: i64,
            staff_id: i64,
            starts_at: i64,
            ends_at: i64,
            blocks_until: i64,
            now: i64,
            compose: Compose<'_>,
        ) -> Result<BookingRecord, BookingError> {
            let mut tx = begin_write(pool).await?;
            expire_holds_in(&mut tx, now, compose).await?;
            let b = load_booking(&mut *tx, id).await?.ok_or(BookingError::NotFound)?;
            if b.youth_id != youth_id {
                return Err(BookingError::NotFound);
            }
            if b.status != lotsen_api::booking::BookingStatus::Booked || b.group_session_id.is_some() || b.starts_at <= now {
                return Err(BookingError::Status);
            }
            if now > b.change_deadline() {
                return Err(BookingError::TooLate { staff_name: b.staff_name, staff_phone: b.staff_phone });
            }
            // Staff rows in id order, then the young person's: the same order as every booking.
            let (first, second) = (b.staff_id.min(staff_id), b.staff_id.max(staff_id));
            lock_slot(&mut tx, first, None).await?;
            if !lock_slot(&mut tx, second, None).await? {
                return Err(BookingError::NotFound);
            }
            if staff_busy(&mut tx, staff_id, starts_at, blocks_until, id).await? {
                return Err(BookingError::Taken);
            }
            sqlx::query_scalar::<_, i64>(concat!("SELECT account_id FROM youth WHERE account_id = $1", $lock))
                .bind(youth_id)
                .fetch_one(&mut *tx)
                .await?;
            if youth_overlaps(&mut tx, youth_id, starts_at, ends_at, id).await? {
                return Err(BookingError::YouthOverlap);
            }
            let moved = sqlx::query(
                "UPDATE bookings SET staff_id = $2, starts_at = $3, ends_at = $4, blocks_until = $5, reminded_at = NULL \
                 WHERE id = $1 AND status = 'booked'",
            )
            .bind(id)
            .bind(staff_id)
            .bind(starts_at)
            .bind(ends_at)
            .bind(blocks_until)
            .execute(&mut *tx)
            .await;
            match moved {
                Ok(r) if r.rows_affected() == 1 => {}
                Ok(_) => return Err(BookingError::Status),
                Err(e) if is_unique(&e) => return Err(BookingError::Taken),
                Err(e) => return Err(e.into()),
            }
            offer_freed(&mut tx, FreeSlot::from(&b), now, compose).await?;
            let moved = load_booking(&mut *tx, id).await?.ok_or(BookingError::NotFound)?;
            tx.commit().await?;
            Ok(moved)
        }

        fn is_unique(e: &sqlx::Error) -> bool {
            matches!(e, sqlx::Error::Database(d) if d.kind() == sqlx::error::ErrorKind::UniqueViolation)
        }

        pub(super) async fn answer_offer(
            pool: &Pool,
            id: i64,
            youth_id: i64,
            accept: bool,
            now: i64,
            compose: Compose<'_>,
        ) -> Result<BookingRecord, BookingError> {
            let mut tx = begin_write(pool).await?;
            expire_holds_in(&mut tx, now, compose).await?;
            let b = load_booking(&mut *tx, id).await?.ok_or(BookingError::NotFound)?;
            if b.youth_id != youth_id {
                return Err(BookingError::NotFound);
            }
            lock_slot(&mut tx, b.staff_id, b.group_session_id).await?;
            let (status, entry) = if accept { ("booked", "booked") } else { ("lapsed", "left") };
            let changed = sqlx::query(
                "UPDATE bookings SET status = $2, hold_expires_at = CASE WHEN $2 = 'booked' THEN NULL ELSE hold_expires_at END \
                 WHERE id = $1 AND status = 'offered' AND hold_expires_at > $3",
            )
            .bind(id)
            .bind(status)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(BookingError::Status);
            }
            sqlx::query("UPDATE waitlist SET status = $2, updated_at = $3 WHERE offer_booking_id = $1 AND status = 'offered'")
                .bind(id)
                .bind(entry)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if !accept {
                offer_freed(&mut tx, FreeSlot::from(&b), now, compose).await?;
            }
            let answered = load_booking(&mut *tx, id).await?.ok_or(BookingError::NotFound)?;
            tx.commit().await?;
            Ok(answered)
        }

        pub(super) async fn join_waitlist(
            pool: &Pool,
            youth_id: i64,
            session_type_id: i64,
            staff_id: Option<i64>,
            now: i64,
        ) -> Result<i64, BookingError> {
            let mut tx = begin_write(pool).await?;
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO waitlist (session_type_id, staff_id, youth_id, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'waiting', $4, $4) ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(session_type_id)
            .bind(staff_id)
            .bind(youth_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let id = id.ok_or(BookingError::AlreadyWaiting)?;
            tx.commit().await?;
            Ok(id)
        }

        pub(super) async fn leave_waitlist(pool: &Pool, id: i64, youth_id: i64, now: i64) -> Result<bool, sqlx::Error> {
            let n = sqlx::query("UPDATE waitlist SET status = 'left', updated_at = $3 WHERE id = $1 AND youth_id = $2 AND status = 'waiting'")
                .bind(id)
                .bind(youth_id)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected();
            Ok(n > 0)
        }

        pub(super) async fn staff_bookings(
            pool: &Pool,
            viewer: StaffViewer,
            from: i64,
            to: i64,
            now: i64,
        ) -> Result<(Vec<BookingRecord>, Vec<GroupRecord>), sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            let sql = format!(
                "{BOOKING_SELECT} WHERE b.staff_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3 \
                 AND b.status IN ('offered', 'booked', 'attended', 'no_show') \
                 ORDER BY b.starts_at, b.id"
            );
            // Their own bookings: the booking is the purpose, so the booked
            // staff member sees the name and the note whoever the young person
            // is (not their record: `STAFF_CAN_SEE_YOUTH` decides that).
            let rows = sqlx::query(&sql)
                .bind(viewer.id)
                .bind(from)
                .bind(to)
                .fetch_all(&mut *tx)
                .await?;
            let bookings = rows.iter().map(booking_of).collect::<Result<Vec<_>, _>>()?;
            let seen: std::collections::BTreeSet<i64> = bookings.iter().map(|b| b.youth_id).collect();
            let seen: Vec<i64> = seen.into_iter().collect();
            audit_all(&mut tx, viewer.id, &seen, AUDIT_LIST_BOOKINGS, now).await?;
            let sql = format!("{GROUP_SELECT} WHERE g.staff_id = $1 AND g.starts_at >= $2 AND g.starts_at < $3 ORDER BY g.starts_at, g.id");
            let rows = sqlx::query(&sql)
                .bind(viewer.id)
                .bind(from)
                .bind(to)
                .fetch_all(&mut *tx)
                .await?;
            let groups = rows.iter().map(group_of).collect::<Result<Vec<_>, _>>()?;
            tx.commit().await?;
            Ok((bookings, groups))
        }

        pub(super) async fn mark_attendance(
            pool: &Pool,
            id: i64,
            viewer: StaffViewer,
            attended: bool,
            now: i64,
        ) -> Result<BookingRecord, BookingError> {
            let mut tx = begin_write(pool).await?;
            let b = load_booking(&mut *tx, id).await?.ok_or(BookingError::NotFound)?;
            if !staff_may(&viewer, &b) {
                return Err(BookingError::NotFound);
            }
            let changed = sqlx::query(
                "UPDATE bookings SET status = $2 WHERE id = $1 AND status IN ('booked', 'attended', 'no_show') AND starts_at <= $3",
            )
            .bind(id)
            .bind(if attended { "attended" } else { "no_show" })
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(BookingError::Status);
            }
            audit(&mut tx, viewer.id, b.youth_id, AUDIT_ATTENDANCE, now).await?;
            let marked = load_booking(&mut *tx, id).await?.ok_or(BookingError::NotFound)?;
            tx.commit().await?;
            Ok(marked)
        }

        /// Passes on lapsed offers (`Db::expire_holds` first reads whether any are due).
        pub(super) async fn expire_holds(pool: &Pool, now: i64, compose: Compose<'_>) -> Result<usize, sqlx::Error> {
            let mut tx = begin_write(pool).await?;
            let lapsed = expire_holds_in(&mut tx, now, compose).await.map_err(db_error)?;
            tx.commit().await?;
            Ok(lapsed)
        }

        /// The individual session types someone waits for.
        pub(super) async fn waiting_session_types(pool: &Pool) -> Result<Vec<i64>, sqlx::Error> {
            sqlx::query_scalar(
                "SELECT DISTINCT w.session_type_id FROM waitlist w JOIN session_types t ON t.id = w.session_type_id \
                 WHERE w.status = 'waiting' AND t.is_group = $1 ORDER BY w.session_type_id",
            )
            .bind(false)
            .fetch_all(pool)
            .await
        }

        /// Offers free times of one session type, in the order given, each to the
        /// first in line who can take it, until nobody waits for the type; how many
        /// were offered. A time taken since it was computed is skipped. One write
        /// transaction per time, so that each takes its locks in the order a
        /// booking does (the staff member, then young people) and none waits on
        /// another's.
        pub(super) async fn offer_free_times(
            pool: &Pool,
            times: &[FreeSlot],
            now: i64,
            compose: Compose<'_>,
        ) -> Result<usize, sqlx::Error> {
            let mut offered = 0;
            for slot in times {
                let mut tx = begin_write(pool).await?;
                let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM waitlist WHERE session_type_id = $1 AND status = 'waiting'")
                    .bind(slot.session_type_id)
                    .fetch_one(&mut *tx)
                    .await?;
                if waiting == 0 {
                    break;
                }
                lock_slot(&mut tx, slot.staff_id, None).await?;
                if offer_freed(&mut tx, *slot, now, compose).await.map_err(db_error)? {
                    offered += 1;
                }
                tx.commit().await?;
            }
            Ok(offered)
        }

        pub(super) async fn send_reminders(pool: &Pool, from: i64, to: i64, now: i64, compose: Compose<'_>) -> Result<usize, sqlx::Error> {
            let due: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM bookings WHERE status = 'booked' AND reminded_at IS NULL AND starts_at >= $1 AND starts_at < $2 ORDER BY id",
            )
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?;
            let mut sent = 0;
            for id in due {
                let mut tx = begin_write(pool).await?;
                let claimed: Option<i64> = sqlx::query_scalar(
                    "UPDATE bookings SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL AND status = 'booked' RETURNING id",
                )
                .bind(id)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                if claimed.is_some() {
                    tell_youth(&mut tx, id, MessageKind::Reminder, now, compose).await?;
                    sent += 1;
                }
                tx.commit().await?;
            }
            Ok(sent)
        }
    };
}
