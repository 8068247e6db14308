//! The answers the server gives without reaching MCP: a JSON-RPC error in
//! an HTTP error.

use std::convert::Infallible;

use bytes::Bytes;
use http::header::{CONNECTION, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderValue, Response, StatusCode};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use serde_json::Value;

/// What every answer of the server is.
pub(super) type HttpResponse = Response<BoxBody<Bytes, Infallible>>;

/// The JSON-RPC code of these errors: "server error", the implementation
/// defined range.
const SERVER_ERROR: i64 = -32000;

/// `status` with a JSON-RPC error body answering the request `id` (`null`
/// when it is not known).
fn json_rpc_error(status: StatusCode, id: Value, message: &str) -> HttpResponse {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": SERVER_ERROR, "message": message},
    });
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())).boxed());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// 401: the request's credentials were missing or wrong. The answer says
/// nothing about what was expected.
pub(super) fn unauthorized(bearer_challenge: bool) -> HttpResponse {
    let mut response = json_rpc_error(
        StatusCode::UNAUTHORIZED,
        Value::Null,
        "Unauthorized: missing or invalid credentials",
    );
    if bearer_challenge {
        response
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// 503: `initialize` while `max` sessions are open.
pub(super) fn too_many_sessions(id: Value, max: usize) -> HttpResponse {
    json_rpc_error(
        StatusCode::SERVICE_UNAVAILABLE,
        id,
        &format!(
            "Service Unavailable: the server already has {max} open MCP sessions, its limit; \
             retry once a session ends (sessions end when closed or idle)"
        ),
    )
}

/// 408: the request took longer than the request timeout. The connection
/// is closed, since the rest of its body may still come.
pub(super) fn request_timeout() -> HttpResponse {
    let mut response = json_rpc_error(
        StatusCode::REQUEST_TIMEOUT,
        Value::Null,
        "Request Timeout: the request was not received and answered in time",
    );
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// 404: a path other than the MCP endpoint.
pub(super) fn not_found() -> HttpResponse {
    let mut response = Response::new(Full::new(Bytes::from_static(b"Not Found")).boxed());
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}
