//! Young people, as staff see them: `GET/POST /api/youth`, `GET /api/youth/{id}`,
//! `POST /api/youth/{id}/guardians`, `POST /api/youth/{id}/invitation`.
//!
//! Staff see the young people `staff_can_see_youth` allows (404 for others);
//! every read and change is written to the audit log in the same transaction.
//! A personnummer is never logged and never in a URL.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use lotsen_api::account::{InvitationSent, Profession, Role};
use lotsen_api::contact::{self};
use lotsen_api::people::{
    GuardianCreated, GuardianSummary, NewGuardian, NewYouth, YouthCreated, YouthDetail,
    YouthSummary,
};
use lotsen_api::{ErrorBody, Personnummer};

use super::store::{ListedYouth, NewYouthRecord};
use crate::AppState;
use crate::accounts::invite::{self, PreparedInvitation};
use crate::accounts::store::{NewAccount, WriteError, unique_violation};
use crate::auth::Staff;
use crate::error::AppError;
use crate::error::Issues;
use crate::json::Json;

/// Name, e-mail and phone of an invitee, normalised; at least one of e-mail and phone.
pub(crate) fn contact_fields(
    issues: &mut Issues,
    name: &str,
    email: Option<&str>,
    phone: Option<&str>,
) -> (Option<String>, Option<String>, Option<String>) {
    let given = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let (email, phone) = (given(email), given(phone));
    let name = issues.check("name", contact::name(name));
    let email = match email {
        Some(email) => issues.check("email", contact::email(&email)),
        None => None,
    };
    let phone_given = phone.is_some();
    let phone = match phone {
        Some(phone) => issues.check("phone", contact::phone(&phone)),
        None => None,
    };
    if email.is_none() && !phone_given && !issues.has("email") {
        issues.add("email", "contact_required");
    }
    (name, email, phone)
}

/// The account of an invitee whose contact fields are valid, and their
/// prepared invitation.
pub(crate) fn invitee_account(
    state: &AppState,
    role: Role,
    name: String,
    email: Option<String>,
    phone: Option<String>,
) -> (NewAccount, PreparedInvitation) {
    let prepared = invite::prepare(state, &name, email.as_deref(), phone.as_deref());
    let account = NewAccount {
        role,
        name,
        email,
        phone,
    };
    (account, prepared)
}

