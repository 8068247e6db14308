//! [`ToolPermissionRequest`]: the CLI asks whether a tool may run.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::PermissionUpdate;
use crate::control::Cancellation;
use crate::hooks::McpServerInfo;
use crate::wire::{Extra, string_enum};

string_enum! {
    /// Why the CLI asks.
    pub enum DecisionReasonType {
        /// A permission rule says "ask".
        Rule = "rule",
        /// The permission mode asks.
        Mode = "mode",
        /// Parts of a compound command need asking.
        SubcommandResults = "subcommandResults",
        /// A permission prompt tool.
        PermissionPromptTool = "permissionPromptTool",
        /// A hook said "ask".
        Hook = "hook",
        /// A background agent needs the permission.
        AsyncAgent = "asyncAgent",
        /// The command would run outside the sandbox.
        SandboxOverride = "sandboxOverride",
        /// The path is outside the working directories.
        WorkingDir = "workingDir",
        /// A safety check flagged the call.
        SafetyCheck = "safetyCheck",
        /// The auto-mode classifier.
        Classifier = "classifier",
        /// Anything else (`other` on the wire).
        Unspecified = "other",
    }
}

/// The CLI asks whether a tool may run (a `can_use_tool` request).
///
/// ```
/// use claude_agent_sdk::permissions::{PermissionUpdate, ToolPermissionRequest};
/// use serde_json::json;
///
/// let request: ToolPermissionRequest = serde_json::from_value(json!({
///     "tool_name": "Bash",
///     "input": {"command": "touch created.txt"},
///     "permission_suggestions": [{"type": "setMode", "mode": "acceptEdits", "destination": "session"}],
///     "blocked_path": "/work/created.txt",
///     "tool_use_id": "toolu_01",
/// }))?;
/// assert_eq!(request.input["command"], "touch created.txt");
/// assert!(matches!(request.suggestions[0], PermissionUpdate::SetMode { .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolPermissionRequest {
    /// The tool (`Bash`, `Write`, `mcp__server__tool`, ...).
    pub tool_name: String,
    /// The tool's name for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The tool's input.
    #[serde(default)]
    pub input: Value,
    /// Rule changes the CLI suggests along with an approval ("always allow
    /// `touch created.txt`", "allow edits in this directory", ...). Return
    /// some of them with
    /// [`PermissionResult::with_permission_update`](super::PermissionResult::with_permission_update)
    /// to apply them.
    #[serde(
        rename = "permission_suggestions",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub suggestions: Vec<PermissionUpdate>,
    /// The path that needs the permission, for file operations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_path: Option<PathBuf>,
    /// Why the CLI asks, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_reason: Option<String>,
    /// Why the CLI asks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_reason_type: Option<DecisionReasonType>,
    /// A title for the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the call does (for Bash, the model's description of the
    /// command).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The id of the tool use.
    #[serde(default)]
    pub tool_use_id: String,
    /// The subagent that wants to use the tool, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// The MCP server of an `mcp__*` tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_server: Option<McpServerInfo>,
    /// Fields this SDK does not model (`classifier_approvable`,
    /// `matched_ask_rule`, `requires_user_interaction`, ...).
    #[serde(flatten)]
    pub extra: Extra,
    #[serde(skip)]
    pub(crate) cancellation: Cancellation,
}

impl ToolPermissionRequest {
    /// Fires when the CLI withdraws the request (after an interrupt, or when
    /// the session ends); the SDK then stops the callback and sends no
    /// answer.
    #[must_use]
    pub fn cancellation(&self) -> &Cancellation {
        &self.cancellation
    }
}
