//! `system` messages: session init, status, retries, tasks and more.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::options::PermissionMode;
use crate::wire::{Extra, string_enum};

/// A `system` message. The subtype says which.
///
/// Subtypes this SDK does not know are kept as [`SystemMessage::Other`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SystemMessage {
    /// `init`: sent at the start of every turn, with the session's tools,
    /// model, MCP servers and more.
    Init(InitMessage),
    /// `status`: compacting, requesting, permission mode changes.
    Status(StatusMessage),
    /// `session_state_changed`: `running`, `requires_action`, `idle`.
    SessionStateChanged(SessionStateChanged),
    /// `api_retry`: the CLI retries a failed API call.
    ApiRetry(ApiRetry),
    /// `compact_boundary`: the conversation was compacted.
    CompactBoundary(CompactBoundary),
    /// `task_started`: a subagent or background task started.
    TaskStarted(TaskStarted),
    /// `task_progress`: progress of a task.
    TaskProgress(TaskProgress),
    /// `task_updated`: a task's state changed.
    TaskUpdated(TaskUpdated),
    /// `task_notification`: a task completed, failed or was stopped.
    TaskNotification(TaskNotification),
    /// `background_tasks_changed`: the set of background tasks (replaces the
    /// previous one).
    BackgroundTasksChanged(BackgroundTasksChanged),
    /// `informational`: a notice for the user (e.g. a hook's system message).
    Informational(Informational),
    /// `hook_started`, `hook_progress` or `hook_response` of a settings hook.
    Hook(HookEventMessage),
    /// `local_command_output`: output of a local slash command.
    LocalCommandOutput(LocalCommandOutput),
    /// `permission_denied`: a tool call was refused.
    PermissionDenied(PermissionDeniedMessage),
    /// `commands_changed`: the CLI's slash commands changed (e.g. once an
    /// MCP server with prompts connected).
    CommandsChanged(CommandsChanged),
    /// `ui_invalidate`: a parked spare (`--await-claim`) asks its host to
    /// redraw; see [`warm`](crate::warm).
    UiInvalidate(UiInvalidate),
    /// A subtype this SDK does not know, kept verbatim.
    Other(Value),
}

