//! One page per young person: the timeline (every kind of event, newest
//! first, the filter, paging, no free text, audited; a page costs what the
//! page holds) and the personnummer, masked in the record and shown in full
//! only on request, audited.

use std::time::Duration;

use lotsen_api::people::YouthDetail;
use lotsen_api::timeline::{RevealedPersonnummer, TimelineEvent, TimelineKind, TimelinePage};
use serde_json::json;

use crate::booking::window_reads::{rows_touched, with_literals};
use crate::booking::{booked, counselling, individual};
use crate::helpers::internals::{
    TimelineKey, TimelineSource, timeline_date_bound, timeline_instant_bound, timeline_queries,
};
use crate::helpers::{ANNA, ELSA, KARIM, SVEN, Session, TestApp, today};
use crate::register::builder::put_in_register;

/// Elsa's journey, one of each kind (notes everywhere a feature takes one):
/// registered 1 September with a measure from that day; the outcome "work"
/// from 5 October; a contact attempt on 20 November; on 23 November at noon
/// a plan, then an application drafted and signed; bookings with Sven on
/// Tuesday 24 (attended) and Wednesday 25 (no-show) at 09:00; "can't come" to
/// her meeting on Thursday 26. The clock ends on Wednesday 25 at noon.
/// Returns the app, Karim's session and Elsa's id.
async fn elsa_with_everything() -> (TestApp, Session, i64) {
    let app = TestApp::with_demo().await;
    let [karim, sven, elsa] = app.demos([KARIM, SVEN, ELSA]).await;
    let elsa_id = app.account_id(ELSA).await;
    let day = |s: &str| lotsen_api::date::parse_iso(s).unwrap();
    put_in_register(&app, elsa_id, day("2026-09-01"), Default::default()).await;
    let post = async |path: String, body: serde_json::Value, who: &Session| {
        let response = app.post_as(&path, &body, Some(who)).await;
        assert!(
            response.status.is_success(),
            "{path}: {} {}",
            response.status,
            response.text()
        );
        response
    };
    post(
        format!("/api/register/people/{elsa_id}/plan"),
        json!({ "conversation_on": today().to_string(), "own_words": "HEMLIGA-EGNA-ORD", "goal": "Börja på komvux" }),
        &karim,
    )
    .await;
    post(
        format!("/api/register/people/{elsa_id}/measures"),
        json!({ "code": "guidance", "responsible_kind": "municipality", "responsible_name": "Ungdomsteamet", "planned_start": "2026-09-01" }),
        &karim,
    )
    .await;
    post(
        format!("/api/youth/{elsa_id}/outcomes"),
        json!({ "kind": "work", "from": "2026-10-05" }),
        &karim,
    )
    .await;
    post(
        format!("/api/register/people/{elsa_id}/contacts"),
        json!({ "contacted_on": "2026-11-20", "channel": "other", "recipient": "youth", "outcome": "no_answer", "note": "HEMLIG-KONTAKTANTECKNING" }),
        &karim,
    )
    .await;
    let application: lotsen_api::application::Application = post(
        "/api/applications".into(),
        json!({ "youth_id": elsa_id, "content": {
            "situation": "studying", "last_school": "", "school_status": "has_grades", "help_with": ["work"],
            "contact_by": "email",
            "consents": { "school": true, "social_services": false, "employment_service": false, "youth_clinic": false } } }),
        &karim,
    )
    .await
    .json();
    post(
        format!("/api/applications/{}/sign", application.id),
        json!({ "password": crate::helpers::DEMO_PASSWORD, "read": true, "document_hash": application.document_hash }),
        &elsa,
    )
    .await;
    let t = counselling(&app, &sven).await;
    let sven_id = app.account_id(SVEN).await;
    let mut bookings = Vec::new();
    for at in ["2026-11-24T09:00:00+01:00", "2026-11-25T09:00:00+01:00"] {
        let mut time = individual(&t, sven_id, at);
        time["note"] = json!("HEMLIG-BOKNINGSANTECKNING");
        bookings.push(booked(&app, &elsa, time).await.id);
    }
    let meeting = app.individual_meeting(&karim).await;
    app.put_as(
        &format!("/api/me/schedule/absences/{meeting}/2026-11-26"),
        &json!({ "reason": "HEMLIGT-SKAL" }),
        &elsa,
    )
    .await
    .assert_status(204);
    // Wednesday noon: both times have passed.
    app.advance_signed_in(Duration::from_secs(2 * 86_400)).await;
    for (booking, attended) in bookings.into_iter().zip([true, false]) {
        post(
            format!("/api/staff/bookings/{booking}/attendance"),
            json!({ "attended": attended }),
            &sven,
        )
        .await;
    }
    (app, karim, elsa_id)
}

