//! Typed messages: everything the CLI emits on its message stream.
//!
//! Every type is forward-compatible. A message of a type this SDK does not
//! know becomes [`Message::Unknown`] with its raw JSON; an unknown `system`
//! subtype becomes [`SystemMessage::Other`]; an unknown content block becomes
//! [`ContentBlock::Other`]; and every known struct keeps the fields it does
//! not model in `extra`. Nothing is dropped: [`Message::to_value`] gives
//! back every field the CLI sent, though an explicit `null` for an optional
//! field is left out and a missing field with a default comes back with it.
//!
//! ```
//! use claude_agent_sdk::Message;
//!
//! let line = r#"{"type":"result","subtype":"success","is_error":false,"duration_ms":12,
//!   "duration_api_ms":9,"num_turns":1,"session_id":"s1","result":"4","total_cost_usd":0.001,
//!   "brand_new_field":true}"#;
//! let message = Message::from_json(line)?;
//! let result = message.as_result().expect("a result");
//! assert_eq!(result.result(), Some("4"));
//! assert_eq!(result.extra["brand_new_field"], true);
//! # Ok::<(), serde_json::Error>(())
//! ```

mod assistant;
mod content;
mod events;
mod result;
mod system;
mod task;
mod usage;
mod user;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

pub use assistant::{ApiAssistantMessage, AssistantError, AssistantMessage};
pub use content::{
    ContentBlock, DocumentBlock, ImageBlock, MediaSource, RedactedThinkingBlock,
    ServerToolResultBlock, ServerToolUseBlock, TextBlock, ThinkingBlock, ToolResultBlock,
    ToolResultContent, ToolUseBlock,
};
pub use events::{
    ConversationReset, PromptSuggestion, RateLimitEvent, RateLimitInfo, StreamEvent, ToolProgress,
    ToolUseSummary,
};
pub use result::{PermissionDenial, ResultMessage, ResultSubtype, TerminalReason};
pub use system::{
    ApiRetry, BackgroundTasksChanged, CommandsChanged, CompactBoundary, HookEventMessage,
    Informational, InitMessage, LocalCommandOutput, McpServerInfo, PermissionDeniedMessage,
    SessionState, SessionStateChanged, StatusMessage, SystemMessage, TaskNotification,
    TaskProgress, TaskStarted, TaskUpdated, UiInvalidate,
};
pub use task::{TaskStatus, TaskUsage};
pub use usage::{ModelUsage, Usage};
pub use user::{ApiUserMessage, UserContent, UserMessage};

/// A message from the CLI.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Message {
    /// The model's output (text, thinking, tool calls).
    Assistant(AssistantMessage),
    /// User input, tool results and replayed messages.
    User(UserMessage),
    /// The end of a turn.
    Result(ResultMessage),
    /// Session and lifecycle information.
    System(SystemMessage),
    /// A raw API streaming event (with `include_partial_messages`).
    StreamEvent(StreamEvent),
    /// Rate-limit information.
    RateLimit(RateLimitEvent),
    /// Progress of a long-running tool.
    ToolProgress(ToolProgress),
    /// A summary of tool calls.
    ToolUseSummary(ToolUseSummary),
    /// The conversation was reset (e.g. by `/clear`).
    ConversationReset(ConversationReset),
    /// A suggested next prompt.
    PromptSuggestion(PromptSuggestion),
    /// A message type this SDK does not know, kept verbatim.
    Unknown(Value),
}

impl Message {
    /// Decodes a message from one line of CLI output.
    pub fn from_json(line: &str) -> serde_json::Result<Self> {
        Self::from_value(serde_json::from_str(line)?)
    }

