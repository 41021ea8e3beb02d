//! Calendar arithmetic on [`Date`] for the schedule pages: weekdays, weeks
//! (Monday to Sunday, ISO 8601 numbering, as Swedish calendars count them),
//! and days grouped by date. Plain integer arithmetic, no date crate.

use lotsen_api::Date;

/// Days since 1970-01-01 (negative before), for a valid date.
pub fn days(date: Date) -> i64 {
    // Howard Hinnant's days_from_civil.
    let (mut y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    if m <= 2 {
        y -= 1;
    }
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` days after 1970-01-01; `None` outside years 1–9999.
pub fn from_days(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(i32::try_from(y).ok()?, m as u8, d as u8)
}

/// `date` moved by `n` days (either way); the same date at the calendar's ends.
pub fn add_days(date: Date, n: i64) -> Date {
    from_days(days(date) + n).unwrap_or(date)
}

/// The weekday, 1 = Monday … 7 = Sunday (as the API numbers them).
pub fn weekday(date: Date) -> u8 {
    // 1970-01-01 was a Thursday (4).
    ((days(date) + 3).rem_euclid(7) + 1) as u8
}

/// The Monday of the week `date` is in.
pub fn monday(date: Date) -> Date {
    add_days(date, -(i64::from(weekday(date)) - 1))
}

/// The seven days of the week starting on `monday`.
pub fn week_days(monday: Date) -> [Date; 7] {
    std::array::from_fn(|i| add_days(monday, i as i64))
}

/// The ISO 8601 week number of `date` (1–53); the week belongs to the year of its Thursday.
pub fn iso_week(date: Date) -> u8 {
    let thursday = add_days(date, 4 - i64::from(weekday(date)));
    let first = Date::new(thursday.year(), 1, 1).unwrap_or(thursday);
    ((days(thursday) - days(first)) / 7 + 1) as u8
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
