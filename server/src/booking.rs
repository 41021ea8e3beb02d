//! Booking: free times (a pure function of opening hours, time off and
//! occupied times), the messages to young people, the day-before reminders and
//! the background task that lets waitlist offers lapse. Handlers are in
//! `routes/booking.rs`, the SQL in `db/booking_sql.rs`.
//!
//! Opening hours are Europe/Stockholm wall-clock minutes: a slot at 09:00 is
//! 08:00 UTC in winter and 07:00 UTC in summer, and a window that a clock
//! change cuts short or lengthens is walked in wall-clock steps, each start
//! converted on its own (jiff, with the bundled tz database).

use std::sync::LazyLock;
use std::time::Duration;

use jiff::civil::{Date as CivilDate, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::AppState;
use crate::clock::Clock;
use crate::db::OutgoingMessage;
use crate::db::booking::{MessageFacts, MessageKind};

static STOCKHOLM: LazyLock<TimeZone> = LazyLock::new(|| {
    TimeZone::get("Europe/Stockholm").expect("the bundled tz database has Europe/Stockholm")
});

/// How often the background task looks for lapsed offers and reminders.
pub const TICK: Duration = Duration::from_secs(60);

/// The rules of a session type that decide which times are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotRules {
    /// Seconds.
    pub length: i64,
    /// Seconds kept free after each session.
    pub buffer: i64,
    /// Seconds: the earliest start is `now + notice`.
    pub notice: i64,
    /// Days ahead (Swedish calendar days after today).
    pub horizon_days: i64,
}

/// One staff member's week and what is taken.
#[derive(Clone, Debug, Default)]
pub struct Calendar<'a> {
    /// (weekday 1 = Monday … 7, start minute, end minute), Swedish wall clock.
    pub windows: &'a [(u8, u16, u16)],
    /// Time off, [start, end) in Unix seconds.
    pub time_off: &'a [(i64, i64)],
    /// Occupied, [start, end of the buffer after) in Unix seconds.
    pub busy: &'a [(i64, i64)],
}

