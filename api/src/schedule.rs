//! The individual schedule (*individuellt schema*): activities with a weekly
//! recurrence, single occurrences cancelled or moved, activities assigned to
//! a young person, their "can't come" notes, and the personal calendar feed.
//!
//! All dates and times are Europe/Stockholm wall-clock time: dates are
//! [`Date`], times `"HH:MM"`. The server expands recurrences with a real
//! time-zone database, so an activity at 09:00 stays at 09:00 on both sides of
//! the March and October clock changes.
//!
//! # Endpoints
//!
//! | method | path | operationId | who |
//! |---|---|---|---|
//! | GET | `/api/activities` | `list_activities` | staff ([`Activity`], soonest term first) |
//! | POST | `/api/activities` | `create_activity` | staff ([`NewActivity`] → 201 [`Activity`]) |
//! | GET | `/api/activities/{id}` | `get_activity` | staff ([`Activity`]) |
//! | PUT | `/api/activities/{id}` | `update_activity` | staff ([`NewActivity`] → [`Activity`]) |
//! | GET | `/api/activities/{id}/occurrences?from=&to=` | `list_activity_occurrences` | staff ([`Occurrence`]; `expected` and `absent` only name young people the caller may see) |
//! | PUT | `/api/activities/{id}/occurrences/{date}` | `change_occurrence` | staff ([`OccurrenceChange`] → [`Occurrence`]) |
//! | DELETE | `/api/activities/{id}/occurrences/{date}` | `restore_occurrence` | staff (→ [`Occurrence`], as planned again) |
//! | GET | `/api/youth/{id}/assignments` | `list_assignments` | staff who can see the young person ([`Assignment`]) |
//! | POST | `/api/youth/{id}/assignments` | `assign_activity` | staff who can see the young person ([`NewAssignment`] → 201 [`Assignment`]) |
//! | DELETE | `/api/youth/{id}/assignments/{assignment_id}` | `end_assignment` | staff who can see the young person (→ 204) |
//! | GET | `/api/youth/{id}/schedule?from=&to=` | `youth_schedule` | staff who can see the young person ([`Schedule`]) |
//! | GET | `/api/me/schedule?from=&to=` | `my_schedule` | the young person ([`Schedule`]) |
//! | PUT | `/api/me/schedule/absences/{activity_id}/{date}` | `report_absence` | the young person ([`AbsenceRequest`] → 204) |
//! | DELETE | `/api/me/schedule/absences/{activity_id}/{date}` | `withdraw_absence` | the young person (→ 204) |
//! | GET | `/api/me/calendar` | `get_calendar_feed` | the young person ([`CalendarFeed`]) |
//! | POST | `/api/me/calendar` | `create_calendar_feed` | the young person (→ [`CalendarFeed`] with a new URL; the old one stops working) |
//! | DELETE | `/api/me/calendar` | `revoke_calendar_feed` | the young person (→ 204) |
//! | GET | `/api/calendar/{token}` | `calendar_feed` | anyone with the secret URL (`text/calendar`; 404 when unknown or revoked) |
//!
//! `from` and `to` are dates, both included, `to` at most
//! [`MAX_RANGE_DAYS`] − 1 days after `from`. Staff reads of one young person's
//! schedule or assignments are audited; a young person's reads of their own
//! are not (and write nothing). Guardians see nothing of the schedule.
//!
//! An absence can be reported for an occurrence that is on the young person's
//! schedule and not cancelled; otherwise 404. `{date}` is the date the schedule
//! shows it on ([`ScheduleItem::date`], also for a moved one) or its planned
//! date; it is kept by the planned date. Reporting twice replaces the reason.
//!
//! `GET /api/me/calendar` cannot show an existing address again (only its hash
//! is kept): [`CalendarFeed::url`] is `None` there and `active` says whether
//! one works. The feed covers 2 weeks back to 8 weeks ahead, in UTC times:
//! the activities and the young person's booked sessions (UID
//! `booking-{id}@…`, each with its reminder; cancelled ones as
//! `STATUS:CANCELLED`).

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::contact::FieldProblem;
use crate::text::{self, TextRule};

