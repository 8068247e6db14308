//! Inputs of the tool events.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{HookCommon, McpServerInfo};
use crate::permissions::PermissionUpdate;
use crate::wire::Extra;

/// The input of [`HookEvent::PreToolUse`](crate::hooks::HookEvent::PreToolUse):
/// a tool is about to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PreToolUseInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The tool (`Bash`, `Write`, `mcp__server__tool`, ...).
    #[serde(default)]
    pub tool_name: String,
    /// The tool's input, as the model wrote it.
    #[serde(default)]
    pub tool_input: Value,
    /// The id of this tool use.
    #[serde(default)]
    pub tool_use_id: String,
    /// The MCP server of an `mcp__*` tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_server: Option<McpServerInfo>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of [`HookEvent::PostToolUse`](crate::hooks::HookEvent::PostToolUse):
/// a tool succeeded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostToolUseInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The tool.
    #[serde(default)]
    pub tool_name: String,
    /// The tool's input.
    #[serde(default)]
    pub tool_input: Value,
    /// What the tool returned (for Bash: `stdout`, `stderr`, `interrupted`,
    /// ...).
    #[serde(default)]
    pub tool_response: Value,
    /// The id of this tool use.
    #[serde(default)]
    pub tool_use_id: String,
    /// How long the tool ran, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The MCP server of an `mcp__*` tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_server: Option<McpServerInfo>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of
/// [`HookEvent::PostToolUseFailure`](crate::hooks::HookEvent::PostToolUseFailure):
/// a tool failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostToolUseFailureInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The tool.
    #[serde(default)]
    pub tool_name: String,
    /// The tool's input.
    #[serde(default)]
    pub tool_input: Value,
    /// The id of this tool use.
    #[serde(default)]
    pub tool_use_id: String,
    /// The error.
    #[serde(default)]
    pub error: String,
    /// Whether the failure was an interrupt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_interrupt: Option<bool>,
    /// How long the tool ran, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The MCP server of an `mcp__*` tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_server: Option<McpServerInfo>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One tool call of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolCallSummary {
    /// The tool.
    #[serde(default)]
    pub tool_name: String,
    /// The tool's input.
    #[serde(default)]
    pub tool_input: Value,
    /// The id of the tool use.
    #[serde(default)]
    pub tool_use_id: String,
    /// What the tool returned, if it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_response: Option<Value>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of [`HookEvent::PostToolBatch`](crate::hooks::HookEvent::PostToolBatch):
/// every tool call of one model response has finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostToolBatchInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The calls of the batch.
    #[serde(default)]
    pub tool_calls: Vec<ToolCallSummary>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of
/// [`HookEvent::PermissionRequest`](crate::hooks::HookEvent::PermissionRequest):
/// the CLI is about to ask for permission to run a tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PermissionRequestInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The tool.
    #[serde(default)]
    pub tool_name: String,
    /// The tool's input.
    #[serde(default)]
    pub tool_input: Value,
    /// Rule changes the CLI suggests along with an approval.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permission_suggestions: Vec<PermissionUpdate>,
    /// The MCP server of an `mcp__*` tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_server: Option<McpServerInfo>,
    /// Fields this SDK does not model (`tool_kind`, `mcp_skill`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of
/// [`HookEvent::PermissionDenied`](crate::hooks::HookEvent::PermissionDenied):
/// the auto-mode classifier denied a tool use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PermissionDeniedInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The tool.
    #[serde(default)]
    pub tool_name: String,
    /// The tool's input.
    #[serde(default)]
    pub tool_input: Value,
    /// The id of the tool use.
    #[serde(default)]
    pub tool_use_id: String,
    /// Why it was denied.
    #[serde(default)]
    pub reason: String,
    /// The MCP server of an `mcp__*` tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_server: Option<McpServerInfo>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