/// An invitee from name, e-mail and phone as given: a 422 naming the fields
/// that are not usable, else the account to create and its prepared invitation.
pub(crate) fn invitee(
    state: &AppState,
    role: Role,
    name: &str,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<(NewAccount, PreparedInvitation), AppError> {
    let mut issues = Issues::default();
    let (name, email, phone) = contact_fields(&mut issues, name, email, phone);
    issues.finish()?;
    let name = name.ok_or_else(|| AppError::Internal("validated name missing".into()))?;
    Ok(invitee_account(state, role, name, email, phone))
}

/// A taken unique value as a 409 naming the field, an unusable contact person
/// as a 422; anything else as it is.
pub(crate) fn write_error(error: WriteError) -> AppError {
    let taken = |field: &str| AppError::conflict(field, format!("{field}_taken"));
    match error {
        WriteError::Taken(field) => taken(field),
        WriteError::ContactPersonInvalid => {
            AppError::invalid_field("contact_person_id", "contact_person_invalid")
        }
        WriteError::Db(error) => match unique_violation(&error) {
            Some(field) => taken(field),
            None => error.into(),
        },
    }
}

/// The age today of the young person with a stored personnummer (0 if it
/// does not read).
pub(crate) fn age(state: &AppState, personnummer: &str) -> i32 {
    Personnummer::parse_stored(personnummer).map_or(0, |p| p.age_on(state.clock.today()))
}

fn summary(state: &AppState, listed: ListedYouth) -> YouthSummary {
    let record = listed.record;
    YouthSummary {
        age: age(state, &record.personnummer),
        id: record.id,
        name: record.name,
        contact_person: record.contact_person,
        has_account: record.has_account,
        protected_identity: record.protected_identity,
        application_status: listed
            .application_status
            .as_deref()
            .and_then(lotsen_api::application::ApplicationStatus::parse),
        last_contact_on: listed
            .last_contact_on
            .as_deref()
            .and_then(lotsen_api::date::parse_iso),
    }
}

/// A sort key that puts names in Swedish order (… z, å, ä, ö).
pub(crate) use lotsen_api::people::swedish_order;

/// The young people this staff member may see.
#[utoipa::path(
    get,
    path = "/api/youth",
    operation_id = "list_youth",
    tag = "youth",
    security(("session" = [])),
    responses(
        (status = 200, description = "The young people visible to the caller (administrators: all; others: those they are contact person for), in name order, each with their latest application's status and the date of their latest register contact. Each one listed is written to the audit log (`list_youth`).", body = Vec<YouthSummary>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
    )
)]
pub async fn list_youth(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<Vec<YouthSummary>>, AppError> {
    let listed =
        crate::people::store::list_youth(&state.db, staff.viewer(), state.clock.unix_seconds())
            .await?;
    let mut list: Vec<YouthSummary> = listed.into_iter().map(|l| summary(&state, l)).collect();
    list.sort_by_cached_key(|y| (swedish_order(&y.name), y.id));
    Ok(Json(list))
}

/// Registers a young person and invites them.
#[utoipa::path(
    post,
    path = "/api/youth",
    operation_id = "register_youth",
    tag = "youth",
    security(("session" = [])),
    request_body = NewYouth,
    responses(
        (status = 201, description = "Registered and invited (the contact person defaults to the caller when they are one)", body = YouthCreated),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 409, description = "`conflict`: the field `personnummer`, `email` or `phone` is taken (`personnummer_taken`, `email_taken`, `phone_taken`)", body = ErrorBody),
        (status = 422, description = "`validation`: field errors, e.g. `contact_required` when neither e-mail nor phone is given, `contact_person_invalid`", body = ErrorBody),
    )
)]
pub async fn register_youth(
    State(state): State<AppState>,
    staff: Staff,
    Json(request): Json<NewYouth>,
) -> Result<(StatusCode, Json<YouthCreated>), AppError> {
    let mut issues = Issues::default();
    let today = state.clock.today();
    let (name, email, phone) = contact_fields(
        &mut issues,
        &request.name,
        request.email.as_deref(),
        request.phone.as_deref(),
    );
    let personnummer = Personnummer::parse(&request.personnummer, today)
        .map_err(|e| issues.add("personnummer", e.code()))
        .ok();
    issues.finish()?;
    let (Some(name), Some(personnummer)) = (name, personnummer) else {
        return Err(AppError::Internal("validated fields missing".into()));
    };
    let caller = &staff.0.account;
    let contact_person_id = request
        .contact_person_id
        .or((caller.profession == Some(Profession::ContactPerson)).then_some(caller.id));
    let (account, prepared) = invitee_account(&state, Role::Youth, name.clone(), email, phone);
    let youth = NewYouthRecord {
        account: &account,
        personnummer: personnummer.as_digits(),
        protected_identity: request.protected_identity,
        contact_person_id,
    };
    let id = crate::people::store::register_youth(
        &state.db,
        staff.id(),
        &youth,
        &prepared.invitation,
        prepared.message.as_ref(),
        state.clock.unix_seconds(),
    )
    .await
    .map_err(write_error)?;
    let contact_person = match contact_person_id {
        Some(cp) => crate::people::store::list_staff(&state.db)
            .await?
            .into_iter()
            .find(|s| s.id == cp),
        None => None,
    };
    let invitation = invite::announce(&state, prepared);
    let youth = YouthSummary {
        id,
        name,
        age: personnummer.age_on(today),
        contact_person,
        has_account: false,
        protected_identity: request.protected_identity,
        application_status: None,
        last_contact_on: None,
    };
    Ok((
        StatusCode::CREATED,
        Json(YouthCreated { youth, invitation }),
    ))
}