/// The longest activity title, in characters.
pub const TITLE_MAX_CHARS: usize = 100;
/// The longest place, in characters.
pub const PLACE_MAX_CHARS: usize = 200;
/// The longest description, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 2000;
/// The longest note on a changed occurrence or reason for an absence.
pub const NOTE_MAX_CHARS: usize = 500;
/// The largest capacity.
pub const CAPACITY_MAX: u32 = 1000;
/// The longest range a schedule or occurrence query may span, in days.
pub const MAX_RANGE_DAYS: i64 = 62;
/// The longest term an activity may span, in days (about two years).
pub const MAX_TERM_DAYS: i64 = 750;

/// Field error codes the schedule routes send, besides [`FieldProblem`]'s
/// (each has a message under `errors` in the locale files).
pub const FIELD_CODES: [&str; 9] = [
    "time_format",
    "time_order",
    "date_order",
    "weekday",
    "range_too_long",
    "capacity",
    "leader_invalid",
    "activity_invalid",
    "already_assigned",
];

/// What kind of activity it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Working life (*arbetsliv*): practice, job seeking.
    WorkingLife,
    /// Study room (*studierum*).
    StudyRoom,
    /// Wellness (*hälsa*), e.g. training.
    Wellness,
    /// An individual meeting (*enskilt samtal*).
    IndividualMeeting,
    /// Inspiration or study visit (*studiebesök*).
    StudyVisit,
    /// Anything else.
    Other,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 6] = [
        Self::WorkingLife,
        Self::StudyRoom,
        Self::Wellness,
        Self::IndividualMeeting,
        Self::StudyVisit,
        Self::Other,
    ];

    /// The snake_case name (also how the database stores it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WorkingLife => "working_life",
            Self::StudyRoom => "study_room",
            Self::Wellness => "wellness",
            Self::IndividualMeeting => "individual_meeting",
            Self::StudyVisit => "study_visit",
            Self::Other => "other",
        }
    }

    /// Reads [`Self::as_str`] back.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A weekly recurrence within a term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recurrence {
    /// ISO weekdays, 1 = Monday … 7 = Sunday; at least one.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub weekdays: Vec<u8>,
    /// `"HH:MM"`, local time.
    pub start_time: String,
    /// `"HH:MM"`, local time, after `start_time` (same day).
    pub end_time: String,
    /// The term's first day.
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub first_date: Date,
    /// The term's last day (included).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub last_date: Date,
}

/// `POST /api/activities` and `PUT /api/activities/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewActivity {
    /// 1–100 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub title: String,
    /// Up to 2000 characters; may be empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: String,
    /// Up to 200 characters; may be empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub place: String,
    pub kind: ActivityKind,
    /// A staff member leading it.
    #[serde(default)]
    pub leader_id: Option<i64>,
    /// How many may take part (1–1000).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000))]
    #[serde(default)]
    pub capacity: Option<u32>,
    pub recurrence: Recurrence,
}

/// A person named in the schedule: a leader, a young person expected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
}

/// An activity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub place: String,
    pub kind: ActivityKind,
    pub leader: Option<PersonRef>,
    pub capacity: Option<u32>,
    pub recurrence: Recurrence,
}

/// What an occurrence is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceStatus {
    /// As planned.
    Scheduled,
    /// Cancelled (*inställt*).
    Cancelled,
    /// Moved to another date or time (*flyttat*).
    Moved,
}

/// A date and a local time span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub date: Date,
    /// `"HH:MM"`.
    pub start: String,
    /// `"HH:MM"`.
    pub end: String,
}

/// A young person who said they can't come.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AbsentPerson {
    pub id: i64,
    pub name: String,
    pub reason: Option<String>,
}

/// One occurrence of an activity, for staff, listed at its planned date and time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Occurrence {
    /// The planned date (identifies the occurrence).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub date: Date,
    /// The planned start, `"HH:MM"`.
    pub start: String,
    /// The planned end, `"HH:MM"`.
    pub end: String,
    pub status: OccurrenceStatus,
    /// Where it was moved to (with `moved`).
    pub moved_to: Option<Slot>,
    /// Staff's note on the change.
    pub note: Option<String>,
    /// The young people expected (assigned on that weekday and date).
    pub expected: Vec<PersonRef>,
    /// Those of them who said they can't come.
    pub absent: Vec<AbsentPerson>,
}

