//! The homes (`GET /api/me/home`, `GET /api/guardian/home`): what comes next
//! against the young person's own schedule and bookings, today, what to
//! rate, new answers, the application's step, the contact person; and a
//! guardian's applications waiting for their signature. Who may read them is
//! in `authorization.rs`. Today is Monday 23 November 2026, noon.

use std::time::Duration;

use lotsen_api::application::ApplicationStatus;
use lotsen_api::booking::MyBookings;
use lotsen_api::home::{GuardianHome, HomeEntry, NextStep, YouthHome};
use lotsen_api::schedule::Schedule;
use serde_json::json;

use crate::applications::{cosign, draft, get, sign};
use crate::booking::{WEDNESDAY_9, booked, counselling, individual};
use crate::helpers::{ELSA, KARIM, MARIA, PER, SVEN, Session, TestApp, valid_personnummer};
use crate::schedule::{activity, assign, create};

const DAY: Duration = Duration::from_secs(24 * 3600);

async fn home(app: &TestApp, youth: &Session) -> YouthHome {
    app.get_as("/api/me/home", youth)
        .await
        .assert_status(200)
        .json()
}

/// An entry as "day time title" (a booking by its session type).
fn said(entry: &HomeEntry) -> String {
    match entry {
        HomeEntry::Activity(i) => format!("{} {} {}", i.date, i.start, i.title),
        HomeEntry::Booking(b) => format!(
            "{} {} {}",
            &b.starts_at[..10],
            &b.starts_at[11..16],
            b.session_type_name
        ),
    }
}

/// A young person of Karim's with nothing on their schedule yet: the app,
/// Karim, the young person's session and id.
async fn new_youth() -> (TestApp, Session, Session, i64) {
    let app = TestApp::with_demo().await;
    let karim = app.demo(KARIM).await;
    let created = app
        .register(
            &karim,
            json!({ "name": "Nils Holm", "personnummer": valid_personnummer(2007, 4, 5, 111), "email": "nils.holm@example.se" }),
        )
        .await;
    app.accept_invitation(&created.invitation, "nils-eget-losenord")
        .await;
    let nils = app
        .session("nils.holm@example.se", "nils-eget-losenord")
        .await;
    (app, karim, nils, created.youth.id)
}

/// Karim's "Jobbsök" (09:00–11:30) on `days` for the rest of the term, the young person on it from today.
async fn on_schedule(app: &TestApp, karim: &Session, youth: i64, days: &[u8]) -> i64 {
    let a = create(app, karim, &activity(days, "2026-11-02", "2027-01-29")).await;
    assign(
        app,
        karim,
        youth,
        json!({ "activity_id": a.id, "from_date": "2026-11-23" }),
    )
    .await
    .assert_status(201);
    a.id
}

/// The first activity or booking that is not over, cancelled or "can't
/// come", computed from the young person's own schedule and bookings reads.
async fn first_from_own_reads(
    app: &TestApp,
    youth: &Session,
    now_date: &str,
    now_time: &str,
) -> Option<String> {
    let last = lotsen_api::date::add_days(lotsen_api::date::parse_iso(now_date).unwrap(), 13);
    let week: Schedule = app
        .get_as(
            &format!("/api/me/schedule?from={now_date}&to={last}"),
            youth,
        )
        .await
        .json();
    let mine: MyBookings = app.get_as("/api/me/bookings", youth).await.json();
    let mut all: Vec<(String, String)> = week
        .items
        .iter()
        .filter(|i| {
            i.status != lotsen_api::schedule::OccurrenceStatus::Cancelled && i.absence.is_none()
        })
        .filter(|i| {
            (i.date.to_string(), i.end.clone()) > (now_date.to_string(), now_time.to_string())
        })
        .map(|i| {
            (
                format!("{} {}", i.date, i.start),
                format!("{} {} {}", i.date, i.start, i.title),
            )
        })
        .chain(mine.upcoming.iter().map(|b| {
            let key = format!("{} {}", &b.starts_at[..10], &b.starts_at[11..16]);
            (
                key,
                format!(
                    "{} {} {}",
                    &b.starts_at[..10],
                    &b.starts_at[11..16],
                    b.session_type_name
                ),
            )
        }))
        .collect();
    all.sort();
    all.into_iter().next().map(|(_, said)| said)
}

