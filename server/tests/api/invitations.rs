//! Invitations: invite → accept → sign in → me → sign out, and every way a link stops working.

use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_api::account::{Delivery, InvitationInfo, Me, Role};
use lotsen_server::Settings;
use serde_json::json;

use crate::helpers::{KARIM, TestApp, message, token_of, valid_personnummer};

const SEVEN_DAYS: Duration = Duration::from_secs(7 * 24 * 3600);

fn sara() -> serde_json::Value {
    json!({
        "name": "Sara Lind",
        "personnummer": valid_personnummer(2007, 5, 14, 123),
        "email": "Sara.Lind@Example.se",
    })
}

/// Karim registers [`sara`]: the app and the token of her invitation link.
async fn sara_invited() -> (TestApp, String) {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let created = app.register(&karim, sara()).await;
    let token = token_of(created.invitation.link.as_deref().unwrap());
    (app, token)
}

async fn inspect(app: &TestApp, token: &str) -> crate::helpers::TestResponse {
    app.post_as("/api/invitations/inspect", &json!({ "token": token }), None)
        .await
}

async fn accept(app: &TestApp, token: &str, password: &str) -> crate::helpers::TestResponse {
    app.post_as(
        "/api/invitations/accept",
        &json!({ "token": token, "password": password }),
        None,
    )
    .await
}

#[tokio::test]
async fn invite_accept_sign_in_me_and_sign_out() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let created = app.register(&karim, sara()).await;
    assert_eq!(created.youth.name, "Sara Lind");
    assert_eq!(created.youth.age, 19);
    assert!(!created.youth.has_account);
    assert_eq!(
        created
            .youth
            .contact_person
            .as_ref()
            .map(|c| c.name.as_str()),
        Some("Karim Haddad"),
        "the registering contact person by default"
    );
    let invitation = created.invitation;
    assert_eq!(
        invitation.delivery,
        Delivery::Handover,
        "no e-mail configured"
    );
    let link = invitation.link.expect("a link to hand over");
    assert!(link.starts_with("http://lotsen.test/invitation#"), "{link}");
    let token = token_of(&link);
    assert_eq!(token.len(), 22, "128 bits in URL-safe base64");
    assert_eq!(invitation.expires_at, "2026-11-30T11:00:00Z");

    // The token itself is nowhere in the database, only its hash.
    let stored = app
        .count(&format!(
            "SELECT COUNT(*) FROM invitations WHERE token_hash = '{token}'"
        ))
        .await;
    assert_eq!(stored, 0);

    let info: InvitationInfo = inspect(&app, &token).await.json();
    assert_eq!(
        info,
        InvitationInfo {
            first_name: "Sara".into(),
            role: Role::Youth,
            expires_at: "2026-11-30T11:00:00Z".into(),
        }
    );
    // No password yet: signing in fails like a wrong password.
    app.sign_in("sara.lind@example.se", "sommarlov-i-alingsas")
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");

    assert_eq!(
        accept(&app, &token, "sommarlov-i-alingsas").await.status,
        204
    );

    let response = app
        .sign_in("SARA.LIND@example.se", "sommarlov-i-alingsas")
        .await
        .assert_status(200);
    let set_cookie = response.header("set-cookie").unwrap().to_owned();
    let token_part = set_cookie.split(';').next().unwrap();
    assert_eq!(
        set_cookie,
        format!("{token_part}; Path=/; HttpOnly; Secure; SameSite=Lax"),
        "a host-only, secure, HttpOnly, Lax session cookie"
    );
    let me: Me = response.json();
    assert_eq!(
        (me.role, me.name.as_str(), me.is_admin),
        (Role::Youth, "Sara Lind", false)
    );
    let session = response.session();
    assert_eq!(app.me(&session).await, Ok(me));

    let signed_out = app
        .post_empty_as("/api/auth/sign-out", Some(&session))
        .await;
    assert_eq!(signed_out.status, 204);
    let cleared = signed_out.header("set-cookie").unwrap();
    assert!(
        cleared.starts_with("__Host-lotsen_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    assert_eq!(
        app.me(&session).await,
        Err(axum::http::StatusCode::UNAUTHORIZED)
    );

    // The link is used up.
    inspect(&app, &token)
        .await
        .assert_error(ErrorCode::InvitationUsed, "sv");
    accept(&app, &token, "ett-annat-losenord")
        .await
        .assert_error(ErrorCode::InvitationUsed, "sv");
}

#[tokio::test]
async fn links_stop_working_when_used_expired_forged_or_replaced() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let created = app.register(&karim, sara()).await;
    let first = token_of(created.invitation.link.as_deref().unwrap());

    app.advance(SEVEN_DAYS - Duration::from_secs(1));
    assert_eq!(
        inspect(&app, &first).await.status,
        200,
        "valid until the last second"
    );
    app.advance(Duration::from_secs(1));
    let karim = app.demo(KARIM).await; // the old session has idled out meanwhile

    let second: lotsen_api::account::InvitationSent = app
        .post_empty_as(
            &format!("/api/youth/{}/invitation", created.youth.id),
            Some(&karim),
        )
        .await
        .assert_status(201)
        .json();
    let second = token_of(second.link.as_deref().unwrap());

    let forged = "AAAAAAAAAAAAAAAAAAAAAA";
    let cases = [
        (
            first.as_str(),
            ErrorCode::InvitationInvalid,
            "replaced by a new invitation (and expired)",
        ),
        (forged, ErrorCode::InvitationInvalid, "a forged token"),
        ("", ErrorCode::InvitationInvalid, "an empty token"),
        (
            &"A".repeat(200),
            ErrorCode::InvitationInvalid,
            "an overlong token",
        ),
    ];
    for (token, code, why) in cases {
        let response = inspect(&app, token).await;
        assert_eq!(
            response.status.as_u16(),
            code.status(),
            "{why}: {}",
            response.text()
        );
        response.assert_error(code, "sv");
        accept(&app, token, "sommarlov-i-alingsas")
            .await
            .assert_error(code, "sv");
    }

    assert_eq!(
        accept(&app, &second, "sommarlov-i-alingsas").await.status,
        204
    );
    accept(&app, &second, "sommarlov-i-alingsas")
        .await
        .assert_error(ErrorCode::InvitationUsed, "sv");
}

