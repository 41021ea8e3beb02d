//! Booking sessions (issue 7).

use lotsen::i18n::Locale;
use lotsen::pages::booking::{clock, day_of, need_label, stockholm_time, time_range};
use lotsen::pages::schedule::youth::{Entry, bookings_between, merge};
use lotsen_api::account::Profession;
use lotsen_api::booking::{Booking, MyBookings};
use wasm_bindgen_test::*;

use crate::support::d;

#[wasm_bindgen_test]
fn times_read_as_swedish_wall_clock() {
    let (start, end) = ("2026-11-24T09:00:00+01:00", "2026-11-24T09:45:00+01:00");
    assert_eq!(clock(start), "09:00");
    assert_eq!(day_of(start), Some(d("2026-11-24")));
    assert_eq!(time_range(start, end), "09:00–09:45");
    assert_eq!(
        need_label(Profession::StudyCounsellor, Locale::sv),
        "Välja utbildning – studie- och yrkesvägledare"
    );
    // Typed times get the offset Sweden has on that day.
    assert_eq!(
        stockholm_time(d("2026-11-24"), "09:00").as_deref(),
        Some("2026-11-24T09:00:00+01:00")
    );
    assert_eq!(
        stockholm_time(d("2027-06-01"), "13:30").as_deref(),
        Some("2027-06-01T13:30:00+02:00")
    );
    assert_eq!(stockholm_time(d("2027-06-01"), "25:00"), None);
}

fn booking(id: i64, status: &str, starts_at: &str) -> Booking {
    serde_json::from_str(&format!(
        r#"{{"id":{id},"status":"{status}","session_type_id":1,"session_type_name":"Studievägledning",
        "profession":"study_counsellor","staff_id":2,"staff_name":"Sven Berg","youth_id":3,"youth_name":"Omar Ali",
        "starts_at":"{starts_at}","ends_at":"{starts_at}","note":null,"group_session_id":null,"place":null,
        "change_deadline":"{starts_at}","can_change":true,"hold_expires_at":null,"cancel_message":null,
        "cancelled_by_staff":false}}"#
    ))
    .unwrap()
}

#[wasm_bindgen_test]
fn the_schedule_shows_booked_sessions_in_time_order() {
    let mine = MyBookings {
        upcoming: vec![
            booking(1, "booked", "2026-11-25T13:30:00+01:00"),
            booking(2, "booked", "2026-12-07T09:00:00+01:00"),
        ],
        offers: vec![booking(3, "offered", "2026-11-25T08:00:00+01:00")],
        past: vec![
            booking(4, "cancelled", "2026-11-24T10:00:00+01:00"),
            booking(5, "attended", "2026-11-23T10:00:00+01:00"),
        ],
        waitlist: Vec::new(),
    };
    let shown = bookings_between(mine, d("2026-11-23"), d("2026-11-29"));
    let ids: Vec<i64> = shown.iter().map(|b| b.id).collect();
    assert_eq!(ids, [5, 1], "not cancelled, not offered, not next week");

    let item: lotsen_api::schedule::ScheduleItem = serde_json::from_str(
        r#"{"activity_id":4,"date":"2026-11-25","start":"13:00","end":"15:00","title":"Studierum",
        "place":"Biblioteket","kind":"study_room","leader_name":null,"status":"scheduled",
        "moved_from":null,"note":null,"absence":null}"#,
    )
    .unwrap();
    let mut late = item.clone();
    late.start = "14:00".into();
    let day = merge(vec![item, late], vec![shown[1].clone()]);
    let starts: Vec<&str> = day.iter().map(Entry::start).collect();
    assert_eq!(starts, ["13:00", "13:30", "14:00"]);
    assert!(matches!(day[1], Entry::Booked(_)));
}
