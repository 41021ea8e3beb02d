//! `GET` and `PUT /api/me/message-channel`: whether messages reach the
//! signed-in person by e-mail or by SMS ([`crate::outbox::route`] reads it).

use axum::extract::State;
use lotsen_api::ErrorBody;
use lotsen_api::account::{MessageChannel, MessageChannelSetting, SetMessageChannel};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::json::Json;
use crate::outbox::Channel;

async fn setting(state: &AppState, account_id: i64) -> Result<MessageChannelSetting, AppError> {
    let (email, phone, choice) =
        crate::accounts::store::message_reach(&state.db, account_id).await?;
    let choice = choice.as_deref().and_then(Channel::parse);
    let channel = match choice {
        Some(Channel::Sms) => MessageChannel::Sms,
        Some(Channel::Email) => MessageChannel::Email,
        None if email.is_none() && phone.is_some() => MessageChannel::Sms,
        None => MessageChannel::Email,
    };
    Ok(MessageChannelSetting {
        channel,
        chosen: choice.is_some(),
        has_email: email.is_some(),
        has_phone: phone.is_some(),
    })
}

/// How messages reach the signed-in person.
#[utoipa::path(
    get,
    path = "/api/me/message-channel",
    operation_id = "get_message_channel",
    tag = "auth",
    security(("session" = [])),
    responses(
        (status = 200, description = "Their channel and which addresses they have", body = MessageChannelSetting),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
    )
)]
pub async fn get_message_channel(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<MessageChannelSetting>, AppError> {
    setting(&state, signed_in.account.id).await.map(Json)
}

/// Chooses how messages reach the signed-in person: by e-mail or by SMS, to
/// the account's own address or phone.
#[utoipa::path(
    put,
    path = "/api/me/message-channel",
    operation_id = "set_message_channel",
    tag = "auth",
    security(("session" = [])),
    request_body = SetMessageChannel,
    responses(
        (status = 200, description = "Chosen", body = MessageChannelSetting),
        (status = 400, description = "`malformed_json`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`csrf_rejected`", body = ErrorBody),
        (status = 422, description = "`validation`: `channel` `channel_no_address`, the account has no e-mail address or no phone for it", body = ErrorBody),
    )
)]
pub async fn set_message_channel(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Json(request): Json<SetMessageChannel>,
) -> Result<Json<MessageChannelSetting>, AppError> {
    let id = signed_in.account.id;
    let current = setting(&state, id).await?;
    let (has_address, channel) = match request.channel {
        MessageChannel::Email => (current.has_email, Channel::Email),
        MessageChannel::Sms => (current.has_phone, Channel::Sms),
    };
    if !has_address {
        return Err(AppError::invalid_field("channel", "channel_no_address"));
    }
    crate::accounts::store::set_message_channel(&state.db, id, channel.as_str()).await?;
    setting(&state, id).await.map(Json)
}
