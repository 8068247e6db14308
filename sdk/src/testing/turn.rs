//! Queued turns: what the scripted model answers to one request, as set up by
//! a test with [`ScriptedModel::push`](super::ScriptedModel::push).

use std::time::Duration;

use serde_json::Value;

use super::error::{ApiError, ApiErrorKind};

/// One scripted answer to one `POST /v1/messages` request.
///
/// A turn is an assistant message made of [`Block`]s, an API error, or a
/// stall ([`Turn::hang`]); any of them may be delayed with [`Turn::delay`].
/// Turns are queued with [`ScriptedModel::push`](super::ScriptedModel::push)
/// and answered in order, one per request, whether the request streams or not.
///
/// ```
/// use claude_agent_sdk::testing::{Block, Turn};
/// use serde_json::json;
/// use std::time::Duration;
///
/// let _ = Turn::text("hello").with_thinking("the user greets me");
/// let _ = Turn::tool_use("Read", json!({"file_path": "/tmp/x"}));
/// let _ = Turn::blocks(vec![
///     Block::text("Reading two files."),
///     Block::tool_use("Read", json!({"file_path": "a"})),
///     Block::tool_use("Read", json!({"file_path": "b"})),
/// ]);
/// let _ = Turn::error(429).with_retry_after(Duration::ZERO);
/// let _ = Turn::text("late").delay(Duration::from_millis(200));
/// ```
#[must_use]
#[derive(Clone, Debug)]
pub struct Turn {
    pub(super) reply: Reply,
    pub(super) delay: Duration,
}

/// What a turn answers.
#[derive(Clone, Debug)]
pub(super) enum Reply {
    /// An assistant message.
    Message(MessageReply),
    /// An HTTP error status with an API error body.
    Error(ApiError),
    /// Never answer (until the server shuts down).
    Hang,
}

/// An assistant message: its blocks and how it ends.
#[derive(Clone, Debug)]
pub(super) struct MessageReply {
    pub(super) blocks: Vec<Block>,
    /// `None`: `tool_use` when a block is a tool call, else `end_turn`.
    pub(super) stop_reason: Option<StopReason>,
    /// When set, a streamed answer ends with an `error` event instead of
    /// `message_delta`/`message_stop` (a non-streamed one is this error).
    pub(super) stream_error: Option<ApiError>,
}

impl MessageReply {
    /// The stop reason to report.
    pub(super) fn stop_reason(&self) -> StopReason {
        self.stop_reason.unwrap_or_else(|| {
            if self
                .blocks
                .iter()
                .any(|b| matches!(b.0, BlockKind::ToolUse { .. }))
            {
                StopReason::ToolUse
            } else {
                StopReason::EndTurn
            }
        })
    }
}

/// One content block of a scripted assistant message.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub struct Block(pub(super) BlockKind);

/// The kinds of block the scripted model can produce.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum BlockKind {
    /// A `text` block.
    Text(String),
    /// A `text` block of exactly this many ASCII characters, generated lazily.
    LongText(usize),
    /// A `thinking` block.
    Thinking(String),
    /// A `tool_use` block; `id` is assigned by the server when `None`.
    ToolUse {
        id: Option<String>,
        name: String,
        input: Value,
    },
}

impl Block {
    /// A `text` block.
    pub fn text(text: impl Into<String>) -> Self {
        Self(BlockKind::Text(text.into()))
    }

    /// A `text` block of exactly `chars` ASCII characters (a repeating
    /// alphabet), generated while streaming rather than held in memory.
    pub fn long_text(chars: usize) -> Self {
        Self(BlockKind::LongText(chars))
    }

    /// A `thinking` block (with a fixed fake signature).
    pub fn thinking(thought: impl Into<String>) -> Self {
        Self(BlockKind::Thinking(thought.into()))
    }

    /// A `tool_use` block calling `name` with `input`. Its id is assigned by the
    /// server: `toolu_0000`, `toolu_0001`, … in the order answers are sent.
    pub fn tool_use(name: impl Into<String>, input: Value) -> Self {
        Self(BlockKind::ToolUse {
            id: None,
            name: name.into(),
            input,
        })
    }

