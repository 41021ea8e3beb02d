//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` annotations.

use std::sync::LazyLock;

use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use lotsen_api::{ErrorBody, ErrorCode, FieldError};
use utoipa::openapi::header::Header;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{Content, Object, Ref, RefOr, Response, Type};
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
                       server's own; otherwise the answer is 403 `csrf_rejected`.\n\n\
                       Every operation lists every status it can answer. A JSON body is read up to \
                       64 KiB (413 `payload_too_large` beyond), only as `application/json` (415 \
                       `unsupported_media_type`); one that is not JSON of the documented shape answers \
                       400 `malformed_json`, one with invalid fields 422 `validation` naming them. A \
                       path or query parameter that is not of its type answers 400 `bad_request`. A \
                       429 `rate_limited` carries `Retry-After` (seconds) and `retry_after_seconds`. \
                       503 `unavailable`: the database did not answer, or the request took over 30 s."
    ),
    modifiers(&SessionCookie),
    components(schemas(ErrorBody, ErrorCode, FieldError)),
    tags(
        (name = "system", description = "Health and the API description"),
        (name = "personnummer", description = "Swedish personal identity numbers"),
        (name = "auth", description = "Signing in and out, the signed-in person, passwords"),
        (name = "passkeys", description = "Passkeys (WebAuthn): registering, listing and removing one's own; signing in with one is under auth"),
        (name = "invitations", description = "Invitation links: who they are for, choosing a password"),
        (name = "youth", description = "Young people, as staff see them (every read is audited)"),
        (name = "staff", description = "Staff accounts"),
        (name = "guardian", description = "What guardians see"),
        (name = "home", description = "Where a young person and a guardian land after signing in: one read each"),
        (name = "audit", description = "The audit log of staff reads and changes"),
        (name = "applications", description = "Applications: drafted with staff, signed by the young person, co-signed by guardians under 18, decided by the team"),
        (name = "schedule", description = "The individual schedule: activities, occurrences, assignments, the young person's week, \"can't come\" and the calendar feed"),
        (name = "team", description = "A young person's team: who besides the contact person may open the record"),
        (name = "outcomes", description = "Follow-up: a young person's outcome history and the programme's term report"),
        (name = "register", description = "The activity-responsibility register (KAA, skollagen 29 kap. 9 §): entries by hand and by import, registrations and deregistrations, the officer permission, the young person's own view"),
        (name = "sms", description = "The SMS gateway's delivery reports"),
        (name = "feedback", description = "Ratings of activities and sessions, the staff's feedback view (no group under five shown, nobody named), its CSV export and \"you said, we did\" answers"),
        (name = "register", description = "The activity-responsibility register (KAA): entries, contacts, the individual plan and its measures, the young person's own view, the SCB report"),
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

/// The whole document: [`ApiDoc`] plus every route's operation, with the
/// statuses every operation of a kind answers added by [`CommonStatuses`].
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut document = routes::api_router().into_openapi();
    CommonStatuses.modify(&mut document);
    document
}

/// Operations that every signed-in person may call, so that their only 403 is
/// a write's `csrf_rejected`: their handlers take `SignedIn` and never refuse
/// a role (a record someone may not see is a 404).
pub const OPEN_TO_EVERY_ROLE: [&str; 2] = ["get_me", "get_application"];

/// Operations with a JSON body that never answer 422: nothing in the body is
/// checked beyond its shape (a wrong login or password is 401, an unknown
/// invitation 404, an unknown agency, session type or booking 404 or 409).
pub const NEVER_UNPROCESSABLE: [&str; 5] = [
    "sign_in",
    "inspect_invitation",
    "withdraw_consent",
    "join_waitlist",
    "mark_attendance",
];

/// Adds to every operation the answers that come from the layers and
/// extractors rather than from its handler, each with the `ErrorBody` schema:
///
/// - a JSON request body ([`crate::json::Json`]): 400 `malformed_json`, 413
///   `payload_too_large` (over [`crate::BODY_LIMIT`]), 415
///   `unsupported_media_type`, and 422 `validation` (unless in
///   [`NEVER_UNPROCESSABLE`]);
/// - POST, PUT, PATCH, DELETE ([`crate::auth::csrf::guard`]): 403 `csrf_rejected`;
/// - the `session` security requirement ([`crate::auth::extract`]): 401
///   `unauthenticated`, and 403 `forbidden` unless in [`OPEN_TO_EVERY_ROLE`];
/// - path parameters (axum's `Path`): 400 `bad_request` when one is not of its
///   type, 404 `not_found`;
/// - query parameters (axum's `Query`): 400 `bad_request`;
/// - every operation but the document itself: 503 `unavailable` (the database
///   did not answer, or the request took longer than [`crate::REQUEST_TIMEOUT`]);
/// - every 429 gets the `Retry-After` header.
///
/// A status the handler documents already keeps its description; the code is
/// appended to it when the description does not name it.
pub struct CommonStatuses;

