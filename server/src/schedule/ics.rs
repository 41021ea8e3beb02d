//! The calendar feed's ICS text: a young person's occurrences and booked
//! sessions, without I/O.

use lotsen_api::schedule::{OccurrenceStatus, ScheduleItem};

use super::rules::{Expanded, local_to_unix};

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
}
