use std::collections::HashSet;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_document_is_valid_openapi_3_1() {
    let app = TestApp::new().await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("application/json"));
    let spec = oas3::from_json(response.text()).expect("a parseable OpenAPI document");
    let version = spec
        .validate_version()
        .expect("a supported OpenAPI version");
    assert_eq!((version.major, version.minor), (3, 1));
    assert_eq!(spec.info.title, "Lotsen");
    assert_eq!(spec.info.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn every_operation_has_a_unique_snake_case_operation_id() {
    let spec = oas3::from_json(TestApp::new().await.get("/api/openapi.json").await.text()).unwrap();
    let mut seen = HashSet::new();
    let mut count = 0;
    for (path, method, operation) in spec.operations() {
        let id = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
        let snake = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !id.contains("__")
            && !id.ends_with('_');
        assert!(snake, "{method} {path}: {id} is not snake_case");
        assert!(seen.insert(id.clone()), "{id} is used twice");
        count += 1;
    }
    assert!(count >= 3, "only {count} operations");
}

#[tokio::test]
async fn the_document_lists_every_route_and_they_answer() {
    let app = TestApp::new().await;
    let spec = oas3::from_json(app.get("/api/openapi.json").await.text()).unwrap();
    let routes: HashSet<(String, String)> = spec
        .operations()
        .map(|(path, method, _)| (method.to_string(), path))
        .collect();
    for (method, path) in [
        ("GET", "/api/health"),
        ("GET", "/api/openapi.json"),
        ("POST", "/api/personnummer/check"),
    ] {
        assert!(
            routes.contains(&(method.to_owned(), path.to_owned())),
            "{method} {path} is not documented"
        );
    }
    for (method, path) in &routes {
        let request = crate::helpers::request(
            method.parse().unwrap(),
            path,
            &[],
            axum::body::Body::empty(),
        );
        let status = app.send(request).await.status;
        assert!(
            status != 404 && status != 405,
            "{method} {path} is documented but answers {status}"
        );
    }
}

#[tokio::test]
async fn error_responses_reference_the_error_body_schema() {
    let raw: serde_json::Value = TestApp::new().await.get("/api/openapi.json").await.json();
    let schemas = &raw["components"]["schemas"];
    for name in [
        "ErrorBody",
        "ErrorCode",
        "FieldError",
        "Health",
        "PersonnummerCheck",
        "PersonnummerCheckRequest",
    ] {
        assert!(schemas.get(name).is_some(), "schema {name} is missing");
    }
    let mut error_responses = 0;
    for (path, item) in raw["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                let is_health = path == "/api/health";
                if status.starts_with(['4', '5']) && !is_health {
                    let schema = &response["content"]["application/json"]["schema"]["$ref"];
                    assert_eq!(
                        schema, "#/components/schemas/ErrorBody",
                        "{method} {path} {status}"
                    );
                    error_responses += 1;
                }
            }
        }
    }
    assert!(error_responses >= 4);
}
