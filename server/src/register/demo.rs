//! The register's demo (`--demo-data`): about sixty young people read from
//! two demo import files (`server/demo/register*.csv`, as the school register
//! sends them) through the import's own rules and store, then taken to every
//! stage through the parts' stores: new this week, waiting past the 14-day
//! goal, every rung of the outreach ladder (call, SMS waiting in the outbox,
//! letter, home visit with two staff), reached with an occupation, one who
//! declined, plans with measures of each responsible kind (one revised and
//! agreed), and periods ended for each reason. The files are written for
//! [`WRITTEN_FOR`]; their birth dates and dates are moved to the demo's today,
//! so ages and waiting times are the same whenever a database is made.

use lotsen_api::Date;
use lotsen_api::contact::Login;
use lotsen_api::date::{add_days, days_between, parse_iso, ymd};
use lotsen_api::register::plans::{MeasureDates, PlanText};
use lotsen_api::register::{
    ContactChannel, ContactOutcome, DeregistrationReason, MeasureEndReason, Occupation,
    ResponsibleKind,
};

use super::contacts::routes::sms_for;
use super::contacts::store::{self as contacts, NewContactRecord};
use super::people::rules::{Column, ImportRow, column_of, read_file};
use super::people::store::{self as people, Ending, EntryError};
use super::plans::store::{self as plans, NewMeasureRecord, PlanError};
use crate::clock::Clock;
use crate::db::Db;
use crate::db::sql::query;
use crate::demo::{DEMO_CONTACT_PERSON, personnummer_born};

/// The demo's activity-responsibility officer, who keeps the register (the
/// permission is given here, so the API tests' demo without the register
/// has no officer).
pub const DEMO_OFFICER: &str = "sven.berg@lotsen.example";

/// This autumn's file from the school register.
const AUTUMN_FILE: &[u8] = include_bytes!("../../demo/register.csv");
/// The spring file, imported [`SPRING_DAYS`] days before today.
const SPRING_FILE: &[u8] = include_bytes!("../../demo/register-spring.csv");
const SPRING_DAYS: i64 = 150;

/// The day the files' personnummer and dates are written for.
pub const WRITTEN_FOR: (i32, u32, u32) = (2026, 11, 23);

/// Where a young person of the demo has got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Story {
    /// Registered, no attempt yet.
    New,
    /// Registered, no attempt yet (past the 14-day goal when registered long ago).
    Waiting,
    /// A call with no answer.
    NoAnswer,
    /// A call with no answer, then an SMS (waiting in the outbox).
    Sms,
    /// Call, SMS, then a letter.
    Letter,
    /// Call, SMS, letter, then a home visit with two staff that reached them.
    Visit,
    /// Reached by phone; they declined.
    Declined,
    /// Reached by phone, doing this.
    Reached(Occupation),
    /// Reached, with a plan of measures (five kinds of plan, 0–4; 4 is revised and agreed).
    Plan(u8),
    /// Reached, then deregistered for this reason.
    Gone(DeregistrationReason),
}

use Story::{Declined, Gone, Letter, New, NoAnswer, Plan, Reached, Sms, Visit, Waiting};

