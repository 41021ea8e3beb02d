//! The server's one error type, and the JSON body every failing request gets.
//!
//! [`AppError::into_response`] sets the status and attaches an [`ErrorReply`]
//! to the response; the `error_bodies` middleware then writes the
//! [`ErrorBody`] in the language the request asked for. Details of internal
//! errors go to the log, never to the client.

use axum::body::Body;
use axum::http::StatusCode;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use axum::response::{IntoResponse, Response};
use lotsen_api::{ErrorBody, ErrorCode, FieldError, Lang};

use crate::i18n::error_message;

/// One invalid field of a request: its name in the body and a stable code,
/// which is also the key of its message under `errors` in the locale files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    /// The field's name in the request body, e.g. `personnummer`.
    pub field: String,
    /// What is wrong, e.g. `personnummer_checksum`.
    pub code: String,
}

/// Everything a request can fail with. Each variant has one status.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400 `malformed_json`: the body is not JSON, or not of the expected shape.
    #[error("the body is not JSON of the expected shape")]
    MalformedJson,
    /// 400 `bad_request`: the request could not be read (e.g. a broken body stream).
    #[error("the request could not be read")]
    BadRequest,
    /// 401 `unauthenticated`: no session, or it has ended or expired.
    #[error("not signed in")]
    Unauthenticated,
    /// 401 `invalid_credentials`: wrong login or password (never says which).
    #[error("wrong login or password")]
    InvalidCredentials,
    /// 403 `forbidden`: signed in, but not in a role that may do this.
    #[error("forbidden")]
    Forbidden,
    /// 403 `csrf_rejected`: a write without `X-Requested-With: lotsen`, or from another origin.
    #[error("cross-site request rejected")]
    CsrfRejected,
    /// 404 `not_found`: no such route or thing (or not visible to the caller).
    #[error("not found")]
    NotFound,
    /// 404 `invitation_invalid`: no such invitation (forged, mistyped or replaced).
    #[error("unknown invitation")]
    InvitationInvalid,
    /// 409 `conflict`: a unique field is taken; the issues name the fields.
    #[error("conflict: {0:?}")]
    Conflict(Vec<FieldIssue>),
    /// 409 `conflict` explained: the whole message is the locale entry `message`
    /// (its `{{ name }}`-style placeholders filled from `params`), with one field error.
    #[error("refused: {code}")]
    Refused {
        /// The field the refusal is about.
        field: String,
        /// The field error's code (a key under `errors`).
        code: &'static str,
        /// The key under `errors` of the whole message.
        message: &'static str,
        /// Placeholder values, e.g. `("name", "Sven Berg")`.
        params: Vec<(&'static str, String)>,
    },
    /// 410 `invitation_expired`: the invitation is older than its 7 days.
    #[error("invitation expired")]
    InvitationExpired,
    /// 410 `invitation_used`: the invitation was used already.
    #[error("invitation used")]
    InvitationUsed,
    /// 409 `password_already_set`: an invitation cannot set the password of an
    /// account that has one (only its owner can, or a reset link to their own address).
    #[error("the account has a password")]
    PasswordAlreadySet,
    /// 410 `reset_link_invalid`: the reset link is unknown, used, replaced or expired.
    #[error("reset link not usable")]
    ResetLinkInvalid,
    /// 429 `rate_limited`: too many failed attempts; try again after this many seconds.
    #[error("rate limited for {retry_after_seconds} s")]
    RateLimited {
        /// Seconds until an attempt may succeed again.
        retry_after_seconds: u64,
    },
    /// 405 `method_not_allowed`: the path exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 413 `payload_too_large`: the body is over the limit.
    #[error("the body is too large")]
    PayloadTooLarge,
    /// 415 `unsupported_media_type`: the body is not sent as `application/json`.
    #[error("the body is not application/json")]
    UnsupportedMediaType,
    /// 422 `validation`: the body was read but some fields are invalid.
    #[error("invalid fields: {0:?}")]
    Validation(Vec<FieldIssue>),
    /// 503 `unavailable`: the database does not answer.
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// 500 `internal`: a database error; details are logged only.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// 500 `internal`: anything else that failed on the server; details are logged only.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// A 422 listing every invalid field, as `(field, code)` pairs (an
    /// `api` crate validation's problems, or a route's own).
    pub fn invalid_fields<F: Into<String>, C: Into<String>>(
        problems: impl IntoIterator<Item = (F, C)>,
    ) -> Self {
        Self::Validation(
            problems
                .into_iter()
                .map(|(field, code)| FieldIssue {
                    field: field.into(),
                    code: code.into(),
                })
                .collect(),
        )
    }

    /// A 422 for one invalid field.
    pub fn invalid_field(field: impl Into<String>, code: impl Into<String>) -> Self {
        Self::Validation(vec![FieldIssue {
            field: field.into(),
            code: code.into(),
        }])
    }

    /// A 409 for one field whose value is taken (`code` e.g. `email_taken`).
    pub fn conflict(field: impl Into<String>, code: impl Into<String>) -> Self {
        Self::Conflict(vec![FieldIssue {
            field: field.into(),
            code: code.into(),
        }])
    }

    /// The stable code sent to the client.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::MalformedJson => ErrorCode::MalformedJson,
            Self::BadRequest => ErrorCode::BadRequest,
            Self::Unauthenticated => ErrorCode::Unauthenticated,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::CsrfRejected => ErrorCode::CsrfRejected,
            Self::NotFound => ErrorCode::NotFound,
            Self::InvitationInvalid => ErrorCode::InvitationInvalid,
            Self::Conflict(_) | Self::Refused { .. } => ErrorCode::Conflict,
            Self::InvitationExpired => ErrorCode::InvitationExpired,
            Self::InvitationUsed => ErrorCode::InvitationUsed,
            Self::PasswordAlreadySet => ErrorCode::PasswordAlreadySet,
            Self::ResetLinkInvalid => ErrorCode::ResetLinkInvalid,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Self::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::Validation(_) => ErrorCode::Validation,
            Self::Unavailable(_) => ErrorCode::Unavailable,
            Self::Database(_) | Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// Lost connections and exhausted pools mean "try again later"; the rest are bugs.
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                Self::Unavailable(error)
            }
            other => Self::Database(other),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            Self::Database(_) | Self::Internal(_) => {
                tracing::error!(error = %self, "request failed")
            }
            Self::Unavailable(_) => tracing::warn!(error = %self, "request failed"),
            _ => tracing::debug!(code = self.code().as_str(), "request rejected"),
        }
        let code = self.code();
        let retry_after_seconds = match self {
            Self::RateLimited {
                retry_after_seconds,
            } => Some(retry_after_seconds),
            _ => None,
        };
        let (message_key, params) = match &self {
            Self::Refused {
                message, params, ..
            } => (Some(*message), params.clone()),
            _ => (None, Vec::new()),
        };
        let fields = match self {
            Self::Validation(fields) | Self::Conflict(fields) => fields,
            Self::Refused { field, code, .. } => vec![FieldIssue {
                field,
                code: code.to_owned(),
            }],
            _ => Vec::new(),
        };
        let mut response = ErrorReply {
            code,
            fields,
            message_key,
            params,
            retry_after_seconds,
            // Our own 429s say how many minutes to wait.
            wait_minutes: retry_after_seconds.map(|s| s.div_ceil(60).max(1)),
        }
        .into_response();
        if let Some(seconds) = retry_after_seconds {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// What an error response says, before it is put in words: attached to the
/// response as an extension, rendered by the `error_bodies` middleware.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReply {
    /// The stable code; its status is `code.status()` unless the response says otherwise.
    pub code: ErrorCode,
    /// Per-field problems (only with `validation`).
    pub fields: Vec<FieldIssue>,
    /// The key under `errors` of the whole message, when not the code's own.
    pub message_key: Option<&'static str>,
    /// Values for `{{ placeholder }}`s in the messages.
    pub params: Vec<(&'static str, String)>,
    /// With `rate_limited`: seconds until a new attempt may succeed.
    pub retry_after_seconds: Option<u64>,
    /// With `rate_limited`: say "try again in N minutes" (`rate_limited_minutes`).
    pub wait_minutes: Option<u64>,
}

impl ErrorReply {
    /// The reply for a response that some layer (not our code) failed with.
    pub fn for_response(response: &Response) -> Self {
        let status = response.status();
        let code = match status {
            StatusCode::BAD_REQUEST => ErrorCode::BadRequest,
            StatusCode::UNAUTHORIZED => ErrorCode::Unauthenticated,
            StatusCode::FORBIDDEN => ErrorCode::Forbidden,
            StatusCode::NOT_FOUND => ErrorCode::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
            StatusCode::CONFLICT => ErrorCode::Conflict,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
            StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::Validation,
            StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
            StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT => ErrorCode::Unavailable,
            s if s.is_server_error() => ErrorCode::Internal,
            _ => ErrorCode::BadRequest,
        };
        let retry_after_seconds = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        Self {
            code,
            fields: Vec::new(),
            message_key: None,
            params: Vec::new(),
            retry_after_seconds,
            wait_minutes: None,
        }
    }

    /// The body, in `lang`.
    pub fn body(&self, status: StatusCode, lang: Lang) -> ErrorBody {
        let message = match self.wait_minutes {
            Some(minutes) => error_message(lang, "rate_limited_minutes")
                .replace("{{ minutes }}", &minutes.to_string()),
            None => self.fill(error_message(
                lang,
                self.message_key.unwrap_or(self.code.as_str()),
            )),
        };
        ErrorBody {
            status: status.as_u16(),
            code: self.code,
            message,
            fields: self
                .fields
                .iter()
                .map(|f| FieldError {
                    field: f.field.clone(),
                    code: f.code.clone(),
                    message: self.fill(error_message(lang, &f.code)),
                })
                .collect(),
            retry_after_seconds: self.retry_after_seconds,
        }
    }

    /// `message` with this reply's placeholders filled in.
    fn fill(&self, message: &str) -> String {
        self.params
            .iter()
            .fold(message.to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{{ {name} }}}}"), value)
            })
    }

    /// Replaces the body of `response` (keeping its status and headers) with
    /// this reply in `lang`.
    pub fn render_into(&self, response: Response, lang: Lang) -> Response {
        let (mut parts, _) = response.into_parts();
        let json =
            serde_json::to_vec(&self.body(parts.status, lang)).expect("an error body serialises");
        parts.headers.remove(CONTENT_LENGTH);
        parts
            .headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Response::from_parts(parts, Body::from(json))
    }
}

