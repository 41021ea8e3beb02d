//! The schedule's arithmetic, without I/O: which dates an activity occurs on
//! for a young person, what each occurrence looks like after staff's changes,
//! and the ICS calendar made of them.
//!
//! Times are Europe/Stockholm wall-clock times; they become instants only at
//! the edge ([`local_to_unix`], with jiff's bundled tz database), so an
//! activity at 09:00 is at 09:00 on both sides of a clock change.

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::tz::TimeZone;
use lotsen_api::Date;
use lotsen_api::date::weekday_number;
use lotsen_api::schedule::{ActivityKind, OccurrenceStatus, ScheduleItem, Slot, format_time};

use crate::db::schedule::{ActivityRecord, AssignmentRecord, ChangeRecord, ScheduleRows};

static STOCKHOLM: LazyLock<TimeZone> = LazyLock::new(|| {
    TimeZone::get("Europe/Stockholm").expect("the bundled tz database has Europe/Stockholm")
});

/// The instant (Unix seconds) of a Stockholm wall-clock time. A time that
/// does not exist (the spring gap) is read as the clock before the change
/// would show it (02:30 becomes 03:30 CEST); an ambiguous one as the earlier.
pub fn local_to_unix(date: Date, minute: i64) -> i64 {
    let civil = crate::clock::civil(date).at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
    STOCKHOLM
        .to_ambiguous_zoned(civil)
        .compatible()
        .map_or(0, |z| z.timestamp().as_second())
}

fn parse_date(s: &str) -> Option<Date> {
    lotsen_api::date::parse_iso(s)
}

/// Whether an activity is planned on `date` for a young person with this assignment.
pub fn planned_on(
    activity: &ActivityRecord,
    assignment: Option<&AssignmentRecord>,
    date: Date,
) -> bool {
    let day = weekday_number(date);
    let iso = date.to_string();
    let in_term = iso >= activity.first_date && iso <= activity.last_date;
    let on_day = activity.weekdays.contains(&day);
    let assigned = assignment.is_none_or(|a| {
        (a.weekdays == 0 || a.weekdays & (1 << (day - 1)) != 0)
            && iso >= a.from_date
            && a.ended_on.as_ref().is_none_or(|end| iso < *end)
    });
    in_term && on_day && assigned
}

/// The planned dates of an activity in `from..=to` (for a young person's assignment, if given).
pub fn planned_dates(
    activity: &ActivityRecord,
    assignment: Option<&AssignmentRecord>,
    from: Date,
    to: Date,
) -> Vec<Date> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| planned_on(activity, assignment, *d))
        .collect()
}

/// The kind as stored, read back (unknown kinds read as `Other`).
pub fn kind_of(s: &str) -> ActivityKind {
    ActivityKind::parse(s).unwrap_or(ActivityKind::Other)
}

/// An occurrence of a young person's schedule, before it is sent or put in a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded {
    pub item: ScheduleItem,
    /// The planned date (identifies the occurrence; stable UID in calendars).
    pub planned: Date,
    pub description: String,
    /// Start and end minutes of the actual time.
    pub minutes: (i64, i64),
}