/// Every young person of the demo files, in file order (spring first): name,
/// registered how many days before today, and their story.
#[rustfmt::skip]
pub const STORIES: [(&str, i64, Story); 60] = [
    // The spring file.
    ("Jesper Björk", 150, Gone(DeregistrationReason::Turned20)),
    ("Lovisa Nordin", 150, Gone(DeregistrationReason::StartedEducation)),
    ("Amir Rahimi", 150, Gone(DeregistrationReason::CompletedEducation)),
    ("Felicia Engström", 150, Gone(DeregistrationReason::MovedAway)),
    ("Oskar Lund", 150, Gone(DeregistrationReason::Other)),
    ("Nellie Wikström", 150, Plan(4)),
    // This autumn's file.
    ("Noah Nguyen", 0, New),
    ("Jonathan Yilmaz", 1, New),
    ("Elias Gustafsson", 2, New),
    ("Adam Sjöberg", 3, New),
    ("Ahmad Jansson", 5, New),
    ("Selma Ibrahim", 6, New),
    ("Stella Kovačević", 9, Waiting),
    ("Tindra Svensson", 12, Waiting),
    ("Hamza Öberg", 13, Waiting),
    ("Dennis Karlsson", 21, Waiting),
    ("Tova Hassan", 28, Waiting),
    ("Maja Pettersson", 35, Waiting),  // protected identity
    ("Samuel Larsson", 44, Waiting),
    ("Zara Haddad", 4, NoAnswer),
    ("Amira Forsberg", 8, NoAnswer),
    ("Måns Axelsson", 10, NoAnswer),
    ("Dina Olofsson", 16, NoAnswer),
    ("Liam Lindqvist", 19, NoAnswer),
    ("Ella Olsson", 7, Sms),
    ("Elin Claesson", 11, Sms),
    ("Oliver Jonsson", 15, Sms),
    ("Leo Lundberg", 22, Sms),
    ("Axel Nyström", 26, Sms),
    ("Filip Hansson", 25, Letter),
    ("Ronja Bengtsson", 31, Letter),
    ("Rasmus Jakobsson", 38, Letter),
    ("Julia Wallin", 47, Letter),
    ("Edvin Berglund", 52, Visit),
    ("Alva Johansson", 60, Visit),
    ("Anton Persson", 75, Visit),
    ("Emil Hussein", 24, Declined),
    ("Saga Sandberg", 17, Reached(Occupation::Studies)),
    ("Amanda Jönsson", 12, Reached(Occupation::Work)),
    ("Melvin Fransson", 30, Reached(Occupation::Other)),
    ("Hanna Abdi", 40, Reached(Occupation::Work)),
    ("Mohammed Holmgren", 6, Reached(Occupation::Unknown)),
    ("Elvira Magnusson", 55, Reached(Occupation::Studies)),
    ("Vera Lindström", 20, Reached(Occupation::None)),
    ("Moa Eriksson", 67, Reached(Occupation::Work)),
    ("Sebastian Åberg", 18, Plan(0)),
    ("Ebba Lindberg", 23, Plan(1)),
    ("Isak Mattsson", 29, Plan(2)),
    ("Alicia Mohamed", 33, Plan(3)),
    ("Hugo Ström", 36, Plan(4)),  // protected identity
    ("Milan Nguyen", 41, Plan(0)),
    ("Ali Yilmaz", 45, Plan(1)),
    ("Isabelle Gustafsson", 49, Plan(2)),
    ("Viktor Sjöberg", 58, Plan(3)),
    ("Leah Jansson", 63, Plan(4)),
    ("Lucas Ibrahim", 70, Plan(0)),
    ("Malte Kovačević", 82, Plan(1)),
    ("William Svensson", 95, Plan(2)),
    ("Sara Öberg", 110, Plan(3)),
    ("Wilma Karlsson", 124, Plan(4)),
];

/// The two with protected identity (the files give them no address).
pub const PROTECTED: [&str; 2] = ["Maja Pettersson", "Hugo Ström"];

fn fail(what: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Protocol(format!("demo register: {what}"))
}

fn entry_error(error: EntryError) -> sqlx::Error {
    match error {
        EntryError::Db(error) => error,
        other => fail(format!("{other:?}")),
    }
}

fn plan_error(error: PlanError) -> sqlx::Error {
    match error {
        PlanError::Db(error) => error,
        other => fail(format!("{other:?}")),
    }
}

