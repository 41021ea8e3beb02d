//! Session types, opening hours and time off, and the reads of every
//! free-times list (whether offers are due to lapse, the session type, the
//! staff's availability): those are plain SQL run in place
//! ([`crate::db::in_place`]), their rows decoded through [`Columns`], so that
//! SQLite runs them through rusqlite and PostgreSQL through sqlx.

use lotsen_api::account::Profession;
use lotsen_api::booking::{BookableStaff, SessionTypeInput};

use super::{FreeTimeReads, SessionTypeRecord, StaffAvailability, TimeOffRecord};
use crate::booking::rules::Window;
use crate::db::Db;
use crate::db::in_place::{InPlace, in_place};
use crate::db::sql::{Arg, Columns, Query, begin_write, query, query_as, query_scalar};

/// A session type's columns, decoded by [`session_type_of`].
const SESSION_TYPE_COLUMNS: &str = "id, name, profession, description, length_minutes, buffer_minutes, \
     bookable_days_ahead, notice_minutes, cancel_hours, max_active_bookings, is_group";

/// One session type by id (`$1`).
fn session_type_sql() -> String {
    format!("SELECT {SESSION_TYPE_COLUMNS} FROM session_types WHERE id = $1")
}

/// A row of [`SESSION_TYPE_COLUMNS`].
fn session_type_of(row: &dyn Columns) -> Result<SessionTypeRecord, sqlx::Error> {
    Ok(SessionTypeRecord {
        id: row.int_required(0)?,
        name: row.text_required(1)?,
        profession: crate::auth::store::parse_profession(&row.text_required(2)?)?,
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
const HOLDS_DUE_SQL: &str =
    "SELECT COUNT(*) FROM bookings WHERE status = 'offered' AND hold_expires_at <= $1";

/// The longest a booking or group session occupies its staff member, in
/// seconds: a session type's longest length (480 minutes) and buffer (240),
/// the limits of `session_types` (migration 0006) and of its validation.
pub const LONGEST_OCCUPIED_SECONDS: i64 = (480 + 240) * 60;

/// The availability of the staff of a profession (`$1`; `$2` one of them, or
/// NULL for all) between `$3` and `$4`, in one statement: rows of four kinds,
/// told apart by the first column, with the staff member's id second:
/// - 's': a staff member and their name;
/// - 'w': an opening-hours window (weekday, start minute, end minute);
/// - 'o': time off (start, end);
/// - 'b': an occupied time, a booking or a group session (start, end of its buffer).
///
/// Each interval read costs what the window costs, not what the staff
/// member's past or future holds (migration 0012): its start is bounded from
/// both sides on (staff_id, starts_at), from below by the window's start less
/// the longest such interval (`$5`, [`LONGEST_OCCUPIED_SECONDS`], for bookings
/// and group sessions; the staff member's own longest time off, one step of
/// the index on its length, for time off). `CROSS JOIN` keeps the staff
/// member in SQLite's outer loop, so that each table is searched by
/// (staff_id, starts_at) and never scanned by another index.
///
/// Decoded by [`push_availability_row`] and [`AvailabilityRows::staff`].
pub const AVAILABILITY_SQL: &str = "WITH who AS (SELECT s.account_id AS id FROM staff s \
     WHERE s.profession = $1 AND ($2 IS NULL OR s.account_id = $2)) \
     SELECT 's', s.account_id, a.name, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) \
     FROM staff s JOIN accounts a ON a.id = s.account_id WHERE s.account_id IN (SELECT id FROM who) \
     UNION ALL SELECT 'w', staff_id, CAST(NULL AS TEXT), weekday, start_minute, end_minute \
     FROM opening_hours WHERE staff_id IN (SELECT id FROM who) \
     UNION ALL SELECT 'o', t.staff_id, CAST(NULL AS TEXT), t.starts_at, t.ends_at, CAST(NULL AS BIGINT) \
     FROM who CROSS JOIN time_off t WHERE t.staff_id = who.id AND t.ends_at > $3 AND t.starts_at < $4 \
     AND t.starts_at >= $3 - (SELECT m.ends_at - m.starts_at FROM time_off m WHERE m.staff_id = who.id \
     ORDER BY m.ends_at - m.starts_at DESC LIMIT 1) \
     UNION ALL SELECT 'b', b.staff_id, CAST(NULL AS TEXT), b.starts_at, b.blocks_until, CAST(NULL AS BIGINT) \
     FROM who CROSS JOIN bookings b WHERE b.staff_id = who.id AND b.group_session_id IS NULL \
     AND b.status IN ('offered', 'booked', 'attended', 'no_show') AND b.blocks_until > $3 AND b.starts_at < $4 \
     AND b.starts_at >= $3 - $5 \
     UNION ALL SELECT 'b', g.staff_id, CAST(NULL AS TEXT), g.starts_at, g.blocks_until, CAST(NULL AS BIGINT) \
     FROM who CROSS JOIN group_sessions g WHERE g.staff_id = who.id AND g.blocks_until > $3 AND g.starts_at < $4 \
     AND g.starts_at >= $3 - $5";

/// The rows of [`AVAILABILITY_SQL`], gathered.
#[derive(Default)]
struct AvailabilityRows(Vec<StaffAvailability>);

/// A weekday or a minute of an opening-hours row, checked.
fn small(v: i64) -> Result<u16, sqlx::Error> {
    u16::try_from(v)
        .map_err(|_| sqlx::Error::Decode(format!("{v} is out of range for an opening hour").into()))
}

/// An opening-hours window from columns `first..first + 3`.
fn window_of(r: &dyn Columns, first: usize) -> Result<Window, sqlx::Error> {
    Ok(Window {
        weekday: small(r.int_required(first)?)? as u8,
        start: small(r.int_required(first + 1)?)?,
        end: small(r.int_required(first + 2)?)?,
    })
}

/// Adds one row of [`AVAILABILITY_SQL`] (rows of staff first or not: any order).
fn push_availability_row(out: &mut AvailabilityRows, r: &dyn Columns) -> Result<(), sqlx::Error> {
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
    match kind.as_str() {
        "s" => staff.name = r.text_required(2)?,
        "w" => staff.windows.push(window_of(r, 3)?),
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
    fn staff(self) -> Vec<StaffAvailability> {
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

/// How many offers have lapsed by `now` and wait to be passed on.
pub(super) async fn holds_due(reads: &mut InPlace<'_>, now: i64) -> Result<i64, sqlx::Error> {
    Ok(reads
        .optional(HOLDS_DUE_SQL, &[Arg::Int(Some(now))], |r| r.int_required(0))
        .await?
        .unwrap_or(0))
}

/// The availability of the staff of a profession (see [`AVAILABILITY_SQL`]).
async fn availability_in(
    reads: &mut InPlace<'_>,
    profession: Profession,
    staff_id: Option<i64>,
    from: i64,
    to: i64,
) -> Result<Vec<StaffAvailability>, sqlx::Error> {
    let mut out = AvailabilityRows::default();
    reads
        .each(
            AVAILABILITY_SQL,
            &[
                Arg::Str(Some(profession.as_str())),
                Arg::Int(staff_id),
                Arg::Int(Some(from)),
                Arg::Int(Some(to)),
                Arg::Int(Some(LONGEST_OCCUPIED_SECONDS)),
            ],
            |row| push_availability_row(&mut out, row),
        )
        .await?;
    Ok(out.staff())
}

/// Opening hours, time off and occupied times of the staff of `profession`
/// (or only `staff_id`) between `from` and `to`.
pub async fn availability(
    db: &Db,
    profession: Profession,
    staff_id: Option<i64>,
    from: i64,
    to: i64,
) -> Result<Vec<StaffAvailability>, sqlx::Error> {
    availability_in(&mut in_place(db), profession, staff_id, from, to).await
}

/// What a free-times list reads (on SQLite in one read transaction): how many
/// offers wait to lapse, the session type `id`, and for an individual type
/// the availability of its staff (`staff_id`, or all) from `now` until
/// `until(type)`.
pub async fn free_time_reads(
    db: &Db,
    now: i64,
    id: i64,
    staff_id: Option<i64>,
    until: &(dyn Fn(&SessionTypeRecord) -> i64 + Send + Sync),
) -> Result<FreeTimeReads, sqlx::Error> {
    let mut reads = in_place(db).snapshot()?;
    let holds_due = holds_due(&mut reads, now).await?;
    let session_type = reads
        .optional(&session_type_sql(), &[Arg::Int(Some(id))], session_type_of)
        .await?;
    let staff = match &session_type {
        Some(t) if !t.is_group => {
            availability_in(&mut reads, t.profession, staff_id, now, until(t)).await?
        }
        _ => Vec::new(),
    };
    Ok(FreeTimeReads {
        holds_due,
        session_type,
        staff,
    })
}

/// One session type.
pub async fn session_type(db: &Db, id: i64) -> Result<Option<SessionTypeRecord>, sqlx::Error> {
    in_place(db)
        .optional(&session_type_sql(), &[Arg::Int(Some(id))], session_type_of)
        .await
}

/// Session types, of one profession or all, by profession and name.
pub async fn list_session_types(
    db: &Db,
    profession: Option<Profession>,
) -> Result<Vec<SessionTypeRecord>, sqlx::Error> {
    let sql = format!(
        "SELECT {SESSION_TYPE_COLUMNS} FROM session_types WHERE ($1 IS NULL OR profession = $1) \
         ORDER BY profession, name, id"
    );
    let rows = query(&sql)
        .bind(profession.map(Profession::as_str))
        .fetch_all(db)
        .await?;
    rows.iter().map(|row| session_type_of(row)).collect()
}

/// A new session type; its id.
pub async fn create_session_type(
    db: &Db,
    t: &SessionTypeInput,
    actor: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let row = with_type(
        query(
            "INSERT INTO session_types (name, profession, description, length_minutes, buffer_minutes, \
             bookable_days_ahead, notice_minutes, cancel_hours, max_active_bookings, is_group, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        ),
        t,
    )
    .bind(actor)
    .bind(now)
    .fetch_one(db)
    .await?;
    row.try_get(0)
}

/// `t`'s fields bound to `$1` … `$10`, in the order of [`SESSION_TYPE_COLUMNS`] after the id.
fn with_type<'q>(statement: Query<'q>, t: &'q SessionTypeInput) -> Query<'q> {
    statement
        .bind(&t.name)
        .bind(t.profession.as_str())
        .bind(&t.description)
        .bind(t.length_minutes)
        .bind(t.buffer_minutes)
        .bind(t.bookable_days_ahead)
        .bind(t.notice_minutes)
        .bind(t.cancel_hours)
        .bind(t.max_active_bookings)
        .bind(t.group)
}

/// Changes a session type; whether it exists.
pub async fn update_session_type(
    db: &Db,
    id: i64,
    t: &SessionTypeInput,
) -> Result<bool, sqlx::Error> {
    let changed = with_type(
        query(
            "UPDATE session_types SET name = $1, profession = $2, description = $3, length_minutes = $4, \
             buffer_minutes = $5, bookable_days_ahead = $6, notice_minutes = $7, cancel_hours = $8, \
             max_active_bookings = $9, is_group = $10 WHERE id = $11",
        ),
        t,
    )
    .bind(id)
    .execute(db)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Staff with opening hours, of one profession or all, by name.
pub async fn bookable_staff(
    db: &Db,
    profession: Option<Profession>,
) -> Result<Vec<BookableStaff>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = query_as(
        "SELECT s.account_id, a.name, s.profession FROM staff s JOIN accounts a ON a.id = s.account_id \
         WHERE ($1 IS NULL OR s.profession = $1) \
         AND EXISTS (SELECT 1 FROM opening_hours h WHERE h.staff_id = s.account_id) ORDER BY a.name, s.account_id",
    )
    .bind(profession.map(Profession::as_str))
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(id, name, p)| {
            Ok(BookableStaff {
                id,
                name,
                profession: crate::auth::store::parse_profession(&p)?,
            })
        })
        .collect()
}

/// A staff member's weekly windows, by weekday and start.
pub async fn opening_hours(db: &Db, staff_id: i64) -> Result<Vec<Window>, sqlx::Error> {
    let rows = query(
        "SELECT weekday, start_minute, end_minute FROM opening_hours WHERE staff_id = $1 \
         ORDER BY weekday, start_minute",
    )
    .bind(staff_id)
    .fetch_all(db)
    .await?;
    rows.iter().map(|r| window_of(r, 0)).collect()
}

/// Replaces a staff member's weekly windows.
pub async fn set_opening_hours(
    db: &Db,
    staff_id: i64,
    windows: &[Window],
) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    query("DELETE FROM opening_hours WHERE staff_id = $1")
        .bind(staff_id)
        .execute(&mut tx)
        .await?;
    for w in windows {
        query(
            "INSERT INTO opening_hours (staff_id, weekday, start_minute, end_minute) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(staff_id)
        .bind(i64::from(w.weekday))
        .bind(i64::from(w.start))
        .bind(i64::from(w.end))
        .execute(&mut tx)
        .await?;
    }
    tx.commit().await
}

/// A staff member's time off that ends after `now`, earliest first.
pub async fn time_off(db: &Db, staff_id: i64, now: i64) -> Result<Vec<TimeOffRecord>, sqlx::Error> {
    query_as(
        "SELECT id, starts_at, ends_at, reason FROM time_off WHERE staff_id = $1 AND ends_at > $2 \
         ORDER BY starts_at, id",
    )
    .bind(staff_id)
    .bind(now)
    .fetch_all(db)
    .await
}

/// Adds time off; its id.
pub async fn add_time_off(
    db: &Db,
    staff_id: i64,
    starts_at: i64,
    ends_at: i64,
    reason: Option<&str>,
) -> Result<i64, sqlx::Error> {
    query_scalar(
        "INSERT INTO time_off (staff_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(staff_id)
    .bind(starts_at)
    .bind(ends_at)
    .bind(reason)
    .fetch_one(db)
    .await
}

/// Removes the staff member's own time off; whether there was one.
pub async fn delete_time_off(db: &Db, staff_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let n = query("DELETE FROM time_off WHERE id = $1 AND staff_id = $2")
        .bind(id)
        .bind(staff_id)
        .execute(db)
        .await?
        .rows_affected();
    Ok(n > 0)
}