#[tokio::test]
async fn next_is_the_first_of_the_own_schedule_and_bookings() {
    let app = TestApp::with_demo().await;
    let [karim, sven, elsa] = app.demos([KARIM, SVEN, ELSA]).await;
    let elsa_id = app.account_id(ELSA).await;
    let t = counselling(&app, &sven).await;
    let sven_id = app.account_id(SVEN).await;
    // Elsa's demo week, a Tuesday activity, and a booking on Wednesday.
    on_schedule(&app, &karim, elsa_id, &[2]).await;
    booked(&app, &elsa, individual(&t, sven_id, WEDNESDAY_9)).await;

    let at_noon = home(&app, &elsa).await;
    let expected = first_from_own_reads(&app, &elsa, "2026-11-23", "12:00").await;
    assert!(
        expected.is_some(),
        "the demo and the test give Elsa something to do"
    );
    assert_eq!(at_noon.next.as_ref().map(said), expected);
    assert_eq!(at_noon.today.to_string(), "2026-11-23");
    // Today's entries are today's items of the schedule, in its order.
    let today: Schedule = app
        .get_as("/api/me/schedule?from=2026-11-23&to=2026-11-23", &elsa)
        .await
        .json();
    let from_schedule: Vec<String> = today
        .items
        .iter()
        .map(|i| format!("{} {} {}", i.date, i.start, i.title))
        .collect();
    assert_eq!(
        at_noon.today_entries.iter().map(said).collect::<Vec<_>>(),
        from_schedule
    );
}

#[tokio::test]
async fn cant_come_and_cancelling_move_next_on_to_the_following_item() {
    let (app, karim, nils, nils_id) = new_youth().await;
    let sven = app.demo(SVEN).await;
    let t = counselling(&app, &sven).await;
    let sven_id = app.account_id(SVEN).await;
    let activity = on_schedule(&app, &karim, nils_id, &[2]).await;
    let booking = booked(&app, &nils, individual(&t, sven_id, WEDNESDAY_9)).await;

    let first = home(&app, &nils).await;
    assert_eq!(
        first.next.as_ref().map(said).as_deref(),
        Some("2026-11-24 09:00 Jobbsök")
    );
    assert!(first.today_entries.is_empty(), "nothing on Monday");

    // "Can't come" through the schedule's own endpoint: the booking is next.
    app.put_as(
        &format!("/api/me/schedule/absences/{activity}/2026-11-24"),
        &json!({ "reason": "Tandläkaren" }),
        &nils,
    )
    .await
    .assert_status(204);
    let after_absence = home(&app, &nils).await;
    assert_eq!(
        after_absence.next.as_ref().map(said).as_deref(),
        Some("2026-11-25 09:00 Studievägledning")
    );
    match after_absence.next {
        Some(HomeEntry::Booking(b)) => {
            assert_eq!(b.id, booking.id);
            assert_eq!(b.staff_name, "Sven Berg");
            assert!(b.can_change, "moving and cancelling are offered");
        }
        other => panic!("expected the booking: {other:?}"),
    }

    // Cancelling through the booking's own endpoint: next week's Tuesday.
    app.post_empty_as(
        &format!("/api/me/bookings/{}/cancel", booking.id),
        Some(&nils),
    )
    .await
    .assert_status(200);
    let after_cancel = home(&app, &nils).await;
    assert_eq!(
        after_cancel.next.as_ref().map(said).as_deref(),
        Some("2026-12-01 09:00 Jobbsök")
    );
}

#[tokio::test]
async fn on_a_sunday_next_is_mondays_item_and_today_is_empty() {
    let (app, karim, nils, nils_id) = new_youth().await;
    on_schedule(&app, &karim, nils_id, &[1]).await;
    // From Monday noon to Sunday noon (29 November).
    app.advance_signed_in(6 * DAY).await;
    let sunday = home(&app, &nils).await;
    assert_eq!(sunday.today.to_string(), "2026-11-29");
    assert!(sunday.today_entries.is_empty());
    assert_eq!(
        sunday.next.as_ref().map(said).as_deref(),
        Some("2026-11-30 09:00 Jobbsök")
    );
    assert_eq!(
        sunday.next.as_ref().map(said),
        first_from_own_reads(&app, &nils, "2026-11-29", "12:00").await
    );
    match &sunday.next {
        Some(HomeEntry::Activity(i)) => {
            assert_eq!(i.place, "Lotsen, rum 3");
        }
        other => panic!("expected the activity: {other:?}"),
    }
}

