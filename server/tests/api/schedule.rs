//! The individual schedule: staff's activities, occurrences and assignments, the
//! young person's week, "can't come", and the calendar feed (parsed with two
//! independent ICS parsers, across both clock changes, with the young person's
//! booked sessions). Today is 2026-11-23, a Monday.

use std::io::BufReader;
use std::time::Duration;

use axum::body::Body;
use axum::http::Method;
use icalendar::{Component, EventLike};
use lotsen_api::ErrorCode;
use lotsen_api::booking::{Booking, FreeTimes, SessionType};
use lotsen_api::schedule::{
    Activity, Assignment, CalendarFeed, Occurrence, OccurrenceStatus, Schedule,
};
use serde_json::{Value, json};

use crate::helpers::{
    APP_HEADER, ELSA, KARIM, MARIA, OMAR, SVEN, Session, TestApp, TestResponse, request,
};

async fn delete_as(app: &TestApp, path: &str, session: &Session) -> TestResponse {
    let headers = vec![APP_HEADER, ("cookie", session.cookie.as_str())];
    app.send(request(Method::DELETE, path, &headers, Body::empty()))
        .await
}

fn activity(days: &[u8], first: &str, last: &str) -> Value {
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

async fn create(app: &TestApp, staff: &Session, body: &Value) -> Activity {
    let r = app.post_as("/api/activities", body, Some(staff)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

async fn assign(app: &TestApp, staff: &Session, youth: i64, body: Value) -> TestResponse {
    app.post_as(
        &format!("/api/youth/{youth}/assignments"),
        &body,
        Some(staff),
    )
    .await
}

async fn my_week(app: &TestApp, youth: &Session, from: &str, to: &str) -> Schedule {
    let r = app
        .get_as(&format!("/api/me/schedule?from={from}&to={to}"), youth)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn of(schedule: &Schedule, activity: i64) -> Vec<(String, String, OccurrenceStatus)> {
    schedule
        .items
        .iter()
        .filter(|i| i.activity_id == activity)
        .map(|i| (i.date.to_string(), i.start.clone(), i.status))
        .collect()
}

#[tokio::test]
async fn staff_plan_a_weekly_activity_and_the_young_person_sees_it_with_changes() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(&app, &karim, &activity(&[1, 3], "2026-11-01", "2027-01-31")).await;
    assert_eq!(a.recurrence.weekdays, vec![1, 3]);
    assert_eq!(a.recurrence.start_time, "09:00");
    let r = assign(
        &app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "weekdays": [], "from_date": "2026-11-23" }),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let assignment: Assignment = r.json();
    assert_eq!(assignment.activity_title, "Jobbsök");

    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert_eq!(
        of(&week, a.id),
        vec![
            (
                "2026-11-23".into(),
                "09:00".into(),
                OccurrenceStatus::Scheduled
            ),
            (
                "2026-11-25".into(),
                "09:00".into(),
                OccurrenceStatus::Scheduled
            ),
        ]
    );
    // Sorted by date and time, the demo week around it.
    let keys: Vec<_> = week
        .items
        .iter()
        .map(|i| (i.date, i.start.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(week.items.len() > 2, "the demo activities too");
    // Nothing before the assignment's first date.
    let before = my_week(&app, &elsa, "2026-11-16", "2026-11-22").await;
    assert!(of(&before, a.id).is_empty());

    // Cancel Wednesday, move Monday.
    let path = format!("/api/activities/{}/occurrences/2026-11-25", a.id);
    let r = app
        .put_as(
            &path,
            &json!({ "action": "cancel", "note": "Ledaren är sjuk" }),
            &karim,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let o: Occurrence = r.json();
    assert_eq!(o.status, OccurrenceStatus::Cancelled);
    let moved = app
        .put_as(
            &format!("/api/activities/{}/occurrences/2026-11-23", a.id),
            &json!({ "action": "move", "date": "2026-11-24", "start": "13:00", "end": "15:00" }),
            &karim,
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text());
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert_eq!(
        of(&week, a.id),
        vec![
            ("2026-11-24".into(), "13:00".into(), OccurrenceStatus::Moved),
            (
                "2026-11-25".into(),
                "09:00".into(),
                OccurrenceStatus::Cancelled
            ),
        ]
    );
    let cancelled = week
        .items
        .iter()
        .find(|i| i.activity_id == a.id && i.status == OccurrenceStatus::Cancelled)
        .unwrap();
    assert_eq!(cancelled.note.as_deref(), Some("Ledaren är sjuk"));
    let moved = week
        .items
        .iter()
        .find(|i| i.activity_id == a.id && i.status == OccurrenceStatus::Moved)
        .unwrap();
    assert_eq!(
        moved
            .moved_from
            .as_ref()
            .map(|s| (s.date.to_string(), s.start.clone())),
        Some(("2026-11-23".into(), "09:00".into()))
    );

    // Restore: as planned again.
    let r = delete_as(&app, &path, &karim).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<Occurrence>().status, OccurrenceStatus::Scheduled);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert_eq!(of(&week, a.id)[1].2, OccurrenceStatus::Scheduled);
    // Not an occurrence (a Tuesday): 404.
    let r = app
        .put_as(
            &format!("/api/activities/{}/occurrences/2026-11-24", a.id),
            &json!({ "action": "cancel" }),
            &karim,
        )
        .await;
    r.assert_error(ErrorCode::NotFound, "sv");
}

#[tokio::test]
async fn the_young_person_says_they_cant_come_and_staff_see_it() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let omar = app.demo(OMAR).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(&app, &karim, &activity(&[1, 3], "2026-11-01", "2027-01-31")).await;
    assign(
        &app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-01" }),
    )
    .await;
    let path = format!("/api/me/schedule/absences/{}/2026-11-25", a.id);
    let r = app
        .put_as(&path, &json!({ "reason": "  Tandläkaren " }), &elsa)
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    let item = week
        .items
        .iter()
        .find(|i| i.activity_id == a.id && i.date.to_string() == "2026-11-25")
        .unwrap();
    assert_eq!(item.absence.as_deref(), Some("Tandläkaren"));
    // The contact person sees it, in the occurrence list and the young person's schedule.
    let list: Vec<Occurrence> = app
        .get_as(
            &format!(
                "/api/activities/{}/occurrences?from=2026-11-23&to=2026-11-29",
                a.id
            ),
            &karim,
        )
        .await
        .json();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[1]
            .expected
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Elsa Nilsson"]
    );
    assert_eq!(list[1].absent[0].reason.as_deref(), Some("Tandläkaren"));
    assert!(list[0].absent.is_empty());
    let theirs: Schedule = app
        .get_as(
            &format!("/api/youth/{elsa_id}/schedule?from=2026-11-23&to=2026-11-29"),
            &karim,
        )
        .await
        .json();
    assert!(
        theirs
            .items
            .iter()
            .any(|i| i.activity_id == a.id && i.absence.is_some())
    );
    // Omar has no such occurrence: 404; a Tuesday is no occurrence either.
    let r = app.put_as(&path, &json!({}), &omar).await;
    r.assert_error(ErrorCode::NotFound, "sv");
    let r = app
        .put_as(
            &format!("/api/me/schedule/absences/{}/2026-11-24", a.id),
            &json!({}),
            &elsa,
        )
        .await;
    r.assert_error(ErrorCode::NotFound, "sv");
    // A cancelled occurrence needs no "can't come".
    app.put_as(
        &format!("/api/activities/{}/occurrences/2026-11-30", a.id),
        &json!({ "action": "cancel" }),
        &karim,
    )
    .await;
    let r = app
        .put_as(
            &format!("/api/me/schedule/absences/{}/2026-11-30", a.id),
            &json!({}),
            &elsa,
        )
        .await;
    r.assert_error(ErrorCode::NotFound, "sv");
    // Too long a reason.
    let r = app
        .put_as(&path, &json!({ "reason": "x".repeat(501) }), &elsa)
        .await;
    let body = r.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(body.fields[0].field, "reason");
    // Withdrawn.
    assert_eq!(delete_as(&app, &path, &elsa).await.status, 204);
    assert_eq!(delete_as(&app, &path, &elsa).await.status, 404);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert!(week.items.iter().all(|i| i.absence.is_none()));
}

#[tokio::test]
async fn reading_my_schedule_writes_nothing_and_staff_reads_are_audited() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let audit = "SELECT COUNT(*) FROM audit_log";
    let before = app.count(audit).await;
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert!(!week.items.is_empty(), "the demo week");
    assert_eq!(
        app.count(audit).await,
        before,
        "a young person's own read is not audited"
    );
    let r = app
        .get_as(
            &format!("/api/youth/{elsa_id}/schedule?from=2026-11-23&to=2026-11-29"),
            &karim,
        )
        .await;
    assert_eq!(r.status, 200);
    let r = app
        .get_as(&format!("/api/youth/{elsa_id}/assignments"), &karim)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json::<Vec<Assignment>>().len(), 5, "the demo week");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'read_schedule' AND youth_id = {elsa_id}"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn per_record_access() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let sven = app.demo(SVEN).await;
    let maria = app.demo(MARIA).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(&app, &karim, &activity(&[2], "2026-11-01", "2027-01-31")).await;
    // Sven is nobody's contact person: 404 for Elsa's schedule and assignments.
    for path in [
        format!("/api/youth/{elsa_id}/schedule?from=2026-11-23&to=2026-11-29"),
        format!("/api/youth/{elsa_id}/assignments"),
    ] {
        app.get_as(&path, &sven)
            .await
            .assert_error(ErrorCode::NotFound, "sv");
    }
    assign(
        &app,
        &sven,
        elsa_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-23" }),
    )
    .await
    .assert_error(ErrorCode::NotFound, "sv");
    // Sven may see the activity, but not who is expected.
    assign(
        &app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-23" }),
    )
    .await;
    let list: Vec<Occurrence> = app
        .get_as(
            &format!(
                "/api/activities/{}/occurrences?from=2026-11-23&to=2026-11-29",
                a.id
            ),
            &sven,
        )
        .await
        .json();
    assert!(list[0].expected.is_empty());
    // Guardians get nothing of the schedule.
    app.get_as("/api/me/schedule?from=2026-11-23&to=2026-11-29", &maria)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
    app.get_as("/api/activities", &maria)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
}