    /// Decodes a message from its JSON.
    ///
    /// An unknown `type` (or a value that is not an object) gives
    /// [`Message::Unknown`]; a known type whose fields have the wrong shape
    /// is an error.
    pub fn from_value(mut value: Value) -> serde_json::Result<Self> {
        fn typed<T: serde::de::DeserializeOwned>(
            value: Value,
            wrap: fn(T) -> Message,
        ) -> serde_json::Result<Message> {
            serde_json::from_value(value).map(wrap)
        }
        let Some(kind) = value.get("type").and_then(Value::as_str) else {
            return Ok(Self::Unknown(value));
        };
        let kind = match kind {
            "assistant" | "user" | "result" | "stream_event" | "rate_limit_event"
            | "tool_progress" | "tool_use_summary" | "conversation_reset" | "prompt_suggestion" => {
                kind.to_owned()
            }
            "system" => return SystemMessage::from_value(value).map(Self::System),
            _ => return Ok(Self::Unknown(value)),
        };
        if let Value::Object(map) = &mut value {
            map.remove("type");
        }
        match kind.as_str() {
            "assistant" => typed(value, Self::Assistant),
            "user" => typed(value, Self::User),
            "result" => typed(value, Self::Result),
            "stream_event" => typed(value, Self::StreamEvent),
            "rate_limit_event" => typed(value, Self::RateLimit),
            "tool_progress" => typed(value, Self::ToolProgress),
            "tool_use_summary" => typed(value, Self::ToolUseSummary),
            "conversation_reset" => typed(value, Self::ConversationReset),
            _ => typed(value, Self::PromptSuggestion),
        }
    }

