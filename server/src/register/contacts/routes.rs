//! The contacts' endpoints (`lotsen_api::register::contacts` has the table):
//! a young person's contact log and logging an attempt (with the SMS rung),
//! the letter, the "to contact" list and the worklist.
//!
//! Access: officers and administrators, or staff who may see the young
//! person (`crate::register::access`); a young person the caller may not see,
//! or who has never been in the register, is a 404. The "to contact" list is
//! for officers and administrators (403 for other staff).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use lotsen_api::register::contacts::{
    ADDRESS_WINDOW, ContactDue, ContactEntry, ContactLetterPrint, ContactLog, FollowUpDue,
    HomeVisitItem, NewContact, StaffRef, TO_CONTACT_MAX_LIMIT, ToContactItem, ToContactPage,
    Worklist,
};
use lotsen_api::register::{ContactChannel, ContactOutcome, ContactRecipient, Occupation};
use lotsen_api::{Date, ErrorBody, Personnummer};
use serde::Deserialize;
use utoipa::IntoParams;

use super::rules::{LETTER_SENDER, address_block, days_since, past_goal, suggested_next};
use super::store::{self, AUDIT_TO_CONTACT, AUDIT_WORKLIST, ContactRow, NewContactRecord};
use crate::AppState;
use crate::audit::record_shown;
use crate::auth::Staff;
use crate::auth::store::lang_of;
use crate::clock::rfc3339;
use crate::error::{AppError, Issues};
use crate::i18n::{self, letter, sms};
use crate::json::Json;
use crate::outbox::OutgoingMessage;
use crate::register::access::{require_officer, require_registered};

/// A stored value that does not parse: a server fault, not the client's.
fn stored<T>(value: Option<T>, what: &str) -> Result<T, AppError> {
    value.ok_or_else(|| AppError::Internal(format!("a stored {what} does not parse")))
}

fn date_of(text: &str) -> Result<Date, AppError> {
    stored(lotsen_api::date::parse_iso(text), "date")
}

fn entry_of(row: ContactRow) -> Result<ContactEntry, AppError> {
    let checklist = match row.11.as_deref() {
        None => Vec::new(),
        Some(json) => stored(serde_json::from_str::<Vec<String>>(json).ok(), "checklist")?
            .iter()
            .filter_map(|key| HomeVisitItem::parse(key))
            .collect(),
    };
    Ok(ContactEntry {
        id: row.0,
        contacted_on: date_of(&row.1)?,
        channel: stored(ContactChannel::parse(&row.2), "channel")?,
        recipient: stored(ContactRecipient::parse(&row.3), "recipient")?,
        staff: StaffRef {
            id: row.4,
            name: row.5,
        },
        second_staff: row.6.zip(row.7).map(|(id, name)| StaffRef { id, name }),
        outcome: stored(ContactOutcome::parse(&row.8), "outcome")?,
        occupation: row.9.as_deref().and_then(Occupation::parse),
        note: row.10,
        checklist,
        sms: row.12.as_deref().map(crate::outbox::message_state),
        next_contact_on: row.13.as_deref().map(date_of).transpose()?,
        recorded_at: rfc3339(row.14),
    })
}