/// `PUT /api/activities/{id}/occurrences/{date}`: cancel or move one occurrence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum OccurrenceChange {
    /// `{"action":"cancel","note":"…"}`.
    Cancel {
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(max_length = 500))]
        note: Option<String>,
    },
    /// `{"action":"move","date":"2026-03-31","start":"13:00","end":"15:00","note":"…"}`.
    Move {
        #[serde(with = "crate::date::iso")]
        #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
        date: Date,
        start: String,
        end: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", schema(max_length = 500))]
        note: Option<String>,
    },
}

/// An activity on a young person's schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignment {
    pub id: i64,
    pub activity_id: i64,
    pub activity_title: String,
    /// The chosen weekdays (1 = Monday); empty means every day of the activity.
    pub weekdays: Vec<u8>,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub from_date: Date,
}

/// `POST /api/youth/{id}/assignments`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAssignment {
    pub activity_id: i64,
    /// A subset of the activity's weekdays; empty means all of them.
    #[serde(default)]
    pub weekdays: Vec<u8>,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub from_date: Date,
}

/// One item of a young person's schedule, at its actual date and time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduleItem {
    pub activity_id: i64,
    /// The date it takes place (the new date when moved).
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub date: Date,
    /// `"HH:MM"`.
    pub start: String,
    /// `"HH:MM"`.
    pub end: String,
    pub title: String,
    pub place: String,
    pub kind: ActivityKind,
    pub leader_name: Option<String>,
    pub status: OccurrenceStatus,
    /// With `moved`: the planned date and time.
    pub moved_from: Option<Slot>,
    /// Staff's note on a change.
    pub note: Option<String>,
    /// The young person said they can't come (the reason, possibly empty).
    pub absence: Option<String>,
}

/// `GET /api/me/schedule` and `GET /api/youth/{id}/schedule`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Schedule {
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub from: Date,
    #[serde(with = "crate::date::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::DateSchema))]
    pub to: Date,
    /// When the server made it (Unix seconds).
    pub generated_at: i64,
    /// Sorted by date and start time.
    pub items: Vec<ScheduleItem>,
}

/// `PUT /api/me/schedule/absences/{activity_id}/{date}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AbsenceRequest {
    /// Up to 500 characters; may be left out.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: Option<String>,
}

/// `GET`/`POST /api/me/calendar`: the personal calendar address, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    /// The secret address to subscribe to. `GET` cannot show an existing one
    /// again (only its hash is stored): it answers `None` with `active` true.
    pub url: Option<String>,
    /// Whether a feed address is active.
    #[serde(default)]
    pub active: bool,
}

/// A field and what is wrong with it: the code is [`FieldProblem::code`] or one of [`FIELD_CODES`].
pub type Problem = (&'static str, &'static str);

/// Minutes after midnight of `"HH:MM"` (00:00–23:59).
pub fn parse_time(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b':' || !b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit) {
        return None;
    }
    let h: u16 = s[..2].parse().ok()?;
    let m: u16 = s[3..].parse().ok()?;
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// `"HH:MM"` for minutes after midnight.
pub fn format_time(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Checks a `from`/`to` query: `from <= to` and at most [`MAX_RANGE_DAYS`] days.
pub fn validate_range(from: Date, to: Date) -> Result<(), Vec<Problem>> {
    let days = crate::date::days_between(from, to);
    if days < 0 {
        Err(vec![("to", "date_order")])
    } else if days >= MAX_RANGE_DAYS {
        Err(vec![("to", "range_too_long")])
    } else {
        Ok(())
    }
}

/// An optional note or reason: trimmed, empty becomes `None`, at most
/// [`NOTE_MAX_CHARS`] ([`crate::text`]).
pub fn note(input: Option<&str>) -> Result<Option<String>, FieldProblem> {
    text::check_optional(input, TextRule::optional_lines(NOTE_MAX_CHARS))
}

/// Checks weekdays (1–7, at least one unless `allow_empty`), sorted and deduplicated.
pub fn weekdays(days: &[u8], allow_empty: bool) -> Result<Vec<u8>, &'static str> {
    if days.iter().any(|d| !(1..=7).contains(d)) {
        return Err("weekday");
    }
    if days.is_empty() && !allow_empty {
        return Err(FieldProblem::Required.code());
    }
    let mut d = days.to_vec();
    d.sort_unstable();
    d.dedup();
    Ok(d)
}

