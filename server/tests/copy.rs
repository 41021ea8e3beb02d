//! Copying a SQLite database with people, sessions, invitations and an audit
//! log into a new PostgreSQL database (`lotsen_server::copy`), then using the
//! copy. Needs `LOTSEN_TEST_PG_URL` (as `cargo xtask test` sets it); without it
//! the test says so and passes.

use lotsen_api::application::ApplicationStatus;
use lotsen_api::contact::Login;
use lotsen_server::accounts::store::{NewAccount, NewInvitation, login_account};
use lotsen_server::applications::store::{self as applications, Reader};
use lotsen_server::people::access::StaffViewer;
use lotsen_server::people::store::{NewYouthRecord, list_youth, register_youth};
use lotsen_server::{Clock, Db, copy, demo, schedule};
use sqlx::Connection;

async fn admin(url: &str) -> sqlx::PgConnection {
    sqlx::PgConnection::connect(url)
        .await
        .expect("LOTSEN_TEST_PG_URL answers")
}

/// A new, empty PostgreSQL database named after `what` and this process:
/// the database, its name, and the administrator's connection (to drop it).
async fn new_postgres(admin_url: &str, what: &str) -> (Db, String, sqlx::PgConnection) {
    let name = format!("lotsen_{what}_{}", std::process::id());
    let mut connection = admin(admin_url).await;
    sqlx::query(&format!(r#"DROP DATABASE IF EXISTS "{name}""#))
        .execute(&mut connection)
        .await
        .unwrap();
    sqlx::query(&format!(r#"CREATE DATABASE "{name}""#))
        .execute(&mut connection)
        .await
        .unwrap();
    let (base, _) = admin_url
        .split_once('?')
        .unwrap_or((admin_url, ""))
        .0
        .rsplit_once('/')
        .unwrap();
    let postgres = Db::connect(&format!("{base}/{name}")).await.unwrap();
    (postgres, name, connection)
}

/// With `LOTSEN_TEST_PG_URL` set: it, and a new SQLite database (in a
/// temporary directory, kept while the test runs) with a clock on 23
/// November 2026, to copy from. Without: says the test is skipped.
async fn source() -> Option<(String, tempfile::TempDir, Db, Clock)> {
    let Ok(admin_url) = std::env::var("LOTSEN_TEST_PG_URL") else {
        eprintln!("skipped: set LOTSEN_TEST_PG_URL=postgres://user@host:port/postgres to run");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Db::connect(&format!(
        "sqlite://{}",
        dir.path().join("lotsen.db").display()
    ))
    .await
    .unwrap();
    let clock = Clock::manual_on(lotsen_api::date::ymd(2026, 11, 23).unwrap());
    Some((admin_url, dir, sqlite, clock))
}

/// The whole demo (`--demo-data`: the register and the programme too)
/// copies whole: every table verified by the copy, and the programme's rows
/// are there.
#[tokio::test]
async fn the_whole_demo_is_copied_to_postgres() {
    let Some((admin_url, _dir, sqlite, clock)) = source().await else {
        return;
    };
    assert!(demo::seed_if_new(&sqlite, &clock).await.unwrap());
    let (postgres, name, mut connection) = new_postgres(&admin_url, "whole_demo").await;
    {
        let (Db::Sqlite(from), Db::Postgres(to)) = (&sqlite, &postgres) else {
            unreachable!()
        };
        let counts = copy::sqlite_to_postgres(from, to).await.unwrap();
        let count = |table: &str| counts.iter().find(|c| c.table == table).map(|c| c.target);
        for table in [
            "applications",
            "application_signatures",
            "outcome_entries",
            "ratings",
            "feedback_answers",
            "absences",
            "bookings",
            "waitlist",
            "register_people",
            "register_measures",
        ] {
            assert!(count(table).is_some_and(|n| n > 0), "{table}: {counts:?}");
        }
    }
    postgres.close().await;
    sqlx::query(&format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#))
        .execute(&mut connection)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_sqlite_database_is_copied_to_postgres_and_works_there() {
    let Some((admin_url, _dir, sqlite, clock)) = source().await else {
        return;
    };
    // The demo without its register, whose rows the counts below do not
    // name; the register's code list (seeded by the migrations) is copied.
    assert!(
        demo::seed_scope_if_new(&sqlite, &clock, demo::DemoScope::WithoutRegister)
            .await
            .unwrap()
    );
    let now = clock.unix_seconds();
    let (karim, _) = login_account(&sqlite, &Login::Email(demo::DEMO_CONTACT_PERSON.into()))
        .await
        .unwrap()
        .unwrap();
    let karim = StaffViewer {
        id: karim,
        is_admin: false,
    };
    assert_eq!(list_youth(&sqlite, karim, now).await.unwrap().len(), 3);
    lotsen_server::auth::store::create_session(
        &sqlite,
        karim.id,
        "session-hash",
        None,
        lotsen_api::Lang::Sv,
        now,
    )
    .await
    .unwrap();
    let sara = NewAccount {
        role: lotsen_api::account::Role::Youth,
        name: "Sara Lind".into(),
        email: Some("sara.lind@example.se".into()),
        phone: None,
    };
    let invitation = NewInvitation {
        token_hash: "invitation-hash".into(),
        expires_at: now + 3600,
    };
    let youth = NewYouthRecord {
        account: &sara,
        personnummer: "200705141231",
        protected_identity: true,
        contact_person_id: Some(karim.id),
    };
    register_youth(&sqlite, karim.id, &youth, &invitation, None, now)
        .await
        .unwrap();

    // Omar (19) has an application that he has signed: submitted.
    let (omar, _) = login_account(&sqlite, &Login::Email("omar.ali@lotsen.example".into()))
        .await
        .unwrap()
        .unwrap();
    let content = r#"{"situation":"nothing","last_school":"","school_status":"dropped_out","help_with":["work"],"help_text":"","interests":"","contact_by":"sms","consents":{"school":true,"social_services":false,"employment_service":true,"youth_clinic":false}}"#;
    let application = applications::create_application(&sqlite, karim, omar, content, now)
        .await
        .unwrap()
        .expect("Karim may see Omar");
    let hash = "0".repeat(64);
    // Signed with a passkey, so that its evidence is copied too.
    let evidence = lotsen_server::passkeys::signing::Evidence {
        credential_id: "AAAA".into(),
        public_key: "{}".into(),
        nonce: "AAAA".into(),
        authenticator_data: "AAAA".into(),
        client_data_json: "e30".into(),
        signature: "AAAA".into(),
    };
    let signing = applications::Signing {
        id: application,
        youth_id: omar,
        version: 1,
        document_hash: &hash,
        guardians_needed: false,
        notifications: &[],
        passkey: Some(&evidence),
    };
    applications::sign_application(&sqlite, signing, now)
        .await
        .unwrap();

    // The demo week is on Elsa's schedule: one occurrence cancelled, one "can't come", a calendar feed.
    let (elsa, _) = login_account(&sqlite, &Login::Email("elsa.nilsson@lotsen.example".into()))
        .await
        .unwrap()
        .unwrap();
    let monday = lotsen_api::date::ymd(2026, 11, 23).unwrap();
    let week = (monday, lotsen_api::date::ymd(2026, 11, 29).unwrap());
    let demo_week = schedule::store::schedule_rows(&sqlite, elsa, week.0, week.1)
        .await
        .unwrap();
    let first = demo_week.assigned[0].1.id;
    schedule::store::change_occurrence(
        &sqlite,
        first,
        monday,
        None,
        Some("Studiedag"),
        karim.id,
        now,
    )
    .await
    .unwrap();
    schedule::store::report_absence(
        &sqlite,
        elsa,
        demo_week.assigned[1].1.id,
        monday,
        Some("Sjuk"),
        now,
    )
    .await
    .unwrap();
    schedule::store::create_feed(&sqlite, elsa, &"a".repeat(64), now)
        .await
        .unwrap();

    let (postgres, name, mut connection) = new_postgres(&admin_url, "copy").await;

    {
        let (Db::Sqlite(from), Db::Postgres(to)) = (&sqlite, &postgres) else {
            unreachable!()
        };
        let counts = copy::sqlite_to_postgres(from, to).await.unwrap();
        let count = |table: &str| counts.iter().find(|c| c.table == table).map(|c| c.target);
        assert_eq!(count("accounts"), Some(10));
        assert_eq!(count("youth"), Some(4));
        assert_eq!(count("guardian_of"), Some(2));
        assert_eq!(count("audit_log"), Some(5)); // four registrations and reads, one new application
        assert_eq!(count("sessions"), Some(1));
        assert_eq!(count("invitations"), Some(1));
        assert_eq!(count("applications"), Some(1));
        assert_eq!(count("application_signatures"), Some(1));
        assert!(count("application_events").is_some_and(|n| n >= 2));
        assert_eq!(count("activities"), Some(5));
        assert_eq!(count("occurrence_changes"), Some(1));
        assert_eq!(count("absences"), Some(1));
        assert_eq!(count("calendar_feeds"), Some(1));
        assert_eq!(count("measure_codes"), Some(10));

        // Elsa's week reads the same on PostgreSQL.
        let copied_week = schedule::store::schedule_rows(&postgres, elsa, week.0, week.1)
            .await
            .unwrap();
        assert_eq!(copied_week.assigned, demo_week.assigned);
        assert_eq!(copied_week.changes.len(), 1);
        assert_eq!(copied_week.absences[0].reason.as_deref(), Some("Sjuk"));
        assert_eq!(
            schedule::store::feed_owner(&postgres, &"a".repeat(64))
                .await
                .unwrap(),
            Some(elsa)
        );

        // The copy works: sessions, protected identity, and new rows get fresh ids.
        let copied =
            applications::read_application(&postgres, Reader::Youth(omar), application, now)
                .await
                .unwrap()
                .expect("Omar reads his application on PostgreSQL");
        assert_eq!(copied.status, ApplicationStatus::Submitted);
        let session = lotsen_server::auth::store::session(&postgres, "session-hash")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(session.account.name, "Karim Haddad");
        let listed = list_youth(&postgres, karim, now + 60).await.unwrap();
        assert_eq!(listed.len(), 4);
        assert!(
            listed
                .iter()
                .any(|y| y.record.name == "Sara Lind" && y.record.protected_identity)
        );
        let page = lotsen_server::audit::store::page(&postgres, None, 50)
            .await
            .unwrap();
        assert_eq!(page.len(), 9); // the five copied, the list just now (four young people)
        assert!(page[0].id > page[4].id);
        let (_, hash) = login_account(
            &postgres,
            &Login::Email("elsa.nilsson@lotsen.example".into()),
        )
        .await
        .unwrap()
        .unwrap();
        assert!(hash.is_some_and(|h| h.starts_with("$argon2id$")));
    }
    postgres.close().await;
    sqlx::query(&format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#))
        .execute(&mut connection)
        .await
        .unwrap();
}
