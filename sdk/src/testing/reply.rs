//! Turning a scripted answer into an HTTP response: ids assigned, then either
//! an SSE stream, one JSON message, or an API error.

use std::convert::Infallible;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

use super::error::ApiError;
use super::sse::Events;
use super::turn::{Block, BlockKind, MessageReply, StopReason};

/// The fake signature of every scripted thinking block.
pub(super) const SIGNATURE: &str = "c2NyaXB0ZWQtdGhpbmtpbmc=";

/// An assistant message ready to be sent: ids assigned.
#[derive(Clone, Debug)]
pub(super) struct ResolvedMessage {
    pub(super) id: String,
    pub(super) model: String,
    /// Every tool-use block has `id: Some(_)`.
    pub(super) blocks: Vec<Block>,
    pub(super) stop_reason: StopReason,
    pub(super) stream_error: Option<ApiError>,
}

impl ResolvedMessage {
    /// Resolves `reply`, giving tool-use blocks without an id the next ids
    /// from `next_tool_id`.
    pub(super) fn new(
        reply: MessageReply,
        id: String,
        model: String,
        mut next_tool_id: impl FnMut() -> String,
    ) -> Self {
        let stop_reason = reply.stop_reason();
        let mut blocks = reply.blocks;
        for block in &mut blocks {
            if let BlockKind::ToolUse { id: id @ None, .. } = &mut block.0 {
                *id = Some(next_tool_id());
            }
        }
        Self {
            id,
            model,
            blocks,
            stop_reason,
            stream_error: reply.stream_error,
        }
    }

    /// The whole message as the non-streaming API returns it.
    pub(super) fn to_json(&self) -> Value {
        let content: Vec<Value> = self
            .blocks
            .iter()
            .map(|block| match &block.0 {
                BlockKind::Text(text) => json!({"type": "text", "text": text}),
                BlockKind::LongText(len) => {
                    let mut text = String::with_capacity(*len);
                    long_text_chunk(0, *len, &mut text);
                    json!({"type": "text", "text": text})
                }
                BlockKind::Thinking(thought) => {
                    json!({"type": "thinking", "thinking": thought, "signature": SIGNATURE})
                }
                BlockKind::ToolUse { id, name, input } => {
                    json!({"type": "tool_use", "id": id, "name": name, "input": input})
                }
            })
            .collect();
        json!({
            "id": self.id,
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": content,
            "stop_reason": self.stop_reason.as_str(),
            "stop_sequence": null,
            "usage": {"input_tokens": 10, "output_tokens": 5},
        })
    }
}

/// Writes characters `start..end` of the endless text `abc…xyzabc…` into
/// `buf` (cleared first).
pub(super) fn long_text_chunk(start: usize, end: usize, buf: &mut String) {
    buf.clear();
    buf.extend((start..end).map(|i| char::from(b'a' + (i % 26) as u8)));
}

/// A response with a JSON body.
pub(super) fn json_response(status: StatusCode, body: &Value, request_id: &str) -> Response {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    insert_request_id(headers, request_id);
    response
}

/// A streamed (`text/event-stream`) answer.
pub(super) fn sse_response(
    message: ResolvedMessage,
    chunk_chars: usize,
    request_id: &str,
) -> Response {
    let events = Events::new(message, chunk_chars).map(Ok::<_, Infallible>);
    let mut response = Response::new(Body::from_stream(futures::stream::iter(events)));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    insert_request_id(headers, request_id);
    response
}

/// A non-streamed answer. A message scripted to fail mid-stream fails with
/// its error here.
pub(super) fn message_response(message: &ResolvedMessage, request_id: &str) -> Response {
    match &message.stream_error {
        Some(error) => error_response(error, request_id),
        None => json_response(StatusCode::OK, &message.to_json(), request_id),
    }
}

/// An API error: its status, body and `retry-after` headers.
pub(super) fn error_response(error: &ApiError, request_id: &str) -> Response {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = json_response(status, &error.body(), request_id);
    if let Some(after) = error.retry_after {
        let headers = response.headers_mut();
        headers.insert(
            "retry-after-ms",
            HeaderValue::from(after.as_millis() as u64),
        );
        headers.insert(header::RETRY_AFTER, HeaderValue::from(after.as_secs()));
    }
    response
}

fn insert_request_id(headers: &mut axum::http::HeaderMap, request_id: &str) {
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert("request-id", value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn assigns_tool_ids_in_order() {
        let reply = MessageReply {
            blocks: vec![
                Block::tool_use("A", json!({})),
                Block::tool_use_with_id("mine", "B", json!({})),
                Block::tool_use("C", json!({"x": 1})),
            ],
            stop_reason: None,
            stream_error: None,
        };
        let mut n = 0;
        let m = ResolvedMessage::new(reply, "msg_1".into(), "m".into(), || {
            n += 1;
            format!("toolu_{n:04}")
        });
        let json = m.to_json();
        let ids: Vec<&str> = json["content"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["toolu_0001", "mine", "toolu_0002"]);
        assert_eq!(json["stop_reason"], "tool_use");
        assert_eq!(json["content"][2]["input"], json!({"x": 1}));
    }

    #[test]
    fn long_text_is_an_alphabet() {
        let mut buf = String::new();
        long_text_chunk(24, 30, &mut buf);
        assert_eq!(buf, "yzabcd");
    }

    #[test]
    fn error_headers() {
        let mut e = ApiError::from_status(529);
        e.retry_after = Some(Duration::from_millis(1500));
        let r = error_response(&e, "req_1");
        assert_eq!(r.status().as_u16(), 529);
        assert_eq!(r.headers()["retry-after-ms"], "1500");
        assert_eq!(r.headers()["retry-after"], "1");
        assert_eq!(r.headers()["request-id"], "req_1");
    }
}
