//! (To be built.)

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// This part's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
