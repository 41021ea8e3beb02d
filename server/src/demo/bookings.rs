//! The demo's booked sessions with the study and career counsellor and the
//! job coach: three weeks back, one a day each, marked attended or no-show by
//! the staff member; the coming week's, booked by the young people; and the
//! job coach's waitlist, where a time she had to cancel was offered to the
//! first in line.

use lotsen_api::account::Profession;
use lotsen_api::date::Datelike;

use super::programme::{Person, Programme, TIMELINE_PERSON, fail};
use crate::booking::store::{
    self as booking, BookingError, BookingInsert, Canceller, MessageFacts, SessionTypeRecord,
};
use crate::people::access::StaffViewer;

/// Notes young people leave with a booking.
const NOTES: [&str; 3] = [
    "Jag vill prata om vilka utbildningar jag kan söka.",
    "Kan vi titta på mitt CV?",
    "Jag kommer med min kompis om det går bra.",
];

fn refused(e: BookingError) -> sqlx::Error {
    match e {
        BookingError::Db(e) => e,
        other => fail(format!("booking: {other}")),
    }
}

/// No messages: the demo's young people have no e-mail address.
fn no_message(_: &MessageFacts) -> Option<crate::outbox::OutgoingMessage> {
    None
}

/// The individual session type called `name` of `profession`.
async fn session_type(
    p: &Programme<'_>,
    profession: Profession,
    name: &str,
) -> Result<SessionTypeRecord, sqlx::Error> {
    booking::list_session_types(p.db, Some(profession))
        .await?
        .into_iter()
        .find(|t| t.name == name && !t.is_group)
        .ok_or_else(|| fail(format!("no session type {name}")))
}

/// One staff member's sessions: who gives them, of which type, on which
/// weekdays, and at what time (minutes after midnight).
struct Desk {
    staff: i64,
    kind: SessionTypeRecord,
    weekdays: u8,
    minute: i64,
}

impl Desk {
    /// `person`'s session `days` from today, booked by them `ahead` days before.
    async fn book(
        &self,
        p: &Programme<'_>,
        person: &Person,
        days: i64,
        ahead: i64,
        note: Option<&str>,
    ) -> Result<(i64, i64), sqlx::Error> {
        let starts_at = p.at(days, self.minute);
        let ends_at = starts_at + self.kind.length_minutes * 60;
        let insert = BookingInsert {
            session_type_id: self.kind.id,
            staff_id: self.staff,
            youth_id: person.id,
            group_session_id: None,
            starts_at,
            ends_at,
            blocks_until: ends_at + self.kind.buffer_minutes * 60,
            note: note.map(str::to_owned),
            created_by: person.id,
            max_active: Some(self.kind.max_active_bookings),
            audit_actor: None,
        };
        let booked_at = p.now.min(starts_at - ahead * 86_400);
        let id = booking::book(p.db, &insert, booked_at, &no_message)
            .await
            .map_err(refused)?;
        Ok((id, starts_at))
    }

    /// The days from `from` to `to` (from today) on this desk's weekdays.
    fn days(&self, p: &Programme<'_>, from: i64, to: i64) -> Vec<i64> {
        (from..=to)
            .filter(|d| p.day(*d).weekday().number_from_monday() <= u32::from(self.weekdays))
            .collect()
    }
}

/// Seeds the sessions and the waitlist.
pub(super) async fn seed(p: &Programme<'_>) -> Result<(), sqlx::Error> {
    let sven = Desk {
        staff: p.sven,
        kind: session_type(
            p,
            Profession::StudyCounsellor,
            "Studie- och yrkesvägledning",
        )
        .await?,
        weekdays: 4,
        minute: 9 * 60,
    };
    let johanna = Desk {
        staff: p.johanna,
        kind: session_type(p, Profession::JobCoach, "Jobbcoachning").await?,
        weekdays: 5,
        minute: 11 * 60,
    };
    let mut participants: Vec<&Person> = p.participants().collect();
    // The timeline's young person first: attended with Sven, no-show with Johanna.
    participants.sort_by_key(|person| person.name != TIMELINE_PERSON);
    let mut turn = 0;
    for (desk, offset) in [(&sven, 0), (&johanna, 1)] {
        for (n, days) in desk.days(p, -21, -1).into_iter().rev().enumerate() {
            // The timeline's young person misses their fourth session with the job coach.
            let person = match (offset, n) {
                (1, 3) => participants[0],
                _ => participants[(turn + offset * 7) % participants.len()],
            };
            turn += 1;
            let note = (n % 3 == 0).then(|| NOTES[n % NOTES.len()]);
            let (id, starts_at) = desk.book(p, person, days, 4, note).await?;
            // Every fourth does not come.
            let attended = n % 4 != 3;
            let viewer = StaffViewer {
                id: desk.staff,
                is_admin: false,
            };
            booking::mark_attendance(p.db, id, viewer, attended, starts_at + 3600)
                .await
                .map_err(refused)?;
        }
        turn = 0;
    }
    // The coming days: one with the counsellor, two with the job coach.
    let mut coming = Vec::new();
    for (n, days) in johanna.days(p, 1, 10).into_iter().enumerate() {
        let person = participants[(n * 3 + 2) % participants.len()];
        let note = (n % 2 == 0).then(|| NOTES[n % NOTES.len()]);
        coming.push(johanna.book(p, person, days, 2, note).await?.0);
        if n % 2 == 0 {
            let person = participants[(n * 3 + 4) % participants.len()];
            sven.book(p, person, days, 3, None).await?;
        }
    }
    // The job coach's waitlist: two wait, then she cancels the first coming
    // session and it is offered to the first in line.
    for (n, person) in participants.iter().rev().take(2).enumerate() {
        let joined = p.at(-3 + n as i64, 12 * 60);
        booking::join_waitlist(p.db, person.id, johanna.kind.id, None, joined)
            .await
            .map_err(refused)?;
    }
    if let Some(first) = coming.first() {
        let viewer = StaffViewer {
            id: p.johanna,
            is_admin: false,
        };
        let message = "Jag är tyvärr sjuk. Ring mig så hittar vi en ny tid.".to_owned();
        booking::cancel_booking(
            p.db,
            *first,
            &Canceller::Staff(viewer, message),
            p.now,
            &no_message,
        )
        .await
        .map_err(refused)?;
    }
    Ok(())
}