#[tokio::test]
async fn assignments_conflict_end_and_choose_weekdays() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let omar = app.demo(OMAR).await;
    let omar_id = app.youth_named("Omar Ali").await;
    let a = create(
        &app,
        &karim,
        &activity(&[1, 3, 5], "2026-11-01", "2027-01-31"),
    )
    .await;
    let r = assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": a.id, "weekdays": [5, 1], "from_date": "2026-11-01" }),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let assignment: Assignment = r.json();
    assert_eq!(assignment.weekdays, vec![1, 5]);
    let week = my_week(&app, &omar, "2026-11-23", "2026-11-29").await;
    assert_eq!(
        of(&week, a.id)
            .iter()
            .map(|o| o.0.as_str())
            .collect::<Vec<_>>(),
        ["2026-11-23", "2026-11-27"]
    );
    // Twice: 409.
    assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-01" }),
    )
    .await
    .assert_error(ErrorCode::Conflict, "sv");
    // A weekday the activity does not have, an unknown activity: 422.
    let r = assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": a.id, "weekdays": [2], "from_date": "2026-11-01" }),
    )
    .await;
    assert_eq!(
        r.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "weekday"
    );
    let r = assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": 999_999, "from_date": "2026-11-01" }),
    )
    .await;
    assert_eq!(
        r.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "activity_invalid"
    );
    // Ended today: off the schedule from today on, and can be assigned again.
    let path = format!("/api/youth/{omar_id}/assignments/{}", assignment.id);
    assert_eq!(delete_as(&app, &path, &karim).await.status, 204);
    assert_eq!(delete_as(&app, &path, &karim).await.status, 404);
    let week = my_week(&app, &omar, "2026-11-16", "2026-11-29").await;
    assert_eq!(
        of(&week, a.id)
            .iter()
            .map(|o| o.0.as_str())
            .collect::<Vec<_>>(),
        ["2026-11-16", "2026-11-20"]
    );
    let r = assign(
        &app,
        &karim,
        omar_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-30" }),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn bad_input_is_a_clear_4xx() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let mut bad = activity(&[], "2026-12-01", "2026-11-01");
    bad["title"] = json!(" ");
    bad["recurrence"]["start_time"] = json!("25:00");
    bad["recurrence"]["end_time"] = json!("09:00");
    bad["capacity"] = json!(0);
    let r = app.post_as("/api/activities", &bad, Some(&karim)).await;
    let body = r.assert_error(ErrorCode::Validation, "sv");
    let fields: Vec<_> = body
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("title", "required"),
            ("capacity", "capacity"),
            ("recurrence.weekdays", "required"),
            ("recurrence.start_time", "time_format"),
            ("recurrence.last_date", "date_order"),
        ]
    );
    assert!(
        body.fields
            .iter()
            .all(|f| !f.message.is_empty() && f.message != f.code),
        "{:?}",
        body.fields
    );
    let mut order = activity(&[1], "2026-11-01", "2026-12-01");
    order["recurrence"]["end_time"] = json!("08:00");
    order["leader_id"] = json!(999_999);
    let r = app.post_as("/api/activities", &order, Some(&karim)).await;
    let body = r.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(body.fields[0].code, "time_order");
    let mut leader = activity(&[1], "2026-11-01", "2026-12-01");
    leader["leader_id"] = json!(999_999);
    let r = app.post_as("/api/activities", &leader, Some(&karim)).await;
    assert_eq!(
        r.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "leader_invalid"
    );
    // Ranges.
    for (query, code) in [
        ("from=2026-11-23&to=2027-01-31", "range_too_long"),
        ("from=2026-11-23&to=2026-11-22", "date_order"),
    ] {
        let r = app
            .get_as(&format!("/api/me/schedule?{query}"), &elsa)
            .await;
        assert_eq!(
            r.assert_error(ErrorCode::Validation, "sv").fields[0].code,
            code
        );
    }
    for query in [
        "from=2026-11-23",
        "from=igår&to=2026-11-29",
        "from=2026-02-30&to=2026-03-01",
    ] {
        let r = app
            .get_as(&format!("/api/me/schedule?{query}"), &elsa)
            .await;
        assert_eq!(r.status, 400, "{query}: {}", r.text());
    }
    let r = app
        .put_as(
            "/api/activities/1/occurrences/inte-ett-datum",
            &json!({ "action": "cancel" }),
            &karim,
        )
        .await;
    r.assert_error(ErrorCode::BadRequest, "sv");
    let r = app
        .put_as(
            "/api/activities/1/occurrences/2026-11-23",
            &json!({ "action": "move", "date": "2026-11-24", "start": "9", "end": "08:00" }),
            &karim,
        )
        .await;
    assert_eq!(
        r.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "time_format"
    );
    assert_eq!(
        app.get_as("/api/activities/999999", &karim).await.status,
        404
    );
    let r = app
        .put_as(
            "/api/activities/999999",
            &activity(&[1], "2026-11-01", "2026-12-01"),
            &karim,
        )
        .await;
    r.assert_error(ErrorCode::NotFound, "sv");
}