impl SystemMessage {
    /// The subtype as it appears on the wire.
    #[must_use]
    pub fn subtype(&self) -> &str {
        match self {
            Self::Init(_) => "init",
            Self::Status(_) => "status",
            Self::SessionStateChanged(_) => "session_state_changed",
            Self::ApiRetry(_) => "api_retry",
            Self::CompactBoundary(_) => "compact_boundary",
            Self::TaskStarted(_) => "task_started",
            Self::TaskProgress(_) => "task_progress",
            Self::TaskUpdated(_) => "task_updated",
            Self::TaskNotification(_) => "task_notification",
            Self::BackgroundTasksChanged(_) => "background_tasks_changed",
            Self::Informational(_) => "informational",
            Self::Hook(m) => &m.subtype,
            Self::LocalCommandOutput(_) => "local_command_output",
            Self::PermissionDenied(_) => "permission_denied",
            Self::CommandsChanged(_) => "commands_changed",
            Self::UiInvalidate(_) => "ui_invalidate",
            Self::Other(raw) => raw.get("subtype").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// The session id, when the message carries one.
    #[must_use]
    pub fn session_id(&self) -> Option<&str> {
        let id = match self {
            Self::Init(m) => &m.session_id,
            Self::Status(m) => &m.session_id,
            Self::SessionStateChanged(m) => &m.session_id,
            Self::ApiRetry(m) => &m.session_id,
            Self::CompactBoundary(m) => &m.session_id,
            Self::TaskStarted(m) => &m.session_id,
            Self::TaskProgress(m) => &m.session_id,
            Self::TaskUpdated(m) => &m.session_id,
            Self::TaskNotification(m) => &m.session_id,
            Self::BackgroundTasksChanged(m) => &m.session_id,
            Self::Informational(m) => &m.session_id,
            Self::Hook(m) => &m.session_id,
            Self::LocalCommandOutput(m) => &m.session_id,
            Self::PermissionDenied(m) => &m.session_id,
            Self::CommandsChanged(m) => &m.session_id,
            Self::UiInvalidate(m) => &m.session_id,
            Self::Other(raw) => return raw.get("session_id").and_then(Value::as_str),
        };
        Some(id.as_str()).filter(|id| !id.is_empty())
    }

    pub(crate) fn from_value(mut value: Value) -> serde_json::Result<Self> {
        fn typed<T: serde::de::DeserializeOwned>(
            value: Value,
            wrap: fn(T) -> SystemMessage,
        ) -> serde_json::Result<SystemMessage> {
            serde_json::from_value(value).map(wrap)
        }
        let subtype = value
            .get("subtype")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let is_hook = matches!(
            subtype.as_str(),
            "hook_started" | "hook_progress" | "hook_response"
        );
        if !is_known_subtype(&subtype) && !is_hook {
            return Ok(Self::Other(value));
        }
        // Set aside what the enum variant already says, so that it does not
        // land in `extra`. Hook messages keep `subtype` as a field.
        if let Value::Object(map) = &mut value {
            map.remove("type");
            if !is_hook {
                map.remove("subtype");
            }
        }
        match subtype.as_str() {
            "init" => typed(value, Self::Init),
            "status" => typed(value, Self::Status),
            "session_state_changed" => typed(value, Self::SessionStateChanged),
            "api_retry" => typed(value, Self::ApiRetry),
            "compact_boundary" => typed(value, Self::CompactBoundary),
            "task_started" => typed(value, Self::TaskStarted),
            "task_progress" => typed(value, Self::TaskProgress),
            "task_updated" => typed(value, Self::TaskUpdated),
            "task_notification" => typed(value, Self::TaskNotification),
            "background_tasks_changed" => typed(value, Self::BackgroundTasksChanged),
            "informational" => typed(value, Self::Informational),
            "local_command_output" => typed(value, Self::LocalCommandOutput),
            "permission_denied" => typed(value, Self::PermissionDenied),
            "commands_changed" => typed(value, Self::CommandsChanged),
            "ui_invalidate" => typed(value, Self::UiInvalidate),
            _ => typed(value, Self::Hook),
        }
    }

    pub(crate) fn to_value(&self) -> Value {
        fn with_subtype<T: Serialize>(subtype: &str, inner: &T) -> Value {
            let mut value = serde_json::to_value(inner).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.insert("type".into(), Value::String("system".into()));
                map.insert("subtype".into(), Value::String(subtype.to_owned()));
            }
            value
        }
        match self {
            Self::Init(m) => with_subtype("init", m),
            Self::Status(m) => with_subtype("status", m),
            Self::SessionStateChanged(m) => with_subtype("session_state_changed", m),
            Self::ApiRetry(m) => with_subtype("api_retry", m),
            Self::CompactBoundary(m) => with_subtype("compact_boundary", m),
            Self::TaskStarted(m) => with_subtype("task_started", m),
            Self::TaskProgress(m) => with_subtype("task_progress", m),
            Self::TaskUpdated(m) => with_subtype("task_updated", m),
            Self::TaskNotification(m) => with_subtype("task_notification", m),
            Self::BackgroundTasksChanged(m) => with_subtype("background_tasks_changed", m),
            Self::Informational(m) => with_subtype("informational", m),
            Self::Hook(m) => with_subtype(&m.subtype, m),
            Self::LocalCommandOutput(m) => with_subtype("local_command_output", m),
            Self::PermissionDenied(m) => with_subtype("permission_denied", m),
            Self::CommandsChanged(m) => with_subtype("commands_changed", m),
            Self::UiInvalidate(m) => with_subtype("ui_invalidate", m),
            Self::Other(raw) => raw.clone(),
        }
    }
}

fn is_known_subtype(subtype: &str) -> bool {
    matches!(
        subtype,
        "init"
            | "status"
            | "session_state_changed"
            | "api_retry"
            | "compact_boundary"
            | "task_started"
            | "task_progress"
            | "task_updated"
            | "task_notification"
            | "background_tasks_changed"
            | "informational"
            | "local_command_output"
            | "permission_denied"
            | "commands_changed"
            | "ui_invalidate"
    )
}

/// An MCP server as listed in `system/init`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpServerInfo {
    /// The server's name.
    pub name: String,
    /// `connected`, `failed`, `pending`, `needs-auth`, `disabled`.
    #[serde(default)]
    pub status: String,
    /// Fields this SDK does not model (`source`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `system/init`: the session's configuration, sent at the start of every turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InitMessage {
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The working directory.
    #[serde(default)]
    pub cwd: String,
    /// The tools offered to the model.
    #[serde(default)]
    pub tools: Vec<String>,
    /// The MCP servers and their status.
    #[serde(default)]
    pub mcp_servers: Vec<McpServerInfo>,
    /// The model.
    #[serde(default)]
    pub model: String,
    /// The permission mode.
    #[serde(
        rename = "permissionMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub permission_mode: Option<PermissionMode>,
    /// The slash commands available.
    #[serde(default)]
    pub slash_commands: Vec<String>,
    /// The skills available.
    #[serde(default)]
    pub skills: Vec<String>,
    /// The agents available.
    #[serde(default)]
    pub agents: Vec<String>,
    /// Where the API key comes from.
    #[serde(
        rename = "apiKeySource",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_key_source: Option<String>,
    /// The CLI's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claude_code_version: Option<String>,
    /// The output style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_style: Option<String>,
    /// Protocol capabilities the CLI announces (newer CLIs only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<String>,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model (`plugins`, `betas`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl InitMessage {
    /// Whether the CLI announced a capability.
    #[must_use]
    pub fn has_capability(&self, name: &str) -> bool {
        self.capabilities.iter().any(|c| c == name)
    }
}

