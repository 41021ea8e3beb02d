//! The two home reads: the young person's (`GET /api/me/home`) and the
//! guardian's (`GET /api/guardian/home`). Both are the caller's own view
//! (no staff read, so nothing to audit), and both only read.

use axum::extract::State;
use chrono::Datelike;
use lotsen_api::Date;
use lotsen_api::ErrorBody;
use lotsen_api::account::Role;
use lotsen_api::feedback::Rateable;
use lotsen_api::home::{
    ANSWER_DAYS, ANSWERS_SHOWN, ApplicationStanding, ContactPerson, GuardianApplication,
    GuardianHome, Hours, LOOK_AHEAD_DAYS, YouthHome, next_step,
};
use lotsen_api::schedule::{OccurrenceStatus, format_time};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::rules::{self, Timed};
use super::store;
use crate::AppState;
use crate::applications::rules::is_minor;
use crate::applications::store::{Reader, list_applications, read_application};
use crate::auth::{Guardian, Youth};
use crate::booking::routes::booking_api;
use crate::booking::store::youth_bookings_between;
use crate::error::AppError;
use crate::feedback::routes::answer_of;
use crate::feedback::rules::{activity_subject, rater_key, session_subject};
use crate::feedback::store::{own_ratings, recent_youth_answers};
use crate::json::Json;
use crate::schedule::rules::{expand, local_to_unix};
use crate::schedule::store::schedule_rows;
use lotsen_api::date::add_days;

const DAY: i64 = 86_400;

/// The two routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_my_home))
        .routes(routes!(get_guardian_home))
}

/// The midnight that starts `date`, Swedish time (Unix seconds).
fn midnight(date: Date) -> i64 {
    local_to_unix(date, 0)
}

/// The Swedish date of an instant.
fn date_of(unix_seconds: i64) -> Option<Date> {
    lotsen_api::date::parse_iso(&crate::clock::swedish_date(unix_seconds))
}

/// Something of yesterday to rate, unless already rated: the key it would have.
struct Unrated {
    key: String,
    item: Rateable,
}