fn timeline_path(id: i64, query: &str) -> String {
    format!("/api/youth/{id}/timeline{query}")
}

/// Each event as `kind/type` plus its status, e.g. `booking/booking/no_show`.
fn labels(events: &[TimelineEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            let what = serde_json::to_value(&e.what).unwrap();
            let detail = ["status", "event", "outcome", "reason"]
                .iter()
                .find_map(|k| what[k].as_str().map(|s| format!("/{s}")))
                .unwrap_or_default();
            format!(
                "{}/{}{detail}",
                e.kind.as_str(),
                what["type"].as_str().unwrap()
            )
        })
        .collect()
}

const EVERYTHING: [&str; 10] = [
    "absence/absence",
    "booking/booking/no_show",
    "booking/booking/attended",
    "application/application/signed",
    "application/application/drafted",
    "plan/plan_version",
    "contact/contact/no_answer",
    "outcome/outcome/work",
    "plan/measure",
    "register/registered/dropped_out",
];

#[tokio::test]
async fn the_timeline_shows_every_kind_newest_first_without_free_text_and_each_read_is_audited() {
    let (app, karim, elsa) = elsa_with_everything().await;
    let response = app
        .get_as(&timeline_path(elsa, "?limit=50"), &karim)
        .await
        .assert_status(200);
    for secret in [
        "HEMLIG-KONTAKTANTECKNING",
        "HEMLIGA-EGNA-ORD",
        "HEMLIG-BOKNINGSANTECKNING",
        "HEMLIGT-SKAL",
    ] {
        assert!(
            !response.text().contains(secret),
            "{secret}: {}",
            response.text()
        );
    }
    let page: TimelinePage = response.json();
    assert_eq!(labels(&page.events), EVERYTHING);
    assert_eq!(page.next, None);
    for kind in TimelineKind::ALL {
        assert!(page.events.iter().any(|e| e.kind == kind), "{kind:?}");
    }
    let when: Vec<(String, Option<String>)> = page
        .events
        .iter()
        .map(|e| (e.on.to_string(), e.time.clone()))
        .collect();
    assert_eq!(when[1], ("2026-11-25".into(), Some("09:00".into())));
    assert_eq!(when[0], ("2026-11-26".into(), None), "a date-only event");
    // Who: the booked member of staff; the staff member who drafted; the
    // young person's own signature names no one.
    assert_eq!(page.events[1].staff_name.as_deref(), Some("Sven Berg"));
    assert_eq!(page.events[3].staff_name, None);
    assert_eq!(page.events[4].staff_name.as_deref(), Some("Karim Haddad"));
    // Links: the application's page; a booking only for the booked staff member.
    assert!(
        page.events[3]
            .link
            .as_deref()
            .is_some_and(|l| l.starts_with("/applications/"))
    );
    assert_eq!(page.events[1].link, None, "Karim was not booked");
    let sven = app.demo(SVEN).await;
    app.post_as(
        &format!("/api/youth/{elsa}/team"),
        &json!({ "staff_id": app.account_id(SVEN).await, "reason": "Studievägledning" }),
        Some(&karim),
    )
    .await
    .assert_status(201);
    let his: TimelinePage = app
        .get_as(&timeline_path(elsa, "?kind=booking"), &sven)
        .await
        .json();
    assert_eq!(
        his.events[0].link.as_deref(),
        Some("/booking/staff/day/2026-11-25")
    );
    let audited = |action: &str| {
        format!("SELECT COUNT(*) FROM audit_log WHERE youth_id = {elsa} AND action = '{action}'")
    };
    assert_eq!(app.count(&audited("read_timeline")).await, 2);
}

