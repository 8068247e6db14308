#![doc = include_str!("../../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
//!
//! ## Modules
//!
//! The crate root re-exports the handful of types most programs need; the
//! rest lives in topic modules: [`messages`], [`options`], [`client`],
//! [`session`], [`agents`], [`commands`], [`hooks`], [`permissions`],
//! [`mcp`], [`skills`], [`todos`], [`orchestration`], [`cli`],
//! [`transport`], [`control`], [`warm`], and (feature `testing`) `testing`.
//! [`prelude`] imports what nearly every program uses.
//!
//! ## Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `macros` | yes | `#[tool]`, `#[tools]`, `#[hook]`, `#[agent]`, `#[slash_command]` |
//! | `http` | no | serving MCP servers over streamable HTTP (`McpServer::serve_http`) |
//! | `testing` | no | the scripted Messages API, `testing::Backend` (online or offline), CLI install for tests |

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
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
pub mod todos;
pub mod transport;
pub mod warm;

/// What nearly every program uses: `use claude_agent_sdk::prelude::*;`.
///
/// ```no_run
/// use claude_agent_sdk::prelude::*;
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let mut stream = query_stream("What is 2 + 2?", ClaudeAgentOptions::default()).await?;
/// while let Some(message) = stream.next().await {
///     if let Message::Result(result) = message? {
///         println!("{}", result.result().unwrap_or_default());
///     }
/// }
/// # Ok(()) }
/// ```
pub mod prelude {
    pub use crate::mcp::McpServer;
    pub use crate::{
        ClaudeAgentOptions, ClaudeClient, ContentBlock, Error, McpServerConfig, Message,
        MessageStream, PermissionMode, Result, ResultMessage, query, query_stream,
    };
    #[cfg(feature = "macros")]
    pub use crate::{agent, hook, slash_command, tool, tools};
    pub use futures::{Stream, StreamExt};
}

pub use async_trait::async_trait;
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
#[doc = include_str!("agents/agent_macro.md")]
pub use claude_agent_sdk_macros::agent;
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
#[doc = include_str!("hooks/hook_macro.md")]
pub use claude_agent_sdk_macros::hook;
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
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
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
#[doc = include_str!("mcp/docs/tool.md")]
pub use claude_agent_sdk_macros::tool;
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
#[doc = include_str!("mcp/docs/tools.md")]
pub use claude_agent_sdk_macros::tools;
