//! The guard against cross-site request forgery on the API: every
//! POST/PUT/PATCH/DELETE under `/api` must carry `X-Requested-With: lotsen`
//! (which a cross-site form cannot send, and a cross-site script cannot
//! without a CORS preflight the server never grants), and an `Origin` header,
//! when present, must be this server's own: the request's `Host`, or the
//! origin of `--public-url`.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::AppError;
use crate::middleware::is_api_path;

/// The header the app sends on every request.
pub const REQUESTED_WITH: &str = "x-requested-with";

/// Its value.
pub const REQUESTED_WITH_VALUE: &str = "lotsen";

/// Rejects state-changing API requests that did not come from the app with 403 `csrf_rejected`.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if writes
        && is_api_path(req.uri().path())
        && !allowed(req.headers(), &state.settings.public_origin)
    {
        return AppError::CsrfRejected.into_response();
    }
    next.run(req).await
}

/// Whether a write with these headers may go ahead.
pub fn allowed(headers: &HeaderMap, public_origin: &str) -> bool {
    let marked = headers.get(REQUESTED_WITH).is_some_and(|v| {
        v.as_bytes()
            .eq_ignore_ascii_case(REQUESTED_WITH_VALUE.as_bytes())
    });
    if !marked {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let origin = origin.trim().to_ascii_lowercase();
    if origin == public_origin {
        return true;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.trim().to_ascii_lowercase());
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((authority, host), (Some(a), Some(h)) if !a.is_empty() && a == h)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_marked_same_origin_writes_pass() {
        let public = "https://lotsen.kommun.se";
        let cases = [
            (vec![], false, "no header"),
            (
                vec![("x-requested-with", "XMLHttpRequest")],
                false,
                "another value",
            ),
            (
                vec![("x-requested-with", "lotsen")],
                true,
                "marked, no Origin",
            ),
            (
                vec![
                    ("x-requested-with", "lotsen"),
                    ("origin", "https://evil.example"),
                    ("host", "lotsen.kommun.se"),
                ],
                false,
                "another origin",
            ),
            (
                vec![
                    ("x-requested-with", "lotsen"),
                    ("origin", "http://127.0.0.1:8080"),
                    ("host", "127.0.0.1:8080"),
                ],
                true,
                "the Host's origin",
            ),
            (
                vec![
                    ("x-requested-with", "lotsen"),
                    ("origin", "https://lotsen.kommun.se"),
                    ("host", "10.0.0.5:8080"),
                ],
                true,
                "the public URL behind a proxy",
            ),
            (
                vec![
                    ("x-requested-with", "lotsen"),
                    ("origin", "null"),
                    ("host", "lotsen.kommun.se"),
                ],
                false,
                "an opaque origin",
            ),
            (
                vec![
                    ("x-requested-with", "lotsen"),
                    ("origin", "https://127.0.0.1:8080.evil.example"),
                    ("host", "127.0.0.1:8080"),
                ],
                false,
                "a look-alike origin",
            ),
        ];
        for (pairs, expected, why) in cases {
            assert_eq!(allowed(&headers(&pairs), public), expected, "{why}");
        }
    }
}
