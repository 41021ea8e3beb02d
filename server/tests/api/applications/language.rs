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
    let (swedish, english) = to_per.body.split_once("\n\n--\n").unwrap();
    assert!(swedish.starts_with("Hej Per!\n\nElsa har skrivit under"));
    assert!(english.starts_with("Hello Per! Elsa has signed"));
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
    assert_eq!(
        [to_elsa.subject.as_str(), to_elsa.body.as_str()],
        [
            "The application in Lotsen needs changes",
            "Hello Elsa! A guardian declined to co-sign the application to Lotsen. It is a draft again. \
             Sign in at http://lotsen.test to see why and change it.\n"
        ]
    );
    let to_karim = app.mail_to(KARIM).await.remove(0);
    assert_eq!(
        [to_karim.subject.as_str(), to_karim.body.as_str()],
        [
            "Ansökan i Lotsen behöver ändras",
            "Hej Karim!\n\nEn vårdnadshavare har sagt nej till att skriva under ansökan till Lotsen. \
             Ansökan är ett utkast igen. Logga in på http://lotsen.test för att se varför och ändra den."
        ]
    );
}
