//! Follow-up: the outcome history (append-only, corrections, validation,
//! access, audit) and the term report against a hand-checked fixture.

use std::time::Duration;

use lotsen_api::date::add_days;
use lotsen_api::outcomes::{OutcomeEntry, OutcomeHistory, OutcomeKind, ShareKind, TermReport};
use lotsen_api::people::YouthSummary;
use lotsen_api::{Date, ErrorCode};
use serde_json::{Value, json};

use crate::helpers::{ANNA, KARIM, SVEN, Session, TestApp, today, valid_personnummer};

fn d(y: i32, m: u32, day: u32) -> Date {
    lotsen_api::date::ymd(y, m, day).unwrap()
}

/// Moves the test clock forward to noon-ish of `target`, a day at a time.
fn go_to(app: &TestApp, current: &mut Date, target: Date) {
    while *current < target {
        app.advance(Duration::from_secs(24 * 3600));
        *current = add_days(*current, 1);
    }
}

async fn youth_id(app: &TestApp, staff: &Session, name: &str) -> i64 {
    let list: Vec<YouthSummary> = app.get_as("/api/youth", staff).await.json();
    list.iter().find(|y| y.name == name).unwrap().id
}

async fn record(app: &TestApp, staff: &Session, youth: i64, body: Value) -> OutcomeEntry {
    let response = app
        .post_as(&format!("/api/youth/{youth}/outcomes"), &body, Some(staff))
        .await;
    assert_eq!(response.status, 201, "{body}: {}", response.text());
    response.json()
}

fn status(kind: &str, from: &str) -> Value {
    json!({ "kind": kind, "from": from })
}

fn studies(from: &str) -> Value {
    json!({ "kind": "studies", "from": from, "school": "Komvux Partille", "programme": "Svenska 1" })
}

#[tokio::test]
async fn the_history_keeps_every_entry_and_corrections_replace_without_overwriting() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let elsa = youth_id(&app, &karim, "Elsa Nilsson").await;
    let path = format!("/api/youth/{elsa}/outcomes");

    let none = record(&app, &karim, elsa, status("none", "2026-09-01")).await;
    let wrong = record(&app, &karim, elsa, status("work", "2026-11-02")).await;
    assert_eq!(wrong.recorded_by.name, "Karim Haddad");
    // It was studies, not work: corrected, the wrong entry kept and marked.
    let mut fix = studies("2026-11-02");
    fix["corrects"] = json!(wrong.id);
    let fixed = record(&app, &karim, elsa, fix.clone()).await;
    assert_eq!(fixed.corrects, Some(wrong.id));
    assert_eq!(fixed.school.as_deref(), Some("Komvux Partille"));
    // The same entry cannot be corrected twice (the correction can be).
    let again = app.post_as(&path, &fix, Some(&karim)).await;
    let body = again.assert_error(ErrorCode::Conflict, "sv");
    assert_eq!(body.fields[0].field, "corrects");
    let contact = record(&app, &karim, elsa, status("contacted", "2026-11-20")).await;

    let history: OutcomeHistory = app.get_as(&path, &karim).await.json();
    let ids: Vec<i64> = history.entries.iter().map(|e| e.id).collect();
    assert_eq!(
        ids,
        [contact.id, fixed.id, wrong.id, none.id],
        "newest from-date first"
    );
    assert_eq!(history.entries[2].corrected_by, Some(fixed.id));
    assert_eq!(
        history.entries[2].kind,
        OutcomeKind::Work,
        "never overwritten"
    );
    assert_eq!(
        history.current,
        Some(fixed.id),
        "today's status: the correction"
    );
    assert!(
        app.execute("UPDATE outcome_entries SET kind = 'none'")
            .await
            .is_err(),
        "append-only"
    );
    assert!(app.execute("DELETE FROM outcome_entries").await.is_err());

    // Reads and writes are audited.
    let audited = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE youth_id = {elsa} AND action IN ('read_outcomes', 'record_outcome')"
        ))
        .await;
    assert_eq!(audited, 5, "4 entries recorded, 1 read");
}

