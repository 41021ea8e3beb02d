//! The calendar feed parses with two independent parsers, keeps local times
//! across both clock changes, and carries the young person's bookings (not
//! their notes).

use std::io::BufReader;
use std::time::Duration;

use icalendar::{Component, EventLike};
use lotsen_api::booking::{Booking, FreeTime, FreeTimes};
use lotsen_api::schedule::CalendarFeed;
use serde_json::json;

use super::{ElsaAssigned, change_occurrence, start_feed};
use crate::booking::session_types;
use crate::helpers::{ELSA, TestApp};

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
    let ElsaAssigned {
        app,
        karim,
        elsa,
        activity: a,
        ..
    } = ElsaAssigned::new(
        &[1, 2, 3, 4, 5, 6, 7],
        "2026-11-23",
        "2027-12-31",
        "2026-11-23",
    )
    .await;
    change_occurrence(
        &app,
        &karim,
        a.id,
        "2026-11-25",
        json!({ "action": "cancel", "note": "Studiedag" }),
    )
    .await
    .assert_status(200);

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

    let r = app.get(&path).await.assert_status(200);
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
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    // The demo's study counselling with Sven Berg (server/src/booking.rs, seed_demo).
    let types = session_types(&app, &elsa, "study_counsellor").await;
    let counselling = types.iter().find(|t| !t.group).unwrap();
    let free: FreeTimes = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times", counselling.id),
            &elsa,
        )
        .await
        .json();
    let times: Vec<_> = free.days.iter().flat_map(|d| d.times.iter()).collect();
    let book = |time: &FreeTime| {
        json!({
            "session_type_id": counselling.id,
            "staff_id": time.staff_id,
            "starts_at": time.starts_at,
            "note": "Privat anteckning till Sven",
        })
    };
    let book = async |time| -> Booking {
        app.post_as("/api/me/bookings", &book(time), Some(&elsa))
            .await
            .assert_status(201)
            .json()
    };
    let kept = book(times[0]).await;
    let cancelled = book(times[times.len() - 1]).await;
    app.post_empty_as(
        &format!("/api/me/bookings/{}/cancel", cancelled.id),
        Some(&elsa),
    )
    .await
    .assert_status(200);

    let path = start_feed(&app, &elsa).await;
    let r = app.get(&path).await.assert_status(200);
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
