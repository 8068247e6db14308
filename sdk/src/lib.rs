#![doc = include_str!("../../README.md")]
//!
//! ## Modules
//!
//! The crate root re-exports the handful of types most programs need; the
//! rest lives in topic modules: [`messages`], [`options`], [`client`],
//! [`session`], [`agents`], [`commands`], [`hooks`], [`permissions`],
//! [`mcp`], [`skills`], [`todos`], [`orchestration`], [`cli`],
//! [`transport`], [`control`], and (feature `testing`) `testing`.

mod error;
mod panic_message;
mod query;
mod redact;
mod stream;
mod structured;
mod wire;

pub mod agents;
pub mod cli;
pub mod client;
pub mod commands;
pub mod control;
pub mod hooks;
pub mod mcp;
pub mod messages;
pub mod options;
pub mod orchestration;
pub mod permissions;
pub mod session;
pub mod skills;
#[cfg(feature = "testing")]
pub mod testing;
pub mod todos;
pub mod transport;
pub mod warm;

pub use async_trait::async_trait;
#[cfg(feature = "macros")]
#[doc = include_str!("agents/agent_macro.md")]
pub use claude_agent_sdk_macros::agent;
#[cfg(feature = "macros")]
#[doc = include_str!("hooks/hook_macro.md")]
pub use claude_agent_sdk_macros::hook;
#[cfg(feature = "macros")]
#[doc = include_str!("commands/slash_command_macro.md")]
pub use claude_agent_sdk_macros::slash_command;
pub use client::ClaudeClient;
pub use error::{Error, ExitInfo, Result};
pub use messages::{ContentBlock, Message, ResultMessage};
pub use options::{
    AgentDefinition, ClaudeAgentOptions, ClaudeAgentOptionsBuilder, McpServerConfig,
    PermissionMode, SystemPrompt,
};
pub use query::{query, query_stream};
pub use stream::MessageStream;
pub use structured::query_typed;

#[cfg(feature = "macros")]
#[doc = include_str!("mcp/docs/tool.md")]
pub use claude_agent_sdk_macros::tool;
#[cfg(feature = "macros")]
#[doc = include_str!("mcp/docs/tools.md")]
pub use claude_agent_sdk_macros::tools;
