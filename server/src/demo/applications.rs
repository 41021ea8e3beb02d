//! The demo's applications, one for each young person named in
//! [`APPLICATIONS`], taken through the application's own steps: written by
//! staff, signed by the young person, co-signed by a guardian while they are
//! under 18, and decided at the team meeting (accepted with a contact person,
//! who becomes theirs, or declined), or withdrawn. Every status occurs.

use lotsen_api::application::{
    ApplicationContent, ApplicationStatus, ContactChannel, HelpWith, SchoolStatus, Situation,
};

use super::programme::{Person, Programme, TIMELINE_PERSON, fail};
use crate::accounts::store::{NewAccount, NewInvitation};
use crate::applications::rules::document;
use crate::applications::store::{self as applications, Decision, Signing};
use crate::people::access::StaffViewer;
use crate::people::store::add_guardian;

use ApplicationStatus::{Accepted, Declined, Draft, Submitted, WaitingForGuardians, Withdrawn};

/// Who applied, and how far their application has come. Those with a plan
/// in the register were all accepted; "waiting for a guardian" needs someone
/// under 18 (both are, on any day: the register's birth dates move with it).
const APPLICATIONS: [(&str, ApplicationStatus); 29] = [
    // Plans: accepted.
    ("Sebastian Åberg", Accepted),
    ("Ebba Lindberg", Accepted),
    ("Isak Mattsson", Accepted),
    ("Alicia Mohamed", Accepted),
    ("Hugo Ström", Accepted),
    ("Milan Nguyen", Accepted),
    ("Ali Yilmaz", Accepted),
    ("Isabelle Gustafsson", Accepted),
    ("Viktor Sjöberg", Accepted),
    ("Leah Jansson", Accepted),
    ("Lucas Ibrahim", Accepted),
    ("Malte Kovačević", Accepted),
    ("William Svensson", Accepted),
    ("Sara Öberg", Accepted),
    ("Wilma Karlsson", Accepted),
    ("Nellie Wikström", Accepted),
    // Reached by the outreach.
    ("Saga Sandberg", Submitted),
    ("Amanda Jönsson", Submitted),
    ("Melvin Fransson", Declined),
    ("Hanna Abdi", Submitted),
    ("Mohammed Holmgren", Withdrawn),
    ("Elvira Magnusson", Declined),
    ("Vera Lindström", Submitted),
    ("Moa Eriksson", Accepted),
    // Home visits.
    ("Edvin Berglund", Draft),
    ("Alva Johansson", Submitted),
    ("Anton Persson", Accepted),
    // New in the register.
    ("Noah Nguyen", WaitingForGuardians),
    ("Jonathan Yilmaz", WaitingForGuardians),
];

/// A draft, a first-name list for guardians.
const PARENTS: [&str; 6] = ["Helena", "Mikael", "Sofia", "Ahmed", "Karin", "Johan"];

fn content(i: usize) -> ApplicationContent {
    let help = [HelpWith::Studies, HelpWith::Work, HelpWith::EverydayLife];
    ApplicationContent {
        situation: if i.is_multiple_of(3) {
            Situation::Working
        } else {
            Situation::Nothing
        },
        last_school: "Alströmergymnasiet".to_owned(),
        school_status: if i.is_multiple_of(2) {
            SchoolStatus::DroppedOut
        } else {
            SchoolStatus::HasGrades
        },
        help_with: vec![help[i % 3]],
        help_text: "Jag vill komma vidare men vet inte riktigt hur.".to_owned(),
        interests: "Musik, gaming och att laga mat.".to_owned(),
        contact_by: ContactChannel::Sms,
        consents: lotsen_api::application::Consents {
            school: true,
            social_services: i.is_multiple_of(4),
            employment_service: i % 2 == 1,
            youth_clinic: false,
        },
    }
}

fn refused(e: applications::ApplicationError) -> sqlx::Error {
    match e {
        applications::ApplicationError::Db(e) => e,
        other => fail(format!("application: {other:?}")),
    }
}

