//! Registering young people and their guardians: validation, conflicts decided by the
//! database, and no personnummer in the log; the staff list reads only whom it shows.

use std::sync::Arc;

use lotsen_api::ErrorCode;
use lotsen_api::people::{YouthDetail, YouthSummary};
use lotsen_api::timeline::RevealedPersonnummer;
use serde_json::{Value, json};

use lotsen_server::people::store::list_youth_sql;

use crate::booking::window_reads::{rows_touched, with_literals};
use crate::helpers::{ANNA, KARIM, LogCapture, SVEN, TestApp, message, valid_personnummer};

fn sara() -> Value {
    json!({
        "name": "Sara Lind",
        "personnummer": valid_personnummer(2007, 5, 14, 123),
        "email": "sara.lind@example.se",
        "phone": "070-123 45 67",
    })
}

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base[key] = value;
    base
}

#[tokio::test]
async fn invalid_registrations_name_every_field_and_why() {
    let app = TestApp::with_demo().await;
    let [karim, sven_id] = app.demos([KARIM, SVEN]).await;
    let sven_id = app.me(&sven_id).await.unwrap().id;
    type Case<'a> = (Value, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (
            with(sara(), "name", json!("  ")),
            vec![("name", "required")],
            "no name",
        ),
        (
            with(sara(), "name", json!("x".repeat(101))),
            vec![("name", "too_long")],
            "a long name",
        ),
        (
            with(sara(), "personnummer", json!("20070514-1230")),
            vec![("personnummer", "personnummer_checksum")],
            "a typo",
        ),
        (
            with(sara(), "personnummer", json!("")),
            vec![("personnummer", "personnummer_empty")],
            "no personnummer",
        ),
        (
            with(sara(), "personnummer", json!("20271231-1234")),
            vec![("personnummer", "personnummer_future")],
            "not born yet",
        ),
        (
            with(sara(), "email", json!("sara@")),
            vec![("email", "email")],
            "a broken e-mail address",
        ),
        (
            with(sara(), "phone", json!("12")),
            vec![("phone", "phone")],
            "a broken phone number",
        ),
        (
            json!({ "name": "Sara Lind", "personnummer": valid_personnummer(2007, 5, 14, 123) }),
            vec![("email", "contact_required")],
            "neither e-mail nor phone",
        ),
        (
            json!({ "name": "", "personnummer": "x", "email": "", "phone": null }),
            vec![
                ("name", "required"),
                ("email", "contact_required"),
                ("personnummer", "personnummer_format"),
            ],
            "everything at once",
        ),
        (
            with(sara(), "contact_person_id", json!(sven_id)),
            vec![("contact_person_id", "contact_person_invalid")],
            "not a contact person",
        ),
        (
            with(sara(), "contact_person_id", json!(999_999)),
            vec![("contact_person_id", "contact_person_invalid")],
            "no such staff",
        ),
    ];
    for (body, expected, why) in cases {
        let response = app.post_as("/api/youth", &body, Some(&karim)).await;
        let error = response.assert_error(ErrorCode::Validation, "sv");
        let mut got: Vec<(&str, &str)> = crate::helpers::field_codes(&error);
        let mut expected = expected;
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "{why}");
        for field in &error.fields {
            assert_eq!(field.message, message("sv", &field.code), "{why}");
        }
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts WHERE name = 'Sara Lind'")
            .await,
        0
    );
}

