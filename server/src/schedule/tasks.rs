//! The schedule's background work, once a minute ([`run`]): a young person
//! whose schedule changed is reminded once before the first occurrence after
//! the change. A change is an activity of theirs edited (not created) or one
//! of its occurrences cancelled, moved or put back; what counts is the activity's latest
//! change, and the reminder is of that activity's first occurrence (on their
//! schedule, not cancelled, not one they said they can't come to) starting
//! after it: sent from [`REMINDER_HOUR`] (Swedish time) on the day before, or
//! at once when the change is made on that day or the day of the occurrence.
//! By the channel they chose (texts in `locales/messages/` under
//! `schedule.change_reminder`; an SMS names only the time and the place).
//! Recorded in `change_reminders` with the message, so each change is
//! reminded once, however often or concurrently this runs.

use jiff::Timestamp;
use lotsen_api::date::add_days;
use lotsen_api::schedule::OccurrenceStatus;
use lotsen_api::{Date, Lang};

use super::rules::{expand, local_to_unix};
use super::store::{self, ChangeOutcome, UnremindedChange};
use crate::AppState;
use crate::booking::messages::short_time;
use crate::booking::tasks::{REMINDER_HOUR, TICK};
use crate::clock::{from_civil, stockholm};
use crate::i18n::{self, Compose, Letter};
use crate::outbox::{self, OutgoingMessage};

/// How far back the occurrences since a change are looked through: a change
/// older than this whose activity has not met since is reminded as if it were this old.
pub const LOOK_BACK_DAYS: i64 = 366;

/// The first occurrence after a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextOccurrence {
    /// Unix seconds.
    pub starts_at: i64,
    pub title: String,
    pub place: String,
}

/// The reminder of `next` after a change, to `name` in `lang` (both if not
/// known), composed for their channel ([`i18n::letter`] or [`i18n::sms`]).
pub fn change_reminder(
    compose: Compose,
    public_url: &str,
    name: &str,
    lang: Option<Lang>,
    next: &NextOccurrence,
) -> Letter {
    let when = short_time(next.starts_at);
    let place = if next.place.is_empty() {
        String::new()
    } else {
        format!(" ({})", next.place)
    };
    // What staff wrote comes last, so that nothing in it is taken for a placeholder.
    let args = [
        ("url", public_url),
        ("when", when.as_str()),
        ("name", i18n::first_name(name)),
        ("what", next.title.as_str()),
        ("place", place.as_str()),
    ];
    compose(lang, "schedule.change_reminder", &args)
}

/// The first occurrence of the changed activity on the young person's
/// schedule up to `last` (inclusive) that starts after the change, is not
/// cancelled and not one they said they can't come to.
async fn first_after(
    state: &AppState,
    change: UnremindedChange,
    last: Date,
) -> Result<Option<NextOccurrence>, sqlx::Error> {
    let changed_on = Timestamp::from_second(change.changed_at)
        .map(|t| from_civil(t.to_zoned(stockholm()).date()))
        .unwrap_or(last);
    let from = changed_on.max(add_days(last, -LOOK_BACK_DAYS));
    let rows = store::schedule_rows(&state.db, change.youth_id, from, last).await?;
    Ok(expand(&rows, from, last)
        .into_iter()
        .filter(|e| {
            e.item.activity_id == change.activity_id
                && e.item.status != OccurrenceStatus::Cancelled
                && e.item.absence.is_none()
        })
        .map(|e| NextOccurrence {
            starts_at: local_to_unix(e.item.date, e.minutes.0),
            title: e.item.title,
            place: e.item.place,
        })
        .filter(|n| n.starts_at > change.changed_at)
        .min_by_key(|n| n.starts_at))
}

