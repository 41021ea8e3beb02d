//! The timeline's SQL: one query per source, each reading a young person's
//! rows below the page's cursor by an index that starts with the young person
//! (at most a page plus one row each), merged by [`super::rules::page`]; and
//! the personnummer shown on request. Both are written to the audit log.

use std::sync::LazyLock;

use lotsen_api::application::EventKind;
use lotsen_api::booking::BookingStatus;
use lotsen_api::outcomes::OutcomeKind;
use lotsen_api::register::codes::{
    ContactChannel, ContactOutcome, DeregistrationReason, MeasureEndReason, RegistrationReason,
};
use lotsen_api::timeline::{TimelineEvent, TimelineKind, TimelineWhat};

use super::rules::{self, Key, Source};
use crate::audit;
use crate::db::Db;
use crate::db::sql::{Columns, acquire, begin_write, query, query_scalar};
use crate::people::access::{STAFF_CAN_SEE_YOUTH, StaffViewer};

/// The audit action for a staff read of a young person's timeline.
pub const AUDIT_READ: &str = "read_timeline";
/// The audit action for showing a young person's personnummer in full.
pub const AUDIT_REVEAL: &str = "reveal_personnummer";

/// A row decoded: what, who (a member of staff), and where the app shows it.
type Decoded = (TimelineWhat, Option<String>, Option<String>);

/// When a row happened: an instant, or a Swedish date (`YYYY-MM-DD`).
enum When {
    At(i64),
    On(String),
}

/// Whose timeline, read by whom.
#[derive(Clone, Copy)]
struct Reader {
    youth_id: i64,
    viewer_id: i64,
}

/// One source of events: its rows of the young person `$1` ([`Spec::sql`]).
struct Spec {
    source: Source,
    kind: TimelineKind,
    by_date: bool,
    /// The row's id (column 0).
    id: &'static str,
    /// When it happened (column 1): an instant, or a date when `by_date`.
    when: &'static str,
    /// What `decode` reads, from column 2 on.
    columns: &'static str,
    /// The tables and the conditions: `… WHERE` the young person is `$1`.
    from: &'static str,
    decode: fn(&dyn Columns, Reader) -> Result<Decoded, sqlx::Error>,
}

impl Spec {
    /// The source's query: its rows below the page's cursor (`$2` the bound,
    /// `$3` the bound's id), newest first, at most `$4`.
    fn sql(&self) -> String {
        let Spec {
            id,
            when,
            columns,
            from,
            ..
        } = self;
        format!(
            "SELECT {id}, {when}, {columns} FROM {from} \
             AND {when} <= $2 AND ({when} < $2 OR ({when} = $2 AND {id} < $3)) \
             ORDER BY {when} DESC, {id} DESC LIMIT $4"
        )
    }
}

fn code<T>(r: &dyn Columns, i: usize, parse: fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
    let s = r.text_required(i)?;
    parse(&s).ok_or_else(|| sqlx::Error::Decode(format!("unknown stored code {s}").into()))
}

fn register_link(y: Reader) -> Option<String> {
    Some(format!("/register/people/{}", y.youth_id))
}

fn plan_link(y: Reader) -> Option<String> {
    Some(format!("/register/people/{}/plan", y.youth_id))
}

/// Each source's query, in the order of [`SPECS`].
static QUERIES: LazyLock<Vec<String>> = LazyLock::new(|| SPECS.iter().map(Spec::sql).collect());