#[tokio::test]
async fn bad_entries_get_field_errors_never_a_500() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let elsa = youth_id(&app, &karim, "Elsa Nilsson").await;
    let omar = youth_id(&app, &karim, "Omar Ali").await;
    let path = format!("/api/youth/{elsa}/outcomes");
    let fields = |body: lotsen_api::ErrorBody| {
        body.fields
            .into_iter()
            .map(|f| (f.field, f.code))
            .collect::<Vec<_>>()
    };

    let no_school = json!({ "kind": "studies", "from": "2026-11-23", "school": " ", "programme": "x".repeat(101) });
    let body = app
        .post_as(&path, &no_school, Some(&karim))
        .await
        .assert_error(ErrorCode::Validation, "sv");
    assert_eq!(
        fields(body),
        [
            ("school".into(), "required".into()),
            ("programme".into(), "too_long".into())
        ]
    );
    let tomorrow = status("work", &add_days(today(), 1).to_string());
    let body = app
        .post_as(&path, &tomorrow, Some(&karim))
        .await
        .assert_error(ErrorCode::Validation, "sv");
    assert_eq!(
        fields(body.clone()),
        [("from".into(), "outcome_date".into())]
    );
    assert_eq!(
        body.fields[0].message,
        crate::helpers::message("sv", "outcome_date")
    );
    let ancient = status("work", "1999-12-31");
    assert_eq!(app.post_as(&path, &ancient, Some(&karim)).await.status, 422);
    for malformed in [
        json!({ "kind": "retired", "from": "2026-11-01" }),
        json!({ "kind": "work", "from": "2026-02-30" }),
        json!({ "kind": "work" }),
    ] {
        app.post_as(&path, &malformed, Some(&karim))
            .await
            .assert_error(ErrorCode::MalformedJson, "sv");
    }
    // Another young person's entry cannot be corrected through Elsa.
    let omars = record(&app, &karim, omar, status("none", "2026-11-01")).await;
    let mut cross = status("work", "2026-11-01");
    cross["corrects"] = json!(omars.id);
    let body = app
        .post_as(&path, &cross, Some(&karim))
        .await
        .assert_error(ErrorCode::Validation, "sv");
    assert_eq!(fields(body), [("corrects".into(), "not_found".into())]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outcome_entries").await,
        1,
        "nothing half-written"
    );
}