/// The reminder to the young person through their channel, if this server
/// sends through one they have an address for.
async fn message(
    state: &AppState,
    youth_id: i64,
    next: &NextOccurrence,
) -> Result<Option<OutgoingMessage>, sqlx::Error> {
    let Some((channel, address)) = outbox::reach_account(state, youth_id).await? else {
        tracing::info!(
            account_id = youth_id,
            "change reminder not sent (no channel configured that they have an address for)"
        );
        return Ok(None);
    };
    let Some(youth) = crate::accounts::store::reset_target_by_id(&state.db, youth_id).await? else {
        return Ok(None);
    };
    let letter = change_reminder(
        channel.compose(),
        &state.settings.public_url,
        &youth.name,
        youth.language,
        next,
    );
    Ok(Some(OutgoingMessage::new(
        channel.as_str(),
        &address,
        letter,
    )))
}

/// Reminds every young person whose schedule changed of the first
/// occurrence after the change, when it is today or tomorrow (Swedish dates
/// of `now`) and has not begun, from [`REMINDER_HOUR`] on; a change whose
/// first occurrence had begun is recorded without a message. How many were reminded.
pub async fn send_change_reminders(state: &AppState, now: Timestamp) -> Result<usize, sqlx::Error> {
    let zoned = now.to_zoned(stockholm());
    if zoned.hour() < REMINDER_HOUR {
        return Ok(0);
    }
    let today = from_civil(zoned.date());
    let tomorrow = add_days(today, 1);
    let now = now.as_second();
    let mut sent = 0;
    for change in store::unreminded_changes(&state.db, today, tomorrow).await? {
        let Some(next) = first_after(state, change, tomorrow).await? else {
            continue;
        };
        let reminded = next.starts_at >= now;
        let message = match reminded {
            true => message(state, change.youth_id, &next).await?,
            false => None,
        };
        let outcome = ChangeOutcome {
            change,
            starts_at: next.starts_at,
            reminded,
            message: message.as_ref(),
        };
        if store::record_change_reminder(&state.db, &outcome, now).await? && reminded {
            // The outbox sends it now (its wake-ups do not pile up).
            state.outbox.notify_one();
            sent += 1;
        }
    }
    Ok(sent)
}

/// Every minute: the reminders after changes.
pub async fn run(state: AppState) {
    loop {
        let now = state.clock.timestamp();
        if let Err(error) = send_change_reminders(&state, now).await {
            tracing::warn!(%error, "cannot send reminders after schedule changes");
        }
        tokio::time::sleep(TICK).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next() -> NextOccurrence {
        NextOccurrence {
            starts_at: "2026-11-24T08:00:00Z"
                .parse::<Timestamp>()
                .unwrap()
                .as_second(),
            title: "Jobbsök {url}".into(),
            place: "Lotsen, rum 3".into(),
        }
    }

    #[test]
    fn an_email_names_the_activity_and_an_sms_only_the_time_and_place() {
        let url = "https://lotsen.example";
        let letter = change_reminder(i18n::letter, url, "Elsa Nilsson", None, &next());
        assert_eq!(
            letter.subject,
            "Ditt schema har ändrats / Your schedule has changed"
        );
        assert_eq!(
            letter.body,
            "Hej Elsa!\n\nDitt schema har ändrats. Nästa gång du har Jobbsök {url} är 2026-11-24 09:00 \
             (Lotsen, rum 3). Se Mitt schema på https://lotsen.example.\n\n--\nHello Elsa! Your schedule \
             has changed. The next time you have Jobbsök {url} is at 2026-11-24 09:00 (Lotsen, rum 3). \
             See My schedule at https://lotsen.example.\n"
        );
        let sms = change_reminder(i18n::sms, url, "Elsa Nilsson", Some(Lang::En), &next());
        assert_eq!(
            sms.body,
            "Hello Elsa! Your schedule has changed. The next time is at 2026-11-24 09:00 \
             (Lotsen, rum 3). See My schedule: https://lotsen.example"
        );
        for private in ["Jobbsök", "Nilsson"] {
            assert!(!sms.body.contains(private), "{private} in {}", sms.body);
        }
    }
}
