//! Signing and co-signing an application with a passkey, bound to the text:
//! the stored assertion verifies against the stored public key and the
//! document hash, now and later, and not once the document or the hash is
//! changed.

use lotsen_api::ErrorCode;
use lotsen_api::application::{Application, ApplicationStatus, SignatureMethod};
use lotsen_api::passkey::{PasskeyChallenge, b64url};
use serde_json::json;

use super::authenticator::SoftPasskey;
use super::register;
use crate::applications::{draft, get};
use crate::helpers::{ELSA, KARIM, MARIA, Session, TestApp, TestResponse};

/// The challenge for signing `application`'s text as `session`.
async fn challenge(app: &TestApp, application: &Application, session: &Session) -> TestResponse {
    app.post_as(
        &format!("/api/applications/{}/passkey-challenge", application.id),
        &json!({ "document_hash": application.document_hash }),
        Some(session),
    )
    .await
}

/// `action` (sign or cosign) with `device`'s answer to a new challenge.
async fn sign_with(
    app: &TestApp,
    application: &Application,
    session: &Session,
    device: &mut SoftPasskey,
    action: &str,
) -> TestResponse {
    let challenge: PasskeyChallenge = challenge(app, application, session)
        .await
        .assert_status(200)
        .json();
    assert_eq!(challenge.allow_credentials, [b64url::encode(&device.id)]);
    let passkey =
        json!({ "ceremony": challenge.ceremony, "credential": device.get(&challenge.challenge) });
    app.post_as(
        &format!("/api/applications/{}/{action}", application.id),
        &json!({ "read": true, "document_hash": application.document_hash, "passkey": passkey }),
        Some(session),
    )
    .await
}

#[tokio::test]
async fn a_passkey_signature_verifies_against_the_stored_key_and_text_and_not_once_changed() {
    let app = TestApp::with_demo().await;
    let [karim, elsa, maria] = app.demos([KARIM, ELSA, MARIA]).await;
    let (mut device, _) = register(&app, &elsa, "Min telefon").await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;

    let signed: Application = sign_with(&app, &created, &elsa, &mut device, "sign")
        .await
        .assert_status(200)
        .json();
    assert_eq!(signed.status, ApplicationStatus::WaitingForGuardians);
    let signature = &signed.signatures[0];
    assert_eq!(signature.method, SignatureMethod::Passkey);
    assert_eq!(signature.passkey_verified, Some(true));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM application_signature_passkeys")
            .await,
        1
    );

    // A guardian co-signs with a passkey of their own.
    let (mut marias, _) = register(&app, &maria, "Marias telefon").await;
    let seen = get(&app, created.id, &maria).await;
    let cosigned: Application = sign_with(&app, &seen, &maria, &mut marias, "cosign")
        .await
        .assert_status(200)
        .json();
    assert!(
        cosigned
            .signatures
            .iter()
            .all(|s| s.method == SignatureMethod::Passkey && s.passkey_verified == Some(true))
    );

    // Removing the passkey later leaves the evidence (the key is copied).
    let passkeys: Vec<lotsen_api::passkey::Passkey> =
        app.get_as("/api/me/passkeys", &elsa).await.json();
    app.delete_as(&format!("/api/me/passkeys/{}", passkeys[0].id), &elsa)
        .await
        .assert_status(204);
    let verified = |a: &Application| a.signatures[0].passkey_verified;
    assert_eq!(verified(&get(&app, created.id, &karim).await), Some(true));

    // The hash in the signature record changed: it no longer verifies.
    let original = signature.document_hash.clone();
    app.execute(&format!(
        "UPDATE application_signatures SET document_hash = '{}' WHERE signer_id = {}",
        "0".repeat(64),
        signed.youth_id
    ))
    .await
    .unwrap();
    assert_eq!(verified(&get(&app, created.id, &karim).await), Some(false));
    app.execute(&format!(
        "UPDATE application_signatures SET document_hash = '{original}' WHERE signer_id = {}",
        signed.youth_id
    ))
    .await
    .unwrap();
    assert_eq!(verified(&get(&app, created.id, &karim).await), Some(true));

    // The document changed behind the signature's back: it no longer verifies.
    app.execute(&format!(
        "UPDATE applications SET content = replace(content, 'Musik', 'Matte') WHERE id = {}",
        created.id
    ))
    .await
    .unwrap();
    let read = get(&app, created.id, &karim).await;
    assert_ne!(read.document_hash, original);
    assert!(
        read.signatures
            .iter()
            .all(|s| s.passkey_verified == Some(false))
    );
}

