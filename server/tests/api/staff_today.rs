//! Staff's today (`GET /api/staff/today`): each part counts only what the
//! member of staff may see, and only today's window.

use lotsen_api::booking::StaffBookings;
use lotsen_api::date::add_days;
use lotsen_api::desk::StaffToday;
use lotsen_api::register::contacts::ToContactPage;
use serde_json::json;

use crate::helpers::{ANNA, KARIM, SVEN, Session, TestApp, today};

/// Two young people, Elsa (Karim's) and Omar (made Sven's), each with a
/// "can't come" today (Elsa one tomorrow too), a submitted application, an
/// open register period with a contact due, and Elsa a follow-up due; an
/// activity Karim leads rated yesterday and one Sven leads. The ids of
/// Elsa, Omar and Karim's activity.
async fn world(app: &TestApp) -> (i64, i64, i64) {
    let karim = app.account_id(KARIM).await;
    let sven = app.account_id(SVEN).await;
    let elsa = app.youth_named("Elsa Nilsson").await;
    let omar = app.youth_named("Omar Ali").await;
    let (day, tomorrow, yesterday) = (today(), add_days(today(), 1), add_days(today(), -1));
    let far = add_days(today(), 30);
    let sql = [
        format!("UPDATE youth SET contact_person_id = {sven} WHERE account_id = {omar}"),
        format!(
            "INSERT INTO activities (id, title, kind, leader_id, start_minute, end_minute, first_date, last_date, created_by, created_at, updated_at) \
             VALUES (9001, 'Studieverkstad', 'study_room', {karim}, 540, 600, '{yesterday}', '{far}', {karim}, 0, 0), \
                    (9002, 'Friskvård', 'wellness', {sven}, 600, 660, '{yesterday}', '{far}', {sven}, 0, 0)"
        ),
        format!(
            "INSERT INTO absences (youth_id, activity_id, date, reason, reported_at) VALUES \
             ({elsa}, 9001, '{day}', 'Sjuk', 0), ({omar}, 9002, '{day}', NULL, 0), ({elsa}, 9001, '{tomorrow}', NULL, 0)"
        ),
        format!(
            "INSERT INTO applications (youth_id, created_by, status, content, created_at, updated_at, submitted_at) VALUES \
             ({elsa}, {karim}, 'submitted', '{{}}', 0, 100, 100), ({omar}, {sven}, 'submitted', '{{}}', 0, 50, 50), \
             ({elsa}, {karim}, 'draft', '{{}}', 0, 10, NULL)"
        ),
        format!(
            "INSERT INTO register_periods (youth_id, registered_on, registration_reason, recorded_at) VALUES \
             ({elsa}, '2026-10-01', 'dropped_out', 0), ({omar}, '2026-10-01', 'dropped_out', 0)"
        ),
        format!(
            "INSERT INTO register_contacts (youth_id, contacted_on, channel, recipient, staff_id, outcome, next_contact_on, recorded_at, recorded_by) VALUES \
             ({elsa}, '2026-11-01', 'phone', 'youth', {karim}, 'no_answer', '{day}', 0, {karim}), \
             ({omar}, '2026-11-01', 'phone', 'youth', {sven}, 'no_answer', '{yesterday}', 0, {sven})"
        ),
        format!(
            "INSERT INTO register_measures (youth_id, code, responsible_kind, planned_start, next_follow_up, created_at, created_by, updated_at) \
             SELECT {elsa}, code, 'youth', '2026-10-01', '{day}', 0, {karim}, 0 FROM measure_codes ORDER BY code LIMIT 1"
        ),
        format!(
            "INSERT INTO ratings (rater_key, youth_id, activity_id, occurrence_date, score, changeable_until) VALUES \
             ('{}', NULL, 9001, '{yesterday}', 4, 0), ('{}', NULL, 9002, '{yesterday}', 2, 0), \
             ('{}', NULL, 9001, '2026-01-05', 5, 0)",
            "a".repeat(64),
            "b".repeat(64),
            "c".repeat(64)
        ),
    ];
    for statement in sql {
        app.execute(&statement).await.unwrap();
    }
    (elsa, omar, 9001)
}

async fn today_of(app: &TestApp, staff: &Session) -> StaffToday {
    app.get_as("/api/staff/today", staff)
        .await
        .assert_status(200)
        .json()
}

fn names(t: &StaffToday) -> Vec<&str> {
    t.absences.iter().map(|a| a.youth_name.as_str()).collect()
}

