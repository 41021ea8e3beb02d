//! The half-year term that both the term report (`outcomes`) and the
//! feedback report count by, written `2026-autumn` or `2027-spring`.

use serde::{Deserialize, Serialize};

use crate::Date;
use chrono::Datelike;

/// Spring (1 January – 30 June) or autumn (1 July – 31 December).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Half {
    Spring,
    Autumn,
}

/// A term, written `2026-autumn` or `2027-spring`; terms order by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    pub year: i32,
    pub half: Half,
}

impl Term {
    /// The term `date` is in.
    pub fn of(date: Date) -> Self {
        let half = if date.month() <= 6 {
            Half::Spring
        } else {
            Half::Autumn
        };
        Self {
            year: date.year(),
            half,
        }
    }

    /// Reads `YYYY-spring` or `YYYY-autumn` (years 2000–2100).
    pub fn parse(s: &str) -> Option<Self> {
        let (year, half) = s.split_once('-')?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let half = match half {
            "spring" => Half::Spring,
            "autumn" => Half::Autumn,
            _ => return None,
        };
        (2000..=2100).contains(&year).then_some(Self { year, half })
    }

    /// The first day.
    pub fn first_day(self) -> Date {
        let month = if self.half == Half::Spring { 1 } else { 7 };
        crate::date::ymd(self.year, month, 1).expect("the first of January or July")
    }

    /// The last day.
    pub fn last_day(self) -> Date {
        let (month, day) = if self.half == Half::Spring {
            (6, 30)
        } else {
            (12, 31)
        };
        crate::date::ymd(self.year, month, day).expect("30 June or 31 December")
    }

    /// Its first and last days.
    pub fn range(self) -> (Date, Date) {
        (self.first_day(), self.last_day())
    }

    /// The term before.
    pub fn previous(self) -> Self {
        match self.half {
            Half::Spring => Self {
                year: self.year - 1,
                half: Half::Autumn,
            },
            Half::Autumn => Self {
                year: self.year,
                half: Half::Spring,
            },
        }
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let half = if self.half == Half::Spring {
            "spring"
        } else {
            "autumn"
        };
        write!(f, "{}-{half}", self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::date::day as d;

    #[test]
    fn terms() {
        assert_eq!(Term::of(d(2026, 6, 30)).to_string(), "2026-spring");
        assert_eq!(Term::of(d(2026, 7, 1)).to_string(), "2026-autumn");
        let t = Term::parse("2026-autumn").unwrap();
        assert_eq!(t.to_string(), "2026-autumn");
        assert_eq!(
            (t.first_day(), t.last_day()),
            (d(2026, 7, 1), d(2026, 12, 31))
        );
        assert_eq!(t.range(), (d(2026, 7, 1), d(2026, 12, 31)));
        assert_eq!(t.previous().to_string(), "2026-spring");
        assert_eq!(Term::parse("2027-spring").unwrap().previous(), t);
        assert_eq!(
            Term::parse("2026-spring").unwrap().previous().to_string(),
            "2025-autumn"
        );
        assert!(Term::parse("2026-spring").unwrap() < t);
        assert!(t < Term::parse("2027-spring").unwrap());
        for bad in [
            "",
            "2026",
            "2026-summer",
            "26-spring",
            "+026-spring",
            "x026-spring",
            "0000-spring",
            "1999-autumn",
            "2101-spring",
            "2026-Spring",
        ] {
            assert_eq!(Term::parse(bad), None, "{bad}");
        }
    }
}
