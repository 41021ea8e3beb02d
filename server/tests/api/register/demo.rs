//! The demo register (`--demo-data`): filled as promised, so that a newcomer
//! sees the lists and the report filled.

use std::collections::BTreeSet;

use lotsen_api::register::contacts::{ToContactPage, Worklist};
use lotsen_api::register::people::EntryPage;
use lotsen_api::register::scb::{RegisterFigures, ScbCheck, ScbReport};

use crate::helpers::{ANNA, TestApp, today};

const SVEN: &str = "sven.berg@lotsen.example";

#[tokio::test]
async fn the_demo_register_is_filled_at_every_stage() {
    let app = TestApp::with_whole_demo().await;
    // Sven keeps the register; Anna (an administrator) may too.
    let sven = app.demo(SVEN).await;
    let people: EntryPage = app
        .get_as("/api/register/people?status=all&limit=100", &sven)
        .await
        .json();
    assert!(people.total >= 55, "{} in the register", people.total);
    let open: EntryPage = app.get_as("/api/register/people", &sven).await.json();
    assert!(open.total < people.total, "some are deregistered");
    let ages: BTreeSet<i32> = people.entries.iter().map(|e| e.age).collect();
    assert_eq!(ages.first(), Some(&16), "{ages:?}");
    let ended = |reason: &str| {
        format!("SELECT COUNT(*) FROM register_periods WHERE deregistration_reason = '{reason}'")
    };
    for reason in [
        "turned_20",
        "started_education",
        "completed_education",
        "moved_away",
        "other",
    ] {
        assert_eq!(app.count(&ended(reason)).await, 1, "{reason}");
    }
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM youth y JOIN register_people r ON r.youth_id = y.account_id \
             WHERE y.protected_identity = TRUE AND r.street IS NULL"
        )
        .await,
        2,
        "two with protected identity, and no address"
    );

    // Every rung of the ladder, the SMS waiting in the outbox, a home visit
    // by two, reached with every occupation, and one who declined.
    let channels = app
        .texts("SELECT DISTINCT channel FROM register_contacts ORDER BY channel")
        .await;
    assert_eq!(channels, ["home_visit", "letter", "phone", "sms"]);
    assert!(
        app.count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND sent_at IS NULL")
            .await
            >= 5
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM register_contacts WHERE channel = 'home_visit' \
                   AND second_staff_id IS NOT NULL AND outcome = 'reached'"
        )
        .await,
        3
    );
    let occupations = app
        .texts("SELECT DISTINCT occupation FROM register_contacts WHERE occupation IS NOT NULL ORDER BY occupation")
        .await;
    assert_eq!(occupations, ["none", "other", "studies", "unknown", "work"]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM register_contacts WHERE outcome = 'declined'")
            .await,
        1
    );

    // "To contact": oldest first, some past the 14-day goal, some new this week.
    let to_contact: ToContactPage = app
        .get_as("/api/register/to-contact?limit=100", &sven)
        .await
        .json();
    let items = &to_contact.items;
    assert!(items.iter().any(|i| i.past_goal && i.attempts == 0));
    assert!(items.iter().any(|i| i.days_since_registration < 7));
    assert!(items.iter().any(|i| i.suggested_next.is_some()));

    // Plans with measures of each responsible kind, some ended, follow-ups
    // today and later; one plan revised and agreed.
    let kinds = app
        .texts("SELECT DISTINCT responsible_kind FROM register_measures ORDER BY responsible_kind")
        .await;
    assert_eq!(kinds, ["municipality", "other", "youth"]);
    assert!(
        app.count("SELECT COUNT(*) FROM register_measures WHERE actual_end IS NOT NULL")
            .await
            >= 3
    );
    assert!(
        app.count(&format!(
            "SELECT COUNT(*) FROM register_measures WHERE next_follow_up > '{}'",
            today()
        ))
        .await
            > 0
    );
    assert!(
        app.count(
            "SELECT COUNT(*) FROM register_plans WHERE version = 2 AND agreed_at IS NOT NULL"
        )
        .await
            >= 1
    );
    let worklist: Worklist = app.get_as("/api/register/worklist", &sven).await.json();
    assert!(
        worklist
            .contacts_due
            .iter()
            .any(|c| c.next_contact_on == today())
    );
    assert!(
        worklist
            .follow_ups_due
            .iter()
            .any(|f| f.next_follow_up == today())
    );

    // The report for the demo's half-year has rows, and its checks find the
    // measure called off before it began.
    let anna = app.demo(ANNA).await;
    let report: ScbReport = app.get_as("/api/register/reports/scb", &anna).await.json();
    assert!(report.rows.len() >= 50, "{} rows", report.rows.len());
    assert!(!report.problems.is_empty());
    for problem in &report.problems {
        assert_eq!(
            problem.check,
            ScbCheck::MeasureEndsBeforeStart,
            "{problem:?}"
        );
    }
    let figures: RegisterFigures = app
        .get_as("/api/register/reports/figures", &anna)
        .await
        .json();
    assert!(figures.reached > 0 && figures.reached_within_2_weeks > 0);
}