#[tokio::test]
async fn taken_personnummer_email_and_phone_conflict() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    app.register(&karim, sara()).await;
    let other = json!({
        "name": "Sara Andersson",
        "personnummer": valid_personnummer(2006, 1, 1, 1),
        "email": "sara.andersson@example.se",
        "phone": "070-999 99 99",
    });
    let cases = [
        (
            with(
                other.clone(),
                "personnummer",
                json!(valid_personnummer(2007, 5, 14, 123).replace('-', "")),
            ),
            "personnummer",
            "the same number, another form",
        ),
        (
            with(other.clone(), "email", json!("SARA.LIND@example.se")),
            "email",
            "the same e-mail in capitals",
        ),
        (
            with(other.clone(), "phone", json!("+46701234567")),
            "phone",
            "the same phone, international",
        ),
        (
            with(other.clone(), "email", json!("karim.haddad@lotsen.example")),
            "email",
            "a staff member's e-mail",
        ),
    ];
    for (body, field, why) in cases {
        let response = app.post_as("/api/youth", &body, Some(&karim)).await;
        let error = response.assert_error(ErrorCode::Conflict, "sv");
        let code = format!("{field}_taken");
        assert_eq!(error.fields.len(), 1, "{why}");
        assert_eq!(
            (
                error.fields[0].field.as_str(),
                error.fields[0].code.as_str()
            ),
            (field, code.as_str()),
            "{why}"
        );
        assert_eq!(error.fields[0].message, message("sv", &code), "{why}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM youth").await,
        4,
        "the three demo people and Sara"
    );
    app.register(&karim, other).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_100_simultaneous_registrations_of_one_personnummer_exactly_one_succeeds() {
    let app = Arc::new(TestApp::with_demo().await);
    let karim = app.demo(KARIM).await;
    let personnummer = valid_personnummer(2008, 6, 6, 606);
    let attempts: Vec<_> = (0..100)
        .map(|i| {
            let app = app.clone();
            let karim = karim.clone();
            let body = json!({ "name": format!("Kim Nummer {i}"), "personnummer": personnummer, "email": format!("kim{i}@example.se") });
            tokio::spawn(async move { app.post_as("/api/youth", &body, Some(&karim)).await })
        })
        .collect();
    let (mut created, mut conflicts) = (0, 0);
    for attempt in attempts {
        let response = attempt.await.unwrap();
        match response.status.as_u16() {
            201 => created += 1,
            409 => {
                response.assert_field_error(ErrorCode::Conflict, "personnummer_taken");
                conflicts += 1;
            }
            other => panic!("unexpected {other}: {}", response.text()),
        }
    }
    assert_eq!((created, conflicts), (1, 99));
    let digits = personnummer.replace('-', "");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM youth WHERE personnummer = '{digits}'"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM accounts WHERE name LIKE 'Kim Nummer%'")
            .await,
        1,
        "no half-made accounts"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM invitations").await, 1);
}

#[tokio::test]
async fn no_personnummer_reaches_the_log() {
    let app = TestApp::with_demo().await;
    let [karim, anna] = app.demos([KARIM, ANNA]).await;
    let personnummer = valid_personnummer(2007, 5, 14, 123);
    let logs = LogCapture::start();
    let created = app.register(&karim, sara()).await;
    let path = format!("/api/youth/{}", created.youth.id);
    for staff in [&karim, &anna] {
        let detail: YouthDetail = app.get_as(&path, staff).await.json();
        assert_eq!(
            detail.personnummer,
            format!("{}-****", &personnummer[..8]),
            "the record shows it masked"
        );
        let shown: RevealedPersonnummer = app
            .post_as(&format!("{path}/personnummer"), &json!({}), Some(staff))
            .await
            .assert_status(200)
            .json();
        assert_eq!(shown.personnummer, personnummer, "in full on request");
        let list: Vec<YouthSummary> = app.get_as("/api/youth", staff).await.json();
        assert!(list.iter().any(|y| y.id == created.youth.id));
    }
    // A conflict and a validation error on the same number.
    assert_eq!(
        app.post_as("/api/youth", &sara(), Some(&karim))
            .await
            .status,
        409
    );
    let last = personnummer.as_bytes()[12] - b'0';
    let typo_number = format!("{}{}", &personnummer[..12], (last + 1) % 10);
    let typo = with(sara(), "personnummer", json!(typo_number));
    assert_eq!(
        app.post_as("/api/youth", &typo, Some(&karim)).await.status,
        422
    );

    let logged = logs.text();
    assert!(
        logged.contains("/api/youth"),
        "the requests were logged: {logged}"
    );
    let digits = personnummer.replace('-', "");
    for form in [
        personnummer.as_str(),
        &digits,
        &digits[2..],
        &personnummer[2..],
    ] {
        assert!(!logged.contains(form), "{form} is in the log:\n{logged}");
    }
    let serial_and_check = &personnummer[9..];
    assert!(
        !logged.contains(&format!("0514-{serial_and_check}")),
        "{logged}"
    );
}

