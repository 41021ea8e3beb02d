//! Free times: from the opening hours, by day and profession, minus what is
//! booked, blocked or too soon, on the wall clock across a clock change; and the
//! validation of opening hours and time off.

use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_api::account::Profession;
use lotsen_api::booking::SessionType;
use serde_json::json;

use super::{Counselling, TUESDAY_9, book, booked, free_times, individual, session_types};
use crate::helpers::{ELSA, OMAR, SVEN, TestApp, field_code};

#[tokio::test]
async fn free_times_follow_the_opening_hours_grouped_by_day() {
    let Counselling { app, t, .. } = Counselling::new().await;
    let elsa = app.demo(ELSA).await;
    let free = free_times(&app, &t, "?days=2", &elsa).await;
    assert_eq!(free.session_type.cancel_hours, 24);
    let today: Vec<&str> = free.days[0]
        .times
        .iter()
        .map(|t| t.starts_at.as_str())
        .collect();
    // Two hours' notice from noon: 14:00 and 15:00 are left today.
    assert_eq!(
        today,
        ["2026-11-23T14:00:00+01:00", "2026-11-23T15:00:00+01:00"]
    );
    assert_eq!(free.days[1].date, "2026-11-24");
    assert_eq!(free.days[1].times[0].starts_at, TUESDAY_9);
    assert_eq!(free.days[1].times[0].staff_name, "Sven Berg");
    assert_eq!(free.days[1].times.len(), 7);
}

#[tokio::test]
async fn session_types_are_chosen_among_by_profession() {
    let Counselling { app, t, .. } = Counselling::new().await;
    let elsa = app.demo(ELSA).await;
    let types = session_types(&app, &elsa, "study_counsellor").await;
    assert!(types.iter().any(|x| x.id == t.id));
    assert!(
        types
            .iter()
            .all(|x| x.profession == Profession::StudyCounsellor)
    );
    let coaching = session_types(&app, &elsa, "job_coach").await;
    assert!(coaching.iter().all(|x| x.id != t.id));
}

#[tokio::test]
async fn a_booked_time_with_its_buffer_is_no_longer_free_and_a_time_never_offered_is_422() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let elsa = app.demo(ELSA).await;
    booked(&app, &elsa, individual(&t, sven_id, TUESDAY_9)).await;
    let omar = app.demo(OMAR).await;
    let free = free_times(&app, &t, &format!("?days=2&staff_id={sven_id}"), &omar).await;
    assert_eq!(
        free.days[1].times[0].starts_at, "2026-11-24T10:00:00+01:00",
        "09:00 is taken"
    );
    // A time that is never offered is 422, not 409.
    let odd = book(
        &app,
        &omar,
        individual(&t, sven_id, "2026-11-24T09:10:00+01:00"),
    )
    .await;
    odd.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(field_code(odd.text()), "booking_not_free");
}

#[tokio::test]
async fn the_demo_staff_offer_free_times_and_a_group_session() {
    let app = TestApp::with_demo_and_email().await;
    let omar = app.demo(OMAR).await;
    let types: Vec<SessionType> = app.get_as("/api/booking/session-types", &omar).await.json();
    let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Jobbcoachning",
            "Studie- och yrkesvägledning",
            "Studiebesök på Komvux"
        ]
    );
    for t in &types {
        let free = free_times(&app, t, "", &omar).await;
        assert!(!free.days.is_empty(), "{}", t.name);
        if t.group {
            assert_eq!(free.days[0].times[0].seats_left, Some(8));
        }
    }
}

#[tokio::test]
async fn opening_hours_stay_on_the_wall_clock_over_the_change_to_summer_time() {
    let Counselling { app, t, .. } = Counselling::new().await;
    // From noon on 23 November 2026 to Sunday 28 March 2027, the day summer time starts.
    app.advance(Duration::from_secs(125 * 24 * 3600));
    let elsa = app.demo(ELSA).await;
    let free = free_times(&app, &t, "?days=1", &elsa).await;
    assert_eq!(free.days[0].date, "2027-03-29");
    assert_eq!(free.days[0].times[0].starts_at, "2027-03-29T09:00:00+02:00");
    assert_eq!(free.days[0].times[0].ends_at, "2027-03-29T09:45:00+02:00");
}

#[tokio::test]
async fn overlapping_or_malformed_opening_hours_are_422_per_window() {
    let app = TestApp::with_demo_and_email().await;
    let sven = app.demo(SVEN).await;
    let hours = app
        .put_as(
            "/api/staff/me/opening-hours",
            &json!({ "windows": [
                { "weekday": "monday", "start": "09:00", "end": "12:00" },
                { "weekday": "monday", "start": "11:00", "end": "13:00" },
                { "weekday": "friday", "start": "25:00", "end": "13:00" }
            ] }),
            &sven,
        )
        .await;
    let body = hours.assert_error(ErrorCode::Validation, "sv");
    let fields: Vec<(&str, &str)> = crate::helpers::field_codes(&body);
    assert!(fields.contains(&("windows[1].start", "booking_hours_overlap")));
    assert!(fields.contains(&("windows[2].start", "booking_time_format")));
}

#[tokio::test]
async fn a_booking_with_a_malformed_time_and_a_long_note_is_422_on_both() {
    let Counselling {
        app, t, sven_id, ..
    } = Counselling::new().await;
    let elsa = app.demo(ELSA).await;
    let note = "x".repeat(501);
    let long = book(
        &app,
        &elsa,
        json!({ "session_type_id": t.id, "staff_id": sven_id, "starts_at": "i morgon", "note": note }),
    )
    .await;
    let body = long.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(body.fields.len(), 2, "{body:?}");
}

#[tokio::test]
async fn time_off_that_ends_before_it_starts_is_422_and_time_off_removes_free_times() {
    let Counselling { app, sven, t, .. } = Counselling::new().await;
    let elsa = app.demo(ELSA).await;
    let time_off = |starts: &str, ends: &str| json!({ "starts_at": format!("2026-11-24T{starts}:00+01:00"), "ends_at": format!("2026-11-24T{ends}:00+01:00"), "reason": "Utbildning" });
    let off = app
        .post_as(
            "/api/staff/me/exceptions",
            &time_off("13:00", "12:00"),
            Some(&sven),
        )
        .await;
    off.assert_error(ErrorCode::Validation, "sv");
    // A blocked afternoon removes the afternoon's free times.
    app.post_as(
        "/api/staff/me/exceptions",
        &time_off("12:00", "17:00"),
        Some(&sven),
    )
    .await
    .assert_status(201);
    let free = free_times(&app, &t, "?days=1", &elsa).await;
    let tuesday: Vec<&str> = free.days[1]
        .times
        .iter()
        .map(|t| &t.starts_at[11..16])
        .collect();
    // 11:00–11:45 and its buffer end at 12:00, when the time off starts.
    assert_eq!(tuesday, ["09:00", "10:00", "11:00"]);
}