#[tokio::test]
async fn activities_are_listed_and_updated() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let a = create(&app, &karim, &activity(&[1], "2026-11-01", "2026-12-01")).await;
    let mut changed = activity(&[2, 4], "2026-11-01", "2026-12-15");
    changed["title"] = json!("Jobbsök och CV");
    changed["leader_id"] = json!(karim_id(&app, &karim).await);
    let r = app
        .put_as(&format!("/api/activities/{}", a.id), &changed, &karim)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let saved: Activity = r.json();
    assert_eq!(saved.title, "Jobbsök och CV");
    assert_eq!(saved.recurrence.weekdays, vec![2, 4]);
    assert_eq!(
        saved.leader.map(|l| l.name).as_deref(),
        Some("Karim Haddad")
    );
    let all: Vec<Activity> = app.get_as("/api/activities", &karim).await.json();
    assert_eq!(all.len(), 6, "five demo activities and this one");
    assert!(
        all.iter()
            .any(|x| x.id == a.id && x.title == "Jobbsök och CV")
    );
}

async fn karim_id(app: &TestApp, karim: &Session) -> i64 {
    app.me(karim).await.unwrap().id
}

/// The UTC hour of a DTSTART as both parsers read it, for the event planned on `date`.
fn start_hours(ics: &str, date: &str) -> (u32, u32) {
    use chrono::Timelike;
    let uid_part = format!("-{date}@");
    let calendar: icalendar::Calendar = ics.parse().expect("icalendar parses the feed");
    let event = calendar
        .events()
        .find(|e| e.get_uid().is_some_and(|u| u.contains(&uid_part)))
        .unwrap_or_else(|| panic!("no event planned on {date}"));
    let a = match event.get_start().unwrap() {
        icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(dt)) => dt.hour(),
        other => panic!("{other:?}"),
    };
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let parsed = parser.next().unwrap().expect("ical parses the feed");
    let event = parsed
        .events
        .iter()
        .find(|e| {
            e.properties.iter().any(|p| {
                p.name == "UID" && p.value.as_deref().is_some_and(|v| v.contains(&uid_part))
            })
        })
        .unwrap();
    let start = event
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .unwrap()
        .value
        .clone()
        .unwrap();
    assert!(start.ends_with('Z'), "{start}");
    let b: u32 = start[9..11].parse().unwrap();
    (a, b)
}

