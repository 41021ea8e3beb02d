//! Demo data for a new database (`--demo-data`): staff, three young people and
//! two guardians, all with the password [`DEMO_PASSWORD`]. The young people's
//! ages are counted from the clock's today when seeding, so they are right
//! whenever a database is made. README's "Demo data" lists the same people.
//! The whole demo ([`DemoScope::Everything`]) adds the register's young
//! people (`crate::register::demo`) and the programme around them
//! ([`programme`]: applications, follow-up, ratings, bookings).

use lotsen_api::Date;
use lotsen_api::account::{Profession, Role};
use lotsen_api::contact::Login;
use lotsen_api::date::add_days;
use lotsen_api::personnummer::luhn_check_digit;
use lotsen_api::schedule::{ActivityKind, NewActivity, Recurrence, parse_time};

use crate::accounts::store::{NewAccount, WriteError, insert_account};
use crate::clock::Clock;
use crate::db::Db;
use crate::db::sql::{Tx, begin_write, query};
use crate::schedule::rules::weekday_mask;
use crate::schedule::store::{self, NewAssignment, ScheduleError};

mod applications;
mod bookings;
mod outcomes;
pub mod programme;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "lotsen-demo";

/// A demo person who can sign in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoLogin {
    /// Full name.
    pub name: &'static str,
    /// E-mail address (the login).
    pub email: &'static str,
    /// Role.
    pub role: Role,
    /// Staff: profession.
    pub profession: Option<Profession>,
    /// Staff: administrator.
    pub is_admin: bool,
    /// Young people: age when seeded.
    pub age: Option<i32>,
    /// Young people: protected identity.
    pub protected_identity: bool,
    /// Guardians: the e-mail of their young person.
    pub guardian_of: Option<&'static str>,
}

const fn staff(
    name: &'static str,
    email: &'static str,
    profession: Profession,
    is_admin: bool,
) -> DemoLogin {
    DemoLogin {
        name,
        email,
        role: Role::Staff,
        profession: Some(profession),
        is_admin,
        age: None,
        protected_identity: false,
        guardian_of: None,
    }
}

const fn youth(
    name: &'static str,
    email: &'static str,
    age: i32,
    protected_identity: bool,
) -> DemoLogin {
    DemoLogin {
        name,
        email,
        role: Role::Youth,
        profession: None,
        is_admin: false,
        age: Some(age),
        protected_identity,
        guardian_of: None,
    }
}

const fn guardian(name: &'static str, email: &'static str, of: &'static str) -> DemoLogin {
    DemoLogin {
        name,
        email,
        role: Role::Guardian,
        profession: None,
        is_admin: false,
        age: None,
        protected_identity: false,
        guardian_of: Some(of),
    }
}

/// The contact person of every demo young person.
pub const DEMO_CONTACT_PERSON: &str = "karim.haddad@lotsen.example";

/// Every demo person, in the order they are created.
pub const DEMO_LOGINS: [DemoLogin; 9] = [
    staff(
        "Anna Andersson",
        "anna.andersson@lotsen.example",
        Profession::ContactPerson,
        true,
    ),
    staff(
        "Sven Berg",
        "sven.berg@lotsen.example",
        Profession::StudyCounsellor,
        false,
    ),
    staff(
        "Johanna Lind",
        "johanna.lind@lotsen.example",
        Profession::JobCoach,
        false,
    ),
    staff(
        "Karim Haddad",
        DEMO_CONTACT_PERSON,
        Profession::ContactPerson,
        false,
    ),
    youth("Elsa Nilsson", "elsa.nilsson@lotsen.example", 17, false),
    youth("Omar Ali", "omar.ali@lotsen.example", 19, false),
    youth("Linnea Ek", "linnea.ek@lotsen.example", 24, true),
    guardian(
        "Maria Nilsson",
        "maria.nilsson@lotsen.example",
        "elsa.nilsson@lotsen.example",
    ),
    guardian(
        "Per Nilsson",
        "per.nilsson@lotsen.example",
        "elsa.nilsson@lotsen.example",
    ),
];

/// The name of the demo person with this e-mail (empty if none).
pub fn name_of(email: &str) -> &'static str {
    DEMO_LOGINS
        .iter()
        .find(|p| p.email == email)
        .map_or("", |p| p.name)
}

