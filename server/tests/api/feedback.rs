//! Ratings and the feedback view: what a young person may rate, one rating per
//! person and occurrence (also under concurrency), changeable for 7 days; the
//! staff's report with no group under five shown, leaders made only of shown
//! groups, anonymous ratings that no response, filter or export traces back,
//! the CSV export, and "you said, we did" answers that participants see.
//! Today is Monday 2026-11-23, noon.

use std::time::Duration;

use lotsen_api::ErrorCode;
use lotsen_api::feedback::{FeedbackAnswer, FeedbackReport, MyRating, MyRatings};
use lotsen_api::schedule::Activity;
use serde_json::{Value, json};

use crate::helpers::{ANNA, ELSA, KARIM, MARIA, OMAR, SVEN, Session, TestApp};

/// `n` young people made directly in the database, each signed in.
async fn young_people(app: &TestApp, n: i64) -> Vec<(i64, Session)> {
    let now = app.state.clock.unix_seconds();
    let mut out = Vec::new();
    for id in 60_000..60_000 + n {
        app.execute(&format!(
            "INSERT INTO accounts (id, role, name, email, created_at) VALUES ({id}, 'youth', 'Ung {id}', 'ung{id}@example.se', {now})"
        ))
        .await
        .unwrap();
        app.execute(&format!(
            "INSERT INTO youth (account_id, personnummer) VALUES ({id}, '2006{id:08}')"
        ))
        .await
        .unwrap();
        let hash = lotsen_server::auth::token::hash(&format!("token-{id}"));
        app.execute(&format!(
            "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) VALUES ('{hash}', {id}, {now}, {now})"
        ))
        .await
        .unwrap();
        out.push((
            id,
            Session {
                cookie: format!("__Host-lotsen_session=token-{id}"),
            },
        ));
    }
    out
}

/// Every session counts as fresh again (after the clock moved on).
async fn keep_signed_in(app: &TestApp) {
    let now = app.state.clock.unix_seconds();
    app.execute(&format!(
        "UPDATE sessions SET last_seen_at = {now}, created_at = {now}"
    ))
    .await
    .unwrap();
}

/// A daily activity from 16 November, led by `leader`, assigned to `youth` from then.
async fn daily(
    app: &TestApp,
    staff: &Session,
    title: &str,
    leader: Option<i64>,
    youth: &[i64],
) -> i64 {
    let body = json!({
        "title": title, "description": "", "place": "Lotsen", "kind": "other", "leader_id": leader, "capacity": null,
        "recurrence": { "weekdays": [1, 2, 3, 4, 5, 6, 7], "start_time": "09:00", "end_time": "10:00",
                        "first_date": "2026-11-16", "last_date": "2026-12-31" }
    });
    let created = app.post_as("/api/activities", &body, Some(staff)).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let activity: Activity = created.json();
    let now = app.state.clock.unix_seconds();
    let creator = app.me(staff).await.unwrap().id;
    for y in youth {
        app.execute(&format!(
            "INSERT INTO assignments (youth_id, activity_id, weekdays, from_date, created_by, created_at) \
             VALUES ({y}, {}, 0, '2026-11-16', {creator}, {now})",
            activity.id
        ))
        .await
        .unwrap();
    }
    activity.id
}

async fn rate(
    app: &TestApp,
    who: &Session,
    activity: i64,
    date: &str,
    body: Value,
) -> crate::helpers::TestResponse {
    app.put_as(
        &format!("/api/me/ratings/activities/{activity}/{date}"),
        &body,
        who,
    )
    .await
}

async fn id_of(app: &TestApp, email: &str) -> i64 {
    app.count(&format!("SELECT id FROM accounts WHERE email = '{email}'"))
        .await
}

