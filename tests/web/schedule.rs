//! The schedule (issue 6).

use lotsen::api::ApiError;
use lotsen::format::{day_label, week_label, weekday_short};
use lotsen::i18n::Locale;
use lotsen::pages::schedule::calendar::webcal;
use lotsen::pages::schedule::calendar_math::{add_days, group_by_day, minutes, monday, week_days};
use lotsen::pages::schedule::youth::{Shown, after_load};
use lotsen_api::date::{days_between, weekday_number as weekday};
use lotsen_api::{Date, Lang};
use wasm_bindgen_test::*;

use crate::support::d;

#[wasm_bindgen_test]
fn days_count_from_1970_both_ways() {
    let days = |date| days_between(d("1970-01-01"), date);
    let from_days = |n| Some(add_days(d("1970-01-01"), n));
    assert_eq!(days(d("1970-01-01")), 0);
    assert_eq!(days(d("2000-03-01")), 11_017);
    assert_eq!(days(d("1969-12-31")), -1);
    for s in [
        "2024-02-29",
        "2026-12-31",
        "2027-01-01",
        "1600-03-01",
        "9999-12-31",
        "0001-01-01",
    ] {
        assert_eq!(from_days(days(d(s))), Some(d(s)), "{s}");
    }
    assert_eq!(add_days(d("2026-12-31"), 1), d("2027-01-01"));
    assert_eq!(add_days(d("2028-03-01"), -1), d("2028-02-29"), "leap year");
    assert_eq!(add_days(d("2026-03-29"), -7), d("2026-03-22"));
    assert_eq!(
        add_days(d("9999-12-31"), 1),
        d("9999-12-31"),
        "past the calendar's end"
    );
}

#[wasm_bindgen_test]
fn weeks_run_monday_to_sunday() {
    assert_eq!(weekday(d("2026-11-23")), 1, "a Monday");
    assert_eq!(weekday(d("2026-11-29")), 7, "a Sunday");
    assert_eq!(weekday(d("1970-01-01")), 4, "a Thursday");
    assert_eq!(
        monday(d("2026-11-29")),
        d("2026-11-23"),
        "Sunday belongs to the week before"
    );
    assert_eq!(monday(d("2026-11-23")), d("2026-11-23"));
    assert_eq!(
        monday(d("2027-01-01")),
        d("2026-12-28"),
        "across the new year"
    );
    let week = week_days(d("2026-03-23"));
    assert_eq!(week[0], d("2026-03-23"));
    assert_eq!(
        week[6],
        d("2026-03-29"),
        "the week of the clock change is seven days"
    );
}

#[wasm_bindgen_test]
fn iso_week_numbers() {
    use chrono::Datelike;
    let iso_week = |date: Date| date.iso_week().week();
    assert_eq!(iso_week(d("2026-11-23")), 48);
    assert_eq!(iso_week(d("2026-01-01")), 1, "a Thursday: week 1");
    assert_eq!(
        iso_week(d("2027-01-01")),
        53,
        "a Friday: the last week of 2026"
    );
    assert_eq!(iso_week(d("2020-12-31")), 53);
    assert_eq!(iso_week(d("2024-12-30")), 1, "a Monday in week 1 of 2025");
    assert_eq!(week_label(d("2026-11-23"), Locale::sv), "Vecka 48");
    assert_eq!(week_label(d("2026-11-23"), Locale::en), "Week 48");
}

#[wasm_bindgen_test]
fn items_group_by_day_in_date_order() {
    let items = vec![
        ("2026-11-24", "a"),
        ("2026-11-23", "b"),
        ("2026-11-24", "c"),
    ];
    let groups = group_by_day(items, |(day, _)| d(day));
    let summary: Vec<(String, Vec<&str>)> = groups
        .into_iter()
        .map(|(day, list)| (day.to_string(), list.into_iter().map(|(_, x)| x).collect()))
        .collect();
    assert_eq!(
        summary,
        [
            ("2026-11-23".to_string(), vec!["b"]),
            ("2026-11-24".to_string(), vec!["a", "c"]),
        ],
        "kept in their order within a day"
    );
    assert!(group_by_day(Vec::<Date>::new(), |x| *x).is_empty());
}