#[tokio::test]
async fn the_contact_person_defaults_to_the_registering_contact_person_only() {
    let (app, sven) = TestApp::with_demo_signed_in(SVEN).await;
    let created = app.register(&sven, sara()).await;
    assert_eq!(
        created.youth.contact_person, None,
        "a study counsellor is no contact person"
    );
    let visible: Vec<YouthSummary> = app.get_as("/api/youth", &sven).await.json();
    assert!(visible.is_empty());
    let anna = app.demo(ANNA).await;
    let all: Vec<YouthSummary> = app.get_as("/api/youth", &anna).await.json();
    assert!(
        all.iter()
            .any(|y| y.name == "Sara Lind" && y.contact_person.is_none())
    );
}

#[tokio::test]
async fn guardians_are_added_with_an_invitation_and_shown_on_the_record() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let created = app
        .register(
            &karim,
            with(
                sara(),
                "personnummer",
                json!(valid_personnummer(2010, 1, 1, 5)),
            ),
        )
        .await;
    let path = format!("/api/youth/{}/guardians", created.youth.id);
    let cases = [
        (
            json!({ "name": "Lena Lind" }),
            vec![("email", "contact_required")],
            "no way to reach them",
        ),
        (
            json!({ "name": "", "email": "lena@example.se" }),
            vec![("name", "required")],
            "no name",
        ),
    ];
    for (body, expected, why) in cases {
        let error = app
            .post_as(&path, &body, Some(&karim))
            .await
            .assert_error(ErrorCode::Validation, "sv");
        let got: Vec<(&str, &str)> = crate::helpers::field_codes(&error);
        assert_eq!(got, expected, "{why}");
    }
    app.post_as(
        &path,
        &json!({ "name": "Lena Lind", "email": "sara.lind@example.se" }),
        Some(&karim),
    )
    .await
    .assert_field_error(ErrorCode::Conflict, "email_taken");
    let added: lotsen_api::people::GuardianCreated = app
        .post_as(
            &path,
            &json!({ "name": "Lena Lind", "email": "lena.lind@example.se" }),
            Some(&karim),
        )
        .await
        .assert_status(201)
        .json();
    assert_eq!(added.guardian.name, "Lena Lind");
    assert!(added.invitation.link.is_some());
    let detail: YouthDetail = app
        .get_as(&format!("/api/youth/{}", created.youth.id), &karim)
        .await
        .json();
    assert_eq!(detail.guardians.len(), 1);
    assert_eq!(detail.guardians[0].name, "Lena Lind");
    assert!(!detail.guardians[0].has_account);
}

#[tokio::test]
async fn admins_invite_staff_who_then_sign_in() {
    let (app, anna) = TestApp::with_demo_signed_in(ANNA).await;
    let created: lotsen_api::people::StaffCreated = app
        .post_as(
            "/api/staff",
            &json!({ "name": "Kurt Kurator", "email": "kurt@lotsen.example", "profession": "school_counsellor" }),
            Some(&anna),
        )
        .await
        .assert_status(201)
        .json();
    assert!(!created.staff.is_admin);
    app.accept_invitation(&created.invitation, "kurts-losenord")
        .await;
    let kurt = app.session("kurt@lotsen.example", "kurts-losenord").await;
    let staff: Vec<lotsen_api::people::StaffMember> = app.get_as("/api/staff", &kurt).await.json();
    assert_eq!(staff.len(), 5);
    assert_eq!(staff[0].name, "Anna Andersson");
    app.post_as(
        "/api/staff",
        &json!({ "name": "Kurt Igen", "email": "KURT@lotsen.example", "profession": "job_coach" }),
        Some(&anna),
    )
    .await
    .assert_field_error(ErrorCode::Conflict, "email_taken");
}

