//! An invitation never replaces a password: re-inviting an account that has
//! one is refused (and writes nothing), and an old invitation cannot replace a
//! password set meanwhile.

use axum::http::Method;
use lotsen_api::ErrorCode;
use lotsen_api::account::InvitationSent;
use serde_json::json;

use super::sara;
use crate::helpers::internals::hash_password;
use crate::helpers::{ANNA, APP_HEADER, KARIM, TestApp, message, request, token_of};

/// Gives an account a password directly in the database. No request sets one
/// while the account's invitation is open (a reinvitation replaces it), but an
/// old invitation must still find the password there: one set by an earlier
/// version, or by hand.
async fn set_password_outside_the_app(app: &TestApp, account: i64, password: &str) {
    let hash = hash_password(password);
    app.execute(&format!(
        "UPDATE accounts SET password_hash = '{hash}' WHERE id = {account}"
    ))
    .await
    .unwrap();
}

#[tokio::test]
async fn reinviting_an_account_that_has_a_password_is_refused() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let created = app.register(&karim, sara()).await;
    let path = format!("/api/youth/{}/invitation", created.youth.id);
    // Before the invitation is accepted a new one may replace it.
    let again = app
        .post_empty_as(&path, Some(&karim))
        .await
        .assert_status(201);
    let link = again.json::<InvitationSent>().link.unwrap();
    app.accept(&link, "saras-eget-losenord").await;

    for lang in ["sv", "en"] {
        let refused = app
            .send(request(
                Method::POST,
                &path,
                &[
                    APP_HEADER,
                    ("cookie", &karim.cookie),
                    ("accept-language", lang),
                ],
                axum::body::Body::empty(),
            ))
            .await;
        let body = refused.assert_error(ErrorCode::PasswordAlreadySet, lang);
        assert_eq!(body.message, message(lang, "password_already_set"));
    }
    let anna = app.demo(ANNA).await;
    app.post_empty_as(&path, Some(&anna))
        .await
        .assert_error(ErrorCode::PasswordAlreadySet, "sv");
    // Nothing was written: no new invitation, no audit entry of one.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM invitations WHERE account_id = {}",
            created.youth.id
        ))
        .await,
        2
    );
    app.session("sara.lind@example.se", "saras-eget-losenord")
        .await;
}

#[tokio::test]
async fn an_old_invitation_cannot_replace_a_password_set_meanwhile() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let created = app.register(&karim, sara()).await;
    let link = created.invitation.link.unwrap();
    set_password_outside_the_app(&app, created.youth.id, "saras-eget-losenord").await;
    let sara = app
        .session("sara.lind@example.se", "saras-eget-losenord")
        .await;
    let token = token_of(&link);
    app.post_as("/api/invitations/inspect", &json!({ "token": token }), None)
        .await
        .assert_error(ErrorCode::PasswordAlreadySet, "sv");
    app.post_as(
        "/api/invitations/accept",
        &json!({ "token": token, "password": "nagon-annans-losenord" }),
        None,
    )
    .await
    .assert_error(ErrorCode::PasswordAlreadySet, "sv");
    assert!(app.me(&sara).await.is_ok(), "her session goes on");
    app.session("sara.lind@example.se", "saras-eget-losenord")
        .await;
}
