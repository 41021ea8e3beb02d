//! One horizon for individual times and group sessions (`SessionRules`): a
//! session type bookable N days ahead offers, lists and books times up to
//! midnight, Swedish time, after the Nth day, whether it is an individual
//! time or a seat in a group session, and over a clock change (last Sunday
//! of March, 02:00 → 03:00; last Sunday of October, 03:00 → 02:00) as on
//! any other day.
//!
//! Each case puts the last bookable day before, on and after the change: a
//! group session at 23:30 on that day is listed and bookable, one at 00:30
//! the next day is neither, and the individual times end at 23:30 that day.

use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::Date;
use lotsen_api::booking::{
    DEFAULT_DAYS_AHEAD, FreeTimes, GroupSession, MAX_DAYS_AHEAD, MIN_DAYS_AHEAD, SessionType,
};
use serde_json::{Value, json};

use crate::helpers::{ELSA, OMAR, SVEN, Session, TestApp, today};

const JOHANNA: &str = "johanna.lind@lotsen.example";

/// An instant at a Swedish wall-clock time.
fn swedish(day: Date, hour: i8, minute: i8) -> Timestamp {
    day.at(hour, minute, 0, 0)
        .to_zoned(jiff::tz::TimeZone::get("Europe/Stockholm").unwrap())
        .unwrap()
        .timestamp()
}

/// The demo people, the clock moved on to noon (Swedish time) on `day`.
async fn app_on(day: Date) -> TestApp {
    let app = TestApp::with_demo().await;
    let start: Date = today().to_string().parse().unwrap();
    let by = swedish(day, 12, 0).as_second() - swedish(start, 12, 0).as_second();
    app.advance(Duration::from_secs(by.try_into().unwrap()));
    app
}

async fn created<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    path: &str,
    body: Value,
    who: &Session,
) -> T {
    let response = app.post_as(path, &body, Some(who)).await;
    assert_eq!(response.status, 201, "{path}: {}", response.text());
    response.json()
}

/// The start of every time listed for `t`, as seen by `who`.
async fn listed(app: &TestApp, t: &SessionType, who: &Session) -> Vec<Timestamp> {
    let response = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times", t.id),
            who,
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let free: FreeTimes = response.json();
    free.days
        .iter()
        .flat_map(|d| &d.times)
        .map(|t| t.starts_at.parse().unwrap())
        .collect()
}

/// The status and field code of booking `body` as `who`.
async fn book(app: &TestApp, who: &Session, body: Value) -> (u16, String) {
    let response = app.post_as("/api/me/bookings", &body, Some(who)).await;
    let code = if response.status == 201 {
        String::new()
    } else {
        let v: Value = response.json();
        v["fields"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    (response.status.as_u16(), code)
}

/// For each number of days ahead and the last day it reaches: individual
/// times (Sven, every evening 23:00–24:00) and group sessions (Johanna) end
/// at the same instant, midnight after the last day.
async fn same_horizon(now: Date, cases: &[(u32, Date)]) {
    let app = app_on(now).await;
    let sven = app.demo(SVEN).await;
    let johanna = app.demo(JOHANNA).await;
    let omar = app.demo(OMAR).await;
    let elsa = app.demo(ELSA).await;
    let evenings: Vec<Value> = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .map(|d| json!({ "weekday": d, "start": "23:00", "end": "24:00" }))
    .collect();
    let saved = app
        .put_as(
            "/api/staff/me/opening-hours",
            &json!({ "windows": evenings }),
            &sven,
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    for &(days, last) in cases {
        let next = last.tomorrow().unwrap();
        let (late, after) = (swedish(last, 23, 30), swedish(next, 0, 30));
        let single: SessionType = created(
            &app,
            "/api/booking/session-types",
            json!({ "name": format!("Kvällssamtal {days}"), "profession": "study_counsellor",
                    "length_minutes": 30, "bookable_days_ahead": days }),
            &sven,
        )
        .await;
        let group_type: SessionType = created(
            &app,
            "/api/booking/session-types",
            json!({ "name": format!("Kvällsträff {days}"), "profession": "job_coach",
                    "length_minutes": 30, "bookable_days_ahead": days, "group": true }),
            &johanna,
        )
        .await;
        let mut groups = Vec::new();
        for at in [late, after] {
            let g: GroupSession = created(
                &app,
                "/api/booking/group-sessions",
                json!({ "session_type_id": group_type.id, "starts_at": at.to_string(), "seats": 5 }),
                &johanna,
            )
            .await;
            groups.push(g.id);
        }
        // Listed: both kinds end at 23:30 on the last day.
        let individual = listed(&app, &single, &omar).await;
        assert_eq!(individual.last(), Some(&late), "{days} days: individual");
        assert_eq!(
            listed(&app, &group_type, &omar).await,
            [late],
            "{days} days: group sessions"
        );
        // Booked: the same instant decides.
        let seat = |id: i64| json!({ "session_type_id": group_type.id, "group_session_id": id });
        assert_eq!(
            book(&app, &omar, seat(groups[1])).await,
            (422, "booking_not_free".to_owned()),
            "{days} days: a seat after the horizon"
        );
        assert_eq!(
            book(&app, &omar, seat(groups[0])).await.0,
            201,
            "{days} days: a seat on the last day"
        );
        let sven_id = app
            .count(&format!("SELECT id FROM accounts WHERE email = '{SVEN}'"))
            .await;
        let time = |at: Timestamp| json!({ "session_type_id": single.id, "staff_id": sven_id, "starts_at": at.to_string() });
        assert_eq!(
            book(&app, &elsa, time(swedish(next, 23, 0))).await,
            (422, "booking_not_free".to_owned()),
            "{days} days: a time after the horizon"
        );
        assert_eq!(
            book(&app, &elsa, time(late)).await.0,
            201,
            "{days} days: a time on the last day"
        );
    }
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[tokio::test]
async fn group_sessions_share_the_horizon_over_the_march_change() {
    // Summer time starts at 02:00 on Sunday 28 March 2027; the clock stands
    // at noon on Monday 22 March.
    same_horizon(
        date("2027-03-22"),
        &[
            (5, date("2027-03-27")),
            (6, date("2027-03-28")),
            (7, date("2027-03-29")),
        ],
    )
    .await;
}

#[tokio::test]
async fn group_sessions_share_the_horizon_over_the_october_change() {
    // Winter time starts at 03:00 on Sunday 31 October 2027; the clock stands
    // at noon on Tuesday 26 October.
    same_horizon(
        date("2027-10-26"),
        &[
            (4, date("2027-10-30")),
            (5, date("2027-10-31")),
            (6, date("2027-11-01")),
        ],
    )
    .await;
}

#[tokio::test]
async fn the_default_and_the_range_of_days_ahead_are_the_api_crates() {
    let (app, sven) = TestApp::with_demo_signed_in(SVEN).await;
    let t: SessionType = created(
        &app,
        "/api/booking/session-types",
        json!({ "name": "Samtal", "profession": "study_counsellor", "length_minutes": 30 }),
        &sven,
    )
    .await;
    assert_eq!(t.bookable_days_ahead, DEFAULT_DAYS_AHEAD);
    let spec: Value = app.get("/api/openapi.json").await.json();
    let field =
        &spec["components"]["schemas"]["SessionTypeInput"]["properties"]["bookable_days_ahead"];
    assert_eq!(field["minimum"].as_f64(), Some(f64::from(MIN_DAYS_AHEAD)));
    assert_eq!(field["maximum"].as_f64(), Some(f64::from(MAX_DAYS_AHEAD)));
}