#[tokio::test]
async fn counts_follow_what_each_member_of_staff_may_see() {
    let app = TestApp::with_demo().await;
    let (elsa, _omar, _) = world(&app).await;
    let [karim, sven, anna] = app.demos([KARIM, SVEN, ANNA]).await;

    let k = today_of(&app, &karim).await;
    assert_eq!(k.today, today());
    assert_eq!(names(&k), ["Elsa Nilsson"], "not Omar's, not tomorrow's");
    assert_eq!(k.absences[0].reason.as_deref(), Some("Sjuk"));
    assert_eq!(k.absences[0].activity_title, "Studieverkstad");
    assert_eq!(
        k.applications.count, 1,
        "Elsa's submitted one; not the draft, not Omar's"
    );
    assert_eq!(
        k.applications.oldest_submitted_at.as_deref(),
        Some("1970-01-01T00:01:40Z")
    );
    assert_eq!((k.contacts_due, k.follow_ups_due), (1, 1));
    assert_eq!(k.to_contact, None, "not an officer");
    let rated: Vec<i64> = k.feedback.iter().map(|f| f.activity_id).collect();
    assert_eq!(rated, [9001], "the activity Karim leads, not Sven's");
    assert_eq!(k.feedback[0].last_rated_on, add_days(today(), -1));

    let s = today_of(&app, &sven).await;
    assert_eq!(names(&s), ["Omar Ali"]);
    assert_eq!(s.applications.count, 1);
    assert_eq!(
        s.applications.oldest_submitted_at.as_deref(),
        Some("1970-01-01T00:00:50Z")
    );
    assert_eq!((s.contacts_due, s.follow_ups_due), (1, 0));
    let rated: Vec<i64> = s.feedback.iter().map(|f| f.activity_id).collect();
    assert_eq!(rated, [9002]);

    let a = today_of(&app, &anna).await;
    assert_eq!(names(&a), ["Elsa Nilsson", "Omar Ali"]);
    assert_eq!(a.applications.count, 2);
    assert_eq!(
        a.applications.oldest_submitted_at.as_deref(),
        Some("1970-01-01T00:00:50Z")
    );
    assert_eq!((a.contacts_due, a.follow_ups_due), (2, 1));
    let listed: ToContactPage = app
        .get_as("/api/register/to-contact", &anna)
        .await
        .assert_status(200)
        .json();
    assert_eq!(a.to_contact, Some(listed.total));
    assert_eq!(a.feedback.len(), 2);

    // The names shown are audited.
    let audited = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'staff_today' AND youth_id = {elsa}"
        ))
        .await;
    assert_eq!(audited, 2, "Karim's read and Anna's");
}

#[tokio::test]
async fn an_answer_takes_the_feedback_off_the_list() {
    let app = TestApp::with_demo().await;
    world(&app).await;
    let karim = app.demo(KARIM).await;
    assert_eq!(today_of(&app, &karim).await.feedback.len(), 1);
    app.post_as(
        "/api/feedback/activities/9001/answers",
        &json!({ "text": "Vi har fler platser nu." }),
        Some(&karim),
    )
    .await
    .assert_status(201);
    assert!(today_of(&app, &karim).await.feedback.is_empty());
}

#[tokio::test]
async fn the_bookings_are_the_callers_own_of_the_day() {
    let app = TestApp::with_demo().await;
    for login in [KARIM, SVEN] {
        let staff = app.demo(login).await;
        let t = today_of(&app, &staff).await;
        let day: StaffBookings = app
            .get_as("/api/staff/me/bookings?days=1", &staff)
            .await
            .assert_status(200)
            .json();
        assert_eq!(t.bookings, day.bookings);
        assert_eq!(t.group_sessions, day.group_sessions);
        let me = app.account_id(login).await;
        assert!(t.bookings.iter().all(|b| b.staff_id == me));
    }
}

#[tokio::test]
async fn the_youth_list_has_the_latest_application_and_contact() {
    use lotsen_api::application::ApplicationStatus;
    use lotsen_api::people::YouthSummary;
    let app = TestApp::with_demo().await;
    world(&app).await;
    let [karim, anna] = app.demos([KARIM, ANNA]).await;
    let list: Vec<YouthSummary> = app.get_as("/api/youth", &karim).await.json();
    let elsa = list.iter().find(|y| y.name == "Elsa Nilsson").unwrap();
    assert_eq!(
        elsa.application_status,
        Some(ApplicationStatus::Draft),
        "the latest"
    );
    assert_eq!(elsa.last_contact_on, lotsen_api::date::ymd(2026, 11, 1));
    assert!(list.iter().all(|y| y.name != "Omar Ali"), "Sven's now");
    let list: Vec<YouthSummary> = app.get_as("/api/youth", &anna).await.json();
    let omar = list.iter().find(|y| y.name == "Omar Ali").unwrap();
    assert_eq!(omar.application_status, Some(ApplicationStatus::Submitted));
    let linnea = list.iter().find(|y| y.name.starts_with("Linnea"));
    assert!(linnea.is_none_or(|y| y.last_contact_on.is_none()));
}

#[tokio::test]
async fn todays_cant_come_is_found_by_its_date_not_by_walking_the_table() {
    let app = TestApp::new().await;
    if !app.is_sqlite() {
        return; // PostgreSQL's plan depends on the statistics; SQLite's is fixed.
    }
    let plan = app
        .plan("SELECT ab.youth_id FROM absences ab WHERE ab.date = '2026-11-23'")
        .await
        .join("\n");
    assert!(plan.contains("absences_date"), "{plan}");
}
