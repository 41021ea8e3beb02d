//! The demo programme (`--demo-data`, after the register): the register's
//! young people taken on through the programme's features, so that every view
//! has something to show. Their applications in every state
//! (`applications.rs`), follow-up entries that give the term report
//! real figures (`outcomes.rs`), the demo week's activities with
//! "can't come" reports, ratings with comments and staff answers (here), and
//! booked sessions, attended, no-show and to come, with a waitlist and an
//! offer (`bookings.rs`). Written through the features' stores, dated
//! relative to the seeding day, with a fixed seed (`Dice`).
//!
//! [`TIMELINE_PERSON`] has every kind of event.

use lotsen_api::Date;
use lotsen_api::date::{Datelike, add_days};
use lotsen_api::feedback::{CHANGE_DAYS, Term};

use crate::clock::Clock;
use crate::db::Db;
use crate::db::sql::query_as;
use crate::feedback::rating_key::RatingKey;
use crate::feedback::rules::{activity_subject, rater_key};
use crate::feedback::store::{self as feedback, NewRating, Rated};
use crate::register::demo::{STORIES, Story};
use crate::schedule::rules::weekday_mask;
use crate::schedule::store::{self as schedule, NewAssignment, ScheduleError};

/// The young person of the demo with every kind of event: registered and
/// contacted, an application signed by him and his guardian and accepted,
/// a plan with measures, sessions attended and missed, a "can't come", and
/// follow-up statuses (README "Demo data").
pub const TIMELINE_PERSON: &str = "Isak Mattsson";

/// The demo's administrator, who takes applications to the team meeting.
const ANNA: &str = "anna.andersson@lotsen.example";
/// The demo's study and career counsellor.
const SVEN: &str = "sven.berg@lotsen.example";
/// The demo's job coach.
const JOHANNA: &str = "johanna.lind@lotsen.example";

pub(super) fn fail(what: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Protocol(format!("demo programme: {what}"))
}

/// A young person of the register, as the programme meets them.
#[derive(Clone, Debug)]
pub(super) struct Person {
    pub id: i64,
    pub name: String,
    pub story: Story,
    /// Registered in the register this many days before today.
    pub registered: i64,
    /// Under 18 today.
    pub minor: bool,
}

impl Person {
    /// Taken on by the programme: reached, and not deregistered.
    pub fn takes_part(&self) -> bool {
        matches!(
            self.story,
            Story::Reached(_) | Story::Plan(_) | Story::Visit
        )
    }
}

/// A fixed-seed pseudo-random sequence (a linear congruential generator):
/// the same demo on every run.
pub(super) struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// A number in `0..n`.
    pub fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Who is who in the demo, and when it is.
pub(super) struct Programme<'a> {
    pub db: &'a Db,
    pub today: Date,
    pub now: i64,
    pub anna: i64,
    pub karim: i64,
    pub sven: i64,
    pub johanna: i64,
    pub people: Vec<Person>,
}

impl Programme<'_> {
    /// The day `days` from today (negative: before).
    pub fn day(&self, days: i64) -> Date {
        add_days(self.today, days)
    }

    /// Unix seconds at `minute` past midnight (Swedish time), `days` from today.
    pub fn at(&self, days: i64, minute: i64) -> i64 {
        crate::booking::rules::at(crate::clock::civil(self.day(days)), minute).unwrap_or(self.now)
    }

    /// The person called `name`.
    pub fn person(&self, name: &str) -> Result<&Person, sqlx::Error> {
        self.people
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| fail(format!("{name} is not in the register")))
    }

    /// Those taken on by the programme, in register order.
    pub fn participants(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|p| p.takes_part())
    }
}

async fn account_of(db: &Db, email: &str) -> Result<i64, sqlx::Error> {
    crate::accounts::store::login_account(db, &lotsen_api::contact::Login::Email(email.to_owned()))
        .await?
        .map(|(id, _)| id)
        .ok_or_else(|| fail(format!("{email} missing")))
}

/// Seeds the programme (after the register).
pub async fn seed(db: &Db, clock: &Clock) -> Result<(), sqlx::Error> {
    let today = clock.today();
    let rows: Vec<(i64, String, String)> = query_as(
        "SELECT a.id, a.name, y.personnummer FROM register_people r \
         JOIN youth y ON y.account_id = r.youth_id JOIN accounts a ON a.id = r.youth_id ORDER BY a.id",
    )
    .fetch_all(db)
    .await?;
    let mut people = Vec::with_capacity(rows.len());
    for (id, name, personnummer) in rows {
        let (_, registered, story) = STORIES
            .iter()
            .find(|(n, _, _)| *n == name)
            .ok_or_else(|| fail(format!("no story for {name}")))?;
        let minor = crate::applications::rules::is_minor(&personnummer, today);
        people.push(Person {
            id,
            name,
            story: *story,
            registered: *registered,
            minor,
        });
    }
    let programme = Programme {
        db,
        today,
        now: clock.unix_seconds(),
        anna: account_of(db, ANNA).await?,
        karim: account_of(db, super::DEMO_CONTACT_PERSON).await?,
        sven: account_of(db, SVEN).await?,
        johanna: account_of(db, JOHANNA).await?,
        people,
    };
    super::applications::seed(&programme).await?;
    super::outcomes::seed(&programme).await?;
    programme.activities().await?;
    super::bookings::seed(&programme).await?;
    Ok(())
}

