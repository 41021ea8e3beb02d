//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` annotations.

use std::sync::LazyLock;

use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use lotsen_api::{ErrorBody, ErrorCode, FieldError};
use utoipa::OpenApi;

use crate::routes;

/// The parts of the document that no handler describes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Lotsen",
        description = "The REST API of Lotsen, the app of a municipal youth programme. \
                       Every failing call answers with an `ErrorBody` whose `message` is in the \
                       language of `Accept-Language` (Swedish by default)."
    ),
    components(schemas(ErrorBody, ErrorCode, FieldError)),
    tags(
        (name = "system", description = "Health and the API description"),
        (name = "personnummer", description = "Swedish personal identity numbers"),
    )
)]
pub struct ApiDoc;

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