#[tokio::test]
async fn a_passkey_answer_must_be_the_signers_for_this_text() {
    let app = TestApp::with_demo().await;
    let [karim, elsa] = app.demos([KARIM, ELSA]).await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    // No passkey yet.
    challenge(&app, &created, &elsa)
        .await
        .assert_error(ErrorCode::Conflict, "sv");
    // Staff never sign.
    challenge(&app, &created, &karim)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
    let (device, _) = register(&app, &elsa, "Min telefon").await;
    // Another text than the one shown.
    let mut stale = created.clone();
    stale.document_hash = "0".repeat(64);
    challenge(&app, &stale, &elsa)
        .await
        .assert_error(ErrorCode::Conflict, "sv");

    // Someone else's key under Elsa's credential id.
    let mut forger = SoftPasskey::new();
    forger.id = device.id.clone();
    let response = sign_with(&app, &created, &elsa, &mut forger, "sign").await;
    assert_eq!(response.status, 422, "{}", response.text());
    // An answer to another ceremony.
    let first: PasskeyChallenge = challenge(&app, &created, &elsa).await.json();
    let second: PasskeyChallenge = challenge(&app, &created, &elsa).await.json();
    let mut device = device;
    let passkey =
        json!({ "ceremony": second.ceremony, "credential": device.get(&first.challenge) });
    let response = app
        .post_as(
            &format!("/api/applications/{}/sign", created.id),
            &json!({ "read": true, "document_hash": created.document_hash, "passkey": passkey }),
            Some(&elsa),
        )
        .await;
    assert_eq!(response.status, 422, "{}", response.text());
    assert!(get(&app, created.id, &elsa).await.signatures.is_empty());
    // And the real one signs.
    sign_with(&app, &created, &elsa, &mut device, "sign")
        .await
        .assert_status(200);
}

/// The signature counter kept with `account`'s passkey.
async fn stored_counter(app: &TestApp, email: &str) -> u64 {
    let passkey = app
        .texts(&format!(
            "SELECT p.passkey FROM passkeys p JOIN accounts a ON a.id = p.account_id \
             WHERE a.email = '{email}'"
        ))
        .await;
    let value: serde_json::Value = serde_json::from_str(&passkey[0]).unwrap();
    value["cred"]["counter"].as_u64().unwrap()
}

#[tokio::test]
async fn signing_with_a_passkey_moves_its_counter_on_and_a_copy_behind_it_is_refused() {
    let app = TestApp::with_demo().await;
    let [karim, elsa] = app.demos([KARIM, ELSA]).await;
    let (mut device, _) = register(&app, &elsa, "Min telefon").await;
    assert_eq!(stored_counter(&app, ELSA).await, 1, "as registered");
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;

    // A copy of the authenticator whose counter is behind the stored one.
    device.set_counter(0);
    let refused = sign_with(&app, &created, &elsa, &mut device, "sign").await;
    assert_eq!(
        refused
            .assert_status(422)
            .json::<lotsen_api::ErrorBody>()
            .fields[0]
            .code,
        "passkey_wrong"
    );
    assert_eq!(stored_counter(&app, ELSA).await, 1);

    device.set_counter(6);
    sign_with(&app, &created, &elsa, &mut device, "sign")
        .await
        .assert_status(200);
    assert_eq!(
        stored_counter(&app, ELSA).await,
        7,
        "moved on by the signature"
    );
}