#[tokio::test]
async fn the_filter_keeps_the_kinds_asked_for_and_pages_follow_each_other() {
    let (app, karim, elsa) = elsa_with_everything().await;
    let filtered: TimelinePage = app
        .get_as(&timeline_path(elsa, "?kind=booking,absence"), &karim)
        .await
        .json();
    assert_eq!(
        labels(&filtered.events),
        [
            "absence/absence",
            "booking/booking/no_show",
            "booking/booking/attended"
        ]
    );
    let plan: TimelinePage = app
        .get_as(&timeline_path(elsa, "?kind=plan"), &karim)
        .await
        .json();
    assert_eq!(labels(&plan.events), ["plan/plan_version", "plan/measure"]);
    // Pages of three, each following the last: together the whole timeline.
    let mut all = Vec::new();
    let mut query = "?limit=3".to_owned();
    let mut pages = 0;
    loop {
        let page: TimelinePage = app
            .get_as(&timeline_path(elsa, &query), &karim)
            .await
            .assert_status(200)
            .json();
        pages += 1;
        assert!(page.events.len() <= 3);
        all.extend(page.events);
        match page.next {
            Some(next) => query = format!("?limit=3&before={next}"),
            None => break,
        }
    }
    assert_eq!(pages, 4);
    assert_eq!(labels(&all), EVERYTHING);
    // Filtered pages too.
    let first: TimelinePage = app
        .get_as(
            &timeline_path(elsa, "?kind=booking,absence&limit=2"),
            &karim,
        )
        .await
        .json();
    let rest: TimelinePage = app
        .get_as(
            &timeline_path(
                elsa,
                &format!(
                    "?kind=booking,absence&limit=2&before={}",
                    first.next.as_deref().unwrap()
                ),
            ),
            &karim,
        )
        .await
        .json();
    assert_eq!(labels(&rest.events), ["booking/booking/attended"]);
    assert_eq!(rest.next, None);
    // What a client can send wrong is a 422 naming the field.
    for (query, field) in [
        ("?kind=notes", "kind"),
        ("?before=yesterday", "before"),
        ("?limit=0", "limit"),
        ("?limit=51", "limit"),
    ] {
        let response = app.get_as(&timeline_path(elsa, query), &karim).await;
        assert_eq!(response.status, 422, "{query}");
        assert!(response.text().contains(field), "{query}");
    }
}

#[tokio::test]
async fn the_record_masks_the_personnummer_and_showing_it_is_audited() {
    let app = TestApp::with_demo().await;
    let [karim, sven, anna] = app.demos([KARIM, SVEN, ANNA]).await;
    let elsa = app.account_id(ELSA).await;
    let detail: YouthDetail = app
        .get_as(&format!("/api/youth/{elsa}"), &karim)
        .await
        .json();
    assert!(
        detail.personnummer.ends_with("-****") && detail.personnummer.len() == 13,
        "{}",
        detail.personnummer
    );
    let path = format!("/api/youth/{elsa}/personnummer");
    let reveals = || {
        format!(
            "SELECT COUNT(*) FROM audit_log WHERE youth_id = {elsa} AND action = 'reveal_personnummer'"
        )
    };
    assert_eq!(app.count(&reveals()).await, 0);
    // Sven may not see Elsa's record: 404, and nothing written.
    assert_eq!(app.post_empty_as(&path, Some(&sven)).await.status, 404);
    assert_eq!(app.count(&reveals()).await, 0);
    for who in [&karim, &anna] {
        let shown: RevealedPersonnummer = app
            .post_empty_as(&path, Some(who))
            .await
            .assert_status(200)
            .json();
        assert!(shown.personnummer.starts_with(&detail.personnummer[..9]));
        assert!(!shown.personnummer.contains('*'));
    }
    assert_eq!(app.count(&reveals()).await, 2);
    // The administrators' audit log names it.
    let log: lotsen_api::people::AuditPage = app.get_as("/api/audit", &anna).await.json();
    assert_eq!(log.entries[0].action, "reveal_personnummer");
    assert_eq!(log.entries[0].actor_name, "Anna Andersson");
}

