//! Elicitation: an MCP server asks the user for input.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::control::Cancellation;
use crate::wire::{Extra, string_enum};

string_enum! {
    /// How an MCP server asks.
    pub enum ElicitationMode {
        /// With a form (a JSON schema of the answer).
        Form = "form",
        /// By sending the user to a URL.
        Url = "url",
    }
}

string_enum! {
    /// How the user answered an MCP server's question.
    pub enum ElicitationAction {
        /// Answered (with content, in form mode).
        Accept = "accept",
        /// Refused to answer.
        Decline = "decline",
        /// Dismissed the question.
        Cancel = "cancel",
    }
}

/// An MCP server asks the user for input (an `elicitation` request).
///
/// ```
/// use claude_agent_sdk::permissions::{ElicitationMode, ElicitationRequest};
/// use serde_json::json;
///
/// let request: ElicitationRequest = serde_json::from_value(json!({
///     "mcp_server_name": "asker",
///     "message": "What is your name?",
///     "mode": "form",
///     "requested_schema": {"type": "object", "properties": {"name": {"type": "string"}}},
/// }))?;
/// assert_eq!(request.mode, Some(ElicitationMode::Form));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ElicitationRequest {
    /// The MCP server that asks.
    #[serde(default)]
    pub mcp_server_name: String,
    /// The question.
    #[serde(default)]
    pub message: String,
    /// A form or a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ElicitationMode>,
    /// The URL to open, in URL mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The elicitation's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elicitation_id: Option<String>,
    /// The JSON schema of the answer, in form mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_schema: Option<Value>,
    /// A title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The server's name for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields this SDK does not model (`property_order`, ...).
    #[serde(flatten)]
    pub extra: Extra,
    #[serde(skip)]
    pub(crate) cancellation: Cancellation,
}

impl ElicitationRequest {
    /// Fires when the CLI withdraws the question.
    #[must_use]
    pub fn cancellation(&self) -> &Cancellation {
        &self.cancellation
    }
}

/// The answer to an MCP server's question.
///
/// ```
/// use claude_agent_sdk::permissions::ElicitationResponse;
/// use serde_json::json;
///
/// let answer = ElicitationResponse::accept(json!({"name": "Ada"}));
/// assert_eq!(answer.to_value(), json!({"action": "accept", "content": {"name": "Ada"}}));
/// assert_eq!(ElicitationResponse::decline().to_value(), json!({"action": "decline"}));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ElicitationResponse {
    /// How the user answered.
    pub action: ElicitationAction,
    /// The answer (matching the requested schema), when accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Value>,
}

impl ElicitationResponse {
    /// The user answered with `content`.
    pub fn accept(content: Value) -> Self {
        Self {
            action: ElicitationAction::Accept,
            content: Some(content),
        }
    }

    /// The user refused to answer.
    pub fn decline() -> Self {
        Self {
            action: ElicitationAction::Decline,
            content: None,
        }
    }

    /// The user dismissed the question.
    pub fn cancel() -> Self {
        Self {
            action: ElicitationAction::Cancel,
            content: None,
        }
    }

    /// The answer as JSON, as the CLI reads it.
    #[must_use]
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or_else(|_| json!({"action": "cancel"}))
    }
}
