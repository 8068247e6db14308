//! Server-sent events: encoding one answer as the Messages API's event stream
//! (`message_start`, `content_block_*`, `message_delta`, `message_stop`).
//!
//! Events are produced lazily, one at a time, so a multi-megabyte text is
//! never held in memory as a whole.

use axum::body::Bytes;
use serde::Serialize;
use serde_json::json;

use super::reply::{ResolvedMessage, SIGNATURE, long_text_chunk};
use super::turn::BlockKind;

/// Largest `partial_json` piece of a streamed tool input, in characters.
const JSON_CHUNK_CHARS: usize = 64;

/// Encodes one SSE event: `event: <name>\ndata: <json>\n\n`.
pub(super) fn event(name: &str, data: &impl Serialize) -> Bytes {
    let mut buf = Vec::with_capacity(name.len() + 64);
    buf.extend_from_slice(b"event: ");
    buf.extend_from_slice(name.as_bytes());
    buf.extend_from_slice(b"\ndata: ");
    serde_json::to_writer(&mut buf, data).expect("serialising JSON into memory cannot fail");
    buf.extend_from_slice(b"\n\n");
    Bytes::from(buf)
}

/// A `content_block_delta` event's data, borrowing its text.
#[derive(Serialize)]
struct BlockDelta<'a> {
    r#type: &'static str,
    index: usize,
    delta: Delta<'a>,
}