/// `text` (a demo file) with its birth dates and dates moved by `shift` days.
fn moved(text: &str, shift: i64) -> String {
    let mut dates = Vec::new();
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        let mut fields: Vec<String> = line.split(';').map(str::to_owned).collect();
        if i == 0 {
            dates = fields
                .iter()
                .map(|f| column_of(f) == Some(Column::LeftOn))
                .collect();
        } else {
            for (field, is_date) in fields.iter_mut().zip(&dates) {
                if let Some(day) = parse_iso(field).filter(|_| *is_date) {
                    *field = add_days(day, shift).to_string();
                }
            }
            if let Some(first) = fields.first_mut() {
                let born = ymd(
                    first[..4].parse().unwrap_or(2000),
                    first[4..6].parse().unwrap_or(1),
                    first[6..8].parse().unwrap_or(1),
                );
                let serial = first[9..12].parse().unwrap_or(0);
                if let Some(born) = born {
                    *first = personnummer_born(add_days(born, shift), serial);
                }
            }
        }
        out.push_str(&fields.join(";"));
        out.push('\n');
    }
    out
}

/// A demo file's rows, read as of `on` by the import's rules; every row must be good.
fn rows(file: &[u8], shift: i64, on: Date) -> Result<Vec<ImportRow>, sqlx::Error> {
    let text = moved(&String::from_utf8_lossy(file), shift);
    let read = read_file(text.as_bytes(), on).map_err(|e| fail(e.code()))?;
    if let Some(bad) = read.refused.first() {
        return Err(fail(format!(
            "line {} refused: {:?}",
            bad.line, bad.problems
        )));
    }
    Ok(read.good)
}

/// Who does what in the demo register, and when.
struct Demo<'a> {
    db: &'a Db,
    today: Date,
    now: i64,
    officer: i64,
    officer_name: String,
    karim: i64,
}

async fn account_of(db: &Db, email: &str) -> Result<i64, sqlx::Error> {
    crate::accounts::store::login_account(db, &Login::Email(email.to_owned()))
        .await?
        .map(|(id, _)| id)
        .ok_or_else(|| fail(format!("{email} missing")))
}

/// Seeds the register (after the demo people): the officer permission for
/// [`DEMO_OFFICER`], both files, and every young person's story.
pub async fn seed(db: &Db, clock: &Clock) -> Result<(), sqlx::Error> {
    let today = clock.today();
    let written_for = ymd(WRITTEN_FOR.0, WRITTEN_FOR.1, WRITTEN_FOR.2).unwrap_or(today);
    let shift = days_between(written_for, today);
    let officer = account_of(db, DEMO_OFFICER).await?;
    people::set_officer(db, officer, true).await?;
    let demo = Demo {
        db,
        today,
        now: clock.unix_seconds(),
        officer,
        officer_name: crate::demo::name_of(DEMO_OFFICER).to_owned(),
        karim: account_of(db, DEMO_CONTACT_PERSON).await?,
    };
    let spring_day = add_days(today, -SPRING_DAYS);
    let mut all = rows(SPRING_FILE, shift, spring_day)?;
    all.extend(rows(AUTUMN_FILE, shift, today)?);
    for row in &all {
        let (_, days, story) = STORIES
            .iter()
            .find(|(name, _, _)| *name == row.name)
            .ok_or_else(|| fail(format!("no story for {}", row.name)))?;
        let on = add_days(today, -days);
        people::import(db, officer, std::slice::from_ref(row), on, demo.now)
            .await
            .map_err(entry_error)?;
        let digits = row.personnummer.as_digits();
        let id = people::known(db, &[digits])
            .await?
            .remove(digits)
            .map(|(id, _)| id)
            .ok_or_else(|| fail("an imported young person missing"))?;
        if PROTECTED.contains(&row.name.as_str()) {
            query("UPDATE youth SET protected_identity = TRUE WHERE account_id = $1")
                .bind(id)
                .execute(db)
                .await?;
        }
        demo.play(id, on, *story).await?;
    }
    Ok(())
}

/// One attempt to log.
struct Attempt {
    on: Date,
    channel: ContactChannel,
    outcome: ContactOutcome,
    occupation: Option<Occupation>,
    next: Option<Date>,
}

const fn attempt(on: Date, channel: ContactChannel, outcome: ContactOutcome) -> Attempt {
    Attempt {
        on,
        channel,
        outcome,
        occupation: None,
        next: None,
    }
}