/// Young people of another contact person, each with an application and a
/// register contact: rows outside a contact person's list.
const OTHERS: i64 = 2_000;

/// A contact person's list of young people costs what it shows: with
/// [`OTHERS`] young people of someone else's, their applications and
/// contacts in the tables, the list is the same, and its one statement finds
/// its young people, each one's latest application and latest contact through
/// indexes. SQLite: the plan searches, never scans; PostgreSQL: the rows the
/// run touched in each table, counted.
#[tokio::test]
async fn the_youth_list_reads_only_the_young_people_it_shows() {
    let app = TestApp::with_demo().await;
    let karim_session = app.demo(KARIM).await;
    let before: Vec<YouthSummary> = app.get_as("/api/youth", &karim_session).await.json();
    let (karim, sven) = (app.account_id(KARIM).await, app.account_id(SVEN).await);
    let n = format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {OTHERS})"
    );
    let id = "1000000 + i";
    for sql in [
        format!(
            "INSERT INTO accounts (id, role, name, created_at) {n} SELECT {id}, 'youth', 'Ung', 0 FROM n"
        ),
        format!(
            "INSERT INTO youth (account_id, personnummer, contact_person_id) \
             {n} SELECT {id}, CAST(200000000000 + i AS TEXT), {sven} FROM n"
        ),
        format!(
            "INSERT INTO applications (youth_id, created_by, content, created_at, updated_at) \
             {n} SELECT {id}, {sven}, '{{}}', i, i FROM n"
        ),
        format!(
            "INSERT INTO register_contacts (youth_id, contacted_on, channel, recipient, staff_id, \
             outcome, recorded_at, recorded_by) \
             {n} SELECT {id}, '2026-11-01', 'phone', 'youth', {sven}, 'no_answer', 0, {sven} FROM n"
        ),
    ] {
        assert_eq!(app.execute(&sql).await.unwrap(), OTHERS as u64, "{sql}");
    }
    let after: Vec<YouthSummary> = app.get_as("/api/youth", &karim_session).await.json();
    let columns = |list: &[YouthSummary]| -> Vec<String> {
        list.iter()
            .map(|y| {
                format!(
                    "{} {} {:?} {:?}",
                    y.id, y.name, y.application_status, y.last_contact_on
                )
            })
            .collect()
    };
    assert_eq!(columns(&after), columns(&before));
    assert!(!before.is_empty());
    if app.is_sqlite() {
        // Planned as the server runs it, with parameters.
        let plan = app.plan(list_youth_sql(false)).await;
        assert!(
            !plan.iter().any(|l| l.starts_with("SCAN")),
            "a table is scanned whole: {plan:#?}"
        );
        for (table, index) in [
            ("youth", "youth_contact_person"),
            ("youth_team", "youth_team_staff"),
            ("applications", "applications_youth_latest"),
            ("register_contacts", "register_contacts_youth"),
        ] {
            assert!(
                plan.iter()
                    .any(|l| l.starts_with("SEARCH") && l.contains(&format!("INDEX {index} "))),
                "{table} is not read through {index}: {plan:#?}"
            );
        }
    } else {
        app.execute("ANALYZE").await.unwrap();
        let sql = with_literals(list_youth_sql(false), &[karim.to_string(), "FALSE".into()]);
        let plan = app.plan(&sql).await;
        for table in ["youth", "applications", "register_contacts"] {
            let touched = rows_touched(&plan, table);
            assert!(
                touched <= 20,
                "{table}: {touched} rows touched for a list of {}\n{}",
                before.len(),
                plan.join("\n")
            );
        }
    }
}
