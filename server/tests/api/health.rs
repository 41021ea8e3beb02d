use lotsen_api::Health;

use crate::helpers::TestApp;

#[tokio::test]
async fn health_answers_ok_with_the_engine() {
    let app = TestApp::new().await;
    let response = app.get("/api/health").await;
    assert_eq!(response.status, 200);
    let health: Health = response.json();
    assert_eq!(health.status, "ok");
    assert!(health.database);
    assert_eq!(health.engine, app.state.db.engine().as_str());
    let expected_engine = std::env::var("LOTSEN_TEST_DB").unwrap_or_else(|_| "sqlite".into());
    assert_eq!(health.engine, expected_engine);
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(response.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn health_is_degraded_when_the_database_does_not_answer() {
    let app = TestApp::new().await;
    app.state.db.close().await;
    let response = app.get("/api/health").await;
    assert_eq!(response.status, 503);
    let health: Health = response.json();
    assert_eq!(health.status, "degraded");
    assert!(!health.database);
}

/// Demo rows with a ready-made hash (seeding with the real hash is in `demo.rs`).
fn demo_seed(app: &TestApp) -> crate::helpers::internals::DemoSeed {
    crate::helpers::internals::seed_data(
        app.state.clock.today(),
        "$argon2id$not-a-real-hash".into(),
    )
}

#[tokio::test]
async fn demo_data_is_seeded_once() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    assert_eq!(db.meta("demo_seeded_at").await.unwrap(), None);
    let now = app.state.clock.timestamp();
    assert!(
        crate::helpers::internals::seed_demo_if_new(db, now, &demo_seed(&app))
            .await
            .unwrap(),
        "a new database is seeded"
    );
    assert!(
        !crate::helpers::internals::seed_demo_if_new(db, now, &demo_seed(&app))
            .await
            .unwrap(),
        "a seeded database is left alone"
    );
    assert_eq!(
        db.meta("demo_seeded_at").await.unwrap(),
        Some(now.to_string())
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM accounts").await, 9);
}

#[tokio::test]
async fn seeding_races_seed_once() {
    let app = TestApp::new().await;
    let now = app.state.clock.timestamp();
    let attempts = (0..4).map(|_| {
        let db = app.state.db.clone();
        let seed = demo_seed(&app);
        tokio::spawn(async move {
            crate::helpers::internals::seed_demo_if_new(&db, now, &seed)
                .await
                .unwrap()
        })
    });
    let mut seeded = 0;
    for attempt in attempts.collect::<Vec<_>>() {
        seeded += usize::from(attempt.await.unwrap());
    }
    assert_eq!(seeded, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM accounts").await, 9);
}
