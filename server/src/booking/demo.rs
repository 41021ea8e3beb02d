//! Demo booking data (`--demo-data`).

use jiff::ToSpan;
use lotsen_api::account::Profession;
use lotsen_api::booking::{DEFAULT_DAYS_AHEAD, SessionTypeInput};

use super::rules::{Window, at};
use super::store::{self, NewGroup};
use crate::clock::Clock;
use crate::db::Db;

fn window(weekday: u8, start: u16, end: u16) -> Window {
    Window {
        weekday,
        start,
        end,
    }
}

/// Demo booking data for the demo staff: weekday opening hours and session
/// types for the study and career counsellor and the job coach, and a study
/// visit with eight seats next week, so that `cargo xtask run` shows free times.
pub async fn seed_demo(db: &Db, clock: &Clock) -> Result<(), sqlx::Error> {
    let now = clock.unix_seconds();
    let staff = crate::people::store::list_staff(db).await?;
    let of = |p: Profession| staff.iter().find(|s| s.profession == p).map(|s| s.id);
    let kind =
        |name: &str, profession, description: &str, length, buffer, group| SessionTypeInput {
            name: name.to_owned(),
            profession,
            description: description.to_owned(),
            length_minutes: length,
            buffer_minutes: buffer,
            bookable_days_ahead: DEFAULT_DAYS_AHEAD,
            notice_minutes: 120,
            cancel_hours: 24,
            max_active_bookings: 2,
            group,
        };
    if let Some(sven) = of(Profession::StudyCounsellor) {
        // Monday to Thursday 09:00–12:00 and 13:00–16:00, Friday mornings.
        let mut windows: Vec<Window> = (1..=4)
            .flat_map(|d| [window(d, 540, 720), window(d, 780, 960)])
            .collect();
        windows.push(window(5, 540, 720));
        store::set_opening_hours(db, sven, &windows).await?;
        let counselling = kind(
            "Studie- och yrkesvägledning",
            Profession::StudyCounsellor,
            "Prata om skola, utbildningar och vad du vill jobba med.",
            45,
            15,
            false,
        );
        store::create_session_type(db, &counselling, sven, now).await?;
        let visit = kind(
            "Studiebesök på Komvux",
            Profession::StudyCounsellor,
            "Vi åker tillsammans och tittar på Komvux.",
            120,
            0,
            true,
        );
        let visit_id = store::create_session_type(db, &visit, sven, now).await?;
        let today = clock.now().date();
        let days_to_wednesday =
            (3 - i64::from(today.weekday().to_monday_one_offset())).rem_euclid(7) + 7;
        if let Ok(day) = today.checked_add(days_to_wednesday.days())
            && let Some(start) = at(day, 13 * 60)
        {
            let end = start + 120 * 60;
            let group = NewGroup {
                session_type_id: visit_id,
                staff_id: sven,
                starts_at: start,
                ends_at: end,
                blocks_until: end,
                seats: 8,
                place: Some("Komvux, Storgatan 1"),
            };
            let created = store::create_group_session(db, &group, now).await;
            if let Err(error) = created {
                tracing::warn!(%error, "demo group session not created");
            }
        }
    }
    if let Some(johanna) = of(Profession::JobCoach) {
        let windows: Vec<Window> = (1..=5).map(|d| window(d, 600, 900)).collect();
        store::set_opening_hours(db, johanna, &windows).await?;
        let coaching = kind(
            "Jobbcoachning",
            Profession::JobCoach,
            "CV, personligt brev och hur du söker jobb.",
            60,
            0,
            false,
        );
        store::create_session_type(db, &coaching, johanna, now).await?;
    }
    Ok(())
}