impl Modify for CommonStatuses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                (false, item.get.as_mut()),
                (true, item.put.as_mut()),
                (true, item.post.as_mut()),
                (true, item.delete.as_mut()),
                (true, item.patch.as_mut()),
            ];
            for (writes, operation) in operations {
                if let Some(operation) = operation {
                    add_common_statuses(operation, writes);
                }
            }
        }
    }
}

/// What one operation answers besides its handler's own statuses.
fn common_statuses(
    operation: &Operation,
    writes: bool,
) -> Vec<(&'static str, &'static str, String)> {
    let id = operation.operation_id.as_deref().unwrap_or_default();
    let json_body = operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.contains_key("application/json"));
    let needs_session = operation.security.as_ref().is_some_and(|requirements| {
        requirements
            .iter()
            .any(|r| serde_json::to_value(r).is_ok_and(|v| v.get("session").is_some()))
    });
    let has_parameter = |place: ParameterIn| {
        operation
            .parameters
            .iter()
            .flatten()
            .any(|p| p.parameter_in == place)
    };
    let mut statuses = Vec::new();
    if json_body {
        statuses.push((
            "400",
            "malformed_json",
            "the body is not JSON of the documented shape (a required field missing, a value of another type)".to_owned(),
        ));
        statuses.push((
            "413",
            "payload_too_large",
            format!("the body is over {} KiB", crate::BODY_LIMIT / 1024),
        ));
        statuses.push((
            "415",
            "unsupported_media_type",
            "the body is not sent as `Content-Type: application/json`".to_owned(),
        ));
        if !NEVER_UNPROCESSABLE.contains(&id) {
            statuses.push((
                "422",
                "validation",
                "some fields are invalid; `fields` names each with its code".to_owned(),
            ));
        }
    }
    if has_parameter(ParameterIn::Path) || has_parameter(ParameterIn::Query) {
        statuses.push((
            "400",
            "bad_request",
            "a path or query parameter is missing or not of its type".to_owned(),
        ));
    }
    if has_parameter(ParameterIn::Path) {
        statuses.push((
            "404",
            "not_found",
            "no such thing, or not visible to the caller".to_owned(),
        ));
    }
    if needs_session {
        statuses.push((
            "401",
            "unauthenticated",
            "no session cookie, or the session has ended or expired".to_owned(),
        ));
        if !OPEN_TO_EVERY_ROLE.contains(&id) {
            statuses.push((
                "403",
                "forbidden",
                "signed in, but not in a role that may call this".to_owned(),
            ));
        }
    }
    if writes {
        statuses.push((
            "403",
            "csrf_rejected",
            "no `X-Requested-With: lotsen` header, or an `Origin` that is not the server's"
                .to_owned(),
        ));
    }
    if id != "get_openapi" {
        statuses.push((
            "503",
            "unavailable",
            format!(
                "the database did not answer, or the request took longer than {} s; try again later",
                crate::REQUEST_TIMEOUT.as_secs()
            ),
        ));
    }
    statuses
}

fn add_common_statuses(operation: &mut Operation, writes: bool) {
    for (status, code, what) in common_statuses(operation, writes) {
        let named = format!("`{code}`");
        match operation.responses.responses.get_mut(status) {
            Some(RefOr::T(response)) => {
                if !response.description.contains(&named) {
                    response.description = format!("{}; {named}: {what}", response.description);
                }
                response
                    .content
                    .entry("application/json".to_owned())
                    .or_insert_with(error_body);
            }
            Some(RefOr::Ref(_)) => {}
            None => {
                let mut response = Response::new(format!("{named}: {what}"));
                response
                    .content
                    .insert("application/json".to_owned(), error_body());
                operation
                    .responses
                    .responses
                    .insert(status.to_owned(), RefOr::T(response));
            }
        }
    }
    if let Some(RefOr::T(response)) = operation.responses.responses.get_mut("429") {
        response
            .headers
            .entry("retry-after".to_owned())
            .or_insert_with(|| {
                let mut header = Header::new(Object::with_type(Type::Integer));
                header.description = Some("Seconds until an attempt may succeed again".to_owned());
                header
            });
    }
}

/// `application/json` content with the `ErrorBody` schema.
fn error_body() -> Content {
    Content::new(Some(Ref::from_schema_name("ErrorBody")))
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