#[wasm_bindgen_test]
fn times_and_day_names() {
    assert_eq!(minutes("09:30"), Some(570));
    assert_eq!(minutes("23:59"), Some(1439));
    for bad in ["24:00", "9:30", "09:60", "0930", "xx:yy"] {
        assert_eq!(minutes(bad), None, "{bad}");
    }
    assert_eq!(weekday_short(1, Locale::sv), "mån");
    assert_eq!(weekday_short(7, Locale::en), "Sun");
    assert_eq!(day_label(d("2026-11-23"), Locale::sv), "måndag 23 november");
    assert_eq!(day_label(d("2026-11-23"), Locale::en), "Monday 23 November");
}

fn item(status: &str, moved_from: Option<&str>) -> lotsen_api::schedule::ScheduleItem {
    let moved_from = moved_from
        .map(|s| format!(r#"{{"date":"{s}","start":"09:00","end":"12:00"}}"#))
        .unwrap_or_else(|| "null".into());
    serde_json::from_str(&format!(
        r#"{{"activity_id":4,"date":"2026-11-25","start":"13:00","end":"15:00","title":"Studierum",
        "place":"Biblioteket","kind":"study_room","leader_name":"Sven Berg","status":"{status}",
        "moved_from":{moved_from},"note":null,"absence":null}}"#
    ))
    .unwrap()
}

#[wasm_bindgen_test]
fn changes_are_marked_cancelled_or_moved_with_where_from() {
    use lotsen::pages::schedule::{StatusLabel, kind_label, status_label};
    assert_eq!(
        status_label(&item("scheduled", None)),
        StatusLabel::AsPlanned
    );
    assert_eq!(
        status_label(&item("cancelled", None)),
        StatusLabel::Cancelled
    );
    assert_eq!(
        status_label(&item("moved", Some("2026-11-24"))),
        StatusLabel::Moved {
            from_date: d("2026-11-24"),
            from_start: "09:00".into()
        },
        "shown at the new time, with the old one"
    );
    assert_eq!(
        status_label(&item("moved", None)),
        StatusLabel::Moved {
            from_date: d("2026-11-25"),
            from_start: "13:00".into()
        }
    );
    for kind in lotsen_api::schedule::ActivityKind::ALL {
        assert_ne!(
            kind_label(kind, Locale::sv),
            kind_label(kind, Locale::en),
            "{kind:?}"
        );
    }
    assert_eq!(
        kind_label(lotsen_api::schedule::ActivityKind::StudyRoom, Locale::sv),
        "Studierum"
    );
}

/// A week without items, as the server sends it.
fn empty_week() -> lotsen_api::schedule::Schedule {
    serde_json::from_str(
        r#"{"from":"2026-11-23","to":"2026-11-29","generated_at":1795000000,"items":[]}"#,
    )
    .unwrap()
}

#[wasm_bindgen_test]
fn the_kept_schedule_is_forgotten_on_sign_out() {
    use lotsen::pages::schedule::offline;
    let kept = empty_week();
    let mut with_item = kept.clone();
    with_item.items.push(item("cancelled", None));
    offline::save(&with_item);
    assert_eq!(offline::load(), Some(with_item), "kept as it was");
    lotsen::session::forget_offline_data();
    assert_eq!(offline::load(), None, "gone after sign-out");
}

#[wasm_bindgen_test]
fn the_calendar_link_opens_in_the_calendar_app() {
    assert_eq!(
        webcal("https://lotsen.example/api/calendar/abc"),
        "webcal://lotsen.example/api/calendar/abc"
    );
    assert_eq!(
        webcal("http://127.0.0.1:8080/api/calendar/abc"),
        "webcal://127.0.0.1:8080/api/calendar/abc"
    );
}