async fn report(app: &TestApp, staff: &Session, term: &str) -> FeedbackReport {
    let r = app
        .get_as(&format!("/api/feedback?term={term}"), staff)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

#[tokio::test]
async fn a_young_person_rates_what_they_were_expected_at_once_and_may_change_it_for_seven_days() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = id_of(&app, ELSA).await;
    let activity = daily(&app, &karim, "Jobbklubb", None, &[elsa_id]).await;
    let mine: MyRatings = app.get_as("/api/me/ratings", &elsa).await.json();
    assert_eq!(mine.today.to_string(), "2026-11-23");
    let dates: Vec<String> = mine
        .items
        .iter()
        .filter(|i| i.activity_id == Some(activity))
        .map(|i| i.date.to_string())
        .collect();
    // 16 to 23 November: today's was over at 10:00, it is noon.
    assert_eq!(dates.first().map(String::as_str), Some("2026-11-23"));
    assert_eq!(dates.last().map(String::as_str), Some("2026-11-16"));
    assert_eq!(dates.len(), 8);
    assert!(
        mine.items
            .iter()
            .all(|i| i.rating.is_none() && i.changeable)
    );

    let first = rate(
        &app,
        &elsa,
        activity,
        "2026-11-22",
        json!({ "score": 4, "comment": "Bra!" }),
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.text());
    let first: MyRating = first.json();
    assert_eq!(
        (first.score, first.comment.as_deref(), first.anonymous),
        (4, Some("Bra!"), false)
    );
    let changed: MyRating = rate(
        &app,
        &elsa,
        activity,
        "2026-11-22",
        json!({ "score": 2, "anonymous": true }),
    )
    .await
    .json();
    assert_eq!(
        (changed.score, changed.comment, changed.anonymous),
        (2, None, true)
    );
    assert_eq!(
        changed.changeable_until, first.changeable_until,
        "the window runs from the first rating"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ratings WHERE youth_id IS NULL")
            .await,
        1
    );
    let mine: MyRatings = app.get_as("/api/me/ratings", &elsa).await.json();
    let rated = mine
        .items
        .iter()
        .find(|i| i.date.to_string() == "2026-11-22" && i.activity_id == Some(activity))
        .unwrap();
    assert_eq!(
        rated.rating.as_ref().map(|r| (r.score, r.anonymous)),
        Some((2, true))
    );

    // What she was not expected at, what is not over, bad input.
    let omar = app.demo(OMAR).await;
    assert_eq!(
        rate(&app, &omar, activity, "2026-11-22", json!({ "score": 3 }))
            .await
            .status,
        404
    );
    assert_eq!(
        rate(&app, &elsa, activity, "2026-11-24", json!({ "score": 3 }))
            .await
            .status,
        404
    );
    assert_eq!(
        rate(&app, &elsa, activity, "2026-11-15", json!({ "score": 3 }))
            .await
            .status,
        404
    );
    assert_eq!(
        rate(&app, &elsa, activity, "22-11-2026", json!({ "score": 3 }))
            .await
            .status,
        400
    );
    let bad = rate(
        &app,
        &elsa,
        activity,
        "2026-11-21",
        json!({ "score": 6, "comment": "x".repeat(501) }),
    )
    .await;
    let body = bad.assert_error(ErrorCode::Validation, "sv");
    let fields: Vec<(&str, &str)> = body
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(fields, vec![("score", "score"), ("comment", "too_long")]);
    // Cancelled, or "can't come": nothing to rate.
    let cancel = app
        .put_as(
            &format!("/api/activities/{activity}/occurrences/2026-11-20"),
            &json!({ "action": "cancel" }),
            &karim,
        )
        .await;
    assert_eq!(cancel.status, 200, "{}", cancel.text());
    assert_eq!(
        rate(&app, &elsa, activity, "2026-11-20", json!({ "score": 3 }))
            .await
            .status,
        404
    );
    let absent = app
        .put_as(
            &format!("/api/me/schedule/absences/{activity}/2026-11-24"),
            &json!({ "reason": "Sjuk" }),
            &elsa,
        )
        .await;
    assert_eq!(absent.status, 204);
    app.advance(Duration::from_secs(24 * 3600));
    keep_signed_in(&app).await;
    assert_eq!(
        rate(&app, &elsa, activity, "2026-11-24", json!({ "score": 3 }))
            .await
            .status,
        404
    );

    // Six days after: still changeable; eight days after: locked.
    app.advance(Duration::from_secs(5 * 24 * 3600));
    keep_signed_in(&app).await;
    assert_eq!(
        rate(&app, &elsa, activity, "2026-11-22", json!({ "score": 5 }))
            .await
            .status,
        200
    );
    app.advance(Duration::from_secs(2 * 24 * 3600));
    keep_signed_in(&app).await;
    let locked = rate(&app, &elsa, activity, "2026-11-22", json!({ "score": 1 })).await;
    assert_eq!(locked.status, 409);
    let body: lotsen_api::ErrorBody = locked.json();
    assert_eq!(
        (body.code, body.fields[0].code.as_str()),
        (ErrorCode::Conflict, "rating_locked")
    );
    assert_eq!(body.message, crate::helpers::message("sv", "rating_locked"));
    let mine: MyRatings = app.get_as("/api/me/ratings", &elsa).await.json();
    let rated = mine
        .items
        .iter()
        .find(|i| i.date.to_string() == "2026-11-22" && i.activity_id == Some(activity))
        .unwrap();
    assert_eq!(
        (rated.rating.as_ref().unwrap().score, rated.changeable),
        (5, false)
    );
    // A new occurrence can still be rated.
    assert_eq!(
        rate(&app, &elsa, activity, "2026-11-30", json!({ "score": 4 }))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn concurrent_first_ratings_of_one_occurrence_make_one_rating() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = id_of(&app, ELSA).await;
    let activity = daily(&app, &karim, "Jobbklubb", None, &[elsa_id]).await;
    let mut tasks = Vec::new();
    for i in 0..8u8 {
        let router = app.router.clone();
        let cookie = elsa.cookie.clone();
        tasks.push(tokio::spawn(async move {
            use tower::ServiceExt;
            let request = crate::helpers::request(
                axum::http::Method::PUT,
                &format!("/api/me/ratings/activities/{activity}/2026-11-22"),
                &[
                    crate::helpers::APP_HEADER,
                    ("cookie", cookie.as_str()),
                    ("content-type", "application/json"),
                ],
                json!({ "score": 1 + i % 5, "anonymous": i % 2 == 0 })
                    .to_string()
                    .into(),
            );
            router.oneshot(request).await.unwrap().status().as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM ratings").await, 1);
}

#[tokio::test]
async fn staff_see_a_group_from_five_ratings_and_a_leader_only_through_shown_groups() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let sven = app.demo(SVEN).await;
    let sven_id = id_of(&app, SVEN).await;
    let people = young_people(&app, 6).await;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let shown = daily(&app, &karim, "Jobbklubb", Some(sven_id), &ids).await;
    let small = daily(&app, &karim, "Matlagning", Some(sven_id), &ids).await;
    for (i, (_, who)) in people.iter().take(4).enumerate() {
        let r = rate(
            &app,
            who,
            shown,
            "2026-11-22",
            json!({ "score": 5 - i as u8 % 2, "comment": format!("Kommentar {i}") }),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text());
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
        rate(
            &app,
            &people[4].1,
            shown,
            "2026-11-21",
            json!({ "score": 3 })
        )
        .await
        .status,
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
        app.get_as("/api/feedback?term=2026-summer", &karim)
            .await
            .status,
        400
    );
}

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
                let r = app.get_as(&format!("{path}?term={term}"), s).await;
                assert_eq!(r.status, 200, "{}", r.text());
                out.push(r.text().to_owned());
            }
        }
    }
    out
}

