//! A young person's team: who besides the contact person opens the record,
//! and that a booking gives the booked staff member the booking, not the record.

use lotsen_api::booking::{FreeTimes, StaffBookings};
use lotsen_api::people::{AuditPage, YouthDetail, YouthSummary};
use lotsen_api::team::{MyTeamMember, Team};
use lotsen_api::{ErrorCode, account::Profession};
use serde_json::json;

use crate::booking::session_types;
use crate::helpers::{ANNA, ELSA, KARIM, LINNEA, SVEN, Session, TestApp};

async fn id_of(app: &TestApp, session: &Session) -> i64 {
    app.me(session).await.unwrap().id
}

async fn sees(app: &TestApp, staff: &Session, youth: i64) -> bool {
    let status = app
        .get_as(&format!("/api/youth/{youth}"), staff)
        .await
        .status;
    assert!(status == 200 || status == 404, "{status}");
    status == 200
}

#[tokio::test]
async fn the_contact_person_adds_and_removes_team_members_with_a_reason() {
    let app = TestApp::with_demo().await;
    let [karim, sven, anna] = app.demos([KARIM, SVEN, ANNA]).await;
    let sven_id = id_of(&app, &sven).await;
    let elsa = app.youth_named("Elsa Nilsson").await;
    let path = format!("/api/youth/{elsa}/team");
    assert!(!sees(&app, &sven, elsa).await);

    // A reason is required; then Sven is on the team and opens the record.
    let no_reason = app
        .post_as(
            &path,
            &json!({ "staff_id": sven_id, "reason": "  " }),
            Some(&karim),
        )
        .await
        .assert_error(ErrorCode::Validation, "sv");
    assert_eq!(no_reason.fields[0].field, "reason");
    let team: Team = app
        .post_as(
            &path,
            &json!({ "staff_id": sven_id, "reason": "Planerar studier" }),
            Some(&karim),
        )
        .await
        .assert_status(201)
        .json();
    assert!(team.can_manage);
    assert_eq!(team.contact_person.unwrap().name, "Karim Haddad");
    assert_eq!(team.members.len(), 1);
    assert_eq!(team.members[0].staff.id, sven_id);
    assert_eq!(team.members[0].reason, "Planerar studier");
    assert_eq!(team.members[0].added_by, "Karim Haddad");
    assert!(sees(&app, &sven, elsa).await);
    let listed: Vec<YouthSummary> = app.get_as("/api/youth", &sven).await.json();
    assert_eq!(listed.iter().map(|y| y.id).collect::<Vec<_>>(), [elsa]);

    // Twice is a conflict; a member may look at the team but not change it.
    let again = app
        .post_as(
            &path,
            &json!({ "staff_id": sven_id, "reason": "Igen" }),
            Some(&karim),
        )
        .await
        .assert_error(ErrorCode::Conflict, "sv");
    assert_eq!(again.fields[0].code, "already_on_team");
    let seen: Team = app.get_as(&path, &sven).await.json();
    assert!(!seen.can_manage);
    let anna_id = id_of(&app, &anna).await;
    app.post_as(
        &path,
        &json!({ "staff_id": anna_id, "reason": "Vill ha hjälp" }),
        Some(&sven),
    )
    .await
    .assert_status(403);

    // Elsa sees who is on her team: her contact person first.
    let elsa_session = app.demo(ELSA).await;
    let mine: Vec<MyTeamMember> = app.get_as("/api/me/team", &elsa_session).await.json();
    assert_eq!(
        mine,
        [
            MyTeamMember {
                name: "Karim Haddad".into(),
                profession: Profession::ContactPerson,
                is_contact_person: true
            },
            MyTeamMember {
                name: "Sven Berg".into(),
                profession: Profession::StudyCounsellor,
                is_contact_person: false
            },
        ]
    );

    // Removed (by an administrator, with a reason): the record closes again, the history stays.
    let removed = app
        .post_as(
            &format!("{path}/{sven_id}/remove"),
            &json!({ "reason": "Studieplanen är klar" }),
            Some(&anna),
        )
        .await
        .assert_status(200);
    assert!(removed.json::<Team>().members.is_empty());
    assert!(!sees(&app, &sven, elsa).await);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM youth_team WHERE removed_at IS NOT NULL AND removed_reason = 'Studieplanen är klar'")
            .await,
        1
    );
    app.post_as(
        &format!("{path}/{sven_id}/remove"),
        &json!({ "reason": "Igen" }),
        Some(&anna),
    )
    .await
    .assert_status(404);
    // Added again later: a new row.
    app.post_as(
        &path,
        &json!({ "staff_id": sven_id, "reason": "Ny fråga" }),
        Some(&karim),
    )
    .await
    .assert_status(201);
    assert!(sees(&app, &sven, elsa).await);

    // Both changes are in the audit log, with who made them.
    let log: AuditPage = app.get_as("/api/audit?limit=200", &anna).await.json();
    let actions: Vec<(&str, &str)> = log
        .entries
        .iter()
        .filter(|e| e.action.contains("team_member"))
        .map(|e| (e.action.as_str(), e.actor_name.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("add_team_member", "Karim Haddad"),
            ("remove_team_member", "Anna Andersson"),
            ("add_team_member", "Karim Haddad"),
        ]
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_booking_shows_the_booked_staff_the_name_and_note_and_opens_no_record() {
    let (app, sven) = TestApp::with_demo_signed_in(SVEN).await;
    let sven_id = id_of(&app, &sven).await;
    let linnea = app.session(LINNEA, crate::helpers::DEMO_PASSWORD).await;
    let linnea_id = id_of(&app, &linnea).await;
    // Linnea (protected identity) books one of Sven's free times with a note.
    let types = session_types(&app, &linnea, "study_counsellor").await;
    let t = &types[0];
    let free: FreeTimes = app
        .get_as(
            &format!("/api/booking/session-types/{}/free-times?days=14", t.id),
            &linnea,
        )
        .await
        .json();
    let time = free
        .days
        .iter()
        .flat_map(|d| d.times.iter())
        .find(|f| f.staff_id == sven_id)
        .expect("Sven has a free time")
        .clone();
    app
        .post_as(
            "/api/me/bookings",
            &json!({ "session_type_id": t.id, "staff_id": sven_id, "starts_at": time.starts_at, "note": "Vill prata om komvux" }),
            Some(&linnea),
        )
        .await
        .assert_status(201);

    // Sven's day shows her name and her note …
    let date = &time.starts_at[..10];
    let day = app
        .get_as(&format!("/api/staff/me/bookings?date={date}&days=1"), &sven)
        .await
        .assert_status(200);
    let bookings: StaffBookings = day.json();
    let mine = bookings
        .bookings
        .iter()
        .find(|b| b.youth_id == linnea_id)
        .expect("the booking is in the booked staff member's day");
    assert_eq!(mine.youth_name, "Linnea Ek");
    assert_eq!(mine.note.as_deref(), Some("Vill prata om komvux"));
    assert!(
        !day.text().contains(LINNEA),
        "no contact details: {}",
        day.text()
    );
    assert!(!day.text().contains("personnummer"));
    // … and nothing else: not the record, not the applications, not the outcomes.
    assert!(!sees(&app, &sven, linnea_id).await);
    for path in [
        format!("/api/youth/{linnea_id}/applications"),
        format!("/api/youth/{linnea_id}/outcomes"),
        format!("/api/youth/{linnea_id}/team"),
        format!("/api/youth/{linnea_id}/schedule?from=2026-11-23&to=2026-11-29"),
    ] {
        assert_eq!(app.get_status(&path, &sven).await, 404, "{path}");
    }
}

#[tokio::test]
async fn a_team_member_does_not_see_a_protected_identitys_contact_details() {
    let app = TestApp::with_demo().await;
    let [karim, sven] = app.demos([KARIM, SVEN]).await;
    let sven_id = id_of(&app, &sven).await;
    let linnea = app.youth_named("Linnea Ek").await;
    app.post_as(
        &format!("/api/youth/{linnea}/team"),
        &json!({ "staff_id": sven_id, "reason": "Studieplanering" }),
        Some(&karim),
    )
    .await
    .assert_status(201);
    let read = app.get_as(&format!("/api/youth/{linnea}"), &sven).await;
    let detail: YouthDetail = read.json();
    assert!(detail.contact_details_hidden);
    assert_eq!((detail.email, detail.phone), (None, None));
    assert!(!read.text().contains(LINNEA), "{}", read.text());
}