/// A valid personnummer (12 digits) for someone `age` years and 100 days old on `today`.
pub fn personnummer_for_age(age: i32, serial: u16, today: Date) -> String {
    let today = crate::clock::civil(today);
    let born = today
        .checked_sub(jiff::Span::new().years(age).days(100))
        .expect("a birth date within range");
    let born = lotsen_api::date::ymd(born.year().into(), born.month() as u32, born.day() as u32)
        .expect("a valid birth date");
    personnummer_born(born, serial)
}

/// A valid personnummer (12 digits) for someone born on `born`, with this serial.
pub fn personnummer_born(born: Date, serial: u16) -> String {
    use lotsen_api::date::Datelike;
    let nine = format!(
        "{:02}{:02}{:02}{:03}",
        born.year() % 100,
        born.month(),
        born.day(),
        serial % 1000
    );
    let digits: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
    format!(
        "{:04}{}{}",
        born.year(),
        &nine[2..],
        luhn_check_digit(&digits)
    )
}

/// The demo people as rows, with `password_hash` for all of them.
pub fn seed_data(today: Date, password_hash: String) -> DemoSeed {
    let staff = DEMO_LOGINS
        .iter()
        .filter_map(|p| {
            Some((
                p.name.to_owned(),
                p.email.to_owned(),
                p.profession?,
                p.is_admin,
            ))
        })
        .collect();
    let youth = DEMO_LOGINS
        .iter()
        .filter(|p| p.role == Role::Youth)
        .enumerate()
        .map(|(i, p)| DemoYouthSeed {
            name: p.name.to_owned(),
            email: p.email.to_owned(),
            personnummer: personnummer_for_age(p.age.unwrap_or(18), 901 + i as u16 * 11, today),
            protected_identity: p.protected_identity,
            contact_person_email: DEMO_CONTACT_PERSON.to_owned(),
            guardians: DEMO_LOGINS
                .iter()
                .filter(|g| g.guardian_of == Some(p.email))
                .map(|g| (g.name.to_owned(), g.email.to_owned()))
                .collect(),
        })
        .collect();
    DemoSeed {
        password_hash,
        staff,
        youth,
    }
}

/// Which demo data to seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoScope {
    /// Everything (`--demo-data`): the register, and the programme built on
    /// the register's young people ([`programme`]).
    Everything,
    /// All but the activity-responsibility register and the programme built
    /// on its young people: the API tests' demo, whose hand-checked register
    /// and report fixtures start from an empty register, and whose counts
    /// know only the demo logins and their week.
    WithoutRegister,
}

/// Seeds all demo data unless demo data was seeded before; logs the logins
/// (never a personnummer) when it does. Returns whether it seeded now.
pub async fn seed_if_new(db: &Db, clock: &Clock) -> Result<bool, sqlx::Error> {
    seed_scope_if_new(db, clock, DemoScope::Everything).await
}

/// Seeds the demo data of `scope` unless demo data was seeded before, as
/// [`seed_if_new`].
pub async fn seed_scope_if_new(
    db: &Db,
    clock: &Clock,
    scope: DemoScope,
) -> Result<bool, sqlx::Error> {
    if db.meta(DEMO_SEEDED_AT).await?.is_some() {
        return Ok(false);
    }
    let password_hash = crate::auth::password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let seeded = seed_demo_if_new(
        db,
        clock.timestamp(),
        &seed_data(clock.today(), password_hash),
    )
    .await?;
    if seeded {
        seed_schedule(db, clock).await?;
        crate::booking::seed_demo(db, clock).await?;
        if scope == DemoScope::Everything {
            crate::register::demo::seed(db, clock).await?;
            programme::seed(db, clock).await?;
        }
        for person in DEMO_LOGINS {
            tracing::info!(
                role = crate::auth::store::role_str(person.role),
                "demo login: {} <{}>, password: {DEMO_PASSWORD}",
                person.name,
                person.email
            );
        }
    }
    Ok(seeded)
}

