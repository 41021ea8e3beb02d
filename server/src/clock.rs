//! What time it is, in Sweden: the system clock in production, a fixed instant in tests.

use std::sync::LazyLock;

use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use lotsen_api::Date;

/// The programme's time zone; the tz database is bundled, so this works on any machine.
static STOCKHOLM: LazyLock<TimeZone> = LazyLock::new(|| {
    TimeZone::get("Europe/Stockholm").expect("the bundled tz database has Europe/Stockholm")
});

/// A source of the current time. Handlers take it from the state, so tests can fix it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The machine's clock.
    #[default]
    System,
    /// Always the same instant.
    Fixed(Timestamp),
}

impl Clock {
    /// A clock stopped at noon, Swedish time, on `date`.
    pub fn fixed_on(date: Date) -> Self {
        let noon = jiff::civil::date(date.year() as i16, date.month() as i8, date.day() as i8)
            .at(12, 0, 0, 0);
        let zoned = noon
            .to_zoned(STOCKHOLM.clone())
            .expect("noon exists on every Swedish day");
        Self::Fixed(zoned.timestamp())
    }

    /// The current instant.
    pub fn timestamp(&self) -> Timestamp {
        match self {
            Self::System => Timestamp::now(),
            Self::Fixed(at) => *at,
        }
    }

    /// The current time in Europe/Stockholm.
    pub fn now(&self) -> Zoned {
        self.timestamp().to_zoned(STOCKHOLM.clone())
    }

    /// Today's date in Sweden.
    pub fn today(&self) -> Date {
        let d = self.now().date();
        Date::new(i32::from(d.year()), d.month() as u8, d.day() as u8)
            .expect("a date from jiff is a valid date")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_swedish_date() {
        // 23:30 UTC on 23 November is already 24 November in Stockholm (UTC+1).
        let late: Timestamp = "2026-11-23T23:30:00Z".parse().unwrap();
        assert_eq!(Clock::Fixed(late).today(), Date::new(2026, 11, 24).unwrap());
        // 22:30 UTC on a summer day is 00:30 the next day (UTC+2).
        let summer: Timestamp = "2026-06-30T22:30:00Z".parse().unwrap();
        assert_eq!(Clock::Fixed(summer).today(), Date::new(2026, 7, 1).unwrap());
    }

    #[test]
    fn fixed_on_stops_at_noon_that_day() {
        let day = Date::new(2026, 3, 29).unwrap(); // the day summer time starts
        let clock = Clock::fixed_on(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now().hour(), 12);
        assert_eq!(clock.now(), clock.now());
    }

    #[test]
    fn system_clock_moves() {
        let clock = Clock::System;
        assert!(clock.timestamp() <= Timestamp::now());
        assert!(clock.today().year() >= 2025);
    }
}