impl Demo<'_> {
    /// `on` plus `days`, never after today.
    fn day(&self, on: Date, days: i64) -> Date {
        add_days(on, days).min(self.today)
    }

    async fn log(&self, youth_id: i64, a: Attempt) -> Result<(), sqlx::Error> {
        let home_visit = a.channel == ContactChannel::HomeVisit;
        let sms = if a.channel == ContactChannel::Sms {
            let person = contacts::person(self.db, youth_id)
                .await?
                .ok_or_else(|| fail("no person for an SMS"))?;
            let recipient = lotsen_api::register::ContactRecipient::Youth;
            sms_for(&person, youth_id, None, recipient, &self.officer_name)
        } else {
            None
        };
        let record = NewContactRecord {
            contacted_on: a.on.to_string(),
            channel: a.channel.as_str(),
            recipient: "youth",
            second_staff_id: home_visit.then_some(self.karim),
            outcome: a.outcome.as_str(),
            occupation: a.occupation.map(Occupation::as_str),
            note: home_visit.then_some("Hemma, vill gärna träffas på Lotsen."),
            checklist: home_visit
                .then(|| r#"["safety_check","two_staff","id_shown","discreet"]"#.to_owned()),
            next_contact_on: a.next.map(|d| d.to_string()),
        };
        let sms = sms.as_ref().map(|(account, message)| (*account, message));
        contacts::log_contact(self.db, self.officer, youth_id, &record, sms, self.now).await?;
        Ok(())
    }

    /// Reached on `on`, doing `occupation`.
    async fn reached(&self, id: i64, on: Date, occupation: Occupation) -> Result<(), sqlx::Error> {
        let mut call = attempt(on, ContactChannel::Phone, ContactOutcome::Reached);
        call.occupation = Some(occupation);
        self.log(id, call).await
    }

    /// The outreach ladder's first `rungs` failed rungs from `on`; the day after the last.
    async fn ladder(&self, id: i64, on: Date, rungs: usize) -> Result<Date, sqlx::Error> {
        use ContactChannel::{Letter, Phone, Sms};
        use ContactOutcome::{MessageLeft, NoAnswer};
        let steps = [
            (1, Phone, NoAnswer),
            (3, Sms, MessageLeft),
            (8, Letter, MessageLeft),
        ];
        for (i, (after, channel, outcome)) in steps.into_iter().take(rungs).enumerate() {
            let mut a = attempt(self.day(on, after), channel, outcome);
            // The last rung so far comes up again on the worklist: half of them today.
            if i + 1 == rungs {
                a.next = Some(add_days(self.today, if id % 2 == 0 { 0 } else { 3 }));
            }
            self.log(id, a).await?;
        }
        Ok(self.day(on, 14))
    }

    async fn play(&self, id: i64, on: Date, story: Story) -> Result<(), sqlx::Error> {
        match story {
            New | Waiting => {}
            NoAnswer => {
                self.ladder(id, on, 1).await?;
            }
            Sms => {
                self.ladder(id, on, 2).await?;
            }
            Letter => {
                self.ladder(id, on, 3).await?;
            }
            Visit => {
                let day = self.ladder(id, on, 3).await?;
                let mut visit = attempt(
                    self.day(day, 7),
                    ContactChannel::HomeVisit,
                    ContactOutcome::Reached,
                );
                visit.occupation = Some(Occupation::None);
                self.log(id, visit).await?;
            }
            Declined => {
                let call = attempt(
                    self.day(on, 2),
                    ContactChannel::Phone,
                    ContactOutcome::Declined,
                );
                self.log(id, call).await?;
            }
            Reached(occupation) => self.reached(id, self.day(on, 4), occupation).await?,
            Plan(kind) => {
                let met = self.day(on, 3);
                self.reached(id, met, Occupation::None).await?;
                self.plan(id, self.day(met, 7), kind).await?;
            }
            Gone(reason) => self.gone(id, on, reason).await?,
        }
        Ok(())
    }
}

