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

/// One entry that counts (not corrected).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub youth_id: i64,
    pub id: i64,
    pub kind: OutcomeKind,
    /// Its from-date.
    pub from: Date,
}

/// A young person and the (Swedish) day they were registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Registered {
    pub youth_id: i64,
    pub on: Date,
}

/// The figures of `term` on `today` for these young people and entries.
pub fn term_report(term: Term, today: Date, youth: &[Registered], entries: &[Entry]) -> TermReport {
    let first = term.first_day();
    let last = term.last_day();
    let as_of = last.min(today);
    let before_term = add_days(first, -1);

    let mut by_youth: HashMap<i64, Vec<&Entry>> = HashMap::new();
    for entry in entries {
        by_youth.entry(entry.youth_id).or_default().push(entry);
    }
    let none = Vec::new();
    let status_on = |list: &Vec<&Entry>, day: Date| {
        list.iter()
            .filter(|e| e.kind.is_status() && e.from <= day)
            .max_by_key(|e| (e.from, e.id))
            .map(|e| e.kind)
    };

    let (mut participants, mut new, mut contacted, mut moved_on, mut in_work, mut plan) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    for &Registered {
        youth_id,
        on: registered,
    } in youth
    {
        let list = by_youth.get(&youth_id).unwrap_or(&none);
        if registered > as_of || status_on(list, before_term) == Some(OutcomeKind::MovedAway) {
            continue;
        }
        participants += 1;
        if registered >= first {
            new += 1;
            let first_contact = list
                .iter()
                .filter(|e| e.kind == OutcomeKind::Contacted)
                .map(|e| e.from)
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
            .any(|e| e.kind == OutcomeKind::StudyPlan && e.from <= as_of)
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

/// The report as CSV: a header and one row per figure, CRLF line ends.
pub fn report_csv(report: &TermReport) -> String {
    let header = [
        "term",
        "as_of",
        "figure",
        "count",
        "of",
        "percent",
        "goal_percent",
        "meets_goal",
    ];
    let as_of = report.as_of.to_string();
    let figure = |name: &str, count: u32, share: [String; 4]| {
        let [of, percent, goal, meets] = share;
        let start = [&report.term, &as_of, name].map(str::to_owned);
        let mut row = start.to_vec();
        row.extend([count.to_string(), of, percent, goal, meets]);
        row
    };
    let mut rows = vec![header.map(str::to_owned).to_vec()];
    rows.push(figure(
        "participants",
        report.participants,
        Default::default(),
    ));
    rows.push(figure(
        "new_participants",
        report.new_participants,
        Default::default(),
    ));
    for share in &report.shares {
        rows.push(figure(
            share.kind.as_str(),
            share.count,
            [
                share.of.to_string(),
                share.percent.map(|p| p.to_string()).unwrap_or_default(),
                share.goal_percent.to_string(),
                share.meets_goal.to_string(),
            ],
        ));
    }
    crate::csv_export::write(rows)
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
    fn one_person_moved_away_before_the_term_is_no_participant() {
        let term = Term::parse("2027-spring").unwrap();
        let registered = |youth_id| Registered {
            youth_id,
            on: d(2026, 9, 1),
        };
        let moved_away = |youth_id, id, from| Entry {
            youth_id,
            id,
            kind: OutcomeKind::MovedAway,
            from,
        };
        let youth = [registered(1), registered(2)];
        let entries = [
            moved_away(1, 10, d(2026, 12, 31)),
            moved_away(2, 11, d(2027, 1, 1)),
        ];
        let report = term_report(term, d(2027, 8, 1), &youth, &entries);
        assert_eq!(report.participants, 1);
        assert_eq!(report.as_of, d(2027, 6, 30));
    }
}
