//! No token, link or address reaches the log.

use super::{NEW_PASSWORD, complete, device_cookie, reset_link_for, sara};
use crate::helpers::{DEMO_PASSWORD, ELSA, KARIM, LogCapture, TestApp, token_of};

#[tokio::test]
async fn no_token_link_or_address_reaches_the_log() {
    let app = TestApp::with_demo().await;
    let logs = LogCapture::start();
    let signed_in = app.sign_in(KARIM, DEMO_PASSWORD).await;
    let karim = signed_in.session();
    let device = device_cookie(&signed_in);
    let created = app.register(&karim, sara()).await;
    let invitation = created.invitation.link.clone().unwrap();
    app.accept(&invitation, "saras-eget-losenord").await;
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    app.post_empty_as(
        &format!("/api/youth/{elsa_id}/password-reset"),
        Some(&karim),
    )
    .await;
    let reset = reset_link_for(&app, ELSA, ELSA).await;
    assert_eq!(complete(&app, &reset, NEW_PASSWORD).await.status, 204);
    app.sign_in(ELSA, "fel-losenord").await;
    app.session(ELSA, NEW_PASSWORD).await;
    let logged = logs.text();
    drop(logs);
    assert!(
        logged.contains("/api/auth/password-reset"),
        "the capture works: {logged}"
    );
    let secrets = [
        token_of(&invitation),
        invitation.clone(),
        reset.clone(),
        "/password-reset#".to_owned(),
        "/invitation#".to_owned(),
        karim.token().to_owned(),
        device.split_once('=').unwrap().1.to_owned(),
        "sara.lind@example.se".to_owned(),
        ELSA.to_owned(),
        KARIM.to_owned(),
    ];
    for secret in secrets {
        assert!(
            !logged.contains(&secret),
            "{secret} is in the log:\n{logged}"
        );
    }
}