/// A young person's record (the read is written to the audit log).
#[utoipa::path(
    get,
    path = "/api/youth/{id}",
    operation_id = "get_youth",
    tag = "youth",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 200, description = "The record. With protected identity, e-mail and phone are only there for their contact person (`contact_details_hidden` otherwise, administrators too). The personnummer is masked (`YYYYMMDD-****`; in full from `POST /api/youth/{id}/personnummer`). The read is audited (`read_youth`).", body = YouthDetail),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not staff", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
    )
)]
pub async fn get_youth(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<YouthDetail>, AppError> {
    let (record, guardians) =
        crate::people::store::read_youth(&state.db, staff.viewer(), id, state.clock.unix_seconds())
            .await?
            .ok_or(AppError::NotFound)?;
    let is_contact_person = record
        .contact_person
        .as_ref()
        .is_some_and(|c| c.id == staff.id());
    let hidden = record.protected_identity && !is_contact_person;
    // Masked: the full number only on request (`POST /api/youth/{id}/personnummer`, audited).
    let personnummer = Personnummer::parse_stored(&record.personnummer)
        .map(|p| p.masked())
        .map_err(|_| AppError::Internal("a stored personnummer does not parse".into()))?;
    Ok(Json(YouthDetail {
        age: age(&state, &record.personnummer),
        id: record.id,
        name: record.name,
        personnummer,
        protected_identity: record.protected_identity,
        email: if hidden { None } else { record.email },
        phone: if hidden { None } else { record.phone },
        contact_details_hidden: hidden,
        contact_person: record.contact_person,
        has_account: record.has_account,
        guardians: guardians
            .into_iter()
            .map(|g| GuardianSummary {
                id: g.id,
                name: g.name,
                has_account: g.has_account,
            })
            .collect(),
    }))
}

/// Adds a guardian to a young person and invites them.
#[utoipa::path(
    post,
    path = "/api/youth/{id}/guardians",
    operation_id = "add_guardian",
    tag = "youth",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    request_body = NewGuardian,
    responses(
        (status = 201, description = "Added and invited (audited: `add_guardian`)", body = GuardianCreated),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`conflict`: `email_taken` or `phone_taken`", body = ErrorBody),
        (status = 422, description = "`validation`: field errors", body = ErrorBody),
    )
)]
pub async fn add_guardian(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Json(request): Json<NewGuardian>,
) -> Result<(StatusCode, Json<GuardianCreated>), AppError> {
    staff.may_see_youth(&state.db, id).await?;
    let (account, prepared) = invitee(
        &state,
        Role::Guardian,
        &request.name,
        request.email.as_deref(),
        request.phone.as_deref(),
    )?;
    let guardian_id = crate::people::store::add_guardian(
        &state.db,
        staff.id(),
        id,
        &account,
        &prepared.invitation,
        prepared.message.as_ref(),
        state.clock.unix_seconds(),
    )
    .await
    .map_err(write_error)?;
    let invitation = invite::announce(&state, prepared);
    Ok((
        StatusCode::CREATED,
        Json(GuardianCreated {
            guardian: GuardianSummary {
                id: guardian_id,
                name: account.name,
                has_account: false,
            },
            invitation,
        }),
    ))
}

/// Sends a young person a new invitation; their unused ones stop working.
#[utoipa::path(
    post,
    path = "/api/youth/{id}/invitation",
    operation_id = "reinvite_youth",
    tag = "youth",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The young person's id")),
    responses(
        (status = 201, description = "A new invitation (audited: `send_invitation`); earlier unused links answer `invitation_invalid`", body = InvitationSent),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (not staff) or `csrf_rejected`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such young person, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "`password_already_set`: the young person has a password; only they can change it (a reset goes to their own address: `POST /api/youth/{id}/password-reset`)", body = ErrorBody),
    )
)]
pub async fn reinvite_youth(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<InvitationSent>), AppError> {
    let invitee = crate::people::store::youth_invitee(&state.db, staff.viewer(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let prepared = invite::prepare(
        &state,
        &invitee.name,
        invitee.email.as_deref(),
        invitee.phone.as_deref(),
    );
    let invited = crate::people::store::reinvite_youth(
        &state.db,
        staff.id(),
        invitee.id,
        &prepared.invitation,
        prepared.message.as_ref(),
        state.clock.unix_seconds(),
    )
    .await?;
    if !invited {
        return Err(AppError::PasswordAlreadySet);
    }
    Ok((
        StatusCode::CREATED,
        Json(invite::announce(&state, prepared)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_in_swedish_order() {
        let mut names = vec!["Örjan", "Åsa", "Zara", "Ärla", "anna", "Olle"];
        names.sort_by_key(|n| swedish_order(n));
        assert_eq!(names, ["anna", "Olle", "Zara", "Åsa", "Ärla", "Örjan"]);
    }

    #[test]
    fn contact_fields_need_an_email_or_a_phone() {
        type Case<'a> = (
            Option<&'a str>,
            Option<&'a str>,
            &'a [(&'a str, &'a str)],
            &'a str,
        );
        let cases: [Case; 5] = [
            (None, None, &[("email", "contact_required")], "neither"),
            (
                Some("  "),
                Some(""),
                &[("email", "contact_required")],
                "blank ones count as none",
            ),
            (Some("sara@example.se"), None, &[], "an e-mail is enough"),
            (None, Some("070-123 45 67"), &[], "a phone is enough"),
            (
                Some("sara"),
                Some("12"),
                &[("email", "email"), ("phone", "phone")],
                "both wrong",
            ),
        ];
        for (email, phone, expected, why) in cases {
            let mut issues = Issues::default();
            contact_fields(&mut issues, "Sara Lind", email, phone);
            let got: Vec<(&str, &str)> = issues
                .problems()
                .iter()
                .map(|i| (i.field.as_str(), i.code.as_str()))
                .collect();
            assert_eq!(got, expected, "{why}");
        }
    }
}