#[tokio::test]
async fn whats_going_on_now_is_next_and_today_lists_it() {
    let (app, karim, nils, nils_id) = new_youth().await;
    on_schedule(&app, &karim, nils_id, &[2]).await;
    // Tuesday 10:00: the activity (09:00–11:30) goes on.
    app.advance_signed_in(DAY - Duration::from_secs(2 * 3600))
        .await;
    let now = home(&app, &nils).await;
    assert_eq!(
        now.next.as_ref().map(said).as_deref(),
        Some("2026-11-24 09:00 Jobbsök")
    );
    assert_eq!(now.today_entries.len(), 1);
    // Tuesday 12:00: it is over, so next is next week's, and today still lists it.
    app.advance_signed_in(Duration::from_secs(2 * 3600)).await;
    let later = home(&app, &nils).await;
    assert_eq!(
        later.next.as_ref().map(said).as_deref(),
        Some("2026-12-01 09:00 Jobbsök")
    );
    assert_eq!(later.today_entries.len(), 1);
}

#[tokio::test]
async fn yesterdays_activity_waits_for_a_rating_until_it_is_rated() {
    let (app, karim, nils, nils_id) = new_youth().await;
    let activity = on_schedule(&app, &karim, nils_id, &[1]).await;
    assert!(
        home(&app, &nils).await.to_rate.is_empty(),
        "nothing yesterday"
    );
    app.advance_signed_in(DAY).await;
    let tuesday = home(&app, &nils).await;
    assert_eq!(
        tuesday
            .to_rate
            .iter()
            .map(|r| (r.activity_id, r.date.to_string()))
            .collect::<Vec<_>>(),
        [(Some(activity), "2026-11-23".to_string())]
    );
    app.put_as(
        &format!("/api/me/ratings/activities/{activity}/2026-11-23"),
        &json!({ "score": 4 }),
        &nils,
    )
    .await
    .assert_status(200);
    assert!(home(&app, &nils).await.to_rate.is_empty(), "rated");
}

#[tokio::test]
async fn new_answers_to_the_own_activities_are_shown_and_others_are_not() {
    let (app, karim, nils, nils_id) = new_youth().await;
    let mine = on_schedule(&app, &karim, nils_id, &[1]).await;
    let other = create(&app, &karim, &activity(&[3], "2026-11-02", "2027-01-29")).await;
    for (id, text) in [(mine, "Vi börjar kvart över nio."), (other.id, "Inte ditt")] {
        app.post_as(
            &format!("/api/feedback/activities/{id}/answers"),
            &json!({ "text": text }),
            Some(&karim),
        )
        .await
        .assert_status(201);
    }
    let answers = home(&app, &nils).await.answers;
    assert_eq!(
        answers.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
        ["Vi börjar kvart över nio."]
    );
    // Two weeks on, the answer is no longer new.
    app.advance_signed_in(15 * DAY).await;
    assert!(home(&app, &nils).await.answers.is_empty());
}

#[tokio::test]
async fn the_application_and_its_next_step() {
    let (app, karim, nils, nils_id) = new_youth().await;
    let empty = home(&app, &nils).await;
    assert_eq!((empty.application, empty.next_step), (None, None));
    let application = draft(&app, &karim, nils_id).await;
    let drafted = home(&app, &nils).await;
    assert_eq!(
        drafted.application.as_ref().map(|a| (a.id, a.status)),
        Some((application.id, ApplicationStatus::Draft))
    );
    assert_eq!(drafted.next_step, Some(NextStep::SignApplication));
    // Nils is 19: his signature submits it to the team.
    let application = get(&app, application.id, &nils).await;
    app.post_as(
        &format!("/api/applications/{}/sign", application.id),
        &json!({ "password": "nils-eget-losenord", "read": true, "document_hash": application.document_hash }),
        Some(&nils),
    )
    .await
    .assert_status(200);
    assert_eq!(
        home(&app, &nils).await.next_step,
        Some(NextStep::WaitForTeam)
    );
    assert!(home(&app, &nils).await.plan.is_none());
}

#[tokio::test]
async fn the_contact_person_with_phone_hours_and_time_off() {
    let (app, karim, nils, _) = new_youth().await;
    let before = home(&app, &nils).await.contact_person.unwrap();
    assert_eq!(before.name, "Karim Haddad");
    assert_eq!(before.phone, None, "the demo staff have no phone");
    app.execute(
        "UPDATE accounts SET phone = '+46701234567' WHERE email = 'karim.haddad@lotsen.example'",
    )
    .await
    .unwrap();
    crate::booking::opening_hours(
        &app,
        &karim,
        &[
            ("monday", "09:00", "12:00"),
            ("monday", "13:00", "16:00"),
            ("tuesday", "09:00", "16:00"),
        ],
    )
    .await;
    let contact = home(&app, &nils).await.contact_person.unwrap();
    assert_eq!(contact.phone.as_deref(), Some("+46701234567"));
    assert_eq!(
        contact
            .hours_today
            .iter()
            .map(|h| format!("{}–{}", h.start, h.end))
            .collect::<Vec<_>>(),
        ["09:00–12:00", "13:00–16:00"]
    );
    assert!(!contact.away_today);
    app.post_as(
        "/api/staff/me/exceptions",
        &json!({ "starts_at": "2026-11-23T13:00:00+01:00", "ends_at": "2026-11-23T17:00:00+01:00", "reason": "Utbildning" }),
        Some(&karim),
    )
    .await
    .assert_status(201);
    assert!(home(&app, &nils).await.contact_person.unwrap().away_today);
}

