//! Applications, one behaviour per file: signing (alone at 18, on the signing
//! day, by the clock), guardians co-signing under 18 or declining, edits
//! voiding signatures and the stored hash, the team's decision, withdrawal,
//! who sees what, and the messages in each recipient's language. The demo
//! people's e-mail goes through the outbox.

mod access;
mod decisions;
mod editing;
mod guardians;
mod language;
mod signing;

use lotsen_api::application::{Application, EventKind};
use serde_json::{Value, json};

use crate::helpers::{DEMO_PASSWORD, Session, TestApp, TestResponse};

/// A complete application's content.
pub fn content() -> Value {
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

/// Karim starts an application for `youth_id`.
pub async fn draft(app: &TestApp, karim: &Session, youth_id: i64) -> Application {
    app.post_as(
        "/api/applications",
        &json!({ "youth_id": youth_id, "content": content() }),
        Some(karim),
    )
    .await
    .assert_status(201)
    .json()
}

/// The application as `session` sees it, which must be allowed.
pub async fn get(app: &TestApp, id: i64, session: &Session) -> Application {
    app.get_as(&format!("/api/applications/{id}"), session)
        .await
        .assert_status(200)
        .json()
}

/// `POST /api/applications/{id}/{action}` (sign or cosign) of the text
/// `application` shows, read, with the demo password.
async fn signature(
    app: &TestApp,
    application: &Application,
    session: &Session,
    action: &str,
) -> TestResponse {
    app.post_as(
        &format!("/api/applications/{}/{action}", application.id),
        &json!({ "password": DEMO_PASSWORD, "read": true, "document_hash": application.document_hash }),
        Some(session),
    )
    .await
}

/// The young person signs; the response as it is.
pub async fn sign(app: &TestApp, application: &Application, session: &Session) -> TestResponse {
    signature(app, application, session, "sign").await
}

/// A guardian co-signs; the response as it is.
pub async fn cosign(app: &TestApp, application: &Application, session: &Session) -> TestResponse {
    signature(app, application, session, "cosign").await
}

/// The kinds of the application's events, in order.
pub fn kinds(application: &Application) -> Vec<EventKind> {
    application.timeline.iter().map(|e| e.kind).collect()
}
