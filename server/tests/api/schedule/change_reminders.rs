//! After a change of a young person's schedule (an occurrence moved or
//! cancelled, the activity edited) they are reminded once, by the channel
//! they chose, before the first occurrence after the change: the day before
//! from 09:00, or at once when it is tomorrow or today. Nothing without a change.
//! Today is Monday 2026-11-23, 12:00.

use std::time::Duration;

use lotsen_api::schedule::Activity;
use serde_json::{Value, json};

use super::{activity, assign, change_occurrence, create};
use crate::helpers::internals::send_change_reminders;
use crate::helpers::{ELSA, KARIM, Session, TestApp};
use crate::sms::{demo_preferring_sms, send};

const HOUR: Duration = Duration::from_secs(3600);
const SUBJECT: &str = "Ditt schema har ändrats";

/// "Jobbsök" on Mondays and Wednesdays 09:00–11:30 this term, Elsa assigned from today.
async fn elsas_activity(app: &TestApp) -> (Session, Activity, i64) {
    let karim = app.demo(KARIM).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(app, &karim, &activity(&[1, 3], "2026-11-01", "2027-01-31")).await;
    assign(
        app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "weekdays": [], "from_date": "2026-11-23" }),
    )
    .await
    .assert_status(201);
    (karim, a, elsa_id)
}

/// `staff` changes the occurrence of `a` planned on `date` (`body`: cancel or move).
async fn change(app: &TestApp, staff: &Session, a: &Activity, date: &str, body: Value) {
    change_occurrence(app, staff, a.id, date, body)
        .await
        .assert_status(200);
}

/// An occurrence cancelled, without a note.
fn cancel() -> Value {
    json!({ "action": "cancel" })
}

/// Wednesday's occurrence moved to tomorrow, Tuesday, 14:00–15:00.
async fn move_wednesday_to_tomorrow(app: &TestApp, staff: &Session, a: &Activity) {
    let to_tuesday =
        json!({ "action": "move", "date": "2026-11-24", "start": "14:00", "end": "15:00" });
    change(app, staff, a, "2026-11-25", to_tuesday).await;
}

/// The reminders are sent: one, and no more when they run again.
async fn reminded_once(app: &TestApp) {
    assert_eq!(remind(app).await, 1, "one reminder");
    assert_eq!(remind(app).await, 0, "not twice");
}

async fn remind(app: &TestApp) -> usize {
    send_change_reminders(&app.state, app.state.clock.timestamp())
        .await
        .unwrap()
}

/// The text of the one reminder after a change in the young person's outbox.
async fn only_reminder(app: &TestApp, youth_id: i64) -> String {
    let bodies = app
        .texts(&format!(
            "SELECT body FROM outbox WHERE account_id = {youth_id} AND subject LIKE '{SUBJECT}%'"
        ))
        .await;
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    bodies.concat()
}

#[tokio::test]
async fn a_moved_occurrence_is_reminded_once_before_it_takes_place() {
    let app = TestApp::with_demo_and_email().await;
    let (karim, a, elsa_id) = elsas_activity(&app).await;
    assert_eq!(remind(&app).await, 0, "no change yet");

    // Wednesday's moved to tomorrow afternoon: the first occurrence after the change.
    move_wednesday_to_tomorrow(&app, &karim, &a).await;
    let (first, second) = tokio::join!(remind(&app), remind(&app));
    assert_eq!(first + second, 1, "once, also when run concurrently");
    assert_eq!(remind(&app).await, 0, "not twice");
    assert_eq!(app.outbox_count(elsa_id, SUBJECT).await, 1);
    let body = only_reminder(&app, elsa_id).await;
    assert!(
        body.contains("Nästa gång du har Jobbsök är 2026-11-24 14:00 (Lotsen, rum 3)."),
        "{body}"
    );
    app.advance(24 * HOUR);
    assert_eq!(remind(&app).await, 0, "still once, the next day");
    assert_eq!(app.outbox_count(elsa_id, SUBJECT).await, 1);
}