const SPECS: [Spec; 11] = [
    Spec {
        source: Source::Registered,
        kind: TimelineKind::Register,
        by_date: true,
        id: "p.id",
        when: "p.registered_on",
        columns: "p.registration_reason, s.name",
        from: "register_periods p LEFT JOIN accounts s ON s.id = p.registered_by \
              WHERE p.youth_id = $1",
        decode: |r, y| {
            Ok((
                TimelineWhat::Registered {
                    reason: code(r, 2, RegistrationReason::parse)?,
                },
                r.text(3)?,
                register_link(y),
            ))
        },
    },
    Spec {
        source: Source::Deregistered,
        kind: TimelineKind::Register,
        by_date: true,
        id: "p.id",
        when: "p.deregistered_on",
        columns: "p.deregistration_reason, s.name",
        from: "register_periods p LEFT JOIN accounts s ON s.id = p.deregistered_by \
              WHERE p.youth_id = $1 AND p.deregistered_on IS NOT NULL",
        decode: |r, y| {
            Ok((
                TimelineWhat::Deregistered {
                    reason: code(r, 2, DeregistrationReason::parse)?,
                },
                r.text(3)?,
                register_link(y),
            ))
        },
    },
    Spec {
        source: Source::Contact,
        kind: TimelineKind::Contact,
        by_date: true,
        id: "c.id",
        when: "c.contacted_on",
        columns: "c.channel, c.outcome, s.name",
        from: "register_contacts c JOIN accounts s ON s.id = c.staff_id WHERE c.youth_id = $1",
        decode: |r, y| {
            Ok((
                TimelineWhat::Contact {
                    channel: code(r, 2, ContactChannel::parse)?,
                    outcome: code(r, 3, ContactOutcome::parse)?,
                },
                r.text(4)?,
                register_link(y),
            ))
        },
    },
    Spec {
        source: Source::Outcome,
        kind: TimelineKind::Outcome,
        by_date: true,
        // Only what stands: a corrected entry gives way to its correction.
        id: "o.id",
        when: "o.from_date",
        columns: "o.kind, s.name",
        from: "outcome_entries o JOIN accounts s ON s.id = o.recorded_by WHERE o.youth_id = $1 \
              AND NOT EXISTS (SELECT 1 FROM outcome_entries c WHERE c.corrects_id = o.id)",
        decode: |r, _| {
            Ok((
                TimelineWhat::Outcome {
                    outcome: code(r, 2, OutcomeKind::parse)?,
                },
                r.text(3)?,
                None,
            ))
        },
    },
    Spec {
        source: Source::Absence,
        kind: TimelineKind::Absence,
        by_date: true,
        id: "b.activity_id",
        when: "b.date",
        columns: "a.title",
        from: "absences b JOIN activities a ON a.id = b.activity_id WHERE b.youth_id = $1",
        decode: |r, y| {
            Ok((
                TimelineWhat::Absence {
                    activity: r.text_required(2)?,
                },
                None,
                Some(format!("/schedule/youth/{}", y.youth_id)),
            ))
        },
    },
    Spec {
        source: Source::MeasureStarted,
        kind: TimelineKind::Plan,
        by_date: true,
        id: "m.id",
        when: "m.planned_start",
        columns: "c.label_sv, c.label_en, s.name",
        from: "register_measures m JOIN measure_codes c ON c.code = m.code \
              JOIN accounts s ON s.id = m.created_by WHERE m.youth_id = $1",
        decode: |r, y| {
            Ok((
                TimelineWhat::Measure {
                    name_sv: r.text_required(2)?,
                    name_en: r.text_required(3)?,
                    ended: None,
                },
                r.text(4)?,
                plan_link(y),
            ))
        },
    },
    Spec {
        source: Source::MeasureEnded,
        kind: TimelineKind::Plan,
        by_date: true,
        id: "m.id",
        when: "m.actual_end",
        columns: "c.label_sv, c.label_en, m.end_reason",
        from: "register_measures m JOIN measure_codes c ON c.code = m.code \
              WHERE m.youth_id = $1 AND m.actual_end IS NOT NULL",
        decode: |r, y| {
            Ok((
                TimelineWhat::Measure {
                    name_sv: r.text_required(2)?,
                    name_en: r.text_required(3)?,
                    ended: Some(code(r, 4, MeasureEndReason::parse)?),
                },
                None,
                plan_link(y),
            ))
        },
    },
    Spec {
        source: Source::PlanVersion,
        kind: TimelineKind::Plan,
        by_date: false,
        id: "p.id",
        when: "p.created_at",
        columns: "p.version, s.name",
        from: "register_plans p JOIN accounts s ON s.id = p.created_by WHERE p.youth_id = $1",
        decode: |r, y| {
            Ok((
                TimelineWhat::PlanVersion {
                    version: r.int_required(2)?,
                },
                r.text(3)?,
                plan_link(y),
            ))
        },
    },
    Spec {
        source: Source::PlanAnswer,
        kind: TimelineKind::Plan,
        by_date: false,
        id: "p.id",
        when: "p.responded_at",
        columns: "p.version, p.agreed_at IS NOT NULL",
        from: "register_plans p WHERE p.youth_id = $1 AND p.responded_at IS NOT NULL",
        decode: |r, y| {
            Ok((
                TimelineWhat::PlanAnswer {
                    version: r.int_required(2)?,
                    agreed: r.flag_required(3)?,
                },
                None,
                plan_link(y),
            ))
        },
    },
    Spec {
        source: Source::Application,
        kind: TimelineKind::Application,
        by_date: false,
        // Who: only a member of staff is named (the young person and their
        // guardians sign their own).
        id: "e.id",
        when: "e.at",
        columns: "e.application_id, e.kind, s.name",
        from: "application_events e JOIN applications ap ON ap.id = e.application_id \
              LEFT JOIN staff st ON st.account_id = e.actor_id \
              LEFT JOIN accounts s ON s.id = st.account_id WHERE ap.youth_id = $1",
        decode: |r, _| {
            let application_id = r.int_required(2)?;
            Ok((
                TimelineWhat::Application {
                    application_id,
                    event: code(r, 3, EventKind::parse)?,
                },
                r.text(4)?,
                Some(format!("/applications/{application_id}")),
            ))
        },
    },
    Spec {
        source: Source::Booking,
        kind: TimelineKind::Booking,
        by_date: false,
        // Offers and lapsed offers are the waitlist's workings, not events.
        id: "b.id",
        when: "b.starts_at",
        columns: "b.status, t.name, s.name, b.staff_id",
        from: "bookings b JOIN session_types t ON t.id = b.session_type_id \
              JOIN accounts s ON s.id = b.staff_id WHERE b.youth_id = $1 \
              AND b.status IN ('booked', 'attended', 'no_show', 'cancelled')",
        decode: |r, y| {
            let starts_at = r.int_required(1)?;
            // The booked member of staff opens it on their day; others have no page for it.
            let link = (r.int_required(5)? == y.viewer_id)
                .then(|| rules::swedish_day(starts_at))
                .flatten()
                .map(|day| format!("/booking/staff/day/{day}"));
            Ok((
                TimelineWhat::Booking {
                    status: code(r, 2, BookingStatus::parse)?,
                    session_type: r.text_required(3)?,
                },
                r.text(4)?,
                link,
            ))
        },
    },
];

