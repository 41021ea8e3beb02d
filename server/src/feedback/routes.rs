//! Ratings and the feedback view: the young person rates what they took part
//! in and sees staff's answers; staff see the aggregates per activity and per
//! leader (small groups withheld, nobody named), export them as CSV and answer.
//! The endpoints are listed in `lotsen_api::feedback`.
//!
//! Who: a young person rates only occurrences on their own schedule and
//! sessions they attended, and sees only their own ratings. Every member of
//! staff (the `Staff` extractor: contact persons, counsellors, coaches,
//! leaders and administrators alike) may read the report and answer: it holds
//! no personal data, since it names nobody and shows no group under five.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use lotsen_api::feedback::{
    AnswerRequest, CHANGE_DAYS, FeedbackAnswer, FeedbackReport, MyRating, MyRatings, RATEABLE_DAYS,
    Rateable, RatingRequest, Term,
};
use lotsen_api::schedule::OccurrenceStatus;
use lotsen_api::{Date, ErrorBody};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::rules::{activity_subject, csv, rater_key, report, session_subject, terms};
use super::store::{self, AnswerRecord, NewRating, OwnRating, Rated};
use crate::AppState;
use crate::auth::{Staff, Youth};
use crate::csv_export::attachment;
use crate::error::AppError;
use crate::json::Json;
use crate::schedule::rules::expand;
use lotsen_api::date::add_days;

/// The feedback routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_my_ratings))
        .routes(routes!(rate_activity))
        .routes(routes!(rate_session))
        .routes(routes!(list_my_feedback_answers))
        .routes(routes!(feedback_report))
        .routes(routes!(export_feedback))
        .routes(routes!(answer_feedback))
}

const DAY: i64 = 86_400;

/// Something the young person may rate, with what the server needs to store it.
struct Candidate {
    item: Rateable,
    key: String,
    rated: Rated,
}

fn my_rating(r: &OwnRating) -> MyRating {
    MyRating {
        score: r.score,
        comment: r.comment.clone(),
        anonymous: r.anonymous,
        changeable_until: r.changeable_until,
    }
}

fn swedish_clock(unix_seconds: i64) -> (Date, String) {
    let zoned = jiff::Timestamp::from_second(unix_seconds)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(crate::clock::stockholm());
    let d = zoned.date();
    (
        crate::clock::from_civil(d),
        zoned.strftime("%H:%M").to_string(),
    )
}

/// What the young person took part in from [`RATEABLE_DAYS`] days back until
/// now, newest first: occurrences on their schedule, not cancelled, not
/// "can't come" and over; sessions staff marked attended.
async fn candidates(state: &AppState, youth: i64) -> Result<Vec<Candidate>, AppError> {
    let now = state.clock.unix_seconds();
    let today = state.clock.today();
    let zoned = state.clock.now();
    let minute_now = i64::from(zoned.hour()) * 60 + i64::from(zoned.minute());
    let from = add_days(today, -RATEABLE_DAYS);
    let rows = crate::schedule::store::schedule_rows(&state.db, youth, from, today).await?;
    let secret = &state.rating_key;
    let mut out = Vec::new();
    for e in expand(&rows, from, today) {
        let over = e.item.date < today || e.minutes.1 <= minute_now;
        if e.item.status == OccurrenceStatus::Cancelled || e.item.absence.is_some() || !over {
            continue;
        }
        out.push(Candidate {
            key: rater_key(
                secret,
                youth,
                &activity_subject(e.item.activity_id, e.planned),
            ),
            rated: Rated::Activity(e.item.activity_id),
            item: Rateable {
                activity_id: Some(e.item.activity_id),
                booking_id: None,
                date: e.planned,
                held_on: e.item.date,
                start: e.item.start,
                title: e.item.title,
                leader_name: e.item.leader_name,
                rating: None,
                changeable: true,
            },
        });
    }
    let sessions =
        store::attended_sessions(&state.db, youth, now - (RATEABLE_DAYS + 2) * DAY, now).await?;
    for s in sessions {
        let (date, start) = swedish_clock(s.starts_at);
        if date < from {
            continue;
        }
        out.push(Candidate {
            key: rater_key(secret, youth, &session_subject(s.booking_id)),
            rated: Rated::Session {
                session_type_id: s.session_type_id,
                staff_id: s.staff_id,
            },
            item: Rateable {
                activity_id: None,
                booking_id: Some(s.booking_id),
                date,
                held_on: date,
                start,
                title: s.session_type_name,
                leader_name: Some(s.staff_name),
                rating: None,
                changeable: true,
            },
        });
    }
    let keys: Vec<String> = out.iter().map(|c| c.key.clone()).collect();
    let own = store::own_ratings(&state.db, &keys).await?;
    for c in &mut out {
        if let Some(r) = own.iter().find(|r| r.rater_key == c.key) {
            c.item.changeable = r.changeable_until > now;
            c.item.rating = Some(my_rating(r));
        }
    }
    out.sort_by(|a, b| (b.item.held_on, &b.item.start).cmp(&(a.item.held_on, &a.item.start)));
    Ok(out)
}