#[tokio::test]
async fn the_calendar_feed_parses_and_keeps_local_times_across_clock_changes() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(
        &app,
        &karim,
        &activity(&[1, 2, 3, 4, 5, 6, 7], "2026-11-23", "2027-12-31"),
    )
    .await;
    assign(
        &app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-23" }),
    )
    .await;
    app.put_as(
        &format!("/api/activities/{}/occurrences/2026-11-25", a.id),
        &json!({ "action": "cancel", "note": "Studiedag" }),
        &karim,
    )
    .await;

    assert_eq!(
        app.get_as("/api/me/calendar", &elsa)
            .await
            .json::<CalendarFeed>(),
        CalendarFeed {
            url: None,
            active: false
        }
    );
    let feed: CalendarFeed = app
        .post_empty_as("/api/me/calendar", Some(&elsa))
        .await
        .json();
    let url = feed.url.unwrap();
    let path = url.strip_prefix("http://lotsen.test").unwrap().to_owned();
    let secret = path.strip_prefix("/api/calendar/").unwrap();
    assert!(secret.len() >= 22, "128 random bits: {path}");
    assert!(!path.to_lowercase().contains("elsa") && !path.contains('@'));
    assert!(
        app.get_as("/api/me/calendar", &elsa)
            .await
            .json::<CalendarFeed>()
            .active
    );

    let r = app.get(&path).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = r.text().to_owned();
    assert!(!ics.contains("Elsa"), "no personal data in the feed");
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    let events: Vec<_> = calendar.events().collect();
    assert!(!events.is_empty());
    // Cancelled occurrences are cancelled events; every other one has a reminder.
    let uid = format!("activity-{}-2026-11-25@lotsen.test", a.id);
    let cancelled = events
        .iter()
        .find(|e| e.get_uid() == Some(uid.as_str()))
        .unwrap();
    assert_eq!(
        cancelled.get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
    let planned = events
        .iter()
        .find(|e| e.get_uid() == Some(format!("activity-{}-2026-11-26@lotsen.test", a.id).as_str()))
        .unwrap();
    assert_eq!(planned.get_summary(), Some("Jobbsök"));
    assert_eq!(planned.get_location(), Some("Lotsen, rum 3"));
    assert!(
        planned
            .components()
            .iter()
            .any(|c| c.component_kind() == "VALARM"),
        "a reminder"
    );
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let parsed = parser.next().unwrap().unwrap();
    assert_eq!(parsed.events.len(), events.len());
    assert!(
        parsed
            .events
            .iter()
            .filter(|e| e
                .properties
                .iter()
                .any(|p| p.name == "STATUS" && p.value.as_deref() == Some("CONFIRMED")))
            .all(|e| e.alarms.len() == 1)
    );
    // UIDs are stable: the same on the next fetch.
    let again = app.get(&path).await.text().to_owned();
    assert!(again.contains(&uid));
    // Winter time in November: 09:00 is 08:00 UTC.
    assert_eq!(start_hours(&ics, "2026-11-26"), (8, 8));

    // Four months on: the last Sunday of March 2027 (the 28th).
    app.advance(Duration::from_secs(119 * 24 * 3600)); // 2027-03-22
    let ics = app.get(&path).await.text().to_owned();
    assert_eq!(start_hours(&ics, "2027-03-27"), (8, 8), "Saturday, CET");
    assert_eq!(
        start_hours(&ics, "2027-03-28"),
        (7, 7),
        "Sunday, CEST from 03:00"
    );
    assert_eq!(start_hours(&ics, "2027-03-29"), (7, 7), "Monday, CEST");
    // The last Sunday of October 2027 (the 31st).
    app.advance(Duration::from_secs(217 * 24 * 3600)); // 2027-10-25
    let ics = app.get(&path).await.text().to_owned();
    assert_eq!(start_hours(&ics, "2027-10-30"), (7, 7), "Saturday, CEST");
    assert_eq!(
        start_hours(&ics, "2027-10-31"),
        (8, 8),
        "Sunday, CET from 03:00"
    );
    assert_eq!(start_hours(&ics, "2027-11-01"), (8, 8), "Monday, CET");
}

