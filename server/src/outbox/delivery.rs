//! Delivery reports: the SMS gateway calls
//! `GET /api/sms/delivery/{secret}?status=N` (Kannel's `dlr-url`, its `%d`
//! the status) for each message it took. The secret is the message's own,
//! random and unguessable (only its hash is stored); nothing else names it.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use lotsen_api::ErrorBody;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::token;
use crate::db::sql::query;
use crate::error::AppError;

/// The gateway's report.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// Kannel's delivery-report type: 1 delivered to the phone, 2 not
    /// delivered, 4 queued at the SMS centre, 8 taken by the SMS centre, 16
    /// refused by it. Anything else is acknowledged and ignored.
    pub status: Option<String>,
}

/// What a report does to a message's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    Delivered,
    Failed,
    Sent,
    Nothing,
}

/// Kannel's delivery-report type, read.
pub fn report_of(status: Option<&str>) -> Report {
    match status.and_then(|s| s.trim().parse::<u32>().ok()) {
        Some(1) => Report::Delivered,
        Some(2 | 16) => Report::Failed,
        Some(8) => Report::Sent,
        _ => Report::Nothing,
    }
}

/// A delivery report from the SMS gateway.
#[utoipa::path(
    get,
    path = "/api/sms/delivery/{secret}",
    operation_id = "sms_delivery_report",
    tag = "sms",
    params(
        ("secret" = String, Path, description = "The message's delivery-report secret, from the URL Lotsen gave the gateway", max_length = 64),
        DeliveryQuery,
    ),
    responses(
        (status = 204, description = "Recorded: delivered (1), failed (2, 16) or sent (8); other types change nothing, and a delivered message stays delivered"),
        (status = 404, description = "`not_found`: no message has this secret", body = ErrorBody),
    )
)]
pub async fn sms_delivery_report(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    Query(q): Query<DeliveryQuery>,
) -> Result<StatusCode, AppError> {
    if secret.is_empty() || secret.len() > token::MAX_TOKEN_LEN {
        return Err(AppError::NotFound);
    }
    let hash = token::hash(&secret);
    let known = query("SELECT 1 FROM outbox WHERE dlr_secret_hash = $1 AND channel = 'sms'")
        .bind(&hash)
        .fetch_optional(&state.db)
        .await?
        .is_some();
    if !known {
        return Err(AppError::NotFound);
    }
    let now = state.clock.unix_seconds();
    // A delivered message stays delivered; "sent" only follows "sending".
    let change = match report_of(q.status.as_deref()) {
        Report::Delivered => query(
            "UPDATE outbox SET status = 'delivered', delivered_at = $2, \
             sent_at = COALESCE(sent_at, $2) WHERE dlr_secret_hash = $1",
        )
        .bind(&hash)
        .bind(now),
        Report::Failed => query(
            "UPDATE outbox SET status = 'failed', last_error = 'not delivered (delivery report)' \
             WHERE dlr_secret_hash = $1 AND status <> 'delivered'",
        )
        .bind(&hash),
        Report::Sent => query(
            "UPDATE outbox SET status = 'sent', sent_at = COALESCE(sent_at, $2) \
             WHERE dlr_secret_hash = $1 AND status = 'sending'",
        )
        .bind(&hash)
        .bind(now),
        Report::Nothing => return Ok(StatusCode::NO_CONTENT),
    };
    change.execute(&state.db).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The delivery-report route.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sms_delivery_report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kannels_report_types() {
        assert_eq!(report_of(Some("1")), Report::Delivered);
        assert_eq!(report_of(Some("2")), Report::Failed);
        assert_eq!(report_of(Some("16")), Report::Failed);
        assert_eq!(report_of(Some("8")), Report::Sent);
        for other in [Some("4"), Some("x"), Some("-1"), Some(""), None] {
            assert_eq!(report_of(other), Report::Nothing, "{other:?}");
        }
    }
}
