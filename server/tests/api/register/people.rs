//! The register's entries: import (preview, import, updates by personnummer,
//! Windows-1252 and UTF-8, `;` and `,`), entries by hand, registration and
//! deregistration, the 20th birthday, the officer permission and the young
//! person's own view. Issue 17, acceptance 1 and (the 20th birthday) 3.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::http::Method;
use lotsen_api::ErrorCode;
use lotsen_api::register::people::{
    EXPLANATION, Entry, EntryPage, FIELD_CODES, ImportReport, MyRegister, Period,
};
use lotsen_api::register::{DeregistrationReason, RegistrationReason};
use serde_json::{Value, json};

use crate::authorization::new_staff;
use crate::helpers::{
    ANNA, APP_HEADER, ELSA, KARIM, LINNEA, SVEN, Session, TestApp, TestResponse, internals,
    message, request, valid_personnummer,
};

/// `POST path` with `body` as the raw request body of `content_type`, as `session`.
pub async fn post_file(
    app: &TestApp,
    path: &str,
    body: Vec<u8>,
    content_type: &str,
    session: &Session,
) -> TestResponse {
    let headers = [
        APP_HEADER,
        ("content-type", content_type),
        ("cookie", session.cookie.as_str()),
    ];
    app.send(request(Method::POST, path, &headers, body.into()))
        .await
}

/// The stored personnummer (12 digits) of the account with e-mail `email`.
pub async fn personnummer_of(app: &TestApp, email: &str) -> String {
    app.texts(&format!(
        "SELECT y.personnummer FROM youth y JOIN accounts a ON a.id = y.account_id WHERE a.email = '{email}'"
    ))
    .await
    .remove(0)
}

/// Gives a member of staff the officer permission (as the administrator `anna`).
pub async fn make_officer(app: &TestApp, anna: &Session, staff_id: i64) {
    app.put_as(
        &format!("/api/register/officers/{staff_id}"),
        &json!({ "officer": true }),
        anna,
    )
    .await
    .assert_status(200);
}

/// Olle, a social worker invited by Anna (`anna`) and made an officer.
pub async fn new_officer(app: &TestApp, anna: &Session) -> Session {
    let (olle_id, olle) = new_staff(app, anna, "Olle Berg", OLLE, "social_worker").await;
    make_officer(app, anna, olle_id).await;
    olle
}

/// Olle's login.
const OLLE: &str = "olle.berg@lotsen.example";

/// The demo people and Olle the officer; his session and Anna's.
async fn officer_world() -> (TestApp, Session, Session) {
    let app = TestApp::with_demo().await;
    let anna = app.demo(ANNA).await;
    let olle = new_officer(&app, &anna).await;
    (app, olle, anna)
}

/// One row of a generated import file.
#[derive(Clone, Debug)]
struct Row {
    personnummer: String,
    first: String,
    last: String,
    street: String,
    postal_code: String,
    city: String,
    phone: String,
    email: String,
    left_on: String,
    reason: String,
}

const FIRST: [&str; 10] = [
    "Åsa", "Björn", "Märta", "Östen", "Sara", "Ali", "Noor", "Jönsson", "Elin", "Ärla",
];
const LAST: [&str; 10] = [
    "Öberg",
    "Åkesson",
    "Lindqvist",
    "Bäckström",
    "Holm",
    "Hassan",
    "Söderlund",
    "Ek",
    "Ström",
    "Nyström",
];
const CITIES: [&str; 4] = ["Malmö", "Göteborg", "Växjö", "Örebro"];

/// The ten bad rows of the fixture (0-based data row index) and the codes
/// the preview must name for each; the file's line is the index + 2.
fn bad_rows() -> BTreeMap<usize, Vec<&'static str>> {
    BTreeMap::from([
        (5, vec!["personnummer_checksum"]),
        (15, vec!["register_age_20"]),
        (25, vec!["register_too_young"]),
        (35, vec!["register_duplicate_in_file"]),
        (36, vec!["register_duplicate_in_file"]),
        (45, vec!["required"]),
        (55, vec!["register_date_format"]),
        (65, vec!["register_date_future"]),
        (75, vec!["email"]),
        (85, vec!["personnummer_format"]),
    ])
}

