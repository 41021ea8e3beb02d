//! The timeline's rules, without I/O: the order of events, the cursor that
//! pages through them, and the bound each source's query starts from.
//!
//! Every event has a sort key `(at, source, id)`: `at` is the instant it
//! happened in Unix seconds (a date-only event at the start of its Swedish
//! day), `source` which query it came from, `id` its row. Newest first is that
//! key descending; the cursor is the key of the last event of a page, and the
//! next page holds the events whose key is below it. Each source's query reads
//! its rows below the cursor, by its own index, at most a page plus one; the
//! pages merge them.

use std::fmt;

use lotsen_api::Date;

use crate::clock::{civil, from_civil, stockholm};

/// The queries the timeline merges; at the same instant the higher comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Registered = 0,
    Deregistered = 1,
    Contact = 2,
    Outcome = 3,
    Absence = 4,
    MeasureStarted = 5,
    MeasureEnded = 6,
    PlanVersion = 7,
    PlanAnswer = 8,
    Application = 9,
    Booking = 10,
}

/// The sort key of an event, and the cursor of a page (`at.source.id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub at: i64,
    pub source: u8,
    pub id: i64,
}

impl Key {
    /// The key of `source`'s row `id` at `at`.
    pub fn new(at: i64, source: Source, id: i64) -> Self {
        Self {
            at,
            source: source as u8,
            id,
        }
    }

    /// Reads a cursor as [`fmt::Display`] writes it; `None` if it is not one.
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('.');
        let key = Self {
            at: parts.next()?.parse().ok()?,
            source: parts.next()?.parse().ok()?,
            id: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.at, self.source, self.id)
    }
}

/// Where `source`'s query starts for rows keyed by an instant: the rows with
/// `at < bound.0`, or `at = bound.0` and `id < bound.1`.
pub fn instant_bound(before: Option<Key>, source: Source) -> (i64, i64) {
    let Some(before) = before else {
        return (i64::MAX, i64::MAX);
    };
    let id = match (source as u8).cmp(&before.source) {
        std::cmp::Ordering::Less => i64::MAX,
        std::cmp::Ordering::Equal => before.id,
        std::cmp::Ordering::Greater => i64::MIN,
    };
    (before.at, id)
}

/// Where `source`'s query starts for rows keyed by a date (`YYYY-MM-DD`): the
/// rows with `date < bound.0`, or `date = bound.0` and `id < bound.1`.
pub fn date_bound(before: Option<Key>, source: Source) -> (String, i64) {
    let (at, id) = instant_bound(before, source);
    if at == i64::MAX {
        return ("9999-12-31".to_owned(), id);
    }
    let Some(day) = swedish_day(at) else {
        return ("0000-01-01".to_owned(), i64::MIN);
    };
    if day_start(day) == at {
        (day.to_string(), id)
    } else {
        // The bound falls inside `day`, after its start: every row of `day`
        // sorts below it.
        let next = day.succ_opt().unwrap_or(day);
        (next.to_string(), i64::MIN)
    }
}

/// The instant a Swedish day starts, in Unix seconds.
pub fn day_start(day: Date) -> i64 {
    civil(day)
        .to_zoned(stockholm())
        .map_or(0, |z| z.timestamp().as_second())
}

/// The Swedish day of an instant.
pub fn swedish_day(at: i64) -> Option<Date> {
    let zoned = jiff::Timestamp::from_second(at).ok()?.to_zoned(stockholm());
    Some(from_civil(zoned.date()))
}

/// The Swedish day and wall-clock time (`HH:MM`) of an instant.
pub fn swedish_moment(at: i64) -> Option<(Date, String)> {
    let zoned = jiff::Timestamp::from_second(at).ok()?.to_zoned(stockholm());
    let time = format!("{:02}:{:02}", zoned.hour(), zoned.minute());
    Some((from_civil(zoned.date()), time))
}

