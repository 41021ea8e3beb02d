//! Swedish personal identity numbers (*personnummer*) and coordination numbers
//! (*samordningsnummer*).
//!
//! Accepted input: `YYYYMMDD-NNNC`, `YYYYMMDDNNNC`, `YYMMDD-NNNC`, `YYMMDDNNNC`,
//! and `YYMMDD+NNNC` for people aged 100 or more. The check digit `C` is the
//! Luhn digit over the 10-digit form. A coordination number adds 60 to the day.
//! Storage is always the 12 digits `YYYYMMDDNNNC`.
//!
//! The number is sensitive: `Debug` never prints it, and it has no place in
//! URLs, logs or local storage.

use std::fmt;

use crate::date::Date;
use chrono::Datelike;

/// A validated personnummer or samordningsnummer.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Personnummer {
    /// `YYYYMMDDNNNC`, ASCII digits.
    digits: String,
    birth_date: Date,
}

/// Why a string is not a valid personnummer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonnummerError {
    /// Nothing was entered.
    Empty,
    /// Not 10 or 12 digits with an optional `-` or `+` before the last four.
    Format,
    /// The date part is not a real day.
    Date,
    /// The birth date lies after the reference day.
    Future,
    /// The last digit does not match the others (a typing mistake).
    Checksum,
}

impl PersonnummerError {
    /// The stable snake_case code, as used in field errors and locale keys.
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "personnummer_empty",
            Self::Format => "personnummer_format",
            Self::Date => "personnummer_date",
            Self::Future => "personnummer_future",
            Self::Checksum => "personnummer_checksum",
        }
    }
}

impl fmt::Display for PersonnummerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for PersonnummerError {}

/// The Luhn check digit for nine digits (`YYMMDDNNN`).
pub fn luhn_check_digit(nine: &[u8]) -> u8 {
    let sum: u32 = nine
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let p = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn digits_of(s: &str) -> Option<Vec<u8>> {
    s.bytes()
        .map(|b| b.is_ascii_digit().then(|| b - b'0'))
        .collect()
}

fn number(d: &[u8]) -> u32 {
    d.iter().fold(0, |n, &x| n * 10 + u32::from(x))
}

impl Personnummer {
    /// Parses any accepted form. `today` decides the century of the 10-digit
    /// forms and rejects birth dates in the future.
    pub fn parse(input: &str, today: Date) -> Result<Self, PersonnummerError> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if s.is_empty() {
            return Err(PersonnummerError::Empty);
        }
        if !s.is_ascii() {
            return Err(PersonnummerError::Format);
        }
        let (body, plus) = match s.len() {
            13 | 11 => {
                let (head, tail) = s.split_at(s.len() - 5);
                let sep = tail.as_bytes()[0];
                if sep != b'-' && sep != b'+' {
                    return Err(PersonnummerError::Format);
                }
                (format!("{head}{}", &tail[1..]), sep == b'+')
            }
            12 | 10 => (s.clone(), false),
            _ => return Err(PersonnummerError::Format),
        };
        let d = digits_of(&body).ok_or(PersonnummerError::Format)?;
        let (year, rest) = if d.len() == 12 {
            (number(&d[0..4]) as i32, &d[4..])
        } else {
            let yy = number(&d[0..2]) as i32;
            let (month, day) = (number(&d[2..4]), number(&d[4..6]));
            let day = if day > 60 { day - 60 } else { day };
            // The latest year ending in `yy` whose birthday is not after today.
            let mut year = today.year() - (today.year() - yy).rem_euclid(100);
            if (month, day) > (today.month(), today.day()) && year == today.year() {
                year -= 100;
            }
            if plus {
                year -= 100;
            }
            (year, &d[2..])
        };
        let month = number(&rest[0..2]);
        let raw_day = number(&rest[2..4]);
        let day = if raw_day > 60 { raw_day - 60 } else { raw_day };
        let birth_date = crate::date::ymd(year, month, day).ok_or(PersonnummerError::Date)?;
        if birth_date > today {
            return Err(PersonnummerError::Future);
        }
        let ten = [&d[d.len() - 10..]].concat();
        if luhn_check_digit(&ten[..9]) != ten[9] {
            return Err(PersonnummerError::Checksum);
        }
        let digits = format!(
            "{year:04}{}",
            rest.iter()
                .map(|d| char::from(b'0' + d))
                .collect::<String>()
        );
        Ok(Self { digits, birth_date })
    }

    /// Parses the 12-digit storage form (`YYYYMMDDNNNC`, hyphen allowed).
    /// Used where no reference day is at hand, such as deserialisation.
    pub fn parse_stored(input: &str) -> Result<Self, PersonnummerError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if s.len() != 12 {
            return Err(if s.is_empty() {
                PersonnummerError::Empty
            } else {
                PersonnummerError::Format
            });
        }
        let far_future = crate::date::ymd(9999, 12, 31).expect("valid date");
        Self::parse(&s, far_future)
    }

    /// The 12 digits `YYYYMMDDNNNC`, the storage form.
    pub fn as_digits(&self) -> &str {
        &self.digits
    }

    /// The birth date (the real day, also for coordination numbers).
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// Whether this is a samordningsnummer (day + 60).
    pub fn is_coordination_number(&self) -> bool {
        self.digits[6..8].parse::<u8>().is_ok_and(|d| d > 60)
    }

    /// Age in whole years on `on`.
    pub fn age_on(&self, on: Date) -> i32 {
        crate::date::years_between(self.birth_date, on)
    }

    /// Whether the person is under 18 on `on` (guardians co-sign, and have access).
    pub fn is_minor_on(&self, on: Date) -> bool {
        self.age_on(on) < 18
    }

    /// The 10-digit form as written on `on`: `YYMMDD-NNNC`, or `YYMMDD+NNNC`
    /// from the person's 100th birthday.
    pub fn ten_digit_on(&self, on: Date) -> String {
        let sep = if self.age_on(on) >= 100 { '+' } else { '-' };
        format!("{}{sep}{}", &self.digits[2..8], &self.digits[8..])
    }

    /// Only the date part, the rest hidden: `YYYYMMDD-****`, for lists.
    pub fn masked(&self) -> String {
        format!("{}-****", &self.digits[..8])
    }
}