/// `20261123T130000Z` for an RFC 3339 time with an offset.
fn ics_utc(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&chrono::Utc)
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

#[tokio::test]
async fn the_calendar_feed_has_the_young_persons_bookings() {
    let app = TestApp::with_demo().await;
    let elsa = app.demo(ELSA).await;
    // The demo's study counselling with Sven Berg (server/src/booking.rs, seed_demo).
    let types: Vec<SessionType> = app
        .get_as(
            "/api/booking/session-types?profession=study_counsellor",
            &elsa,
        )
        .await
        .json();
    let counselling = types.iter().find(|t| !t.group).unwrap();
    let free: FreeTimes = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times", counselling.id),
            &elsa,
        )
        .await
        .json();
    let times: Vec<_> = free.days.iter().flat_map(|d| d.times.iter()).collect();
    let book = |time: &lotsen_api::booking::FreeTime| {
        json!({
            "session_type_id": counselling.id,
            "staff_id": time.staff_id,
            "starts_at": time.starts_at,
            "note": "Privat anteckning till Sven",
        })
    };
    let r = app
        .post_as("/api/me/bookings", &book(times[0]), Some(&elsa))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let kept: Booking = r.json();
    let r = app
        .post_as(
            "/api/me/bookings",
            &book(times[times.len() - 1]),
            Some(&elsa),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let cancelled: Booking = r.json();
    let r = app
        .post_empty_as(
            &format!("/api/me/bookings/{}/cancel", cancelled.id),
            Some(&elsa),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());

    let feed: CalendarFeed = app
        .post_empty_as("/api/me/calendar", Some(&elsa))
        .await
        .json();
    let path = feed
        .url
        .unwrap()
        .strip_prefix("http://lotsen.test")
        .unwrap()
        .to_owned();
    let r = app.get(&path).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let ics = r.text().to_owned();
    assert!(!ics.contains("Privat anteckning"), "the note is for Sven");
    assert!(!ics.contains("Elsa"), "no personal data in the feed");

    // One parser: the booking is a confirmed event with its reminder, at its
    // time in UTC; the cancelled one is cancelled, without a reminder.
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    let event = |id: i64| {
        let uid = format!("booking-{id}@lotsen.test");
        calendar
            .events()
            .find(|e| e.get_uid() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("no event {uid}"))
    };
    let booked = event(kept.id);
    assert_eq!(booked.get_status(), Some(icalendar::EventStatus::Confirmed));
    assert_eq!(
        booked.get_summary(),
        Some("Studie- och yrkesvägledning – Sven Berg")
    );
    assert!(
        booked
            .components()
            .iter()
            .any(|c| c.component_kind() == "VALARM"),
        "a reminder"
    );
    let gone = event(cancelled.id);
    assert_eq!(gone.get_status(), Some(icalendar::EventStatus::Cancelled));
    assert!(
        !gone
            .components()
            .iter()
            .any(|c| c.component_kind() == "VALARM")
    );

    // The other parser agrees, to the second.
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let parsed = parser.next().unwrap().expect("ical parses the feed");
    let property = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    let find = |id: i64| {
        let uid = format!("booking-{id}@lotsen.test");
        parsed
            .events
            .iter()
            .find(|e| property(e, "UID").as_deref() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("ical: no event {uid}"))
    };
    let booked = find(kept.id);
    assert_eq!(property(booked, "STATUS").as_deref(), Some("CONFIRMED"));
    assert_eq!(property(booked, "DTSTART"), Some(ics_utc(&kept.starts_at)));
    assert_eq!(property(booked, "DTEND"), Some(ics_utc(&kept.ends_at)));
    assert_eq!(booked.alarms.len(), 1);
    let gone = find(cancelled.id);
    assert_eq!(property(gone, "STATUS").as_deref(), Some("CANCELLED"));
    assert_eq!(
        property(gone, "DTSTART"),
        Some(ics_utc(&cancelled.starts_at))
    );
    assert!(gone.alarms.is_empty());
}

