//! Inputs of the elicitation events (an MCP server asks the user).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::HookCommon;
use crate::permissions::{ElicitationAction, ElicitationMode};
use crate::wire::Extra;

/// The input of [`HookEvent::Elicitation`](crate::hooks::HookEvent::Elicitation):
/// an MCP server asks the user for input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ElicitationInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The MCP server that asks.
    #[serde(default)]
    pub mcp_server_name: String,
    /// The question.
    #[serde(default)]
    pub message: String,
    /// A form or a URL to open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ElicitationMode>,
    /// The URL, in URL mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The elicitation's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elicitation_id: Option<String>,
    /// The JSON schema of the form, in form mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_schema: Option<Value>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of
/// [`HookEvent::ElicitationResult`](crate::hooks::HookEvent::ElicitationResult):
/// the user answered an MCP server's question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ElicitationResultInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The MCP server that asked.
    #[serde(default)]
    pub mcp_server_name: String,
    /// The elicitation's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elicitation_id: Option<String>,
    /// A form or a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ElicitationMode>,
    /// How the user answered.
    pub action: ElicitationAction,
    /// The answer, when accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Value>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
