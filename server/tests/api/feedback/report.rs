//! The staff's report: a group is shown from five ratings, a leader only
//! through shown groups, by term; the CSV export is escaped and safe from
//! formulas; staff answer ("you said, we did") and the participants see it.

use lotsen_api::ErrorCode;
use lotsen_api::feedback::FeedbackAnswer;
use serde_json::json;

use super::{daily, rate, rating_status, report};
use crate::helpers::{ELSA, KARIM, OMAR, SVEN, TestApp};

#[tokio::test]
async fn staff_see_a_group_from_five_ratings_and_a_leader_only_through_shown_groups() {
    let app = TestApp::with_demo().await;
    let [karim, sven] = app.demos([KARIM, SVEN]).await;
    let sven_id = app.account_id(SVEN).await;
    let people = app.young_people(60_000, 6).await;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let shown = daily(&app, &karim, "Jobbklubb", Some(sven_id), &ids).await;
    let small = daily(&app, &karim, "Matlagning", Some(sven_id), &ids).await;
    for (i, (_, who)) in people.iter().take(4).enumerate() {
        rate(
            &app,
            who,
            shown,
            "2026-11-22",
            json!({ "score": 5 - i as u8 % 2, "comment": format!("Kommentar {i}") }),
        )
        .await
        .assert_status(200);
    }
    // One rating of the small group, anonymous.
    assert_eq!(
        rate(
            &app,
            &people[5].1,
            small,
            "2026-11-22",
            json!({ "score": 1, "comment": "Hemligt", "anonymous": true })
        )
        .await
        .status,
        200
    );
    let before = report(&app, &sven, "2026-autumn").await;
    let group = before.groups.iter().find(|g| g.id == shown).unwrap();
    assert!(group.summary.is_none(), "four ratings show nothing");
    assert!(before.leaders.iter().all(|l| l.summary.is_none()));
    let text = serde_json::to_string(&before).unwrap();
    assert!(
        !text.contains("Kommentar") && !text.contains("Hemligt"),
        "{text}"
    );

    assert_eq!(
        rating_status(&app, &people[4].1, shown, "2026-11-21", 3).await,
        200
    );
    let after = report(&app, &karim, "2026-autumn").await;
    let summary = after
        .groups
        .iter()
        .find(|g| g.id == shown)
        .unwrap()
        .summary
        .clone()
        .unwrap();
    assert_eq!(summary.count, 5);
    assert_eq!(summary.distribution, vec![0, 0, 1, 2, 2]);
    assert_eq!(summary.average, 4.2);
    assert_eq!(summary.trend.len(), 1);
    assert_eq!(
        (
            summary.trend[0].first_week.as_str(),
            summary.trend[0].last_week.as_str()
        ),
        ("2026-W47", "2026-W47")
    );
    let comments: Vec<&str> = summary.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        comments,
        vec!["Kommentar 0", "Kommentar 1", "Kommentar 2", "Kommentar 3"]
    );
    assert!(
        after
            .groups
            .iter()
            .find(|g| g.id == small)
            .unwrap()
            .summary
            .is_none()
    );
    // Sven leads both: his figures are the shown group's only, never 6, so the
    // difference between him and the shown group says nothing of the small one.
    let leader = after
        .leaders
        .iter()
        .find(|l| l.leader.id == sven_id)
        .unwrap();
    let leader = leader.summary.as_ref().unwrap();
    assert_eq!(
        (leader.count, leader.distribution.clone()),
        (5, vec![0, 0, 1, 2, 2])
    );
    assert!(!serde_json::to_string(&after).unwrap().contains("Hemligt"));
    // Another term shows nothing of these; a term that is not one is a 400.
    let spring = report(&app, &karim, "2026-spring").await;
    assert!(spring.groups.iter().all(|g| g.summary.is_none()));
    assert_eq!(after.terms[0], "2026-autumn");
    assert_eq!(
        app.get_status("/api/feedback?term=2026-summer", &karim)
            .await,
        400
    );
}