#[tokio::test]
async fn a_regenerated_or_revoked_feed_answers_404() {
    let app = TestApp::with_demo().await;
    let elsa = app.demo(ELSA).await;
    let path = |f: CalendarFeed| {
        f.url
            .unwrap()
            .strip_prefix("http://lotsen.test")
            .unwrap()
            .to_owned()
    };
    let first = path(
        app.post_empty_as("/api/me/calendar", Some(&elsa))
            .await
            .json(),
    );
    let logs = crate::helpers::LogCapture::start();
    assert_eq!(app.get(&first).await.status, 200);
    let logged = logs.text();
    drop(logs);
    let secret = first.strip_prefix("/api/calendar/").unwrap();
    assert!(logged.contains("/api/calendar/{token}"), "{logged}");
    assert!(
        !logged.contains(secret),
        "the secret is never logged: {logged}"
    );
    let second = path(
        app.post_empty_as("/api/me/calendar", Some(&elsa))
            .await
            .json(),
    );
    assert_ne!(first, second);
    app.get(&first)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    assert_eq!(app.get(&second).await.status, 200);
    assert_eq!(delete_as(&app, "/api/me/calendar", &elsa).await.status, 204);
    app.get(&second)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    assert!(
        !app.get_as("/api/me/calendar", &elsa)
            .await
            .json::<CalendarFeed>()
            .active
    );
    app.get("/api/calendar/AAAAAAAAAAAAAAAAAAAAAA")
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    app.get(&format!("/api/calendar/{}", "A".repeat(500)))
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    // Only a hash is stored.
    let secret = second.strip_prefix("/api/calendar/").unwrap();
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM calendar_feeds WHERE token_hash = '{secret}'"
        ))
        .await,
        0
    );
}