/// The fixture: 100 rows, the ten of [`bad_rows`] bad. `changed`: the
/// second file, the same people with a new address and a new surname for
/// every tenth.
fn fixture(changed: bool) -> Vec<Row> {
    let mut rows: Vec<Row> = (0..100)
        .map(|i| {
            let year = 2008 + (i % 3) as i32;
            let month = 1 + (i % 12) as u8;
            let day = 1 + (i % 28) as u8;
            let mut last = LAST[(i / 10) % 10].to_owned();
            if changed && i % 10 == 0 {
                last = format!("{last}-Ängel");
            }
            Row {
                personnummer: valid_personnummer(year, month, day, 100 + i as u16),
                first: FIRST[i % 10].to_owned(),
                last,
                street: format!("{} {}", if changed { "Storgatan" } else { "Ågatan" }, i + 1),
                postal_code: format!("{} {:02}", 211 + i % 50, i % 100),
                city: CITIES[(i + usize::from(changed)) % 4].to_owned(),
                phone: format!("070-{:03} {:02} {:02}", i, i % 100, (i * 7) % 100),
                email: format!("ung{i}@example.se"),
                left_on: "2026-06-12".to_owned(),
                reason: ["Avbrott", "Studiebevis", "Ej påbörjat", "Okänd"][i % 4].to_owned(),
            }
        })
        .collect();
    let mut wrong_checksum = rows[5].personnummer.clone();
    let last = wrong_checksum.pop().unwrap().to_digit(10).unwrap();
    wrong_checksum.push(char::from_digit((last + 1) % 10, 10).unwrap());
    rows[5].personnummer = wrong_checksum;
    rows[15].personnummer = valid_personnummer(2006, 1, 15, 415);
    rows[25].personnummer = valid_personnummer(2013, 5, 5, 425);
    rows[36].personnummer = rows[35].personnummer.clone();
    rows[45].first = String::new();
    rows[45].last = " ".to_owned();
    rows[55].left_on = "2026-02-30".to_owned();
    rows[65].left_on = "2027-01-10".to_owned();
    rows[75].email = "inte-en-adress".to_owned();
    rows[85].personnummer = "abc".to_owned();
    rows
}

/// The cells of a row: personnummer, the name (one cell, or first and last),
/// street, postal code, city, phone, e-mail, the date left and the reason.
fn cells(r: &Row, one_name: bool) -> Vec<String> {
    let mut cells = vec![r.personnummer.clone()];
    if one_name {
        cells.push(format!("\"{} {}\"", r.first, r.last));
        cells.push(format!("\"{}, lgh 1001\"", r.street));
    } else {
        cells.extend([r.first.clone(), r.last.clone(), r.street.clone()]);
    }
    cells.extend(
        [
            &r.postal_code,
            &r.city,
            &r.phone,
            &r.email,
            &r.left_on,
            &r.reason,
        ]
        .map(String::clone),
    );
    cells
}

/// A file: the header, then each row's cells with the school and programme
/// before the date left, joined by `sep`, lines ended by `end`.
fn csv_text(
    header: &str,
    rows: &[Row],
    one_name: bool,
    sep: &str,
    end: &str,
    school: [&str; 2],
) -> String {
    let mut text = format!("{header}{end}");
    for r in rows {
        let mut cells = cells(r, one_name);
        let at = cells.len() - 2;
        cells.splice(at..at, school.map(String::from));
        text.push_str(&cells.join(sep));
        text.push_str(end);
    }
    text
}

/// The first file as "CSV (semikolonavgränsad)" from Swedish Excel writes
/// it: Windows-1252, `;`, CRLF, first and last name in columns of their own.
fn excel_1252(rows: &[Row]) -> Vec<u8> {
    let header = "Personnummer;Förnamn;Efternamn;Gatuadress;Postnummer;Postort;Telefon;E-post;Senaste skola;Program;Avgångsdatum;Orsak";
    let school = ["Söderskolan", "Barn- och fritidsprogrammet"];
    let text = csv_text(header, rows, false, ";", "\r\n", school);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    bytes.into_owned()
}