#[tokio::test]
async fn staff_who_cannot_see_the_young_person_get_404_and_the_report_is_for_contact_persons_and_admins()
 {
    let app = TestApp::with_demo().await;
    let [karim, sven, anna] = app.demos([KARIM, SVEN, ANNA]).await;
    let elsa = youth_id(&app, &karim, "Elsa Nilsson").await;
    let path = format!("/api/youth/{elsa}/outcomes");
    assert_eq!(app.get_status(&path, &sven).await, 404);
    assert_eq!(
        app.post_as(&path, &status("work", "2026-11-01"), Some(&sven))
            .await
            .status,
        404
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM outcome_entries").await, 0);
    assert_eq!(app.get_status("/api/reports/term", &sven).await, 403);
    assert_eq!(app.get_status(&path, &anna).await, 200, "an administrator");
    let report: TermReport = app.get_as("/api/reports/term", &anna).await.json();
    assert_eq!(report.term, "2026-autumn", "the current term by default");
    assert_eq!(report.as_of, today());
    assert_eq!(
        app.get_status("/api/reports/term?term=2026-summer", &anna)
            .await,
        400
    );
    app.get_as("/api/reports/term?term=2027-spring", &anna)
        .await
        .assert_error(ErrorCode::Validation, "sv");
}

/// The figures of a report: participants, new participants, then
/// (count, of, percent, meets goal) per share in `ShareKind::ALL` order.
type Figures = (u32, u32, Vec<(u32, u32, Option<u32>, bool)>);

fn figures(report: &TermReport) -> Figures {
    assert_eq!(
        report.shares.iter().map(|s| s.kind).collect::<Vec<_>>(),
        ShareKind::ALL
    );
    (
        report.participants,
        report.new_participants,
        report
            .shares
            .iter()
            .map(|s| (s.count, s.of, s.percent, s.meets_goal))
            .collect(),
    )
}

/// Acceptance 3: 23 young people (the 3 demo ones and Y1–Y20), registered
/// from 2026-11-23 to 2027-07-01, with contacts, statuses (one corrected, one
/// replaced later, two on one date) and study plans; three terms checked
/// against figures counted by hand below.
#[tokio::test]
async fn the_term_report_matches_a_hand_checked_fixture_of_23_young_people() {
    let app = TestApp::with_demo().await;
    let mut now = today(); // 2026-11-23
    let mut karim = app.demo(KARIM).await;
    let mut y = std::collections::HashMap::<u32, i64>::new();
    // Registrations (the day the record is created is the registration day).
    let plan: [(u32, Date); 20] = [
        (1, d(2026, 11, 23)),
        (2, d(2026, 11, 23)),
        (3, d(2026, 11, 23)),
        (4, d(2026, 11, 23)),
        (5, d(2026, 11, 23)),
        (6, d(2026, 11, 23)),
        (7, d(2026, 12, 10)),
        (8, d(2026, 12, 10)),
        (9, d(2026, 12, 31)), // autumn's last day
        (10, d(2026, 12, 31)),
        (11, d(2027, 1, 1)), // spring's first day
        (12, d(2027, 1, 1)),
        (13, d(2027, 2, 15)),
        (14, d(2027, 2, 15)),
        (15, d(2027, 2, 15)),
        (18, d(2027, 3, 1)),
        (19, d(2027, 3, 1)),
        (20, d(2027, 3, 1)),
        (16, d(2027, 6, 30)), // spring's last day
        (17, d(2027, 7, 1)),  // autumn 2027's first day
    ];
    for (n, day) in plan {
        if day > now {
            go_to(&app, &mut now, day);
            karim = app.demo(KARIM).await;
        }
        let created = app
            .register(
                &karim,
                json!({ "name": format!("Ung Person {n}"), "personnummer": valid_personnummer(2009, 1, 1 + n as u8, 300 + n as u16), "email": format!("ung{n}@example.se") }),
            )
            .await;
        y.insert(n, created.youth.id);
    }
    go_to(&app, &mut now, d(2027, 7, 20));
    karim = app.demo(KARIM).await;
    let omar = youth_id(&app, &karim, "Omar Ali").await;

    let mut entries: Vec<(i64, Value)> = Vec::new();
    let mut add = |n: i64, body: Value| entries.push((n, body));
    let id = |n: u32| y[&n];
    // Y1: contact after 7 days; studies from 1 Dec; a study plan.
    add(id(1), status("contacted", "2026-11-30"));
    add(id(1), studies("2026-12-01"));
    add(id(1), status("study_plan", "2026-11-28"));
    // Y2: contact on day 14 exactly; work; moved away on spring's first day.
    add(id(2), status("contacted", "2026-12-07"));
    add(id(2), status("work", "2026-12-15"));
    add(id(2), status("moved_away", "2027-01-01"));
    // Y3: contact on day 15; internship, then work from March.
    add(id(3), status("contacted", "2026-12-08"));
    add(id(3), status("internship", "2026-12-01"));
    add(id(3), status("work", "2027-03-01"));
    // Y4: never contacted; none, then moved away during autumn.
    add(id(4), status("none", "2026-11-23"));
    add(id(4), status("moved_away", "2026-12-20"));
    // Y5: contact on the registration day; studies and a plan on autumn's last day.
    add(id(5), status("contacted", "2026-11-23"));
    add(id(5), studies("2026-12-31"));
    add(id(5), status("study_plan", "2026-12-31"));
    // Y6: contact after 2 days; other activity, work from spring's first day.
    add(id(6), status("contacted", "2026-11-25"));
    add(id(6), status("other_activity", "2026-11-25"));
    add(id(6), status("work", "2027-01-01"));
    // Omar (demo): contact the next day, nothing else. Elsa, Linnea: nothing.
    add(omar, status("contacted", "2026-11-24"));
    // Y9: registered on autumn's last day, contacted 10 days later (in spring); work.
    add(id(9), status("contacted", "2027-01-10"));
    add(id(9), status("work", "2027-01-05"));
    // Y10: registered and moved away on autumn's last day.
    add(id(10), status("moved_away", "2026-12-31"));
    // Y11: contact on day 14; a plan; studies.
    add(id(11), status("contacted", "2027-01-15"));
    add(id(11), status("study_plan", "2027-01-20"));
    add(id(11), studies("2027-02-01"));
    // Y12: contact on day 15; work from spring's last day.
    add(id(12), status("contacted", "2027-01-16"));
    add(id(12), status("work", "2027-06-30"));
    // Y13: contact after 5 days; a plan; internship.
    add(id(13), status("contacted", "2027-02-20"));
    add(id(13), status("study_plan", "2027-03-01"));
    add(id(13), status("internship", "2027-03-01"));
    // Y14: contact on day 14 (across February's end); none.
    add(id(14), status("contacted", "2027-03-01"));
    add(id(14), status("none", "2027-02-15"));
    // Y15: no contact; studies from autumn 2027's first day.
    add(id(15), studies("2027-07-01"));
    // Y16: registered on spring's last day, contacted 10 days later.
    add(id(16), status("contacted", "2027-07-10"));
    // Y17: registered in autumn 2027, contacted the next day.
    add(id(17), status("contacted", "2027-07-02"));
    // Y18: contact after 9 days; moved away during spring.
    add(id(18), status("contacted", "2027-03-10"));
    add(id(18), status("moved_away", "2027-05-01"));
    // Y19: contact the next day; studies and a plan, then none from June.
    add(id(19), status("contacted", "2027-03-02"));
    add(id(19), studies("2027-04-01"));
    add(id(19), status("study_plan", "2027-04-01"));
    add(id(19), status("none", "2027-06-01"));
    // Y20: contact on day 19; work and studies from the same day, studies recorded later.
    add(id(20), status("contacted", "2027-03-20"));
    add(id(20), status("work", "2027-05-01"));
    add(id(20), studies("2027-05-01"));
    for (youth, body) in entries {
        record(&app, &karim, youth, body).await;
    }
    // Y7: studies corrected to other activity (the studies entry no longer counts).
    add_corrected(
        &app,
        &karim,
        id(7),
        studies("2026-12-15"),
        status("other_activity", "2026-12-15"),
    )
    .await;
    record(&app, &karim, id(7), status("contacted", "2026-12-20")).await;
    // Y8: a first contact on 12 Dec corrected to 30 Dec (day 20).
    add_corrected(
        &app,
        &karim,
        id(8),
        status("contacted", "2026-12-12"),
        status("contacted", "2026-12-30"),
    )
    .await;

    let report = |term: &'static str| {
        let app = &app;
        let karim = karim.clone();
        async move {
            let response = app
                .get_as(&format!("/api/reports/term?term={term}"), &karim)
                .await
                .assert_status(200);
            response.json::<TermReport>()
        }
    };

    // AUTUMN 2026 (1 Jul – 31 Dec 2026, as of 31 Dec).
    // Participants: registered by 31 Dec: Y1–Y10 and the 3 demo = 13; none moved
    // away before 1 Jul. All 13 are new.
    // Contacted ≤ 14 days: Y1 (7), Y2 (14), Y5 (0), Y6 (2), Omar (1), Y7 (10),
    // Y9 (10, in January) = 7; not Y3 (15), Y4, Elsa, Linnea, Y8 (20: the 12 Dec
    // contact was corrected), Y10. 7/13 = 53.8 % → 54, goal 100: no.
    // Status on 31 Dec: studies Y1, Y5 (from 31 Dec); work Y2 → moved on 3/13 =
    // 23.1 % → 23; in work 1/13 = 7.7 % → 8. (Y3 internship, Y4 and Y10 moved
    // away, Y6 and Y7 other activity, Y9's work starts in January.)
    // Study plan by 31 Dec: Y1, Y5 = 2/13 = 15.4 % → 15.
    let autumn = report("2026-autumn").await;
    assert_eq!(autumn.as_of, d(2026, 12, 31));
    assert_eq!(
        figures(&autumn),
        (
            13,
            13,
            vec![
                (7, 13, Some(54), false),
                (3, 13, Some(23), false),
                (1, 13, Some(8), false),
                (2, 13, Some(15), false),
            ]
        )
    );

    // SPRING 2027 (1 Jan – 30 Jun, as of 30 Jun).
    // Registered by 30 Jun: 13 + Y11–Y16 + Y18–Y20 = 22 (Y17 on 1 Jul is not);
    // moved away on 31 Dec: Y4, Y10 → 20 participants (Y2, moved away on 1 Jan,
    // and Y18, in May, are). New: Y11–Y16, Y18–Y20 = 9.
    // Contacted ≤ 14 days: Y11 (14), Y13 (5), Y14 (14), Y16 (10, in July), Y18
    // (9), Y19 (1) = 6; not Y12 (15), Y15, Y20 (19). 6/9 = 66.7 % → 67.
    // Status on 30 Jun: studies Y1, Y5, Y11, Y20 (studies recorded after work on
    // the same day); work Y3, Y6, Y9, Y12 (from 30 Jun) → moved on 8/20 = 40 %;
    // in work 4/20 = 20 %, which meets its goal exactly. (Y15's studies start
    // 1 Jul; Y19 is back to none.)
    // Study plan by 30 Jun: Y1, Y5, Y11, Y13, Y19 = 5/20 = 25 %.
    let spring = report("2027-spring").await;
    assert_eq!(spring.as_of, d(2027, 6, 30));
    assert_eq!(
        figures(&spring),
        (
            20,
            9,
            vec![
                (6, 9, Some(67), false),
                (8, 20, Some(40), false),
                (4, 20, Some(20), true),
                (5, 20, Some(25), false),
            ]
        )
    );

    // AUTUMN 2027, running: as of today, 20 Jul 2027.
    // All 23 registered; moved away on 30 Jun: Y2, Y4, Y10, Y18 → 19. New: Y17,
    // contacted the next day: 1/1 = 100 %, goal met.
    // Moved on: the spring 8 less Y2… (Y2 is out) → Y1, Y3, Y5, Y6, Y9, Y11,
    // Y12, Y20 and Y15 (studies from 1 Jul) = 9/19 = 47.4 % → 47; in work 4/19 =
    // 21.1 % → 21, met; study plans 5/19 = 26.3 % → 26.
    let running = report("2027-autumn").await;
    assert_eq!(running.as_of, d(2027, 7, 20));
    assert_eq!(
        figures(&running),
        (
            19,
            1,
            vec![
                (1, 1, Some(100), true),
                (9, 19, Some(47), false),
                (4, 19, Some(21), true),
                (5, 19, Some(26), false),
            ]
        )
    );

    // The CSV has the same figures.
    let csv = app
        .get_as("/api/reports/term.csv?term=2027-spring", &karim)
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"lotsen-2027-spring.csv\"")
    );
    assert_eq!(
        csv.text(),
        "term,as_of,figure,count,of,percent,goal_percent,meets_goal\r\n\
         2027-spring,2027-06-30,participants,20,,,,\r\n\
         2027-spring,2027-06-30,new_participants,9,,,,\r\n\
         2027-spring,2027-06-30,contacted_within_two_weeks,6,9,67,100,false\r\n\
         2027-spring,2027-06-30,moved_on_to_studies_or_work,8,20,40,50,false\r\n\
         2027-spring,2027-06-30,in_work,4,20,20,20,true\r\n\
         2027-spring,2027-06-30,study_plan,5,20,25,50,false\r\n"
    );
}

/// Records `wrong`, then `right` correcting it.
async fn add_corrected(app: &TestApp, staff: &Session, youth: i64, wrong: Value, mut right: Value) {
    let first = record(app, staff, youth, wrong).await;
    right["corrects"] = json!(first.id);
    record(app, staff, youth, right).await;
}

#[tokio::test]
async fn two_corrections_of_one_entry_at_once_give_one_correction_and_one_409() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let elsa = youth_id(&app, &karim, "Elsa Nilsson").await;
    let path = format!("/api/youth/{elsa}/outcomes");
    let wrong = record(&app, &karim, elsa, status("work", "2026-11-02")).await;
    let mut fix = status("internship", "2026-11-02");
    fix["corrects"] = json!(wrong.id);
    let attempt = || app.post_as(&path, &fix, Some(&karim));
    let (a, b, c, d) = tokio::join!(attempt(), attempt(), attempt(), attempt());
    let mut statuses: Vec<u16> = [a, b, c, d].iter().map(|r| r.status.as_u16()).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409, 409, 409]);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outcome_entries WHERE corrects_id = {}",
            wrong.id
        ))
        .await,
        1
    );
}
