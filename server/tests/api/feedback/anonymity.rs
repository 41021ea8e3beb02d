//! Anonymous ratings reveal nobody: not in any response, filter or export to
//! staff, not in the stored row, not to another young person.

use lotsen_api::feedback::{FeedbackReport, MyRatings};
use serde_json::{Value, json};

use super::{daily, rate};
use crate::helpers::{ANNA, ELSA, KARIM, MARIA, SVEN, Session, TestApp};

/// Every text the feedback endpoints answer staff with, for every term and export.
async fn everything_staff_can_see(app: &TestApp, staff: &[&Session]) -> Vec<String> {
    let mut out = Vec::new();
    for s in staff {
        for term in [
            "",
            "2026-autumn",
            "2026-spring",
            "2025-autumn",
            "2025-spring",
        ] {
            for path in ["/api/feedback", "/api/feedback/export.csv"] {
                let r = app
                    .get_as(&format!("{path}?term={term}"), s)
                    .await
                    .assert_status(200);
                out.push(r.text().to_owned());
            }
        }
    }
    out
}

#[tokio::test]
async fn anonymous_ratings_reveal_nobody_in_any_response_filter_or_export() {
    let app = TestApp::with_demo().await;
    let [karim, anna, sven] = app.demos([KARIM, ANNA, SVEN]).await;
    let sven_id = app.account_id(SVEN).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = app.account_id(ELSA).await;
    let people = app.young_people(60_000, 5).await;
    let mut ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    ids.push(elsa_id);
    let shown = daily(&app, &karim, "Jobbklubb", Some(sven_id), &ids).await;
    let alone = daily(&app, &karim, "Enskild träff", Some(sven_id), &[elsa_id]).await;
    // Elsa rates anonymously twice: once in a group of six, once alone.
    let secret = "Min hemliga kommentar";
    assert_eq!(
        rate(
            &app,
            &elsa,
            shown,
            "2026-11-22",
            json!({ "score": 1, "comment": secret, "anonymous": true })
        )
        .await
        .status,
        200
    );
    assert_eq!(
        rate(
            &app,
            &elsa,
            alone,
            "2026-11-22",
            json!({ "score": 2, "comment": "Bara jag", "anonymous": true })
        )
        .await
        .status,
        200
    );
    for (i, (_, who)) in people.iter().enumerate() {
        let r = rate(
            &app,
            who,
            shown,
            "2026-11-22",
            json!({ "score": 4, "comment": format!("Ok {i}") }),
        )
        .await;
        assert_eq!(r.status, 200);
    }
    // Stored without her: no row names her.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM ratings WHERE youth_id = {elsa_id}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ratings WHERE youth_id IS NULL")
            .await,
        2
    );

    let texts = everything_staff_can_see(&app, &[&karim, &anna, &sven]).await;
    let elsa_markers = [
        "Elsa".to_owned(),
        "Nilsson".to_owned(),
        ELSA.to_owned(),
        "youth".to_owned(),
        "rater".to_owned(),
        "Bara jag".to_owned(),
        "2026-11-22".to_owned(),
    ];
    for text in &texts {
        for marker in &elsa_markers {
            assert!(!text.contains(marker.as_str()), "{marker} in {text}");
        }
        // No person is named in the report at all (the young people's test names neither).
        assert!(!text.contains("Ung 6"), "{text}");
    }
    // Her comment is among the group's, with only the week, in text order (not when written).
    let report: FeedbackReport = serde_json::from_str(&texts[2]).unwrap();
    let group = report.groups.iter().find(|g| g.id == shown).unwrap();
    let summary = group.summary.as_ref().unwrap();
    let texts_of: Vec<&str> = summary.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts_of,
        vec![secret, "Ok 0", "Ok 1", "Ok 2", "Ok 3", "Ok 4"]
    );
    assert!(
        summary
            .comments
            .iter()
            .all(|c| c.first_week == "2026-W47" && c.last_week == "2026-W47")
    );
    // The group she rated alone shows nothing, and the leader's figures leave it out.
    assert!(
        report
            .groups
            .iter()
            .find(|g| g.id == alone)
            .unwrap()
            .summary
            .is_none()
    );
    let leader = report
        .leaders
        .iter()
        .find(|l| l.leader.id == sven_id)
        .unwrap()
        .summary
        .as_ref()
        .unwrap();
    assert_eq!(leader.count, summary.count);
    assert_eq!(leader.distribution, summary.distribution);
    // The objects carry no field that could name a rater.
    let value: Value = serde_json::from_str(&texts[2]).unwrap();
    fn keys(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    out.push(k.clone());
                    keys(v, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    keys(&value, &mut all);
    all.sort();
    all.dedup();
    assert_eq!(
        all,
        [
            "answers",
            "average",
            "comments",
            "count",
            "distribution",
            "first_week",
            "groups",
            "id",
            "kind",
            "last_week",
            "leader",
            "leaders",
            "name",
            "summary",
            "term",
            "terms",
            "text",
            "title",
            "trend"
        ]
    );
    // Only she sees her anonymous rating; another young person's list does not have it.
    let hers: MyRatings = app.get_as("/api/me/ratings", &elsa).await.json();
    assert!(hers.items.iter().any(|i| i.activity_id == Some(alone) && i.rating.as_ref().is_some_and(|r| r.anonymous)));
    let other: MyRatings = app.get_as("/api/me/ratings", &people[0].1).await.json();
    assert!(other.items.iter().all(|i| i.activity_id != Some(alone)));
    assert!(
        other.items.iter().filter(|i| i.rating.is_some()).all(|i| i
            .rating
            .as_ref()
            .unwrap()
            .comment
            .as_deref()
            == Some("Ok 0"))
    );
    // Neither a guardian nor a young person can read the report.
    let maria = app.demo(MARIA).await;
    assert_eq!(app.get_status("/api/feedback", &maria).await, 403);
    assert_eq!(app.get_status("/api/feedback/export.csv", &elsa).await, 403);
}
