//! Calendar dates are chrono's [`NaiveDate`] (proleptic Gregorian); this module
//! adds only what Lotsen needs on top of it: the strict `YYYY-MM-DD` form the
//! wire carries (serde, OpenAPI), and the age rule.
//!
//! chrono is used without its `serde` feature and without its parsing and
//! formatting machinery (both are large in the wasm bundle, and chrono's
//! parser is lenient: it takes `2008-3-1`). Printing is chrono's `Display`,
//! which writes `YYYY-MM-DD` for the years 1–9999 this module admits.

pub use chrono::{Datelike, Days, NaiveDate as Date, Weekday};

/// A date in the years 1–9999 (the ones `YYYY-MM-DD` can carry), or `None`
/// when no such day exists.
pub fn ymd(year: i32, month: u32, day: u32) -> Option<Date> {
    (1..=9999)
        .contains(&year)
        .then(|| Date::from_ymd_opt(year, month, day))
        .flatten()
}

/// The earliest date a record of what happened (a contact, an outcome, a
/// plan's conversation or end) may carry.
pub const EARLIEST: (i32, u32, u32) = (2000, 1, 1);

/// Whether `date` is a day from [`EARLIEST`] until `today`: what happened
/// cannot be later than today, nor earlier than the register goes back.
pub fn past_date_allowed(date: Date, today: Date) -> bool {
    let (y, m, d) = EARLIEST;
    ymd(y, m, d).is_some_and(|earliest| date >= earliest) && date <= today
}

/// A day the tests name by its numbers (panics if there is no such day).
#[cfg(test)]
pub(crate) fn day(year: i32, month: u32, day: u32) -> Date {
    ymd(year, month, day).expect("a real day")
}

/// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits), a real day.
pub fn parse_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    ymd(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// Whole years from `born` to `on`; negative before birth.
///
/// Someone born on 29 February becomes a year older on 1 March in common
/// years, as Swedish law counts ages (lag 1985:73): in a common year no
/// day falls between 28 February and 1 March.
pub fn years_between(born: Date, on: Date) -> i32 {
    let years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years - 1
    } else {
        years
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// `date` moved by `n` days either way; the same date if that would leave
/// the years 1–9999.
pub fn add_days(date: Date, n: i64) -> Date {
    let days = Days::new(n.unsigned_abs());
    let moved = if n >= 0 {
        date.checked_add_days(days)
    } else {
        date.checked_sub_days(days)
    };
    moved
        .filter(|d| (1..=9999).contains(&d.year()))
        .unwrap_or(date)
}

/// The Monday of the week `date` is in (weeks run Monday to Sunday in Sweden).
pub fn monday(date: Date) -> Date {
    add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

/// The weekday, 1 = Monday … 7 = Sunday (as the API numbers them).
pub fn weekday_number(date: Date) -> u8 {
    date.weekday().number_from_monday() as u8
}

/// Serde for a [`Date`] field as `"YYYY-MM-DD"`: `#[serde(with = "crate::date::iso")]`.
pub mod iso {
    use super::{Date, parse_iso};

    pub fn serialize<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        parse_iso(&s).ok_or_else(|| serde::de::Error::custom("expected a date as YYYY-MM-DD"))
    }
}

/// Serde for an optional [`Date`] field as `"YYYY-MM-DD"` or `null`/absent:
/// `#[serde(default, with = "crate::date::iso_option")]`.
pub mod iso_option {
    use super::{Date, parse_iso};

    pub fn serialize<S: serde::Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.collect_str(date),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match <Option<String> as serde::Deserialize>::deserialize(d)? {
            None => Ok(None),
            Some(s) => parse_iso(&s)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("expected a date as YYYY-MM-DD")),
        }
    }
}

/// The OpenAPI schema of a [`Date`] field, named `Date` in the document:
/// `#[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]`.
#[cfg(feature = "openapi")]
pub struct DateSchema;

#[cfg(feature = "openapi")]
mod date_schema {
    use std::borrow::Cow;
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    use utoipa::openapi::{RefOr, Schema};

