//! Applications: signing alone at 18 (on the signing day, by the clock),
//! guardians co-signing under 18, edits voiding signatures, the stored hash,
//! a guardian's decline, the team's decision, withdrawal and who sees what.

use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_api::application::{
    Application, ApplicationSaved, ApplicationStatus, ApplicationSummary, EventKind, FIELD_CODES,
};
use lotsen_api::people::{GuardianCreated, YouthCreated};
use lotsen_server::Settings;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{
    ANNA, DEMO_PASSWORD, ELSA, KARIM, LINNEA, MARIA, OMAR, PER, SVEN, Session, TestApp, message,
    valid_personnummer,
};

fn content() -> Value {
    json!({
        "situation": "nothing",
        "last_school": "Alströmergymnasiet",
        "school_status": "dropped_out",
        "help_with": ["studies", "work"],
        "help_text": "Jag vill gå klart gymnasiet.",
        "interests": "Musik och fotboll",
        "contact_by": "sms",
        "consents": { "school": true, "social_services": false, "employment_service": true, "youth_clinic": false }
    })
}

/// The demo people, with e-mail delivery on so that messages go to the outbox.
async fn demo_app() -> TestApp {
    let mut settings = Settings::new("http://lotsen.test");
    settings.email_delivery = true;
    TestApp::with_demo().await.with_settings(settings)
}

/// Karim starts an application for `youth_id`.
async fn draft(app: &TestApp, karim: &Session, youth_id: i64) -> Application {
    let response = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": youth_id, "content": content() }),
            Some(karim),
        )
        .await;
    assert_eq!(response.status, 201, "{}", response.text());
    response.json()
}

async fn get(app: &TestApp, id: i64, session: &Session) -> Application {
    let response = app
        .get_as(&format!("/api/applications/{id}"), session)
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

async fn sign(
    app: &TestApp,
    application: &Application,
    session: &Session,
) -> crate::helpers::TestResponse {
    app.post_as(
        &format!("/api/applications/{}/sign", application.id),
        &json!({ "password": DEMO_PASSWORD, "read": true, "document_hash": application.document_hash }),
        Some(session),
    )
    .await
}

async fn cosign(
    app: &TestApp,
    application: &Application,
    session: &Session,
) -> crate::helpers::TestResponse {
    app.post_as(
        &format!("/api/applications/{}/cosign", application.id),
        &json!({ "password": DEMO_PASSWORD, "read": true, "document_hash": application.document_hash }),
        Some(session),
    )
    .await
}

fn kinds(application: &Application) -> Vec<EventKind> {
    application.timeline.iter().map(|e| e.kind).collect()
}

async fn outbox_to(app: &TestApp, address: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM outbox WHERE to_address = '{address}'"
    ))
    .await
}

