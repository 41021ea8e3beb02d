//! `GET /api/guardian/youth`: what a guardian sees.

use axum::extract::State;
use lotsen_api::people::GuardedYouth;
use lotsen_api::{ErrorBody, Personnummer};

use crate::AppState;
use crate::auth::Guardian;
use crate::error::AppError;
use crate::json::Json;

/// The young people the caller is guardian of who are under 18 today: names only.
#[utoipa::path(
    get,
    path = "/api/guardian/youth",
    operation_id = "list_guarded_youth",
    tag = "guardian",
    security(("session" = [])),
    responses(
        (status = 200, description = "Names of the caller's young people under 18 today (a guardian's rights end on the 18th birthday)", body = Vec<GuardedYouth>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a guardian", body = ErrorBody),
    )
)]
pub async fn list_guarded_youth(
    State(state): State<AppState>,
    guardian: Guardian,
) -> Result<Json<Vec<GuardedYouth>>, AppError> {
    let today = state.clock.today();
    let youth = crate::people::store::guarded_youth(&state.db, guardian.0.account.id).await?;
    Ok(Json(
        youth
            .into_iter()
            .filter(|y| {
                Personnummer::parse_stored(&y.personnummer).is_ok_and(|p| p.is_minor_on(today))
            })
            .map(|y| GuardedYouth {
                id: y.id,
                name: y.name,
            })
            .collect(),
    ))
}
