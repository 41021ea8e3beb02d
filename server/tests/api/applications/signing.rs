//! A young person signs their application: alone from 18 (the signing day
//! decides, by the clock), only the text they read (a changed text is 409),
//! with their own password (a wrong one is refused, then limited).

use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_api::application::{Application, ApplicationSaved, ApplicationStatus, EventKind};
use lotsen_api::people::YouthCreated;
use serde_json::json;

use super::{content, draft, get, kinds, sign};
use crate::helpers::{DEMO_PASSWORD, KARIM, OMAR, TestApp, valid_personnummer};

#[tokio::test]
async fn a_19_year_old_signs_alone_and_is_submitted_without_guardians() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, omar] = app.demos([KARIM, OMAR]).await;
    let draft = draft(&app, &karim, app.youth_named("Omar Ali").await).await;
    assert_eq!(draft.status, ApplicationStatus::Draft);
    let outbox_before = app.count("SELECT COUNT(*) FROM outbox").await;

    let signed: Application = sign(&app, &draft, &omar).await.assert_status(200).json();
    assert_eq!(signed.status, ApplicationStatus::Submitted);
    assert!(signed.submitted_at.is_some());
    assert!(signed.guardians.is_empty());
    assert_eq!(signed.signatures.len(), 1);
    assert_eq!(
        kinds(&signed),
        [EventKind::Drafted, EventKind::Signed, EventKind::Submitted]
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox").await,
        outbox_before,
        "no messages"
    );
}

#[tokio::test]
async fn a_17_year_old_who_turns_18_before_signing_signs_alone() {
    let app = TestApp::with_demo_and_email().await; // today is 2026-11-23
    let karim = app.demo(KARIM).await;
    let ida: YouthCreated = app
        .register(
            &karim,
            json!({ "name": "Ida Berg", "personnummer": valid_personnummer(2008, 11, 25, 222), "email": "ida.berg@example.se" }),
        )
        .await;
    app.add_guardian(
        &karim,
        ida.youth.id,
        json!({ "name": "Eva Berg", "email": "eva.berg@example.se" }),
    )
    .await;
    let created = draft(&app, &karim, ida.youth.id).await;
    assert!(
        !created.guardians.is_empty(),
        "under 18 today: the guardians are shown"
    );

    // Ida sets her password from the invitation in her mail.
    let password = "idas-eget-losenord";
    let invitation = app
        .link_sent_to("ida.berg@example.se", "/invitation#")
        .await;
    app.accept(&invitation, password).await;

    // Two days later she is 18: the signing day decides.
    app.advance(Duration::from_secs(2 * 24 * 3600));
    let ida_session = app.session("ida.berg@example.se", password).await;
    let current = get(&app, created.id, &ida_session).await;
    let signed: Application = app
        .post_as(
            &format!("/api/applications/{}/sign", created.id),
            &json!({ "password": password, "read": true, "document_hash": current.document_hash }),
            Some(&ida_session),
        )
        .await
        .assert_status(200)
        .json();
    assert_eq!(signed.status, ApplicationStatus::Submitted);
    assert_eq!(
        app.outbox_to("eva.berg@example.se").await,
        1,
        "only the invitation"
    );
}

#[tokio::test]
async fn signing_a_changed_text_is_409_and_a_wrong_password_is_refused() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, omar] = app.demos([KARIM, OMAR]).await;
    let created = draft(&app, &karim, app.youth_named("Omar Ali").await).await;
    let edited: ApplicationSaved = app
        .put_as(
            &format!("/api/applications/{}", created.id),
            &json!({ "version": created.version, "content": content() }),
            &karim,
        )
        .await
        .json();
    assert!(!edited.signatures_voided);

    let stale = sign(&app, &created, &omar).await;
    let body = stale.assert_error(ErrorCode::Conflict, "sv");
    assert_eq!(body.fields[0].field, "document_hash");
    assert_eq!(body.fields[0].code, "document_changed");

    let path = format!("/api/applications/{}/sign", created.id);
    let not_read = app
        .post_as(
            &path,
            &json!({ "password": DEMO_PASSWORD, "read": false, "document_hash": edited.application.document_hash }),
            Some(&omar),
        )
        .await;
    not_read.assert_field_error(ErrorCode::Validation, "read_required");

    let wrong = json!({ "password": "fel-losenord", "read": true, "document_hash": edited.application.document_hash });
    for _ in 0..5 {
        let response = app.post_as(&path, &wrong, Some(&omar)).await;
        let body = response.assert_error(ErrorCode::Validation, "sv");
        assert_eq!(body.fields[0].field, "password");
        assert_eq!(body.fields[0].code, "password_wrong");
    }
    app.post_as(&path, &wrong, Some(&omar))
        .await
        .assert_status(429);
    assert_eq!(
        get(&app, created.id, &omar).await.status,
        ApplicationStatus::Draft
    );
}