#[tokio::test]
async fn an_expired_link_says_so() {
    let (app, token) = sara_invited().await;
    app.advance(SEVEN_DAYS);
    for lang in ["sv", "en"] {
        let response = app
            .send(crate::helpers::request(
                axum::http::Method::POST,
                "/api/invitations/inspect",
                &[
                    ("content-type", "application/json"),
                    ("accept-language", lang),
                    crate::helpers::APP_HEADER,
                ],
                json!({ "token": token }).to_string().into(),
            ))
            .await;
        let body = response.assert_error(ErrorCode::InvitationExpired, lang);
        assert_eq!(body.status, 410);
    }
    accept(&app, &token, "sommarlov-i-alingsas")
        .await
        .assert_error(ErrorCode::InvitationExpired, "sv");
    // The password was not set.
    app.sign_in("sara.lind@example.se", "sommarlov-i-alingsas")
        .await
        .assert_error(ErrorCode::InvalidCredentials, "sv");
}

#[tokio::test]
async fn the_new_password_must_follow_the_rules() {
    let (app, token) = sara_invited().await;
    let cases = [
        ("kort", "password_too_short", "under 8 characters"),
        ("password1", "password_common", "a common password"),
        ("Sommar2026", "password_common", "common, whatever the case"),
        ("lotsen2026", "password_common", "a common Swedish one"),
    ];
    for (password, code, why) in cases {
        let body = accept(&app, &token, password)
            .await
            .assert_error(ErrorCode::Validation, "sv");
        assert_eq!(body.fields.len(), 1, "{why}");
        assert_eq!(
            (body.fields[0].field.as_str(), body.fields[0].code.as_str()),
            ("password", code),
            "{why}"
        );
        assert_eq!(body.fields[0].message, message("sv", code), "{why}");
    }
    // None of that used the link up.
    assert_eq!(
        accept(&app, &token, "sommarlov-i-alingsas").await.status,
        204
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_two_simultaneous_accepts_exactly_one_wins() {
    let (app, token) = sara_invited().await;
    let app = std::sync::Arc::new(app);
    let attempts: Vec<_> = ["forsta-losenordet", "andra-losenordet"]
        .into_iter()
        .map(|password| {
            let app = app.clone();
            let token = token.clone();
            tokio::spawn(async move { (password, accept(&app, &token, password).await) })
        })
        .collect();
    let mut winners = Vec::new();
    for attempt in attempts {
        let (password, response) = attempt.await.unwrap();
        match response.status.as_u16() {
            204 => winners.push(password),
            410 => {
                response.assert_error(ErrorCode::InvitationUsed, "sv");
            }
            other => panic!("unexpected {other}: {}", response.text()),
        }
    }
    assert_eq!(winners.len(), 1, "{winners:?}");
    app.session("sara.lind@example.se", winners[0]).await;
}

#[tokio::test]
async fn with_email_configured_the_invitation_goes_to_the_outbox_and_not_to_the_log() {
    let app = TestApp::with_demo().await;
    let mut settings = Settings::new("https://lotsen.kommun.example");
    settings.email_delivery = true;
    let app = app.with_settings(settings);
    let karim = app.demo(KARIM).await;
    let logs = crate::helpers::LogCapture::start();
    let created = app.register(&karim, sara()).await;
    // Someone with a phone number only gets a link to hand over even so.
    let phone_only = json!({
        "name": "Nils Holm",
        "personnummer": valid_personnummer(2009, 1, 2, 345),
        "phone": "070-765 43 21",
    });
    let phone_only = app.register(&karim, phone_only).await;
    let logged = logs.text();
    drop(logs);
    assert!(
        !logged.contains("/invitation#"),
        "links are logged only without e-mail: {logged}"
    );

    assert_eq!(created.invitation.delivery, Delivery::Email);
    assert_eq!(
        created.invitation.link, None,
        "the link goes by e-mail only"
    );
    let queued = app
        .count(
            "SELECT COUNT(*) FROM outbox WHERE to_address = 'sara.lind@example.se' \
             AND channel = 'email' AND sent_at IS NULL AND body LIKE 'Hej Sara!%https://lotsen.kommun.example/invitation#%'",
        )
        .await;
    assert_eq!(queued, 1);
    assert_eq!(phone_only.invitation.delivery, Delivery::Handover);
    assert!(
        phone_only
            .invitation
            .link
            .unwrap()
            .starts_with("https://lotsen.kommun.example/invitation#")
    );
}

#[tokio::test]
async fn without_email_the_link_is_handed_over_and_never_logged() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let logs = crate::helpers::LogCapture::start();
    let created = app.register(&karim, sara()).await;
    let link = created.invitation.link.unwrap();
    let logged = logs.text();
    drop(logs);
    assert!(!logged.contains(&link), "{logged}");
    assert!(!logged.contains(&token_of(&link)), "{logged}");
    assert!(!logged.contains("sara.lind@example.se"), "{logged}");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
}