    /// A `tool_use` block with a chosen id instead of a generated one.
    pub fn tool_use_with_id(id: impl Into<String>, name: impl Into<String>, input: Value) -> Self {
        Self(BlockKind::ToolUse {
            id: Some(id.into()),
            name: name.into(),
            input,
        })
    }
}

/// Why an assistant message stopped (`stop_reason` on the wire).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// `end_turn`: the model finished its answer.
    EndTurn,
    /// `tool_use`: the model wants tool results.
    ToolUse,
    /// `max_tokens`: the answer was cut at the token limit.
    MaxTokens,
    /// `stop_sequence`: a stop sequence was produced.
    StopSequence,
    /// `pause_turn`: a long-running turn was paused.
    PauseTurn,
    /// `refusal`: the model refused to answer.
    Refusal,
}

impl StopReason {
    /// The wire string, e.g. `"end_turn"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EndTurn => "end_turn",
            Self::ToolUse => "tool_use",
            Self::MaxTokens => "max_tokens",
            Self::StopSequence => "stop_sequence",
            Self::PauseTurn => "pause_turn",
            Self::Refusal => "refusal",
        }
    }
}

impl Turn {
    fn message(blocks: Vec<Block>) -> Self {
        Self {
            reply: Reply::Message(MessageReply {
                blocks,
                stop_reason: None,
                stream_error: None,
            }),
            delay: Duration::ZERO,
        }
    }

    /// An assistant message with one text block (stop reason `end_turn`).
    pub fn text(text: impl Into<String>) -> Self {
        Self::message(vec![Block::text(text)])
    }

    /// An assistant message with one text block of exactly `chars` ASCII
    /// characters, streamed in chunks (see
    /// [`ScriptedModelBuilder::chunk_size`](super::ScriptedModelBuilder::chunk_size)).
    pub fn long_text(chars: usize) -> Self {
        Self::message(vec![Block::long_text(chars)])
    }

    /// An assistant message calling one tool (stop reason `tool_use`).
    pub fn tool_use(name: impl Into<String>, input: Value) -> Self {
        Self::message(vec![Block::tool_use(name, input)])
    }

    /// An assistant message with only a thinking block; add more with
    /// [`with_block`](Self::with_block).
    pub fn thinking(thought: impl Into<String>) -> Self {
        Self::message(vec![Block::thinking(thought)])
    }

    /// An assistant message with these blocks, in order. The stop reason is
    /// `tool_use` when one of them is a tool call, else `end_turn`.
    pub fn blocks(blocks: Vec<Block>) -> Self {
        Self::message(blocks)
    }

    /// An API error answer: HTTP `status` with the body the API uses for it,
    /// e.g. 529 → `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`.
    /// Statuses outside `400..=599` become 500. See [`ApiErrorKind::from_status`].
    ///
    /// The CLI retries 401, 429, 5xx and 529 answers (reporting each retry
    /// as a `system`/`api_retry` message), so an error turn followed by a
    /// normal one exercises its retry path.
    pub fn error(status: u16) -> Self {
        Self {
            reply: Reply::Error(ApiError::from_status(status)),
            delay: Duration::ZERO,
        }
    }

    /// An API error answer of the given kind, with its usual status.
    pub fn api_error(kind: ApiErrorKind) -> Self {
        Self {
            reply: Reply::Error(ApiError::from_kind(kind)),
            delay: Duration::ZERO,
        }
    }

    /// A streamed answer that fails mid-stream: `message_start`, then an
    /// `error` event with the body of `kind` (the CLI retries it silently). Add blocks before the error with
    /// [`with_block`](Self::with_block). A non-streaming request gets the
    /// error as an HTTP error instead.
    pub fn stream_error(kind: ApiErrorKind) -> Self {
        Self::message(Vec::new()).with_stream_error(kind)
    }

    /// A turn that accepts the request and never answers, for stall and
    /// timeout tests. It holds neither other requests nor the server's
    /// shutdown, which answers it with a 503 error.
    pub fn hang() -> Self {
        Self {
            reply: Reply::Hang,
            delay: Duration::ZERO,
        }
    }