/// A young person's schedule in `from..=to`, sorted by date and time: each
/// planned occurrence at its actual date and time (moved ones where they were
/// moved to, cancelled ones marked), with their "can't come".
pub fn expand(rows: &ScheduleRows, from: Date, to: Date) -> Vec<Expanded> {
    let changes: HashMap<(i64, &str), &ChangeRecord> = rows
        .changes
        .iter()
        .map(|c| ((c.activity_id, c.date.as_str()), c))
        .collect();
    let absences: HashMap<(i64, &str), Option<&String>> = rows
        .absences
        .iter()
        .map(|(_, activity, date, reason)| ((*activity, date.as_str()), reason.as_ref()))
        .collect();
    let mut out = Vec::new();
    for (assignment, activity) in &rows.assigned {
        let mut dates = planned_dates(activity, Some(assignment), from, to);
        // Occurrences planned outside the range but moved into it.
        for change in rows.changes.iter().filter(|c| c.activity_id == activity.id) {
            let moved_in = change
                .moved_date
                .as_deref()
                .and_then(parse_date)
                .is_some_and(|d| d >= from && d <= to);
            if let Some(planned) = parse_date(&change.date)
                && moved_in
                && !(planned >= from && planned <= to)
                && planned_on(activity, Some(assignment), planned)
            {
                dates.push(planned);
            }
        }
        for planned in dates {
            let iso = planned.to_string();
            let change = changes.get(&(activity.id, iso.as_str()));
            let (mut date, mut minutes) = (planned, (activity.start_minute, activity.end_minute));
            let mut status = OccurrenceStatus::Scheduled;
            let mut moved_from = None;
            if let Some(change) = change {
                if change.status == "moved" {
                    if let (Some(d), Some(s), Some(e)) = (
                        change.moved_date.as_deref().and_then(parse_date),
                        change.moved_start,
                        change.moved_end,
                    ) {
                        status = OccurrenceStatus::Moved;
                        moved_from = Some(Slot {
                            date: planned,
                            start: format_time(activity.start_minute as u16),
                            end: format_time(activity.end_minute as u16),
                        });
                        date = d;
                        minutes = (s, e);
                    }
                } else {
                    status = OccurrenceStatus::Cancelled;
                }
            }
            if date < from || date > to {
                continue; // moved out of the range
            }
            let absence = absences
                .get(&(activity.id, iso.as_str()))
                .map(|r| r.cloned().unwrap_or_default());
            out.push(Expanded {
                item: ScheduleItem {
                    activity_id: activity.id,
                    date,
                    start: format_time(minutes.0 as u16),
                    end: format_time(minutes.1 as u16),
                    title: activity.title.clone(),
                    place: activity.place.clone(),
                    kind: kind_of(&activity.kind),
                    leader_name: activity.leader.as_ref().map(|l| l.1.clone()),
                    status,
                    moved_from,
                    note: change.and_then(|c| c.note.clone()),
                    absence,
                },
                planned,
                description: activity.description.clone(),
                minutes,
            });
        }
    }
    out.sort_by(|a, b| {
        (a.item.date, a.minutes, &a.item.title, a.item.activity_id).cmp(&(
            b.item.date,
            b.minutes,
            &b.item.title,
            b.item.activity_id,
        ))
    });
    out
}

/// Minutes before each event that calendars remind of it.
pub const REMINDER_MINUTES: i64 = 30;

/// A young person's booked session, for the calendar feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookedEvent {
    pub id: i64,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    /// The session type, such as "Studie- och yrkesvägledning".
    pub title: String,
    pub staff_name: String,
    pub place: Option<String>,
    pub cancelled: bool,
}

