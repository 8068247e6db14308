//! Smaller top-level messages: streaming events, rate limits, tool progress.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::wire::Extra;

/// A raw API streaming event (with `include_partial_messages`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StreamEvent {
    /// The Anthropic SSE event (`message_start`, `content_block_delta`, ...).
    pub event: Value,
    /// The Agent tool use this belongs to, for a subagent.
    #[serde(default)]
    pub parent_tool_use_id: Option<String>,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model (`ttft_ms`, `api_message_id`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl StreamEvent {
    /// The event's type (`content_block_delta`, ...).
    #[must_use]
    pub fn event_type(&self) -> &str {
        self.event.get("type").and_then(Value::as_str).unwrap_or("")
    }

    /// The text of a `text_delta`, if this is one.
    #[must_use]
    pub fn text_delta(&self) -> Option<&str> {
        self.delta_field("text_delta", "text")
    }

    /// The text of a `thinking_delta`, if this is one.
    #[must_use]
    pub fn thinking_delta(&self) -> Option<&str> {
        self.delta_field("thinking_delta", "thinking")
    }

    /// The partial JSON of an `input_json_delta`, if this is one.
    #[must_use]
    pub fn input_json_delta(&self) -> Option<&str> {
        self.delta_field("input_json_delta", "partial_json")
    }

    fn delta_field(&self, kind: &str, field: &str) -> Option<&str> {
        let delta = self.event.get("delta")?;
        if delta.get("type")?.as_str()? != kind {
            return None;
        }
        delta.get(field)?.as_str()
    }
}

/// Rate-limit information (`rate_limit_event`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RateLimitEvent {
    /// The rate-limit state.
    pub rate_limit_info: RateLimitInfo,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The state of a rate limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RateLimitInfo {
    /// `allowed`, `allowed_warning`, `rejected`, ...
    #[serde(default)]
    pub status: String,
    /// When the limit resets (Unix seconds).
    #[serde(rename = "resetsAt", default, skip_serializing_if = "Option::is_none")]
    pub resets_at: Option<i64>,
    /// Which limit (`five_hour`, `seven_day`, ...).
    #[serde(
        rename = "rateLimitType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub rate_limit_type: Option<String>,
    /// How much of the limit is used (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilization: Option<f64>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Progress of a long-running tool (`tool_progress`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolProgress {
    /// The tool-use id.
    #[serde(default)]
    pub tool_use_id: String,
    /// The tool.
    #[serde(default)]
    pub tool_name: String,
    /// The Agent tool use this belongs to, for a subagent.
    #[serde(default)]
    pub parent_tool_use_id: Option<String>,
    /// Seconds since the tool started.
    #[serde(default)]
    pub elapsed_time_seconds: f64,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A summary of tool calls (`tool_use_summary`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolUseSummary {
    /// The summary.
    #[serde(default)]
    pub summary: String,
    /// The tool uses it summarises.
    #[serde(default)]
    pub preceding_tool_use_ids: Vec<String>,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The conversation was reset (`conversation_reset`, e.g. by `/clear`); later
/// messages carry a new session id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationReset {
    /// The id of the new conversation.
    #[serde(default)]
    pub new_conversation_id: String,
    /// What reset it (`clear`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    /// The (old) session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A suggested next prompt (`prompt_suggestion`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromptSuggestion {
    /// The suggestion.
    #[serde(default)]
    pub suggestion: String,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