#[tokio::test]
async fn a_page_costs_what_it_holds() {
    let app = TestApp::with_demo().await;
    let elsa = app.account_id(ELSA).await;
    let sven = app.account_id(SVEN).await;
    let sven_session = app.demo(SVEN).await;
    let t = counselling(&app, &sven_session).await;
    let now = app.state.clock.unix_seconds();
    // 5,000 past bookings and contact attempts of Elsa's.
    let n = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)";
    let start = format!("{now} - CAST(i AS BIGINT) * 86400");
    app.execute(&format!(
        "INSERT INTO bookings (session_type_id, staff_id, youth_id, starts_at, ends_at, blocks_until, status, created_by, created_at) \
         {n} SELECT {}, {sven}, {elsa}, {start}, {start} + 2700, {start} + 3600, 'attended', {elsa}, 0 FROM n",
        t.id
    ))
    .await
    .unwrap();
    put_in_register(
        &app,
        elsa,
        lotsen_api::date::parse_iso("2010-01-01").unwrap(),
        Default::default(),
    )
    .await;
    let date = if app.is_sqlite() {
        "date('2026-11-23', '-' || i || ' days')"
    } else {
        "to_char(DATE '2026-11-23' - i, 'YYYY-MM-DD')"
    };
    app.execute(&format!(
        "INSERT INTO register_contacts (youth_id, contacted_on, channel, recipient, staff_id, outcome, recorded_at, recorded_by) \
         {n} SELECT {elsa}, {date}, 'other', 'youth', {sven}, 'no_answer', 0, {sven} FROM n"
    ))
    .await
    .unwrap();
    if !app.is_sqlite() {
        app.execute("ANALYZE").await.unwrap();
    }
    // A page of 20 from the middle of both (2,500 days back).
    let karim = app.demo(KARIM).await;
    let cursor = format!(
        "{}.{}.0",
        now - 2500 * 86_400,
        TimelineSource::Booking as u8
    );
    let page: TimelinePage = app
        .get_as(
            &timeline_path(elsa, &format!("?limit=20&before={cursor}")),
            &karim,
        )
        .await
        .json();
    assert_eq!(page.events.len(), 20);
    assert!(page.next.is_some());
    let key = TimelineKey::parse(&cursor);
    for (source, by_date, sql) in timeline_queries() {
        let (table, alias) = match source {
            TimelineSource::Booking => ("bookings", "b"),
            TimelineSource::Contact => ("register_contacts", "c"),
            _ => continue,
        };
        let (bound, id) = if by_date {
            let (date, id) = timeline_date_bound(key, source);
            (format!("'{date}'"), id)
        } else {
            let (at, id) = timeline_instant_bound(key, source);
            (at.to_string(), id)
        };
        // SQLite plans the statement as the server runs it, with parameters
        // (literals would let it fold the cursor's conditions away).
        let sql = if app.is_sqlite() {
            sql.to_owned()
        } else {
            with_literals(sql, &[elsa.to_string(), bound, id.to_string(), "21".into()])
        };
        let plan = app.plan(&sql).await;
        if app.is_sqlite() {
            let step = plan
                .iter()
                .find(|l| l.contains(&format!(" {alias} ")))
                .unwrap_or_else(|| panic!("{table} is not read: {plan:#?}"));
            assert!(
                step.starts_with("SEARCH") && step.contains("youth_id=?") && step.contains("<?"),
                "{table} is not read by the young person's index from the cursor: {plan:#?}"
            );
            assert!(
                !plan.iter().any(|l| l.contains("TEMP B-TREE FOR ORDER BY")),
                "{table}: sorted apart from its index: {plan:#?}"
            );
        } else {
            let touched = rows_touched(&plan, table);
            assert!(
                touched <= 2 * 21,
                "{table}: {touched} rows touched for a page\n{}",
                plan.join("\n")
            );
        }
    }
}
