//! Slash commands written in Rust: answered by the SDK, expanded into
//! prompts, or served to Claude Code as MCP prompts.
//!
//! [`#[slash_command]`](crate::slash_command) turns an async function into a
//! [`Command`]. Register commands with
//! [`ClaudeAgentOptionsBuilder::slash_command`](crate::ClaudeAgentOptionsBuilder::slash_command);
//! then every prompt sent through [`ClaudeClient::query`](crate::ClaudeClient::query),
//! [`Session`](crate::session::Session) or [`query`](crate::query()) that
//! starts with `/<name>` of a registered command is handled by the SDK
//! first:
//!
//! - a command that returns a [`Reply`] is answered locally: no model
//!   request, nothing sent to the CLI. The reply arrives on the turn's
//!   message stream the way the CLI's own local commands (`/cost`) do: a
//!   `<synthetic>` assistant message with the text, then a result with
//!   `num_turns: 0`, [`local_command`](crate::ResultMessage::local_command)
//!   set to the command's name and
//!   [`is_sdk_command`](crate::ResultMessage::is_sdk_command) true;
//! - a command that returns a [`Prompt`] is expanded: the prompt is sent
//!   in place of the command line;
//! - a failure (a missing argument, an `Err`, a panic) is answered locally
//!   like a reply, with `is_error` set on the result;
//! - any other `/command` goes to the CLI unchanged: its built-ins
//!   (`/compact`, `/cost`), the project's commands in `.claude/commands`,
//!   skills, and the prompts of MCP servers (`/mcp__<server>__<prompt>`).
//!
//! [`ClaudeClient::supported_commands`](crate::ClaudeClient::supported_commands)
//! lists the registered commands and the CLI's.
//!
//! ```
//! use claude_agent_sdk::commands::{CommandContext, Prompt, Reply};
//! use claude_agent_sdk::{ClaudeAgentOptions, slash_command};
//!
//! /// Shows what this session is.
//! #[slash_command]
//! async fn status(ctx: CommandContext) -> Reply {
//!     Reply(format!("session {}", ctx.session_id().unwrap_or("not started")))
//! }
//!
//! /// Asks Claude to review a file.
//! #[slash_command]
//! async fn review(
//!     /// The file to review.
//!     file: String,
//!     /// What to look at (default: bugs).
//!     focus: Option<String>,
//! ) -> Prompt {
//!     Prompt(format!("Review {file}, looking for {}.", focus.as_deref().unwrap_or("bugs")))
//! }
//!
//! let options = ClaudeAgentOptions::builder()
//!     .slash_command(status)
//!     .slash_command(review)
//!     .build();
//! assert_eq!(options.commands().names().collect::<Vec<_>>(), ["status", "review"]);
//! ```
//!
//! # Commands inside Claude Code
//!
//! Claude Code offers the prompts of its stdio and HTTP MCP servers as
//! slash commands, `/mcp__<server>__<prompt> args` (it never asks the
//! in-process servers of an SDK session for prompts). Serve commands with
//! [`McpServer::slash_command`](crate::mcp::McpServer::slash_command) and
//! [`McpServer::serve_stdio`](crate::mcp::McpServer::serve_stdio) (or
//! `serve_http`), and the same Rust command works in Claude Code itself.
//! The CLI splits the arguments on whitespace and assigns them in declared
//! order, as the registry does.

mod local_reply;
mod prepare;
mod registry;

#[doc(hidden)]
pub use claude_agent_mcp::__private;
pub use claude_agent_mcp::{
    Command, CommandArgs, CommandArgument, CommandContext, CommandOrigin, CommandOutput,
    IntoCommandOutput, MissingArgument, Prompt, PromptTemplate, Reply, argument_hint,
};
pub(crate) use prepare::{Prepared, prepare};
pub use registry::{CommandRegistry, CommandRun};