/// A response with the code's status and a Swedish body; the middleware
/// re-renders it in the request's language.
impl IntoResponse for ErrorReply {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = self.render_into(status.into_response(), Lang::Sv);
        response.extensions_mut().insert(self);
        response
    }
}

/// Collects field problems of a form.
#[derive(Debug, Default)]
pub struct Issues(Vec<FieldIssue>);

impl Issues {
    /// Notes that `field` has the problem `code`.
    pub fn add(&mut self, field: &str, code: &str) {
        self.0.push(FieldIssue {
            field: field.to_owned(),
            code: code.to_owned(),
        });
    }

    /// The value, or notes why not.
    pub fn check<T>(
        &mut self,
        field: &str,
        result: Result<T, lotsen_api::contact::FieldProblem>,
    ) -> Option<T> {
        result
            .map_err(|problem| self.add(field, problem.code()))
            .ok()
    }

    /// The problems noted so far.
    pub fn problems(&self) -> &[FieldIssue] {
        &self.0
    }

    /// Whether a problem has been noted for `field`.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|i| i.field == field)
    }

    /// `Ok` if nothing was noted, else 422 with every problem.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_the_status_of_its_code() {
        let cases = [
            (AppError::MalformedJson, 400),
            (AppError::BadRequest, 400),
            (AppError::Unauthenticated, 401),
            (AppError::InvalidCredentials, 401),
            (AppError::Forbidden, 403),
            (AppError::CsrfRejected, 403),
            (AppError::NotFound, 404),
            (AppError::InvitationInvalid, 404),
            (AppError::conflict("email", "email_taken"), 409),
            (AppError::InvitationExpired, 410),
            (AppError::InvitationUsed, 410),
            (
                AppError::RateLimited {
                    retry_after_seconds: 61,
                },
                429,
            ),
            (AppError::MethodNotAllowed, 405),
            (AppError::PayloadTooLarge, 413),
            (AppError::UnsupportedMediaType, 415),
            (
                AppError::invalid_field("personnummer", "personnummer_format"),
                422,
            ),
            (AppError::from(sqlx::Error::PoolTimedOut), 503),
            (AppError::from(sqlx::Error::RowNotFound), 500),
            (AppError::Internal("boom".into()), 500),
        ];
        for (error, status) in cases {
            let code = error.code();
            let response = error.into_response();
            assert_eq!(response.status().as_u16(), status, "{code:?}");
            assert_eq!(
                response.extensions().get::<ErrorReply>().map(|r| r.code),
                Some(code)
            );
        }
    }

    #[test]
    fn field_messages_are_localised() {
        let reply = ErrorReply {
            code: ErrorCode::Validation,
            fields: vec![FieldIssue {
                field: "personnummer".into(),
                code: "personnummer_checksum".into(),
            }],
            message_key: None,
            params: Vec::new(),
            retry_after_seconds: None,
            wait_minutes: None,
        };
        let body = reply.body(StatusCode::UNPROCESSABLE_ENTITY, Lang::En);
        assert_eq!(body.status, 422);
        assert_eq!(body.message, "Please check the highlighted fields.");
        assert_eq!(
            body.fields[0].message,
            "The personal identity number does not add up. Check the digits."
        );
    }

    #[test]
    fn rate_limits_say_how_many_minutes_rounded_up() {
        let response = AppError::RateLimited {
            retry_after_seconds: 61,
        }
        .into_response();
        assert_eq!(response.headers()[RETRY_AFTER], "61");
        let reply = response.extensions().get::<ErrorReply>().unwrap();
        let body = reply.body(StatusCode::TOO_MANY_REQUESTS, Lang::En);
        assert_eq!(body.message, "Too many attempts. Try again in 2 min.");
        assert_eq!(body.retry_after_seconds, Some(61));
        let sv = reply.body(StatusCode::TOO_MANY_REQUESTS, Lang::Sv);
        assert_eq!(sv.message, "För många försök. Försök igen om 2 min.");
    }

    #[test]
    fn conflicts_name_the_field() {
        let response = AppError::conflict("personnummer", "personnummer_taken").into_response();
        let reply = response.extensions().get::<ErrorReply>().unwrap();
        let body = reply.body(StatusCode::CONFLICT, Lang::En);
        assert_eq!(body.code, ErrorCode::Conflict);
        assert_eq!(body.fields[0].field, "personnummer");
        assert_eq!(body.fields[0].code, "personnummer_taken");
    }

    #[test]
    fn foreign_responses_map_to_codes_and_keep_retry_after() {
        let response = (StatusCode::TOO_MANY_REQUESTS, [(RETRY_AFTER, "30")]).into_response();
        let reply = ErrorReply::for_response(&response);
        assert_eq!(reply.code, ErrorCode::RateLimited);
        assert_eq!(reply.retry_after_seconds, Some(30));
        let teapot = StatusCode::IM_A_TEAPOT.into_response();
        assert_eq!(
            ErrorReply::for_response(&teapot).code,
            ErrorCode::BadRequest
        );
        let bad_gateway = StatusCode::BAD_GATEWAY.into_response();
        assert_eq!(
            ErrorReply::for_response(&bad_gateway).code,
            ErrorCode::Internal
        );
    }
}