/// The free times, [start, end) in Unix seconds, earliest first: each opening
/// window walked from its start in steps of length + buffer (wall clock), a
/// time kept when it fits in the window, starts no earlier than `now` plus
/// the notice and on a day within the horizon, and neither it nor its buffer
/// touches time off or an occupied time (which carries its own buffer).
pub fn free_times(now: Timestamp, rules: SlotRules, calendar: &Calendar<'_>) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    if rules.length <= 0 {
        return out;
    }
    let step_minutes = (rules.length + rules.buffer).div_euclid(60).max(1);
    let earliest = now.as_second() + rules.notice;
    let today = now.to_zoned(STOCKHOLM.clone()).date();
    for offset in 0..=rules.horizon_days {
        let Ok(day) = today.checked_add(offset.days()) else {
            break;
        };
        let weekday = day.weekday().to_monday_one_offset() as u8;
        for &(_, start, end) in calendar.windows.iter().filter(|w| w.0 == weekday) {
            let mut minute = i64::from(start);
            while minute < i64::from(end) {
                let Some(slot_start) = at(day, minute) else {
                    minute += step_minutes;
                    continue;
                };
                let slot_end = slot_start + rules.length;
                let window_end = at(day, i64::from(end)).unwrap_or(i64::MAX);
                if slot_end > window_end {
                    break;
                }
                let blocks_until = slot_end + rules.buffer;
                let clashes = |&(s, e): &(i64, i64)| s < blocks_until && e > slot_start;
                if slot_start >= earliest
                    && !calendar.time_off.iter().any(clashes)
                    && !calendar.busy.iter().any(clashes)
                {
                    out.push((slot_start, slot_end));
                }
                minute += step_minutes;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `minute` minutes after midnight on a Swedish day, as Unix seconds (24:00 is the next midnight).
fn at(day: CivilDate, minute: i64) -> Option<i64> {
    let (day, minute) = if minute >= 1440 {
        (day.tomorrow().ok()?, minute - 1440)
    } else {
        (day, minute)
    };
    let time = Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).ok()?;
    let zoned = day.to_datetime(time).to_zoned(STOCKHOLM.clone()).ok()?;
    Some(zoned.timestamp().as_second())
}

/// Unix seconds as RFC 3339 with the Swedish offset of that instant.
/// (Written out by hand: a free-times list has hundreds, and `strftime` on a
/// `Zoned` was a tenth of what the list cost.)
pub fn swedish_time(unix_seconds: i64) -> String {
    let Ok(t) = Timestamp::from_second(unix_seconds) else {
        return String::new();
    };
    let offset = STOCKHOLM.to_offset(t);
    let local = offset.to_datetime(t);
    let seconds = offset.seconds();
    let mut out = String::with_capacity(25);
    push_two(&mut out, i32::from(local.year()) / 100);
    push_two(&mut out, i32::from(local.year()));
    for (separator, n) in [
        ('-', local.month()),
        ('-', local.day()),
        ('T', local.hour()),
        (':', local.minute()),
        (':', local.second()),
    ] {
        out.push(separator);
        push_two(&mut out, n.into());
    }
    out.push(if seconds < 0 { '-' } else { '+' });
    push_two(&mut out, seconds.abs() / 3600);
    out.push(':');
    push_two(&mut out, seconds.abs() / 60 % 60);
    out
}

/// The last two digits of `n`.
fn push_two(out: &mut String, n: i32) {
    let n = n.unsigned_abs() % 100;
    out.push(char::from(b'0' + (n / 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `YYYY-MM-DD` of an instant in Sweden.
pub fn swedish_date(unix_seconds: i64) -> String {
    crate::clock::swedish_date(unix_seconds)
}

/// An RFC 3339 time with an offset (or `Z`) as Unix seconds.
pub fn parse_time(s: &str) -> Option<i64> {
    s.trim().parse::<Timestamp>().ok().map(|t| t.as_second())
}

/// Midnight starting a Swedish day, as Unix seconds.
pub fn start_of_day(day: CivilDate) -> i64 {
    at(day, 0).unwrap_or_default()
}

/// A Swedish calendar date from `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<CivilDate> {
    s.trim().parse::<CivilDate>().ok()
}

/// Today in Sweden by the state's clock.
pub fn today(clock: &Clock) -> CivilDate {
    clock.now().date()
}

fn short_time(unix_seconds: i64) -> String {
    Timestamp::from_second(unix_seconds)
        .map(|t| {
            t.to_zoned(STOCKHOLM.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// The e-mail to a young person about a booking, when e-mail is configured and
/// they have an address (otherwise the offer is only in the app).
pub fn compose(state: &AppState, facts: &MessageFacts) -> Option<OutgoingMessage> {
    let address = facts.youth_email.as_deref()?;
    if !state.settings.email_delivery {
        tracing::info!(
            account_id = facts.youth_id,
            "booking message not e-mailed (no e-mail configured)"
        );
        return None;
    }
    Some(message(&state.settings.public_url, address, facts))
}

/// The text of a booking message (both languages, Swedish first).
pub fn message(public_url: &str, address: &str, f: &MessageFacts) -> OutgoingMessage {
    let name = first_name(&f.youth_name);
    let when = short_time(f.starts_at);
    let what = &f.session_type_name;
    let staff = &f.staff_name;
    let (subject, sv, en) = match &f.kind {
        MessageKind::Offer => {
            let until = f.hold_expires_at.map(short_time).unwrap_or_default();
            (
                "En tid har blivit ledig / A time is free",
                format!(
                    "En tid du väntar på har blivit ledig: {what} med {staff} {when}. Den är din om du tackar ja senast {until} under Mina bokningar på {public_url}."
                ),
                format!(
                    "A time you are waiting for is free: {what} with {staff} at {when}. It is yours if you accept it by {until} under My bookings at {public_url}."
                ),
            )
        }
        MessageKind::CancelledByStaff(text) => (
            "Din tid är avbokad / Your time is cancelled",
            format!("{staff} har avbokat din tid {what} {when}:\n\n{text}"),
            format!("{staff} has cancelled your time {what} at {when}:\n\n{text}"),
        ),
        MessageKind::Reminder => {
            let place = f
                .place
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            (
                "Påminnelse: din tid i morgon / Reminder: your time tomorrow",
                format!(
                    "Påminnelse: i morgon {when} har du {what} med {staff}{place}. Kan du inte komma? Avboka under Mina bokningar på {public_url} eller ring {staff}."
                ),
                format!(
                    "Reminder: tomorrow at {when} you have {what} with {staff}{place}. Cannot come? Cancel under My bookings at {public_url} or call {staff}."
                ),
            )
        }
    };
    OutgoingMessage {
        channel: "email",
        to_address: address.to_owned(),
        subject: subject.to_owned(),
        body: format!("Hej {name}!\n\n{sv}\n\n--\nHello {name}! {en}\n"),
    }
}

/// Lets lapsed offers pass on; how many lapsed.
pub async fn expire_holds(state: &AppState, now: i64) -> Result<usize, sqlx::Error> {
    let compose = |f: &MessageFacts| compose(state, f);
    let lapsed = state.db.expire_holds(now, &compose).await?;
    if lapsed > 0 {
        state.outbox.notify_one();
    }
    Ok(lapsed)
}

/// Reminders are not sent before this hour (Swedish time), so nobody is woken at midnight.
pub const REMINDER_HOUR: i8 = 9;

/// Sends the day-before reminder for every booking that starts tomorrow (Swedish
/// date of `now` + 1) and has none yet, from [`REMINDER_HOUR`] on; each exactly
/// once. How many were reminded.
pub async fn send_reminders(state: &AppState, now: Timestamp) -> Result<usize, sqlx::Error> {
    let zoned = now.to_zoned(STOCKHOLM.clone());
    if zoned.hour() < REMINDER_HOUR {
        return Ok(0);
    }
    let today = zoned.date();
    let (Ok(tomorrow), Ok(after)) = (today.checked_add(1.day()), today.checked_add(2.days()))
    else {
        return Ok(0);
    };
    let compose = |f: &MessageFacts| compose(state, f);
    let sent = state
        .db
        .send_reminders(
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

/// Demo booking data for the demo staff: weekday opening hours and session
/// types for the study and career counsellor and the job coach, and a study
/// visit with eight seats next week, so that `cargo xtask run` shows free times.
pub async fn seed_demo(db: &crate::db::Db, clock: &Clock) -> Result<(), sqlx::Error> {
    use lotsen_api::account::Profession;
    use lotsen_api::booking::SessionTypeInput;

    let now = clock.unix_seconds();
    let staff = crate::people::store::list_staff(db).await?;
    let of = |p: Profession| staff.iter().find(|s| s.profession == p).map(|s| s.id);
    let kind =
        |name: &str, profession, description: &str, length, buffer, group| SessionTypeInput {
            name: name.to_owned(),
            profession,
            description: description.to_owned(),
            length_minutes: length,
            buffer_minutes: buffer,
            bookable_days_ahead: 28,
            notice_minutes: 120,
            cancel_hours: 24,
            max_active_bookings: 2,
            group,
        };
    if let Some(sven) = of(Profession::StudyCounsellor) {
        // Monday to Thursday 09:00–12:00 and 13:00–16:00, Friday mornings.
        let mut windows: Vec<(u8, u16, u16)> = (1..=4)
            .flat_map(|d| [(d, 540, 720), (d, 780, 960)])
            .collect();
        windows.push((5, 540, 720));
        db.set_opening_hours(sven, &windows).await?;
        let counselling = kind(
            "Studie- och yrkesvägledning",
            Profession::StudyCounsellor,
            "Prata om skola, utbildningar och vad du vill jobba med.",
            45,
            15,
            false,
        );
        db.create_session_type(&counselling, sven, now).await?;
        let visit = kind(
            "Studiebesök på Komvux",
            Profession::StudyCounsellor,
            "Vi åker tillsammans och tittar på Komvux.",
            120,
            0,
            true,
        );
        let visit_id = db.create_session_type(&visit, sven, now).await?;
        let today = today(clock);
        let days_to_wednesday =
            (3 - i64::from(today.weekday().to_monday_one_offset())).rem_euclid(7) + 7;
        if let Ok(day) = today.checked_add(days_to_wednesday.days())
            && let Some(start) = at(day, 13 * 60)
        {
            let end = start + 120 * 60;
            let created = db
                .create_group_session(
                    visit_id,
                    sven,
                    start,
                    end,
                    end,
                    8,
                    Some("Komvux, Storgatan 1"),
                    now,
                )
                .await;
            if let Err(error) = created {
                tracing::warn!(%error, "demo group session not created");
            }
        }
    }
    if let Some(johanna) = of(Profession::JobCoach) {
        let windows: Vec<(u8, u16, u16)> = (1..=5).map(|d| (d, 600, 900)).collect();
        db.set_opening_hours(johanna, &windows).await?;
        let coaching = kind(
            "Jobbcoachning",
            Profession::JobCoach,
            "CV, personligt brev och hur du söker jobb.",
            60,
            0,
            false,
        );
        db.create_session_type(&coaching, johanna, now).await?;
    }
    Ok(())
}

/// The waitlists are served by the background task from this hour (Swedish
/// time) until [`WAITLIST_UNTIL_HOUR`]: an offer is held two hours, and nobody
/// should lose one while asleep because a new day came within the horizon at
/// midnight.
pub const WAITLIST_FROM_HOUR: i8 = 8;
/// See [`WAITLIST_FROM_HOUR`].
pub const WAITLIST_UNTIL_HOUR: i8 = 20;

/// Every minute: lapsed offers passed on, in the daytime the waitlists served
/// with times that became free, reminders sent.
pub async fn run(state: AppState) {
    loop {
        let now = state.clock.timestamp();
        if let Err(error) = expire_holds(&state, now.as_second()).await {
            tracing::warn!(%error, "cannot pass on lapsed waitlist offers");
        }
        let hour = now.to_zoned(STOCKHOLM.clone()).hour();
        if (WAITLIST_FROM_HOUR..WAITLIST_UNTIL_HOUR).contains(&hour)
            && let Err(error) = crate::routes::booking::serve_waitlists(&state).await
        {
            tracing::warn!(%error, "cannot offer free times to the waitlists");
        }
        if let Err(error) = send_reminders(&state, now).await {
            tracing::warn!(%error, "cannot send booking reminders");
        }
        tokio::time::sleep(TICK).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn sec(s: &str) -> i64 {
        ts(s).as_second()
    }

    #[test]
    fn swedish_time_has_the_offset_of_its_instant() {
        // Winter (+01:00), summer (+02:00), and either side of both clock changes.
        assert_eq!(
            swedish_time(sec("2026-01-15T08:30:00Z")),
            "2026-01-15T09:30:00+01:00"
        );
        assert_eq!(
            swedish_time(sec("2026-07-01T22:05:09Z")),
            "2026-07-02T00:05:09+02:00"
        );
        assert_eq!(
            swedish_time(sec("2026-03-29T00:59:59Z")),
            "2026-03-29T01:59:59+01:00"
        );
        assert_eq!(
            swedish_time(sec("2026-03-29T01:00:00Z")),
            "2026-03-29T03:00:00+02:00"
        );
        assert_eq!(
            swedish_time(sec("2026-10-25T00:30:00Z")),
            "2026-10-25T02:30:00+02:00"
        );
        assert_eq!(
            swedish_time(sec("2026-10-25T01:30:00Z")),
            "2026-10-25T02:30:00+01:00"
        );
        assert_eq!(swedish_time(i64::MAX), "");
    }

    const RULES: SlotRules = SlotRules {
        length: 45 * 60,
        buffer: 15 * 60,
        notice: 2 * 3600,
        horizon_days: 14,
    };

    // Monday 09:00–12:00.
    const MONDAY: [(u8, u16, u16); 1] = [(1, 540, 720)];

    #[test]
    fn a_window_is_walked_in_steps_of_length_and_buffer() {
        let now = ts("2026-11-22T12:00:00Z"); // a Sunday
        let cal = Calendar {
            windows: &MONDAY,
            ..Calendar::default()
        };
        let times = free_times(now, RULES, &cal);
        // Monday 23 November: 09:00, 10:00, 11:00 Swedish time (UTC+1).
        assert_eq!(
            &times[..3],
            [
                (sec("2026-11-23T08:00:00Z"), sec("2026-11-23T08:45:00Z")),
                (sec("2026-11-23T09:00:00Z"), sec("2026-11-23T09:45:00Z")),
                (sec("2026-11-23T10:00:00Z"), sec("2026-11-23T10:45:00Z")),
            ]
        );
        // Two Mondays within 14 days.
        assert_eq!(times.len(), 6);
    }

    #[test]
    fn wall_clock_hours_hold_over_the_clock_change() {
        // Summer time starts on Sunday 29 March 2026.
        let now = ts("2026-03-22T12:00:00Z");
        let cal = Calendar {
            windows: &MONDAY,
            ..Calendar::default()
        };
        let times = free_times(now, RULES, &cal);
        assert_eq!(times[0].0, sec("2026-03-23T08:00:00Z"), "09:00 CET");
        assert_eq!(times[3].0, sec("2026-03-30T07:00:00Z"), "09:00 CEST");
        // A Sunday window across 02:00–03:00 on the change: the missing hour is skipped.
        let sunday = [(7u8, 60u16, 240u16)];
        let cal = Calendar {
            windows: &sunday,
            ..Calendar::default()
        };
        let rules = SlotRules {
            length: 3600,
            buffer: 0,
            notice: 0,
            horizon_days: 7,
        };
        let times = free_times(now, rules, &cal);
        let on_change: Vec<String> = times
            .iter()
            .filter(|t| swedish_date(t.0) == "2026-03-29")
            .map(|t| swedish_time(t.0))
            .collect();
        assert_eq!(
            on_change,
            ["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00"],
            "01:00 then 03:00 (02:00 does not exist; the window ends at 04:00 CEST)"
        );
    }

    #[test]
    fn notice_horizon_time_off_and_bookings_with_buffers_are_respected() {
        // Monday 23 November 09:30 Swedish time.
        let now = ts("2026-11-23T08:30:00Z");
        let time_off = [(sec("2026-11-30T09:30:00Z"), sec("2026-11-30T12:00:00Z"))];
        // 09:00–09:45 on 30 November, busy until 10:00 with its buffer.
        let busy = [(sec("2026-11-30T08:00:00Z"), sec("2026-11-30T09:00:00Z"))];
        let cal = Calendar {
            windows: &MONDAY,
            time_off: &time_off,
            busy: &busy,
        };
        let rules = SlotRules {
            horizon_days: 7,
            notice: 3600,
            ..RULES
        };
        let times = free_times(now, rules, &cal);
        // Today: 09:00 and 10:00 are too soon (an hour's notice); 11:00 is fine.
        // On the 30th: 09:00 is taken; 10:00 would end its buffer at 11:00 = inside time off.
        // 11:00 inside the time off. Nothing else within 7 days.
        assert_eq!(
            times,
            [(sec("2026-11-23T10:00:00Z"), sec("2026-11-23T10:45:00Z"))]
        );
        // A booking 10:00–10:45 with 15 min buffer blocks 10:00 but not 11:00.
        let busy = [(sec("2026-11-23T09:00:00Z"), sec("2026-11-23T10:00:00Z"))];
        let cal = Calendar {
            windows: &MONDAY,
            busy: &busy,
            ..Calendar::default()
        };
        let times = free_times(ts("2026-11-22T12:00:00Z"), rules, &cal);
        assert_eq!(
            times.iter().take(2).map(|t| t.0).collect::<Vec<_>>(),
            [sec("2026-11-23T08:00:00Z"), sec("2026-11-23T10:00:00Z")]
        );
    }

    #[test]
    fn a_time_must_fit_in_its_window() {
        let short = [(1u8, 540u16, 570u16)]; // 09:00–09:30
        let cal = Calendar {
            windows: &short,
            ..Calendar::default()
        };
        assert!(free_times(ts("2026-11-22T12:00:00Z"), RULES, &cal).is_empty());
    }

    #[test]
    fn times_are_written_with_the_swedish_offset() {
        assert_eq!(
            swedish_time(sec("2026-11-23T08:00:00Z")),
            "2026-11-23T09:00:00+01:00"
        );
        assert_eq!(
            swedish_time(sec("2026-06-01T07:00:00Z")),
            "2026-06-01T09:00:00+02:00"
        );
        assert_eq!(
            parse_time("2026-11-23T09:00:00+01:00"),
            Some(sec("2026-11-23T08:00:00Z"))
        );
        assert_eq!(parse_time("i morgon"), None);
    }
}
