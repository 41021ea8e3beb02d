//! Who may call a handler, visible in its signature: each extractor reads the
//! session cookie, loads the session and the account, and rejects with 401
//! `unauthenticated` (no, ended or expired session) or 403 `forbidden` (a
//! role that may not). Expiry follows the state's clock.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use lotsen_api::account::Role;

use super::{SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_TOUCH_SECONDS, cookie, token};
use crate::AppState;
use crate::auth::store::Account;
use crate::db::Db;
use crate::error::AppError;
use crate::people::access::StaffViewer;

/// Anyone signed in.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// The session's row id.
    pub session_id: i64,
    /// Whose session it is.
    pub account: Account,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(signed_in) = parts.extensions.get::<SignedIn>() {
            return Ok(signed_in.clone());
        }
        let token = cookie::read(&parts.headers, state.settings.insecure_cookies)
            .ok_or(AppError::Unauthenticated)?;
        let now = state.clock.unix_seconds();
        let session = crate::auth::store::session(&state.db, &token::hash(&token))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if session.ended_at.is_some() {
            return Err(AppError::Unauthenticated);
        }
        let idle = now - session.last_seen_at >= SESSION_IDLE_SECONDS;
        let too_old = now - session.created_at >= SESSION_ABSOLUTE_SECONDS;
        if idle || too_old {
            crate::auth::store::end_session(&state.db, session.id, now).await?;
            return Err(AppError::Unauthenticated);
        }
        if now - session.last_seen_at >= SESSION_TOUCH_SECONDS {
            crate::auth::store::touch_session(&state.db, session.id, now).await?;
        }
        let signed_in = SignedIn {
            session_id: session.id,
            account: session.account,
        };
        parts.extensions.insert(signed_in.clone());
        Ok(signed_in)
    }
}

/// Whoever is signed in, or `None` for nobody (no, ended or expired session)
/// instead of 401: for the one read that also answers anonymous visitors.
impl axum::extract::OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, AppError> {
        match <Self as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(signed_in) => Ok(Some(signed_in)),
            Err(AppError::Unauthenticated) => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// A signed-in person in `role`, or 403.
async fn in_role(parts: &mut Parts, state: &AppState, role: Role) -> Result<SignedIn, AppError> {
    let signed_in = SignedIn::from_request_parts(parts, state).await?;
    if signed_in.account.role == role {
        Ok(signed_in)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A member of staff.
#[derive(Clone, Debug)]
pub struct Staff(pub SignedIn);

impl Staff {
    /// What this staff member may see, for the database's access rule.
    pub fn viewer(&self) -> StaffViewer {
        StaffViewer {
            id: self.0.account.id,
            is_admin: self.0.account.is_admin,
        }
    }

    /// Their account id.
    pub fn id(&self) -> i64 {
        self.0.account.id
    }

    /// `Ok` when they may open the record of the young person `youth_id`
    /// ([`crate::people::access::STAFF_CAN_SEE_YOUTH`]); otherwise 404
    /// `not_found`, as if there were no such young person.
    pub async fn may_see_youth(&self, db: &Db, youth_id: i64) -> Result<(), AppError> {
        if crate::people::access::staff_can_see_youth(db, self.viewer(), youth_id).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        in_role(parts, state, Role::Staff).await.map(Self)
    }
}

/// A member of staff who is an administrator.
#[derive(Clone, Debug)]
pub struct Admin(pub SignedIn);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let staff = in_role(parts, state, Role::Staff).await?;
        if staff.account.is_admin {
            Ok(Self(staff))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// A young person.
#[derive(Clone, Debug)]
pub struct Youth(pub SignedIn);

impl FromRequestParts<AppState> for Youth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        in_role(parts, state, Role::Youth).await.map(Self)
    }
}

/// A guardian.
#[derive(Clone, Debug)]
pub struct Guardian(pub SignedIn);

impl FromRequestParts<AppState> for Guardian {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        in_role(parts, state, Role::Guardian).await.map(Self)
    }
}