/// A measure of a demo plan: code, who is responsible (and which unit or
/// actor), planned start and end (days after the plan), and its end or
/// next follow-up (days from today).
struct DemoMeasure {
    code: &'static str,
    kind: ResponsibleKind,
    name: Option<&'static str>,
    start: i64,
    end: Option<i64>,
    ended: Option<(i64, MeasureEndReason)>,
    follow_up: Option<i64>,
}

const fn measure(
    code: &'static str,
    kind: ResponsibleKind,
    name: Option<&'static str>,
    start: i64,
    end: Option<i64>,
) -> DemoMeasure {
    DemoMeasure {
        code,
        kind,
        name,
        start,
        end,
        ended: None,
        follow_up: Some(0),
    }
}

const MUNICIPALITY: ResponsibleKind = ResponsibleKind::Municipality;
const OTHER: ResponsibleKind = ResponsibleKind::Other;

/// The five kinds of demo plan: goal, own words and measures.
fn plan_kind(kind: u8) -> (&'static str, &'static str, Vec<DemoMeasure>) {
    let lotsen = Some("Lotsen, kommunens aktivitetsansvar");
    match kind {
        0 => (
            "Hitta en utbildning att söka till hösten.",
            "Jag vet inte riktigt vad jag vill plugga, men jag vill inte sitta hemma.",
            vec![measure("guidance", MUNICIPALITY, lotsen, 3, Some(60))],
        ),
        1 => (
            "Få en praktikplats och sedan ett arbete.",
            "Jag vill jobba med händerna, gärna bilar eller bygg.",
            vec![
                DemoMeasure {
                    follow_up: Some(7),
                    ..measure(
                        "work_practice",
                        MUNICIPALITY,
                        Some("Arbetsmarknadsenheten"),
                        7,
                        Some(97),
                    )
                },
                DemoMeasure {
                    follow_up: Some(14),
                    ..measure("job_support", ResponsibleKind::Youth, None, 3, None)
                },
            ],
        ),
        2 => (
            "Läsa in gymnasiebehörighet och börja på folkhögskola.",
            "Jag saknar matte och engelska. Jag vill läsa i en mindre grupp.",
            vec![
                DemoMeasure {
                    ended: Some((-5, MeasureEndReason::Completed)),
                    ..measure(
                        "adult_education",
                        OTHER,
                        Some("Komvux Alingsås"),
                        3,
                        Some(40),
                    )
                },
                DemoMeasure {
                    follow_up: Some(21),
                    ..measure(
                        "folk_high_school",
                        OTHER,
                        Some("Sjöviks folkhögskola"),
                        30,
                        Some(300),
                    )
                },
            ],
        ),
        3 => (
            "Komma igång med en vardag och få stöd att söka arbete.",
            "Jag har haft det jobbigt ett tag. Jag vill ha något att gå till på dagarna.",
            vec![
                measure(
                    "employment_service",
                    OTHER,
                    Some("Arbetsförmedlingen"),
                    5,
                    Some(125),
                ),
                // Called off before it began: the SCB checks ask to fix
                // it when the plan is recent.
                DemoMeasure {
                    ended: Some((-1, MeasureEndReason::Discontinued)),
                    ..measure("social_services", OTHER, Some("Socialtjänsten"), 30, None)
                },
                DemoMeasure {
                    follow_up: Some(3),
                    ..measure("motivation", MUNICIPALITY, lotsen, 1, Some(57))
                },
            ],
        ),
        _ => (
            "Börja på ett introduktionsprogram igen.",
            "Jag vill tillbaka till skolan men till en annan skola än förut.",
            vec![measure("guidance", MUNICIPALITY, lotsen, 2, Some(30))],
        ),
    }
}

