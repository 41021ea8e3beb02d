//! Editing a signed application voids its signatures (also when the edit and
//! a signature come at once); the stored hash is the document's.

use lotsen_api::ErrorCode;
use lotsen_api::application::{Application, ApplicationSaved, ApplicationStatus, EventKind};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{content, cosign, draft, get, kinds, sign};
use crate::helpers::{ELSA, KARIM, MARIA, OMAR, PER, TestApp};

#[tokio::test]
async fn editing_a_signed_application_voids_its_signatures_and_the_stored_hash_is_the_documents() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, elsa, maria] = app.demos([KARIM, ELSA, MARIA]).await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    let signed: Application = sign(&app, &created, &elsa).await.json();
    let seen = get(&app, created.id, &maria).await;
    assert_eq!(cosign(&app, &seen, &maria).await.status, 200);

    // The stored hash is SHA-256 of the canonical document GET returns.
    let stored: Vec<String> = app
        .texts("SELECT document_hash FROM application_signatures")
        .await;
    let computed: String = Sha256::digest(signed.document.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(stored, [computed.clone(), computed.clone()]);
    assert_eq!(signed.document_hash, computed);
    assert!(
        signed.document.contains("Alströmergymnasiet") && signed.document.contains("Elsa Nilsson")
    );

    let mut changed = content();
    changed["interests"] = json!("Musik, fotboll och film");
    let saved: ApplicationSaved = app
        .put_as(
            &format!("/api/applications/{}", created.id),
            &json!({ "version": signed.version, "content": changed }),
            &elsa,
        )
        .await
        .assert_status(200)
        .json();
    assert!(saved.signatures_voided);
    assert_eq!(saved.application.status, ApplicationStatus::Draft);
    assert!(saved.application.signatures.is_empty());
    assert_ne!(saved.application.document_hash, signed.document_hash);
    assert_eq!(
        kinds(&saved.application)[3..],
        [EventKind::Edited, EventKind::SignaturesVoided]
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM application_signatures WHERE voided_at IS NULL")
            .await,
        0
    );
    // Per may not co-sign the old text, and the old version is stale.
    let per = app.demo(PER).await;
    assert_eq!(cosign(&app, &seen, &per).await.status, 404, "a draft again");
    let stale = app
        .put_as(
            &format!("/api/applications/{}", created.id),
            &json!({ "version": signed.version, "content": content() }),
            &karim,
        )
        .await;
    stale.assert_field_error(ErrorCode::Conflict, "application_changed");
    // An edit of an unsigned draft voids nothing.
    let again: ApplicationSaved = app
        .put_as(
            &format!("/api/applications/{}", created.id),
            &json!({ "version": saved.application.version, "content": content() }),
            &karim,
        )
        .await
        .json();
    assert!(!again.signatures_voided);
}

#[tokio::test]
async fn a_concurrent_edit_and_signature_never_leave_a_signature_on_an_edited_document() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, omar] = app.demos([KARIM, OMAR]).await;
    let omar_id = app.youth_named("Omar Ali").await;
    for _ in 0..3 {
        let created = draft(&app, &karim, omar_id).await;
        let mut changed = content();
        changed["interests"] = json!("Något annat");
        let path = format!("/api/applications/{}", created.id);
        let body = json!({ "version": created.version, "content": changed });
        let edit = app.put_as(&path, &body, &karim);
        let (signed, edited) = tokio::join!(sign(&app, &created, &omar), edit);
        assert!(
            signed.status == 200 || signed.status == 409,
            "{}",
            signed.text()
        );
        assert_eq!(edited.status, 200, "{}", edited.text());
        let now = get(&app, created.id, &omar).await;
        // Whatever the order: no valid signature on a version other than the current one.
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM application_signatures s JOIN applications a ON a.id = s.application_id \
                 WHERE a.id = {} AND s.voided_at IS NULL AND s.version <> a.version",
                created.id
            ))
            .await,
            0
        );
        assert_eq!(
            now.status,
            ApplicationStatus::Draft,
            "the edit came last either way or voided"
        );
        assert!(now.signatures.is_empty());
    }
}