    impl utoipa::PartialSchema for super::DateSchema {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
                .examples(["2026-03-30"])
                .into()
        }
    }

    impl utoipa::ToSchema for super::DateSchema {
        fn name() -> Cow<'static, str> {
            Cow::Borrowed("Date")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse_iso(s).unwrap()
    }

    #[test]
    fn rejects_impossible_days() {
        assert!(ymd(2023, 2, 29).is_none());
        assert!(ymd(2024, 2, 29).is_some());
        assert!(ymd(1900, 2, 29).is_none());
        assert!(ymd(2000, 2, 29).is_some());
        assert!(ymd(2024, 4, 31).is_none());
        assert!(ymd(2024, 13, 1).is_none());
        assert!(ymd(2024, 0, 1).is_none());
        assert!(ymd(2024, 1, 0).is_none());
        assert!(ymd(0, 1, 1).is_none());
        assert!(ymd(10_000, 1, 1).is_none());
    }

    #[test]
    fn parses_and_prints_iso() {
        let date = d("2008-03-01");
        assert_eq!((date.year(), date.month(), date.day()), (2008, 3, 1));
        assert_eq!(date.to_string(), "2008-03-01");
        assert_eq!(d("0001-01-01").to_string(), "0001-01-01");
        assert_eq!(d("9999-12-31").to_string(), "9999-12-31");
        for bad in [
            "2008-3-01",
            "2008-03-1",
            "2008/03/01",
            "20080301",
            "2008-02-30",
            "+008-03-01",
            "2008-03-0x",
            " 2008-03-01",
            "2008-03-01 ",
            "0000-01-01",
            "2008-03-01T00:00",
            "２００8-03-01",
        ] {
            assert!(parse_iso(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn serde_carries_exactly_yyyy_mm_dd() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct T {
            #[serde(with = "iso")]
            on: Date,
        }
        let t = T {
            on: d("2026-11-24"),
        };
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"on":"2026-11-24"}"#);
        assert_eq!(
            serde_json::from_str::<T>(r#"{"on":"2026-11-24"}"#).unwrap(),
            t
        );
        assert!(serde_json::from_str::<T>(r#"{"on":"2026-11-4"}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"on":20261124}"#).is_err());
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let born = d("2008-11-24");
        assert_eq!(years_between(born, d("2026-11-23")), 17);
        assert_eq!(years_between(born, d("2026-11-24")), 18);
        assert_eq!(years_between(born, d("2008-11-23")), -1);
    }

    #[test]
    fn leap_day_birthday_is_first_of_march_in_common_years() {
        let born = d("2008-02-29");
        assert_eq!(years_between(born, d("2026-02-28")), 17);
        assert_eq!(years_between(born, d("2026-03-01")), 18);
        assert_eq!(years_between(born, d("2028-02-28")), 19);
        assert_eq!(years_between(born, d("2028-02-29")), 20);
    }

    #[test]
    fn adding_days_crosses_month_and_year_ends() {
        assert_eq!(add_days(d("2026-01-31"), 1), d("2026-02-01"));
        assert_eq!(add_days(d("2028-02-28"), 1), d("2028-02-29"));
        assert_eq!(add_days(d("2026-02-28"), 1), d("2026-03-01"));
        assert_eq!(add_days(d("2026-12-31"), 1), d("2027-01-01"));
        assert_eq!(add_days(d("2027-01-01"), -1), d("2026-12-31"));
        assert_eq!(add_days(d("2026-03-01"), -1), d("2026-02-28"));
        assert_eq!(add_days(d("2026-03-28"), 366), d("2027-03-29"));
        assert_eq!(add_days(d("9999-12-31"), 1), d("9999-12-31"));
        assert_eq!(add_days(d("0001-01-01"), -1), d("0001-01-01"));
        assert_eq!(days_between(d("1970-01-01"), d("2000-03-01")), 11_017);
        assert_eq!(days_between(d("2026-12-31"), d("2026-01-01")), -364);
        assert_eq!(days_between(d("2028-01-01"), d("2029-01-01")), 366);
    }

    #[test]
    fn weekdays_and_iso_weeks_at_year_ends() {
        // 2026-11-23 is a Monday, 2026-11-29 a Sunday.
        assert_eq!(weekday_number(d("2026-11-23")), 1);
        assert_eq!(weekday_number(d("2026-11-29")), 7);
        assert_eq!(weekday_number(d("1970-01-01")), 4);
        assert_eq!(monday(d("2026-11-29")), d("2026-11-23"));
        assert_eq!(monday(d("2026-11-23")), d("2026-11-23"));
        assert_eq!(monday(d("2027-01-03")), d("2026-12-28"));
        // 2026 has 53 ISO weeks: 28 Dec 2026 – 3 Jan 2027 is week 53 of 2026.
        let w = d("2026-12-31").iso_week();
        assert_eq!((w.year(), w.week()), (2026, 53));
        let w = d("2027-01-03").iso_week();
        assert_eq!((w.year(), w.week()), (2026, 53));
        let w = d("2027-01-04").iso_week();
        assert_eq!((w.year(), w.week()), (2027, 1));
        // 2024-12-30 (a Monday) already belongs to week 1 of 2025.
        let w = d("2024-12-30").iso_week();
        assert_eq!((w.year(), w.week()), (2025, 1));
        let w = d("2021-01-03").iso_week();
        assert_eq!((w.year(), w.week()), (2020, 53));
    }
}
