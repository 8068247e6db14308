//! The builder methods that set the permission and elicitation callbacks.

use std::future::Future;
use std::sync::Arc;

use futures::FutureExt;

use super::handler::{CanUseToolHandler, ElicitationHandler};
use super::{ElicitationRequest, ElicitationResponse, IntoPermissionResult, ToolPermissionRequest};
use crate::options::ClaudeAgentOptionsBuilder;

impl ClaudeAgentOptionsBuilder {
    /// Decides in your code whether a tool may run, whenever the CLI's rules
    /// would ask (see [`permissions`](crate::permissions)). Starts the CLI
    /// with `--permission-prompt-tool stdio`.
    ///
    /// The callback returns a
    /// [`PermissionResult`](crate::permissions::PermissionResult) (or a
    /// `Result` of one; an error refuses the call). It is not called for
    /// tools in [`allowed_tools`](Self::allowed_tools), in
    /// `BypassPermissions` mode, or when a PreToolUse hook allowed the call;
    /// nor for what the CLI approves on its own: its read-only tools (`Read`,
    /// `Grep`, `Glob`, ...), Bash commands it classifies as read-only (`ls`,
    /// `cat`, `git status`, ...), and, in `AcceptEdits` mode, file edits in
    /// the working folder. Deny those with rules (`disallowed_tools`) or a
    /// PreToolUse hook. Setting it again replaces it.
    ///
    /// ```
    /// use claude_agent_sdk::ClaudeAgentOptions;
    /// use claude_agent_sdk::permissions::{PermissionResult, ToolPermissionRequest};
    /// use serde_json::json;
    ///
    /// let options = ClaudeAgentOptions::builder()
    ///     .can_use_tool(|request: ToolPermissionRequest| async move {
    ///         if request.tool_name == "Bash" {
    ///             // Run every command in a dry-run wrapper instead.
    ///             let command = request.input["command"].as_str().unwrap_or_default();
    ///             PermissionResult::allow()
    ///                 .with_updated_input(json!({"command": format!("echo would run: {command}")}))
    ///         } else {
    ///             PermissionResult::deny("only Bash is allowed")
    ///         }
    ///     })
    ///     .build();
    /// # drop(options);
    /// ```
    ///
    /// [`build`](Self::build) panics if
    /// [`permission_prompt_tool_name`](Self::permission_prompt_tool_name) is
    /// set as well: the two are different ways of answering the same
    /// question.
    pub fn can_use_tool<F, Fut, R>(mut self, callback: F) -> Self
    where
        F: Fn(ToolPermissionRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoPermissionResult,
    {
        let handler = CanUseToolHandler {
            callback: Arc::new(move |request| {
                callback(request)
                    .map(IntoPermissionResult::into_permission_result)
                    .boxed()
            }),
        };
        self.options.handlers.can_use_tool = Some(Arc::new(handler));
        self
    }

    /// Answers the questions MCP servers ask the user (`elicitation/create`).
    /// Without a handler the SDK declines them.
    ///
    /// ```
    /// use claude_agent_sdk::ClaudeAgentOptions;
    /// use claude_agent_sdk::permissions::{ElicitationRequest, ElicitationResponse};
    /// use serde_json::json;
    ///
    /// let options = ClaudeAgentOptions::builder()
    ///     .on_elicitation(|request: ElicitationRequest| async move {
    ///         if request.message.contains("name") {
    ///             ElicitationResponse::accept(json!({"name": "Ada"}))
    ///         } else {
    ///             ElicitationResponse::decline()
    ///         }
    ///     })
    ///     .build();
    /// # drop(options);
    /// ```
    pub fn on_elicitation<F, Fut>(mut self, callback: F) -> Self
    where
        F: Fn(ElicitationRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ElicitationResponse> + Send + 'static,
    {
        let handler = ElicitationHandler {
            callback: Arc::new(move |request| callback(request).boxed()),
        };
        self.options.handlers.elicitation = Some(Arc::new(handler));
        self
    }
}

#[cfg(test)]
mod tests {
    use crate::options::ClaudeAgentOptions;
    use crate::permissions::PermissionResult;

    #[test]
    fn can_use_tool_and_a_prompt_tool_are_refused_when_the_session_starts() {
        let options = ClaudeAgentOptions::builder()
            .permission_prompt_tool_name("mcp__perm__ask")
            .can_use_tool(|_| async { PermissionResult::allow() })
            .build();
        let err =
            crate::options::build_command(&options, std::path::Path::new("claude")).unwrap_err();
        assert!(
            matches!(&err, crate::Error::InvalidOptions(m) if m.contains("cannot be combined")),
            "{err}"
        );
    }

    #[test]
    fn can_use_tool_starts_the_cli_with_the_stdio_prompt_tool() {
        let options = ClaudeAgentOptions::builder()
            .can_use_tool(|_| async { PermissionResult::allow() })
            .build();
        let command = crate::options::build_command(&options, std::path::Path::new("claude"))
            .unwrap()
            .command;
        assert!(
            command
                .args
                .windows(2)
                .any(|pair| pair == ["--permission-prompt-tool", "stdio"]),
            "{:?}",
            command.args
        );
    }
}