/// The young person's home: what comes next, today, what to rate, new
/// answers, their application and plan, and their contact person.
#[utoipa::path(
    get,
    path = "/api/me/home",
    operation_id = "get_my_home",
    tag = "home",
    security(("session" = [])),
    responses(
        (status = 200, description = "Read from the young person's own window: their schedule and bookings from yesterday to 14 days ahead, answers of the last 14 days, their latest application and plan version, their contact person", body = YouthHome),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    )
)]
pub async fn get_my_home(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<YouthHome>, AppError> {
    let me = youth.0.account.id;
    let now = state.clock.unix_seconds();
    let today = state.clock.today();
    let yesterday = add_days(today, -1);
    let last = add_days(today, LOOK_AHEAD_DAYS - 1);

    let rows = schedule_rows(&state.db, me, yesterday, last).await?;
    let expanded = expand(&rows, yesterday, last);
    let booked = youth_bookings_between(
        &state.db,
        me,
        midnight(yesterday),
        midnight(add_days(last, 1)),
    )
    .await?;

    let mut unrated = Vec::new();
    let mut timed: Vec<Timed> = Vec::with_capacity(expanded.len() + booked.len());
    for e in expanded {
        if e.item.date == yesterday {
            if e.item.status != OccurrenceStatus::Cancelled && e.item.absence.is_none() {
                unrated.push(Unrated {
                    key: rater_key(
                        &state.rating_key,
                        me,
                        &activity_subject(e.item.activity_id, e.planned),
                    ),
                    item: Rateable {
                        activity_id: Some(e.item.activity_id),
                        booking_id: None,
                        date: e.planned,
                        held_on: e.item.date,
                        start: e.item.start.clone(),
                        title: e.item.title.clone(),
                        leader_name: e.item.leader_name.clone(),
                        rating: None,
                        changeable: true,
                    },
                });
            }
            continue;
        }
        timed.push(rules::activity(e));
    }
    for b in booked {
        let Some(date) = date_of(b.starts_at) else {
            continue;
        };
        let (starts_at, ends_at) = (b.starts_at, b.ends_at);
        let api = booking_api(b, now);
        if date == yesterday {
            if api.status == lotsen_api::booking::BookingStatus::Attended {
                unrated.push(Unrated {
                    key: rater_key(&state.rating_key, me, &session_subject(api.id)),
                    item: Rateable {
                        activity_id: None,
                        booking_id: Some(api.id),
                        date,
                        held_on: date,
                        start: api.starts_at.get(11..16).unwrap_or_default().to_string(),
                        title: api.session_type_name,
                        leader_name: Some(api.staff_name),
                        rating: None,
                        changeable: true,
                    },
                });
            }
            continue;
        }
        timed.extend(rules::booking(api, date, starts_at, ends_at));
    }
    let (next, today_entries) = rules::arrange(timed, today, now);

    let to_rate = if unrated.is_empty() {
        Vec::new()
    } else {
        let keys: Vec<String> = unrated.iter().map(|u| u.key.clone()).collect();
        let rated = own_ratings(&state.db, &keys).await?;
        unrated
            .into_iter()
            .filter(|u| !rated.iter().any(|r| r.rater_key == u.key))
            .map(|u| u.item)
            .collect()
    };

    let answers =
        recent_youth_answers(&state.db, me, now - ANSWER_DAYS * DAY, ANSWERS_SHOWN as i64)
            .await?
            .into_iter()
            .map(answer_of)
            .collect();

    let application = list_applications(&state.db, Reader::Youth(me), None, None, now)
        .await?
        .into_iter()
        .max_by_key(|a| (a.created_at, a.id))
        .map(|a| ApplicationStanding {
            id: a.id,
            status: a.status,
        });
    let plan = store::plan_standing(&state.db, me).await?;
    let next_step = next_step(application.as_ref().map(|a| a.status), plan.as_ref());

    let contact_person = match store::contact_person(&state.db, me).await? {
        None => None,
        Some(c) => {
            let hours =
                store::hours_on(&state.db, c.id, today.weekday().number_from_monday()).await?;
            let away = store::away_between(
                &state.db,
                c.id,
                midnight(today),
                midnight(add_days(today, 1)),
            )
            .await?;
            Some(ContactPerson {
                name: c.name,
                profession: c.profession,
                phone: c.phone,
                hours_today: hours
                    .into_iter()
                    .map(|(start, end)| Hours {
                        start: format_time(start.clamp(0, 1439) as u16),
                        end: format_time(end.clamp(1, 1439) as u16),
                    })
                    .collect(),
                away_today: away,
            })
        }
    };

    Ok(Json(YouthHome {
        today,
        next,
        today_entries,
        to_rate,
        answers,
        application,
        plan,
        next_step,
        contact_person,
    }))
}

/// The guardian's home: the applications they are asked to co-sign and
/// where each stands.
#[utoipa::path(
    get,
    path = "/api/guardian/home",
    operation_id = "get_guardian_home",
    tag = "home",
    security(("session" = [])),
    responses(
        (status = 200, description = "The applications of the caller's young people under 18 today that have reached guardian signing or later: the young person's name, the status and the signatures, waiting for the caller first; nothing else of the young person", body = GuardianHome),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a guardian", body = ErrorBody),
    )
)]
pub async fn get_guardian_home(
    State(state): State<AppState>,
    guardian: Guardian,
) -> Result<Json<GuardianHome>, AppError> {
    let me = guardian.0.account.id;
    let now = state.clock.unix_seconds();
    let today = state.clock.today();
    let reader = Reader::Guardian(me);
    let mut applications = Vec::new();
    for listed in list_applications(&state.db, reader, None, None, now).await? {
        if !is_minor(&listed.youth_personnummer, today) {
            continue;
        }
        let Some(record) = read_application(&state.db, reader, listed.id, now).await? else {
            continue;
        };
        let by_guardians = record
            .signatures
            .iter()
            .filter(|s| s.role == Role::Guardian);
        applications.push((
            record.updated_at,
            GuardianApplication {
                id: record.id,
                youth_name: record.youth_name.clone(),
                status: record.status,
                signed_by_me: record.signatures.iter().any(|s| s.signer_id == me),
                guardians_signed: u32::try_from(by_guardians.count()).unwrap_or_default(),
                guardians: u32::try_from(record.guardians.len()).unwrap_or_default(),
            },
        ));
    }
    applications.sort_by_key(|(updated, a)| (!a.waits_for_me(), std::cmp::Reverse(*updated)));
    Ok(Json(GuardianHome {
        applications: applications.into_iter().map(|(_, a)| a).collect(),
    }))
}