#[tokio::test]
async fn a_guardian_sees_what_waits_for_their_signature_and_nothing_else() {
    let app = TestApp::with_demo().await;
    let [karim, elsa, maria, per] = app.demos([KARIM, ELSA, MARIA, PER]).await;
    let elsa_id = app.account_id(ELSA).await;
    let guardian_home = async |s: &Session| -> GuardianHome {
        app.get_as("/api/guardian/home", s)
            .await
            .assert_status(200)
            .json()
    };
    assert!(guardian_home(&maria).await.applications.is_empty());
    let application = draft(&app, &karim, elsa_id).await;
    assert!(
        guardian_home(&maria).await.applications.is_empty(),
        "a draft is not theirs yet"
    );
    sign(&app, &application, &elsa).await.assert_status(200);
    let waiting = guardian_home(&maria).await.applications;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].youth_name, "Elsa Nilsson");
    assert_eq!(waiting[0].status, ApplicationStatus::WaitingForGuardians);
    assert_eq!(
        (
            waiting[0].signed_by_me,
            waiting[0].guardians_signed,
            waiting[0].guardians
        ),
        (false, 0, 2)
    );
    assert!(waiting[0].waits_for_me());

    let application = get(&app, application.id, &maria).await;
    cosign(&app, &application, &maria).await.assert_status(200);
    let maria_now = guardian_home(&maria).await.applications;
    assert_eq!(
        (maria_now[0].signed_by_me, maria_now[0].guardians_signed),
        (true, 1)
    );
    assert!(!maria_now[0].waits_for_me());
    let per_now = guardian_home(&per).await.applications;
    assert!(per_now[0].waits_for_me(), "Per has not signed");

    // A guardian of someone else's young person sees none of it.
    let greta = crate::authorization::other_guardian(&app, &karim).await;
    assert!(guardian_home(&greta).await.applications.is_empty());

    // Nothing of Elsa's other data: no schedule, booking, plan or contact person.
    let raw = app.get_as("/api/guardian/home", &maria).await;
    for word in [
        "personnummer",
        "@",
        "Karim",
        "Arbetslivsfokus",
        "contact_person",
        "next",
    ] {
        assert!(!raw.text().contains(word), "{word} in {}", raw.text());
    }
}

/// The home's own read of bookings is a range of the index on (young person,
/// start): 10,000 bookings of the same young person outside the window
/// (cancelled ones, on past days and from a month ahead) are not touched.
#[tokio::test]
async fn the_home_reads_only_the_window_of_bookings() {
    use crate::booking::window_reads::{OUTSIDE, assert_window_sized, with_literals};
    use crate::helpers::internals::youth_window_sql;

    let app = TestApp::with_demo().await;
    let (omar, sven) = (
        app.account_id(crate::helpers::OMAR).await,
        app.account_id(SVEN).await,
    );
    let now = app.state.clock.unix_seconds();
    let days = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)";
    for (first, sign) in [(2, -1), (30, 1)] {
        let start = format!("{now} + {sign} * ({first} + CAST(i AS BIGINT)) * 86400");
        let added = app
            .execute(&format!(
                "INSERT INTO bookings (session_type_id, staff_id, youth_id, starts_at, ends_at, blocks_until, \
                 status, created_by, created_at) {days} SELECT (SELECT MIN(id) FROM session_types), {sven}, {omar}, \
                 {start}, {start} + 2700, {start} + 3600, 'cancelled', {sven}, 0 FROM n"
            ))
            .await
            .unwrap();
        assert_eq!(added as i64, OUTSIDE / 2);
    }
    let sql = with_literals(
        &youth_window_sql(),
        &[
            omar.to_string(),
            (now - 86_400).to_string(),
            (now + 14 * 86_400).to_string(),
        ],
    );
    assert_window_sized(&app, &sql, "bookings", "b", 0).await;
}