/// The second file as UTF-8 CSV (comma-separated, with a byte-order mark)
/// with other common headers: one name column, quoted fields.
fn utf8_commas(rows: &[Row]) -> Vec<u8> {
    let header = "\u{FEFF}Pnr,Namn,Adress,Postnr,Ort,Mobil,E-mail,Skola,Studieväg,Datum för avbrott,Avgångsorsak";
    let school = ["Söderskolan", "\"El- och energiprogrammet\""];
    csv_text(header, rows, true, ",", "\n", school).into_bytes()
}

async fn preview(app: &TestApp, officer: &Session, file: Vec<u8>) -> ImportReport {
    post_file(
        app,
        "/api/register/imports/preview",
        file,
        "text/csv",
        officer,
    )
    .await
    .assert_status(200)
    .json()
}

async fn import(app: &TestApp, officer: &Session, file: Vec<u8>) -> ImportReport {
    post_file(
        app,
        "/api/register/imports",
        file,
        "text/csv; charset=windows-1252",
        officer,
    )
    .await
    .assert_status(200)
    .json()
}

/// How many rows each register table and the audit log hold.
async fn table_counts(app: &TestApp) -> [i64; 5] {
    let mut counts = [0; 5];
    for (i, table) in [
        "accounts",
        "youth",
        "register_people",
        "register_periods",
        "audit_log",
    ]
    .iter()
    .enumerate()
    {
        counts[i] = app.count(&format!("SELECT COUNT(*) FROM {table}")).await;
    }
    counts
}

fn refused_codes(report: &ImportReport) -> BTreeMap<u32, Vec<String>> {
    report
        .refused
        .iter()
        .map(|r| (r.line, r.problems.iter().map(|p| p.code.clone()).collect()))
        .collect()
}

fn expected_refusals() -> BTreeMap<u32, Vec<String>> {
    bad_rows()
        .into_iter()
        .map(|(i, codes)| (i as u32 + 2, codes.into_iter().map(String::from).collect()))
        .collect()
}

async fn name_of(app: &TestApp, personnummer: &str) -> Vec<String> {
    let digits: String = personnummer.chars().filter(char::is_ascii_digit).collect();
    app.texts(&format!(
        "SELECT a.name FROM accounts a JOIN youth y ON y.account_id = a.id WHERE y.personnummer = '{digits}'"
    ))
    .await
}

#[tokio::test]
async fn the_preview_names_exactly_the_ten_bad_rows_with_their_reasons_and_writes_nothing() {
    let (app, olle, _) = officer_world().await;
    let before = table_counts(&app).await;
    for file in [excel_1252(&fixture(false)), utf8_commas(&fixture(false))] {
        let report = preview(&app, &olle, file).await;
        assert_eq!(refused_codes(&report), expected_refusals());
        assert_eq!(
            (
                report.rows,
                report.created,
                report.updated,
                report.registered
            ),
            (100, 90, 0, 90)
        );
        assert!(!report.written);
        let names: Vec<_> = report.refused.iter().map(|r| r.name.clone()).collect();
        assert_eq!(names[0].as_deref(), Some("Ali Öberg"), "the name, decoded");
        assert_eq!(names[5], None, "row 45 has no name");
    }
    assert_eq!(
        table_counts(&app).await,
        before,
        "the preview wrote nothing"
    );
}

