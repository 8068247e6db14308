//! API errors: the Messages API's error vocabulary and the scripted error
//! replies built from it.

use std::time::Duration;

use serde_json::{Value, json};

/// The kinds of error the Messages API reports, as `error.type` in the body
/// `{"type":"error","error":{"type":…,"message":…}}`.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApiErrorKind {
    /// `invalid_request_error`, HTTP 400.
    InvalidRequest,
    /// `authentication_error`, HTTP 401.
    Authentication,
    /// `permission_error`, HTTP 403.
    Permission,
    /// `not_found_error`, HTTP 404.
    NotFound,
    /// `request_too_large`, HTTP 413.
    RequestTooLarge,
    /// `rate_limit_error`, HTTP 429.
    RateLimit,
    /// `api_error`, HTTP 500.
    Api,
    /// `overloaded_error`, HTTP 529.
    Overloaded,
}

impl ApiErrorKind {
    /// The HTTP status the API answers this kind of error with.
    pub fn status(self) -> u16 {
        match self {
            Self::InvalidRequest => 400,
            Self::Authentication => 401,
            Self::Permission => 403,
            Self::NotFound => 404,
            Self::RequestTooLarge => 413,
            Self::RateLimit => 429,
            Self::Api => 500,
            Self::Overloaded => 529,
        }
    }

    /// The `error.type` string of this kind, e.g. `"overloaded_error"`.
    pub fn error_type(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request_error",
            Self::Authentication => "authentication_error",
            Self::Permission => "permission_error",
            Self::NotFound => "not_found_error",
            Self::RequestTooLarge => "request_too_large",
            Self::RateLimit => "rate_limit_error",
            Self::Api => "api_error",
            Self::Overloaded => "overloaded_error",
        }
    }

    /// The kind the API uses for an HTTP status: the exact match when there is
    /// one, else [`InvalidRequest`](Self::InvalidRequest) for other `4xx`
    /// statuses and [`Api`](Self::Api) for anything else.
    pub fn from_status(status: u16) -> Self {
        match status {
            401 => Self::Authentication,
            403 => Self::Permission,
            404 => Self::NotFound,
            413 => Self::RequestTooLarge,
            429 => Self::RateLimit,
            529 => Self::Overloaded,
            400..=499 => Self::InvalidRequest,
            _ => Self::Api,
        }
    }

    /// The message the real API typically sends with this kind.
    fn default_message(self) -> &'static str {
        match self {
            Self::InvalidRequest => "Invalid request (scripted)",
            Self::Authentication => "invalid x-api-key",
            Self::Permission => {
                "Your API key does not have permission to use the specified resource."
            }
            Self::NotFound => "Not found",
            Self::RequestTooLarge => "Request exceeds the maximum allowed number of bytes.",
            Self::RateLimit => "Number of request tokens has exceeded your rate limit (scripted).",
            Self::Api => "Internal server error",
            Self::Overloaded => "Overloaded",
        }
    }
}

/// A scripted API error: status, body and optional `retry-after`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ApiError {
    pub(super) status: u16,
    pub(super) kind: ApiErrorKind,
    pub(super) message: Option<String>,
    pub(super) retry_after: Option<Duration>,
}

impl ApiError {
    /// An error with the given HTTP status and the kind the API uses for it.
    /// Statuses outside `400..=599` are replaced by 500.
    pub(super) fn from_status(status: u16) -> Self {
        let status = if (400..=599).contains(&status) {
            status
        } else {
            500
        };
        Self {
            status,
            kind: ApiErrorKind::from_status(status),
            message: None,
            retry_after: None,
        }
    }

    /// An error of the given kind with its usual status.
    pub(super) fn from_kind(kind: ApiErrorKind) -> Self {
        Self {
            status: kind.status(),
            kind,
            message: None,
            retry_after: None,
        }
    }

    /// The JSON body `{"type":"error","error":{"type":…,"message":…}}`.
    pub(super) fn body(&self) -> Value {
        let message = self
            .message
            .as_deref()
            .unwrap_or_else(|| self.kind.default_message());
        json!({
            "type": "error",
            "error": {"type": self.kind.error_type(), "message": message},
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_mapping_round_trips() {
        for kind in [
            ApiErrorKind::InvalidRequest,
            ApiErrorKind::Authentication,
            ApiErrorKind::Permission,
            ApiErrorKind::NotFound,
            ApiErrorKind::RequestTooLarge,
            ApiErrorKind::RateLimit,
            ApiErrorKind::Api,
            ApiErrorKind::Overloaded,
        ] {
            assert_eq!(ApiErrorKind::from_status(kind.status()), kind);
        }
        assert_eq!(ApiErrorKind::from_status(418), ApiErrorKind::InvalidRequest);
        assert_eq!(ApiErrorKind::from_status(503), ApiErrorKind::Api);
    }

    #[test]
    fn body_shape() {
        let mut e = ApiError::from_status(529);
        assert_eq!(
            e.body(),
            json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
        );
        e.message = Some("busy".into());
        assert_eq!(e.body()["error"]["message"], "busy");
        assert_eq!(ApiError::from_status(200).status, 500);
    }
}