/// Checks a start and end time: both `"HH:MM"`, start before end.
pub fn time_span(
    start: &str,
    end: &str,
    start_field: &'static str,
    end_field: &'static str,
    problems: &mut Vec<Problem>,
) {
    let s = parse_time(start);
    let e = parse_time(end);
    if s.is_none() {
        problems.push((start_field, "time_format"));
    }
    if e.is_none() {
        problems.push((end_field, "time_format"));
    }
    if let (Some(s), Some(e)) = (s, e)
        && s >= e
    {
        problems.push((end_field, "time_order"));
    }
}

impl Recurrence {
    /// The recurrence as stored: weekdays sorted, times checked.
    pub fn validate(&self, problems: &mut Vec<Problem>) -> Recurrence {
        let weekdays = weekdays(&self.weekdays, false)
            .map_err(|c| problems.push(("recurrence.weekdays", c)))
            .unwrap_or_default();
        time_span(
            &self.start_time,
            &self.end_time,
            "recurrence.start_time",
            "recurrence.end_time",
            problems,
        );
        let days = crate::date::days_between(self.first_date, self.last_date);
        if days < 0 {
            problems.push(("recurrence.last_date", "date_order"));
        } else if days > MAX_TERM_DAYS {
            problems.push(("recurrence.last_date", "range_too_long"));
        }
        Recurrence {
            weekdays,
            ..self.clone()
        }
    }
}

impl NewActivity {
    /// The activity as stored (trimmed), or every problem found.
    pub fn validate(&self) -> Result<NewActivity, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut field = |name: &'static str, value: &str, rule: TextRule| {
            text::check(value, rule)
                .map_err(|p| problems.push((name, p.code())))
                .unwrap_or_default()
        };
        let title = field("title", &self.title, TextRule::line(TITLE_MAX_CHARS));
        let description = field(
            "description",
            &self.description,
            TextRule::optional_lines(DESCRIPTION_MAX_CHARS),
        );
        let place = field(
            "place",
            &self.place,
            TextRule::optional_line(PLACE_MAX_CHARS),
        );
        if let Some(c) = self.capacity
            && !(1..=CAPACITY_MAX).contains(&c)
        {
            problems.push(("capacity", "capacity"));
        }
        let recurrence = self.recurrence.validate(&mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(NewActivity {
            title,
            description,
            place,
            kind: self.kind,
            leader_id: self.leader_id,
            capacity: self.capacity,
            recurrence,
        })
    }
}

impl OccurrenceChange {
    /// The change as stored (note trimmed), or every problem found.
    pub fn validate(&self) -> Result<OccurrenceChange, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut check_note = |n: &Option<String>| {
            note(n.as_deref())
                .map_err(|p| problems.push(("note", p.code())))
                .unwrap_or_default()
        };
        let change = match self {
            Self::Cancel { note } => Self::Cancel {
                note: check_note(note),
            },
            Self::Move {
                date,
                start,
                end,
                note,
            } => {
                let note = check_note(note);
                time_span(start, end, "start", "end", &mut problems);
                Self::Move {
                    date: *date,
                    start: start.clone(),
                    end: end.clone(),
                    note,
                }
            }
        };
        if problems.is_empty() {
            Ok(change)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::date::parse_iso(s).unwrap()
    }

