//! `GET /api/me/phone`, `POST /api/me/phone` (a code to a new number) and
//! `POST /api/me/phone/confirm` (the code: the number is used from now on).
//! Any signed-in person with an account: young person, guardian or staff.

use axum::extract::State;
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use lotsen_api::phone::{ChangePhone, ConfirmPhone, PendingPhone, PhoneSetting};

use crate::AppState;
use crate::accounts::phone::{self, Guess, NewCode};
use crate::auth::SignedIn;
use crate::clock::rfc3339;
use crate::error::AppError;
use crate::i18n;
use crate::json::Json;
use crate::outbox::{Channel, OutgoingMessage};

async fn setting(state: &AppState, account_id: i64) -> Result<PhoneSetting, AppError> {
    let (_, phone, _) = crate::accounts::store::message_reach(&state.db, account_id).await?;
    let now = state.clock.unix_seconds();
    let pending = phone::pending(&state.db, account_id)
        .await?
        .filter(|p| p.is_live(now))
        .map(|p| PendingPhone {
            phone: p.phone,
            expires_at: rfc3339(p.expires_at),
        });
    Ok(PhoneSetting { phone, pending })
}

/// The signed-in person's phone number, and a new one waiting for its code.
#[utoipa::path(
    get,
    path = "/api/me/phone",
    operation_id = "get_my_phone",
    tag = "auth",
    security(("session" = [])),
    responses(
        (status = 200, description = "The number in use and a new one waiting for its code", body = PhoneSetting),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
    )
)]
pub async fn get_my_phone(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<PhoneSetting>, AppError> {
    setting(&state, signed_in.account.id).await.map(Json)
}

/// Sends a code by SMS to a new number (replacing an earlier code). The
/// account keeps its number until the code is entered.
#[utoipa::path(
    post,
    path = "/api/me/phone",
    operation_id = "change_my_phone",
    tag = "auth",
    security(("session" = [])),
    request_body = ChangePhone,
    responses(
        (status = 202, description = "A code is on its way to the new number", body = PhoneSetting),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 422, description = "`validation`: `phone` is `required`, not a `phone` number, or `phone_same` (the number in use)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: three codes an hour per account", body = ErrorBody,
         headers(("retry-after" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn change_my_phone(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Json(request): Json<ChangePhone>,
) -> Result<(StatusCode, Json<PhoneSetting>), AppError> {
    let id = signed_in.account.id;
    let number = lotsen_api::contact::phone(&request.phone)
        .map_err(|problem| AppError::invalid_field("phone", problem.code()))?;
    let Some(owner) = crate::accounts::store::reset_target_by_id(&state.db, id).await? else {
        return Err(AppError::Unauthenticated);
    };
    if owner.phone.as_deref() == Some(number.as_str()) {
        return Err(AppError::invalid_field("phone", "phone_same"));
    }
    let now = state.clock.unix_seconds();
    let earlier = phone::pending(&state.db, id).await?;
    let sent = phone::next_send(earlier.as_ref(), now).map_err(|wait| AppError::RateLimited {
        retry_after_seconds: wait.unsigned_abs(),
    })?;
    let code = phone::new_code();
    // By SMS to the new number whatever the person's channel: that is what
    // is checked. (The text says 15 minutes: `phone::CODE_TTL_SECONDS`.)
    let letter = i18n::sms(owner.language, "accounts.phone_code", &[("code", &code)]);
    let message = OutgoingMessage::new(Channel::Sms.as_str(), &number, letter);
    let new = NewCode {
        account_id: id,
        phone: &number,
        code: &code,
        sent,
        message: &message,
    };
    phone::start(&state.db, &new, now).await?;
    state.outbox.notify_one();
    Ok((StatusCode::ACCEPTED, Json(setting(&state, id).await?)))
}

/// Enters the code sent to the new number: from now on the account signs in
/// with it and gets its SMS there.
#[utoipa::path(
    post,
    path = "/api/me/phone/confirm",
    operation_id = "confirm_my_phone",
    tag = "auth",
    security(("session" = [])),
    request_body = ConfirmPhone,
    responses(
        (status = 200, description = "The new number is in use", body = PhoneSetting),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 409, description = "`conflict`: `phone` `phone_taken`, another account has the number by now", body = ErrorBody),
        (status = 422, description = "`validation`: `code` is `code_wrong`, or `code_expired` (none asked for, or older than 15 minutes)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: five wrong codes; ask for a new one", body = ErrorBody,
         headers(("retry-after" = u64, description = "Seconds until this code would have expired"))),
    )
)]
pub async fn confirm_my_phone(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Json(request): Json<ConfirmPhone>,
) -> Result<Json<PhoneSetting>, AppError> {
    let id = signed_in.account.id;
    let Some(code) = lotsen_api::phone::code(&request.code) else {
        return Err(AppError::invalid_field("code", "code_wrong"));
    };
    let now = state.clock.unix_seconds();
    match phone::confirm(&state.db, id, &code, now).await? {
        Guess::Confirmed => setting(&state, id).await.map(Json),
        Guess::NoCode => Err(AppError::invalid_field("code", "code_expired")),
        Guess::Wrong => Err(AppError::invalid_field("code", "code_wrong")),
        Guess::Taken => Err(AppError::conflict("phone", "phone_taken")),
        Guess::TooMany => Err(AppError::RateLimited {
            retry_after_seconds: phone::pending(&state.db, id)
                .await?
                .map_or(0, |p| (p.expires_at - now).max(1).unsigned_abs()),
        }),
    }
}