/// 404 unless the caller may see the young person and they are (or were) in the register.
async fn visible(state: &AppState, staff: &Staff, id: i64) -> Result<store::Person, AppError> {
    require_registered(&state.db, staff, id).await?;
    store::person(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A young person's contact log, with the ladder's suggested next rung.
#[utoipa::path(
    get,
    path = "/api/register/people/{youth_id}/contacts",
    operation_id = "register_contact_log",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "Every attempt, newest first, and the suggested next rung. Audited (`register_read_contacts`).", body = ContactLog),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person in the register, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn register_contact_log(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ContactLog>, AppError> {
    let person = visible(&state, &staff, id).await?;
    let rows = store::contact_log(&state.db, staff.id(), id, state.clock.unix_seconds()).await?;
    let entries = rows
        .into_iter()
        .map(entry_of)
        .collect::<Result<Vec<_>, _>>()?;
    let oldest_first: Vec<_> = entries
        .iter()
        .rev()
        .map(|e| (e.channel, e.outcome))
        .collect();
    Ok(Json(ContactLog {
        youth_id: id,
        name: person.name,
        suggested_next: suggested_next(&oldest_first),
        entries,
    }))
}

/// Where the SMS of an `sms` attempt goes, and its text; a 422 without a phone.
pub(crate) fn sms_for(
    person: &store::Person,
    youth_id: i64,
    guardian: Option<store::Phone>,
    recipient: ContactRecipient,
    staff_name: &str,
) -> Option<(i64, OutgoingMessage)> {
    let (phone, key) = match recipient {
        ContactRecipient::Youth => (
            person.phone.clone().map(|phone| store::Phone {
                account_id: youth_id,
                phone,
                language: person.language.clone(),
            }),
            "register.sms",
        ),
        ContactRecipient::Guardian => (guardian, "register.sms_guardian"),
    };
    let phone = phone?;
    // One language: an SMS in two would take too many segments.
    let text = sms(
        lang_of(phone.language.as_deref()),
        key,
        &[
            ("name", i18n::first_name(&person.name)),
            ("staff", staff_name),
        ],
    );
    Some((
        phone.account_id,
        OutgoingMessage::new("sms", &phone.phone, text),
    ))
}

/// Logs an attempt to reach a young person, made by the caller.
#[utoipa::path(
    post,
    path = "/api/register/people/{youth_id}/contacts",
    operation_id = "register_log_contact",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    request_body = NewContact,
    responses(
        (status = 201, description = "Logged (audited: `register_log_contact`). An `sms` attempt wrote its SMS to the outbox, where it waits (`sms`: `waiting`).", body = ContactEntry),
        (status = 400, description = "`malformed_json`, e.g. an unknown channel or a date that does not exist", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person in the register, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`validation`: `contacted_on` `contact_date` (in the future or before 2000); `next_contact_on` `contact_next_date` (before the contact); `occupation` `required` (reached) or `contact_occupation_not_reached`; `second_staff_id` `required` (home visit), `contact_not_home_visit`, `contact_same_staff` or `contact_second_staff_unknown`; `checklist` `contact_not_home_visit`; `recipient` `contact_guardian_adult` (the young person is 18 or older); `channel` `contact_no_phone` (an SMS with no phone to send it to); `note` `too_long` or a text check", body = ErrorBody),
    )
)]
pub async fn register_log_contact(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<NewContact>,
) -> Result<(StatusCode, Json<ContactEntry>), AppError> {
    let person = visible(&state, &staff, id).await?;
    let mut issues = Issues::default();
    let valid = match request.validate(state.clock.today()) {
        Ok(valid) => Some(valid),
        Err(problems) => {
            for (field, code) in problems {
                issues.add(field, code);
            }
            None
        }
    };
    let minor = Personnummer::parse_stored(&person.personnummer)
        .is_ok_and(|p| p.is_minor_on(request.contacted_on));
    if !NewContact::recipient_allowed(request.recipient, minor) {
        issues.add("recipient", "contact_guardian_adult");
    }
    if let Some(second) = request
        .second_staff_id
        .filter(|_| !issues.has("second_staff_id"))
    {
        if second == staff.id() {
            issues.add("second_staff_id", "contact_same_staff");
        } else if !store::is_staff(&state.db, second).await? {
            issues.add("second_staff_id", "contact_second_staff_unknown");
        }
    }
    let sms = if request.channel == ContactChannel::Sms && !issues.has("recipient") {
        let guardian = match request.recipient {
            ContactRecipient::Guardian => store::guardian_phone(&state.db, id).await?,
            ContactRecipient::Youth => None,
        };
        let sms = sms_for(
            &person,
            id,
            guardian,
            request.recipient,
            &staff.0.account.name,
        );
        if sms.is_none() {
            issues.add("channel", "contact_no_phone");
        }
        sms
    } else {
        None
    };
    issues.finish()?;
    let valid = valid.ok_or_else(|| AppError::Internal("validated without a value".into()))?;
    let checklist = (valid.channel == ContactChannel::HomeVisit).then(|| {
        serde_json::to_string(
            &valid
                .checklist
                .iter()
                .map(|item| item.as_str())
                .collect::<Vec<_>>(),
        )
        .unwrap_or_else(|_| "[]".into())
    });
    let record = NewContactRecord {
        contacted_on: valid.contacted_on.to_string(),
        channel: valid.channel.as_str(),
        recipient: valid.recipient.as_str(),
        second_staff_id: valid.second_staff_id,
        outcome: valid.outcome.as_str(),
        occupation: valid.occupation.map(Occupation::as_str),
        note: valid.note.as_deref(),
        checklist,
        next_contact_on: valid.next_contact_on.map(|d| d.to_string()),
    };
    let now = state.clock.unix_seconds();
    let contact_id = store::log_contact(
        &state.db,
        staff.id(),
        id,
        &record,
        sms.as_ref().map(|(account, message)| (*account, message)),
        now,
    )
    .await?;
    let entry = entry_of(store::contact(&state.db, contact_id).await?)?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// What the print page needs for a letter to the young person.
#[utoipa::path(
    get,
    path = "/api/register/people/{youth_id}/letter",
    operation_id = "register_contact_letter",
    tag = "register",
    security(("session" = [])),
    params(("youth_id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "The neutral sender, the recipient's block and where it goes for a windowed envelope (mm), today's date and the text, in the young person's language when known (else Swedish, then English). Audited (`register_read_letter`).", body = ContactLetterPrint),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person in the register, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict` (`address` `letter_protected_identity`): the young person has protected identity; no address is given, the letter goes through Skatteverket", body = ErrorBody),
        (status = 422, description = "`validation`: `address` `letter_no_address`: the register has no full address (street, postal code and city)", body = ErrorBody),
    )
)]
pub async fn register_contact_letter(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ContactLetterPrint>, AppError> {
    let person = visible(&state, &staff, id).await?;
    if person.protected_identity {
        return Err(AppError::Refused {
            field: "address".into(),
            code: "letter_protected_identity",
            message: "letter_protected_identity",
            params: Vec::new(),
        });
    }
    let address = address_block(
        &person.name,
        person.street.as_deref(),
        person.postal_code.as_deref(),
        person.city.as_deref(),
    )
    .ok_or_else(|| AppError::invalid_field("address", "letter_no_address"))?;
    let lang = lang_of(person.language.as_deref());
    let contact: String = store::staff_reach(&state.db, staff.id())
        .await?
        .iter()
        .map(|line| format!("\n{line}"))
        .collect();
    let text = letter(
        lang,
        "register.letter",
        &[
            ("name", i18n::first_name(&person.name)),
            ("staff", &staff.0.account.name),
            ("contact", &contact),
        ],
    );
    store::audit_letter(&state.db, staff.id(), id, state.clock.unix_seconds()).await?;
    Ok(Json(ContactLetterPrint {
        sender: LETTER_SENDER
            .iter()
            .map(|line| (*line).to_owned())
            .collect(),
        address,
        window: ADDRESS_WINDOW,
        date: state.clock.today(),
        subject: text.subject,
        body: text.body,
        lang,
    }))
}

/// Which page of the "to contact" list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// How many to skip (0 when absent or negative).
    pub offset: Option<i64>,
    /// How many at most, 1–200 (50 when absent; outside that range, the nearest end).
    pub limit: Option<i64>,
}

/// Everyone registered and not yet reached, oldest registration first.
#[utoipa::path(
    get,
    path = "/api/register/to-contact",
    operation_id = "register_to_contact",
    tag = "register",
    security(("session" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "A page of those with an open period and no `reached` contact since it began, oldest registration first, each with the days since registration, `past_goal` from day 15 and the suggested next rung. Audited (`register_to_contact`, each young person on the page).", body = ToContactPage),
        (status = 400, description = "`bad_request`: `offset` or `limit` is not a number", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: neither an activity-responsibility officer nor an administrator", body = ErrorBody),
    )
)]
pub async fn register_to_contact(
    State(state): State<AppState>,
    staff: Staff,
    Query(page): Query<PageQuery>,
) -> Result<Json<ToContactPage>, AppError> {
    require_officer(&staff)?;
    let offset = page.offset.unwrap_or(0).max(0);
    let limit = page.limit.unwrap_or(50).clamp(1, TO_CONTACT_MAX_LIMIT);
    let today = state.clock.today();
    let (total, rows) = store::to_contact(&state.db, limit, offset).await?;
    let mut items = Vec::with_capacity(rows.len());
    for (youth_id, name, registered_on, attempts) in rows {
        let registered_on = date_of(&registered_on)?;
        let attempts: Vec<_> = attempts
            .iter()
            .filter_map(|(c, o)| Some((ContactChannel::parse(c)?, ContactOutcome::parse(o)?)))
            .collect();
        items.push(ToContactItem {
            youth_id,
            name,
            registered_on,
            days_since_registration: days_since(registered_on, today),
            past_goal: past_goal(registered_on, today),
            attempts: attempts.len() as i64,
            suggested_next: suggested_next(&attempts),
        });
    }
    let ids: Vec<i64> = items.iter().map(|i| i.youth_id).collect();
    record_shown(&state, &staff, &ids, AUDIT_TO_CONTACT).await?;
    Ok(Json(ToContactPage {
        total,
        offset,
        items,
    }))
}

