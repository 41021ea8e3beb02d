//! Layers every response passes through: security headers, cache rules for
//! the API, and the localised JSON error body.

use axum::extract::Request;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lotsen_api::Lang;

use crate::error::{AppError, ErrorReply};

/// Sent with every response, page or API.
const SECURITY_HEADERS: [(&str, &str); 6] = [
    (
        "content-security-policy",
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// Whether `path` belongs to the JSON API.
pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// The language a request asked for (`Accept-Language`), Swedish by default.
pub fn request_lang(req: &Request) -> Lang {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// The longest client-sent `x-request-id` that is kept.
const MAX_REQUEST_ID_LEN: usize = 64;

/// Drops a client's `x-request-id` unless it is short and plain (ASCII
/// letters, digits, `-`, `_`, `.`), so that a fresh one is made and nothing
/// odd reaches the logs.
pub async fn sanitize_request_id(mut req: Request, next: Next) -> Response {
    let plain = |id: &HeaderValue| {
        let id = id.as_bytes();
        !id.is_empty()
            && id.len() <= MAX_REQUEST_ID_LEN
            && id
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    if req.headers().get(X_REQUEST_ID).is_some_and(|id| !plain(id)) {
        req.headers_mut().remove(X_REQUEST_ID);
    }
    next.run(req).await
}

/// The header that carries a request's id, in both directions.
pub const X_REQUEST_ID: &str = "x-request-id";

/// `Strict-Transport-Security`, sent on every response when the public URL is
/// https (two years, subdomains included); never over plain http, where a
/// browser ignores it anyway and a misconfigured deployment would lock itself out.
pub const HSTS: &str = "max-age=63072000; includeSubDomains";

/// Adds the security headers to every response.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

/// Writes every error body in the request's language, turns any non-JSON
/// error under `/api` (axum's 405, a timeout, a caught panic…) into the
/// shared [`lotsen_api::ErrorBody`], and keeps API responses out of caches.
pub async fn error_bodies(req: Request, next: Next) -> Response {
    let lang = request_lang(&req);
    let api = is_api_path(req.uri().path());
    let mut response = next.run(req).await;
    if api {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let failed = response.status().is_client_error() || response.status().is_server_error();
    match response.extensions_mut().remove::<ErrorReply>() {
        Some(reply) => reply.render_into(response, lang),
        None if api && failed && !is_json(&response) => {
            ErrorReply::for_response(&response).render_into(response, lang)
        }
        None => response,
    }
}

fn is_json(response: &Response) -> bool {
    is_json_type(response.headers())
}

/// Whether `headers` say the body is JSON (`application/json` or `…+json`).
pub fn is_json_type(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim();
            mime.eq_ignore_ascii_case("application/json") || mime.ends_with("+json")
        })
}

/// The answer for a handler that panicked: logged, and a plain 500 `internal` to the client.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    AppError::Internal(format!("handler panicked: {detail}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths() {
        assert!(is_api_path("/api"));
        assert!(is_api_path("/api/health"));
        assert!(!is_api_path("/apis"));
        assert!(!is_api_path("/"));
        assert!(!is_api_path("/app/api/x"));
    }
}