    /// Waits this long before answering (headers included).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Puts a thinking block before the message's blocks. Ignored by error
    /// and hang turns.
    pub fn with_thinking(mut self, thought: impl Into<String>) -> Self {
        if let Reply::Message(message) = &mut self.reply {
            message.blocks.insert(0, Block::thinking(thought));
        }
        self
    }

    /// Appends a block to the message. Ignored by error and hang turns.
    pub fn with_block(mut self, block: Block) -> Self {
        if let Reply::Message(message) = &mut self.reply {
            message.blocks.push(block);
        }
        self
    }

    /// Overrides the stop reason (e.g. [`StopReason::MaxTokens`]). Ignored by
    /// error and hang turns.
    pub fn with_stop_reason(mut self, stop_reason: StopReason) -> Self {
        if let Reply::Message(message) = &mut self.reply {
            message.stop_reason = Some(stop_reason);
        }
        self
    }

    /// Ends a streamed message with an `error` event of `kind` after its
    /// blocks, instead of `message_delta` and `message_stop`. Ignored by error
    /// and hang turns.
    pub fn with_stream_error(mut self, kind: ApiErrorKind) -> Self {
        if let Reply::Message(message) = &mut self.reply {
            message.stream_error = Some(ApiError::from_kind(kind));
        }
        self
    }

    /// Sets the error's `message` (on [`error`](Self::error),
    /// [`api_error`](Self::api_error) and stream-error turns; ignored by others).
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        if let Some(error) = self.error_mut() {
            error.message = Some(message.into());
        }
        self
    }

    /// Adds `retry-after` headers to an error answer: `retry-after-ms` with
    /// the exact milliseconds and `retry-after` with whole seconds rounded
    /// down. Ignored by non-error turns.
    ///
    /// The CLI (2.1.x) waits the *longer* of `retry-after` (whole seconds) and
    /// its own exponential back-off, which starts at about 0.5 s: a header
    /// can slow its retries down but not speed them up, so `Duration::ZERO`
    /// gives the fastest retry (about 0.5–0.6 s for the first one).
    pub fn with_retry_after(mut self, retry_after: Duration) -> Self {
        if let Reply::Error(error) = &mut self.reply {
            error.retry_after = Some(retry_after);
        }
        self
    }

    fn error_mut(&mut self) -> Option<&mut ApiError> {
        match &mut self.reply {
            Reply::Error(error) => Some(error),
            Reply::Message(message) => message.stream_error.as_mut(),
            Reply::Hang => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn blocks(turn: &Turn) -> &[Block] {
        match &turn.reply {
            Reply::Message(m) => &m.blocks,
            other => panic!("not a message: {other:?}"),
        }
    }

    #[test]
    fn builders_compose() {
        let t = Turn::text("x").with_thinking("hmm");
        assert_eq!(blocks(&t), [Block::thinking("hmm"), Block::text("x")]);
        let t = Turn::thinking("a").with_block(Block::text("b"));
        assert_eq!(blocks(&t), [Block::thinking("a"), Block::text("b")]);
        let Reply::Message(m) = &Turn::tool_use("T", json!({})).reply else {
            panic!()
        };
        assert_eq!(m.stop_reason(), StopReason::ToolUse);
        let Reply::Message(m) = &Turn::text("x")
            .with_stop_reason(StopReason::MaxTokens)
            .reply
        else {
            panic!()
        };
        assert_eq!(m.stop_reason(), StopReason::MaxTokens);
    }

    #[test]
    fn error_builders() {
        let t = Turn::error(429)
            .with_message("slow down")
            .with_retry_after(Duration::from_millis(1500))
            .delay(Duration::from_millis(5));
        let Reply::Error(e) = &t.reply else { panic!() };
        assert_eq!(e.status, 429);
        assert_eq!(e.kind, ApiErrorKind::RateLimit);
        assert_eq!(e.message.as_deref(), Some("slow down"));
        assert_eq!(e.retry_after, Some(Duration::from_millis(1500)));
        assert_eq!(t.delay, Duration::from_millis(5));

        let t = Turn::stream_error(ApiErrorKind::Overloaded).with_message("boom");
        let Reply::Message(m) = &t.reply else {
            panic!()
        };
        assert_eq!(
            m.stream_error.as_ref().unwrap().message.as_deref(),
            Some("boom")
        );
    }
}
