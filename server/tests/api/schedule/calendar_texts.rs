//! Texts in the calendar feed are escaped: no carriage return or special
//! character in a title starts a property of its own.

use std::io::BufReader;

use icalendar::{Component, EventLike};

use super::{ElsaAssigned, start_feed};
use crate::helpers::TestApp;

/// Writes an activity's texts directly: the text check refuses carriage
/// returns, but a title stored before it (or by hand) may hold them.
async fn store_texts_no_request_may_write(
    app: &TestApp,
    activity: i64,
    title: &str,
    place: &str,
    description: &str,
) {
    let quoted = |text: &str| text.replace('\'', "''");
    app.execute(&format!(
        "UPDATE activities SET title = '{}', place = '{}', description = '{}' WHERE id = {activity}",
        quoted(title),
        quoted(place),
        quoted(description),
    ))
    .await
    .unwrap();
}

/// A title stored before the text check (or by hand) with a carriage return,
/// CR LF and the characters RFC 5545 escapes: the feed parses with both
/// parsers, the title comes back whole (line breaks as LF), and no line of
/// the feed is a property the title started.
#[tokio::test]
async fn the_calendar_feed_escapes_carriage_returns_and_specials_in_titles() {
    let ElsaAssigned {
        app,
        elsa,
        activity: a,
        ..
    } = ElsaAssigned::new(&[1, 2, 3, 4, 5], "2026-11-23", "2026-12-31", "2026-11-23").await;
    let title = "Jobb\rDTSTART:19700101T000000Z\r\nX-INJECTED:1;a,b\\c";
    let place = "Rum\r3\r\nLOCATION:elsewhere";
    let description = "Rad 1\rX-DESC-INJECTED:1\r\nRad 3";
    store_texts_no_request_may_write(&app, a.id, title, place, description).await;
    let path = start_feed(&app, &elsa).await;
    let r = app.get(&path).await.assert_status(200);
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
