//! Calendar helpers for the schedule pages: weeks (Monday to Sunday, ISO 8601
//! numbering, as Swedish calendars count them) and days grouped by date. The
//! date arithmetic itself is chrono's, through `lotsen_api::date`.

use lotsen_api::Date;
pub use lotsen_api::date::{add_days, monday};

/// The seven days of the week starting on `monday`.
pub fn week_days(monday: Date) -> [Date; 7] {
    std::array::from_fn(|i| add_days(monday, i as i64))
}

/// `items` (sorted by time) grouped by their date, in date order.
pub fn group_by_day<T>(items: Vec<T>, date: impl Fn(&T) -> Date) -> Vec<(Date, Vec<T>)> {
    let mut groups: Vec<(Date, Vec<T>)> = Vec::new();
    for item in items {
        let day = date(&item);
        match groups.iter_mut().find(|(d, _)| *d == day) {
            Some((_, list)) => list.push(item),
            None => groups.push((day, vec![item])),
        }
    }
    groups.sort_by_key(|(d, _)| *d);
    groups
}

/// `HH:MM` as minutes after midnight, if it is a valid time.
pub fn minutes(time: &str) -> Option<u16> {
    let (h, m) = time.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}
