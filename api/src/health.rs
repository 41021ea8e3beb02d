//! `GET /api/health`.

use serde::{Deserialize, Serialize};

/// Whether the server and its database are up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when everything answers, `degraded` when the database does not.
    pub status: String,
    /// Whether a trivial query against the database succeeded.
    pub database: bool,
    /// The database engine: `sqlite` or `postgres`.
    pub engine: String,
    /// The server's version.
    pub version: String,
}
