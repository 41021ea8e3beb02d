//! Ratings and the feedback view, one behaviour per file: what a young person
//! may rate and for how long (one rating per person and occurrence, also under
//! concurrency, changeable for 7 days), sessions once attended, the staff's
//! report (no group under five shown, leaders made only of shown groups), the
//! CSV export, anonymous ratings that no response, filter or export traces
//! back, and "you said, we did" answers that participants see.
//! Today is Monday 2026-11-23, noon.

mod anonymity;
mod rating;
mod report;
mod sessions;

use axum::http::StatusCode;
use lotsen_api::feedback::{FeedbackReport, MyRatings};
use lotsen_api::schedule::Activity;
use serde_json::{Value, json};

use crate::helpers::{ANNA, Session, TestApp, TestResponse};

/// A daily activity from 16 November, led by `leader`, to which the
/// administrator has assigned `youth` from then.
pub async fn daily(
    app: &TestApp,
    staff: &Session,
    title: &str,
    leader: Option<i64>,
    youth: &[i64],
) -> i64 {
    let body = json!({
        "title": title, "description": "", "place": "Lotsen", "kind": "other", "leader_id": leader, "capacity": null,
        "recurrence": { "weekdays": [1, 2, 3, 4, 5, 6, 7], "start_time": "09:00", "end_time": "10:00",
                        "first_date": "2026-11-16", "last_date": "2026-12-31" }
    });
    let activity: Activity = app
        .post_as("/api/activities", &body, Some(staff))
        .await
        .assert_status(201)
        .json();
    let anna = app.demo(ANNA).await;
    for y in youth {
        app.post_as(
            &format!("/api/youth/{y}/assignments"),
            &json!({ "activity_id": activity.id, "from_date": "2026-11-16" }),
            Some(&anna),
        )
        .await
        .assert_status(201);
    }
    activity.id
}

/// `who` rates the occurrence of `activity` on `date`; the response as it is.
pub async fn rate(
    app: &TestApp,
    who: &Session,
    activity: i64,
    date: &str,
    body: Value,
) -> TestResponse {
    app.put_as(
        &format!("/api/me/ratings/activities/{activity}/{date}"),
        &body,
        who,
    )
    .await
}

/// The status of `who` giving the occurrence of `activity` on `date` a bare `score`.
pub async fn rating_status(
    app: &TestApp,
    who: &Session,
    activity: i64,
    date: &str,
    score: u8,
) -> StatusCode {
    let body = json!({ "score": score });
    rate(app, who, activity, date, body).await.status
}

/// The feedback report of `term` as `staff` sees it.
pub async fn report(app: &TestApp, staff: &Session, term: &str) -> FeedbackReport {
    app.get_as(&format!("/api/feedback?term={term}"), staff)
        .await
        .assert_status(200)
        .json()
}

/// What the young person may rate, and their ratings.
pub async fn my_ratings(app: &TestApp, youth: &Session) -> MyRatings {
    app.get_as("/api/me/ratings", youth).await.json()
}