/// The demo week, after the example week in DOMAIN.md: title, kind, weekdays,
/// start and end, place, the leader's e-mail, and the young people it is on
/// the schedule of (with the weekdays chosen; empty = all).
#[allow(clippy::type_complexity)]
const DEMO_ACTIVITIES: [(
    &str,
    ActivityKind,
    &[u8],
    &str,
    &str,
    &str,
    &str,
    &[(&str, &[u8])],
); 5] = [
    (
        "Arbetslivsfokus",
        ActivityKind::WorkingLife,
        &[1],
        "09:00",
        "12:00",
        "Lotsen, Storgatan 4, rum 2",
        "johanna.lind@lotsen.example",
        &[
            ("elsa.nilsson@lotsen.example", &[]),
            ("omar.ali@lotsen.example", &[]),
        ],
    ),
    (
        "Studierum",
        ActivityKind::StudyRoom,
        &[1, 4],
        "13:00",
        "15:30",
        "Lotsen, studierummet",
        "sven.berg@lotsen.example",
        &[
            ("elsa.nilsson@lotsen.example", &[]),
            ("omar.ali@lotsen.example", &[4]),
        ],
    ),
    (
        "Friskvård",
        ActivityKind::Wellness,
        &[3],
        "10:00",
        "12:00",
        "Nolhaga, utegymmet",
        "anna.andersson@lotsen.example",
        &[
            ("elsa.nilsson@lotsen.example", &[]),
            ("omar.ali@lotsen.example", &[]),
        ],
    ),
    (
        "Enskilt samtal med kontaktperson",
        ActivityKind::IndividualMeeting,
        &[4],
        "09:00",
        "10:00",
        "Lotsen, rum 1",
        DEMO_CONTACT_PERSON,
        &[("elsa.nilsson@lotsen.example", &[])],
    ),
    (
        "Inspirationsdag",
        ActivityKind::StudyVisit,
        &[5],
        "09:00",
        "14:00",
        "Samling på Lotsen",
        "johanna.lind@lotsen.example",
        &[
            ("elsa.nilsson@lotsen.example", &[]),
            ("omar.ali@lotsen.example", &[]),
        ],
    ),
];