#[tokio::test]
async fn the_import_creates_ninety_and_a_second_file_updates_them_without_duplicates() {
    let (app, olle, _) = officer_world().await;
    let [accounts, youth, ..] = table_counts(&app).await;
    let first = fixture(false);

    // Windows-1252 with semicolons.
    let report = import(&app, &olle, excel_1252(&first)).await;
    assert_eq!(refused_codes(&report), expected_refusals());
    assert_eq!(
        (
            report.created,
            report.updated,
            report.registered,
            report.written
        ),
        (90, 0, 90, true)
    );
    let counts = table_counts(&app).await;
    assert_eq!(counts[..4], [accounts + 90, youth + 90, 90, 90]);
    assert_eq!(
        app.count(
            "SELECT COUNT(DISTINCT youth_id) FROM audit_log WHERE action = 'register_import'"
        )
        .await,
        90,
        "each written record audited"
    );
    // å, ä and ö come out right.
    assert_eq!(name_of(&app, &first[0].personnummer).await, ["Åsa Öberg"]);
    assert_eq!(
        name_of(&app, &first[39].personnummer).await,
        ["Ärla Bäckström"]
    );
    assert!(name_of(&app, &first[5].personnummer).await.is_empty());
    let mut cities = app.texts("SELECT DISTINCT city FROM register_people").await;
    cities.sort();
    assert_eq!(cities, ["Göteborg", "Malmö", "Växjö", "Örebro"]);
    // Registered today, with the reason the file names (else `other`).
    let reasons = app
        .texts(
            "SELECT registration_reason || ' ' || registered_on FROM register_periods \
             GROUP BY registration_reason, registered_on ORDER BY 1",
        )
        .await;
    assert_eq!(
        reasons,
        [
            "dropped_out 2026-11-23",
            "leaving_certificate 2026-11-23",
            "never_started 2026-11-23",
            "other 2026-11-23"
        ]
    );

    // The same file again changes nothing: idempotent.
    let again = import(&app, &olle, excel_1252(&first)).await;
    assert_eq!((again.created, again.updated, again.registered), (0, 90, 0));
    assert_eq!(table_counts(&app).await[..4], counts[..4]);

    // The changed file, UTF-8 with commas: updated by personnummer.
    let second = fixture(true);
    let report = import(&app, &olle, utf8_commas(&second)).await;
    assert_eq!(refused_codes(&report), expected_refusals());
    assert_eq!(
        (report.created, report.updated, report.registered),
        (0, 90, 0)
    );
    assert_eq!(table_counts(&app).await[..4], counts[..4], "no duplicates");
    assert_eq!(
        name_of(&app, &second[0].personnummer).await,
        ["Åsa Öberg-Ängel"]
    );
    let digits: String = second[1]
        .personnummer
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let details = app
        .texts(&format!(
            "SELECT r.street || '|' || r.city || '|' || r.last_programme || '|' || r.phone FROM register_people r \
             JOIN youth y ON y.account_id = r.youth_id WHERE y.personnummer = '{digits}'"
        ))
        .await;
    assert_eq!(
        details,
        ["Storgatan 2, lgh 1001|Växjö|El- och energiprogrammet|+46700010107"]
    );
}

#[tokio::test]
async fn a_file_saved_by_excel_in_windows_1252_reads_right() {
    let (app, olle, _) = officer_world().await;
    let file = include_bytes!("../../fixtures/register/excel-1252.csv").to_vec();
    assert!(
        std::str::from_utf8(&file).is_err(),
        "the fixture is Windows-1252"
    );
    let report = import(&app, &olle, file).await;
    assert_eq!((report.created, report.refused.len()), (3, 1));
    assert_eq!(report.refused[0].line, 5);
    let mut names = app
        .texts("SELECT a.name FROM accounts a JOIN register_people r ON r.youth_id = a.id")
        .await;
    names.sort();
    assert_eq!(names, ["Björn Åström", "Märta Ölund", "Östen Ängström"]);
    let mut streets = app.texts("SELECT street FROM register_people").await;
    streets.sort();
    assert_eq!(
        streets,
        ["Stora Nygatan 5", "Västra Vägen 12", "Ängsvägen 3"]
    );
}

