//! What comes next and what today holds, from the young person's schedule
//! and bookings of their window: no I/O.

use lotsen_api::Date;
use lotsen_api::booking::{Booking, BookingStatus};
use lotsen_api::home::HomeEntry;
use lotsen_api::schedule::OccurrenceStatus;

use crate::schedule::rules::{Expanded, local_to_unix};

/// An entry with its day and its instants (Unix seconds), and whether it
/// can be what comes next.
#[derive(Clone, Debug)]
pub struct Timed {
    pub date: Date,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Not cancelled, not "can't come", a booking still booked.
    pub counts: bool,
    pub entry: HomeEntry,
}

/// An occurrence of the schedule, at its actual date and time.
pub fn activity(e: Expanded) -> Timed {
    let date = e.item.date;
    Timed {
        date,
        starts_at: local_to_unix(date, e.minutes.0),
        ends_at: local_to_unix(date, e.minutes.1),
        counts: e.item.status != OccurrenceStatus::Cancelled && e.item.absence.is_none(),
        entry: HomeEntry::Activity(e.item),
    }
}

/// A booking, on its Swedish date, if the home shows it: booked, attended
/// or no-show (as the schedule shows them; not cancelled ones, nor offers).
pub fn booking(b: Booking, date: Date, starts_at: i64, ends_at: i64) -> Option<Timed> {
    let shown = matches!(
        b.status,
        BookingStatus::Booked | BookingStatus::Attended | BookingStatus::NoShow
    );
    shown.then(|| Timed {
        date,
        starts_at,
        ends_at,
        counts: b.status == BookingStatus::Booked,
        entry: HomeEntry::Booking(b),
    })
}

/// What comes next (the first entry that counts and has not ended at
/// `now`: one going on now is next) and today's entries, both by start,
/// an activity before a booking at the same minute.
pub fn arrange(mut all: Vec<Timed>, today: Date, now: i64) -> (Option<HomeEntry>, Vec<HomeEntry>) {
    all.sort_by_key(|t| (t.starts_at, matches!(t.entry, HomeEntry::Booking(_))));
    let next = all
        .iter()
        .find(|t| t.counts && t.ends_at > now)
        .map(|t| t.entry.clone());
    let today = all
        .into_iter()
        .filter(|t| t.date == today)
        .map(|t| t.entry)
        .collect();
    (next, today)
}

#[cfg(test)]
mod tests {
    use lotsen_api::schedule::{ActivityKind, ScheduleItem};

    use super::*;

    fn day(s: &str) -> Date {
        lotsen_api::date::parse_iso(s).unwrap()
    }

    fn item(date: &str, start: i64, end: i64, title: &str) -> Expanded {
        let date = day(date);
        Expanded {
            item: ScheduleItem {
                activity_id: 1,
                date,
                start: lotsen_api::schedule::format_time(start as u16),
                end: lotsen_api::schedule::format_time(end as u16),
                title: title.into(),
                place: "Porten".into(),
                kind: ActivityKind::StudyRoom,
                leader_name: Some("Karim".into()),
                status: OccurrenceStatus::Scheduled,
                moved_from: None,
                note: None,
                absence: None,
            },
            planned: date,
            description: String::new(),
            minutes: (start, end),
        }
    }

    fn title(e: &HomeEntry) -> &str {
        match e {
            HomeEntry::Activity(i) => &i.title,
            HomeEntry::Booking(b) => &b.session_type_name,
        }
    }

    #[test]
    fn a_sunday_shows_mondays_first_item() {
        // 2026-03-01 is a Sunday.
        let sunday_noon = local_to_unix(day("2026-03-01"), 12 * 60);
        let all = vec![
            activity(item("2026-03-03", 9 * 60, 10 * 60, "Tuesday")),
            activity(item("2026-03-02", 13 * 60, 15 * 60, "Monday")),
        ];
        let (next, today) = arrange(all, day("2026-03-01"), sunday_noon);
        assert_eq!(next.as_ref().map(title), Some("Monday"));
        assert!(today.is_empty());
    }

    #[test]
    fn what_goes_on_now_is_next_and_what_is_over_is_not() {
        let now = local_to_unix(day("2026-03-02"), 10 * 60 + 30);
        let all = vec![
            activity(item("2026-03-02", 8 * 60, 9 * 60, "Over")),
            activity(item("2026-03-02", 10 * 60, 11 * 60, "Now")),
            activity(item("2026-03-02", 13 * 60, 14 * 60, "Later")),
        ];
        let (next, today) = arrange(all, day("2026-03-02"), now);
        assert_eq!(next.as_ref().map(title), Some("Now"));
        assert_eq!(
            today.iter().map(title).collect::<Vec<_>>(),
            ["Over", "Now", "Later"]
        );
    }

    #[test]
    fn cancelled_and_cant_come_are_shown_today_but_are_not_next() {
        let now = local_to_unix(day("2026-03-02"), 7 * 60);
        let mut cancelled = item("2026-03-02", 8 * 60, 9 * 60, "Cancelled");
        cancelled.item.status = OccurrenceStatus::Cancelled;
        let mut absent = item("2026-03-02", 9 * 60, 10 * 60, "Absent");
        absent.item.absence = Some(String::new());
        let all = vec![
            activity(cancelled),
            activity(absent),
            activity(item("2026-03-02", 11 * 60, 12 * 60, "Next")),
        ];
        let (next, today) = arrange(all, day("2026-03-02"), now);
        assert_eq!(next.as_ref().map(title), Some("Next"));
        assert_eq!(today.len(), 3);
    }
}
