//! What a young person may rate: what they were expected at, once it is over
//! (not cancelled, not "can't come"), one rating per occurrence (also when
//! sent at once), changeable for seven days from the first rating.

use std::time::Duration;

use axum::http::Method;
use lotsen_api::feedback::MyRating;
use lotsen_api::{ErrorBody, ErrorCode};
use serde_json::json;

use super::{daily, my_ratings, rate, rating_status};
use crate::helpers::{ELSA, KARIM, OMAR, Session, TestApp, json_request, message};

/// Karim's daily "Jobbklubb" since 16 November, Elsa assigned to it: the app,
/// Karim, Elsa and the activity.
async fn elsa_in_a_daily_activity() -> (TestApp, Session, Session, i64) {
    let app = TestApp::with_demo().await;
    let [karim, elsa] = app.demos([KARIM, ELSA]).await;
    let elsa_id = app.account_id(ELSA).await;
    let activity = daily(&app, &karim, "Jobbklubb", None, &[elsa_id]).await;
    (app, karim, elsa, activity)
}

#[tokio::test]
async fn a_young_person_rates_what_they_were_expected_at_and_changes_it() {
    let (app, _, elsa, activity) = elsa_in_a_daily_activity().await;
    let mine = my_ratings(&app, &elsa).await;
    assert_eq!(mine.today.to_string(), "2026-11-23");
    let dates: Vec<String> = mine
        .items
        .iter()
        .filter(|i| i.activity_id == Some(activity))
        .map(|i| i.date.to_string())
        .collect();
    // 16 to 23 November: today's was over at 10:00, it is noon.
    assert_eq!(dates.first().map(String::as_str), Some("2026-11-23"));
    assert_eq!(dates.last().map(String::as_str), Some("2026-11-16"));
    assert_eq!(dates.len(), 8);
    assert!(
        mine.items
            .iter()
            .all(|i| i.rating.is_none() && i.changeable)
    );

    let first: MyRating = rate(
        &app,
        &elsa,
        activity,
        "2026-11-22",
        json!({ "score": 4, "comment": "Bra!" }),
    )
    .await
    .assert_status(200)
    .json();
    assert_eq!(
        (first.score, first.comment.as_deref(), first.anonymous),
        (4, Some("Bra!"), false)
    );
    let changed: MyRating = rate(
        &app,
        &elsa,
        activity,
        "2026-11-22",
        json!({ "score": 2, "anonymous": true }),
    )
    .await
    .json();
    assert_eq!(
        (changed.score, changed.comment, changed.anonymous),
        (2, None, true)
    );
    assert_eq!(
        changed.changeable_until, first.changeable_until,
        "the window runs from the first rating"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ratings WHERE youth_id IS NULL")
            .await,
        1
    );
    let mine = my_ratings(&app, &elsa).await;
    let rated = mine
        .items
        .iter()
        .find(|i| i.date.to_string() == "2026-11-22" && i.activity_id == Some(activity))
        .unwrap();
    assert_eq!(
        rated.rating.as_ref().map(|r| (r.score, r.anonymous)),
        Some((2, true))
    );
}

#[tokio::test]
async fn only_what_was_expected_is_over_and_took_place_can_be_rated() {
    let (app, karim, elsa, activity) = elsa_in_a_daily_activity().await;
    // What she was not expected at, what is not over, bad input.
    let omar = app.demo(OMAR).await;
    for (who, date, status) in [
        (&omar, "2026-11-22", 404),
        (&elsa, "2026-11-24", 404),
        (&elsa, "2026-11-15", 404),
        (&elsa, "22-11-2026", 400),
    ] {
        let response = rate(&app, who, activity, date, json!({ "score": 3 })).await;
        assert_eq!(response.status, status, "{date}");
    }
    let bad = rate(
        &app,
        &elsa,
        activity,
        "2026-11-21",
        json!({ "score": 6, "comment": "x".repeat(501) }),
    )
    .await;
    let body = bad.assert_error(ErrorCode::Validation, "sv");
    let fields: Vec<(&str, &str)> = crate::helpers::field_codes(&body);
    assert_eq!(fields, vec![("score", "score"), ("comment", "too_long")]);
    // Cancelled, or "can't come": nothing to rate.
    app.put_as(
        &format!("/api/activities/{activity}/occurrences/2026-11-20"),
        &json!({ "action": "cancel" }),
        &karim,
    )
    .await
    .assert_status(200);
    assert_eq!(
        rating_status(&app, &elsa, activity, "2026-11-20", 3).await,
        404
    );
    let absent = app
        .put_as(
            &format!("/api/me/schedule/absences/{activity}/2026-11-24"),
            &json!({ "reason": "Sjuk" }),
            &elsa,
        )
        .await;
    assert_eq!(absent.status, 204);
    app.advance_signed_in(Duration::from_secs(24 * 3600)).await;
    assert_eq!(
        rating_status(&app, &elsa, activity, "2026-11-24", 3).await,
        404
    );
}

#[tokio::test]
async fn a_rating_is_changeable_for_seven_days_from_the_first() {
    let (app, _, elsa, activity) = elsa_in_a_daily_activity().await;
    rate(&app, &elsa, activity, "2026-11-22", json!({ "score": 4 }))
        .await
        .assert_status(200);
    // Six days after: still changeable; eight days after: locked.
    app.advance_signed_in(Duration::from_secs(6 * 24 * 3600))
        .await;
    assert_eq!(
        rating_status(&app, &elsa, activity, "2026-11-22", 5).await,
        200
    );
    app.advance_signed_in(Duration::from_secs(2 * 24 * 3600))
        .await;
    let locked = rate(&app, &elsa, activity, "2026-11-22", json!({ "score": 1 })).await;
    assert_eq!(locked.status, 409);
    let body: ErrorBody = locked.json();
    assert_eq!(
        (body.code, body.fields[0].code.as_str()),
        (ErrorCode::Conflict, "rating_locked")
    );
    assert_eq!(body.message, message("sv", "rating_locked"));
    let mine = my_ratings(&app, &elsa).await;
    let rated = mine
        .items
        .iter()
        .find(|i| i.date.to_string() == "2026-11-22" && i.activity_id == Some(activity))
        .unwrap();
    assert_eq!(
        (rated.rating.as_ref().unwrap().score, rated.changeable),
        (5, false)
    );
    // A new occurrence can still be rated.
    assert_eq!(
        rating_status(&app, &elsa, activity, "2026-11-30", 4).await,
        200
    );
}

#[tokio::test]
async fn concurrent_first_ratings_of_one_occurrence_make_one_rating() {
    let (app, _, elsa, activity) = elsa_in_a_daily_activity().await;
    let path = format!("/api/me/ratings/activities/{activity}/2026-11-22");
    let requests = (0..8u8)
        .map(|i| {
            let body = json!({ "score": 1 + i % 5, "anonymous": i % 2 == 0 });
            json_request(Method::PUT, &path, &body, &elsa)
        })
        .collect();
    for (status, body) in app.concurrently(requests).await {
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 1);
}