/// Seeds [`APPLICATIONS`]: the first steps three weeks ago, a step every few days.
pub(super) async fn seed(p: &Programme<'_>) -> Result<(), sqlx::Error> {
    for (i, (name, status)) in APPLICATIONS.into_iter().enumerate() {
        let person = p.person(name)?;
        apply(p, person, i, status).await?;
    }
    Ok(())
}

/// One application, from the draft to `status`.
async fn apply(
    p: &Programme<'_>,
    person: &Person,
    i: usize,
    status: ApplicationStatus,
) -> Result<(), sqlx::Error> {
    let anna = StaffViewer {
        id: p.anna,
        is_admin: true,
    };
    let start = -21 + (i as i64 % 7);
    let content = content(i);
    let text = serde_json::to_string(&content).map_err(fail)?;
    let id = applications::create_application(p.db, anna, person.id, &text, p.at(start, 600))
        .await?
        .ok_or_else(|| fail("the administrator sees everyone"))?;
    if status == Draft {
        return Ok(());
    }
    if person.minor {
        guardian(p, person, i, start).await?;
    }
    let (_, hash) = document(id, 1, &person.name, &content);
    let signing = Signing {
        id,
        youth_id: person.id,
        version: 1,
        document_hash: &hash,
        guardians_needed: person.minor,
        notifications: &[],
        passkey: None,
    };
    applications::sign_application(p.db, signing, p.at(start + 2, 15 * 60))
        .await
        .map_err(refused)?;
    if status == WaitingForGuardians {
        return Ok(());
    }
    if person.minor {
        let guardians: Vec<(i64,)> =
            crate::db::sql::query_as("SELECT guardian_id FROM guardian_of WHERE youth_id = $1")
                .bind(person.id)
                .fetch_all(p.db)
                .await?;
        for (guardian,) in guardians {
            applications::cosign_application(
                p.db,
                id,
                guardian,
                1,
                &hash,
                None,
                p.at(start + 3, 19 * 60),
            )
            .await
            .map_err(refused)?;
        }
    }
    let decided = p.at(start + 7, 14 * 60);
    match status {
        Accepted => {
            // The timeline's young person and every other one go to Karim; the rest to Anna.
            let contact_person_id = if person.name == TIMELINE_PERSON || i.is_multiple_of(2) {
                p.karim
            } else {
                p.anna
            };
            let decision = Decision::Accept { contact_person_id };
            applications::decide_application(p.db, id, p.anna, decision, decided)
                .await
                .map_err(refused)?;
        }
        Declined => {
            let reason = "Du har redan stöd från Arbetsförmedlingen; vi hjälper dig gärna att komma i kontakt med din handläggare.";
            applications::decide_application(
                p.db,
                id,
                p.anna,
                Decision::Decline { reason },
                decided,
            )
            .await
            .map_err(refused)?;
        }
        Withdrawn => {
            applications::withdraw_application(p.db, id, person.id, decided)
                .await
                .map_err(refused)?;
        }
        _ => {}
    }
    Ok(())
}

/// A guardian for a young person under 18, invited by the administrator.
async fn guardian(
    p: &Programme<'_>,
    person: &Person,
    i: usize,
    start: i64,
) -> Result<(), sqlx::Error> {
    let surname = person.name.rsplit(' ').next().unwrap_or("Andersson");
    let account = NewAccount {
        role: lotsen_api::account::Role::Guardian,
        name: format!("{} {surname}", PARENTS[i % PARENTS.len()]),
        email: None,
        phone: None,
    };
    let invitation = NewInvitation {
        token_hash: format!("{:064x}", person.id),
        expires_at: p.at(start + 7, 0),
    };
    add_guardian(
        p.db,
        p.anna,
        person.id,
        &account,
        &invitation,
        None,
        p.at(start, 600),
    )
    .await
    .map_err(|e| fail(format!("guardian: {e}")))?;
    Ok(())
}
