//! A plain calendar date (proleptic Gregorian), enough for birth dates and ages.
//!
//! Kept here instead of pulling a date crate into the wasm bundle.

use std::fmt;

/// A valid calendar date. Ordering is chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Whether `year` is a leap year in the Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1–12) of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when no such day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        if !s[0..4]
            .bytes()
            .chain(s[5..7].bytes())
            .chain(s[8..10].bytes())
            .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Self::new(year, month, day)
    }

    /// Whole years from `self` (a birth date) to `on`; negative before birth.
    ///
    /// Someone born on 29 February becomes a year older on 1 March in common
    /// years, as Swedish law counts ages (lag 1985:73).
    pub fn years_until(self, on: Date) -> i32 {
        let mut years = on.year - self.year;
        let birthday_this_year = if self.month == 2 && self.day == 29 && !is_leap_year(on.year) {
            (3, 1)
        } else {
            (self.month, self.day)
        };
        if (on.month, on.day) < birthday_this_year {
            years -= 1;
        }
        years
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom("expected a date as YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_days() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2024, 4, 31).is_none());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 0, 1).is_none());
        assert!(Date::new(2024, 1, 0).is_none());
    }

    #[test]
    fn parses_and_prints_iso() {
        let d = Date::parse_iso("2008-03-01").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2008, 3, 1));
        assert_eq!(d.to_string(), "2008-03-01");
        for bad in [
            "2008-3-01",
            "2008/03/01",
            "20080301",
            "2008-02-30",
            "+008-03-01",
            "2008-03-0x",
        ] {
            assert!(Date::parse_iso(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let born = Date::new(2008, 11, 24).unwrap();
        assert_eq!(born.years_until(Date::new(2026, 11, 23).unwrap()), 17);
        assert_eq!(born.years_until(Date::new(2026, 11, 24).unwrap()), 18);
    }

    #[test]
    fn leap_day_birthday_is_first_of_march_in_common_years() {
        let born = Date::new(2008, 2, 29).unwrap();
        assert_eq!(born.years_until(Date::new(2026, 2, 28).unwrap()), 17);
        assert_eq!(born.years_until(Date::new(2026, 3, 1).unwrap()), 18);
        assert_eq!(born.years_until(Date::new(2028, 2, 29).unwrap()), 20);
    }
}