#[tokio::test]
async fn anonymous_ratings_reveal_nobody_in_any_response_filter_or_export() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let anna = app.demo(ANNA).await;
    let sven = app.demo(SVEN).await;
    let sven_id = id_of(&app, SVEN).await;
    let elsa = app.demo(ELSA).await;
    let elsa_id = id_of(&app, ELSA).await;
    let people = young_people(&app, 5).await;
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
    assert_eq!(app.get_as("/api/feedback", &maria).await.status, 403);
    assert_eq!(
        app.get_as("/api/feedback/export.csv", &elsa).await.status,
        403
    );
}

#[tokio::test]
async fn the_export_is_csv_escaped_and_safe_from_formulas() {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let people = young_people(&app, 5).await;
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
    let karim = app.demo(KARIM).await;
    let sven = app.demo(SVEN).await;
    let elsa = app.demo(ELSA).await;
    let omar = app.demo(OMAR).await;
    let elsa_id = id_of(&app, ELSA).await;
    let activity = daily(&app, &karim, "Jobbklubb", None, &[elsa_id]).await;
    let path = format!("/api/feedback/activities/{activity}/answers");
    let empty = app
        .post_as(&path, &json!({ "text": "  " }), Some(&sven))
        .await;
    assert_eq!(
        empty.assert_error(ErrorCode::Validation, "sv").fields[0].code,
        "required"
    );
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
    let saved = app
        .post_as(
            &path,
            &json!({ "text": "Ni sa att fikat var för tidigt, så vi flyttar det till 10:00." }),
            Some(&sven),
        )
        .await;
    assert_eq!(saved.status, 201, "{}", saved.text());
    let saved: FeedbackAnswer = saved.json();
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

#[tokio::test]
async fn an_attended_session_can_be_rated_and_a_booked_one_not() {
    let app = TestApp::with_demo().await;
    let sven = app.demo(SVEN).await;
    let sven_id = id_of(&app, SVEN).await;
    let elsa = app.demo(ELSA).await;
    let windows: Vec<Value> = ["tuesday"]
        .iter()
        .map(|d| json!({ "weekday": d, "start": "09:00", "end": "16:00" }))
        .collect();
    assert_eq!(
        app.put_as(
            "/api/staff/me/opening-hours",
            &json!({ "windows": windows }),
            &sven
        )
        .await
        .status,
        200
    );
    let t = app
        .post_as("/api/booking/session-types", &json!({ "name": "Studievägledning", "profession": "study_counsellor", "length_minutes": 45 }), Some(&sven))
        .await;
    assert_eq!(t.status, 201, "{}", t.text());
    let t: lotsen_api::booking::SessionType = t.json();
    let booked = app
        .post_as("/api/me/bookings", &json!({ "session_type_id": t.id, "staff_id": sven_id, "starts_at": "2026-11-24T09:00:00+01:00" }), Some(&elsa))
        .await;
    assert_eq!(booked.status, 201, "{}", booked.text());
    let booking: lotsen_api::booking::Booking = booked.json();
    let path = format!("/api/me/ratings/sessions/{}", booking.id);
    assert_eq!(
        app.put_as(&path, &json!({ "score": 5 }), &elsa)
            .await
            .status,
        404
    );
    app.advance(Duration::from_secs(24 * 3600));
    keep_signed_in(&app).await;
    assert_eq!(
        app.put_as(&path, &json!({ "score": 5 }), &elsa)
            .await
            .status,
        404,
        "booked, not yet marked attended"
    );
    let marked = app
        .post_as(
            &format!("/api/staff/bookings/{}/attendance", booking.id),
            &json!({ "attended": true }),
            Some(&sven),
        )
        .await;
    assert_eq!(marked.status, 200, "{}", marked.text());
    let rated = app
        .put_as(
            &path,
            &json!({ "score": 5, "comment": "Jättebra", "anonymous": true }),
            &elsa,
        )
        .await;
    assert_eq!(rated.status, 200, "{}", rated.text());
    let omar = app.demo(OMAR).await;
    assert_eq!(
        app.put_as(&path, &json!({ "score": 1 }), &omar)
            .await
            .status,
        404
    );
    let mine: MyRatings = app.get_as("/api/me/ratings", &elsa).await.json();
    let item = mine
        .items
        .iter()
        .find(|i| i.booking_id == Some(booking.id))
        .unwrap();
    assert_eq!(
        (item.title.as_str(), item.leader_name.as_deref()),
        ("Studievägledning", Some("Sven Berg"))
    );
    assert_eq!(item.rating.as_ref().map(|r| r.score), Some(5));
    // One rating: a session group is not even listed below five.
    let report = report(&app, &sven, "2026-autumn").await;
    assert!(
        report
            .groups
            .iter()
            .all(|g| g.kind != lotsen_api::feedback::GroupKind::Session)
    );
    // The stored row keeps neither her nor the booking.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM ratings WHERE youth_id IS NULL AND session_type_id IS NOT NULL"
        )
        .await,
        1
    );
}
