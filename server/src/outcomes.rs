//! The term report's arithmetic, without I/O: the figures of one term from
//! registrations and the entries that are not corrected, and the CSV of them.
//! The definitions are in `lotsen_api::outcomes` (module docs), and here:
//!
//! - as-of day: the term's last day, or today while the term runs;
//! - registration: the young person's record created, as a Swedish date;
//! - status on a day: the status entry with the latest from-date on or before
//!   it (same date: the later recorded, i.e. the higher id);
//! - participant: registered on or before the as-of day, and not "moved away"
//!   on the day before the term began;
//! - new participant: a participant registered during the term;
//! - contacted within 2 weeks (of the new participants): the earliest
//!   first-contact entry is dated at most 14 days after registration;
//! - moved on / in work (of the participants): status on the as-of day is
//!   studies or work / work;
//! - study plan (of the participants): a study-plan entry dated on or before
//!   the as-of day.

use std::collections::HashMap;

use lotsen_api::Date;
use lotsen_api::date::add_days;
use lotsen_api::outcomes::{CONTACT_DAYS, OutcomeKind, Share, ShareKind, Term, TermReport};

/// One entry that counts: young person, id, kind, from-date.
pub type Entry = (i64, i64, OutcomeKind, Date);

/// The figures of `term` on `today` for these young people (id, registration
/// date) and entries.
pub fn term_report(
    term: Term,
    today: Date,
    youth: &[(i64, Date)],
    entries: &[Entry],
) -> TermReport {
    let first = term.first_day();
    let last = term.last_day();
    let as_of = last.min(today);
    let before_term = add_days(first, -1);

    let mut by_youth: HashMap<i64, Vec<&Entry>> = HashMap::new();
    for entry in entries {
        by_youth.entry(entry.0).or_default().push(entry);
    }
    let none = Vec::new();
    let status_on = |list: &Vec<&Entry>, day: Date| {
        list.iter()
            .filter(|e| e.2.is_status() && e.3 <= day)
            .max_by_key(|e| (e.3, e.1))
            .map(|e| e.2)
    };

    let (mut participants, mut new, mut contacted, mut moved_on, mut in_work, mut plan) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    for &(id, registered) in youth {
        let list = by_youth.get(&id).unwrap_or(&none);
        if registered > as_of || status_on(list, before_term) == Some(OutcomeKind::MovedAway) {
            continue;
        }
        participants += 1;
        if registered >= first {
            new += 1;
            let first_contact = list
                .iter()
                .filter(|e| e.2 == OutcomeKind::Contacted)
                .map(|e| e.3)
                .min();
            if first_contact.is_some_and(|c| c <= add_days(registered, CONTACT_DAYS)) {
                contacted += 1;
            }
        }
        match status_on(list, as_of) {
            Some(OutcomeKind::Work) => {
                moved_on += 1;
                in_work += 1;
            }
            Some(OutcomeKind::Studies) => moved_on += 1,
            _ => {}
        }
        if list
            .iter()
            .any(|e| e.2 == OutcomeKind::StudyPlan && e.3 <= as_of)
        {
            plan += 1;
        }
    }
    TermReport {
        term: term.to_string(),
        half: term.half,
        year: term.year,
        first_day: first,
        last_day: last,
        as_of,
        participants,
        new_participants: new,
        shares: vec![
            Share::new(ShareKind::ContactedWithinTwoWeeks, contacted, new),
            Share::new(ShareKind::MovedOn, moved_on, participants),
            Share::new(ShareKind::InWork, in_work, participants),
            Share::new(ShareKind::StudyPlan, plan, participants),
        ],
    }
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line
/// break; a text that a spreadsheet would read as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The report as CSV: a header and one row per figure, CRLF line ends.
pub fn report_csv(report: &TermReport) -> String {
    let mut out = String::new();
    let mut row = |fields: &[String]| {
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    let s = |v: &str| v.to_string();
    row(&[
        s("term"),
        s("as_of"),
        s("figure"),
        s("count"),
        s("of"),
        s("percent"),
        s("goal_percent"),
        s("meets_goal"),
    ]);
    let (term, as_of) = (report.term.clone(), report.as_of.to_string());
    row(&[
        term.clone(),
        as_of.clone(),
        s("participants"),
        report.participants.to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    row(&[
        term.clone(),
        as_of.clone(),
        s("new_participants"),
        report.new_participants.to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    for share in &report.shares {
        row(&[
            term.clone(),
            as_of.clone(),
            s(share.kind.as_str()),
            share.count.to_string(),
            share.of.to_string(),
            share.percent.map(|p| p.to_string()).unwrap_or_default(),
            share.goal_percent.to_string(),
            share.meets_goal.to_string(),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        lotsen_api::date::ymd(y, m, day).unwrap()
    }

    #[test]
    fn days_are_added_across_months_and_years() {
        assert_eq!(add_days(d(2026, 12, 20), 14), d(2027, 1, 3));
        assert_eq!(add_days(d(2027, 1, 1), -1), d(2026, 12, 31));
        assert_eq!(add_days(d(2028, 2, 20), 14), d(2028, 3, 5));
    }

    #[test]
    fn csv_fields_are_escaped_and_never_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+46"), "'+46");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(
            csv_field("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
    }

    #[test]
    fn one_person_moved_away_before_the_term_is_no_participant() {
        let term = Term::parse("2027-spring").unwrap();
        let youth = [(1, d(2026, 9, 1)), (2, d(2026, 9, 1))];
        let entries = [
            (1, 10, OutcomeKind::MovedAway, d(2026, 12, 31)),
            (2, 11, OutcomeKind::MovedAway, d(2027, 1, 1)),
        ];
        let report = term_report(term, d(2027, 8, 1), &youth, &entries);
        assert_eq!(report.participants, 1);
        assert_eq!(report.as_of, d(2027, 6, 30));
    }
}