#[tokio::test]
async fn a_term_whose_year_is_out_of_range_is_a_400_not_a_crash() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    // As the term report reads terms: the years 2000–2100.
    for term in ["0000-spring", "1999-autumn", "2101-spring", "9999-autumn"] {
        for path in ["/api/feedback", "/api/feedback/export.csv"] {
            let status = app.get_status(&format!("{path}?term={term}"), &karim).await;
            assert_eq!(status, 400, "{path}?term={term}");
        }
    }
}

#[tokio::test]
async fn the_export_is_csv_escaped_and_safe_from_formulas() {
    let (app, karim) = TestApp::with_demo_signed_in(KARIM).await;
    let people = app.young_people(60_000, 5).await;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let shown = daily(
        &app,
        &karim,
        "=HYPERLINK(\"http://x\";\"klicka\")",
        None,
        &ids,
    )
    .await;
    daily(&app, &karim, "Liten, \"grupp\"", None, &ids).await;
    for (_, who) in &people {
        assert_eq!(
            rate(
                &app,
                who,
                shown,
                "2026-11-22",
                json!({ "score": 3, "comment": "=1+1" })
            )
            .await
            .status,
            200
        );
    }
    let r = app
        .get_as("/api/feedback/export.csv?term=2026-autumn", &karim)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(
        r.header("content-disposition")
            .unwrap()
            .contains("lotsen-feedback-2026-autumn.csv")
    );
    let lines: Vec<&str> = r.text().split("\r\n").collect();
    assert_eq!(
        lines[0],
        "term,kind,title,leader,ratings,average,score_1,score_2,score_3,score_4,score_5,note"
    );
    assert!(lines.contains(&"2026-autumn,activity,\"'=HYPERLINK(\"\"http://x\"\";\"\"klicka\"\")\",,5,3.0,0,0,5,0,0,"), "{lines:?}");
    assert!(
        lines.contains(&"2026-autumn,activity,\"Liten, \"\"grupp\"\"\",,,,,,,,,too_few_ratings"),
        "{lines:?}"
    );
    // Comments are not exported.
    assert!(!r.text().contains("=1+1"));
}

#[tokio::test]
async fn staff_answer_and_the_participants_see_the_answer() {
    let app = TestApp::with_demo().await;
    let [karim, sven, elsa, omar] = app.demos([KARIM, SVEN, ELSA, OMAR]).await;
    let elsa_id = app.account_id(ELSA).await;
    let activity = daily(&app, &karim, "Jobbklubb", None, &[elsa_id]).await;
    let path = format!("/api/feedback/activities/{activity}/answers");
    let empty = app
        .post_as(&path, &json!({ "text": "  " }), Some(&sven))
        .await;
    empty.assert_field_error(ErrorCode::Validation, "required");
    assert_eq!(
        app.post_as(
            "/api/feedback/activities/999999/answers",
            &json!({ "text": "Hej" }),
            Some(&sven)
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.post_as(&path, &json!({ "text": "Hej" }), Some(&elsa))
            .await
            .status,
        403
    );
    let saved: FeedbackAnswer = app
        .post_as(
            &path,
            &json!({ "text": "Ni sa att fikat var för tidigt, så vi flyttar det till 10:00." }),
            Some(&sven),
        )
        .await
        .assert_status(201)
        .json();
    assert_eq!(saved.written_on.to_string(), "2026-11-23");
    let hers: Vec<FeedbackAnswer> = app.get_as("/api/me/feedback-answers", &elsa).await.json();
    assert_eq!(hers, vec![saved.clone()]);
    // Omar does not take part: he does not see it.
    let his: Vec<FeedbackAnswer> = app.get_as("/api/me/feedback-answers", &omar).await.json();
    assert!(his.iter().all(|a| a.activity_id != activity));
    let report = report(&app, &karim, "").await;
    assert_eq!(
        report
            .groups
            .iter()
            .find(|g| g.id == activity)
            .unwrap()
            .answers,
        vec![saved]
    );
}
