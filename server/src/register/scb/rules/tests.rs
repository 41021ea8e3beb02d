//! The rows, checks and figures on small hand-made facts.

use super::*;

fn d(text: &str) -> Date {
    lotsen_api::date::parse_iso(text).unwrap()
}

fn h2() -> HalfYear {
    HalfYear::parse("2026-H2").unwrap()
}

fn person(id: i64) -> Person {
    Person {
        youth_id: id,
        name: format!("Ung {id}"),
        personnummer: format!("20080101{id:04}"),
    }
}

fn period(id: i64, on: &str, off: Option<(&str, &str)>) -> Period {
    Period {
        youth_id: id,
        registered_on: d(on),
        registration_reason: "dropped_out".into(),
        deregistered: off.map(|(on, why)| (d(on), why.to_owned())),
    }
}

fn reached(id: i64, youth_id: i64, on: &str, occupation: &str) -> Contact {
    Contact {
        id,
        youth_id,
        on: d(on),
        reached: Some(occupation.into()),
    }
}

fn measure(id: i64, youth_id: i64, code: &str, start: &str, end: Option<&str>) -> Measure {
    Measure {
        id,
        youth_id,
        code: code.into(),
        start: d(start),
        ended: end.map(|e| (d(e), "completed".to_owned())),
    }
}

/// Column index by name in the built-in layout.
fn col(name: &str) -> usize {
    ScbConfig::builtin()
        .header()
        .iter()
        .position(|c| c == name)
        .unwrap()
}

#[test]
fn a_row_carries_the_latest_period_and_the_first_contacts_and_measures() {
    let facts = Facts {
        people: vec![person(1)],
        periods: vec![
            period(1, "2026-03-01", Some(("2026-07-10", "moved_away"))),
            period(1, "2026-09-01", None),
        ],
        contacts: vec![
            reached(5, 1, "2026-09-20", "work"),
            reached(4, 1, "2026-06-01", "studies"),
            Contact {
                id: 6,
                youth_id: 1,
                on: d("2026-09-02"),
                reached: None,
            },
        ],
        measures: vec![measure(
            7,
            1,
            "work_practice",
            "2026-10-01",
            Some("2027-01-15"),
        )],
    };
    let report = report(&ScbConfig::builtin(), h2(), &facts);
    let row = &report.rows[0];
    assert_eq!(row[col("Registreringsdatum")], "2026-09-01");
    assert_eq!(row[col("AntalKontakter")], "1");
    assert_eq!(row[col("Kontakt1Datum")], "2026-09-20");
    assert_eq!(row[col("Kontakt1Sysselsattning")], "2");
    assert_eq!(row[col("SenastKandSysselsattning")], "2");
    assert_eq!(row[col("Insats1Kod")], "21");
    // The end after the half-year is not reported; the open period has no end.
    assert_eq!(row[col("Insats1Slut")], "");
    assert_eq!(row[col("Avregistreringsdatum")], "");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn the_checks_name_the_young_person_and_the_fault() {
    let facts = Facts {
        people: vec![person(1)],
        periods: vec![period(1, "2026-09-01", Some(("2026-08-01", "mystery")))],
        contacts: vec![reached(3, 1, "2026-07-15", "none")],
        measures: vec![
            measure(8, 1, "work_practice", "2026-09-10", Some("2026-09-01")),
            measure(9, 1, "juggling", "2026-09-10", None),
        ],
    };
    let report = report(&ScbConfig::builtin(), h2(), &facts);
    let checks: Vec<ScbCheck> = report.problems.iter().map(|p| p.check).collect();
    assert_eq!(
        checks,
        [
            ScbCheck::DeregisteredBeforeRegistered,
            ScbCheck::DeregistrationReasonMissing,
            ScbCheck::ContactOutsideRegistration,
            ScbCheck::MeasureEndsBeforeStart,
            ScbCheck::MeasureCodeUnknown,
        ]
    );
    assert!(
        report
            .problems
            .iter()
            .all(|p| p.name == "Ung 1" && p.youth_id == 1)
    );
    assert_eq!(
        report.problems[3].detail,
        "measure 8 (work_practice): start 2026-09-10, end 2026-09-01"
    );
}

#[test]
fn more_than_the_columns_hold_is_a_problem() {
    let contacts = (1..=4)
        .map(|i| reached(i, 1, &format!("2026-08-0{i}"), "none"))
        .collect();
    let facts = Facts {
        people: vec![person(1)],
        periods: vec![period(1, "2026-07-01", None)],
        contacts,
        measures: vec![],
    };
    let report = report(&ScbConfig::builtin(), h2(), &facts);
    assert_eq!(report.rows[0][col("AntalKontakter")], "4");
    assert_eq!(report.problems[0].check, ScbCheck::TooManyForColumns);
}

#[test]
fn the_figures_count_the_half_year() {
    let facts = Facts {
        people: (1..=4).map(person).collect(),
        periods: vec![
            // Registered in the half-year, reached on day 14: within 2 weeks.
            period(1, "2026-12-20", None),
            // Registered in the half-year, reached on day 15.
            period(2, "2026-07-01", None),
            // Registered before; deregistered in it.
            period(3, "2026-01-10", Some(("2026-08-01", "turned_20"))),
            period(4, "2026-02-10", Some(("2026-11-01", "moved_away"))),
        ],
        contacts: vec![
            reached(1, 1, "2027-01-03", "none"),
            reached(2, 2, "2026-07-16", "work"),
            reached(3, 3, "2026-07-20", "studies"),
        ],
        measures: vec![measure(1, 4, "guidance", "2026-03-01", None)],
    };
    let figures = figures(h2(), &facts);
    assert_eq!(figures.in_register, 4);
    assert_eq!(figures.registered, 2);
    assert_eq!(figures.reached, 2);
    assert_eq!(figures.reached_within_2_weeks, 1);
    assert_eq!(figures.with_measure, 1);
    let by = |reason: DeregistrationReason| {
        figures
            .deregistered
            .iter()
            .find(|c| c.reason == reason)
            .unwrap()
            .count
    };
    assert_eq!(by(DeregistrationReason::Turned20), 1);
    assert_eq!(by(DeregistrationReason::MovedAway), 1);
    assert_eq!(by(DeregistrationReason::Other), 0);
}