#[tokio::test]
async fn an_import_adds_to_the_record_lotsen_has_and_never_makes_a_second() {
    let (app, olle, _) = officer_world().await;
    let elsa_pnr = personnummer_of(&app, ELSA).await;
    let elsa = app.account_id(ELSA).await;
    let file = format!("Personnummer;Namn;Orsak\n{elsa_pnr};Elsa Nilsson;Inflyttad\n");
    let report = import(&app, &olle, file.into_bytes()).await;
    assert_eq!(
        (report.created, report.updated, report.registered),
        (0, 1, 1)
    );
    let entry: Entry = app
        .get_as(&format!("/api/register/people/{elsa}"), &olle)
        .await
        .assert_status(200)
        .json();
    assert_eq!(entry.periods.len(), 1);
    assert_eq!(
        entry.periods[0].registration_reason,
        RegistrationReason::MovedIn
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM youth WHERE personnummer = '{elsa_pnr}'"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn no_file_a_client_sends_is_answered_with_a_500() {
    let (app, olle, _) = officer_world().await;
    let before = table_counts(&app).await;
    let header = b"Personnummer;Namn\n".to_vec();
    let huge_line: Vec<u8> = header
        .iter()
        .copied()
        .chain(std::iter::repeat_n(b'x', 1_900_000))
        .collect();
    let garbage: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let cases: [(&str, Vec<u8>, &str, u16, &str); 9] = [
        (
            "an empty file",
            Vec::new(),
            "text/csv",
            422,
            "register_import_empty",
        ),
        (
            "only blank lines",
            b"\r\n \r\n".to_vec(),
            "text/csv",
            422,
            "register_import_empty",
        ),
        (
            "no header",
            b"a;b\n1;2\n".to_vec(),
            "text/csv",
            422,
            "register_import_header",
        ),
        (
            "garbage",
            garbage,
            "text/csv",
            422,
            "register_import_header",
        ),
        (
            "JSON sent as JSON",
            b"{\"rows\":[]}".to_vec(),
            "application/json",
            415,
            "",
        ),
        ("no content type", header.clone(), "", 415, ""),
        (
            "over 2 MiB",
            vec![b'a'; 2 * 1024 * 1024 + 1],
            "text/csv",
            413,
            "",
        ),
        ("a huge line", huge_line, "text/csv", 200, ""),
        (
            "Excel's own content type",
            header.clone(),
            "application/vnd.ms-excel",
            200,
            "",
        ),
    ];
    for path in ["/api/register/imports/preview", "/api/register/imports"] {
        for (what, body, content_type, status, code) in cases.clone() {
            let response = post_file(&app, path, body, content_type, &olle).await;
            assert_eq!(
                response.status,
                status,
                "{what} to {path}: {}",
                response.text()
            );
            if !code.is_empty() {
                let error = response.assert_error(ErrorCode::Validation, "sv");
                assert_eq!(error.fields[0].field, "file", "{what}");
                assert_eq!(error.fields[0].code, code, "{what}");
            }
        }
    }
    // The huge line is one data row with no personnummer and a name too long.
    let report: ImportReport = post_file(
        &app,
        "/api/register/imports/preview",
        [header.clone(), b"x;".to_vec(), vec![b'y'; 500_000]].concat(),
        "text/csv",
        &olle,
    )
    .await
    .json();
    assert_eq!(
        refused_codes(&report)[&2],
        ["personnummer_format", "too_long"]
    );
    assert_eq!(table_counts(&app).await[..4], before[..4]);
    // A JSON route with a body that is not JSON.
    let response = app
        .send(request(
            Method::POST,
            "/api/register/people",
            &[
                APP_HEADER,
                ("content-type", "application/json"),
                ("cookie", &olle.cookie),
            ],
            "{not json".into(),
        ))
        .await;
    response.assert_error(ErrorCode::MalformedJson, "sv");
}

fn new_entry(personnummer: &str, name: &str) -> Value {
    json!({
        "personnummer": personnummer,
        "name": name,
        "details": {
            "street": "Ågatan 3", "postal_code": "211 22", "city": "Malmö",
            "phone": "070-123 45 67", "email": "Ung@Example.se",
            "last_school": "Söderskolan", "last_programme": "Naturvetenskapsprogrammet",
            "left_on": "2026-02-01", "left_reason": "Avbrott"
        },
        "registration": { "on": "2026-11-20", "reason": "school_notice", "note": "Skolans anmälan om frånvaro sedan september." }
    })
}

/// Adds a young person by hand ([`new_entry`]) as `officer`; their entry.
async fn add(app: &TestApp, officer: &Session, personnummer: &str, name: &str) -> Entry {
    app.post_as(
        "/api/register/people",
        &new_entry(personnummer, name),
        Some(officer),
    )
    .await
    .assert_status(201)
    .json()
}

#[tokio::test]
async fn an_officer_adds_a_young_person_by_hand_once() {
    let (app, olle, _) = officer_world().await;
    let pnr = valid_personnummer(2009, 3, 14, 321);
    let entry: Entry = add(&app, &olle, &pnr, "Sami Åkesson").await;
    assert_eq!(entry.name, "Sami Åkesson");
    assert_eq!(entry.personnummer, pnr);
    assert_eq!(entry.details.phone.as_deref(), Some("+46701234567"));
    assert_eq!(entry.details.email.as_deref(), Some("ung@example.se"));
    assert_eq!(entry.details.street.as_deref(), Some("Ågatan 3"));
    assert_eq!(entry.periods.len(), 1);
    let period = &entry.periods[0];
    assert_eq!(period.registration_reason, RegistrationReason::SchoolNotice);
    assert_eq!(period.registered_on.to_string(), "2026-11-20");
    assert!(period.deregistered_on.is_none());

    let again = app
        .post_as(
            "/api/register/people",
            &new_entry(&pnr, "Sami Åkesson"),
            Some(&olle),
        )
        .await;
    let error = again.assert_error(ErrorCode::Conflict, "sv");
    assert_eq!(error.fields[0].code, "register_already_registered");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM youth WHERE personnummer = '{}'",
            pnr.replace('-', "")
        ))
        .await,
        1
    );

    // Field problems, each named.
    let mut bad = new_entry(&valid_personnummer(2005, 1, 1, 111), "");
    bad["details"]["email"] = json!("inte-en-adress");
    bad["details"]["left_on"] = json!("2027-01-01");
    bad["registration"]["on"] = json!("2026-12-01");
    let error = app
        .post_as("/api/register/people", &bad, Some(&olle))
        .await
        .assert_error(ErrorCode::Validation, "sv");
    let fields: Vec<(String, String)> = error
        .fields
        .into_iter()
        .map(|f| (f.field, f.code))
        .collect();
    let expected = [
        ("personnummer", "register_age_20"),
        ("name", "required"),
        ("details.email", "email"),
        ("details.left_on", "register_date_future"),
        ("registration.on", "register_date_future"),
    ];
    assert_eq!(fields, expected.map(|(f, c)| (f.to_owned(), c.to_owned())));
}

