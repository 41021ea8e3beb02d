//! Booking's background work, once a minute ([`run`]): waitlist offers whose
//! hold has expired passed on, in the daytime the waitlists served with times
//! that became free, and the day-before reminders. Each step is also a public
//! function that tests (and the routes) call with a fixed clock.

use std::time::Duration;

use jiff::{Timestamp, ToSpan};

use super::free::{self, Wanted};
use super::messages::compose;
use super::rules::start_of_day;
use super::store::{self, FreeSlot, MessageFacts};
use crate::AppState;
use crate::clock::stockholm;

/// How often the background task looks for lapsed offers and reminders.
pub const TICK: Duration = Duration::from_secs(60);

/// Reminders are not sent before this hour (Swedish time), so nobody is woken at midnight.
pub const REMINDER_HOUR: i8 = 9;

/// The waitlists are served by the background task from this hour (Swedish
/// time) until [`WAITLIST_UNTIL_HOUR`]: an offer is held two hours, and nobody
/// should lose one while asleep because a new day came within the horizon at
/// midnight.
pub const WAITLIST_FROM_HOUR: i8 = 8;
/// See [`WAITLIST_FROM_HOUR`].
pub const WAITLIST_UNTIL_HOUR: i8 = 20;

/// Lets lapsed offers pass on; how many lapsed.
pub async fn expire_holds(state: &AppState, now: i64) -> Result<usize, sqlx::Error> {
    let compose = |f: &MessageFacts| compose(state, f);
    let lapsed = store::expire_holds(&state.db, now, &compose).await?;
    if lapsed > 0 {
        state.outbox.notify_one();
    }
    Ok(lapsed)
}

/// Sends the day-before reminder for every booking that starts tomorrow (Swedish
/// date of `now` + 1) and has none yet, from [`REMINDER_HOUR`] on; each exactly
/// once. How many were reminded.
pub async fn send_reminders(state: &AppState, now: Timestamp) -> Result<usize, sqlx::Error> {
    let zoned = now.to_zoned(stockholm());
    if zoned.hour() < REMINDER_HOUR {
        return Ok(0);
    }
    let today = zoned.date();
    let (Ok(tomorrow), Ok(after)) = (today.checked_add(1.day()), today.checked_add(2.days()))
    else {
        return Ok(0);
    };
    let compose = |f: &MessageFacts| compose(state, f);
    let sent = store::send_reminders(
        &state.db,
        start_of_day(tomorrow),
        start_of_day(after),
        now.as_second(),
        &compose,
    )
    .await?;
    if sent > 0 {
        state.outbox.notify_one();
    }
    Ok(sent)
}

/// Serves the waitlists: the free times of every individual session type
/// someone waits for, earliest first, each offered to the first in line who can
/// take it, until nobody waits for the type; how many were offered. A time
/// freed by a cancellation is offered at once, in the cancelling transaction;
/// this is for times that become free otherwise: opening hours added, time off
/// removed (both call it), or a new day coming within the booking horizon
/// ([`run`]).
pub async fn serve_waitlists(state: &AppState) -> Result<usize, sqlx::Error> {
    let now = state.clock.unix_seconds();
    let compose = |f: &MessageFacts| compose(state, f);
    let mut offered = 0;
    let wanted = Wanted::default();
    for id in store::waiting_session_types(&state.db).await? {
        let Some(reads) = free::read(state, id, &wanted).await? else {
            continue;
        };
        let t = &reads.session_type;
        let times: Vec<FreeSlot> = free::free_of(reads.now, t, &wanted, reads.staff)
            .into_iter()
            .map(|f| FreeSlot {
                session_type_id: t.id,
                staff_id: f.staff_id,
                group_session_id: None,
                starts_at: f.starts_at,
                ends_at: f.ends_at,
            })
            .collect();
        offered += store::offer_free_times(&state.db, &times, now, &compose).await?;
    }
    if offered > 0 {
        state.outbox.notify_one();
    }
    Ok(offered)
}

/// Every minute: lapsed offers passed on, in the daytime the waitlists served
/// with times that became free, reminders sent.
pub async fn run(state: AppState) {
    loop {
        let now = state.clock.timestamp();
        if let Err(error) = expire_holds(&state, now.as_second()).await {
            tracing::warn!(%error, "cannot pass on lapsed waitlist offers");
        }
        let hour = now.to_zoned(stockholm()).hour();
        if (WAITLIST_FROM_HOUR..WAITLIST_UNTIL_HOUR).contains(&hour)
            && let Err(error) = serve_waitlists(&state).await
        {
            tracing::warn!(%error, "cannot offer free times to the waitlists");
        }
        if let Err(error) = send_reminders(&state, now).await {
            tracing::warn!(%error, "cannot send booking reminders");
        }
        tokio::time::sleep(TICK).await;
    }
}
