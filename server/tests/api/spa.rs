use axum::body::Body;
use axum::http::Method;
use lotsen_api::ErrorCode;

use crate::helpers::{TestApp, request};

const INDEX: &[u8] = b"<!doctype html><title>Lotsen</title>";
const INDEX_BR: &[u8] = b"brotli index";
const WASM: &[u8] = b"\0asm wasm bytes";
const WASM_BR: &[u8] = b"brotli wasm";
const CSS: &[u8] = b"body { margin: 0 }";

const WASM_PATH: &str = "/lotsen-5ab3c0ffee123456_bg.wasm";
const CSS_PATH: &str = "/main-0123456789abcdef.css";

async fn built_app() -> TestApp {
    TestApp::with_dist(&[
        ("index.html", INDEX),
        ("index.html.br", INDEX_BR),
        (&WASM_PATH[1..], WASM),
        (&format!("{}.br", &WASM_PATH[1..]), WASM_BR),
        (&CSS_PATH[1..], CSS),
        ("robots.txt", b"User-agent: *"),
    ])
    .await
}

#[tokio::test]
async fn brotli_is_served_only_to_those_who_accept_it() {
    let app = built_app().await;
    let br = app
        .get_with(WASM_PATH, &[("accept-encoding", "gzip, br")])
        .await;
    assert_eq!(br.status, 200);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(&br.body[..], WASM_BR);
    assert_eq!(br.header("content-type"), Some("application/wasm"));

    let plain = app
        .get_with(WASM_PATH, &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(&plain.body[..], WASM);
    assert_eq!(plain.header("content-type"), Some("application/wasm"));

    for response in [&br, &plain] {
        assert!(
            response
                .header("vary")
                .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
        );
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_the_rest_revalidate() {
    let app = built_app().await;
    let immutable = Some("public, max-age=31536000, immutable");
    assert_eq!(app.get(WASM_PATH).await.header("cache-control"), immutable);
    assert_eq!(app.get(CSS_PATH).await.header("cache-control"), immutable);
    assert_eq!(
        app.get(CSS_PATH).await.header("content-type"),
        Some("text/css")
    );
    for path in ["/", "/index.html", "/robots.txt"] {
        let response = app.get(path).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
}

#[tokio::test]
async fn client_routes_get_the_app_shell() {
    let app = built_app().await;
    for path in ["/some/client/route", "/schema", "/ansokan/ny?steg=2"] {
        let response = app.get(path).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(&response.body[..], INDEX, "{path}");
        assert!(
            response
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/html")),
            "{path}"
        );
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
    let br = app
        .get_with("/some/client/route", &[("accept-encoding", "br")])
        .await;
    assert_eq!(
        (br.header("content-encoding"), &br.body[..]),
        (Some("br"), INDEX_BR)
    );
}

#[tokio::test]
async fn a_missing_hashed_asset_is_not_cached_forever() {
    let app = built_app().await;
    let response = app.get("/lotsen-ffffffffffffffff_bg.wasm").await;
    assert_eq!(response.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn the_api_never_falls_back_to_the_app() {
    let app = built_app().await;
    for path in ["/api/some/client/route", "/api/index.html", "/api/"] {
        app.get(path).await.assert_error(ErrorCode::NotFound, "sv");
    }
}

#[tokio::test]
async fn head_works_and_other_methods_do_not() {
    let app = built_app().await;
    let head = app
        .send(request(
            Method::HEAD,
            "/some/client/route",
            &[],
            Body::empty(),
        ))
        .await;
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let post = app
        .send(request(
            Method::POST,
            "/some/client/route",
            &[],
            Body::empty(),
        ))
        .await;
    assert_eq!(post.status, 405);
}

#[tokio::test]
async fn an_unbuilt_app_says_so() {
    let app = TestApp::new().await;
    for path in ["/", "/some/client/route"] {
        let response = app.get(path).await;
        assert_eq!(response.status, 503, "{path}");
        assert!(
            response
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/html"))
        );
        assert!(response.text().contains("cargo xtask run"));
    }
    // The API still works.
    assert_eq!(app.get("/api/health").await.status, 200);
}

#[tokio::test]
async fn an_app_built_while_the_server_runs_is_served() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/").await.status, 503);
    std::fs::write(app.dist.path().join("index.html"), INDEX).unwrap();
    let response = app.get("/").await;
    assert_eq!((response.status.as_u16(), &response.body[..]), (200, INDEX));
}

/// The app's own `public/robots.txt`, as Trunk copies it to dist.
const ROBOTS: &[u8] = include_bytes!("../../../public/robots.txt");

#[tokio::test]
async fn robots_txt_is_plain_text_and_keeps_crawlers_out_of_the_api() {
    let app = TestApp::with_dist(&[("index.html", INDEX), ("robots.txt", ROBOTS)]).await;
    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status, 200);
    assert!(
        robots
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/plain")),
        "{:?}",
        robots.header("content-type")
    );
    let text = String::from_utf8(robots.body.to_vec()).unwrap();
    let rules: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(rules, ["User-agent: *", "Allow: /", "Disallow: /api/"]);
    // Another file name that is not in dist is still a client route.
    let other = app.get("/humans.txt").await;
    assert_eq!(other.status, 200);
    assert_eq!(&other.body[..], INDEX);
}
