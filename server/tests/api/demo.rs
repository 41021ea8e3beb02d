//! The demo people: who they are, that they can sign in, and their ages.

use crate::helpers::DEMO_PASSWORD;
use crate::helpers::internals::DEMO_LOGINS;
use lotsen_api::Personnummer;
use lotsen_api::people::{YouthDetail, YouthSummary};

use crate::helpers::{ANNA, KARIM, LogCapture, TestApp, today};

#[tokio::test]
async fn every_demo_login_signs_in_as_documented() {
    let logs = LogCapture::start();
    let app = TestApp::with_demo().await;
    let logged = logs.text();
    for person in DEMO_LOGINS {
        let response = app.sign_in(person.email, DEMO_PASSWORD).await;
        assert_eq!(
            response.status,
            200,
            "{}: {}",
            person.email,
            response.text()
        );
        let me: lotsen_api::account::Me = response.json();
        assert_eq!(me.name, person.name);
        assert_eq!(me.role, person.role, "{}", person.name);
        assert_eq!(me.profession, person.profession, "{}", person.name);
        assert_eq!(me.is_admin, person.is_admin, "{}", person.name);
        assert!(
            logged.contains(&format!(
                "{} <{}>, password: {DEMO_PASSWORD}",
                person.name, person.email
            )),
            "the login of {} is logged:\n{logged}",
            person.name
        );
    }
    assert_eq!(
        DEMO_LOGINS
            .iter()
            .filter(|p| p.is_admin)
            .map(|p| p.email)
            .collect::<Vec<_>>(),
        [ANNA]
    );
    // No personnummer in the log, in any form.
    let numbers: Vec<String> = app.texts("SELECT personnummer FROM youth").await;
    assert_eq!(numbers.len(), 3);
    for digits in numbers {
        for form in [
            digits.clone(),
            format!("{}-{}", &digits[..8], &digits[8..]),
            digits[2..].to_owned(),
        ] {
            assert!(!logged.contains(&form), "{form} is in the log");
        }
    }
}

#[tokio::test]
async fn the_demo_young_people_have_the_documented_ages_and_contact_person() {
    let (app, anna) = TestApp::with_demo_signed_in(ANNA).await;
    let list: Vec<YouthSummary> = app.get_as("/api/youth", &anna).await.json();
    let expected = [
        ("Elsa Nilsson", 17, false),
        ("Linnea Ek", 24, true),
        ("Omar Ali", 19, false),
    ];
    let got: Vec<(&str, i32, bool)> = list
        .iter()
        .map(|y| (y.name.as_str(), y.age, y.protected_identity))
        .collect();
    assert_eq!(got, expected);
    for youth in &list {
        assert!(youth.has_account, "{} can sign in", youth.name);
        assert_eq!(
            youth.contact_person.as_ref().map(|c| c.name.as_str()),
            Some("Karim Haddad")
        );
    }
    let karim = app.demo(KARIM).await;
    let elsa = list.iter().find(|y| y.name == "Elsa Nilsson").unwrap();
    let detail: YouthDetail = app
        .get_as(&format!("/api/youth/{}", elsa.id), &karim)
        .await
        .json();
    let guardians: Vec<&str> = detail.guardians.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(guardians, ["Maria Nilsson", "Per Nilsson"]);
    assert_eq!(detail.email.as_deref(), Some("elsa.nilsson@lotsen.example"));
    let shown: lotsen_api::timeline::RevealedPersonnummer = app
        .post_as(
            &format!("/api/youth/{}/personnummer", elsa.id),
            &serde_json::json!({}),
            Some(&karim),
        )
        .await
        .assert_status(200)
        .json();
    let personnummer =
        Personnummer::parse(&shown.personnummer, today()).expect("a valid personnummer");
    assert_eq!(personnummer.age_on(today()), 17);
    assert_eq!(
        detail.personnummer,
        personnummer.masked(),
        "the record masks it"
    );
}

/// Issue 19, acceptance 3: on a fresh whole demo the feedback view shows
/// figures for at least three activities, every figure of the term report is
/// above zero, and every application status occurs.
#[tokio::test]
async fn the_whole_demo_fills_the_feedback_view_the_term_report_and_every_application_status() {
    use lotsen_api::application::{ApplicationStatus, ApplicationSummary};
    use lotsen_api::feedback::{FeedbackReport, GroupKind};
    use lotsen_api::outcomes::TermReport;

    let app = TestApp::with_whole_demo().await;
    let [anna, karim] = app.demos([ANNA, KARIM]).await;

    let feedback: FeedbackReport = app.get_as("/api/feedback", &karim).await.json();
    let shown: Vec<&str> = feedback
        .groups
        .iter()
        .filter(|g| g.kind == GroupKind::Activity)
        .filter(|g| g.summary.as_ref().is_some_and(|s| s.count >= 5))
        .map(|g| g.title.as_str())
        .collect();
    assert!(shown.len() >= 3, "activities with figures: {shown:?}");
    let trends = feedback
        .groups
        .iter()
        .filter_map(|g| g.summary.as_ref())
        .filter(|s| s.trend.len() >= 2 && !s.comments.is_empty())
        .count();
    assert!(trends >= 3, "{trends} activities with a trend and comments");
    assert!(
        feedback.groups.iter().any(|g| !g.answers.is_empty()),
        "staff have answered"
    );

    let report: TermReport = app.get_as("/api/reports/term", &karim).await.json();
    assert!(report.participants > 0, "{report:?}");
    assert!(report.new_participants > 0, "{report:?}");
    for share in &report.shares {
        assert!(share.count > 0, "{share:?}");
        assert!(share.of > 0, "{share:?}");
        assert!(share.percent.is_some_and(|p| p > 0), "{share:?}");
    }

    let youth: Vec<YouthSummary> = app.get_as("/api/youth", &anna).await.json();
    assert!(youth.len() >= 60, "{} young people", youth.len());
    let mut statuses = std::collections::BTreeSet::new();
    for y in &youth {
        let list: Vec<ApplicationSummary> = app
            .get_as(&format!("/api/youth/{}/applications", y.id), &anna)
            .await
            .json();
        statuses.extend(list.iter().map(|a| a.status.as_str()));
    }
    for status in ApplicationStatus::ALL {
        assert!(
            statuses.contains(status.as_str()),
            "{status:?}: {statuses:?}"
        );
    }
}