#[tokio::test]
async fn a_cancellation_is_reminded_the_day_before_the_next_occurrence() {
    let app = TestApp::with_demo_and_email().await;
    let (karim, a, elsa_id) = elsas_activity(&app).await;
    change(
        &app,
        &karim,
        &a,
        "2026-11-25",
        json!({ "action": "cancel", "note": "Ledaren är sjuk" }),
    )
    .await;
    // The next one is Monday 2026-11-30: not yet.
    assert_eq!(remind(&app).await, 0, "not five days before");
    app.advance(5 * 24 * HOUR + 19 * HOUR); // Sunday 07:00
    assert_eq!(remind(&app).await, 0, "not before 09:00");
    app.advance(2 * HOUR);
    reminded_once(&app).await; // Sunday 09:00, the day before
    assert_eq!(app.outbox_count(elsa_id, SUBJECT).await, 1);
    let body = only_reminder(&app, elsa_id).await;
    assert!(body.contains("2026-11-30 09:00"), "{body}");
    assert!(!body.contains("sjuk"), "no note of staff's: {body}");
}

#[tokio::test]
async fn an_edited_activity_is_a_change_and_each_change_is_reminded_once() {
    let app = TestApp::with_demo_and_email().await;
    let (karim, a, elsa_id) = elsas_activity(&app).await;
    app.advance_signed_in(24 * HOUR).await; // Tuesday 12:00: Wednesday's is tomorrow.
    assert_eq!(remind(&app).await, 0, "creating and assigning is no change");
    let mut later = activity(&[1, 3], "2026-11-01", "2027-01-31");
    later["recurrence"]["start_time"] = json!("10:00");
    later["recurrence"]["end_time"] = json!("12:00");
    app.put_as(&format!("/api/activities/{}", a.id), &later, &karim)
        .await
        .assert_status(200);
    reminded_once(&app).await;
    // A second change is reminded too, once.
    app.advance_signed_in(HOUR).await;
    change(
        &app,
        &karim,
        &a,
        "2026-11-25",
        json!({ "action": "move", "date": "2026-11-25", "start": "13:00", "end": "14:00" }),
    )
    .await;
    reminded_once(&app).await;
    assert_eq!(app.outbox_count(elsa_id, SUBJECT).await, 2);
}

#[tokio::test]
async fn putting_back_a_cancelled_occurrence_is_a_change() {
    let app = TestApp::with_demo_and_email().await;
    let (karim, a, elsa_id) = elsas_activity(&app).await;
    let path = format!("/api/activities/{}/occurrences/2026-11-25", a.id);
    change(&app, &karim, &a, "2026-11-25", cancel()).await;
    app.advance_signed_in(24 * HOUR).await; // Tuesday 12:00
    app.delete_as(&path, &karim).await.assert_status(200);
    reminded_once(&app).await; // Wednesday's is on again
    assert!(
        only_reminder(&app, elsa_id)
            .await
            .contains("2026-11-25 09:00")
    );
}

#[tokio::test]
async fn nothing_is_sent_without_a_change_nor_for_one_already_past() {
    let app = TestApp::with_demo_and_email().await;
    let (karim, a, elsa_id) = elsas_activity(&app).await;
    for _ in 0..8 {
        assert_eq!(remind(&app).await, 0);
        app.advance_signed_in(24 * HOUR).await;
    }
    assert_eq!(app.outbox_count(elsa_id, SUBJECT).await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Ditt schema%'")
            .await,
        0,
        "nobody else's either (the demo schedule has no changes)"
    );
    // Tuesday 2026-12-01 12:00: a change whose first occurrence (Wednesday
    // 09:00) has begun when the task first sees it (Wednesday 10:00) is not reminded.
    change(&app, &karim, &a, "2026-12-07", cancel()).await;
    app.advance(22 * HOUR);
    assert_eq!(remind(&app).await, 0, "it has begun");
    app.advance(4 * 24 * HOUR);
    assert_eq!(remind(&app).await, 0, "and it stays reminded of nothing");
    assert_eq!(app.outbox_count(elsa_id, SUBJECT).await, 0);
}

#[tokio::test]
async fn the_reminder_after_a_change_arrives_by_sms_when_chosen() {
    let Some((gateway, app, number)) = demo_preferring_sms("change reminder by SMS", ELSA).await
    else {
        return;
    };
    let (karim, a, _) = elsas_activity(&app).await;
    move_wednesday_to_tomorrow(&app, &karim, &a).await;
    reminded_once(&app).await;
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND subject LIKE 'Ditt schema%'"
        )
        .await,
        0,
        "nothing by e-mail: she chose SMS"
    );
    let sender = gateway.sender("http://lotsen.test");
    assert_eq!(send(&app, &sender).await, 1);
    assert_eq!(
        gateway.wait_for(&number, 1).await,
        [
            "Hej Elsa! Ditt schema har ändrats. Nästa gång är 2026-11-24 14:00 (Lotsen, rum 3). \
          Se Mitt schema: http://lotsen.test"
        ]
    );
}
