//! The client's control methods.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::ClaudeClient;
use super::control_types::{
    ContextUsage, InterruptOutcome, McpServerStatus, McpSetServersResult, RewindFilesResult, decode,
};
use crate::control::{AccountInfo, AgentInfo, ModelInfo, SlashCommand, control_body};
use crate::error::Result;
use crate::options::{McpServerConfig, PermissionMode};

impl ClaudeClient {
    /// Sends any control request and returns the CLI's raw answer: an escape
    /// hatch for requests this SDK does not wrap yet. A subtype the CLI does
    /// not know gives [`Error::Unsupported`](crate::Error::Unsupported).
    pub async fn control_request(&self, subtype: &str, fields: Value) -> Result<Value> {
        self.engine()?.request(control_body(subtype, fields)).await
    }

    /// Interrupts the current turn. The turn then ends with a result whose
    /// terminal reason is `aborted_streaming` or `aborted_tools` (a message,
    /// not an error); the client stays usable for the next turn. Pending
    /// permission callbacks are cancelled by the CLI.
    pub async fn interrupt(&self) -> Result<InterruptOutcome> {
        let answer = self.control_request("interrupt", json!({})).await?;
        decode("interrupt", answer)
    }

    /// Changes the permission mode; returns the mode now in effect.
    pub async fn set_permission_mode(&self, mode: PermissionMode) -> Result<PermissionMode> {
        let answer = self
            .control_request("set_permission_mode", json!({"mode": mode}))
            .await?;
        Ok(answer
            .get("mode")
            .and_then(Value::as_str)
            .map_or(mode, PermissionMode::from))
    }

    /// Changes the model for the next turns (`None`: the default model).
    pub async fn set_model(&self, model: Option<&str>) -> Result<()> {
        self.control_request("set_model", json!({"model": model}))
            .await
            .map(drop)
    }

    /// Changes the thinking budget (`None`: the default).
    pub async fn set_max_thinking_tokens(&self, tokens: Option<u32>) -> Result<()> {
        self.control_request(
            "set_max_thinking_tokens",
            json!({"max_thinking_tokens": tokens}),
        )
        .await
        .map(drop)
    }

    /// The state of every MCP server.
    pub async fn mcp_status(&self) -> Result<Vec<McpServerStatus>> {
        let answer = self.control_request("mcp_status", json!({})).await?;
        decode(
            "mcp_status",
            answer.get("mcpServers").cloned().unwrap_or(json!([])),
        )
    }

    /// Replaces the session's dynamic external MCP servers (stdio, SSE,
    /// HTTP). In-process servers are fixed when the session starts.
    pub async fn mcp_set_servers(
        &self,
        servers: &BTreeMap<String, McpServerConfig>,
    ) -> Result<McpSetServersResult> {
        let servers: Map<String, Value> = servers
            .iter()
            .map(|(name, config)| (name.clone(), config.to_value()))
            .collect();
        let answer = self
            .control_request("mcp_set_servers", json!({"servers": servers}))
            .await?;
        decode("mcp_set_servers", answer)
    }

    /// Reconnects an MCP server.
    pub async fn mcp_reconnect(&self, server: &str) -> Result<()> {
        self.control_request("mcp_reconnect", json!({"serverName": server}))
            .await
            .map(drop)
    }

    /// Enables or disables an MCP server.
    pub async fn mcp_toggle(&self, server: &str, enabled: bool) -> Result<()> {
        self.control_request(
            "mcp_toggle",
            json!({"serverName": server, "enabled": enabled}),
        )
        .await
        .map(drop)
    }

    /// How full the context window is.
    pub async fn get_context_usage(&self) -> Result<ContextUsage> {
        let answer = self.control_request("get_context_usage", json!({})).await?;
        decode("get_context_usage", answer)
    }

    /// Restores files to their state at a user message (needs
    /// `enable_file_checkpointing`, and `replay_user_messages` to learn the
    /// messages' uuids). With `dry_run`, only reports what would change.
    pub async fn rewind_files(
        &self,
        user_message_id: &str,
        dry_run: bool,
    ) -> Result<RewindFilesResult> {
        let mut fields = json!({"user_message_id": user_message_id});
        if dry_run {
            fields["dry_run"] = Value::Bool(true);
        }
        let answer = self.control_request("rewind_files", fields).await?;
        decode("rewind_files", answer)
    }

    /// Stops a background task (a `task_notification` with status
    /// `stopped` follows).
    pub async fn stop_task(&self, task_id: &str) -> Result<()> {
        self.control_request("stop_task", json!({"task_id": task_id}))
            .await
            .map(drop)
    }

    /// Sends the running work to the background (or only the tool use
    /// `tool_use_id`).
    pub async fn background_tasks(&self, tool_use_id: Option<&str>) -> Result<Value> {
        let fields = match tool_use_id {
            Some(id) => json!({"tool_use_id": id}),
            None => json!({}),
        };
        self.control_request("background_tasks", fields).await
    }

    /// The slash commands of the session: first those of the options'
    /// [registry](crate::commands), which the SDK answers itself (marked
    /// `"source": "sdk"` in `extra`), then the CLI's, from `initialize` or
    /// from its latest `system/commands_changed` message. The latter adds
    /// the prompts of stdio and HTTP MCP servers once they connect, under
    /// their display name `<server>:<prompt> (MCP)` (invoke them as
    /// `/mcp__<server>__<prompt>`). A registered command hides a CLI
    /// command of the same name.
    pub fn supported_commands(&self) -> Result<Vec<SlashCommand>> {
        let info = self.server_info()?;
        let mut commands = self.options().commands().slash_commands();
        let changed = self.engine()?.run_state().borrow().commands.clone();
        let cli = changed.unwrap_or_else(|| info.commands.clone());
        for command in cli {
            if !commands.iter().any(|c| c.name == command.name) {
                commands.push(command);
            }
        }
        Ok(commands)
    }

    /// The models the CLI offers (from `initialize`).
    pub fn supported_models(&self) -> Result<&[ModelInfo]> {
        Ok(&self.server_info()?.models)
    }

    /// The subagents the CLI offers (from `initialize`).
    pub fn supported_agents(&self) -> Result<&[AgentInfo]> {
        Ok(&self.server_info()?.agents)
    }

    /// The account the CLI uses (from `initialize`).
    pub fn account_info(&self) -> Result<Option<&AccountInfo>> {
        Ok(self.server_info()?.account.as_ref())
    }

    /// The protocol capabilities the CLI announced, in `initialize` and in
    /// its latest `system/init`.
    pub fn server_capabilities(&self) -> Result<Vec<String>> {
        let mut capabilities = self.server_info()?.capabilities.clone();
        let run = self.engine()?.run_state();
        for capability in &run.borrow().capabilities {
            if !capabilities.contains(capability) {
                capabilities.push(capability.clone());
            }
        }
        Ok(capabilities)
    }
}