#[tokio::test]
async fn a_19_year_old_signs_alone_and_is_submitted_without_guardians() {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let omar = app.demo(OMAR).await;
    let draft = draft(&app, &karim, app.youth_named("Omar Ali").await).await;
    assert_eq!(draft.status, ApplicationStatus::Draft);
    let outbox_before = app.count("SELECT COUNT(*) FROM outbox").await;

    let response = sign(&app, &draft, &omar).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let signed: Application = response.json();
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
    let app = demo_app().await; // today is 2026-11-23
    let karim = app.demo(KARIM).await;
    let ida: YouthCreated = app
        .register(
            &karim,
            json!({ "name": "Ida Berg", "personnummer": valid_personnummer(2008, 11, 25, 222), "email": "ida.berg@example.se" }),
        )
        .await;
    let guardian = app
        .post_as(
            &format!("/api/youth/{}/guardians", ida.youth.id),
            &json!({ "name": "Eva Berg", "email": "eva.berg@example.se" }),
            Some(&karim),
        )
        .await;
    assert_eq!(guardian.status, 201, "{}", guardian.text());
    let created = draft(&app, &karim, ida.youth.id).await;
    assert!(
        !created.guardians.is_empty(),
        "under 18 today: the guardians are shown"
    );

    // Two days later she is 18: the signing day decides.
    app.advance(Duration::from_secs(2 * 24 * 3600));
    let password = "idas-eget-losenord";
    let hash = crate::helpers::internals::hash_password(password);
    app.execute(&format!(
        "UPDATE accounts SET password_hash = '{hash}' WHERE id = {}",
        ida.youth.id
    ))
    .await
    .unwrap();
    let ida_session = app.session("ida.berg@example.se", password).await;
    let current = get(&app, created.id, &ida_session).await;
    let response = app
        .post_as(
            &format!("/api/applications/{}/sign", created.id),
            &json!({ "password": password, "read": true, "document_hash": current.document_hash }),
            Some(&ida_session),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let signed: Application = response.json();
    assert_eq!(signed.status, ApplicationStatus::Submitted);
    assert_eq!(
        outbox_to(&app, "eva.berg@example.se").await,
        1,
        "only the invitation"
    );
}

#[tokio::test]
async fn a_17_year_old_waits_for_both_guardians_who_are_told_and_co_sign() {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;

    let maria = app.demo(MARIA).await;
    assert_eq!(
        app.get_as(&format!("/api/applications/{}", created.id), &maria)
            .await
            .status,
        404,
        "a draft is not the guardians' yet"
    );

    let signed: Application = sign(&app, &created, &elsa).await.json();
    assert_eq!(signed.status, ApplicationStatus::WaitingForGuardians);
    assert_eq!(signed.guardians.len(), 2);
    assert!(signed.guardians.iter().all(|g| !g.signed));
    assert_eq!(outbox_to(&app, MARIA).await, 1);
    assert_eq!(outbox_to(&app, PER).await, 1);

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
    let response = cosign(&app, &seen, &per).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let done: Application = response.json();
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
async fn editing_a_signed_application_voids_its_signatures_and_the_stored_hash_is_the_documents() {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let maria = app.demo(MARIA).await;
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
    let response = app
        .put_as(
            &format!("/api/applications/{}", created.id),
            &json!({ "version": signed.version, "content": changed }),
            &elsa,
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let saved: ApplicationSaved = response.json();
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
    let body = stale.assert_error(ErrorCode::Conflict, "sv");
    assert_eq!(body.fields[0].code, "application_changed");
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
async fn signing_a_changed_text_is_409_and_a_wrong_password_is_refused() {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let omar = app.demo(OMAR).await;
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
    assert_eq!(
        not_read.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "read_required"
    );

    let wrong = json!({ "password": "fel-losenord", "read": true, "document_hash": edited.application.document_hash });
    for _ in 0..5 {
        let response = app.post_as(&path, &wrong, Some(&omar)).await;
        let body = response.assert_error(ErrorCode::Validation, "sv");
        assert_eq!(body.fields[0].field, "password");
        assert_eq!(body.fields[0].code, "password_wrong");
    }
    let limited = app.post_as(&path, &wrong, Some(&omar)).await;
    assert_eq!(limited.status, 429, "{}", limited.text());
    assert_eq!(
        get(&app, created.id, &omar).await.status,
        ApplicationStatus::Draft
    );
}

#[tokio::test]
async fn a_guardians_decline_returns_it_to_draft_with_the_reason_and_tells_the_young_person_and_referrer()
 {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let per = app.demo(PER).await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    sign(&app, &created, &elsa).await;
    let path = format!("/api/applications/{}/guardian-decline", created.id);
    let empty = app
        .post_as(&path, &json!({ "reason": "  " }), Some(&per))
        .await;
    assert_eq!(
        empty.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "required"
    );
    let (elsa_before, karim_before) = (outbox_to(&app, ELSA).await, outbox_to(&app, KARIM).await);

    let response = app
        .post_as(
            &path,
            &json!({ "reason": "Vi vill prata om samtycket först." }),
            Some(&per),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let declined: Application = response.json();
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
    assert_eq!(outbox_to(&app, ELSA).await, elsa_before + 1);
    assert_eq!(outbox_to(&app, KARIM).await, karim_before + 1);

    // Elsa sees it too, and can sign the same text again.
    let mine = get(&app, created.id, &elsa).await;
    assert_eq!(mine.status, ApplicationStatus::Draft);
    let resigned: Application = sign(&app, &mine, &elsa).await.json();
    assert_eq!(resigned.status, ApplicationStatus::WaitingForGuardians);
}

#[tokio::test]
async fn staff_see_submitted_applications_oldest_first_and_accept_with_a_contact_person() {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let linnea = app.demo(LINNEA).await;
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
    let sven_id = app.demo(SVEN).await;
    let me: lotsen_api::account::Me = app.get_as("/api/me", &sven_id).await.json();
    let invalid = app
        .post_as(
            &accept,
            &json!({ "contact_person_id": me.id }),
            Some(&karim),
        )
        .await;
    assert_eq!(
        invalid.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "contact_person_invalid"
    );
    let anna_me: lotsen_api::account::Me = app.get_as("/api/me", &anna).await.json();
    let response = app
        .post_as(
            &accept,
            &json!({ "contact_person_id": anna_me.id }),
            Some(&karim),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());

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
    let record: lotsen_api::people::YouthDetail = app
        .get_as(&format!("/api/youth/{omar_id}"), &anna)
        .await
        .json();
    assert_eq!(record.contact_person.map(|c| c.id), Some(anna_me.id));

    let decline = app
        .post_as(
            &format!("/api/applications/{}/decline", first.id),
            &json!({ "reason": "Du passar bättre i ett annat program." }),
            Some(&karim),
        )
        .await;
    assert_eq!(decline.status, 200, "{}", decline.text());
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
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let omar = app.demo(OMAR).await;
    let created = draft(&app, &karim, app.youth_named("Omar Ali").await).await;
    sign(&app, &created, &omar).await;
    let path = format!("/api/applications/{}/consents/withdraw", created.id);

    let response = app
        .post_as(&path, &json!({ "agency": "school" }), Some(&omar))
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let after: Application = response.json();
    assert_eq!(
        after.withdrawn_consents,
        [lotsen_api::application::Agency::School]
    );
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
    assert_eq!(
        again.assert_error(ErrorCode::Conflict, "sv").fields[0].code,
        "consent_not_given"
    );
    let never = app
        .post_as(&path, &json!({ "agency": "youth_clinic" }), Some(&omar))
        .await;
    assert_eq!(never.status, 409);

    let withdraw = format!("/api/applications/{}/withdraw", created.id);
    let response = app.post_empty_as(&withdraw, Some(&omar)).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let withdrawn: Application = response.json();
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
    let accept = app
        .post_as(
            &format!("/api/applications/{}/accept", created.id),
            &json!({ "contact_person_id": 1 }),
            Some(&karim),
        )
        .await;
    assert_eq!(accept.status, 409, "{}", accept.text());
}

#[tokio::test]
async fn guardians_and_other_young_people_see_only_what_is_theirs() {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let omar = app.demo(OMAR).await;
    let maria = app.demo(MARIA).await;
    let elsas = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    let omars = draft(&app, &karim, app.youth_named("Omar Ali").await).await;
    sign(&app, &elsas, &elsa).await;
    sign(&app, &omars, &omar).await;

    // Omar may neither read nor sign Elsa's.
    assert_eq!(
        app.get_as(&format!("/api/applications/{}", elsas.id), &omar)
            .await
            .status,
        404
    );
    assert_eq!(sign(&app, &elsas, &omar).await.status, 404);
    let mine: Vec<ApplicationSummary> = app.get_as("/api/me/applications", &omar).await.json();
    assert_eq!(mine.iter().map(|a| a.id).collect::<Vec<_>>(), [omars.id]);
    // Maria sees Elsa's application but not Omar's, nor Elsa's record.
    assert_eq!(
        app.get_as(&format!("/api/applications/{}", omars.id), &maria)
            .await
            .status,
        404
    );
    assert_eq!(cosign(&app, &omars, &maria).await.status, 404);
    let raw = app
        .get_as(&format!("/api/applications/{}", elsas.id), &maria)
        .await;
    assert_eq!(raw.status, 200);
    assert!(
        !raw.text().contains(ELSA) && !raw.text().contains("personnummer"),
        "{}",
        raw.text()
    );
    let elsa_id = app.youth_named("Elsa Nilsson").await;
    assert_eq!(
        app.get_as(&format!("/api/youth/{elsa_id}"), &maria)
            .await
            .status,
        403
    );
    assert_eq!(
        app.get_as(&format!("/api/youth/{elsa_id}/applications"), &maria)
            .await
            .status,
        403
    );
    // A guardian of someone else sees nothing of Elsa's.
    let nils: YouthCreated = app
        .register(
            &karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2010, 4, 5, 111), "email": "nils.holm@example.se" }),
        )
        .await;
    let mut settings = Settings::new("http://lotsen.test");
    settings.email_delivery = false;
    let handover = TestApp::with_settings(app, settings);
    let greta: GuardianCreated = handover
        .post_as(
            &format!("/api/youth/{}/guardians", nils.youth.id),
            &json!({ "name": "Greta Holm", "email": "greta.holm@example.se" }),
            Some(&karim),
        )
        .await
        .json();
    handover
        .accept(greta.invitation.link.as_deref().unwrap(), "gretas-losenord")
        .await;
    let greta = handover
        .session("greta.holm@example.se", "gretas-losenord")
        .await;
    assert_eq!(
        handover
            .get_as(&format!("/api/applications/{}", elsas.id), &greta)
            .await
            .status,
        404
    );
    let listed: Vec<ApplicationSummary> = handover
        .get_as("/api/guardian/applications", &greta)
        .await
        .json();
    assert!(listed.is_empty());
}

#[tokio::test]
async fn invalid_content_is_422_with_field_errors_and_invisible_young_people_404() {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let sven = app.demo(SVEN).await;
    let omar_id = app.youth_named("Omar Ali").await;
    let mut bad = content();
    bad["help_with"] = json!([]);
    bad["help_text"] = json!("");
    bad["last_school"] = json!("x".repeat(201));
    let response = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": omar_id, "content": bad }),
            Some(&karim),
        )
        .await;
    let body = response.assert_error(ErrorCode::Validation, "sv");
    let fields: Vec<(&str, &str)> = body
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("last_school", "too_long"), ("help_with", "required")]
    );
    let unknown_choice = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": omar_id, "content": { "situation": "sleeping" } }),
            Some(&karim),
        )
        .await;
    unknown_choice.assert_error(ErrorCode::MalformedJson, "sv");
    let invisible = app
        .post_as(
            "/api/applications",
            &json!({ "youth_id": omar_id, "content": content() }),
            Some(&sven),
        )
        .await;
    invisible.assert_error(ErrorCode::NotFound, "sv");
    assert_eq!(app.count("SELECT COUNT(*) FROM applications").await, 0);
}