#[tokio::test]
async fn an_entry_is_read_by_those_who_may_and_audited_and_never_shows_a_protected_address() {
    let (app, olle, _) = officer_world().await;
    let [karim, sven] = app.demos([KARIM, SVEN]).await;
    let linnea = app.account_id(LINNEA).await;
    let linnea_pnr = app
        .texts(&format!(
            "SELECT personnummer FROM youth WHERE account_id = {linnea}"
        ))
        .await
        .remove(0);
    // Linnea is 24: an officer cannot register her; put her in as if when younger.
    let added = app
        .post_as(
            "/api/register/people",
            &new_entry(&linnea_pnr, "Linnea Ek"),
            Some(&olle),
        )
        .await;
    assert_eq!(added.status, 422);
    app.execute(&format!(
        "INSERT INTO register_people (youth_id, street, postal_code, city, phone, updated_at) \
         VALUES ({linnea}, 'Hemliga gatan 1', '111 11', 'Lund', '+46701112233', 0)"
    ))
    .await
    .unwrap();
    let audits = |who: i64| {
        format!(
            "SELECT COUNT(*) FROM audit_log WHERE actor_id = {who} AND youth_id = {linnea} AND action = 'read_register_entry'"
        )
    };
    let olle_id = app.account_id(OLLE).await;
    let entry: Entry = app
        .get_as(&format!("/api/register/people/{linnea}"), &olle)
        .await
        .assert_status(200)
        .json();
    assert!(entry.protected_identity && entry.address_hidden);
    assert_eq!(
        (
            entry.details.street,
            entry.details.postal_code,
            entry.details.city
        ),
        (None, None, None)
    );
    assert_eq!(entry.details.phone.as_deref(), Some("+46701112233"));
    assert!(
        !String::from_utf8_lossy(
            &app.get_as(&format!("/api/register/people/{linnea}"), &karim)
                .await
                .body
        )
        .contains("Hemliga")
    );
    assert_eq!(app.count(&audits(olle_id)).await, 1);
    // Karim is her contact person; Sven has no relation to her.
    assert_eq!(
        app.get_status(&format!("/api/register/people/{linnea}"), &karim)
            .await,
        200
    );
    assert_eq!(
        app.get_status(&format!("/api/register/people/{linnea}"), &sven)
            .await,
        404
    );
    // Someone not in the register: 404 for the officer too.
    let elsa = app.account_id(ELSA).await;
    assert_eq!(
        app.get_status(&format!("/api/register/people/{elsa}"), &olle)
            .await,
        404
    );
}

