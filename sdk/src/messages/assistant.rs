//! Messages from the model.

use serde::{Deserialize, Serialize};

use super::content::{ContentBlock, ToolUseBlock};
use super::usage::Usage;
use crate::wire::{Extra, string_enum};

string_enum! {
    /// Why the API call behind an assistant message failed.
    pub enum AssistantError {
        /// The API key or token was refused.
        AuthenticationFailed = "authentication_failed",
        /// Billing problem.
        BillingError = "billing_error",
        /// Rate limited.
        RateLimit = "rate_limit",
        /// The API is overloaded.
        Overloaded = "overloaded",
        /// The request was invalid.
        InvalidRequest = "invalid_request",
        /// The model does not exist.
        ModelNotFound = "model_not_found",
        /// A server error.
        ServerError = "server_error",
        /// The output hit the token limit.
        MaxOutputTokens = "max_output_tokens",
        /// Anything else.
        Unknown = "unknown",
    }
}

/// A message from the model (one per content block while streaming).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssistantMessage {
    /// The API message.
    pub message: ApiAssistantMessage,
    /// The tool use of the Agent tool this message belongs to, for a subagent.
    #[serde(default)]
    pub parent_tool_use_id: Option<String>,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Set when the API call failed (the text then describes the error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<AssistantError>,
    /// The subagent that produced this message, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// Fields this SDK does not model (`timestamp`, `tool_use_meta`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The Anthropic API message inside an [`AssistantMessage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiAssistantMessage {
    /// The API message id.
    #[serde(default)]
    pub id: String,
    /// The model that answered.
    #[serde(default)]
    pub model: String,
    /// The content blocks.
    #[serde(default)]
    pub content: Vec<ContentBlock>,
    /// Why the model stopped (often `null` while streaming).
    #[serde(default)]
    pub stop_reason: Option<String>,
    /// Token usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    /// Fields this SDK does not model (`type`, `role`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl AssistantMessage {
    /// The content blocks.
    #[must_use]
    pub fn content(&self) -> &[ContentBlock] {
        &self.message.content
    }

    /// The model that answered.
    #[must_use]
    pub fn model(&self) -> &str {
        &self.message.model
    }

    /// The text of all text blocks, concatenated.
    #[must_use]
    pub fn text(&self) -> String {
        self.message
            .content
            .iter()
            .filter_map(ContentBlock::as_text)
            .collect()
    }

    /// The tool calls in this message.
    pub fn tool_uses(&self) -> impl Iterator<Item = &ToolUseBlock> {
        self.message
            .content
            .iter()
            .filter_map(ContentBlock::as_tool_use)
    }

    /// Whether the API call behind this message failed.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.error.is_some()
    }
}
