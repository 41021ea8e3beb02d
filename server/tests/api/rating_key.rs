//! The secret behind the anonymous ratings' keys lives in a key file, not in
//! the database: a dump cannot re-link a rating to its author, and the young
//! person still finds and changes their own rating across restarts.

use lotsen_api::feedback::MyRatings;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::helpers::{ELSA, KARIM, TestApp};

/// Elsa rates her individual meeting of last Thursday anonymously; the
/// meeting's id and the rating path.
async fn elsa_rates(app: &TestApp, score: u8) -> (i64, String) {
    let karim = app.demo(KARIM).await;
    let meeting = app.individual_meeting(&karim).await;
    let path = format!("/api/me/ratings/activities/{meeting}/2026-11-19");
    let elsa = app.demo(ELSA).await;
    app.put_as(&path, &json!({ "score": score, "anonymous": true }), &elsa)
        .await
        .assert_status(200);
    (meeting, path)
}

/// Elsa's own rating of the meeting, as she sees it.
async fn elsas_score(app: &TestApp, meeting: i64) -> Option<u8> {
    let elsa = app.demo(ELSA).await;
    let mine: MyRatings = app.get_as("/api/me/ratings", &elsa).await.json();
    mine.items
        .iter()
        .find(|r| r.activity_id == Some(meeting) && r.date.to_string() == "2026-11-19")
        .expect("the meeting is rateable")
        .rating
        .as_ref()
        .map(|r| r.score)
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn stored_key(app: &TestApp) -> String {
    let keys: Vec<String> = app.texts("SELECT rater_key FROM ratings").await;
    assert_eq!(keys.len(), 1);
    keys[0].clone()
}

#[tokio::test]
async fn a_rating_key_cannot_be_recomputed_from_the_database_alone() {
    let app = TestApp::with_demo().await;
    let (meeting, _) = elsa_rates(&app, 4).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let key = stored_key(&app).await;
    // Everything the database holds that could be a secret: the old secret
    // table (empty) and every value of app_meta.
    assert_eq!(app.count("SELECT COUNT(*) FROM rating_secret").await, 0);
    let mut candidates = vec![String::new()];
    let meta: Vec<String> = app.texts("SELECT value FROM app_meta").await;
    candidates.extend(meta);
    let subject = format!("activity:{meeting}:2026-11-19");
    for secret in &candidates {
        assert_ne!(sha256_hex(&format!("{secret}\n{elsa_id}\n{subject}")), key);
        assert_ne!(sha256_hex(&format!("{secret}{elsa_id}{subject}")), key);
    }
    // The server, with its key file, still finds it as Elsa's.
    assert_eq!(elsas_score(&app, meeting).await, Some(4));
}

#[cfg(unix)]
#[tokio::test]
async fn the_key_file_is_made_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let app = TestApp::new().await;
    let path = app.keys.path().join("rating.key");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().next().unwrap().len(), 64);
    // A nested default location is made too, owner-only.
    let nested = app.keys.path().join("a/b/rating.key");
    crate::helpers::internals::load_rating_key(&app.state.db, &nested)
        .await
        .unwrap();
    let mode = std::fs::metadata(&nested).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[tokio::test]
async fn after_a_restart_with_the_same_key_file_a_rating_is_still_changeable() {
    let app = TestApp::with_demo().await;
    let (meeting, path) = elsa_rates(&app, 4).await;
    let key_file = app.keys.path().join("rating.key");
    let app = app.restarted(&key_file).await;
    assert_eq!(elsas_score(&app, meeting).await, Some(4));
    let elsa = app.demo(ELSA).await;
    app.put_as(&path, &json!({ "score": 2 }), &elsa)
        .await
        .assert_status(200);
    assert_eq!(elsas_score(&app, meeting).await, Some(2));
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 1);

    // With another key file the rating is no longer anyone's.
    let other = app.keys.path().join("other.key");
    let app = app.restarted(&other).await;
    assert_eq!(elsas_score(&app, meeting).await, None);
}

#[tokio::test]
async fn a_database_with_the_secret_inside_is_rekeyed_at_start_and_the_secret_removed() {
    let app = TestApp::with_demo().await;
    let (meeting, _) = elsa_rates(&app, 3).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    // As the server before the key file left it: the secret in the database,
    // the key SHA-256 over it.
    let secret = "5e".repeat(32);
    let legacy = sha256_hex(&format!(
        "{secret}\n{elsa_id}\nactivity:{meeting}:2026-11-19"
    ));
    app.execute(&format!(
        "INSERT INTO rating_secret (id, secret) VALUES (1, '{secret}')"
    ))
    .await
    .unwrap();
    app.execute(&format!("UPDATE ratings SET rater_key = '{legacy}'"))
        .await
        .unwrap();
    let key_file = app.keys.path().join("upgraded.key");
    let app = app.restarted(&key_file).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM rating_secret").await, 0);
    assert_ne!(stored_key(&app).await, legacy);
    assert_eq!(elsas_score(&app, meeting).await, Some(3), "still hers");
    let text = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(text.lines().nth(1), Some(secret.as_str()));
    // A second start changes nothing more.
    let before = stored_key(&app).await;
    let app = app.restarted(&key_file).await;
    assert_eq!(stored_key(&app).await, before);
    assert_eq!(elsas_score(&app, meeting).await, Some(3));
}