/// What I may rate and my ratings.
#[utoipa::path(get, path = "/api/me/ratings", operation_id = "list_my_ratings", tag = "feedback",
    security(("session" = [])),
    responses(
        (status = 200, description = "Occurrences and attended sessions of the last two weeks, newest first, each with my rating (anonymous ones too: only I see them)", body = MyRatings),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    ))]
pub async fn list_my_ratings(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<MyRatings>, AppError> {
    let items = candidates(&state, youth.0.account.id).await?;
    Ok(Json(MyRatings {
        today: state.clock.today(),
        items: items.into_iter().map(|c| c.item).collect(),
    }))
}

async fn rate(
    state: &AppState,
    youth: i64,
    find: impl Fn(&Rateable) -> bool,
    request: &RatingRequest,
) -> Result<Json<MyRating>, AppError> {
    let candidate = candidates(state, youth)
        .await?
        .into_iter()
        .find(|c| find(&c.item))
        .ok_or(AppError::NotFound)?;
    let (score, comment) = request.validate().map_err(AppError::invalid_fields)?;
    let now = state.clock.unix_seconds();
    // The end of the seventh day, rounded up to a whole day: no finer time is kept.
    let changeable_until = (now + CHANGE_DAYS * DAY).div_euclid(DAY) * DAY + DAY;
    let saved = store::save_rating(
        &state.db,
        &NewRating {
            rater_key: candidate.key,
            youth_id: (!request.anonymous).then_some(youth),
            rated: candidate.rated,
            date: candidate.item.date,
            score,
            comment,
            changeable_until,
        },
        now,
    )
    .await?
    .ok_or_else(|| AppError::Refused {
        field: "score".into(),
        code: "rating_locked",
        message: "rating_locked",
        params: Vec::new(),
    })?;
    Ok(Json(my_rating(&saved)))
}

/// Rates an occurrence of an activity I was expected at (or changes my rating).
#[utoipa::path(put, path = "/api/me/ratings/activities/{activity_id}/{date}", operation_id = "rate_activity", tag = "feedback",
    security(("session" = [])),
    params(("activity_id" = i64, Path, description = "The activity"), ("date" = String, Path, format = Date, description = "The occurrence's planned date or the date it was held on, `YYYY-MM-DD`")),
    request_body = RatingRequest,
    responses(
        (status = 200, description = "Saved: one rating per person and occurrence; a second call changes it", body = MyRating),
        (status = 400, description = "`malformed_json`, or `bad_request`: the date is not a date", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: not an occurrence I was expected at in the last two weeks, or not over yet", body = ErrorBody),
        (status = 409, description = "`conflict`: more than 7 days since I first rated it (`rating_locked`)", body = ErrorBody),
        (status = 422, description = "`validation`: `score` (1–5) or `comment` `too_long`", body = ErrorBody),
    ))]
pub async fn rate_activity(
    State(state): State<AppState>,
    youth: Youth,
    Path((activity, date)): Path<(i64, String)>,
    Json(request): Json<RatingRequest>,
) -> Result<Json<MyRating>, AppError> {
    let date = lotsen_api::date::parse_iso(&date).ok_or(AppError::BadRequest)?;
    rate(
        &state,
        youth.0.account.id,
        |r| r.activity_id == Some(activity) && (r.date == date || r.held_on == date),
        &request,
    )
    .await
}

/// Rates a booked session I attended (or changes my rating).
#[utoipa::path(put, path = "/api/me/ratings/sessions/{booking_id}", operation_id = "rate_session", tag = "feedback",
    security(("session" = [])),
    params(("booking_id" = i64, Path, description = "My booking")),
    request_body = RatingRequest,
    responses(
        (status = 200, description = "Saved", body = MyRating),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not a young person) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: not my booking, not marked attended, or older than two weeks", body = ErrorBody),
        (status = 409, description = "`conflict`: more than 7 days since I first rated it (`rating_locked`)", body = ErrorBody),
        (status = 422, description = "`validation`: `score` (1–5) or `comment` `too_long`", body = ErrorBody),
    ))]
pub async fn rate_session(
    State(state): State<AppState>,
    youth: Youth,
    Path(booking): Path<i64>,
    Json(request): Json<RatingRequest>,
) -> Result<Json<MyRating>, AppError> {
    rate(
        &state,
        youth.0.account.id,
        |r| r.booking_id == Some(booking),
        &request,
    )
    .await
}

