//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` annotations.

use std::sync::LazyLock;

use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use lotsen_api::{ErrorBody, ErrorCode, FieldError};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

/// The parts of the document that no handler describes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Lotsen",
        description = "The REST API of Lotsen, the app of a municipal youth programme. \
                       Every failing call answers with an `ErrorBody` whose `message` is in the \
                       language of `Accept-Language` (Swedish by default).\n\n\
                       Signing in sets the session cookie `__Host-lotsen_session` (HttpOnly, Secure, \
                       SameSite=Lax; `lotsen_session` without Secure when the server runs with \
                       `--insecure-cookies`). Every POST, PUT, PATCH and DELETE must carry the header \
                       `X-Requested-With: lotsen`, and an `Origin` header, when sent, must be the \
                       server's own; otherwise the answer is 403 `csrf_rejected`."
    ),
    modifiers(&SessionCookie),
    components(schemas(ErrorBody, ErrorCode, FieldError)),
    tags(
        (name = "system", description = "Health and the API description"),
        (name = "personnummer", description = "Swedish personal identity numbers"),
        (name = "auth", description = "Signing in and out, the signed-in person, passwords"),
        (name = "invitations", description = "Invitation links: who they are for, choosing a password"),
        (name = "youth", description = "Young people, as staff see them (every read is audited)"),
        (name = "staff", description = "Staff accounts"),
        (name = "guardian", description = "What guardians see"),
        (name = "audit", description = "The audit log of staff reads and changes"),
        (name = "applications", description = "Applications: drafted with staff, signed by the young person, co-signed by guardians under 18, decided by the team"),
        (name = "schedule", description = "The individual schedule: activities, occurrences, assignments, the young person's week, \"can't come\" and the calendar feed"),
        (name = "team", description = "A young person's team: who besides the contact person may open the record"),
        (name = "outcomes", description = "Follow-up: a young person's outcome history and the programme's term report"),
        (name = "feedback", description = "Ratings of activities and sessions, the staff's feedback view (no group under five shown, nobody named), its CSV export and \"you said, we did\" answers"),
    )
)]
pub struct ApiDoc;

/// The session cookie as the security scheme `session`.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::cookie::SECURE_NAME,
                "The session, set by `sign_in` (named `lotsen_session` with `--insecure-cookies`)",
            ))),
        );
    }
}

/// The whole document: [`ApiDoc`] plus every route's operation.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes::api_router().into_openapi()
}

static DOCUMENT: LazyLock<Bytes> = LazyLock::new(|| {
    Bytes::from(
        openapi()
            .to_pretty_json()
            .expect("the OpenAPI document serialises"),
    )
});

/// The OpenAPI 3 document of this API.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    operation_id = "get_openapi",
    tag = "system",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json", body = Object))
)]
pub async fn openapi_json() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.clone(),
    )
}