#[tokio::test]
async fn concurrent_renewals_leave_one_working_feed() {
    let app = TestApp::with_demo().await;
    let elsa = app.demo(ELSA).await;
    let renew = || app.post_empty_as("/api/me/calendar", Some(&elsa));
    let (a, b, c, d) = tokio::join!(renew(), renew(), renew(), renew());
    let mut working = 0;
    for r in [a, b, c, d] {
        assert_eq!(r.status, 200, "{}", r.text());
        let feed: CalendarFeed = r.json();
        let path = feed.url.unwrap().replace("http://lotsen.test", "");
        if app.get(&path).await.status == 200 {
            working += 1;
        }
    }
    assert_eq!(working, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM calendar_feeds WHERE revoked_at IS NULL")
            .await,
        1
    );
}

#[tokio::test]
async fn cant_come_to_a_moved_occurrence_by_the_date_it_is_shown_on() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(&app, &karim, &activity(&[1], "2026-11-01", "2027-01-31")).await;
    assign(
        &app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-01" }),
    )
    .await;
    app.put_as(
        &format!("/api/activities/{}/occurrences/2026-11-23", a.id),
        &json!({ "action": "move", "date": "2026-11-27", "start": "13:00", "end": "15:00" }),
        &karim,
    )
    .await;
    // The schedule shows it on Friday; "can't come" on that date.
    let path = format!("/api/me/schedule/absences/{}/2026-11-27", a.id);
    let r = app
        .put_as(&path, &json!({ "reason": "Jobbintervju" }), &elsa)
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    let item = week.items.iter().find(|i| i.activity_id == a.id).unwrap();
    assert_eq!(
        (item.date.to_string(), item.absence.as_deref()),
        ("2026-11-27".into(), Some("Jobbintervju"))
    );
    // Staff see it on the occurrence (listed at its planned date).
    let list: Vec<Occurrence> = app
        .get_as(
            &format!(
                "/api/activities/{}/occurrences?from=2026-11-23&to=2026-11-23",
                a.id
            ),
            &karim,
        )
        .await
        .json();
    assert_eq!(list[0].absent[0].reason.as_deref(), Some("Jobbintervju"));
    // Withdrawn by the same date.
    assert_eq!(delete_as(&app, &path, &elsa).await.status, 204);
    let week = my_week(&app, &elsa, "2026-11-23", "2026-11-29").await;
    assert!(week.items.iter().all(|i| i.absence.is_none()));
}

