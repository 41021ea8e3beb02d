//! The team's decision on a submitted application (oldest first, accepted
//! with a contact person or declined with a reason, once), and the young
//! person's withdrawal of a consent or of the whole application.

use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_api::account::Me;
use lotsen_api::application::{
    Agency, Application, ApplicationStatus, ApplicationSummary, EventKind,
};
use lotsen_api::people::YouthDetail;
use serde_json::json;

use super::{draft, get, kinds, sign};
use crate::helpers::{ANNA, KARIM, LINNEA, OMAR, SVEN, TestApp};

#[tokio::test]
async fn staff_see_submitted_applications_oldest_first_and_accept_with_a_contact_person() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, linnea] = app.demos([KARIM, LINNEA]).await;
    let first = draft(&app, &karim, app.youth_named("Linnea Ek").await).await;
    let second = draft(&app, &karim, app.youth_named("Omar Ali").await).await;
    // Omar's was started later but Linnea signs first.
    assert_eq!(sign(&app, &first, &linnea).await.status, 200);
    app.advance(Duration::from_secs(3600));
    let omar = app.demo(OMAR).await;
    assert_eq!(sign(&app, &second, &omar).await.status, 200);

    let (karim, anna, linnea) = (
        app.demo(KARIM).await,
        app.demo(ANNA).await,
        app.demo(LINNEA).await,
    );
    let list: Vec<ApplicationSummary> = app
        .get_as("/api/applications/submitted", &karim)
        .await
        .json();
    assert_eq!(
        list.iter().map(|a| a.id).collect::<Vec<_>>(),
        [first.id, second.id]
    );
    assert!(list[0].submitted_at < list[1].submitted_at);
    let sven = app.demo(SVEN).await;
    let none: Vec<ApplicationSummary> = app
        .get_as("/api/applications/submitted", &sven)
        .await
        .json();
    assert!(none.is_empty(), "Sven sees no young people");

    let accept = format!("/api/applications/{}/accept", second.id);
    let me: Me = app.get_as("/api/me", &sven).await.json();
    let invalid = app
        .post_as(
            &accept,
            &json!({ "contact_person_id": me.id }),
            Some(&karim),
        )
        .await;
    invalid.assert_field_error(ErrorCode::Validation, "contact_person_invalid");
    let anna_me: Me = app.get_as("/api/me", &anna).await.json();
    app.post_as(
        &accept,
        &json!({ "contact_person_id": anna_me.id }),
        Some(&karim),
    )
    .await
    .assert_status(200);

    let seen = get(&app, second.id, &omar).await;
    assert_eq!(seen.status, ApplicationStatus::Accepted);
    assert_eq!(
        seen.contact_person.as_ref().map(|c| c.name.as_str()),
        Some("Anna Andersson")
    );
    assert!(seen.decided_at.is_some());
    assert_eq!(kinds(&seen).last(), Some(&EventKind::Accepted));
    assert_eq!(
        app.post_as(
            &accept,
            &json!({ "contact_person_id": anna_me.id }),
            Some(&anna)
        )
        .await
        .status,
        409,
        "decided once"
    );
    // Omar's record now names Anna as his contact person.
    let omar_id = app.youth_named("Omar Ali").await;
    let record: YouthDetail = app
        .get_as(&format!("/api/youth/{omar_id}"), &anna)
        .await
        .json();
    assert_eq!(record.contact_person.map(|c| c.id), Some(anna_me.id));

    app.post_as(
        &format!("/api/applications/{}/decline", first.id),
        &json!({ "reason": "Du passar bättre i ett annat program." }),
        Some(&karim),
    )
    .await
    .assert_status(200);
    let declined = get(&app, first.id, &linnea).await;
    assert_eq!(declined.status, ApplicationStatus::Declined);
    assert_eq!(
        declined.decision_reason.as_deref(),
        Some("Du passar bättre i ett annat program.")
    );
    let left: Vec<ApplicationSummary> = app
        .get_as("/api/applications/submitted", &anna)
        .await
        .json();
    assert!(left.is_empty());
}

#[tokio::test]
async fn withdrawing_a_consent_and_the_whole_application_is_recorded() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, omar] = app.demos([KARIM, OMAR]).await;
    let created = draft(&app, &karim, app.youth_named("Omar Ali").await).await;
    sign(&app, &created, &omar).await;
    let path = format!("/api/applications/{}/consents/withdraw", created.id);

    let after: Application = app
        .post_as(&path, &json!({ "agency": "school" }), Some(&omar))
        .await
        .assert_status(200)
        .json();
    assert_eq!(after.withdrawn_consents, [Agency::School]);
    assert_eq!(
        after.status,
        ApplicationStatus::Submitted,
        "the signed application stands"
    );
    assert_eq!(after.signatures.len(), 1);
    let event = after.timeline.last().unwrap();
    assert_eq!(
        (event.kind, event.detail.as_deref()),
        (EventKind::ConsentWithdrawn, Some("school"))
    );
    let again = app
        .post_as(&path, &json!({ "agency": "school" }), Some(&omar))
        .await;
    again.assert_field_error(ErrorCode::Conflict, "consent_not_given");
    let never = app
        .post_as(&path, &json!({ "agency": "youth_clinic" }), Some(&omar))
        .await;
    assert_eq!(never.status, 409);

    let withdraw = format!("/api/applications/{}/withdraw", created.id);
    let withdrawn: Application = app
        .post_empty_as(&withdraw, Some(&omar))
        .await
        .assert_status(200)
        .json();
    assert_eq!(withdrawn.status, ApplicationStatus::Withdrawn);
    assert_eq!(kinds(&withdrawn).last(), Some(&EventKind::Withdrawn));
    assert_eq!(app.post_empty_as(&withdraw, Some(&omar)).await.status, 409);
    // Staff see it too (and the read is audited).
    let karim_view = get(&app, created.id, &karim).await;
    assert_eq!(karim_view.status, ApplicationStatus::Withdrawn);
    assert!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_application'")
            .await
            >= 1
    );
    app.post_as(
        &format!("/api/applications/{}/accept", created.id),
        &json!({ "contact_person_id": 1 }),
        Some(&karim),
    )
    .await
    .assert_status(409);
}