pub(crate) fn answer_of(r: AnswerRecord) -> FeedbackAnswer {
    FeedbackAnswer {
        id: r.id,
        activity_id: r.activity_id,
        activity_title: r.activity_title,
        text: r.text,
        written_on: swedish_clock(r.written_at).0,
    }
}

/// Staff's "you said, we did" answers to the activities on my schedule.
#[utoipa::path(get, path = "/api/me/feedback-answers", operation_id = "list_my_feedback_answers", tag = "feedback",
    security(("session" = [])),
    responses(
        (status = 200, description = "Answers to activities I have (or had) on my schedule, newest first (at most 20)", body = Vec<FeedbackAnswer>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a young person", body = ErrorBody),
    ))]
pub async fn list_my_feedback_answers(
    State(state): State<AppState>,
    youth: Youth,
) -> Result<Json<Vec<FeedbackAnswer>>, AppError> {
    let list = store::youth_answers(&state.db, youth.0.account.id).await?;
    Ok(Json(list.into_iter().map(answer_of).collect()))
}

/// The term to report on.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermQuery {
    /// `2026-spring` (January–June) or `2026-autumn` (July–December); this term when left out.
    pub term: Option<String>,
}

async fn build_report(state: &AppState, q: &TermQuery) -> Result<FeedbackReport, AppError> {
    let term = match q.term.as_deref() {
        None | Some("") => Term::of(state.clock.today()),
        Some(s) => Term::parse(s).ok_or(AppError::BadRequest)?,
    };
    let (from, to) = term.range();
    let rows = store::rating_rows(&state.db, from, to).await?;
    let activities = store::term_activities(&state.db, from, to).await?;
    let (mut groups, leaders) = report(rows, &activities);
    let answers = store::all_answers(&state.db).await?;
    for g in groups
        .iter_mut()
        .filter(|g| g.kind == lotsen_api::feedback::GroupKind::Activity)
    {
        g.answers = answers
            .iter()
            .filter(|a| a.activity_id == g.id)
            .take(5)
            .cloned()
            .map(answer_of)
            .collect();
    }
    Ok(FeedbackReport {
        term: term.to_string(),
        terms: terms(state.clock.today()),
        groups,
        leaders,
    })
}

/// The feedback of a term per activity and per leader.
#[utoipa::path(get, path = "/api/feedback", operation_id = "feedback_report", tag = "feedback",
    security(("session" = [])), params(TermQuery),
    responses(
        (status = 200, description = "Groups with fewer than 5 ratings have no summary (too few ratings to show); nobody is named", body = FeedbackReport),
        (status = 400, description = "`bad_request`: not a term", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    ))]
pub async fn feedback_report(
    State(state): State<AppState>,
    _staff: Staff,
    Query(q): Query<TermQuery>,
) -> Result<Json<FeedbackReport>, AppError> {
    build_report(&state, &q).await.map(Json)
}

/// The report's aggregates as CSV.
#[utoipa::path(get, path = "/api/feedback/export.csv", operation_id = "export_feedback", tag = "feedback",
    security(("session" = [])), params(TermQuery),
    responses(
        (status = 200, description = "One line per group and leader: term, kind, title, leader, ratings, average, the five counts, and `too_few_ratings` where nothing is shown; no comments. RFC 4180 (a cell quoted only when it holds a comma, quote or line break), CRLF, a header row; a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`", content_type = "text/csv", body = String),
        (status = 400, description = "`bad_request`: not a term", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    ))]
pub async fn export_feedback(
    State(state): State<AppState>,
    _staff: Staff,
    Query(q): Query<TermQuery>,
) -> Result<Response, AppError> {
    let r = build_report(&state, &q).await?;
    let body = csv(&r.term, &r.groups, &r.leaders, "too_few_ratings");
    Ok(attachment(&format!("lotsen-feedback-{}.csv", r.term), body))
}

/// Answers an activity's feedback ("you said, we did"); its participants see it.
#[utoipa::path(post, path = "/api/feedback/activities/{id}/answers", operation_id = "answer_feedback", tag = "feedback",
    security(("session" = [])), params(("id" = i64, Path, description = "The activity")),
    request_body = AnswerRequest,
    responses(
        (status = 201, description = "Saved", body = FeedbackAnswer),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such activity", body = ErrorBody),
        (status = 422, description = "`validation`: `text` `required` or `too_long`", body = ErrorBody),
    ))]
pub async fn answer_feedback(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<AnswerRequest>,
) -> Result<(StatusCode, Json<FeedbackAnswer>), AppError> {
    let text = request
        .validate()
        .map_err(|code| AppError::invalid_field("text", code))?;
    let saved = store::add_answer(&state.db, id, &text, staff.id(), state.clock.unix_seconds())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(answer_of(saved))))
}
