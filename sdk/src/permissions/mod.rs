//! Permissions: deciding, in your code, whether a tool may run, and
//! answering the questions MCP servers ask the user.
//!
//! When the CLI's rules say "ask" for a tool call (no allow rule, no
//! permission mode that covers it, no hook that decided), it asks the SDK
//! host. A `can_use_tool` callback answers with a [`PermissionResult`]:
//! allow (optionally with a rewritten input and permission rule changes),
//! or deny (with a message for the model, optionally interrupting the run).
//!
//! ```
//! use claude_agent_sdk::ClaudeAgentOptions;
//! use claude_agent_sdk::permissions::{PermissionResult, ToolPermissionRequest};
//!
//! let options = ClaudeAgentOptions::builder()
//!     .can_use_tool(|request: ToolPermissionRequest| async move {
//!         match request.tool_name.as_str() {
//!             "Read" | "Glob" | "Grep" => PermissionResult::allow(),
//!             "Bash" if request.input["command"].as_str() == Some("make test") => {
//!                 PermissionResult::allow()
//!             }
//!             _ => PermissionResult::deny(format!("{} is not allowed here", request.tool_name)),
//!         }
//!     })
//!     .build();
//! # drop(options);
//! ```
//!
//! Setting the callback starts the CLI with `--permission-prompt-tool stdio`;
//! it cannot be combined with
//! [`permission_prompt_tool_name`](crate::ClaudeAgentOptionsBuilder::permission_prompt_tool_name).
//! The callback is only asked about calls the rules leave open: tools in
//! `allowed_tools`, `PermissionMode::BypassPermissions`, and PreToolUse hooks
//! that allow a call all skip it.
//!
//! A PreToolUse hook that answers [`ask`](crate::hooks::HookOutput::ask)
//! sends even an allowed call here. PermissionRequest hooks are asked at the
//! same time as the callback; the first answer wins.
//!
//! When the CLI withdraws a pending request (after an interrupt, or because
//! a PermissionRequest hook answered first), the callback is stopped, its
//! [`ToolPermissionRequest::cancellation`] fires, and no answer is sent.
//!
//! An MCP server may ask the user for input (an *elicitation*). Without an
//! [`on_elicitation`](crate::ClaudeAgentOptionsBuilder::on_elicitation)
//! handler the SDK declines.

mod elicitation;
mod handler;
mod register;
mod request;
mod result;
mod update;

pub use elicitation::{
    ElicitationAction, ElicitationMode, ElicitationRequest, ElicitationResponse,
};
pub use request::{DecisionReasonType, ToolPermissionRequest};
pub use result::{IntoPermissionResult, PermissionResult};
pub use update::{PermissionBehavior, PermissionDestination, PermissionRule, PermissionUpdate};