/// Comments young people leave, good and less good.
const COMMENTS: [&str; 8] = [
    "Bra att vi fick jobba i egen takt.",
    "För långa genomgångar, jag tappade fokus.",
    "Skönt att komma ut och röra på sig.",
    "Mer tid för CV:t nästa gång, tack.",
    "Ledaren lyssnade verkligen på oss.",
    "Lokalen var för varm och trång.",
    "Kul att träffa andra i samma situation.",
    "Jag hade velat ha mer hjälp med matten.",
];

/// Reasons given for "can't come".
const REASONS: [&str; 4] = [
    "Sjuk",
    "Tandläkaren",
    "Jag har en intervju",
    "Måste hämta min lillasyster",
];

/// Staff answers ("you said, we did"): the activity, how many days ago, and the text.
const ANSWERS: [(&str, i64, &str); 3] = [
    (
        "Arbetslivsfokus",
        9,
        "Ni sa att det blev för lite tid för CV:t, så nu har vi en timme till varje måndag.",
    ),
    (
        "Friskvård",
        5,
        "Ni ville ha fler pass utomhus: från nästa vecka går vi till Nolhaga varje gång.",
    ),
    (
        "Studierum",
        2,
        "Ni bad om mer hjälp med matten: en mattelärare från Komvux kommer på torsdagarna.",
    ),
];

/// How each participant is put on the demo week (by their place among the
/// participants, modulo three).
const ON_ACTIVITIES: [&[&str]; 3] = [
    &["Arbetslivsfokus", "Friskvård"],
    &["Studierum", "Friskvård"],
    &["Inspirationsdag", "Arbetslivsfokus"],
];

impl Programme<'_> {
    /// The participants on the demo week's activities since the activities
    /// began; for the past weeks of this term, "can't come" reports and
    /// ratings that improve week by week, with comments; a few "can't come"
    /// for next week; staff answers.
    async fn activities(&self) -> Result<(), sqlx::Error> {
        let activities = schedule::list_activities(self.db).await?;
        let creator = self.karim;
        let fail_schedule = |e: ScheduleError| match e {
            ScheduleError::Db(e) => e,
            other => fail(format!("schedule: {other}")),
        };
        // The ratings' keys: nobody can find these again (the demo's raters never sign in).
        let key = RatingKey::random();
        let (term_start, _) = Term::of(self.today).range();
        let mut dice = Dice::new(19);
        for (i, person) in self.participants().enumerate() {
            let own = person.name == TIMELINE_PERSON;
            for title in ON_ACTIVITIES[i % 3] {
                let Some(activity) = activities.iter().find(|a| a.title == *title) else {
                    continue;
                };
                let first = lotsen_api::date::parse_iso(&activity.first_date)
                    .ok_or_else(|| fail("an activity's first date"))?;
                let assignment = NewAssignment {
                    youth_id: person.id,
                    activity_id: activity.id,
                    weekdays: weekday_mask(&[]),
                    from_date: first,
                    actor: creator,
                    audited: false,
                };
                schedule::assign(self.db, &assignment, self.at(-28, 480))
                    .await
                    .map_err(fail_schedule)?;
                for days in -28..=7 {
                    let date = self.day(days);
                    let weekday = date.weekday().number_from_monday() as u8;
                    if date < first || !activity.weekdays.contains(&weekday) || days == 0 {
                        continue;
                    }
                    // The timeline's young person cannot come to the first of next week's.
                    let away = dice.roll(10) == 0 || (own && days > 0 && days <= 7);
                    if away && (days > 0 || date >= term_start) {
                        let reason = REASONS[dice.roll(REASONS.len() as u64) as usize];
                        let reported = self.at(days.min(0) - 1, 18 * 60);
                        schedule::report_absence(
                            self.db,
                            person.id,
                            activity.id,
                            date,
                            Some(reason),
                            reported,
                        )
                        .await?;
                        continue;
                    }
                    if days > 0 || date < term_start || dice.roll(10) < 3 {
                        continue;
                    }
                    self.rate(&key, person, activity.id, date, days, &mut dice)
                        .await?;
                }
            }
        }
        for (title, days, text) in ANSWERS {
            if let Some(activity) = activities.iter().find(|a| a.title == title) {
                let leader = activity.leader.as_ref().map_or(self.anna, |(id, _)| *id);
                feedback::add_answer(self.db, activity.id, text, leader, self.at(-days, 16 * 60))
                    .await?;
            }
        }
        Ok(())
    }

    /// One rating of an occurrence `days` from today (in the past): better
    /// the more recent, sometimes with a comment, mostly anonymous.
    async fn rate(
        &self,
        key: &RatingKey,
        person: &Person,
        activity: i64,
        date: Date,
        days: i64,
        dice: &mut Dice,
    ) -> Result<(), sqlx::Error> {
        // Four weeks ago about 3, last week about 4.
        let lift = u64::try_from(28 + days).unwrap_or(0) / 10;
        let score = (2 + lift + dice.roll(3)).clamp(1, 5) as u8;
        let comment = (dice.roll(3) == 0)
            .then(|| COMMENTS[dice.roll(COMMENTS.len() as u64) as usize].to_owned());
        let rated_at = self.at(days, 20 * 60);
        let rating = NewRating {
            rater_key: rater_key(key, person.id, &activity_subject(activity, date)),
            youth_id: (dice.roll(4) == 0).then_some(person.id),
            rated: Rated::Activity(activity),
            date,
            score,
            comment,
            changeable_until: rated_at + CHANGE_DAYS * 86_400,
        };
        feedback::save_rating(self.db, &rating, rated_at).await?;
        Ok(())
    }
}
