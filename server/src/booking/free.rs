//! Free individual times as the routes and the waitlist task see them: the
//! store's reads (after lapsed offers are passed on) computed by
//! [`rules::free_times`] under the session type's [`SessionRules`].

use jiff::Timestamp;

use super::rules::{self, Calendar, SessionRules, SlotRules};
use super::store::{self, SessionTypeRecord, StaffAvailability};
use crate::AppState;

/// Which free times to compute.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wanted {
    /// One staff member, or anyone of the type's profession.
    pub staff_id: Option<i64>,
    /// Only the first days of the horizon.
    pub days: Option<i64>,
    /// Leave occupied times out (to tell "taken" from "never offered").
    pub ignore_busy: bool,
    /// A booking being moved: its own time (start, end of its buffer) does not count as occupied.
    pub moving: Option<(i64, i64)>,
}

/// A free time of one staff member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffTime {
    pub starts_at: i64,
    pub ends_at: i64,
    pub staff_id: i64,
    pub staff_name: String,
}

/// The session type's rules, cut to the days `wanted`.
pub fn session_rules(t: &SessionTypeRecord, wanted: &Wanted) -> SessionRules {
    t.rules().within(wanted.days)
}

/// What a free-times computation reads.
#[derive(Debug)]
pub struct Reads {
    /// The clock when read.
    pub now: Timestamp,
    pub session_type: SessionTypeRecord,
    /// The availability of its staff (empty for a group type).
    pub staff: Vec<StaffAvailability>,
}

/// The session type `id` and, for an individual type, the availability of its
/// staff for `wanted` up to the end of the horizon: read together (on SQLite
/// in one read transaction), after lapsed offers are passed on. `None` if
/// there is no such type.
pub async fn read(
    state: &AppState,
    id: i64,
    wanted: &Wanted,
) -> Result<Option<Reads>, sqlx::Error> {
    let now = state.clock.timestamp();
    let until = |t: &SessionTypeRecord| session_rules(t, wanted).horizon_end(now);
    let mut reads =
        store::free_time_reads(&state.db, now.as_second(), id, wanted.staff_id, &until).await?;
    if reads.holds_due > 0 {
        super::tasks::expire_holds(state, now.as_second()).await?;
        reads =
            store::free_time_reads(&state.db, now.as_second(), id, wanted.staff_id, &until).await?;
    }
    Ok(reads.session_type.map(|session_type| Reads {
        now,
        session_type,
        staff: reads.staff,
    }))
}

/// Free individual times of `t` for `wanted`, read now.
pub async fn individual_free(
    state: &AppState,
    t: &SessionTypeRecord,
    wanted: &Wanted,
) -> Result<Vec<StaffTime>, sqlx::Error> {
    let now = state.clock.timestamp();
    let rules = session_rules(t, wanted);
    let staff = store::availability(
        &state.db,
        t.profession,
        wanted.staff_id,
        now.as_second(),
        rules.horizon_end(now),
    )
    .await?;
    Ok(free_of(now, t, wanted, staff))
}

/// The free individual times in `staff`'s availability, earliest first (then
/// by staff name and id).
pub fn free_of(
    now: Timestamp,
    t: &SessionTypeRecord,
    wanted: &Wanted,
    staff: Vec<StaffAvailability>,
) -> Vec<StaffTime> {
    let rules = SlotRules {
        length: t.length_minutes * 60,
        buffer: t.buffer_minutes * 60,
        session: session_rules(t, wanted),
    };
    let mut out = Vec::new();
    for s in staff {
        let mut busy = if wanted.ignore_busy {
            Vec::new()
        } else {
            s.busy
        };
        if let Some(own) = wanted.moving
            && let Some(i) = busy.iter().position(|b| *b == own)
        {
            busy.remove(i);
        }
        let calendar = Calendar {
            windows: &s.windows,
            time_off: &s.time_off,
            busy: &busy,
        };
        for (starts_at, ends_at) in rules::free_times(now, rules, &calendar) {
            out.push(StaffTime {
                starts_at,
                ends_at,
                staff_id: s.id,
                staff_name: s.name.clone(),
            });
        }
    }
    out.sort_by(|a, b| {
        (a.starts_at, &a.staff_name, a.staff_id).cmp(&(b.starts_at, &b.staff_name, b.staff_id))
    });
    out
}