/// The whole demo's bookings: attended and no-show in the past, some to
/// come, and a waitlist with an offer.
#[tokio::test]
async fn the_whole_demo_has_past_and_coming_bookings_and_a_waitlist_with_an_offer() {
    let app = TestApp::with_whole_demo().await;
    let now = app.state.clock.unix_seconds();
    for (status, when) in [
        ("attended", "<"),
        ("no_show", "<"),
        ("booked", ">"),
        ("offered", ">"),
    ] {
        let sql = format!(
            "SELECT COUNT(*) FROM bookings WHERE status = '{status}' AND starts_at {when} {now}"
        );
        assert!(app.count(&sql).await > 0, "{status}");
    }
    assert!(
        app.count("SELECT COUNT(*) FROM waitlist WHERE status = 'offered'")
            .await
            > 0
    );
    assert!(
        app.count("SELECT COUNT(*) FROM waitlist WHERE status = 'waiting'")
            .await
            > 0
    );
}

/// The young person of the timeline (README "Demo data") has every kind of
/// event: registration and contacts, an application signed by them and a
/// guardian and decided, a plan with measures, sessions attended and missed,
/// a "can't come", and a follow-up status.
#[tokio::test]
async fn the_timeline_young_person_has_every_kind_of_event() {
    let app = TestApp::with_whole_demo().await;
    let name = lotsen_server::demo::programme::TIMELINE_PERSON;
    let id = app
        .count(&format!("SELECT id FROM accounts WHERE name = '{name}'"))
        .await;
    let counts = [
        (
            "registration",
            format!("SELECT COUNT(*) FROM register_periods WHERE youth_id = {id}"),
        ),
        (
            "contact",
            format!("SELECT COUNT(*) FROM register_contacts WHERE youth_id = {id}"),
        ),
        (
            "accepted application",
            format!(
                "SELECT COUNT(*) FROM applications WHERE youth_id = {id} AND status = 'accepted'"
            ),
        ),
        (
            "young person's signature",
            format!(
                "SELECT COUNT(*) FROM application_signatures s JOIN applications a ON a.id = s.application_id WHERE a.youth_id = {id} AND s.role = 'youth'"
            ),
        ),
        (
            "guardian's signature",
            format!(
                "SELECT COUNT(*) FROM application_signatures s JOIN applications a ON a.id = s.application_id WHERE a.youth_id = {id} AND s.role = 'guardian'"
            ),
        ),
        (
            "plan measure",
            format!("SELECT COUNT(*) FROM register_measures WHERE youth_id = {id}"),
        ),
        (
            "attended",
            format!("SELECT COUNT(*) FROM bookings WHERE youth_id = {id} AND status = 'attended'"),
        ),
        (
            "no-show",
            format!("SELECT COUNT(*) FROM bookings WHERE youth_id = {id} AND status = 'no_show'"),
        ),
        (
            "can't come",
            format!("SELECT COUNT(*) FROM absences WHERE youth_id = {id}"),
        ),
        (
            "outcome status",
            format!(
                "SELECT COUNT(*) FROM outcome_entries WHERE youth_id = {id} AND kind NOT IN ('contacted', 'study_plan')"
            ),
        ),
    ];
    for (what, sql) in counts {
        assert!(app.count(&sql).await > 0, "{name}: no {what}");
    }
}

/// The whole demo seeds on any day (a Monday, a Friday, a weekend, and the
/// first day of each term), and the term report's figures are above zero on each.
#[tokio::test]
async fn the_whole_demo_seeds_on_any_day_with_a_full_term_report() {
    use lotsen_api::outcomes::TermReport;
    // Monday 2026-11-23, the Friday, Saturday and Sunday after, 2027-01-01
    // (a Friday) and 2027-07-01 (a Thursday).
    for days in [0, 4, 5, 6, 39, 220] {
        let app = TestApp::new().await;
        app.advance(std::time::Duration::from_secs(days * 86_400));
        let scope = crate::helpers::internals::DemoScope::Everything;
        let seeded =
            crate::helpers::internals::seed_scope_if_new(&app.state.db, &app.state.clock, scope)
                .await;
        assert!(matches!(seeded, Ok(true)), "day {days}: {seeded:?}");
        let karim = app.demo(KARIM).await;
        let report: TermReport = app.get_as("/api/reports/term", &karim).await.json();
        assert!(
            report.participants > 0 && report.new_participants > 0,
            "day {days}"
        );
        for share in &report.shares {
            assert!(share.count > 0, "day {days}: {share:?}");
        }
    }
}