impl Demo<'_> {
    async fn add(&self, id: i64, from: Date, m: &DemoMeasure) -> Result<(), sqlx::Error> {
        let planned_start = add_days(from, m.start);
        let ended = m.ended.map(|(days, why)| (add_days(self.today, days), why));
        let dates = MeasureDates {
            planned_start,
            planned_end: m.end.map(|days| add_days(from, days)),
            actual_end: ended.map(|(end, _)| end),
            end_reason: ended.map(|(_, why)| why),
            next_follow_up: match ended {
                Some(_) => None,
                None => m.follow_up.map(|days| add_days(self.today, days)),
            },
        };
        let new = NewMeasureRecord {
            code: m.code,
            responsible_kind: m.kind.as_str(),
            responsible_name: m.name,
            dates: &dates,
        };
        plans::add_measure(self.db, self.officer, id, new, self.now)
            .await
            .map_err(plan_error)?;
        Ok(())
    }

    /// A plan made after the mapping conversation on `on`, with its
    /// measures; kind 4 is revised with a new measure and agreed to.
    async fn plan(&self, id: i64, on: Date, kind: u8) -> Result<(), sqlx::Error> {
        let (goal, own_words, measures) = plan_kind(kind);
        for m in &measures {
            self.add(id, on, m).await?;
        }
        let mut text = PlanText {
            conversation_on: Some(on),
            own_words: own_words.to_owned(),
            goal: goal.to_owned(),
        };
        plans::revise(self.db, self.officer, id, &text, self.now)
            .await
            .map_err(plan_error)?;
        if kind == 4 {
            let school = Some("Alströmergymnasiet");
            self.add(
                id,
                on,
                &measure("upper_secondary", OTHER, school, 30, Some(300)),
            )
            .await?;
            text.goal = "Börja på introduktionsprogram på Alströmergymnasiet.".to_owned();
            plans::revise(self.db, self.officer, id, &text, self.now)
                .await
                .map_err(plan_error)?;
            let comment = Some("Det känns bra. Jag vill börja efter lovet.");
            plans::answer(self.db, id, 2, true, comment, self.now)
                .await
                .map_err(plan_error)?;
        }
        Ok(())
    }

    /// Reached, then out of the register: on the 20th birthday, or some weeks ago.
    async fn gone(
        &self,
        id: i64,
        on: Date,
        reason: DeregistrationReason,
    ) -> Result<(), sqlx::Error> {
        let occupation = match reason {
            DeregistrationReason::StartedEducation => Occupation::Studies,
            DeregistrationReason::CompletedEducation => Occupation::Studies,
            DeregistrationReason::MovedAway => Occupation::Other,
            _ => Occupation::Work,
        };
        self.reached(id, self.day(on, 6), occupation).await?;
        let period = people::periods(self.db, id)
            .await?
            .into_iter()
            .find(|p| p.deregistered_on.is_none())
            .ok_or_else(|| fail("no open period"))?;
        if reason == DeregistrationReason::Turned20 {
            let pnr = people::personnummer(self.db, id).await?.unwrap_or_default();
            let birth = lotsen_api::Personnummer::parse_stored(&pnr)
                .map_err(|_| fail("stored personnummer"))?
                .birth_date();
            let birthday = super::people::rules::twentieth_birthday(birth);
            people::deregister_turned_20(self.db, &[(period.id, birthday)], self.now).await?;
        } else {
            let ending = Ending {
                on: self.day(on, 40 + id % 60),
                reason,
                note: None,
                by: Some(self.officer),
            };
            people::deregister(self.db, self.officer, id, ending, self.now)
                .await
                .map_err(entry_error)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_read_clean_on_any_day_and_every_row_has_a_story() {
        let written_for = ymd(WRITTEN_FOR.0, WRITTEN_FOR.1, WRITTEN_FOR.2).unwrap();
        for shift in [0, 13, 400, -30] {
            let today = add_days(written_for, shift);
            let spring = rows(SPRING_FILE, shift, add_days(today, -SPRING_DAYS)).unwrap();
            let autumn = rows(AUTUMN_FILE, shift, today).unwrap();
            let names: Vec<&str> = spring
                .iter()
                .chain(&autumn)
                .map(|r| r.name.as_str())
                .collect();
            let stories: Vec<&str> = STORIES.iter().map(|(name, _, _)| *name).collect();
            assert_eq!(names, stories, "shift {shift}");
            for row in &autumn {
                let age = row.personnummer.age_on(today);
                assert!((16..20).contains(&age), "{} is {age}", row.name);
            }
        }
    }
}