/// `system/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusMessage {
    /// `compacting`, `requesting`, or `null`.
    #[serde(default)]
    pub status: Option<String>,
    /// The permission mode, when it changed.
    #[serde(
        rename = "permissionMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub permission_mode: Option<PermissionMode>,
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

string_enum! {
    /// The state of a session, as `session_state_changed` reports it.
    pub enum SessionState {
        /// The CLI is working on a turn.
        Running = "running",
        /// The CLI waits for the SDK (a permission or elicitation answer).
        RequiresAction = "requires_action",
        /// Nothing is running: the run is over, background work included.
        Idle = "idle",
    }
}

/// `system/session_state_changed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionStateChanged {
    /// The new state.
    pub state: SessionState,
    /// Set when the frame is meant for the SDK rather than the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdk_host_only: Option<bool>,
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

/// `system/api_retry`: the CLI retries a failed API call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiRetry {
    /// Which attempt this is (1-based).
    #[serde(default)]
    pub attempt: u32,
    /// How many retries the CLI will make.
    #[serde(default)]
    pub max_retries: u32,
    /// The back-off before the retry, in milliseconds.
    #[serde(default)]
    pub retry_delay_ms: u64,
    /// The HTTP status of the failure, if there was a response.
    #[serde(default)]
    pub error_status: Option<u16>,
    /// The error, as the CLI describes it.
    #[serde(default)]
    pub error: Value,
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

/// `system/compact_boundary`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompactBoundary {
    /// `trigger`, `pre_tokens` and more.
    #[serde(default)]
    pub compact_metadata: Value,
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

/// `system/task_started`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskStarted {
    /// The task id.
    pub task_id: String,
    /// The tool use that started it (the Agent tool call).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_use_id: Option<String>,
    /// What the task does.
    #[serde(default)]
    pub description: String,
    /// `local_agent`, `local_bash`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_type: Option<String>,
    /// The subagent type, for agent tasks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subagent_type: Option<String>,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model (`run_id`, `prompt`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `system/task_progress`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskProgress {
    /// The task id.
    pub task_id: String,
    /// What the task does.
    #[serde(default)]
    pub description: String,
    /// `total_tokens`, `tool_uses`, `duration_ms`.
    #[serde(default)]
    pub usage: Value,
    /// The last tool the task used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_tool_name: Option<String>,
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

/// `system/task_updated`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskUpdated {
    /// The task id.
    pub task_id: String,
    /// What changed (`status`, `end_time`, ...).
    #[serde(default)]
    pub patch: Value,
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

/// `system/task_notification`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskNotification {
    /// The task id.
    pub task_id: String,
    /// `completed`, `failed` or `stopped`.
    #[serde(default)]
    pub status: String,
    /// A summary of what the task did.
    #[serde(default)]
    pub summary: String,
    /// Where the task's output was written.
    #[serde(default)]
    pub output_file: String,
    /// The tool use that started the task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_use_id: Option<String>,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model (`usage`, `run_id`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `system/background_tasks_changed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BackgroundTasksChanged {
    /// The current background tasks (replaces the previous list).
    #[serde(default)]
    pub tasks: Vec<Value>,
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

/// `system/informational`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Informational {
    /// The notice.
    #[serde(default)]
    pub content: String,
    /// `info`, `notice`, `suggestion` or `warning`.
    #[serde(default)]
    pub level: String,
    /// A machine-readable tag (e.g. `hook_callback_failed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
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

/// `system/hook_started`, `hook_progress` or `hook_response`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HookEventMessage {
    /// Which of the three it is.
    pub subtype: String,
    /// The hook's id.
    #[serde(default)]
    pub hook_id: String,
    /// The hook's name.
    #[serde(default)]
    pub hook_name: String,
    /// The hook event (`SessionStart`, ...).
    #[serde(default)]
    pub hook_event: String,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model (`stdout`, `stderr`, `outcome`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `system/local_command_output`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalCommandOutput {
    /// The command's output.
    #[serde(default)]
    pub content: String,
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

/// `system/permission_denied`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PermissionDeniedMessage {
    /// The tool that was refused.
    #[serde(default)]
    pub tool_name: String,
    /// The tool-use id.
    #[serde(default)]
    pub tool_use_id: String,
    /// Why.
    #[serde(default)]
    pub message: String,
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

/// `system/ui_invalidate`: a parked spare CLI tells its host that what it
/// shows changed (`event`, e.g. `ui.render`). The SDK drops these frames when
/// it claims the spare: they belong to the time it was parked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UiInvalidate {
    /// What changed (`ui.render`).
    #[serde(default)]
    pub event: String,
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

/// `system/commands_changed`: the CLI's slash commands, after a change (an
/// MCP server's prompts became available, skills were reloaded, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CommandsChanged {
    /// Every slash command the CLI now offers.
    #[serde(default)]
    pub commands: Vec<crate::control::SlashCommand>,
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
