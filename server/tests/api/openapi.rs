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
        ("POST", "/api/auth/sign-in"),
        ("POST", "/api/auth/sign-out"),
        ("GET", "/api/me"),
        ("POST", "/api/me/password"),
        ("POST", "/api/invitations/inspect"),
        ("POST", "/api/invitations/accept"),
        ("GET", "/api/youth"),
        ("POST", "/api/youth"),
        ("GET", "/api/youth/{id}"),
        ("POST", "/api/youth/{id}/guardians"),
        ("POST", "/api/youth/{id}/invitation"),
        ("GET", "/api/staff"),
        ("POST", "/api/staff"),
        ("GET", "/api/guardian/youth"),
        ("GET", "/api/audit"),
    ] {
        assert!(
            routes.contains(&(method.to_owned(), path.to_owned())),
            "{method} {path} is not documented"
        );
    }
    for (method, path) in &routes {
        if path == "/api/calendar/{token}" {
            continue; // a literal `{token}` is an unknown token: 404 by design (schedule.rs tests the feed)
        }
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
async fn the_operations_have_the_agreed_ids_and_the_session_cookie_scheme() {
    let raw: serde_json::Value = TestApp::new().await.get("/api/openapi.json").await.json();
    let cases = [
        ("/api/auth/sign-in", "post", "sign_in", false),
        ("/api/auth/sign-out", "post", "sign_out", false),
        ("/api/me", "get", "get_me", true),
        ("/api/me/password", "post", "change_password", true),
        (
            "/api/invitations/inspect",
            "post",
            "inspect_invitation",
            false,
        ),
        (
            "/api/invitations/accept",
            "post",
            "accept_invitation",
            false,
        ),
        ("/api/youth", "get", "list_youth", true),
        ("/api/youth", "post", "register_youth", true),
        ("/api/youth/{id}", "get", "get_youth", true),
        ("/api/youth/{id}/guardians", "post", "add_guardian", true),
        ("/api/youth/{id}/invitation", "post", "reinvite_youth", true),
        ("/api/staff", "get", "list_staff", true),
        ("/api/staff", "post", "invite_staff", true),
        ("/api/guardian/youth", "get", "list_guarded_youth", true),
        ("/api/audit", "get", "list_audit", true),
        ("/api/activities", "get", "list_activities", true),
        ("/api/activities", "post", "create_activity", true),
        ("/api/activities/{id}", "get", "get_activity", true),
        ("/api/activities/{id}", "put", "update_activity", true),
        (
            "/api/activities/{id}/occurrences",
            "get",
            "list_activity_occurrences",
            true,
        ),
        (
            "/api/activities/{id}/occurrences/{date}",
            "put",
            "change_occurrence",
            true,
        ),
        (
            "/api/activities/{id}/occurrences/{date}",
            "delete",
            "restore_occurrence",
            true,
        ),
        (
            "/api/youth/{id}/assignments",
            "get",
            "list_assignments",
            true,
        ),
        (
            "/api/youth/{id}/assignments",
            "post",
            "assign_activity",
            true,
        ),
        (
            "/api/youth/{id}/assignments/{assignment_id}",
            "delete",
            "end_assignment",
            true,
        ),
        ("/api/youth/{id}/schedule", "get", "youth_schedule", true),
        ("/api/me/schedule", "get", "my_schedule", true),
        (
            "/api/me/schedule/absences/{activity_id}/{date}",
            "put",
            "report_absence",
            true,
        ),
        (
            "/api/me/schedule/absences/{activity_id}/{date}",
            "delete",
            "withdraw_absence",
            true,
        ),
        ("/api/me/calendar", "get", "get_calendar_feed", true),
        ("/api/me/calendar", "post", "create_calendar_feed", true),
        ("/api/me/calendar", "delete", "revoke_calendar_feed", true),
        ("/api/calendar/{token}", "get", "calendar_feed", false),
        ("/api/youth/{id}/outcomes", "get", "list_outcomes", true),
        ("/api/youth/{id}/outcomes", "post", "record_outcome", true),
        ("/api/reports/term", "get", "term_report", true),
        ("/api/reports/term.csv", "get", "term_report_csv", true),
        ("/api/me/ratings", "get", "list_my_ratings", true),
        (
            "/api/me/ratings/activities/{activity_id}/{date}",
            "put",
            "rate_activity",
            true,
        ),
        (
            "/api/me/ratings/sessions/{booking_id}",
            "put",
            "rate_session",
            true,
        ),
        (
            "/api/me/feedback-answers",
            "get",
            "list_my_feedback_answers",
            true,
        ),
        ("/api/feedback", "get", "feedback_report", true),
        ("/api/feedback/export.csv", "get", "export_feedback", true),
        (
            "/api/feedback/activities/{id}/answers",
            "post",
            "answer_feedback",
            true,
        ),
        (
            "/api/personnummer/check",
            "post",
            "check_personnummer",
            true,
        ),
    ];
    for (path, method, id, needs_session) in cases {
        let operation = &raw["paths"][path][method];
        assert_eq!(operation["operationId"], id, "{method} {path}");
        let security = operation["security"].to_string();
        assert_eq!(
            security.contains("session"),
            needs_session,
            "{id}: {security}"
        );
    }
    let scheme = &raw["components"]["securitySchemes"]["session"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "cookie");
    assert_eq!(scheme["name"], "__Host-lotsen_session");
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
