//! Booking's rules, without I/O: when a session type may be booked
//! ([`SessionRules`]: notice, horizon, change deadline), which times are free
//! ([`free_times`]), and Swedish times as the API writes and reads them.
//!
//! Every wall-clock rule is in Europe/Stockholm ([`crate::clock::stockholm`]):
//! a slot at 09:00 is 08:00 UTC in winter and 07:00 UTC in summer; a window
//! that a clock change cuts short or lengthens is walked in wall-clock steps,
//! each start converted on its own; and the horizon ends at midnight, Swedish
//! time, after its last day, whether the days before it had 23, 24 or 25 hours.

use jiff::civil::{Date as CivilDate, Time};
use jiff::{Timestamp, ToSpan};

use crate::clock::{Clock, stockholm};

/// A weekly opening-hours window, Swedish wall clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Window {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// Minutes after midnight.
    pub start: u16,
    /// Minutes after midnight (1440 is the end of the day).
    pub end: u16,
}

/// When a young person may book a session type and change a booking: the one
/// rule for individual times and group sessions alike, listed or booked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionRules {
    /// Seconds: the earliest start is `now + notice`.
    pub notice: i64,
    /// Days ahead: Swedish calendar days after today, today's date plus
    /// `horizon_days` being the last day that can be booked.
    pub horizon_days: i64,
    /// Hours before the start when cancelling or moving in the app ends.
    pub cancel_hours: i64,
}

impl SessionRules {
    /// The rules of a session type (its minutes, days and hours as stored).
    pub fn new(notice_minutes: i64, horizon_days: i64, cancel_hours: i64) -> Self {
        Self {
            notice: notice_minutes * 60,
            horizon_days,
            cancel_hours,
        }
    }

    /// Only the first `days` of the horizon (1 up to the whole, the default).
    pub fn within(self, days: Option<i64>) -> Self {
        let whole = self.horizon_days.max(1);
        Self {
            horizon_days: days.unwrap_or(whole).clamp(1, whole),
            ..self
        }
    }

    /// The earliest start that can be booked at `now` (Unix seconds).
    pub fn earliest(&self, now: i64) -> i64 {
        now + self.notice
    }

    /// The last Swedish day that can be booked at `now`.
    pub fn last_day(&self, now: Timestamp) -> Option<CivilDate> {
        now.to_zoned(stockholm())
            .date()
            .checked_add(self.horizon_days.days())
            .ok()
    }

    /// Where the horizon ends (exclusive), in Unix seconds: midnight, Swedish
    /// time, after its last day.
    pub fn horizon_end(&self, now: Timestamp) -> i64 {
        self.last_day(now)
            .and_then(|day| day.tomorrow().ok())
            .map_or(i64::MAX, start_of_day)
    }

    /// Whether a young person may book a time starting at `start` at `now`:
    /// no sooner than the notice, within the horizon.
    pub fn bookable(&self, now: Timestamp, start: i64) -> bool {
        start >= self.earliest(now.as_second()) && start < self.horizon_end(now)
    }

    /// The last moment a booking starting at `starts_at` may be cancelled or moved in the app.
    pub fn change_deadline(&self, starts_at: i64) -> i64 {
        change_deadline(starts_at, self.cancel_hours)
    }
}

/// The last moment a booking starting at `starts_at` may be cancelled or
/// moved, `cancel_hours` before (see [`SessionRules::change_deadline`]).
pub fn change_deadline(starts_at: i64, cancel_hours: i64) -> i64 {
    starts_at - cancel_hours * 3600
}

/// The rules of a session type that decide which times are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotRules {
    /// Seconds.
    pub length: i64,
    /// Seconds kept free after each session.
    pub buffer: i64,
    /// Notice and horizon.
    pub session: SessionRules,
}

/// One staff member's week and what is taken.
#[derive(Clone, Debug, Default)]
pub struct Calendar<'a> {
    /// Opening hours, Swedish wall clock.
    pub windows: &'a [Window],
    /// Time off, [start, end) in Unix seconds.
    pub time_off: &'a [(i64, i64)],
    /// Occupied, [start, end of the buffer after) in Unix seconds.
    pub busy: &'a [(i64, i64)],
}

