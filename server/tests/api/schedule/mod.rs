//! The individual schedule, one behaviour per file: staff's activities and
//! their occurrences, assignments, the young person's week, "can't come", who
//! reads what, and the calendar feed (parsed with two independent ICS parsers,
//! across both clock changes, with the young person's booked sessions).
//! Today is 2026-11-23, a Monday.

mod absences;
mod access;
mod activities;
mod assignments;
mod calendar_feed;
mod calendar_secret;
mod calendar_texts;
mod change_reminders;
mod occurrences;

use lotsen_api::schedule::{Activity, CalendarFeed, Occurrence, OccurrenceStatus, Schedule};
use serde_json::{Value, json};

use crate::helpers::{ELSA, KARIM, Session, TestApp, TestResponse};

/// "Jobbsök" on `days` (1 = Monday) from `first` to `last`, 09:00–11:30, for eight.
pub fn activity(days: &[u8], first: &str, last: &str) -> Value {
    json!({
        "title": "Jobbsök",
        "description": "Vi skriver CV tillsammans.",
        "place": "Lotsen, rum 3",
        "kind": "working_life",
        "leader_id": null,
        "capacity": 8,
        "recurrence": {
            "weekdays": days, "start_time": "09:00", "end_time": "11:30",
            "first_date": first, "last_date": last
        }
    })
}

/// `staff` makes an activity, which must succeed.
pub async fn create(app: &TestApp, staff: &Session, body: &Value) -> Activity {
    app.post_as("/api/activities", body, Some(staff))
        .await
        .assert_status(201)
        .json()
}

/// `staff` assigns the young person (`body`: the activity, weekdays, first date); the response as it is.
pub async fn assign(app: &TestApp, staff: &Session, youth: i64, body: Value) -> TestResponse {
    app.post_as(
        &format!("/api/youth/{youth}/assignments"),
        &body,
        Some(staff),
    )
    .await
}

/// The young person's own schedule from `from` to `to`.
pub async fn my_week(app: &TestApp, youth: &Session, from: &str, to: &str) -> Schedule {
    app.get_as(&format!("/api/me/schedule?from={from}&to={to}"), youth)
        .await
        .assert_status(200)
        .json()
}

/// The date, start and status of each occurrence of `activity` in a schedule.
pub fn of(schedule: &Schedule, activity: i64) -> Vec<(String, String, OccurrenceStatus)> {
    schedule
        .items
        .iter()
        .filter(|i| i.activity_id == activity)
        .map(|i| (i.date.to_string(), i.start.clone(), i.status))
        .collect()
}

/// The dates `activity` takes place on in `schedule`, in order.
pub fn dates_of(schedule: &Schedule, activity: i64) -> Vec<String> {
    of(schedule, activity).into_iter().map(|o| o.0).collect()
}

/// `staff` changes the occurrence of `activity` planned on `date` (`body`: cancel or move); the response as it is.
pub async fn change_occurrence(
    app: &TestApp,
    staff: &Session,
    activity: i64,
    date: &str,
    body: Value,
) -> TestResponse {
    app.put_as(
        &format!("/api/activities/{activity}/occurrences/{date}"),
        &body,
        staff,
    )
    .await
}

/// The occurrences of `activity` from `from` to `to`, as `staff` sees them.
pub async fn occurrences(
    app: &TestApp,
    staff: &Session,
    activity: i64,
    from: &str,
    to: &str,
) -> Vec<Occurrence> {
    app.get_as(
        &format!("/api/activities/{activity}/occurrences?from={from}&to={to}"),
        staff,
    )
    .await
    .json()
}

/// The young person starts (or renews) their calendar feed; its path.
pub async fn start_feed(app: &TestApp, youth: &Session) -> String {
    let feed: CalendarFeed = app
        .post_empty_as("/api/me/calendar", Some(youth))
        .await
        .assert_status(200)
        .json();
    feed.url
        .unwrap()
        .strip_prefix("http://lotsen.test")
        .unwrap()
        .to_owned()
}

/// The demo people, with Karim's activity on `days` from `first` to `last`
/// and Elsa assigned to it from `from`.
pub struct ElsaAssigned {
    pub app: TestApp,
    pub karim: Session,
    pub elsa: Session,
    pub elsa_id: i64,
    pub activity: Activity,
}

impl ElsaAssigned {
    pub async fn new(days: &[u8], first: &str, last: &str, from: &str) -> Self {
        let app = TestApp::with_demo().await;
        let [karim, elsa] = app.demos([KARIM, ELSA]).await;
        let elsa_id = app.youth_named("Elsa Nilsson").await;
        let activity = create(&app, &karim, &self::activity(days, first, last)).await;
        assign(
            &app,
            &karim,
            elsa_id,
            json!({ "activity_id": activity.id, "from_date": from }),
        )
        .await
        .assert_status(201);
        Self {
            app,
            karim,
            elsa,
            elsa_id,
            activity,
        }
    }
}