#[tokio::test]
async fn a_concurrent_edit_and_signature_never_leave_a_signature_on_an_edited_document() {
    let app = demo_app().await;
    let karim = app.demo(KARIM).await;
    let omar = app.demo(OMAR).await;
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

#[test]
fn every_new_field_code_has_a_message_in_both_languages() {
    for code in FIELD_CODES {
        assert!(!message("sv", code).is_empty(), "{code}");
        assert!(!message("en", code).is_empty(), "{code}");
    }
}

#[tokio::test]
async fn the_application_operations_have_their_ids_and_need_a_session() {
    let raw: Value = TestApp::new().await.get("/api/openapi.json").await.json();
    let cases = [
        ("/api/applications", "post", "create_application"),
        (
            "/api/applications/submitted",
            "get",
            "list_submitted_applications",
        ),
        (
            "/api/youth/{id}/applications",
            "get",
            "list_youth_applications",
        ),
        ("/api/me/applications", "get", "list_my_applications"),
        (
            "/api/guardian/applications",
            "get",
            "list_guardian_applications",
        ),
        ("/api/applications/{id}", "get", "get_application"),
        ("/api/applications/{id}", "put", "update_application"),
        ("/api/applications/{id}/sign", "post", "sign_application"),
        (
            "/api/applications/{id}/cosign",
            "post",
            "cosign_application",
        ),
        (
            "/api/applications/{id}/guardian-decline",
            "post",
            "guardian_decline_application",
        ),
        (
            "/api/applications/{id}/accept",
            "post",
            "accept_application",
        ),
        (
            "/api/applications/{id}/decline",
            "post",
            "decline_application",
        ),
        (
            "/api/applications/{id}/consents/withdraw",
            "post",
            "withdraw_consent",
        ),
        (
            "/api/applications/{id}/withdraw",
            "post",
            "withdraw_application",
        ),
    ];
    for (path, method, id) in cases {
        let operation = &raw["paths"][path][method];
        assert_eq!(operation["operationId"], id, "{method} {path}");
        assert!(
            operation["security"].to_string().contains("session"),
            "{id}"
        );
    }
}