/// The `delta` of a `content_block_delta` event.
#[derive(Serialize)]
#[serde(tag = "type")]
enum Delta<'a> {
    #[serde(rename = "text_delta")]
    Text { text: &'a str },
    #[serde(rename = "input_json_delta")]
    InputJson { partial_json: &'a str },
    #[serde(rename = "thinking_delta")]
    Thinking { thinking: &'a str },
    #[serde(rename = "signature_delta")]
    Signature { signature: &'a str },
}

fn delta_event(index: usize, delta: Delta<'_>) -> Bytes {
    event(
        "content_block_delta",
        &BlockDelta {
            r#type: "content_block_delta",
            index,
            delta,
        },
    )
}

/// Where the event stream is.
#[derive(Clone, Copy, Debug)]
enum State {
    MessageStart,
    Ping,
    BlockStart(usize),
    /// Streaming the body of block `index`, `offset` into it (characters for
    /// long text, bytes otherwise).
    BlockBody {
        index: usize,
        offset: usize,
    },
    Signature(usize),
    BlockStop(usize),
    MessageEnd,
    MessageStop,
    Done,
}

/// The events of one streamed answer, produced lazily.
pub(super) struct Events {
    message: ResolvedMessage,
    chunk_chars: usize,
    state: State,
    /// Serialized input of the tool-use block being streamed.
    json: String,
    /// Reused buffer for generated long-text chunks.
    scratch: String,
}

impl Events {
    /// The events for `message`, streaming text `chunk_chars` characters at a time.
    pub(super) fn new(message: ResolvedMessage, chunk_chars: usize) -> Self {
        Self {
            message,
            chunk_chars: chunk_chars.max(1),
            state: State::MessageStart,
            json: String::new(),
            scratch: String::new(),
        }
    }

    fn after_block(&self, index: usize) -> State {
        if index + 1 < self.message.blocks.len() {
            State::BlockStart(index + 1)
        } else {
            State::MessageEnd
        }
    }

    /// The next event, and the state after it; `None` to move on silently.
    fn step(&mut self) -> (Option<Bytes>, State) {
        match self.state {
            State::MessageStart => {
                let m = &self.message;
                let data = json!({
                    "type": "message_start",
                    "message": {
                        "id": m.id,
                        "type": "message",
                        "role": "assistant",
                        "model": m.model,
                        "content": [],
                        "stop_reason": null,
                        "stop_sequence": null,
                        "usage": {"input_tokens": 10, "output_tokens": 1},
                    },
                });
                (Some(event("message_start", &data)), State::Ping)
            }
            State::Ping => {
                let next = if self.message.blocks.is_empty() {
                    State::MessageEnd
                } else {
                    State::BlockStart(0)
                };
                (Some(event("ping", &json!({"type": "ping"}))), next)
            }
            State::BlockStart(index) => {
                let block = match &self.message.blocks[index].0 {
                    BlockKind::Text(_) | BlockKind::LongText(_) => {
                        json!({"type": "text", "text": ""})
                    }
                    BlockKind::Thinking(_) => {
                        json!({"type": "thinking", "thinking": "", "signature": ""})
                    }
                    BlockKind::ToolUse { id, name, input } => {
                        self.json = serde_json::to_string(input)
                            .expect("serialising JSON into memory cannot fail");
                        json!({"type": "tool_use", "id": id, "name": name, "input": {}})
                    }
                };
                let data =
                    json!({"type": "content_block_start", "index": index, "content_block": block});
                let next = State::BlockBody { index, offset: 0 };
                (Some(event("content_block_start", &data)), next)
            }
            State::BlockBody { index, offset } => self.body_step(index, offset),
            State::Signature(index) => {
                let ev = delta_event(
                    index,
                    Delta::Signature {
                        signature: SIGNATURE,
                    },
                );
                (Some(ev), State::BlockStop(index))
            }
            State::BlockStop(index) => {
                let data = json!({"type": "content_block_stop", "index": index});
                (
                    Some(event("content_block_stop", &data)),
                    self.after_block(index),
                )
            }
            State::MessageEnd => {
                if let Some(error) = &self.message.stream_error {
                    return (Some(event("error", &error.body())), State::Done);
                }
                let data = json!({
                    "type": "message_delta",
                    "delta": {"stop_reason": self.message.stop_reason.as_str(), "stop_sequence": null},
                    "usage": {"output_tokens": 5},
                });
                (Some(event("message_delta", &data)), State::MessageStop)
            }
            State::MessageStop => (
                Some(event("message_stop", &json!({"type": "message_stop"}))),
                State::Done,
            ),
            State::Done => (None, State::Done),
        }
    }

    /// One delta of block `index`'s body, starting at `offset`.
    fn body_step(&mut self, index: usize, offset: usize) -> (Option<Bytes>, State) {
        let chunk = self.chunk_chars;
        match &self.message.blocks[index].0 {
            BlockKind::Text(text) => match next_piece(text, offset, chunk) {
                Some((piece, end)) => {
                    let ev = delta_event(index, Delta::Text { text: piece });
                    (Some(ev), State::BlockBody { index, offset: end })
                }
                None => (None, State::BlockStop(index)),
            },
            &BlockKind::LongText(len) => {
                if offset >= len {
                    return (None, State::BlockStop(index));
                }
                let end = len.min(offset.saturating_add(chunk));
                long_text_chunk(offset, end, &mut self.scratch);
                let ev = delta_event(
                    index,
                    Delta::Text {
                        text: &self.scratch,
                    },
                );
                (Some(ev), State::BlockBody { index, offset: end })
            }
            BlockKind::Thinking(thought) => match next_piece(thought, offset, chunk) {
                Some((piece, end)) => {
                    let ev = delta_event(index, Delta::Thinking { thinking: piece });
                    (Some(ev), State::BlockBody { index, offset: end })
                }
                None => (None, State::Signature(index)),
            },
            BlockKind::ToolUse { .. } => match next_piece(&self.json, offset, JSON_CHUNK_CHARS) {
                Some((piece, end)) => {
                    let ev = delta_event(
                        index,
                        Delta::InputJson {
                            partial_json: piece,
                        },
                    );
                    (Some(ev), State::BlockBody { index, offset: end })
                }
                None => (None, State::BlockStop(index)),
            },
        }
    }
}

impl Iterator for Events {
    type Item = Bytes;

    fn next(&mut self) -> Option<Bytes> {
        loop {
            if matches!(self.state, State::Done) {
                return None;
            }
            let (event, next) = self.step();
            self.state = next;
            if event.is_some() {
                return event;
            }
        }
    }
}

/// The piece of `text` starting at byte `offset` holding at most `max_chars`
/// characters, with the byte offset after it; `None` at the end.
fn next_piece(text: &str, offset: usize, max_chars: usize) -> Option<(&str, usize)> {
    let rest = text.get(offset..).filter(|rest| !rest.is_empty())?;
    let len = rest
        .char_indices()
        .nth(max_chars)
        .map_or(rest.len(), |(i, _)| i);
    Some((&rest[..len], offset + len))
}

/// Parses an SSE stream into `(event name, data)` pairs. For tests.
#[cfg(test)]
pub(super) fn parse(stream: &str) -> Vec<(String, serde_json::Value)> {
    stream
        .split("\n\n")
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            let mut name = String::new();
            let mut data = serde_json::Value::Null;
            for line in e.lines() {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_owned();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data = serde_json::from_str(d).expect("event data is JSON");
                }
            }
            (name, data)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::error::{ApiError, ApiErrorKind};
    use super::super::turn::{Block, StopReason};
    use super::*;
    use serde_json::Value;

    fn message(blocks: Vec<Block>, stop_reason: StopReason) -> ResolvedMessage {
        ResolvedMessage {
            id: "msg_0001".into(),
            model: "claude-test".into(),
            blocks,
            stop_reason,
            stream_error: None,
        }
    }

    fn collect(events: Events) -> Vec<(String, Value)> {
        let text: String = events
            .map(|b| String::from_utf8(b.to_vec()).unwrap())
            .collect();
        parse(&text)
    }

    #[test]
    fn text_and_tool_use_stream() {
        let input = json!({"command": "echo 'a; b' with a long enough string to need several pieces", "n": [1, 2, 3], "é": "ü"});
        let m = message(
            vec![
                Block::text("héllo wörld"),
                Block::tool_use_with_id("toolu_0007", "Bash", input.clone()),
            ],
            StopReason::ToolUse,
        );
        let events = collect(Events::new(m, 4));
        let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "message_start");
        assert_eq!(names[1], "ping");
        assert_eq!(names[names.len() - 2], "message_delta");
        assert_eq!(names[names.len() - 1], "message_stop");
        for (name, data) in &events {
            assert_eq!(data["type"], name.as_str());
        }
        assert_eq!(events[0].1["message"]["model"], "claude-test");
        assert_eq!(events[0].1["message"]["id"], "msg_0001");

        let text: String = events
            .iter()
            .filter(|(_, d)| d["index"] == 0 && d["delta"]["type"] == "text_delta")
            .map(|(_, d)| d["delta"]["text"].as_str().unwrap())
            .collect();
        assert_eq!(text, "héllo wörld");

        let start = events
            .iter()
            .find(|(n, d)| n == "content_block_start" && d["index"] == 1)
            .unwrap();
        assert_eq!(
            start.1["content_block"],
            json!({"type": "tool_use", "id": "toolu_0007", "name": "Bash", "input": {}})
        );
        let pieces: Vec<&str> = events
            .iter()
            .filter(|(_, d)| d["delta"]["type"] == "input_json_delta")
            .map(|(_, d)| d["delta"]["partial_json"].as_str().unwrap())
            .collect();
        assert!(pieces.len() > 1, "input should arrive in several pieces");
        let json: Value = serde_json::from_str(&pieces.concat()).unwrap();
        assert_eq!(json, input);
        let delta = &events[events.len() - 2].1;
        assert_eq!(delta["delta"]["stop_reason"], "tool_use");
        assert_eq!(delta["usage"]["output_tokens"], 5);
    }

    #[test]
    fn thinking_block_has_signature() {
        let m = message(
            vec![Block::thinking("hmm"), Block::text("x")],
            StopReason::EndTurn,
        );
        let events = collect(Events::new(m, 1000));
        let start = &events[2].1;
        assert_eq!(
            start["content_block"],
            json!({"type": "thinking", "thinking": "", "signature": ""})
        );
        assert_eq!(
            events[3].1["delta"],
            json!({"type": "thinking_delta", "thinking": "hmm"})
        );
        assert_eq!(
            events[4].1["delta"],
            json!({"type": "signature_delta", "signature": SIGNATURE})
        );
        assert_eq!(events[5].0, "content_block_stop");
        assert_eq!(events[6].1["index"], 1);
    }

    #[test]
    fn long_text_exact_length_in_chunks() {
        let m = message(vec![Block::long_text(10_500)], StopReason::EndTurn);
        let events = collect(Events::new(m, 1000));
        let deltas: Vec<&str> = events
            .iter()
            .filter(|(_, d)| d["delta"]["type"] == "text_delta")
            .map(|(_, d)| d["delta"]["text"].as_str().unwrap())
            .collect();
        assert_eq!(deltas.len(), 11);
        let text = deltas.concat();
        assert_eq!(text.len(), 10_500);
        assert!(text.starts_with("abcdefghijklmnopqrstuvwxyzabc"));
    }

    #[test]
    fn five_million_chars_without_buffering() {
        let m = message(vec![Block::long_text(5_000_000)], StopReason::EndTurn);
        let mut chars = 0;
        let mut largest = 0;
        for ev in Events::new(m, 1000) {
            largest = largest.max(ev.len());
            let s = std::str::from_utf8(&ev).unwrap();
            if s.contains("\"text_delta\"") {
                let data: Value =
                    serde_json::from_str(s.split("data: ").nth(1).unwrap().trim()).unwrap();
                chars += data["delta"]["text"].as_str().unwrap().len();
            }
        }
        assert_eq!(chars, 5_000_000);
        assert!(largest < 2000, "events stay small: {largest}");
    }

    #[test]
    fn error_after_message_start() {
        let mut m = message(vec![], StopReason::EndTurn);
        m.stream_error = Some(ApiError::from_kind(ApiErrorKind::Overloaded));
        let events = collect(Events::new(m, 1000));
        let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["message_start", "ping", "error"]);
        assert_eq!(events[2].1["error"]["type"], "overloaded_error");
    }

    #[test]
    fn pieces_respect_char_boundaries() {
        assert_eq!(next_piece("äöü", 0, 2), Some(("äö", 4)));
        assert_eq!(next_piece("äöü", 4, 2), Some(("ü", 6)));
        assert_eq!(next_piece("äöü", 6, 2), None);
        assert_eq!(next_piece("", 0, 2), None);
    }
}
