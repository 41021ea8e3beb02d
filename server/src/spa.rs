//! The built app (Trunk's `dist`): static files, precompressed `.br` beside
//! the originals, and `index.html` for every other path outside `/api`.

use std::convert::Infallible;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::AppState;
use crate::error::AppError;
use crate::middleware::is_api_path;

/// For hashed assets: the name changes with the content, so keep it forever.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// For `index.html` and unhashed files: revalidate on every use.
const NO_CACHE: &str = "no-cache";

/// Shown when `dist` has no `index.html`.
const NOT_BUILT_PAGE: &str = r#"<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lotsen är inte byggd</title></head>
<body><main>
<h1>Lotsen är inte byggd ännu</h1>
<p>Servern hittar ingen <code>index.html</code> i mappen med den byggda appen. Bygg och starta med <code>cargo xtask run</code>.</p>
<p lang="en">The app has not been built: there is no <code>index.html</code> in the dist directory. Run <code>cargo xtask run</code>.</p>
</main></body>
</html>
"#;

/// Whether a file name carries a content hash: a `-` and 16 hex digits right
/// before the extension or a `_suffix.ext` (`main-0123456789abcdef.css`,
/// `lotsen-5ab3c0ffee123456_bg.wasm`).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).as_bytes();
    name.windows(18).enumerate().any(|(at, w)| {
        w[0] == b'-'
            && w[1..17].iter().all(u8::is_ascii_hexdigit)
            && matches!(w[17], b'.' | b'_')
            && name[at + 17..].contains(&b'.')
    })
}

/// Serves a file from `dist`, or `index.html` for client-side routes.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    if is_api_path(req.uri().path()) {
        return AppError::NotFound.into_response();
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let index = state.dist.join("index.html");
    if !tokio::fs::try_exists(&index).await.unwrap_or(false) {
        return not_built();
    }
    let hashed = is_hashed_asset(req.uri().path());
    let method = req.method().clone();
    let headers = req.headers().clone();

    let mut response = into_body(
        ServeDir::new(&*state.dist)
            .precompressed_br()
            .oneshot(req)
            .await,
    );
    let cache = if response.status() == StatusCode::NOT_FOUND {
        // A client-side route: the app's shell, which then routes by itself.
        let mut shell = Request::new(Body::empty());
        *shell.method_mut() = method;
        *shell.headers_mut() = headers;
        shell.headers_mut().remove(header::RANGE);
        response = into_body(
            ServeFile::new(index)
                .precompressed_br()
                .oneshot(shell)
                .await,
        );
        NO_CACHE
    } else if hashed
        && (response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED)
    {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

fn into_body<B>(response: Result<axum::http::Response<B>, Infallible>) -> Response
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    match response {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

fn not_built() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        NOT_BUILT_PAGE,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_asset_names() {
        let hashed = [
            "/lotsen-5ab3c0ffee123456_bg.wasm",
            "/lotsen-5ab3c0ffee123456.js",
            "/main-0123456789abcdef.css",
            "/assets/logo-0123456789ABCDEF.svg",
            "/lotsen-5ab3c0ffee123456_bg.wasm.br",
        ];
        for path in hashed {
            assert!(is_hashed_asset(path), "{path} should count as hashed");
        }
        let plain = [
            ("/", "root"),
            ("/index.html", "the shell"),
            ("/main.css", "no hash"),
            ("/main-0123456789abcde.css", "15 digits"),
            ("/main-0123456789abcdef0.css", "17 digits"),
            ("/main-0123456789abcdeg.css", "not hex"),
            ("/main_0123456789abcdef.css", "underscore instead of dash"),
            ("/main-0123456789abcdef", "no extension"),
            ("/main-0123456789abcdef_bg", "suffix but no extension"),
            (
                "/assets-0123456789abcdef.d/logo.svg",
                "the hash is in a directory",
            ),
            ("/some/client/route", "a client route"),
        ];
        for (path, why) in plain {
            assert!(!is_hashed_asset(path), "{path}: {why}");
        }
    }
}
