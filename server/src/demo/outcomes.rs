//! The demo's follow-up entries, from what the register says of each young
//! person: the first contact when they were reached, what they do since (work,
//! studies, an internship, something else, nothing yet, moved away), and a
//! study plan for those whose plan is about studies. The term report has
//! something to count in every figure.

use lotsen_api::outcomes::OutcomeKind;
use lotsen_api::register::{DeregistrationReason, Occupation};

use super::programme::{Person, Programme, fail};
use crate::outcomes::store::{NewOutcomeRecord, OutcomeError, record_outcome};
use crate::register::demo::Story;

/// When they were reached (days from today), as the register's demo has it
/// (a few days after registration), never in the future.
fn reached(person: &Person) -> i64 {
    let days = match person.story {
        Story::Gone(_) => 6,
        Story::Plan(_) => 3,
        Story::Visit => 28,
        Story::Declined => 2,
        _ => 4,
    };
    (days - person.registered).min(0)
}

/// What they have done since: a status, and a school and programme with studies.
fn status(person: &Person) -> Option<(OutcomeKind, Option<(&'static str, &'static str)>)> {
    let komvux = Some(("Komvux Alingsås", "Matematik och engelska"));
    let folk = Some(("Sjöviks folkhögskola", "Allmän kurs"));
    Some(match person.story {
        Story::Reached(Occupation::Work) => (OutcomeKind::Work, None),
        Story::Reached(Occupation::Studies) => (OutcomeKind::Studies, komvux),
        Story::Reached(Occupation::Other) => (OutcomeKind::OtherActivity, None),
        Story::Reached(_) | Story::Visit | Story::Plan(3) => (OutcomeKind::None, None),
        Story::Plan(1) => (OutcomeKind::Internship, None),
        Story::Plan(2) => (OutcomeKind::Studies, folk),
        Story::Plan(_) => (OutcomeKind::OtherActivity, None),
        Story::Gone(DeregistrationReason::StartedEducation) => (OutcomeKind::Studies, komvux),
        Story::Gone(DeregistrationReason::MovedAway) => (OutcomeKind::MovedAway, None),
        Story::Gone(_) => (OutcomeKind::Work, None),
        _ => return None,
    })
}

/// Seeds the entries, recorded by the administrator (she sees everyone).
pub(super) async fn seed(p: &Programme<'_>) -> Result<(), sqlx::Error> {
    for person in &p.people {
        if matches!(
            person.story,
            Story::New | Story::Waiting | Story::NoAnswer | Story::Sms | Story::Letter
        ) {
            continue;
        }
        let met = reached(person);
        entry(p, person, OutcomeKind::Contacted, met, None).await?;
        if let Some((kind, school)) = status(person) {
            entry(p, person, kind, (met + 10).min(0), school).await?;
        }
        if matches!(person.story, Story::Plan(0 | 2 | 4)) {
            entry(p, person, OutcomeKind::StudyPlan, (met + 7).min(0), None).await?;
        }
    }
    Ok(())
}

async fn entry(
    p: &Programme<'_>,
    person: &Person,
    kind: OutcomeKind,
    days: i64,
    school: Option<(&str, &str)>,
) -> Result<(), sqlx::Error> {
    let from = p.day(days).to_string();
    let record = NewOutcomeRecord {
        kind: kind.as_str(),
        from_date: &from,
        school: school.map(|s| s.0),
        programme: school.map(|s| s.1),
        corrects: None,
    };
    record_outcome(p.db, p.anna, person.id, record, p.at(days, 16 * 60))
        .await
        .map_err(|e| match e {
            OutcomeError::Db(e) => e,
            other => fail(format!("outcome: {other}")),
        })?;
    Ok(())
}
