//! # claude-agent-sdk
//!
//! Build Claude agents in Rust. The SDK drives the Claude Code CLI (`claude`)
//! as a subprocess over its stream-json protocol: typed messages, the
//! bidirectional control protocol, hooks, permission callbacks, and MCP
//! tools written as plain Rust functions and served in-process.
//!
//! ```no_run
//! use claude_agent_sdk::{query, ClaudeAgentOptions, Message};
//!
//! #[tokio::main]
//! async fn main() -> claude_agent_sdk::Result<()> {
//!     let options = ClaudeAgentOptions::builder().max_turns(1).build();
//!     for message in query("What is 2 + 2?", options).await? {
//!         if let Message::Result(result) = message {
//!             println!("{}", result.result().unwrap_or_default());
//!         }
//!     }
//!     Ok(())
//! }
//! ```
//!
//! The crate root re-exports the handful of types most programs need; the
//! rest lives in topic modules: [`messages`], [`options`], [`cli`],
//! [`transport`], [`control`].

mod error;
mod query;
mod stream;
mod wire;

pub mod cli;
pub mod client;
pub mod control;
pub mod messages;
pub mod options;
pub mod session;
#[cfg(feature = "testing")]
pub mod testing;
pub mod transport;

pub use async_trait::async_trait;
pub use client::ClaudeClient;
pub use error::{Error, ExitInfo, Result};
pub use messages::{ContentBlock, Message, ResultMessage};
pub use options::{
    AgentDefinition, ClaudeAgentOptions, ClaudeAgentOptionsBuilder, McpServerConfig,
    PermissionMode, SystemPrompt,
};
pub use query::{query, query_stream};
pub use stream::MessageStream;