/// The newest `limit` of `events` (each source's newest, merged), and the
/// cursor of the next page when more are left.
pub fn page<E>(mut events: Vec<(Key, E)>, limit: usize) -> (Vec<E>, Option<Key>) {
    events.sort_by_key(|e| std::cmp::Reverse(e.0));
    let more = events.len() > limit;
    events.truncate(limit);
    let next = if more {
        events.last().map(|(key, _)| *key)
    } else {
        None
    };
    (events.into_iter().map(|(_, e)| e).collect(), next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        lotsen_api::date::parse_iso(s).unwrap()
    }

    #[test]
    fn a_cursor_reads_back_and_nothing_else_is_one() {
        let key = Key::new(1_790_000_000, Source::Booking, 42);
        assert_eq!(Key::parse(&key.to_string()), Some(key));
        for bad in ["", "1.2", "1.2.3.4", "a.b.c", "1.300.3", "1..3"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_day_starts_at_swedish_midnight() {
        // 2026-11-23 00:00 in Stockholm (UTC+1) is 23:00 UTC the day before.
        let start = day_start(date("2026-11-23"));
        assert_eq!(crate::clock::rfc3339(start), "2026-11-22T23:00:00Z");
        assert_eq!(swedish_day(start), Some(date("2026-11-23")));
        assert_eq!(swedish_day(start - 1), Some(date("2026-11-22")));
        // Summer time: UTC+2.
        assert_eq!(
            crate::clock::rfc3339(day_start(date("2026-06-30"))),
            "2026-06-29T22:00:00Z"
        );
        assert_eq!(
            swedish_moment(start + 9 * 3600 + 15 * 60),
            Some((date("2026-11-23"), "09:15".to_owned()))
        );
    }

    #[test]
    fn each_source_starts_below_the_cursor() {
        assert_eq!(
            instant_bound(None, Source::Booking),
            (i64::MAX, i64::MAX),
            "no cursor: everything"
        );
        let cursor = Key::new(1000, Source::PlanVersion, 7);
        // A source that sorts below the cursor's at the same instant: all of
        // that instant; the same source: the lower ids; a higher one: none.
        assert_eq!(
            instant_bound(Some(cursor), Source::Contact),
            (1000, i64::MAX)
        );
        assert_eq!(instant_bound(Some(cursor), Source::PlanVersion), (1000, 7));
        assert_eq!(
            instant_bound(Some(cursor), Source::Booking),
            (1000, i64::MIN)
        );
    }

    #[test]
    fn a_date_source_starts_at_the_day_of_the_cursor() {
        let monday = date("2026-11-23");
        let start = day_start(monday);
        // The cursor at the day's start (a date-only event): that day's rows by id.
        assert_eq!(
            date_bound(Some(Key::new(start, Source::Contact, 5)), Source::Contact),
            ("2026-11-23".to_owned(), 5)
        );
        // Inside the day (a timed event): every row of that day sorts below it.
        assert_eq!(
            date_bound(
                Some(Key::new(start + 3600, Source::Booking, 5)),
                Source::Contact
            ),
            ("2026-11-24".to_owned(), i64::MIN)
        );
        assert_eq!(
            date_bound(None, Source::Contact),
            ("9999-12-31".to_owned(), i64::MAX)
        );
    }

    #[test]
    fn a_page_is_the_newest_and_says_where_the_next_starts() {
        let events = vec![
            (Key::new(10, Source::Contact, 1), "old"),
            (Key::new(30, Source::Booking, 2), "newest"),
            (Key::new(20, Source::Booking, 3), "middle"),
            (Key::new(20, Source::Contact, 9), "middle, lower source"),
        ];
        let (first, next) = page(events.clone(), 2);
        assert_eq!(first, ["newest", "middle"]);
        assert_eq!(next, Some(Key::new(20, Source::Booking, 3)));
        let (all, none) = page(events, 4);
        assert_eq!(all.len(), 4);
        assert_eq!(all[3], "old");
        assert_eq!(none, None);
    }
}