/// Weekly activities for this term (four weeks back to half a year ahead),
/// on the demo young people's schedules.
async fn seed_schedule(db: &Db, clock: &Clock) -> Result<(), sqlx::Error> {
    let today = clock.today();
    let first = lotsen_api::date::monday(add_days(today, -28));
    let last = add_days(today, 180);
    let now = clock.unix_seconds();
    let id_of = async |email: &str| -> Result<i64, sqlx::Error> {
        crate::accounts::store::login_account(db, &Login::Email(email.to_owned()))
            .await?
            .map(|(id, _)| id)
            .ok_or_else(|| sqlx::Error::Protocol(format!("demo account {email} missing")))
    };
    let creator = id_of(DEMO_CONTACT_PERSON).await?;
    let fail = |e: ScheduleError| match e {
        ScheduleError::Db(e) => e,
        other => sqlx::Error::Protocol(format!("demo schedule: {other}")),
    };
    for (title, kind, days, start, end, place, leader, assigned) in DEMO_ACTIVITIES {
        let activity = NewActivity {
            title: title.to_owned(),
            description: String::new(),
            place: place.to_owned(),
            kind,
            leader_id: Some(id_of(leader).await?),
            capacity: None,
            recurrence: Recurrence {
                weekdays: days.to_vec(),
                start_time: start.to_owned(),
                end_time: end.to_owned(),
                first_date: first,
                last_date: last,
            },
        };
        let minutes = (
            i64::from(parse_time(start).unwrap_or(0)),
            i64::from(parse_time(end).unwrap_or(0)),
        );
        let id = store::save_activity(db, None, &activity, minutes, creator, now)
            .await
            .map_err(fail)?
            .ok_or_else(|| sqlx::Error::Protocol("demo activity not saved".into()))?;
        for (youth, chosen) in assigned {
            let new = NewAssignment {
                youth_id: id_of(youth).await?,
                activity_id: id,
                weekdays: weekday_mask(chosen),
                from_date: first,
                actor: creator,
                audited: false,
            };
            store::assign(db, &new, now).await.map_err(fail)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use lotsen_api::Personnummer;

    use super::*;

    #[test]
    fn demo_personnummer_are_valid_and_of_the_right_age() {
        let today = lotsen_api::date::ymd(2026, 11, 23).unwrap();
        for (age, serial) in [(17, 901), (19, 912), (24, 923), (17, 0)] {
            let digits = personnummer_for_age(age, serial, today);
            let parsed = Personnummer::parse(&digits, today).unwrap();
            assert_eq!(parsed.age_on(today), age, "{age}");
        }
        // 29 February: 100 days before is well defined every year.
        let leap = lotsen_api::date::ymd(2028, 2, 29).unwrap();
        assert!(Personnummer::parse(&personnummer_for_age(17, 1, leap), leap).is_ok());
    }

    #[test]
    fn the_demo_password_passes_the_policy() {
        assert_eq!(crate::auth::password::check_policy(DEMO_PASSWORD), Ok(()));
    }
}

/// The key in `app_meta` that records when demo data was seeded.
pub const DEMO_SEEDED_AT: &str = "demo_seeded_at";

/// Demo people, with one password hash for all of them.
#[derive(Clone, Debug)]
pub struct DemoSeed {
    /// The PHC string of the demo password.
    pub password_hash: String,
    /// Staff: name, e-mail, profession, administrator.
    pub staff: Vec<(String, String, Profession, bool)>,
    /// Young people.
    pub youth: Vec<DemoYouthSeed>,
}

/// One demo young person.
#[derive(Clone, Debug)]
pub struct DemoYouthSeed {
    /// Full name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// 12 digits.
    pub personnummer: String,
    /// Protected identity.
    pub protected_identity: bool,
    /// E-mail address of the contact person among the demo staff.
    pub contact_person_email: String,
    /// Guardians: name and e-mail.
    pub guardians: Vec<(String, String)>,
}

/// Inserts an account that must not clash (demo data).
async fn insert_new_account(
    tx: &mut Tx,
    account: &NewAccount,
    password_hash: Option<&str>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    insert_account(tx, account, password_hash, now)
        .await
        .map_err(|error| match error {
            WriteError::Db(error) => error,
            other => sqlx::Error::Protocol(format!("demo data clashes: {other}")),
        })
}

/// Seeds `demo` unless demo data was seeded before; returns whether it seeded
/// now. The `demo_seeded_at` marker (`now`) is written in the same write
/// transaction as the data, so two servers starting at once cannot both seed.
pub async fn seed_demo_if_new(
    db: &Db,
    now: jiff::Timestamp,
    demo: &DemoSeed,
) -> Result<bool, sqlx::Error> {
    let marker = now.to_string();
    let now = now.as_second();
    let mut tx = begin_write(db).await?;
    let marked =
        query("INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(DEMO_SEEDED_AT)
            .bind(&marker)
            .execute(&mut tx)
            .await?
            .rows_affected()
            == 1;
    if !marked {
        return Ok(false);
    }
    let mut staff_ids = std::collections::HashMap::new();
    for (name, email, profession, is_admin) in &demo.staff {
        let account = NewAccount {
            role: lotsen_api::account::Role::Staff,
            name: name.clone(),
            email: Some(email.clone()),
            phone: None,
        };
        let id = insert_new_account(&mut tx, &account, Some(&demo.password_hash), now).await?;
        query("INSERT INTO staff (account_id, profession, is_admin) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(profession.as_str())
            .bind(*is_admin)
            .execute(&mut tx)
            .await?;
        staff_ids.insert(email.as_str(), id);
    }
    for youth in &demo.youth {
        let account = NewAccount {
            role: lotsen_api::account::Role::Youth,
            name: youth.name.clone(),
            email: Some(youth.email.clone()),
            phone: None,
        };
        let id = insert_new_account(&mut tx, &account, Some(&demo.password_hash), now).await?;
        query(
            "INSERT INTO youth (account_id, personnummer, protected_identity, contact_person_id) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(&youth.personnummer)
        .bind(youth.protected_identity)
        .bind(staff_ids.get(youth.contact_person_email.as_str()).copied())
        .execute(&mut tx)
        .await?;
        for (name, email) in &youth.guardians {
            let account = NewAccount {
                role: lotsen_api::account::Role::Guardian,
                name: name.clone(),
                email: Some(email.clone()),
                phone: None,
            };
            let guardian =
                insert_new_account(&mut tx, &account, Some(&demo.password_hash), now).await?;
            query("INSERT INTO guardian_of (guardian_id, youth_id) VALUES ($1, $2)")
                .bind(guardian)
                .bind(id)
                .execute(&mut tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}
