//! The messages about an application (asking a guardian to co-sign, telling
//! of a guardian's decline) are written in the recipient's language, the one
//! they last signed in with; someone who never signed in gets both, Swedish
//! first.

use serde_json::json;

use super::{draft, sign};
use crate::helpers::{ELSA, KARIM, MARIA, PER, TestApp};

#[tokio::test]
async fn a_guardian_who_signed_in_in_english_is_asked_to_co_sign_in_english_only() {
    let app = TestApp::with_demo_and_email().await;
    let [karim, elsa] = app.demos([KARIM, ELSA]).await;
    app.demo_in(MARIA, "en").await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    sign(&app, &created, &elsa).await.assert_status(200);

    let to_maria = app.mail_to(MARIA).await.remove(0);
    assert_eq!(to_maria.subject, "An application to co-sign in Lotsen");
    assert_eq!(
        to_maria.body,
        "Hello Maria! Elsa has signed their application to Lotsen. As Elsa is under 18, you as a guardian \
         need to co-sign it too. Sign in at http://lotsen.test to read it and co-sign or decline.\n"
    );
    // Per has never signed in: both languages, Swedish first.
    let to_per = app.mail_to(PER).await.remove(0);
    assert_eq!(
        to_per.subject,
        "Ansökan att skriva under i Lotsen / An application to co-sign in Lotsen"
    );
    assert!(to_per.body.starts_with("Hej Per!"), "{}", to_per.body);
    assert!(
        to_per.body.contains("\n\n--\nHello Per! Elsa has signed"),
        "{}",
        to_per.body
    );
}

#[tokio::test]
async fn a_guardians_decline_reaches_the_young_person_and_the_referrer_each_in_their_language() {
    let app = TestApp::with_demo_and_email().await;
    let karim = app.demo_in(KARIM, "sv").await;
    let elsa = app.demo_in(ELSA, "en").await;
    let per = app.demo(PER).await;
    let created = draft(&app, &karim, app.youth_named("Elsa Nilsson").await).await;
    sign(&app, &created, &elsa).await.assert_status(200);
    app.post_as(
        &format!("/api/applications/{}/guardian-decline", created.id),
        &json!({ "reason": "Vi vill prata om samtycket först." }),
        Some(&per),
    )
    .await
    .assert_status(200);

    let to_elsa = app.mail_to(ELSA).await.remove(0);
    assert_eq!(to_elsa.subject, "The application in Lotsen needs changes");
    assert!(
        to_elsa.body.starts_with("Hello Elsa! A guardian declined"),
        "{}",
        to_elsa.body
    );
    assert!(!to_elsa.body.contains("Hej"), "{}", to_elsa.body);
    let to_karim = app.mail_to(KARIM).await.remove(0);
    assert_eq!(to_karim.subject, "Ansökan i Lotsen behöver ändras");
    assert!(
        to_karim
            .body
            .starts_with("Hej Karim!\n\nEn vårdnadshavare har sagt nej"),
        "{}",
        to_karim.body
    );
    assert!(!to_karim.body.contains("Hello"), "{}", to_karim.body);
}
