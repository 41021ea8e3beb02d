//! Who sees which application; invalid content is 422 with a message per
//! field (in both languages) and a young person staff may not see is 404;
//! every application operation is described and needs a session.

use lotsen_api::ErrorCode;
use lotsen_api::application::{ApplicationSummary, FIELD_CODES};
use lotsen_api::people::{GuardianCreated, YouthCreated};
use lotsen_server::Settings;
use serde_json::{Value, json};

use super::{content, cosign, draft, sign};
use crate::helpers::{
    ELSA, KARIM, MARIA, OMAR, SVEN, TestApp, message, operations, valid_personnummer,
};

#[tokio::test]
async fn guardians_and_other_young_people_see_only_what_is_theirs() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, elsa, omar, maria] = app.demos([KARIM, ELSA, OMAR, MARIA]).await;
    let elsas = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    let omars = draft(&app, &karim, app.youth_named("Omar Ali").await).await;
    sign(&app, &elsas, &elsa).await;
    sign(&app, &omars, &omar).await;

    // Omar may neither read nor sign Elsa's.
    assert_eq!(
        app.get_status(&format!("/api/applications/{}", elsas.id), &omar)
            .await,
        404
    );
    assert_eq!(sign(&app, &elsas, &omar).await.status, 404);
    let mine: Vec<ApplicationSummary> = app.get_as("/api/me/applications", &omar).await.json();
    assert_eq!(mine.iter().map(|a| a.id).collect::<Vec<_>>(), [omars.id]);
    // Maria sees Elsa's application but not Omar's, nor Elsa's record.
    assert_eq!(
        app.get_status(&format!("/api/applications/{}", omars.id), &maria)
            .await,
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
        app.get_status(&format!("/api/youth/{elsa_id}"), &maria)
            .await,
        403
    );
    assert_eq!(
        app.get_status(&format!("/api/youth/{elsa_id}/applications"), &maria)
            .await,
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
        .accept_invitation(&greta.invitation, "gretas-losenord")
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
    let app = TestApp::with_demo_and_email().await;
    let [karim, sven] = app.demos([KARIM, SVEN]).await;
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
    let fields: Vec<(&str, &str)> = crate::helpers::field_codes(&body);
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

#[test]
fn every_new_field_code_has_a_message_in_both_languages() {
    for code in FIELD_CODES {
        assert!(!message("sv", code).is_empty(), "{code}");
        assert!(!message("en", code).is_empty(), "{code}");
    }
}

/// Every application operation: method, path, operation id.
const OPERATIONS: &str = "
    post /api/applications                        create_application
    get  /api/applications/submitted              list_submitted_applications
    get  /api/youth/{id}/applications             list_youth_applications
    get  /api/me/applications                     list_my_applications
    get  /api/guardian/applications               list_guardian_applications
    get  /api/applications/{id}                   get_application
    put  /api/applications/{id}                   update_application
    post /api/applications/{id}/sign              sign_application
    post /api/applications/{id}/cosign            cosign_application
    post /api/applications/{id}/guardian-decline  guardian_decline_application
    post /api/applications/{id}/accept            accept_application
    post /api/applications/{id}/decline           decline_application
    post /api/applications/{id}/consents/withdraw withdraw_consent
    post /api/applications/{id}/withdraw          withdraw_application
";

#[tokio::test]
async fn the_application_operations_have_their_ids_and_need_a_session() {
    let raw: Value = TestApp::new().await.get("/api/openapi.json").await.json();
    for (method, path, id) in operations(OPERATIONS) {
        let operation = &raw["paths"][path][method];
        assert_eq!(operation["operationId"], id, "{method} {path}");
        assert!(
            operation["security"].to_string().contains("session"),
            "{id}"
        );
    }
}
