use std::collections::HashSet;

use serde_json::Value;

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
        if path == "/api/calendar/{token}" || path == "/api/sms/delivery/{secret}" {
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
    // method, path, operation id: open to anyone, then behind the session cookie.
    let open = "
    post   /api/auth/sign-in                               sign_in
    post   /api/auth/sign-out                              sign_out
    get    /api/auth/session                               get_session
    post   /api/invitations/inspect                        inspect_invitation
    post   /api/invitations/accept                         accept_invitation
    get    /api/calendar/{token}                           calendar_feed
    get    /api/sms/delivery/{secret}                      sms_delivery_report
";
    let signed_in = "
    get    /api/me                                         get_me
    post   /api/me/password                                change_password
    get    /api/youth                                      list_youth
    post   /api/youth                                      register_youth
    get    /api/youth/{id}                                 get_youth
    post   /api/youth/{id}/guardians                       add_guardian
    post   /api/youth/{id}/invitation                      reinvite_youth
    get    /api/staff                                      list_staff
    post   /api/staff                                      invite_staff
    get    /api/guardian/youth                             list_guarded_youth
    get    /api/audit                                      list_audit
    get    /api/activities                                 list_activities
    post   /api/activities                                 create_activity
    get    /api/activities/{id}                            get_activity
    put    /api/activities/{id}                            update_activity
    get    /api/activities/{id}/occurrences                list_activity_occurrences
    put    /api/activities/{id}/occurrences/{date}         change_occurrence
    delete /api/activities/{id}/occurrences/{date}         restore_occurrence
    get    /api/youth/{id}/assignments                     list_assignments
    post   /api/youth/{id}/assignments                     assign_activity
    delete /api/youth/{id}/assignments/{assignment_id}     end_assignment
    get    /api/youth/{id}/schedule                        youth_schedule
    get    /api/me/schedule                                my_schedule
    put    /api/me/schedule/absences/{activity_id}/{date}  report_absence
    delete /api/me/schedule/absences/{activity_id}/{date}  withdraw_absence
    get    /api/me/calendar                                get_calendar_feed
    post   /api/me/calendar                                create_calendar_feed
    delete /api/me/calendar                                revoke_calendar_feed
    get    /api/youth/{id}/outcomes                        list_outcomes
    post   /api/youth/{id}/outcomes                        record_outcome
    get    /api/reports/term                               term_report
    get    /api/reports/term.csv                           term_report_csv
    get    /api/me/ratings                                 list_my_ratings
    put    /api/me/ratings/activities/{activity_id}/{date} rate_activity
    put    /api/me/ratings/sessions/{booking_id}           rate_session
    get    /api/me/feedback-answers                        list_my_feedback_answers
    get    /api/feedback                                   feedback_report
    get    /api/feedback/export.csv                        export_feedback
    post   /api/feedback/activities/{id}/answers           answer_feedback
    post   /api/personnummer/check                         check_personnummer
";
    for (table, needs_session) in [(open, false), (signed_in, true)] {
        for (method, path, id) in crate::helpers::operations(table) {
            let operation = &raw["paths"][path][method];
            assert_eq!(operation["operationId"], id, "{method} {path}");
            let security = operation["security"].to_string();
            assert_eq!(
                security.contains("session"),
                needs_session,
                "{id}: {security}"
            );
        }
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

/// Every operation of the document: (method, path, operation).
fn operations(raw: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    let mut all = Vec::new();
    for (path, item) in raw["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            all.push((method.clone(), path.clone(), operation.clone()));
        }
    }
    all
}

fn documents(operation: &serde_json::Value, status: &str) -> bool {
    operation["responses"].get(status).is_some()
}

fn description(operation: &serde_json::Value, status: &str) -> String {
    operation["responses"][status]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn has_parameter_in(operation: &serde_json::Value, place: &str) -> bool {
    operation["parameters"]
        .as_array()
        .is_some_and(|ps| ps.iter().any(|p| p["in"] == place))
}

#[tokio::test]
async fn every_operation_documents_the_statuses_of_its_kind() {
    use crate::helpers::internals::{NEVER_UNPROCESSABLE, OPEN_TO_EVERY_ROLE};
    let raw: serde_json::Value = TestApp::new().await.get("/api/openapi.json").await.json();
    let mut missing = Vec::new();
    for (method, path, operation) in operations(&raw) {
        let id = operation["operationId"].as_str().unwrap().to_owned();
        let mut want = |status: &str, code: &str| {
            let named = format!("`{code}`");
            if !description(&operation, status).contains(&named) {
                missing.push(format!("{method} {path} ({id}): {status} {named}"));
            }
        };
        if operation.get("requestBody").is_some() {
            // A file sent as such (the register's import, `text/csv`) is not JSON.
            if operation["requestBody"]["content"]
                .get("application/json")
                .is_some()
            {
                want("400", "malformed_json");
            }
            want("413", "payload_too_large");
            want("415", "unsupported_media_type");
            if !NEVER_UNPROCESSABLE.contains(&id.as_str()) {
                want("422", "validation");
            }
        }
        if method != "get" {
            want("403", "csrf_rejected");
        }
        if operation["security"].to_string().contains("session") {
            want("401", "unauthenticated");
            if !OPEN_TO_EVERY_ROLE.contains(&id.as_str()) {
                want("403", "forbidden");
            }
        }
        if has_parameter_in(&operation, "path") {
            want("400", "bad_request");
            want("404", "not_found");
        }
        if has_parameter_in(&operation, "query") {
            want("400", "bad_request");
        }
        if id != "get_openapi" {
            want("503", "unavailable");
        }
        if documents(&operation, "429") {
            let header = &operation["responses"]["429"]["headers"]["retry-after"];
            if header["schema"]["type"] != "integer" {
                missing.push(format!("{method} {path} ({id}): 429 without Retry-After"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "undocumented answers:\n{}",
        missing.join("\n")
    );
    let info = raw["info"]["description"].as_str().unwrap();
    let limit = format!("{} KiB", lotsen_server::BODY_LIMIT / 1024);
    assert!(
        info.contains(&limit),
        "the body limit {limit} is not described"
    );
}

#[tokio::test]
async fn the_score_and_other_numeric_limits_are_in_the_schemas() {
    let raw: serde_json::Value = TestApp::new().await.get("/api/openapi.json").await.json();
    let schemas = &raw["components"]["schemas"];
    let cases = [
        ("RatingRequest", "score", 1, 5),
        ("SessionTypeInput", "length_minutes", 5, 480),
        ("SessionTypeInput", "buffer_minutes", 0, 240),
        ("SessionTypeInput", "bookable_days_ahead", 1, 365),
        ("SessionTypeInput", "notice_minutes", 0, 20160),
        ("SessionTypeInput", "cancel_hours", 0, 336),
        ("SessionTypeInput", "max_active_bookings", 1, 20),
    ];
    for (schema, field, min, max) in cases {
        let property = &schemas[schema]["properties"][field];
        assert_eq!(property["minimum"], min, "{schema}.{field}: {property}");
        assert_eq!(property["maximum"], max, "{schema}.{field}: {property}");
    }
    let days = raw["paths"]["/api/staff/me/bookings"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "days")
        .unwrap()["schema"]
        .clone();
    assert_eq!(
        (days["minimum"].as_i64(), days["maximum"].as_i64()),
        (Some(1), Some(31))
    );
    assert_eq!(
        schemas["NewGroupSession"]["properties"]["seats"]["maximum"],
        200
    );
}

/// A probe's name, its URI, its headers and its body.
type Probe<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, String);

/// Broken requests of every kind, to every operation, as every role and as
/// nobody: each answer must be one the operation documents.
#[tokio::test]
async fn broken_requests_get_only_documented_answers() {
    use crate::helpers::{ANNA, APP_HEADER, ELSA, KARIM, MARIA, request};
    use axum::body::Body;
    let app = TestApp::with_demo().await;
    let raw: serde_json::Value = app.get("/api/openapi.json").await.json();
    let mut cookies = vec![("nobody", None)];
    for login in [ELSA, MARIA, KARIM, ANNA] {
        cookies.push((login, Some(app.demo(login).await.cookie)));
    }
    let big = format!(
        "{{\"x\":\"{}\"}}",
        "a".repeat(lotsen_server::BODY_LIMIT + 1)
    );
    let mut undocumented = Vec::new();
    for (method, path, operation) in operations(&raw) {
        let id = operation["operationId"].as_str().unwrap().to_owned();
        if ["sign_out", "change_password"].contains(&id.as_str()) {
            continue; // they end the session the other probes use (sessions.rs tests them)
        }
        let fill = |value: &str| {
            let mut filled = path.clone();
            while let (Some(open), Some(close)) = (filled.find('{'), filled.find('}')) {
                let name = &filled[open + 1..close];
                let v = if value == "x" {
                    "x"
                } else if name.contains("date") {
                    "2030-01-07"
                } else {
                    value
                };
                filled = format!("{}{v}{}", &filled[..open], &filled[close + 1..]);
            }
            filled
        };
        let writes = method != "get";
        let json = ("content-type", "application/json");
        let probes: Vec<Probe> = vec![
            ("plain", fill("1"), vec![json, APP_HEADER], "{}".into()),
            (
                "path not of its type",
                fill("x"),
                vec![json, APP_HEADER],
                "{}".into(),
            ),
            ("not JSON", fill("1"), vec![json, APP_HEADER], "{".into()),
            (
                "wrong type",
                fill("1"),
                vec![("content-type", "text/plain"), APP_HEADER],
                "{}".into(),
            ),
            ("too large", fill("1"), vec![json, APP_HEADER], big.clone()),
            ("no CSRF header", fill("1"), vec![json], "{}".into()),
        ];
        for (who, cookie) in &cookies {
            for (probe, uri, headers, body) in &probes {
                if !writes
                    && ["not JSON", "wrong type", "too large", "no CSRF header"].contains(probe)
                {
                    continue;
                }
                let mut headers = headers.clone();
                if let Some(cookie) = cookie {
                    headers.push(("cookie", cookie));
                }
                let response = app
                    .send(request(
                        method.to_uppercase().parse().unwrap(),
                        uri,
                        &headers,
                        Body::from(body.clone()),
                    ))
                    .await;
                let status = response.status.as_str().to_owned();
                if !documents(&operation, &status) {
                    undocumented.push(format!(
                        "{id} ({probe}, {who}): {status} {}",
                        response.text()
                    ));
                }
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "undocumented answers:\n{}",
        undocumented.join("\n")
    );
}

/// Two wire types with one name would share one schema in the document, and
/// one of them would be described wrongly (the register's contact channels
/// once answered under the application's `ContactChannel`).
#[tokio::test]
async fn types_of_the_same_name_have_schemas_of_their_own() {
    let app = TestApp::new().await;
    let spec: Value = app.get("/api/openapi.json").await.json();
    let values = |name: &str| -> Vec<String> {
        spec["components"]["schemas"][name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("no enum schema {name}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(values("ContactChannel"), ["phone", "email", "sms"]);
    assert!(values("OutreachChannel").contains(&"letter".to_owned()));
    assert!(values("OutreachChannel").contains(&"home_visit".to_owned()));
    // The application's timeline and the young person's.
    let schemas = &spec["components"]["schemas"];
    let items = &schemas["Application"]["properties"]["timeline"]["items"]["$ref"];
    let event = items.as_str().unwrap().rsplit('/').next().unwrap();
    assert!(
        schemas[event]["properties"].get("actor_name").is_some(),
        "{event}"
    );
    assert!(schemas["TimelineEvent"]["properties"].get("what").is_some());
}

#[tokio::test]
async fn a_bookings_message_status_is_documented() {
    let raw: serde_json::Value = TestApp::new().await.get("/api/openapi.json").await.json();
    let schemas = &raw["components"]["schemas"];
    let message = schemas["Booking"]["properties"]["message"].to_string();
    assert!(
        message.contains("#/components/schemas/BookingMessage"),
        "{message}"
    );
    let fields = &schemas["BookingMessage"]["properties"];
    for field in ["kind", "channel", "state", "at"] {
        assert!(fields.get(field).is_some(), "{field}: {fields}");
    }
    assert!(fields.get("body").is_none() && fields.get("to_address").is_none());
    let described = description(&raw["paths"]["/api/staff/me/bookings"]["get"], "200");
    assert!(described.contains("`message`"), "{described}");
}
