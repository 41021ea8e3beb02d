//! Who may call what: every route × every kind of caller, and the rules per record.

use std::time::Duration;

use axum::http::Method;
use lotsen_api::people::{GuardedYouth, YouthDetail, YouthSummary};
use serde_json::{Value, json};

use crate::helpers::{
    ANNA, APP_HEADER, DEMO_PASSWORD, ELSA, KARIM, LINNEA, MARIA, OMAR, SVEN, Session, TestApp,
    request, valid_personnummer,
};

/// The callers of the matrix, in its column order.
const CALLERS: [&str; 8] = [
    "anonymous",
    "youth",
    "other youth",
    "guardian",
    "guardian of someone else",
    "staff contact person",
    "other staff",
    "admin",
];

/// The demo people plus a guardian of another young person; sessions in [`CALLERS`] order.
async fn world() -> (TestApp, Vec<Option<Session>>, i64) {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let nils = app
        .register(
            &karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2010, 4, 5, 111), "email": "nils.holm@example.se" }),
        )
        .await;
    let greta = app
        .post_as(
            &format!("/api/youth/{}/guardians", nils.youth.id),
            &json!({ "name": "Greta Holm", "email": "greta.holm@example.se" }),
            Some(&karim),
        )
        .await;
    assert_eq!(greta.status, 201, "{}", greta.text());
    let greta: lotsen_api::people::GuardianCreated = greta.json();
    app.accept(greta.invitation.link.as_deref().unwrap(), "gretas-losenord")
        .await;
    let elsa_id = youth_id(&app, &karim, "Elsa Nilsson").await;
    let sessions = vec![
        None,
        Some(app.demo(ELSA).await),
        Some(app.demo(OMAR).await),
        Some(app.demo(MARIA).await),
        Some(
            app.session("greta.holm@example.se", "gretas-losenord")
                .await,
        ),
        Some(karim),
        Some(app.demo(SVEN).await),
        Some(app.demo(ANNA).await),
    ];
    (app, sessions, elsa_id)
}

async fn youth_id(app: &TestApp, staff: &Session, name: &str) -> i64 {
    let list: Vec<YouthSummary> = app.get_as("/api/youth", staff).await.json();
    list.iter().find(|y| y.name == name).unwrap().id
}

async fn call(
    app: &TestApp,
    method: &Method,
    path: &str,
    body: Option<&Value>,
    session: Option<&Session>,
) -> u16 {
    let mut headers = vec![APP_HEADER];
    if let Some(session) = session {
        headers.push(("cookie", session.cookie.as_str()));
    }
    let body = match body {
        Some(body) => {
            headers.push(("content-type", "application/json"));
            body.to_string().into()
        }
        None => axum::body::Body::empty(),
    };
    app.send(request(method.clone(), path, &headers, body))
        .await
        .status
        .as_u16()
}