    fn activity() -> NewActivity {
        NewActivity {
            title: "  Studierum ".into(),
            description: String::new(),
            place: "Biblioteket".into(),
            kind: ActivityKind::StudyRoom,
            leader_id: None,
            capacity: Some(12),
            recurrence: Recurrence {
                weekdays: vec![3, 1, 3],
                start_time: "09:00".into(),
                end_time: "12:00".into(),
                first_date: d("2026-01-12"),
                last_date: d("2026-06-12"),
            },
        }
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("09:30"), Some(570));
        assert_eq!(parse_time("23:59"), Some(1439));
        for bad in ["24:00", "9:30", "09:60", "0930", "09:3a", "", "+9:30"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(format_time(570), "09:30");
    }

    #[test]
    fn epoch_days() {
        use crate::date::days_between;
        let epoch = d("1970-01-01");
        assert_eq!(days_between(epoch, d("1970-01-01")), 0);
        assert_eq!(days_between(epoch, d("2000-03-01")), 11_017);
        assert_eq!(days_between(d("2026-03-28"), d("2026-03-29")), 1);
    }

    #[test]
    fn valid_activity_is_trimmed_and_sorted() {
        let a = activity().validate().unwrap();
        assert_eq!(a.title, "Studierum");
        assert_eq!(a.recurrence.weekdays, vec![1, 3]);
    }

    #[test]
    fn invalid_activity_names_every_field() {
        let mut a = activity();
        a.title = " ".into();
        a.place = "x".repeat(201);
        a.capacity = Some(0);
        a.recurrence.weekdays = vec![];
        a.recurrence.start_time = "12:00".into();
        a.recurrence.end_time = "09:00".into();
        a.recurrence.last_date = d("2026-01-11");
        assert_eq!(
            a.validate().unwrap_err(),
            vec![
                ("title", "required"),
                ("place", "too_long"),
                ("capacity", "capacity"),
                ("recurrence.weekdays", "required"),
                ("recurrence.end_time", "time_order"),
                ("recurrence.last_date", "date_order"),
            ]
        );
        let mut a = activity();
        a.recurrence.weekdays = vec![0, 8];
        a.recurrence.start_time = "9".into();
        a.recurrence.last_date = d("2029-01-01");
        assert_eq!(
            a.validate().unwrap_err(),
            vec![
                ("recurrence.weekdays", "weekday"),
                ("recurrence.start_time", "time_format"),
                ("recurrence.last_date", "range_too_long"),
            ]
        );
    }

    #[test]
    fn ranges() {
        assert!(validate_range(d("2026-03-23"), d("2026-03-29")).is_ok());
        assert!(validate_range(d("2026-03-23"), d("2026-03-23")).is_ok());
        assert_eq!(
            validate_range(d("2026-03-23"), d("2026-03-22")),
            Err(vec![("to", "date_order")])
        );
        assert!(validate_range(d("2026-01-01"), d("2026-03-03")).is_ok()); // 62 days
        assert_eq!(
            validate_range(d("2026-01-01"), d("2026-03-04")),
            Err(vec![("to", "range_too_long")])
        );
    }

    #[test]
    fn changes() {
        let c = OccurrenceChange::Cancel {
            note: Some("  ".into()),
        };
        assert_eq!(
            c.validate().unwrap(),
            OccurrenceChange::Cancel { note: None }
        );
        let m = OccurrenceChange::Move {
            date: d("2026-03-30"),
            start: "15:00".into(),
            end: "14:00".into(),
            note: Some("x".repeat(501)),
        };
        assert_eq!(
            m.validate().unwrap_err(),
            vec![("note", "too_long"), ("end", "time_order")]
        );
        let json = serde_json::to_value(OccurrenceChange::Cancel {
            note: Some("Sjuk".into()),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"action": "cancel", "note": "Sjuk"})
        );
    }

    #[test]
    fn weekday_subsets() {
        assert_eq!(weekdays(&[], true), Ok(vec![]));
        assert_eq!(weekdays(&[], false), Err("required"));
        assert_eq!(weekdays(&[5, 2, 5], true), Ok(vec![2, 5]));
        assert_eq!(weekdays(&[9], true), Err("weekday"));
    }

    #[test]
    fn kinds_round_trip() {
        crate::checks::names_round_trip(
            &ActivityKind::ALL,
            ActivityKind::as_str,
            ActivityKind::parse,
        );
    }
}