#[tokio::test]
async fn deregistration_and_registration_again_keep_the_history() {
    let (app, olle, _) = officer_world().await;
    let pnr = valid_personnummer(2009, 3, 14, 321);
    let entry: Entry = add(&app, &olle, &pnr, "Sami Åkesson").await;
    let id = entry.youth_id;
    let off = format!("/api/register/people/{id}/deregistration");
    let on = format!("/api/register/people/{id}/registrations");

    let early = json!({ "on": "2026-11-19", "reason": "started_education" });
    let error = app
        .post_as(&off, &early, Some(&olle))
        .await
        .assert_error(ErrorCode::Validation, "sv");
    assert_eq!(
        (
            error.fields[0].field.as_str(),
            error.fields[0].code.as_str()
        ),
        ("on", "date_order")
    );
    app.post_as(
        &on,
        &json!({ "on": "2026-11-21", "reason": "other" }),
        Some(&olle),
    )
    .await
    .assert_field_error(ErrorCode::Conflict, "register_already_registered");

    let ended: Period = app
        .post_as(
            &off,
            &json!({ "on": "2026-11-22", "reason": "started_education", "note": "Började på Komvux." }),
            Some(&olle),
        )
        .await
        .assert_status(200)
        .json();
    assert_eq!(
        ended.deregistration_reason,
        Some(DeregistrationReason::StartedEducation)
    );
    assert_eq!(ended.deregistered_by, Some(app.account_id(OLLE).await));
    app.post_as(
        &off,
        &json!({ "on": "2026-11-22", "reason": "other" }),
        Some(&olle),
    )
    .await
    .assert_field_error(ErrorCode::Conflict, "register_not_registered");

    app.post_as(
        &on,
        &json!({ "on": "2026-11-21", "reason": "dropped_out" }),
        Some(&olle),
    )
    .await
    .assert_field_error(ErrorCode::Validation, "date_order");
    let made: Period = app
        .post_as(
            &on,
            &json!({ "on": "2026-11-23", "reason": "dropped_out" }),
            Some(&olle),
        )
        .await
        .assert_status(201)
        .json();
    assert!(made.deregistered_on.is_none());
    let entry: Entry = app
        .get_as(&format!("/api/register/people/{id}"), &olle)
        .await
        .json();
    assert_eq!(entry.periods.len(), 2);
    assert_eq!(entry.periods[0], ended);
    assert_eq!(entry.periods[1], made);

    // The list: open and closed.
    let open: EntryPage = app
        .get_as("/api/register/people?status=open", &olle)
        .await
        .assert_status(200)
        .json();
    assert_eq!((open.total, open.entries[0].youth_id), (1, id));
    assert_eq!(open.entries[0].latest, made);
    let closed: EntryPage = app
        .get_as("/api/register/people?status=closed&limit=5", &olle)
        .await
        .json();
    assert_eq!(
        (closed.total, closed.entries.len(), closed.limit),
        (0, 0, 5)
    );
    assert_eq!(
        app.get_status("/api/register/people?status=everyone", &olle)
            .await,
        400
    );
}

