//! The accounts' endpoints.

pub mod channel;
pub mod invitations;
pub mod me;
pub mod phone;
pub mod recovery;
pub mod sign_in;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// The accounts' routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in::sign_in))
        .routes(routes!(sign_in::sign_out))
        .routes(routes!(me::get_me))
        .routes(routes!(me::get_session))
        .routes(routes!(me::change_password))
        .routes(routes!(
            channel::get_message_channel,
            channel::set_message_channel
        ))
        .routes(routes!(phone::get_my_phone, phone::change_my_phone))
        .routes(routes!(phone::confirm_my_phone))
        .routes(routes!(recovery::request_password_reset))
        .routes(routes!(recovery::complete_password_reset))
        .routes(routes!(recovery::send_youth_password_reset))
        .routes(routes!(recovery::dev_outbox))
        .routes(routes!(invitations::inspect_invitation))
        .routes(routes!(invitations::accept_invitation))
}
