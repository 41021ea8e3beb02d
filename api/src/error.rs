//! The one JSON error body every failing API call answers with.
//!
//! ```json
//! { "status": 422, "code": "validation", "message": "Kontrollera de markerade fälten.",
//!   "fields": [ { "field": "personnummer", "code": "personnummer_checksum", "message": "…" } ] }
//! ```
//!
//! `message` is written for a person, in the language the request asked for
//! (`Accept-Language`); `code` is stable for programs.

use serde::{Deserialize, Serialize};

/// What went wrong, as a stable snake_case code. Each has one HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not valid JSON or does not have the expected shape.
    MalformedJson,
    /// 400: a query or path parameter could not be read.
    BadRequest,
    /// 401: not signed in, or the session has ended.
    Unauthenticated,
    /// 401: the login or the password is wrong (never says which).
    InvalidCredentials,
    /// 403: signed in, but this is not yours to see or do.
    Forbidden,
    /// 403: a state-changing request without the app's header, or from another origin.
    CsrfRejected,
    /// 404: no such thing (or not visible to you).
    NotFound,
    /// 404: the invitation link is not one Lotsen made.
    InvitationInvalid,
    /// 405: the path exists, the method does not.
    MethodNotAllowed,
    /// 409: it conflicts with something that already exists.
    Conflict,
    /// 410: the invitation link is older than its 7 days.
    InvitationExpired,
    /// 410: the invitation link has been used already.
    InvitationUsed,
    /// 409: the account has a password already; only its owner can change it (or ask for a reset).
    PasswordAlreadySet,
    /// 410: the password reset link is unknown, used, replaced or older than 30 minutes.
    ResetLinkInvalid,
    /// 413: the body is larger than the server accepts.
    PayloadTooLarge,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 422: the input was read but some fields are not valid; see `fields`.
    Validation,
    /// 429: too many attempts; try again later.
    RateLimited,
    /// 500: something failed on the server; nothing the user did.
    Internal,
    /// 503: the server cannot reach its database right now.
    Unavailable,
    /// A code this version of the client does not know yet.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// Every code a server may send (all but `Unknown`).
    pub const ALL: [ErrorCode; 20] = [
        Self::MalformedJson,
        Self::BadRequest,
        Self::Unauthenticated,
        Self::InvalidCredentials,
        Self::Forbidden,
        Self::CsrfRejected,
        Self::NotFound,
        Self::InvitationInvalid,
        Self::MethodNotAllowed,
        Self::Conflict,
        Self::InvitationExpired,
        Self::InvitationUsed,
        Self::PasswordAlreadySet,
        Self::ResetLinkInvalid,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::Validation,
        Self::RateLimited,
        Self::Internal,
        Self::Unavailable,
    ];

    /// The HTTP status this code is sent with.
    pub fn status(self) -> u16 {
        match self {
            Self::MalformedJson | Self::BadRequest => 400,
            Self::Unauthenticated | Self::InvalidCredentials => 401,
            Self::Forbidden | Self::CsrfRejected => 403,
            Self::NotFound | Self::InvitationInvalid => 404,
            Self::InvitationExpired | Self::InvitationUsed | Self::ResetLinkInvalid => 410,
            Self::MethodNotAllowed => 405,
            Self::Conflict | Self::PasswordAlreadySet => 409,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::Validation => 422,
            Self::RateLimited => 429,
            Self::Internal | Self::Unknown => 500,
            Self::Unavailable => 503,
        }
    }

    /// The snake_case name, which is also the key under `errors` in the locale files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MalformedJson => "malformed_json",
            Self::BadRequest => "bad_request",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Forbidden => "forbidden",
            Self::CsrfRejected => "csrf_rejected",
            Self::NotFound => "not_found",
            Self::InvitationInvalid => "invitation_invalid",
            Self::InvitationExpired => "invitation_expired",
            Self::InvitationUsed => "invitation_used",
            Self::PasswordAlreadySet => "password_already_set",
            Self::ResetLinkInvalid => "reset_link_invalid",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict => "conflict",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::Validation => "validation",
            Self::RateLimited => "rate_limited",
            Self::Internal => "internal",
            Self::Unavailable => "unavailable",
            Self::Unknown => "unknown",
        }
    }
}

/// One invalid field of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name in the request body.
    pub field: String,
    /// A stable code for what is wrong, e.g. `personnummer_checksum`.
    pub code: String,
    /// What is wrong, for a person, in the request's language.
    pub message: String,
}

/// The body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The HTTP status, repeated for clients that only see the body.
    pub status: u16,
    pub code: ErrorCode,
    /// What went wrong and what to do, for a person, in the request's language.
    pub message: String,
    /// Per-field problems (only with `validation`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// With `rate_limited`: seconds until a new attempt may succeed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_tolerated() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
            assert!((400..600).contains(&code.status()));
        }
        assert_eq!(
            serde_json::from_str::<ErrorCode>("\"from_the_future\"").unwrap(),
            ErrorCode::Unknown
        );
    }

    #[test]
    fn body_omits_empty_extras() {
        let body = ErrorBody {
            status: 404,
            code: ErrorCode::NotFound,
            message: "Hittades inte.".into(),
            fields: vec![],
            retry_after_seconds: None,
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"status": 404, "code": "not_found", "message": "Hittades inte."})
        );
    }
}