/// The free times, [start, end) in Unix seconds, earliest first: each opening
/// window walked from its start in steps of length + buffer (wall clock), a
/// time kept when it fits in the window, is [`SessionRules::bookable`] (notice
/// and horizon), and neither it nor its buffer touches time off or an occupied
/// time (which carries its own buffer).
pub fn free_times(now: Timestamp, rules: SlotRules, calendar: &Calendar<'_>) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    if rules.length <= 0 {
        return out;
    }
    let step_minutes = (rules.length + rules.buffer).div_euclid(60).max(1);
    let today = now.to_zoned(stockholm()).date();
    let Some(last_day) = rules.session.last_day(now) else {
        return out;
    };
    let mut day = today;
    while day <= last_day {
        let weekday = day.weekday().to_monday_one_offset() as u8;
        for w in calendar.windows.iter().filter(|w| w.weekday == weekday) {
            let mut minute = i64::from(w.start);
            while minute < i64::from(w.end) {
                let Some(slot_start) = at(day, minute) else {
                    minute += step_minutes;
                    continue;
                };
                let slot_end = slot_start + rules.length;
                let window_end = at(day, i64::from(w.end)).unwrap_or(i64::MAX);
                if slot_end > window_end {
                    break;
                }
                let blocks_until = slot_end + rules.buffer;
                let clashes = |&(s, e): &(i64, i64)| s < blocks_until && e > slot_start;
                if rules.session.bookable(now, slot_start)
                    && !calendar.time_off.iter().any(clashes)
                    && !calendar.busy.iter().any(clashes)
                {
                    out.push((slot_start, slot_end));
                }
                minute += step_minutes;
            }
        }
        let Ok(next) = day.tomorrow() else {
            break;
        };
        day = next;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `minute` minutes after midnight on a Swedish day, as Unix seconds (24:00 is the next midnight).
pub fn at(day: CivilDate, minute: i64) -> Option<i64> {
    let (day, minute) = if minute >= 1440 {
        (day.tomorrow().ok()?, minute - 1440)
    } else {
        (day, minute)
    };
    let time = Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).ok()?;
    let zoned = day.to_datetime(time).to_zoned(stockholm()).ok()?;
    Some(zoned.timestamp().as_second())
}

