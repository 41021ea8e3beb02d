//! The calendar feed's address is its secret: a renewed or revoked one
//! answers 404, the secret is never logged and only its hash is stored, and
//! renewals at once leave one working feed.

use lotsen_api::ErrorCode;
use lotsen_api::schedule::CalendarFeed;

use super::start_feed;
use crate::helpers::{ELSA, LogCapture, TestApp};

#[tokio::test]
async fn a_regenerated_or_revoked_feed_answers_404() {
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
    let first = start_feed(&app, &elsa).await;
    let logs = LogCapture::start();
    assert_eq!(app.get(&first).await.status, 200);
    let logged = logs.text();
    drop(logs);
    let secret = first.strip_prefix("/api/calendar/").unwrap();
    assert!(logged.contains("/api/calendar/{token}"), "{logged}");
    assert!(
        !logged.contains(secret),
        "the secret is never logged: {logged}"
    );
    let second = start_feed(&app, &elsa).await;
    assert_ne!(first, second);
    app.get(&first)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    assert_eq!(app.get(&second).await.status, 200);
    assert_eq!(app.delete_as("/api/me/calendar", &elsa).await.status, 204);
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
    let (app, elsa) = TestApp::with_demo_signed_in(ELSA).await;
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
