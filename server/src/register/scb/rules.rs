//! The SCB report's rows, its checks and the programme's figures, from plain
//! facts (no I/O). What goes in which column: [`super::config`] and the
//! `lotsen_api::register::scb` docs.

use std::collections::BTreeMap;

use lotsen_api::Date;
use lotsen_api::date::add_days;
use lotsen_api::register::DeregistrationReason;
use lotsen_api::register::scb::{
    DeregisteredCount, HalfYear, REACH_DAYS, RegisterFigures, ScbCheck, ScbProblem, ScbReport,
};

use super::config::{Field, ScbConfig};

/// A young person in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Their id.
    pub youth_id: i64,
    /// Their name.
    pub name: String,
    /// 12 digits.
    pub personnummer: String,
}

/// A registration period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// Whose.
    pub youth_id: i64,
    /// Registered on.
    pub registered_on: Date,
    /// Why (Lotsen's code).
    pub registration_reason: String,
    /// Deregistered on, and why.
    pub deregistered: Option<(Date, String)>,
}

/// A contact attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// Its id.
    pub id: i64,
    /// With whom.
    pub youth_id: i64,
    /// When.
    pub on: Date,
    /// The occupation when reached; `None` when not reached.
    pub reached: Option<String>,
}

/// A measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measure {
    /// Its id.
    pub id: i64,
    /// Whose.
    pub youth_id: i64,
    /// Lotsen's code (`measure_codes.code`).
    pub code: String,
    /// Its start (the planned start).
    pub start: Date,
    /// Its actual end and why.
    pub ended: Option<(Date, String)>,
}

/// What the store reads for a half-year: the people with a period overlapping
/// it, those periods, their contacts up to [`REACH_DAYS`] after its last day
/// (earlier ones too, for the latest occupation), and their measures under
/// way in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The people.
    pub people: Vec<Person>,
    /// Their periods overlapping the half-year.
    pub periods: Vec<Period>,
    /// Their contacts.
    pub contacts: Vec<Contact>,
    /// Their measures under way in the half-year.
    pub measures: Vec<Measure>,
}

/// One young person's facts.
struct Entry<'a> {
    person: &'a Person,
    periods: Vec<&'a Period>,
    contacts: Vec<&'a Contact>,
    measures: Vec<&'a Measure>,
}

impl<'a> Entry<'a> {
    /// The latest period overlapping the half-year.
    fn period(&self) -> &'a Period {
        self.periods
            .iter()
            .max_by_key(|p| p.registered_on)
            .copied()
            .expect("a person in the window has a period in it")
    }

    /// Contacts with the individual (reached) in the half-year, by date.
    fn reached_in(&self, half: HalfYear) -> Vec<&'a Contact> {
        self.contacts
            .iter()
            .filter(|c| c.reached.is_some() && half.contains(c.on))
            .copied()
            .collect()
    }

    fn in_some_period(&self, day: Date) -> bool {
        self.periods.iter().any(|p| {
            p.registered_on <= day && p.deregistered.as_ref().is_none_or(|(end, _)| day <= *end)
        })
    }
}

/// The facts per person, ordered by personnummer.
fn entries(facts: &Facts) -> Vec<Entry<'_>> {
    let mut people: Vec<&Person> = facts.people.iter().collect();
    people.sort_by(|a, b| (&a.personnummer, a.youth_id).cmp(&(&b.personnummer, b.youth_id)));
    let mut by_id: BTreeMap<i64, Entry<'_>> = BTreeMap::new();
    let mut order = Vec::new();
    for person in people {
        order.push(person.youth_id);
        by_id.insert(
            person.youth_id,
            Entry {
                person,
                periods: Vec::new(),
                contacts: Vec::new(),
                measures: Vec::new(),
            },
        );
    }
    for period in &facts.periods {
        if let Some(entry) = by_id.get_mut(&period.youth_id) {
            entry.periods.push(period);
        }
    }
    for contact in &facts.contacts {
        if let Some(entry) = by_id.get_mut(&contact.youth_id) {
            entry.contacts.push(contact);
        }
    }
    for measure in &facts.measures {
        if let Some(entry) = by_id.get_mut(&measure.youth_id) {
            entry.measures.push(measure);
        }
    }
    order
        .into_iter()
        .filter_map(|id| by_id.remove(&id))
        .filter(|e| !e.periods.is_empty())
        .map(|mut e| {
            e.contacts.sort_by_key(|c| (c.on, c.id));
            e.measures.sort_by_key(|m| (m.start, m.id));
            e
        })
        .collect()
}