#[wasm_bindgen_test]
fn offline_shows_the_kept_schedule_only_when_the_network_is_gone() {
    let kept = empty_week();
    let network = ApiError::network(Lang::Sv);
    assert_eq!(
        after_load(Err(network.clone()), Some(kept.clone())),
        Ok(Shown::Offline(kept.clone()))
    );
    assert_eq!(after_load(Err(network.clone()), None), Err(network));
    let signed_out = ApiError::from_response(
        401,
        r#"{"status":401,"code":"unauthenticated","message":"Logga in.","fields":[]}"#,
        Lang::Sv,
    );
    assert_eq!(
        after_load(Err(signed_out.clone()), Some(kept.clone())),
        Err(signed_out),
        "a session that has ended shows nothing kept"
    );
    assert_eq!(after_load(Ok(kept.clone()), None), Ok(Shown::Live(kept)));
}

/// A booking as the server sends it, starting at `starts_at`.
fn booking(starts_at: &str) -> lotsen_api::booking::Booking {
    serde_json::from_str(&format!(
        r#"{{"id":1,"status":"attended","session_type_id":1,"session_type_name":"Samtal",
        "profession":"study_counsellor","staff_id":2,"staff_name":"Sven Berg","youth_id":3,
        "youth_name":"Omar Ali","starts_at":"{starts_at}","ends_at":"{starts_at}","note":null,
        "group_session_id":null,"place":null,"change_deadline":"{starts_at}","can_change":false,
        "hold_expires_at":null,"cancel_message":null,"cancelled_by_staff":false}}"#
    ))
    .unwrap()
}

#[wasm_bindgen_test]
fn today_asks_for_ratings_only_when_yesterday_had_something() {
    use lotsen::pages::schedule::youth::may_rate_yesterday;
    // Wednesday 25 November: yesterday (the 24th) is in the week read.
    let day = d("2026-11-25");
    let live = |items| {
        let mut week = empty_week();
        week.items = items;
        Ok(Shown::Live(week))
    };
    let none = Ok(Vec::new());
    assert_eq!(
        may_rate_yesterday(day, None, Some(&none)),
        None,
        "the week not read yet"
    );
    assert_eq!(
        may_rate_yesterday(day, Some(&live(vec![])), None),
        None,
        "the bookings not read yet"
    );
    assert_eq!(
        may_rate_yesterday(day, Some(&live(vec![])), Some(&none)),
        Some(false),
        "nothing yesterday: no read of the ratings"
    );
    assert_eq!(
        may_rate_yesterday(day, Some(&live(vec![item("scheduled", None)])), Some(&none)),
        Some(false),
        "an activity today only"
    );
    let mut yesterdays = item("scheduled", None);
    yesterdays.date = d("2026-11-24");
    assert_eq!(
        may_rate_yesterday(day, Some(&live(vec![yesterdays])), Some(&none)),
        Some(true),
        "an activity yesterday"
    );
    let booked = Ok(vec![booking("2026-11-24T10:00:00+01:00")]);
    assert_eq!(
        may_rate_yesterday(day, Some(&live(vec![])), Some(&booked)),
        Some(true),
        "a session yesterday"
    );
    // Monday: yesterday lies in the week before, which Today does not read.
    assert_eq!(
        may_rate_yesterday(d("2026-11-23"), Some(&live(vec![])), Some(&none)),
        Some(true)
    );
    let offline = Ok(Shown::Offline(empty_week()));
    assert_eq!(
        may_rate_yesterday(day, Some(&offline), Some(&none)),
        Some(true)
    );
    let failed = Err(ApiError::network(Lang::Sv));
    assert_eq!(
        may_rate_yesterday(day, Some(&live(vec![])), Some(&failed)),
        Some(true)
    );
}