/// A page of the timeline of `youth_id` for `viewer`, of the given kinds,
/// older than `before`, at most `limit`; `None` when the viewer may not see
/// the young person. The read is written to the audit log.
pub async fn page(
    db: &Db,
    viewer: StaffViewer,
    youth_id: i64,
    kinds: &[TimelineKind],
    before: Option<Key>,
    limit: usize,
    now: i64,
) -> Result<Option<(Vec<TimelineEvent>, Option<Key>)>, sqlx::Error> {
    if !crate::people::access::staff_can_see_youth(db, viewer, youth_id).await? {
        return Ok(None);
    }
    let reader = Reader {
        youth_id,
        viewer_id: viewer.id,
    };
    let mut events = Vec::new();
    let mut conn = acquire(db).await?;
    let fetch = i64::try_from(limit + 1).unwrap_or(i64::MAX);
    let sources = SPECS.iter().zip(QUERIES.iter());
    for (spec, sql) in sources.filter(|(s, _)| kinds.contains(&s.kind)) {
        let statement = if spec.by_date {
            let (date, id) = rules::date_bound(before, spec.source);
            query(sql).bind(youth_id).bind(date).bind(id)
        } else {
            let (at, id) = rules::instant_bound(before, spec.source);
            query(sql).bind(youth_id).bind(at).bind(id)
        };
        for row in statement.bind(fetch).fetch_all(&mut conn).await? {
            let id = row.int_required(0)?;
            let when = if spec.by_date {
                When::On(row.text_required(1)?)
            } else {
                When::At(row.int_required(1)?)
            };
            let decoded = (spec.decode)(&row, reader)?;
            if let Some(event) = event_of(spec, id, when, decoded) {
                events.push(event);
            }
        }
    }
    drop(conn);
    audit::store::record_read(db, viewer.id, &[youth_id], AUDIT_READ, now).await?;
    Ok(Some(rules::page(events, limit)))
}

/// The event and its sort key; `None` for a stored date that does not read
/// (never written so: the columns are checked ISO dates).
fn event_of(spec: &Spec, id: i64, when: When, decoded: Decoded) -> Option<(Key, TimelineEvent)> {
    let (what, staff_name, link) = decoded;
    let (at, on, time) = match when {
        When::At(at) => {
            let (on, time) = rules::swedish_moment(at)?;
            (at, on, Some(time))
        }
        When::On(date) => {
            let on = lotsen_api::date::parse_iso(&date)?;
            (rules::day_start(on), on, None)
        }
    };
    let event = TimelineEvent {
        kind: spec.kind,
        on,
        time,
        what,
        staff_name,
        link,
    };
    Some((Key::new(at, spec.source, id), event))
}

/// The stored personnummer (12 digits) of `youth_id` for `viewer`, written to
/// the audit log in the same transaction; `None` when the viewer may not see
/// the young person.
pub async fn reveal_personnummer(
    db: &Db,
    viewer: StaffViewer,
    youth_id: i64,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let sql = format!(
        "SELECT y.personnummer FROM youth y WHERE y.account_id = $3 AND {STAFF_CAN_SEE_YOUTH}"
    );
    let mut tx = begin_write(db).await?;
    let personnummer: Option<String> = query_scalar(&sql)
        .bind(viewer.id)
        .bind(viewer.is_admin)
        .bind(youth_id)
        .fetch_optional(&mut tx)
        .await?;
    if personnummer.is_some() {
        audit::store::record(&mut tx, viewer.id, youth_id, AUDIT_REVEAL, now).await?;
        tx.commit().await?;
    }
    Ok(personnummer)
}

/// Each source's query, whether it is keyed by a date, and its SQL (for the
/// tests of what a page costs).
pub fn source_queries() -> impl Iterator<Item = (Source, bool, &'static str)> {
    SPECS
        .iter()
        .zip(QUERIES.iter())
        .map(|(s, sql)| (s.source, s.by_date, sql.as_str()))
}