/// `code` in `map`, or an empty cell.
fn code(map: &BTreeMap<String, String>, code: &str) -> String {
    map.get(code).cloned().unwrap_or_default()
}

/// One young person's row.
fn row(config: &ScbConfig, half: HalfYear, entry: &Entry<'_>) -> Vec<String> {
    let codes = &config.codes;
    let period = entry.period();
    let last = half.last_day();
    let reached = entry.reached_in(half);
    let latest = entry
        .contacts
        .iter()
        .filter(|c| c.on <= last)
        .filter_map(|c| c.reached.as_deref())
        .next_back()
        .unwrap_or("unknown");
    let deregistered = period.deregistered.as_ref().filter(|(on, _)| *on <= last);
    config
        .columns
        .iter()
        .map(|column| {
            let nth = column.n.unwrap_or(1) - 1;
            let contact = reached.get(nth);
            let measure = entry.measures.get(nth);
            let ended = measure.and_then(|m| m.ended.as_ref().filter(|(on, _)| *on <= last));
            match column.field {
                Field::Personnummer => entry.person.personnummer.clone(),
                Field::RegisteredOn => config.date(period.registered_on),
                Field::RegistrationReason => {
                    code(&codes.registration_reason, &period.registration_reason)
                }
                Field::LatestOccupation => code(&codes.occupation, latest),
                Field::ContactCount => reached.len().to_string(),
                Field::ContactDate => contact.map(|c| config.date(c.on)).unwrap_or_default(),
                Field::ContactOccupation => contact
                    .and_then(|c| c.reached.as_deref())
                    .map(|o| code(&codes.occupation, o))
                    .unwrap_or_default(),
                Field::MeasureCount => entry.measures.len().to_string(),
                Field::MeasureCode => measure
                    .map(|m| code(&codes.measure, &m.code))
                    .unwrap_or_default(),
                Field::MeasureStart => measure.map(|m| config.date(m.start)).unwrap_or_default(),
                Field::MeasureEnd => ended.map(|(on, _)| config.date(*on)).unwrap_or_default(),
                Field::MeasureEndReason => ended
                    .map(|(_, why)| code(&codes.measure_end_reason, why))
                    .unwrap_or_default(),
                Field::DeregisteredOn => deregistered
                    .map(|(on, _)| config.date(*on))
                    .unwrap_or_default(),
                Field::DeregistrationReason => deregistered
                    .map(|(_, why)| code(&codes.deregistration_reason, why))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// What the checks find for one young person.
fn problems(config: &ScbConfig, half: HalfYear, entry: &Entry<'_>) -> Vec<ScbProblem> {
    let codes = &config.codes;
    let mut found = Vec::new();
    let mut problem = |check: ScbCheck, detail: String| {
        found.push(ScbProblem {
            youth_id: entry.person.youth_id,
            name: entry.person.name.clone(),
            check,
            detail,
        });
    };
    for period in &entry.periods {
        if let Some((on, _)) = &period.deregistered
            && *on < period.registered_on
        {
            problem(
                ScbCheck::DeregisteredBeforeRegistered,
                format!("registered {}, deregistered {on}", period.registered_on),
            );
        }
    }
    let period = entry.period();
    if !codes
        .registration_reason
        .contains_key(&period.registration_reason)
    {
        problem(
            ScbCheck::RegistrationReasonMissing,
            format!(
                "registered {}: reason {} has no SCB code",
                period.registered_on, period.registration_reason
            ),
        );
    }
    if let Some((on, why)) = &period.deregistered
        && *on <= half.last_day()
        && !codes.deregistration_reason.contains_key(why)
    {
        problem(
            ScbCheck::DeregistrationReasonMissing,
            format!("deregistered {on}: reason {why} has no SCB code"),
        );
    }
    for contact in &entry.contacts {
        if half.contains(contact.on) && !entry.in_some_period(contact.on) {
            problem(
                ScbCheck::ContactOutsideRegistration,
                format!(
                    "contact {} on {}: registered {}",
                    contact.id, contact.on, period.registered_on
                ),
            );
        }
    }
    for measure in &entry.measures {
        if let Some((end, _)) = &measure.ended
            && *end < measure.start
        {
            problem(
                ScbCheck::MeasureEndsBeforeStart,
                format!(
                    "measure {} ({}): start {}, end {end}",
                    measure.id, measure.code, measure.start
                ),
            );
        }
        if !codes.measure.contains_key(&measure.code) {
            problem(
                ScbCheck::MeasureCodeUnknown,
                format!("measure {} ({}): no SCB code", measure.id, measure.code),
            );
        }
    }
    let contacts = entry.reached_in(half).len();
    let measures = entry.measures.len();
    if contacts > config.contact_groups() || measures > config.measure_groups() {
        problem(
            ScbCheck::TooManyForColumns,
            format!(
                "{contacts} contacts (room for {}), {measures} measures (room for {})",
                config.contact_groups(),
                config.measure_groups()
            ),
        );
    }
    found.sort_by_key(|p| ScbCheck::ALL.iter().position(|c| *c == p.check));
    found
}

/// The half-year report: a row and the problems per young person.
pub fn report(config: &ScbConfig, half: HalfYear, facts: &Facts) -> ScbReport {
    let entries = entries(facts);
    ScbReport {
        period: half.to_string(),
        first_day: half.first_day(),
        last_day: half.last_day(),
        columns: config.header(),
        rows: entries.iter().map(|e| row(config, half, e)).collect(),
        problems: entries
            .iter()
            .flat_map(|e| problems(config, half, e))
            .collect(),
    }
}

/// The young people in the report, in its order (for the audit log).
pub fn youth_ids(facts: &Facts) -> Vec<i64> {
    entries(facts).iter().map(|e| e.person.youth_id).collect()
}

/// The report as CSV: the header row, then the rows.
pub fn csv(report: &ScbReport) -> String {
    crate::csv_export::write(std::iter::once(&report.columns).chain(&report.rows))
}

/// The report as an xlsx workbook: one worksheet named after the period,
/// the header row, then the rows, every cell a string (no formulas).
pub fn xlsx(report: &ScbReport) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(&report.period)?;
    for (r, row) in std::iter::once(&report.columns)
        .chain(&report.rows)
        .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (
                u32::try_from(r).unwrap_or(u32::MAX),
                u16::try_from(c).unwrap_or(u16::MAX),
            );
            sheet.write_string(r, c, cell)?;
        }
    }
    workbook.save_to_buffer()
}

/// The programme's figures (definitions: [`RegisterFigures`]).
pub fn figures(half: HalfYear, facts: &Facts) -> RegisterFigures {
    let entries = entries(facts);
    let count =
        |keep: &dyn Fn(&Entry<'_>) -> bool| entries.iter().filter(|e| keep(e)).count() as i64;
    let registered_in = |e: &Entry<'_>| -> Vec<Date> {
        e.periods
            .iter()
            .map(|p| p.registered_on)
            .filter(|on| half.contains(*on))
            .collect()
    };
    let deregistered = DeregistrationReason::ALL
        .into_iter()
        .map(|reason| DeregisteredCount {
            reason,
            count: facts
                .periods
                .iter()
                .filter(|p| {
                    p.deregistered
                        .as_ref()
                        .is_some_and(|(on, why)| half.contains(*on) && why == reason.as_str())
                })
                .count() as i64,
        })
        .collect();
    RegisterFigures {
        period: half.to_string(),
        in_register: entries.len() as i64,
        registered: count(&|e| !registered_in(e).is_empty()),
        reached: count(&|e| !e.reached_in(half).is_empty()),
        reached_within_2_weeks: count(&|e| {
            registered_in(e).into_iter().any(|on| {
                let by = add_days(on, REACH_DAYS);
                e.contacts
                    .iter()
                    .any(|c| c.reached.is_some() && on <= c.on && c.on <= by)
            })
        }),
        with_measure: count(&|e| !e.measures.is_empty()),
        deregistered,
    }
}

#[cfg(test)]
mod tests;
