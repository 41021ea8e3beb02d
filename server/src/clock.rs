//! What time it is, in Sweden: the system clock in production, a fixed instant in tests.

use std::sync::{Arc, LazyLock, Mutex};

use chrono::Datelike;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use lotsen_api::Date;

/// The programme's time zone; the tz database is bundled, so this works on any machine.
static STOCKHOLM: LazyLock<TimeZone> = LazyLock::new(|| {
    TimeZone::get("Europe/Stockholm").expect("the bundled tz database has Europe/Stockholm")
});

/// Europe/Stockholm, the one time zone of every wall-clock time in Lotsen
/// (opening hours, schedules, horizons): declared here only.
pub fn stockholm() -> TimeZone {
    STOCKHOLM.clone()
}

/// `date` as a jiff civil date (for time-zone work, which is jiff's job here).
pub fn civil(date: Date) -> jiff::civil::Date {
    jiff::civil::date(date.year() as i16, date.month() as i8, date.day() as i8)
}

/// A jiff civil date as a [`Date`].
pub fn from_civil(d: jiff::civil::Date) -> Date {
    lotsen_api::date::ymd(i32::from(d.year()), d.month() as u32, d.day() as u32)
        .expect("a date from jiff is in the years 1–9999")
}

/// The Swedish calendar date of an instant given in Unix seconds, as `YYYY-MM-DD`.
pub fn swedish_date(unix_seconds: i64) -> String {
    Timestamp::from_second(unix_seconds)
        .map(|t| t.to_zoned(STOCKHOLM.clone()).date().to_string())
        .unwrap_or_default()
}

/// A source of the current time. Handlers take it from the state, so tests can fix it.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    /// The machine's clock.
    #[default]
    System,
    /// Always the same instant.
    Fixed(Timestamp),
    /// An instant that only moves when told to ([`Clock::advance`]); shared by clones.
    Manual(Arc<Mutex<Timestamp>>),
}

impl Clock {
    /// A clock stopped at noon, Swedish time, on `date`.
    pub fn fixed_on(date: Date) -> Self {
        let noon = civil(date).at(12, 0, 0, 0);
        let zoned = noon
            .to_zoned(STOCKHOLM.clone())
            .expect("noon exists on every Swedish day");
        Self::Fixed(zoned.timestamp())
    }

    /// A clock at noon, Swedish time, on `date` that moves only by [`Clock::advance`].
    pub fn manual_on(date: Date) -> Self {
        Self::Manual(Arc::new(Mutex::new(Self::fixed_on(date).timestamp())))
    }

    /// Moves a manual clock forward by `by` (all its clones with it); other clocks ignore it.
    pub fn advance(&self, by: std::time::Duration) {
        if let Self::Manual(at) = self {
            let mut at = at.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let span = jiff::SignedDuration::try_from(by).expect("a test-sized duration");
            *at = at.checked_add(span).expect("a time within jiff's range");
        }
    }

    /// The current instant.
    pub fn timestamp(&self) -> Timestamp {
        match self {
            Self::System => Timestamp::now(),
            Self::Fixed(at) => *at,
            Self::Manual(at) => *at.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
        }
    }

    /// The current instant in whole Unix seconds, as the database stores times.
    pub fn unix_seconds(&self) -> i64 {
        self.timestamp().as_second()
    }

    /// The current time in Europe/Stockholm.
    pub fn now(&self) -> Zoned {
        self.timestamp().to_zoned(STOCKHOLM.clone())
    }

    /// Today's date in Sweden.
    pub fn today(&self) -> Date {
        from_civil(self.now().date())
    }
}

/// Unix seconds as RFC 3339 (UTC).
pub fn rfc3339(unix_seconds: i64) -> String {
    jiff::Timestamp::from_second(unix_seconds)
        .map_or_else(|_| unix_seconds.to_string(), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_swedish_date() {
        // 23:30 UTC on 23 November is already 24 November in Stockholm (UTC+1).
        let late: Timestamp = "2026-11-23T23:30:00Z".parse().unwrap();
        assert_eq!(
            Clock::Fixed(late).today(),
            lotsen_api::date::ymd(2026, 11, 24).unwrap()
        );
        // 22:30 UTC on a summer day is 00:30 the next day (UTC+2).
        let summer: Timestamp = "2026-06-30T22:30:00Z".parse().unwrap();
        assert_eq!(
            Clock::Fixed(summer).today(),
            lotsen_api::date::ymd(2026, 7, 1).unwrap()
        );
    }

    #[test]
    fn fixed_on_stops_at_noon_that_day() {
        let day = lotsen_api::date::ymd(2026, 3, 29).unwrap(); // the day summer time starts
        let clock = Clock::fixed_on(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now().hour(), 12);
        assert_eq!(clock.now(), clock.now());
    }

    #[test]
    fn a_manual_clock_moves_when_told_and_its_clones_with_it() {
        let day = lotsen_api::date::ymd(2026, 11, 23).unwrap();
        let clock = Clock::manual_on(day);
        let clone = clock.clone();
        let start = clock.unix_seconds();
        clock.advance(std::time::Duration::from_secs(90));
        assert_eq!(clone.unix_seconds(), start + 90);
        clone.advance(std::time::Duration::from_secs(24 * 3600));
        assert_eq!(clock.today(), lotsen_api::date::ymd(2026, 11, 24).unwrap());
    }

    #[test]
    fn system_clock_moves() {
        let clock = Clock::System;
        assert!(clock.timestamp() <= Timestamp::now());
        assert!(clock.today().year() >= 2025);
    }
}