#[tokio::test]
async fn every_route_answers_every_caller_as_expected() {
    let (app, sessions, elsa) = world().await;
    let invalid_person = json!({ "name": "", "personnummer": "", "email": "x" });
    let wrong_password =
        json!({ "current_password": "fel-losenord", "new_password": "ett-nytt-langt-losenord" });
    let personnummer = json!({ "personnummer": "19121212-1212" });
    let forged = json!({ "token": "AAAAAAAAAAAAAAAAAAAAAA" });
    let invalid_staff = json!({ "name": "", "profession": "job_coach" });
    let elsa_path = format!("/api/youth/{elsa}");
    let guardians_path = format!("/api/youth/{elsa}/guardians");
    let invitation_path = format!("/api/youth/{elsa}/invitation");
    #[rustfmt::skip]
    let matrix: Vec<(Method, &str, Option<&Value>, [u16; 8])> = vec![
        //                                                                  anon youth other guard other contact staff admin
        (Method::GET,  "/api/health",               None,                  [200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  "/api/me",                   None,                  [401, 200, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/me/password",          Some(&wrong_password), [401, 422, 422, 422, 422, 422, 422, 422]),
        (Method::POST, "/api/invitations/inspect",  Some(&forged),         [404, 404, 404, 404, 404, 404, 404, 404]),
        (Method::POST, "/api/personnummer/check",   Some(&personnummer),   [401, 403, 403, 403, 403, 200, 200, 200]),
        (Method::GET,  "/api/youth",                None,                  [401, 403, 403, 403, 403, 200, 200, 200]),
        (Method::POST, "/api/youth",                Some(&invalid_person), [401, 403, 403, 403, 403, 422, 422, 422]),
        (Method::GET,  &elsa_path,                  None,                  [401, 403, 403, 403, 403, 200, 404, 200]),
        (Method::POST, &guardians_path,             Some(&invalid_person), [401, 403, 403, 403, 403, 422, 404, 422]),
        (Method::POST, &invitation_path,            None,                  [401, 403, 403, 403, 403, 201, 404, 201]),
        (Method::GET,  "/api/youth/999999",         None,                  [401, 403, 403, 403, 403, 404, 404, 404]),
        (Method::GET,  "/api/staff",                None,                  [401, 403, 403, 403, 403, 200, 200, 200]),
        (Method::POST, "/api/staff",                Some(&invalid_staff),  [401, 403, 403, 403, 403, 403, 403, 422]),
        (Method::GET,  "/api/guardian/youth",       None,                  [401, 403, 403, 200, 200, 403, 403, 403]),
        (Method::GET,  "/api/audit",                None,                  [401, 403, 403, 403, 403, 403, 403, 200]),
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &matrix {
        for (i, session) in sessions.iter().enumerate() {
            let status = call(&app, method, path, *body, session.as_ref()).await;
            if status != expected[i] {
                wrong.push(format!(
                    "{method} {path} as {}: {status}, expected {}",
                    CALLERS[i], expected[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Signing in with a wrong password is the same for everyone.
    for (i, session) in sessions.iter().enumerate() {
        let body =
            json!({ "login": format!("nobody{i}@lotsen.example"), "password": DEMO_PASSWORD });
        let status = call(
            &app,
            &Method::POST,
            "/api/auth/sign-in",
            Some(&body),
            session.as_ref(),
        )
        .await;
        assert_eq!(status, 401, "sign-in as {}", CALLERS[i]);
    }
}

#[tokio::test]
async fn staff_see_the_young_people_their_role_allows() {
    let (app, sessions, _) = world().await;
    let names = |list: Vec<YouthSummary>| list.into_iter().map(|y| y.name).collect::<Vec<_>>();
    let karim: Vec<YouthSummary> = app
        .get_as("/api/youth", sessions[5].as_ref().unwrap())
        .await
        .json();
    assert_eq!(
        names(karim),
        ["Elsa Nilsson", "Linnea Ek", "Nils Holm", "Omar Ali"]
    );
    let sven: Vec<YouthSummary> = app
        .get_as("/api/youth", sessions[6].as_ref().unwrap())
        .await
        .json();
    assert!(sven.is_empty(), "not the contact person of anyone");
    let anna: Vec<YouthSummary> = app
        .get_as("/api/youth", sessions[7].as_ref().unwrap())
        .await
        .json();
    assert_eq!(anna.len(), 4, "an administrator sees everyone");
}

#[tokio::test]
async fn guardians_see_only_names_of_their_own_young_people() {
    let (app, sessions, elsa) = world().await;
    let maria: Vec<GuardedYouth> = app
        .get_as("/api/guardian/youth", sessions[3].as_ref().unwrap())
        .await
        .json();
    assert_eq!(
        maria,
        [GuardedYouth {
            id: elsa,
            name: "Elsa Nilsson".into()
        }]
    );
    let raw = app
        .get_as("/api/guardian/youth", sessions[3].as_ref().unwrap())
        .await;
    assert!(
        !raw.text().contains("personnummer") && !raw.text().contains("@"),
        "{}",
        raw.text()
    );
    let greta: Vec<GuardedYouth> = app
        .get_as("/api/guardian/youth", sessions[4].as_ref().unwrap())
        .await
        .json();
    assert_eq!(
        greta.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(),
        ["Nils Holm"]
    );
}

#[tokio::test]
async fn a_guardian_sees_the_young_person_until_the_18th_birthday() {
    let app = TestApp::with_demo().await; // today is 2026-11-23
    let karim = app.demo(KARIM).await;
    let created = app
        .register(
            &karim,
            json!({ "name": "Ida Berg", "personnummer": valid_personnummer(2008, 11, 24, 222), "email": "ida.berg@example.se" }),
        )
        .await;
    let guardian = app
        .post_as(
            &format!("/api/youth/{}/guardians", created.youth.id),
            &json!({ "name": "Eva Berg", "phone": "070-111 22 33" }),
            Some(&karim),
        )
        .await;
    assert_eq!(guardian.status, 201, "{}", guardian.text());
    let guardian: lotsen_api::people::GuardianCreated = guardian.json();
    app.accept(
        guardian.invitation.link.as_deref().unwrap(),
        "evas-eget-losenord",
    )
    .await;

    let eva = app.session("070-111 22 33", "evas-eget-losenord").await;
    let seen: Vec<GuardedYouth> = app.get_as("/api/guardian/youth", &eva).await.json();
    assert_eq!(seen.len(), 1, "the day before the 18th birthday");

    app.advance(Duration::from_secs(24 * 3600));
    let eva = app.session("070-111 22 33", "evas-eget-losenord").await;
    let seen: Vec<GuardedYouth> = app.get_as("/api/guardian/youth", &eva).await.json();
    assert!(seen.is_empty(), "on the 18th birthday: {seen:?}");
}

#[tokio::test]
async fn protected_identity_hides_contact_details_from_all_but_the_contact_person() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let anna = app.demo(ANNA).await;
    let sven = app.demo(SVEN).await;
    let linnea = youth_id(&app, &karim, "Linnea Ek").await;
    let omar = youth_id(&app, &karim, "Omar Ali").await;
    let path = format!("/api/youth/{linnea}");

    let by_contact: YouthDetail = app.get_as(&path, &karim).await.json();
    assert!(by_contact.protected_identity);
    assert!(!by_contact.contact_details_hidden);
    assert_eq!(by_contact.email.as_deref(), Some(LINNEA));

    let by_admin = app.get_as(&path, &anna).await;
    let detail: YouthDetail = by_admin.json();
    assert!(detail.contact_details_hidden);
    assert_eq!((detail.email, detail.phone), (None, None));
    assert!(!by_admin.text().contains(LINNEA), "{}", by_admin.text());

    assert_eq!(app.get_as(&path, &sven).await.status, 404);

    let not_protected: YouthDetail = app
        .get_as(&format!("/api/youth/{omar}"), &anna)
        .await
        .json();
    assert!(!not_protected.contact_details_hidden);
    assert_eq!(not_protected.email.as_deref(), Some(OMAR));
}
