//! The demo people: who they are, that they can sign in, and their ages.

use crate::helpers::DEMO_PASSWORD;
use crate::helpers::internals::DEMO_LOGINS;
use lotsen_api::Personnummer;
use lotsen_api::people::{YouthDetail, YouthSummary};

use crate::helpers::{ANNA, KARIM, LogCapture, TestApp, today};

#[tokio::test]
async fn every_demo_login_signs_in_as_documented() {
    let logs = LogCapture::start();
    let app = TestApp::with_demo().await;
    let logged = logs.text();
    for person in DEMO_LOGINS {
        let response = app.sign_in(person.email, DEMO_PASSWORD).await;
        assert_eq!(
            response.status,
            200,
            "{}: {}",
            person.email,
            response.text()
        );
        let me: lotsen_api::account::Me = response.json();
        assert_eq!(me.name, person.name);
        assert_eq!(me.role, person.role, "{}", person.name);
        assert_eq!(me.profession, person.profession, "{}", person.name);
        assert_eq!(me.is_admin, person.is_admin, "{}", person.name);
        assert!(
            logged.contains(&format!(
                "{} <{}>, password: {DEMO_PASSWORD}",
                person.name, person.email
            )),
            "the login of {} is logged:\n{logged}",
            person.name
        );
    }
    assert_eq!(
        DEMO_LOGINS
            .iter()
            .filter(|p| p.is_admin)
            .map(|p| p.email)
            .collect::<Vec<_>>(),
        [ANNA]
    );
    // No personnummer in the log, in any form.
    let numbers: Vec<String> = app.texts("SELECT personnummer FROM youth").await;
    assert_eq!(numbers.len(), 3);
    for digits in numbers {
        for form in [
            digits.clone(),
            format!("{}-{}", &digits[..8], &digits[8..]),
            digits[2..].to_owned(),
        ] {
            assert!(!logged.contains(&form), "{form} is in the log");
        }
    }
}

#[tokio::test]
async fn the_demo_young_people_have_the_documented_ages_and_contact_person() {
    let (app, anna) = TestApp::with_demo_signed_in(ANNA).await;
    let list: Vec<YouthSummary> = app.get_as("/api/youth", &anna).await.json();
    let expected = [
        ("Elsa Nilsson", 17, false),
        ("Linnea Ek", 24, true),
        ("Omar Ali", 19, false),
    ];
    let got: Vec<(&str, i32, bool)> = list
        .iter()
        .map(|y| (y.name.as_str(), y.age, y.protected_identity))
        .collect();
    assert_eq!(got, expected);
    for youth in &list {
        assert!(youth.has_account, "{} can sign in", youth.name);
        assert_eq!(
            youth.contact_person.as_ref().map(|c| c.name.as_str()),
            Some("Karim Haddad")
        );
    }
    let karim = app.demo(KARIM).await;
    let elsa = list.iter().find(|y| y.name == "Elsa Nilsson").unwrap();
    let detail: YouthDetail = app
        .get_as(&format!("/api/youth/{}", elsa.id), &karim)
        .await
        .json();
    let guardians: Vec<&str> = detail.guardians.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(guardians, ["Maria Nilsson", "Per Nilsson"]);
    assert_eq!(detail.email.as_deref(), Some("elsa.nilsson@lotsen.example"));
    let shown: lotsen_api::timeline::RevealedPersonnummer = app
        .post_as(
            &format!("/api/youth/{}/personnummer", elsa.id),
            &serde_json::json!({}),
            Some(&karim),
        )
        .await
        .assert_status(200)
        .json();
    let personnummer =
        Personnummer::parse(&shown.personnummer, today()).expect("a valid personnummer");
    assert_eq!(personnummer.age_on(today()), 17);
    assert_eq!(
        detail.personnummer,
        personnummer.masked(),
        "the record masks it"
    );
}