    /// The message as JSON, in its wire shape.
    #[must_use]
    pub fn to_value(&self) -> Value {
        fn with_type<T: Serialize>(kind: &str, inner: &T) -> Value {
            let mut value = serde_json::to_value(inner).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.insert("type".into(), Value::String(kind.to_owned()));
            }
            value
        }
        match self {
            Self::Assistant(m) => with_type("assistant", m),
            Self::User(m) => with_type("user", m),
            Self::Result(m) => with_type("result", m),
            Self::System(m) => m.to_value(),
            Self::StreamEvent(m) => with_type("stream_event", m),
            Self::RateLimit(m) => with_type("rate_limit_event", m),
            Self::ToolProgress(m) => with_type("tool_progress", m),
            Self::ToolUseSummary(m) => with_type("tool_use_summary", m),
            Self::ConversationReset(m) => with_type("conversation_reset", m),
            Self::PromptSuggestion(m) => with_type("prompt_suggestion", m),
            Self::Unknown(raw) => raw.clone(),
        }
    }

    /// The message's `type` as it appears on the wire.
    #[must_use]
    pub fn type_name(&self) -> &str {
        match self {
            Self::Assistant(_) => "assistant",
            Self::User(_) => "user",
            Self::Result(_) => "result",
            Self::System(_) => "system",
            Self::StreamEvent(_) => "stream_event",
            Self::RateLimit(_) => "rate_limit_event",
            Self::ToolProgress(_) => "tool_progress",
            Self::ToolUseSummary(_) => "tool_use_summary",
            Self::ConversationReset(_) => "conversation_reset",
            Self::PromptSuggestion(_) => "prompt_suggestion",
            Self::Unknown(raw) => raw.get("type").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// The session id, when the message carries one.
    #[must_use]
    pub fn session_id(&self) -> Option<&str> {
        let id = match self {
            Self::Assistant(m) => &m.session_id,
            Self::User(m) => &m.session_id,
            Self::Result(m) => &m.session_id,
            Self::System(m) => return m.session_id(),
            Self::StreamEvent(m) => &m.session_id,
            Self::RateLimit(m) => &m.session_id,
            Self::ToolProgress(m) => &m.session_id,
            Self::ToolUseSummary(m) => &m.session_id,
            Self::ConversationReset(m) => &m.session_id,
            Self::PromptSuggestion(m) => &m.session_id,
            Self::Unknown(raw) => return raw.get("session_id").and_then(Value::as_str),
        };
        Some(id.as_str()).filter(|id| !id.is_empty())
    }

    /// The tool use of the Agent tool this message belongs to, when it comes
    /// from a subagent.
    #[must_use]
    pub fn parent_tool_use_id(&self) -> Option<&str> {
        match self {
            Self::Assistant(m) => m.parent_tool_use_id.as_deref(),
            Self::User(m) => m.parent_tool_use_id.as_deref(),
            Self::StreamEvent(m) => m.parent_tool_use_id.as_deref(),
            Self::ToolProgress(m) => m.parent_tool_use_id.as_deref(),
            _ => None,
        }
    }

    /// The result, if this is one.
    #[must_use]
    pub fn as_result(&self) -> Option<&ResultMessage> {
        match self {
            Self::Result(m) => Some(m),
            _ => None,
        }
    }

    /// The assistant message, if this is one.
    #[must_use]
    pub fn as_assistant(&self) -> Option<&AssistantMessage> {
        match self {
            Self::Assistant(m) => Some(m),
            _ => None,
        }
    }

    /// The user message, if this is one.
    #[must_use]
    pub fn as_user(&self) -> Option<&UserMessage> {
        match self {
            Self::User(m) => Some(m),
            _ => None,
        }
    }

    /// The system message, if this is one.
    #[must_use]
    pub fn as_system(&self) -> Option<&SystemMessage> {
        match self {
            Self::System(m) => Some(m),
            _ => None,
        }
    }

    /// The `system/init` message, if this is one.
    #[must_use]
    pub fn as_init(&self) -> Option<&InitMessage> {
        match self {
            Self::System(SystemMessage::Init(m)) => Some(m),
            _ => None,
        }
    }

    /// The stream event, if this is one.
    #[must_use]
    pub fn as_stream_event(&self) -> Option<&StreamEvent> {
        match self {
            Self::StreamEvent(m) => Some(m),
            _ => None,
        }
    }

    /// Whether this is a result.
    #[must_use]
    pub fn is_result(&self) -> bool {
        matches!(self, Self::Result(_))
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(value).map_err(serde::de::Error::custom)
    }
}

/// Collects the text of a run's assistant messages.
///
/// ```
/// use claude_agent_sdk::messages::assistant_text;
/// assert_eq!(assistant_text(&[]), "");
/// ```
#[must_use]
pub fn assistant_text(messages: &[Message]) -> String {
    messages
        .iter()
        .filter_map(Message::as_assistant)
        .map(AssistantMessage::text)
        .collect()
}

/// The last result among `messages`.
#[must_use]
pub fn last_result(messages: &[Message]) -> Option<&ResultMessage> {
    messages.iter().rev().find_map(Message::as_result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_types_are_kept() {
        let raw = json!({"type": "hologram", "depth": 3, "session_id": "s"});
        let message = Message::from_value(raw.clone()).unwrap();
        assert!(matches!(message, Message::Unknown(_)));
        assert_eq!(message.type_name(), "hologram");
        assert_eq!(message.session_id(), Some("s"));
        assert_eq!(message.to_value(), raw);
    }

    #[test]
    fn unknown_system_subtypes_are_kept() {
        let raw = json!({"type": "system", "subtype": "teleport", "x": 1, "session_id": "s"});
        let message = Message::from_value(raw.clone()).unwrap();
        assert!(matches!(message, Message::System(SystemMessage::Other(_))));
        assert_eq!(message.to_value(), raw);
        assert_eq!(message.session_id(), Some("s"));
    }

    #[test]
    fn known_types_keep_unknown_fields() {
        let raw = json!({
            "type": "assistant",
            "message": {"id": "m", "type": "message", "role": "assistant", "model": "claude",
                        "content": [{"type": "text", "text": "hi"}], "stop_reason": null},
            "parent_tool_use_id": null, "session_id": "s", "uuid": "u",
            "timestamp": "2026-11-23T00:00:00Z"
        });
        let message = Message::from_value(raw.clone()).unwrap();
        let assistant = message.as_assistant().unwrap();
        assert_eq!(assistant.text(), "hi");
        assert_eq!(assistant.extra["timestamp"], "2026-11-23T00:00:00Z");
        assert_eq!(message.to_value(), raw);
    }

    #[test]
    fn wrong_shape_of_a_known_type_is_an_error() {
        assert!(Message::from_value(json!({"type": "result", "subtype": 5})).is_err());
        assert!(Message::from_value(json!({"type": "assistant"})).is_err());
    }

    #[test]
    fn non_objects_and_untyped_objects_are_unknown() {
        assert!(matches!(
            Message::from_value(json!([1, 2])).unwrap(),
            Message::Unknown(_)
        ));
        assert!(matches!(
            Message::from_value(json!({"no_type": true})).unwrap(),
            Message::Unknown(_)
        ));
    }
}