/// The signed-in member of staff's work for today.
#[utoipa::path(
    get,
    path = "/api/register/worklist",
    operation_id = "register_worklist",
    tag = "register",
    security(("session" = [])),
    responses(
        (status = 200, description = "Contacts due (the latest attempt's next contact date today or earlier, open period) and follow-ups due (a measure not ended whose next follow-up is today or earlier), for the young people the caller may see, earliest first. Audited (`register_worklist`, each young person listed).", body = Worklist),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn register_worklist(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<Worklist>, AppError> {
    let today = state.clock.today();
    let on = today.to_string();
    let contacts: Vec<(i64, String, String, String, String)> =
        store::due(&state.db, &staff, &on, store::CONTACTS_DUE).await?;
    let contacts_due = contacts
        .into_iter()
        .map(|(youth_id, name, next, channel, outcome)| {
            Ok(ContactDue {
                youth_id,
                name,
                next_contact_on: date_of(&next)?,
                last_channel: stored(ContactChannel::parse(&channel), "channel")?,
                last_outcome: stored(ContactOutcome::parse(&outcome), "outcome")?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let follow_ups: Vec<(i64, i64, String, String, String)> =
        store::due(&state.db, &staff, &on, store::FOLLOW_UPS_DUE).await?;
    let follow_ups_due = follow_ups
        .into_iter()
        .map(|(measure_id, youth_id, name, code, next)| {
            Ok(FollowUpDue {
                measure_id,
                youth_id,
                name,
                code,
                next_follow_up: date_of(&next)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let mut ids: Vec<i64> = contacts_due
        .iter()
        .map(|c| c.youth_id)
        .chain(follow_ups_due.iter().map(|f| f.youth_id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    record_shown(&state, &staff, &ids, AUDIT_WORKLIST).await?;
    Ok(Json(Worklist {
        today,
        contacts_due,
        follow_ups_due,
    }))
}