/// The ICS calendar of a young person's occurrences and booked sessions: UTC
/// times computed from the Stockholm wall clock, one stable UID per
/// occurrence (`activity-{id}-{planned date}@{host}`) and per booking
/// (`booking-{id}@{host}`), cancelled ones `STATUS:CANCELLED`, and a reminder
/// before each of the others. A booking's note is left out: it was written
/// for the staff member. Every text goes through [`ics_text`] and is then
/// escaped by the icalendar crate (RFC 5545 §3.3.11).
pub fn ics(
    occurrences: &[Expanded],
    bookings: &[BookedEvent],
    host: &str,
    name: &str,
    now_unix: i64,
) -> String {
    use icalendar::{Alarm, Calendar, Component, Event, EventLike, EventStatus, Trigger};
    let title_of = |i: &ScheduleItem| ics_text(&i.title);
    let utc = |secs: i64| chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default();
    let mut calendar = Calendar::new();
    calendar.name(name);
    calendar.ttl(&chrono::Duration::hours(1));
    for o in occurrences {
        let i = &o.item;
        let title = title_of(i);
        let mut event = Event::new();
        event
            .uid(&format!("activity-{}-{}@{host}", i.activity_id, o.planned))
            .timestamp(utc(now_unix))
            .summary(&title)
            .starts(utc(local_to_unix(i.date, o.minutes.0)))
            .ends(utc(local_to_unix(i.date, o.minutes.1)));
        if !i.place.is_empty() {
            event.location(&ics_text(&i.place));
        }
        let mut text = o.description.clone();
        if let Some(note) = &i.note {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(note);
        }
        if !text.is_empty() {
            event.description(&ics_text(&text));
        }
        match i.status {
            OccurrenceStatus::Cancelled => {
                event.status(EventStatus::Cancelled);
            }
            _ => {
                event.status(EventStatus::Confirmed);
                event.alarm(Alarm::display(
                    &title,
                    Trigger::before_start(chrono::Duration::minutes(REMINDER_MINUTES)),
                ));
            }
        }
        calendar.push(event.done());
    }
    for b in bookings {
        let summary = ics_text(&format!("{} – {}", b.title, b.staff_name));
        let mut event = Event::new();
        event
            .uid(&format!("booking-{}@{host}", b.id))
            .timestamp(utc(now_unix))
            .summary(&summary)
            .starts(utc(b.starts_at))
            .ends(utc(b.ends_at));
        if let Some(place) = &b.place {
            event.location(&ics_text(place));
        }
        if b.cancelled {
            event.status(EventStatus::Cancelled);
        } else {
            event.status(EventStatus::Confirmed);
            event.alarm(Alarm::display(
                &summary,
                Trigger::before_start(chrono::Duration::minutes(REMINDER_MINUTES)),
            ));
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// A text ready for the icalendar crate, which escapes `\\`, `;`, `,` and
/// LF as RFC 5545 §3.3.11 says, but passes a carriage return through as it
/// is — and many parsers end a content line at a bare CR, so a CR in a title
/// could start a property of its own. So line breaks (CR LF, lone CR) become
/// LF first, which the crate escapes as `\n`, and the other control
/// characters, which a TEXT value may not hold (tab aside), are left out.
/// Texts written since the shared text check (`lotsen_api::text`) hold
/// neither; older rows may.
pub fn ics_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_text_turns_line_breaks_into_lf_and_drops_controls() {
        assert_eq!(ics_text("a\rb\r\nc\nd"), "a\nb\nc\nd");
        assert_eq!(ics_text("a\u{0}b\u{1b}\tc;d,e\\f"), "ab\tc;d,e\\f");
    }

    fn d(s: &str) -> Date {
        lotsen_api::date::parse_iso(s).unwrap()
    }

    fn activity() -> ActivityRecord {
        ActivityRecord {
            id: 7,
            title: "Studierum".into(),
            description: String::new(),
            place: "Biblioteket".into(),
            kind: "study_room".into(),
            leader: Some((3, "Kim".into())),
            capacity: None,
            start_minute: 9 * 60,
            end_minute: 12 * 60,
            first_date: "2026-03-01".into(),
            last_date: "2026-11-30".into(),
            weekdays: vec![1, 3],
        }
    }

    fn assignment() -> AssignmentRecord {
        AssignmentRecord {
            id: 1,
            youth_id: 5,
            youth_name: String::new(),
            activity_id: 7,
            activity_title: "Studierum".into(),
            weekdays: 0,
            from_date: "2026-03-01".into(),
            ended_on: None,
        }
    }

    #[test]
    fn calendar_arithmetic() {
        use lotsen_api::date::{add_days, days_between, monday};
        assert_eq!(weekday_number(d("2026-03-29")), 7);
        assert_eq!(weekday_number(d("2026-03-30")), 1);
        assert_eq!(weekday_number(d("1970-01-01")), 4);
        assert_eq!(monday(d("2026-03-29")), d("2026-03-23"));
        assert_eq!(add_days(d("2024-02-28"), 1), d("2024-02-29"));
        assert_eq!(add_days(d("2026-12-31"), 1), d("2027-01-01"));
        let epoch = d("1970-01-01");
        for n in [-1000, 0, 20_000, 20_500] {
            assert_eq!(days_between(epoch, add_days(epoch, n)), n);
        }
    }

    #[test]
    fn local_times_across_clock_changes() {
        // Saturday 28 March 2026 09:00 CET = 08:00 UTC; Monday 30 March 09:00 CEST = 07:00 UTC.
        assert_eq!(local_to_unix(d("2026-03-28"), 540) % 86_400, 8 * 3600);
        assert_eq!(local_to_unix(d("2026-03-30"), 540) % 86_400, 7 * 3600);
        // Last Sunday of October: 24 Oct CEST, 26 Oct CET.
        assert_eq!(local_to_unix(d("2026-10-24"), 540) % 86_400, 7 * 3600);
        assert_eq!(local_to_unix(d("2026-10-26"), 540) % 86_400, 8 * 3600);
        // The gap: 02:30 on 29 March does not exist; read as 03:30 CEST = 01:30 UTC.
        assert_eq!(local_to_unix(d("2026-03-29"), 150) % 86_400, 3600 + 1800);
    }

    #[test]
    fn expands_weekdays_within_term_and_assignment() {
        let a = activity();
        let dates = planned_dates(&a, Some(&assignment()), d("2026-03-23"), d("2026-04-05"));
        assert_eq!(
            dates,
            vec![
                d("2026-03-23"),
                d("2026-03-25"),
                d("2026-03-30"),
                d("2026-04-01")
            ]
        );
        let mut only_monday = assignment();
        only_monday.weekdays = 1;
        only_monday.from_date = "2026-03-25".into();
        only_monday.ended_on = Some("2026-04-06".into());
        let dates = planned_dates(&a, Some(&only_monday), d("2026-03-23"), d("2026-04-12"));
        assert_eq!(dates, vec![d("2026-03-30")]);
        assert!(planned_dates(&a, None, d("2026-02-01"), d("2026-02-28")).is_empty());
    }

    #[test]
    fn changes_mark_and_move_occurrences() {
        let rows = ScheduleRows {
            assigned: vec![(assignment(), activity())],
            changes: vec![
                ChangeRecord {
                    activity_id: 7,
                    date: "2026-03-23".into(),
                    status: "cancelled".into(),
                    moved_date: None,
                    moved_start: None,
                    moved_end: None,
                    note: Some("Sjuk".into()),
                },
                // Planned the week before, moved into the range.
                ChangeRecord {
                    activity_id: 7,
                    date: "2026-03-18".into(),
                    status: "moved".into(),
                    moved_date: Some("2026-03-27".into()),
                    moved_start: Some(13 * 60),
                    moved_end: Some(15 * 60),
                    note: None,
                },
                // Planned in the range, moved out of it.
                ChangeRecord {
                    activity_id: 7,
                    date: "2026-03-25".into(),
                    status: "moved".into(),
                    moved_date: Some("2026-04-02".into()),
                    moved_start: Some(9 * 60),
                    moved_end: Some(10 * 60),
                    note: None,
                },
            ],
            absences: vec![(5, 7, "2026-03-23".into(), None)],
        };
        let items = expand(&rows, d("2026-03-23"), d("2026-03-29"));
        let summary: Vec<_> = items
            .iter()
            .map(|e| {
                (
                    e.item.date.to_string(),
                    e.item.start.clone(),
                    e.item.status,
                    e.item.absence.clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "2026-03-23".into(),
                    "09:00".into(),
                    OccurrenceStatus::Cancelled,
                    Some(String::new())
                ),
                (
                    "2026-03-27".into(),
                    "13:00".into(),
                    OccurrenceStatus::Moved,
                    None
                ),
            ]
        );
        assert_eq!(items[1].planned, d("2026-03-18"));
        assert_eq!(
            items[1].item.moved_from.as_ref().map(|s| s.date),
            Some(d("2026-03-18"))
        );
    }
}
