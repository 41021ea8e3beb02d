//! Staff send a reset to the young person's own address and never see the
//! link; the development outbox (which shows links) is for staff only, with
//! `--dev-outbox` and without SMTP.

use lotsen_api::ErrorCode;
use lotsen_api::account::PasswordResetAccepted;
use lotsen_server::Settings;
use serde_json::json;

use super::{NEW_PASSWORD, complete, messages_to, reset_token};
use crate::helpers::{ELSA, KARIM, SVEN, TestApp, valid_personnummer};

#[tokio::test]
async fn staff_send_a_reset_to_the_young_persons_own_address_and_never_see_the_link() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    let path = format!("/api/youth/{elsa_id}/password-reset");
    let sent = app
        .post_empty_as(&path, Some(&karim))
        .await
        .assert_status(202);
    assert!(!sent.text().contains("password-reset#"), "{}", sent.text());
    assert!(sent.json::<PasswordResetAccepted>().accepted);
    let messages = messages_to(&app, ELSA, "Återställ", 1).await;
    let token = reset_token(&messages[0]);
    // Staff who may not see her record cannot send one either.
    let sven = app.demo(SVEN).await;
    app.post_empty_as(&path, Some(&sven))
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE youth_id = {elsa_id} AND action = 'send_password_reset'"
        ))
        .await,
        1
    );
    // Only Elsa, with her own e-mail, can use it.
    assert_eq!(complete(&app, &token, NEW_PASSWORD).await.status, 204);
    app.session(ELSA, NEW_PASSWORD).await;
    // Someone with a phone number only cannot be sent one (no SMS yet).
    let nils = app
        .register(
            &karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2009, 1, 2, 345), "phone": "070-765 43 21" }),
        )
        .await;
    let no_email = app
        .post_empty_as(
            &format!("/api/youth/{}/password-reset", nils.youth.id),
            Some(&karim),
        )
        .await;
    no_email.assert_field_error(ErrorCode::Validation, "reset_no_email");
}

#[tokio::test]
async fn the_dev_outbox_is_for_staff_only_with_dev_outbox_and_without_smtp() {
    let app = TestApp::with_demo().await;
    // A real deployment (no `--dev-outbox`): staff never see the outbox, whose
    // reset links would let them take over an account.
    let karim = app.demo(KARIM).await;
    app.get_as("/api/dev/outbox", &karim)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
    let mut settings = Settings::new("http://lotsen.test");
    settings.dev_outbox = true;
    let app = app.with_settings(settings);
    let karim = app.demo(KARIM).await;
    app.get_as("/api/dev/outbox", &karim)
        .await
        .assert_status(200);
    let elsa = app.demo(ELSA).await;
    app.get_as("/api/dev/outbox", &elsa)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
    app.get("/api/dev/outbox")
        .await
        .assert_error(ErrorCode::Unauthenticated, "sv");
    let mut settings = Settings::new("http://lotsen.test");
    settings.email_delivery = true;
    settings.dev_outbox = true;
    let app = app.with_settings(settings);
    let karim = app.demo(KARIM).await;
    app.get_as("/api/dev/outbox", &karim)
        .await
        .assert_error(ErrorCode::NotFound, "sv");
}