/// A title stored before the text check (or by hand) with a carriage return,
/// CR LF and the characters RFC 5545 escapes: the feed parses with both
/// parsers, the title comes back whole (line breaks as LF), and no line of
/// the feed is a property the title started.
#[tokio::test]
async fn the_calendar_feed_escapes_carriage_returns_and_specials_in_titles() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let a = create(
        &app,
        &karim,
        &activity(&[1, 2, 3, 4, 5], "2026-11-23", "2026-12-31"),
    )
    .await;
    assign(
        &app,
        &karim,
        elsa_id,
        json!({ "activity_id": a.id, "from_date": "2026-11-23" }),
    )
    .await;
    let title = "Jobb\rDTSTART:19700101T000000Z\r\nX-INJECTED:1;a,b\\c";
    let place = "Rum\r3\r\nLOCATION:elsewhere";
    let description = "Rad 1\rX-DESC-INJECTED:1\r\nRad 3";
    app.execute(&format!(
        "UPDATE activities SET title = '{}', place = '{}', description = '{}' WHERE id = {}",
        title.replace('\'', "''"),
        place.replace('\'', "''"),
        description.replace('\'', "''"),
        a.id
    ))
    .await
    .unwrap();
    let feed: CalendarFeed = app
        .post_empty_as("/api/me/calendar", Some(&elsa))
        .await
        .json();
    let path = feed
        .url
        .unwrap()
        .strip_prefix("http://lotsen.test")
        .unwrap()
        .to_owned();
    let r = app.get(&path).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let ics = r.text().to_owned();

    // No line, however a parser splits lines (CR LF, LF or a bare CR), starts
    // a property from the texts.
    for line in ics.split(['\r', '\n']) {
        for injected in [
            "DTSTART:1970",
            "X-INJECTED",
            "LOCATION:elsewhere",
            "X-DESC-INJECTED",
        ] {
            assert!(!line.starts_with(injected), "{line:?} in\n{ics}");
        }
    }
    assert!(
        !ics.replace("\r\n", "").contains('\r'),
        "a bare CR in\n{ics}"
    );

    let expected_title = "Jobb\nDTSTART:19700101T000000Z\nX-INJECTED:1;a,b\\c";
    let expected_place = "Rum\n3\nLOCATION:elsewhere";
    let expected_description = "Rad 1\nX-DESC-INJECTED:1\nRad 3";
    let uid = format!("activity-{}-2026-11-24@lotsen.test", a.id);

    let calendar: icalendar::Calendar = ics.parse().expect("icalendar parses the feed");
    let event = calendar
        .events()
        .find(|e| e.get_uid() == Some(uid.as_str()))
        .expect("the event");
    assert_eq!(event.get_summary(), Some(expected_title));
    assert_eq!(event.get_location(), Some(expected_place));
    assert_eq!(event.get_description(), Some(expected_description));
    assert_eq!(
        event
            .properties()
            .keys()
            .filter(|k| *k == "DTSTART")
            .count(),
        1
    );

    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let parsed = parser.next().unwrap().expect("ical parses the feed");
    assert!(parser.next().is_none(), "one calendar");
    let event = parsed
        .events
        .iter()
        .find(|e| {
            e.properties
                .iter()
                .any(|p| p.name == "UID" && p.value.as_deref() == Some(uid.as_str()))
        })
        .expect("ical: the event");
    let names: Vec<&str> = event.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| **n == "DTSTART").count(),
        1,
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.starts_with("X-")),
        "no injected property: {names:?}"
    );
    let raw = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap()
    };
    // `ical` leaves the escapes as they are: the whole escaped text is one value.
    assert_eq!(
        raw("SUMMARY"),
        "Jobb\\nDTSTART:19700101T000000Z\\nX-INJECTED:1\\;a\\,b\\\\c"
    );
    assert_eq!(raw("LOCATION"), "Rum\\n3\\nLOCATION:elsewhere");
}