/// Unix seconds as RFC 3339 with the Swedish offset of that instant.
/// (Written out by hand: a free-times list has hundreds, and `strftime` on a
/// `Zoned` was a tenth of what the list cost.)
pub fn swedish_time(unix_seconds: i64) -> String {
    let Ok(t) = Timestamp::from_second(unix_seconds) else {
        return String::new();
    };
    let offset = stockholm().to_offset(t);
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
        for (utc, swedish) in [
            ("2026-01-15T08:30:00Z", "2026-01-15T09:30:00+01:00"),
            ("2026-07-01T22:05:09Z", "2026-07-02T00:05:09+02:00"),
            ("2026-03-29T00:59:59Z", "2026-03-29T01:59:59+01:00"),
            ("2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00"),
            ("2026-10-25T00:30:00Z", "2026-10-25T02:30:00+02:00"),
            ("2026-10-25T01:30:00Z", "2026-10-25T02:30:00+01:00"),
            ("2026-11-23T08:00:00Z", "2026-11-23T09:00:00+01:00"),
            ("2026-06-01T07:00:00Z", "2026-06-01T09:00:00+02:00"),
        ] {
            assert_eq!(swedish_time(sec(utc)), swedish, "{utc}");
        }
        assert_eq!(swedish_time(i64::MAX), "");
    }

    const RULES: SlotRules = SlotRules {
        length: 45 * 60,
        buffer: 15 * 60,
        session: SessionRules {
            notice: 2 * 3600,
            horizon_days: 14,
            cancel_hours: 24,
        },
    };

    const fn window(weekday: u8, start: u16, end: u16) -> Window {
        Window {
            weekday,
            start,
            end,
        }
    }

    // Monday 09:00–12:00.
    const MONDAY: [Window; 1] = [window(1, 540, 720)];

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
        let sunday = [window(7, 60, 240)];
        let cal = Calendar {
            windows: &sunday,
            ..Calendar::default()
        };
        let rules = SlotRules {
            length: 3600,
            buffer: 0,
            session: SessionRules::new(0, 7, 24),
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
            session: SessionRules::new(60, 7, 24),
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
        let short = [window(1, 540, 570)]; // 09:00–09:30
        let cal = Calendar {
            windows: &short,
            ..Calendar::default()
        };
        assert!(free_times(ts("2026-11-22T12:00:00Z"), RULES, &cal).is_empty());
    }

    #[test]
    fn times_are_read_with_their_offset() {
        assert_eq!(
            parse_time("2026-11-23T09:00:00+01:00"),
            Some(sec("2026-11-23T08:00:00Z"))
        );
        assert_eq!(parse_time("i morgon"), None);
    }

    /// The horizon's end for a clock at `now` and `days`, and whether 23:30 on
    /// its last day and 00:30 the day after are bookable.
    fn horizon(now: &str, days: i64) -> (i64, bool, bool) {
        let rules = SessionRules::new(0, days, 24);
        let now = ts(now);
        let last = rules.last_day(now).unwrap();
        let late = at(last, 23 * 60 + 30).unwrap();
        let after = at(last.tomorrow().unwrap(), 30).unwrap();
        (
            rules.horizon_end(now),
            rules.bookable(now, late),
            rules.bookable(now, after),
        )
    }

    /// For a clock at `now`, each `(days, end)`: the horizon of `days` ends
    /// at `end`, 23:30 on its last day is bookable and 00:30 after it is not.
    fn assert_horizons(now: &str, ends: &[(i64, &str)]) {
        for &(days, end) in ends {
            assert_eq!(horizon(now, days), (sec(end), true, false), "{days} days");
        }
    }

    /// Across a clock change, the horizon of `days` does not end `days + 1`
    /// 24-hour days after today's midnight (`midnight`).
    fn assert_not_whole_days(now: &str, midnight: &str, days: i64) {
        assert_ne!(horizon(now, days).0, sec(midnight) + (days + 1) * 86_400);
    }

    #[test]
    fn the_horizon_ends_at_swedish_midnight_around_the_march_change() {
        // Summer time starts at 02:00 on Sunday 29 March 2026 (a 23-hour day).
        let now = "2026-03-23T11:00:00Z"; // Monday noon, CET
        // The day before the change, the day of it, the day after.
        assert_horizons(
            now,
            &[
                (5, "2026-03-29T00:00:00+01:00"),
                (6, "2026-03-30T00:00:00+02:00"),
                (7, "2026-03-31T00:00:00+02:00"),
            ],
        );
        // Not a count of 24-hour days from today's midnight, nor from now.
        assert_not_whole_days(now, "2026-03-23T00:00:00+01:00", 6);
        assert_ne!(horizon(now, 6).0, sec(now) + 7 * 86_400);
    }

    #[test]
    fn the_horizon_ends_at_swedish_midnight_around_the_october_change() {
        // Winter time starts at 03:00 on Sunday 25 October 2026 (a 25-hour day).
        let now = "2026-10-20T10:00:00Z"; // Tuesday noon, CEST
        assert_horizons(
            now,
            &[
                (4, "2026-10-25T00:00:00+02:00"),
                (5, "2026-10-26T00:00:00+01:00"),
                (6, "2026-10-27T00:00:00+01:00"),
            ],
        );
        assert_not_whole_days(now, "2026-10-20T00:00:00+02:00", 5);
    }

    #[test]
    fn notice_days_and_deadline() {
        let rules = SessionRules::new(120, 28, 24);
        let now = ts("2026-11-23T11:00:00Z");
        assert_eq!(rules.earliest(now.as_second()), now.as_second() + 7200);
        assert!(!rules.bookable(now, now.as_second() + 7199));
        assert!(rules.bookable(now, now.as_second() + 7200));
        assert_eq!(rules.within(None), rules);
        assert_eq!(rules.within(Some(7)).horizon_days, 7);
        assert_eq!(rules.within(Some(0)).horizon_days, 1);
        assert_eq!(rules.within(Some(90)).horizon_days, 28);
        assert_eq!(rules.change_deadline(100_000), 100_000 - 24 * 3600);
    }

    #[test]
    fn free_times_end_where_the_horizon_ends() {
        // Every evening 23:00–24:00; half-hour times.
        let windows: Vec<Window> = (1..=7).map(|d| window(d, 1380, 1440)).collect();
        let cal = Calendar {
            windows: &windows,
            ..Calendar::default()
        };
        for (now, days) in [("2026-03-23T11:00:00Z", 6), ("2026-10-20T10:00:00Z", 5)] {
            let rules = SlotRules {
                length: 1800,
                buffer: 0,
                session: SessionRules::new(0, days, 24),
            };
            let times = free_times(ts(now), rules, &cal);
            let last = times.last().unwrap().0;
            let end = rules.session.horizon_end(ts(now));
            assert!(last < end && last + 3600 >= end, "{}", swedish_time(last));
            assert!(rules.session.bookable(ts(now), last));
        }
    }
}
