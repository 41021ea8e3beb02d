//! The application (issue 5).

use lotsen::i18n::Locale;
use lotsen::pages::application::{DraftForm, StatusLine, status_line, waiting_days, waiting_text};
use lotsen_api::account::Role;
use lotsen_api::application::{
    Application, ApplicationStatus, Consents, ContactChannel, GuardianSigner, HelpWith,
    SchoolStatus, Situation,
};
use lotsen_api::contact::FieldProblem;
use wasm_bindgen_test::*;

fn application(status: ApplicationStatus, guardians: &[(i64, &str, bool)]) -> Application {
    let mut a: Application = serde_json::from_str(
        r#"{"id":7,"youth_id":3,"youth_name":"Elsa Nilsson","status":"draft","version":1,
        "content":{"situation":"nothing","school_status":"dropped_out","help_with":["work"],
          "contact_by":"sms","consents":{"school":true,"social_services":false,
          "employment_service":false,"youth_clinic":false}},
        "document":"{}","document_hash":"ab","signatures":[],"created_at":"2026-11-01T10:00:00Z",
        "updated_at":"2026-11-01T10:00:00Z","timeline":[]}"#,
    )
    .unwrap();
    a.status = status;
    a.guardians = guardians
        .iter()
        .map(|(id, name, signed)| GuardianSigner {
            id: *id,
            name: (*name).into(),
            signed: *signed,
        })
        .collect();
    a
}

#[wasm_bindgen_test]
fn the_status_line_depends_on_who_is_looking() {
    let draft = application(ApplicationStatus::Draft, &[]);
    assert_eq!(
        status_line(&draft, 3, Role::Youth),
        StatusLine::WaitingForYou
    );
    assert_eq!(
        status_line(&draft, 9, Role::Staff),
        StatusLine::WaitingForYouth
    );

    let waiting = application(
        ApplicationStatus::WaitingForGuardians,
        &[(11, "Maria Nilsson", true), (12, "Per Nilsson", false)],
    );
    let guardian_two = StatusLine::WaitingForGuardian {
        number: 2,
        name: "Per Nilsson".into(),
    };
    assert_eq!(status_line(&waiting, 3, Role::Youth), guardian_two);
    assert_eq!(
        status_line(&waiting, 11, Role::Guardian),
        guardian_two,
        "Maria has signed"
    );
    assert_eq!(
        status_line(&waiting, 12, Role::Guardian),
        StatusLine::WaitingForYourCosignature
    );

    assert_eq!(
        status_line(
            &application(ApplicationStatus::Submitted, &[]),
            3,
            Role::Youth
        ),
        StatusLine::Submitted
    );
    let mut accepted = application(ApplicationStatus::Accepted, &[]);
    accepted.contact_person = Some(lotsen_api::people::StaffMember {
        id: 2,
        name: "Karim Haddad".into(),
        profession: lotsen_api::account::Profession::ContactPerson,
        is_admin: false,
    });
    assert_eq!(
        status_line(&accepted, 3, Role::Youth),
        StatusLine::Accepted(Some("Karim Haddad".into()))
    );
    let mut declined = application(ApplicationStatus::Declined, &[]);
    declined.decision_reason = Some("Vi hör av oss".into());
    assert_eq!(
        status_line(&declined, 3, Role::Youth),
        StatusLine::Declined(Some("Vi hör av oss".into()))
    );
}

#[wasm_bindgen_test]
fn waiting_time_is_whole_days_since_submission() {
    let since = "2026-11-20T09:00:00Z";
    let at = |iso: &str| js_sys::Date::new(&iso.into()).get_time();
    assert_eq!(waiting_days(since, at("2026-11-20T17:00:00Z")), Some(0));
    assert_eq!(waiting_days(since, at("2026-11-21T09:00:00Z")), Some(1));
    assert_eq!(waiting_days(since, at("2026-11-23T08:59:00Z")), Some(2));
    assert_eq!(
        waiting_days(since, at("2026-11-19T09:00:00Z")),
        Some(0),
        "never negative"
    );
    assert_eq!(waiting_days("not a time", 0.0), None);
    assert_eq!(waiting_text(0, Locale::sv), "sedan i dag");
    assert_eq!(waiting_text(1, Locale::en), "1 day");
    assert_eq!(waiting_text(5, Locale::sv), "5 dagar");
}

#[wasm_bindgen_test]
fn the_form_becomes_the_request_or_names_what_is_missing() {
    let empty = DraftForm::default();
    let problems = empty.to_content().unwrap_err();
    let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        ["situation", "school_status", "help_with", "contact_by"],
        "in form order"
    );
    assert!(problems.iter().all(|(_, p)| *p == FieldProblem::Required));

    let mut form = DraftForm {
        situation: Some(Situation::Nothing),
        last_school: "  Alströmergymnasiet ".into(),
        school_status: Some(SchoolStatus::DroppedOut),
        help_text: String::new(),
        interests: "musik".into(),
        contact_by: Some(ContactChannel::Sms),
        consents: Consents {
            school: true,
            ..Consents::default()
        },
        ..DraftForm::default()
    };
    form.toggle_help(HelpWith::Work, true);
    form.toggle_help(HelpWith::Studies, true);
    form.toggle_help(HelpWith::Work, false);
    form.toggle_help(HelpWith::Work, true);
    let content = form.to_content().unwrap();
    assert_eq!(content.last_school, "Alströmergymnasiet", "trimmed");
    assert_eq!(
        content.help_with,
        [HelpWith::Studies, HelpWith::Work],
        "list order, no repeats"
    );
    assert!(content.consents.school && !content.consents.youth_clinic);
    assert_eq!(
        DraftForm::from_content(&content).to_content().unwrap(),
        content,
        "round trip"
    );

    form.last_school = "x".repeat(201);
    assert_eq!(
        form.to_content().unwrap_err(),
        [("last_school", FieldProblem::TooLong)]
    );
}
