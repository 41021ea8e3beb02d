//! The audit log: staff reads and changes are recorded, newest first, and never altered.

use lotsen_api::people::{AuditPage, YouthSummary};
use serde_json::json;

use crate::helpers::{ANNA, KARIM, TestApp, valid_personnummer};

#[tokio::test]
async fn staff_reads_and_changes_are_in_the_audit_log_newest_first() {
    let app = TestApp::with_demo().await;
    let [karim, anna] = app.demos([KARIM, ANNA]).await;
    let list: Vec<YouthSummary> = app.get_as("/api/youth", &karim).await.json();
    let elsa = list.iter().find(|y| y.name == "Elsa Nilsson").unwrap().id;
    assert_eq!(
        app.get_status(&format!("/api/youth/{elsa}"), &anna).await,
        200
    );
    let created = app
        .register(
            &karim,
            json!({ "name": "Sara Lind", "personnummer": valid_personnummer(2007, 5, 14, 123), "email": "sara.lind@example.se" }),
        )
        .await;
    let reinvite = app
        .post_empty_as(
            &format!("/api/youth/{}/invitation", created.youth.id),
            Some(&karim),
        )
        .await;
    assert_eq!(reinvite.status, 201);
    app.add_guardian(
        &karim,
        created.youth.id,
        json!({ "name": "Lena Lind", "email": "lena.lind@example.se" }),
    )
    .await;

    let page: AuditPage = app.get_as("/api/audit", &anna).await.json();
    let lines: Vec<(&str, &str, &str)> = page
        .entries
        .iter()
        .map(|e| {
            (
                e.actor_name.as_str(),
                e.youth_name.as_str(),
                e.action.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Karim Haddad", "Sara Lind", "add_guardian"),
            ("Karim Haddad", "Sara Lind", "send_invitation"),
            ("Karim Haddad", "Sara Lind", "register_youth"),
            ("Anna Andersson", "Elsa Nilsson", "read_youth"),
            ("Karim Haddad", "Linnea Ek", "list_youth"),
            ("Karim Haddad", "Omar Ali", "list_youth"),
            ("Karim Haddad", "Elsa Nilsson", "list_youth"),
        ]
    );
    assert_eq!(page.entries[0].at, "2026-11-23T11:00:00Z");
    assert_eq!(page.next_before, None);

    // Pages of two.
    let first: AuditPage = app.get_as("/api/audit?limit=2", &anna).await.json();
    assert_eq!(first.entries.len(), 2);
    let before = first.next_before.expect("more pages");
    let second: AuditPage = app
        .get_as(&format!("/api/audit?limit=2&before={before}"), &anna)
        .await
        .json();
    assert_eq!(second.entries[0].action, "register_youth");
    assert!(second.entries[0].id < before);
    assert_eq!(app.get_status("/api/audit?limit=x", &anna).await, 400);
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let _: Vec<YouthSummary> = app.get_as("/api/youth", &karim).await.json();
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log").await, 3);
    for sql in [
        "UPDATE audit_log SET action = 'nothing'",
        "UPDATE audit_log SET actor_id = actor_id",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = (SELECT MIN(id) FROM audit_log)",
    ] {
        let error = app.execute(sql).await.expect_err(sql);
        assert!(error.to_string().contains("append-only"), "{sql}: {error}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log").await, 3);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'list_youth'")
            .await,
        3
    );
}

/// List views write their entries together when they come at once (SQLite
/// commits concurrent views' entries in one transaction): every view still
/// gets every entry, each with its own viewer, and none is answered before
/// its entries are in the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_list_views_each_write_all_their_entries() {
    use axum::http::Method;
    use tower::ServiceExt;

    use crate::helpers::{APP_HEADER, request};

    let app = TestApp::with_demo().await;
    let [karim, anna] = app.demos([KARIM, ANNA]).await;
    let karim_sees: Vec<YouthSummary> = app.get_as("/api/youth", &karim).await.json();
    let anna_sees: Vec<YouthSummary> = app.get_as("/api/youth", &anna).await.json();
    assert!(!karim_sees.is_empty() && !anna_sees.is_empty());

    const VIEWS: usize = 30;
    let mut tasks = Vec::new();
    for i in 0..2 * VIEWS {
        let session = if i % 2 == 0 { &karim } else { &anna };
        let req = request(
            Method::GET,
            "/api/youth",
            &[APP_HEADER, ("cookie", session.cookie.as_str())],
            axum::body::Body::empty(),
        );
        let router = app.router.clone();
        let audit_router = app.router.clone();
        let anna_cookie = anna.cookie.clone();
        tasks.push(tokio::spawn(async move {
            let status = router.oneshot(req).await.unwrap().status().as_u16();
            // Answered: its entries are committed, so the log already has at
            // least one list view's worth by now.
            let check = request(
                Method::GET,
                "/api/audit?limit=1",
                &[APP_HEADER, ("cookie", anna_cookie.as_str())],
                axum::body::Body::empty(),
            );
            let after = audit_router.oneshot(check).await.unwrap();
            let bytes = axum::body::to_bytes(after.into_body(), usize::MAX)
                .await
                .unwrap();
            let page: AuditPage = serde_json::from_slice(&bytes).unwrap();
            (status, page.entries.first().map(|e| e.action.clone()))
        }));
    }
    for task in tasks {
        let (status, newest) = task.await.unwrap();
        assert_eq!(status, 200);
        assert_eq!(newest.as_deref(), Some("list_youth"));
    }

    // Count the list entries per viewer through the whole log.
    let (mut by_karim, mut by_anna) = (0, 0);
    let mut before: Option<i64> = None;
    loop {
        let path = match before {
            Some(b) => format!("/api/audit?limit=200&before={b}"),
            None => "/api/audit?limit=200".to_owned(),
        };
        let page: AuditPage = app.get_as(&path, &anna).await.json();
        for e in page.entries.iter().filter(|e| e.action == "list_youth") {
            match e.actor_name.as_str() {
                "Karim Haddad" => by_karim += 1,
                "Anna Andersson" => by_anna += 1,
                other => panic!("a list entry by {other}"),
            }
        }
        match page.next_before {
            Some(b) => before = Some(b),
            None => break,
        }
    }
    // The two first views above, then VIEWS each.
    assert_eq!(by_karim, (VIEWS + 1) * karim_sees.len());
    assert_eq!(by_anna, (VIEWS + 1) * anna_sees.len());
}
