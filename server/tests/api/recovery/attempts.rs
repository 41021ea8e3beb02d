//! One re-entry count per account: wrong passwords when changing the
//! password, signing and co-signing all count together.

use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_api::application::Application;
use serde_json::json;

use super::{Limited, NEW_PASSWORD};
use crate::helpers::{DEMO_PASSWORD, ELSA, KARIM, PER, Session, TestApp};

#[tokio::test]
async fn changing_the_password_signing_and_cosigning_share_one_attempt_count() {
    let app = TestApp::with_demo().await;
    let [karim, elsa, per] = app.demos([KARIM, ELSA, PER]).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let application: Application = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": elsa_id, "content": {
                "situation": "nothing", "last_school": "", "school_status": "dropped_out",
                "help_with": ["work"], "contact_by": "email",
                "consents": { "school": true, "social_services": false, "employment_service": false, "youth_clinic": false }
            } }),
            Some(&karim),
        )
        .await
        .json();
    let change = |session: &Session, current: &str| {
        let body = json!({ "current_password": current, "new_password": NEW_PASSWORD });
        let session = session.clone();
        let app = &app;
        async move { app.post_as("/api/me/password", &body, Some(&session)).await }
    };
    let sign_path = format!("/api/applications/{}/sign", application.id);
    let sign = |password: &str| json!({ "password": password, "read": true, "document_hash": application.document_hash });
    for _ in 0..3 {
        change(&elsa, "fel-losenord")
            .await
            .assert_error(ErrorCode::Validation, "sv");
    }
    for _ in 0..2 {
        app.post_as(&sign_path, &sign("fel-losenord"), Some(&elsa))
            .await
            .assert_error(ErrorCode::Validation, "sv");
    }
    change(&elsa, DEMO_PASSWORD).await.assert_limited();
    app.post_as(&sign_path, &sign(DEMO_PASSWORD), Some(&elsa))
        .await
        .assert_limited();
    // Slowed down, not locked: a second later the right password works.
    app.advance(Duration::from_secs(1));
    app.post_as(&sign_path, &sign(DEMO_PASSWORD), Some(&elsa))
        .await
        .assert_status(200);

    // Per's wrong current passwords count against his co-signing.
    for _ in 0..5 {
        change(&per, "fel-losenord")
            .await
            .assert_error(ErrorCode::Validation, "sv");
    }
    app.post_as(
        &format!("/api/applications/{}/cosign", application.id),
        &json!({ "password": DEMO_PASSWORD, "read": true, "document_hash": application.document_hash }),
        Some(&per),
    )
    .await
    .assert_limited();
}
