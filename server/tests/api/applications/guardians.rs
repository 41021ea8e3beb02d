//! Under 18, both guardians are told and co-sign the text the young person
//! signed (after ticking that they read it); a guardian's decline returns it
//! to draft with the reason and tells the young person and the referrer.

use lotsen_api::ErrorCode;
use lotsen_api::application::{Application, ApplicationStatus, ApplicationSummary, EventKind};
use serde_json::json;

use super::{cosign, draft, get, kinds, sign};
use crate::helpers::{DEMO_PASSWORD, ELSA, KARIM, MARIA, PER, TestApp};

#[tokio::test]
async fn a_17_year_old_waits_for_both_guardians_who_are_told_and_co_sign() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, elsa] = app.demos([KARIM, ELSA]).await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;

    let maria = app.demo(MARIA).await;
    assert_eq!(
        app.get_status(&format!("/api/applications/{}", created.id), &maria)
            .await,
        404,
        "a draft is not the guardians' yet"
    );

    let signed: Application = sign(&app, &created, &elsa).await.json();
    assert_eq!(signed.status, ApplicationStatus::WaitingForGuardians);
    assert_eq!(signed.guardians.len(), 2);
    assert!(signed.guardians.iter().all(|g| !g.signed));
    assert_eq!(app.outbox_to(MARIA).await, 1);
    assert_eq!(app.outbox_to(PER).await, 1);

    let listed: Vec<ApplicationSummary> = app
        .get_as("/api/guardian/applications", &maria)
        .await
        .json();
    assert_eq!(listed.len(), 1);
    let seen = get(&app, created.id, &maria).await;
    assert_eq!(seen.document_hash, signed.document_hash);
    // A guardian, too, ticks that they have read it before their signature counts.
    let not_read = app
        .post_as(
            &format!("/api/applications/{}/cosign", created.id),
            &json!({ "password": DEMO_PASSWORD, "document_hash": seen.document_hash }),
            Some(&maria),
        )
        .await;
    let body = not_read.assert_error(ErrorCode::Validation, "sv");
    assert_eq!(
        (body.fields[0].field.as_str(), body.fields[0].code.as_str()),
        ("read", "read_required")
    );
    assert!(
        get(&app, created.id, &maria)
            .await
            .guardians
            .iter()
            .all(|g| !g.signed)
    );
    let after_maria: Application = cosign(&app, &seen, &maria).await.json();
    assert_eq!(after_maria.status, ApplicationStatus::WaitingForGuardians);
    assert_eq!(cosign(&app, &seen, &maria).await.status, 409, "only once");

    let per = app.demo(PER).await;
    let done: Application = cosign(&app, &seen, &per).await.assert_status(200).json();
    assert_eq!(done.status, ApplicationStatus::Submitted);
    assert_eq!(done.signatures.len(), 3);
    assert!(done.guardians.iter().all(|g| g.signed));
    assert_eq!(
        kinds(&done),
        [
            EventKind::Drafted,
            EventKind::Signed,
            EventKind::Cosigned,
            EventKind::Cosigned,
            EventKind::Submitted
        ]
    );
}

#[tokio::test]
async fn a_guardians_decline_returns_it_to_draft_with_the_reason_and_tells_the_young_person_and_referrer()
 {
    let app = TestApp::with_demo_and_email().await;
    let [karim, elsa, per] = app.demos([KARIM, ELSA, PER]).await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    sign(&app, &created, &elsa).await;
    let path = format!("/api/applications/{}/guardian-decline", created.id);
    let empty = app
        .post_as(&path, &json!({ "reason": "  " }), Some(&per))
        .await;
    empty.assert_field_error(ErrorCode::Validation, "required");
    let (elsa_before, karim_before) = (app.outbox_to(ELSA).await, app.outbox_to(KARIM).await);

    let declined: Application = app
        .post_as(
            &path,
            &json!({ "reason": "Vi vill prata om samtycket först." }),
            Some(&per),
        )
        .await
        .assert_status(200)
        .json();
    assert_eq!(declined.status, ApplicationStatus::Draft);
    assert!(declined.signatures.is_empty());
    let event = declined
        .timeline
        .iter()
        .find(|e| e.kind == EventKind::DeclinedByGuardian)
        .unwrap();
    assert_eq!(
        event.detail.as_deref(),
        Some("Vi vill prata om samtycket först.")
    );
    assert_eq!(event.actor_name.as_deref(), Some("Per Nilsson"));
    assert!(kinds(&declined).contains(&EventKind::SignaturesVoided));
    assert_eq!(app.outbox_to(ELSA).await, elsa_before + 1);
    assert_eq!(app.outbox_to(KARIM).await, karim_before + 1);

    // Elsa sees it too, and can sign the same text again.
    let mine = get(&app, created.id, &elsa).await;
    assert_eq!(mine.status, ApplicationStatus::Draft);
    let resigned: Application = sign(&app, &mine, &elsa).await.json();
    assert_eq!(resigned.status, ApplicationStatus::WaitingForGuardians);
}
