//! The schedule's arithmetic, without I/O: which dates an activity occurs on
//! for a young person, what each occurrence looks like after staff's changes,
//! and the records as the API shows them. (The ICS feed made of them: [`super::ics`].)
//!
//! Times are Europe/Stockholm wall-clock times; they become instants only at
//! the edge ([`local_to_unix`], with jiff's bundled tz database), so an
//! activity at 09:00 is at 09:00 on both sides of a clock change.

use std::collections::HashMap;

use lotsen_api::Date;
use lotsen_api::date::weekday_number;
use lotsen_api::schedule::{
    AbsentPerson, Activity, ActivityKind, Assignment, Occurrence, OccurrenceStatus, PersonRef,
    Recurrence, ScheduleItem, Slot, format_time,
};

use super::store::{ActivityRecord, AssignmentRecord, ChangeRecord, Participants, ScheduleRows};

/// The instant (Unix seconds) of a Stockholm wall-clock time. A time that
/// does not exist (the spring gap) is read as the clock before the change
/// would show it (02:30 becomes 03:30 CEST); an ambiguous one as the earlier.
pub fn local_to_unix(date: Date, minute: i64) -> i64 {
    let civil = crate::clock::civil(date).at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
    crate::clock::stockholm()
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

/// Bitmask of ISO weekdays (bit n-1 for day n).
pub fn weekday_mask(days: &[u8]) -> i64 {
    days.iter()
        .filter(|d| (1..=7).contains(*d))
        .fold(0, |m, d| m | 1 << (d - 1))
}

/// ISO weekdays of a bitmask, ascending.
pub fn weekdays_of_mask(mask: i64) -> Vec<u8> {
    (1..=7u8).filter(|d| mask & (1 << (d - 1)) != 0).collect()
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
        .map(|a| ((a.activity_id, a.date.as_str()), a.reason.as_ref()))
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

/// An activity as the API shows it.
pub fn activity_of(r: ActivityRecord) -> Activity {
    Activity {
        id: r.id,
        kind: kind_of(&r.kind),
        leader: r.leader.map(|(id, name)| PersonRef { id, name }),
        capacity: r.capacity.map(|c| c as u32),
        recurrence: Recurrence {
            weekdays: r.weekdays,
            start_time: format_time(r.start_minute as u16),
            end_time: format_time(r.end_minute as u16),
            first_date: lotsen_api::date::parse_iso(&r.first_date)
                .unwrap_or_else(|| lotsen_api::date::ymd(1970, 1, 1).expect("date")),
            last_date: lotsen_api::date::parse_iso(&r.last_date)
                .unwrap_or_else(|| lotsen_api::date::ymd(1970, 1, 1).expect("date")),
        },
        title: r.title,
        description: r.description,
        place: r.place,
    }
}

/// An assignment as the API shows it.
pub fn assignment_of(r: AssignmentRecord) -> Assignment {
    Assignment {
        id: r.id,
        activity_id: r.activity_id,
        activity_title: r.activity_title,
        weekdays: weekdays_of_mask(r.weekdays),
        from_date: lotsen_api::date::parse_iso(&r.from_date)
            .unwrap_or_else(|| lotsen_api::date::ymd(1970, 1, 1).expect("date")),
    }
}

/// The planned occurrences of an activity in `from..=to`, at their planned
/// dates, with staff's `changes` and who of the `participants` is expected and absent.
pub fn occurrences_of(
    activity: &ActivityRecord,
    changes: &[ChangeRecord],
    participants: &Participants,
    from: Date,
    to: Date,
) -> Vec<Occurrence> {
    planned_dates(activity, None, from, to)
        .into_iter()
        .map(|date| {
            let iso = date.to_string();
            let change = changes.iter().find(|c| c.date == iso);
            let moved_to = change.and_then(|c| {
                Some(Slot {
                    date: lotsen_api::date::parse_iso(c.moved_date.as_deref()?)?,
                    start: format_time(c.moved_start? as u16),
                    end: format_time(c.moved_end? as u16),
                })
            });
            let status = match change {
                None => OccurrenceStatus::Scheduled,
                Some(_) if moved_to.is_some() => OccurrenceStatus::Moved,
                Some(_) => OccurrenceStatus::Cancelled,
            };
            let expected: Vec<&AssignmentRecord> = participants
                .assigned
                .iter()
                .filter(|a| planned_on(activity, Some(a), date))
                .collect();
            let absent = expected
                .iter()
                .filter_map(|a| {
                    participants
                        .absences
                        .iter()
                        .find(|b| b.youth_id == a.youth_id && b.date == iso)
                        .map(|b| AbsentPerson {
                            id: a.youth_id,
                            name: a.youth_name.clone(),
                            reason: b.reason.clone(),
                        })
                })
                .collect();
            Occurrence {
                date,
                start: format_time(activity.start_minute as u16),
                end: format_time(activity.end_minute as u16),
                status,
                moved_to,
                note: change.and_then(|c| c.note.clone()),
                expected: expected
                    .iter()
                    .map(|a| PersonRef {
                        id: a.youth_id,
                        name: a.youth_name.clone(),
                    })
                    .collect(),
                absent,
            }
        })
        .collect()
}

/// The planned date of the young person's occurrence of `activity` that
/// takes place on `date` (moved there, or planned there and not moved away),
/// or else planned on `date`, in their schedule `rows` read for `date`;
/// `None` when there is none or it is cancelled.
pub fn occurrence_on(rows: &ScheduleRows, activity: i64, date: Date) -> Option<Date> {
    let items = expand(rows, date, date);
    if let Some(found) = items.iter().find(|e| e.item.activity_id == activity) {
        let open = found.item.status != OccurrenceStatus::Cancelled;
        return open.then_some(found.planned);
    }
    // Planned on `date` but moved away: the same occurrence, by its planned date.
    let planned = rows
        .assigned
        .iter()
        .any(|(a, act)| act.id == activity && planned_on(act, Some(a), date));
    let moved_away = rows
        .changes
        .iter()
        .any(|c| c.activity_id == activity && c.date == date.to_string() && c.status == "moved");
    (planned && moved_away).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::store::AbsenceRecord;

    #[test]
    fn masks() {
        assert_eq!(weekday_mask(&[1, 3, 7]), 0b100_0101);
        assert_eq!(weekdays_of_mask(0b100_0101), vec![1, 3, 7]);
        assert_eq!(weekday_mask(&[]), 0);
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
            absences: vec![AbsenceRecord {
                youth_id: 5,
                activity_id: 7,
                date: "2026-03-23".into(),
                reason: None,
            }],
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