#[tokio::test]
async fn on_the_20th_birthday_the_server_deregisters_with_its_reason() {
    let (app, olle, _) = officer_world().await;
    // Turns 20 on 2026-11-26, three days after the tests' today.
    let soon = valid_personnummer(2006, 11, 26, 262);
    let later = valid_personnummer(2007, 1, 10, 263);
    let mut ids = Vec::new();
    for (pnr, name) in [(&soon, "Nora Lind"), (&later, "Leo Lind")] {
        let entry: Entry = add(&app, &olle, pnr, name).await;
        ids.push(entry.youth_id);
    }
    let run = || internals::deregister_turned_20(&app.state);
    assert_eq!(run().await.unwrap(), 0, "not yet");
    app.advance_signed_in(Duration::from_secs(2 * 24 * 3600))
        .await;
    assert_eq!(run().await.unwrap(), 0, "the day before");
    app.advance_signed_in(Duration::from_secs(24 * 3600)).await;
    assert_eq!(run().await.unwrap(), 1, "on the birthday");
    assert_eq!(run().await.unwrap(), 0, "once");
    let entry: Entry = app
        .get_as(&format!("/api/register/people/{}", ids[0]), &olle)
        .await
        .json();
    let period = &entry.periods[0];
    assert_eq!(
        period.deregistered_on.map(|d| d.to_string()).as_deref(),
        Some("2026-11-26")
    );
    assert_eq!(
        period.deregistration_reason,
        Some(DeregistrationReason::Turned20)
    );
    assert_eq!(period.deregistered_by, None);
    // Registering her again is refused now: she is 20.
    app.post_as(
        &format!("/api/register/people/{}/registrations", ids[0]),
        &json!({ "on": "2026-11-26", "reason": "other" }),
        Some(&olle),
    )
    .await
    .assert_field_error(ErrorCode::Validation, "register_age_20");
    let other: Entry = app
        .get_as(&format!("/api/register/people/{}", ids[1]), &olle)
        .await
        .json();
    assert!(other.periods[0].deregistered_on.is_none());
}

#[tokio::test]
async fn only_an_administrator_gives_the_officer_permission_and_it_opens_the_register() {
    let (app, olle, anna) = officer_world().await;
    let sven = app.demo(SVEN).await;
    let sven_id = app.account_id(SVEN).await;
    let path = format!("/api/register/officers/{sven_id}");
    assert_eq!(app.get_status("/api/register/people", &sven).await, 403);
    app.put_as(&path, &json!({ "officer": true }), &olle)
        .await
        .assert_error(ErrorCode::Forbidden, "sv");
    app.put_as(&path, &json!({ "officer": true }), &anna)
        .await
        .assert_status(200);
    assert_eq!(app.get_status("/api/register/people", &sven).await, 200);
    app.put_as(&path, &json!({ "officer": false }), &anna)
        .await
        .assert_status(200);
    assert_eq!(app.get_status("/api/register/people", &sven).await, 403);
    let elsa = app.account_id(ELSA).await;
    app.put_as(
        &format!("/api/register/officers/{elsa}"),
        &json!({ "officer": true }),
        &anna,
    )
    .await
    .assert_error(ErrorCode::NotFound, "sv");
}

#[tokio::test]
async fn a_young_person_sees_what_the_register_holds_about_them_and_why() {
    let (app, olle, _) = officer_world().await;
    let elsa_session = app.demo(ELSA).await;
    let empty: MyRegister = app
        .get_as("/api/register/me", &elsa_session)
        .await
        .assert_status(200)
        .json();
    assert!(!empty.in_register && empty.periods.is_empty());
    let elsa_pnr = personnummer_of(&app, ELSA).await;
    add(&app, &olle, &elsa_pnr, "Elsa Nilsson").await;
    let mine: MyRegister = app.get_as("/api/register/me", &elsa_session).await.json();
    assert!(mine.in_register && mine.registered_now);
    assert_eq!(mine.details.street.as_deref(), Some("Ågatan 3"));
    assert_eq!(
        mine.periods[0].registration_reason,
        RegistrationReason::SchoolNotice
    );
    assert_eq!(mine.law, "skollagen 29 kap. 9 §");
    assert_eq!(mine.explanation, EXPLANATION.map(String::from));
    // Every key has its text in both languages, and the objection is said plainly.
    for lang in ["sv", "en"] {
        let locale: Value = serde_json::from_str(
            &std::fs::read_to_string(format!(
                "{}/../locales/{lang}.json",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap();
        for key in &mine.explanation {
            let text = key
                .split('.')
                .fold(&locale, |v, part| &v[part])
                .as_str()
                .unwrap_or_else(|| panic!("{lang}: {key}"));
            assert!(!text.is_empty());
        }
        let objection = locale["register"]["me"]["objection"].as_str().unwrap();
        assert!(objection.contains(if lang == "sv" {
            "även om du inte vill"
        } else {
            "even if you object"
        }));
    }
}

#[test]
fn every_new_field_code_has_a_message_in_both_languages() {
    for code in FIELD_CODES {
        assert!(!message("sv", code).is_empty(), "{code}");
        assert!(!message("en", code).is_empty(), "{code}");
    }
}