/// `YYYYMMDD-NNNC`.
impl fmt::Display for Personnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.digits[..8], &self.digits[8..])
    }
}

/// Never prints the number, so that it cannot leak into logs.
impl fmt::Debug for Personnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Personnummer(<redacted>)")
    }
}

impl serde::Serialize for Personnummer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.digits)
    }
}

impl<'de> serde::Deserialize<'de> for Personnummer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Personnummer::parse_stored(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::date::day;

    fn today() -> Date {
        day(2026, 11, 23)
    }

    /// A valid number for a birth date and serial, computing the check digit.
    fn make(y: i32, m: u32, d: u32, serial: u16) -> String {
        let nine = format!("{:02}{m:02}{d:02}{serial:03}", y % 100);
        let c = luhn_check_digit(&digits_of(&nine).unwrap());
        format!("{y:04}{m:02}{d:02}{serial:03}{c}")
    }

    #[test]
    fn known_valid_number() {
        // The Swedish Tax Agency's published test number.
        let p = Personnummer::parse("19121212-1212", today()).unwrap();
        assert_eq!(p.as_digits(), "191212121212");
        assert_eq!(p.to_string(), "19121212-1212");
        assert_eq!(p.birth_date(), day(1912, 12, 12));
        assert!(!p.is_coordination_number());
    }

    #[test]
    fn invalid_inputs_have_a_reason_each() {
        let cases = [
            ("", PersonnummerError::Empty, "empty"),
            ("   ", PersonnummerError::Empty, "blank"),
            ("19121212-121", PersonnummerError::Format, "too short"),
            ("19121212*1212", PersonnummerError::Format, "odd separator"),
            ("1912121a1212", PersonnummerError::Format, "a letter"),
            ("19121312-1212", PersonnummerError::Date, "month 13"),
            (
                "20230229-0000",
                PersonnummerError::Date,
                "29 Feb in a common year",
            ),
            (
                "19121212-1213",
                PersonnummerError::Checksum,
                "last digit off by one",
            ),
            ("21001212-1212", PersonnummerError::Future, "born in 2100"),
        ];
        for (input, want, why) in cases {
            assert_eq!(
                Personnummer::parse(input, today()),
                Err(want),
                "{why}: {input}"
            );
        }
    }

    #[test]
    fn ten_digit_forms_pick_the_century_from_today() {
        let ok = make(2008, 11, 24, 123);
        let ten = format!("{}-{}", &ok[2..8], &ok[8..]);
        // Born 2008-11-24: on 2026-11-23 that is a 17-year-old.
        let p = Personnummer::parse(&ten, today()).unwrap();
        assert_eq!(p.birth_date(), day(2008, 11, 24));
        assert_eq!(p.age_on(today()), 17);
        assert!(p.is_minor_on(today()));
        assert!(!p.is_minor_on(day(2026, 11, 24)));

        // A birthday later this year than today, two digits equal to this year: last century.
        let old = make(1926, 12, 1, 5);
        let p = Personnummer::parse(&format!("{}-{}", &old[2..8], &old[8..]), today()).unwrap();
        assert_eq!(p.birth_date(), day(1926, 12, 1));
    }

    #[test]
    fn plus_marks_a_century_more() {
        let n = make(1920, 5, 5, 42);
        let with_plus = format!("{}+{}", &n[2..8], &n[8..]);
        let p = Personnummer::parse(&with_plus, today()).unwrap();
        assert_eq!(p.birth_date(), day(1920, 5, 5));
        assert_eq!(p.ten_digit_on(today()), with_plus);
        // The same digits with '-' mean 2020.
        let p2 = Personnummer::parse(&with_plus.replace('+', "-"), today()).unwrap();
        assert_eq!(p2.birth_date(), day(2020, 5, 5));
        // The separator turns to '+' on the 100th birthday, not before.
        let p3 = Personnummer::parse(&n, today()).unwrap();
        assert!(p3.ten_digit_on(day(2020, 5, 4)).contains('-'));
        assert!(p3.ten_digit_on(day(2020, 5, 5)).contains('+'));
    }

    #[test]
    fn samordningsnummer_add_sixty_to_the_day() {
        let nine = "080384123"; // born 2008-03-24, as a coordination number: day 84
        let c = luhn_check_digit(&digits_of(nine).unwrap());
        let p = Personnummer::parse(&format!("20{nine}{c}"), today()).unwrap();
        assert!(p.is_coordination_number());
        assert_eq!(p.birth_date(), day(2008, 3, 24));
        assert_eq!(&p.as_digits()[6..8], "84");
        // Day 60 + 31 in a 30-day month is no date at all.
        let nine = "080491123";
        let c = luhn_check_digit(&digits_of(nine).unwrap());
        assert_eq!(
            Personnummer::parse(&format!("20{nine}{c}"), today()),
            Err(PersonnummerError::Date)
        );
    }

    #[test]
    fn debug_never_prints_the_number() {
        let p = Personnummer::parse("19121212-1212", today()).unwrap();
        let dbg = format!("{p:?}");
        assert!(!dbg.contains("1212"), "{dbg}");
        assert_eq!(p.masked(), "19121212-****");
    }

    #[test]
    fn serde_uses_the_twelve_digit_storage_form() {
        let p = Personnummer::parse("121212+1212", today()).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, "\"191212121212\"");
        let back: Personnummer = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        assert!(serde_json::from_str::<Personnummer>("\"191212121213\"").is_err());
        assert!(serde_json::from_str::<Personnummer>("\"1212121212\"").is_err());
    }

    fn arb_birth() -> impl Strategy<Value = (i32, u32, u32)> {
        (1900i32..=2026, 1u32..=12, 1u32..=31).prop_filter_map(
            "real day before today",
            |(y, m, d)| {
                let date = crate::date::ymd(y, m, d)?;
                (date <= today()).then_some((y, m, d))
            },
        )
    }

    proptest! {
        #[test]
        fn every_form_of_a_valid_number_parses_to_the_same_value(
            (y, m, d) in arb_birth(), serial in 0u16..1000, coordination in any::<bool>()
        ) {
            let dd = if coordination { d + 60 } else { d };
            let n = make(y, m, dd, serial);
            let twelve = Personnummer::parse(&n, today()).unwrap();
            prop_assert_eq!(twelve.as_digits(), n.as_str());
            prop_assert_eq!(twelve.birth_date(), crate::date::ymd(y, m, d).unwrap());
            prop_assert_eq!(twelve.is_coordination_number(), coordination);
            let hyphen = Personnummer::parse(&twelve.to_string(), today()).unwrap();
            prop_assert_eq!(&hyphen, &twelve);
            let ten = Personnummer::parse(&twelve.ten_digit_on(today()), today()).unwrap();
            prop_assert_eq!(&ten, &twelve);
            let stored = Personnummer::parse_stored(twelve.as_digits()).unwrap();
            prop_assert_eq!(&stored, &twelve);
        }

        #[test]
        fn a_wrong_check_digit_is_always_caught((y, m, d) in arb_birth(), serial in 0u16..1000, delta in 1u8..10) {
            let n = make(y, m, d, serial);
            let last = n.as_bytes()[11] - b'0';
            let wrong = format!("{}{}", &n[..11], (last + delta) % 10);
            prop_assert_eq!(Personnummer::parse(&wrong, today()), Err(PersonnummerError::Checksum));
        }

        #[test]
        fn age_grows_by_one_on_each_birthday((y, m, d) in arb_birth(), years in 0i32..120) {
            let p = Personnummer::parse(&make(y, m, d, 1), today()).unwrap();
            let (ty, tm, td) = if (m, d) == (2, 29) && crate::date::ymd(y + years, 2, 29).is_none() { (y + years, 3, 1) } else { (y + years, m, d) };
            if let Some(birthday) = crate::date::ymd(ty, tm, td) {
                prop_assert_eq!(p.age_on(birthday), years);
            }
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,20}") {
            let _ = Personnummer::parse(&s, today());
            let _ = Personnummer::parse_stored(&s);
        }
    }
}
