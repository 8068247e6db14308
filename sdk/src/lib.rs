#![doc = include_str!("../../README.md")]
//!
//! ## Modules
//!
//! The crate root re-exports the handful of types most programs need; the
//! rest lives in topic modules: [`messages`], [`options`], [`client`],
//! [`session`], [`skills`], [`todos`], [`orchestration`], [`cli`], [`transport`], [`control`], and (feature
//! `testing`) `testing`.

mod error;
mod query;
mod stream;
mod wire;

pub mod cli;
pub mod client;
pub mod control;
pub mod messages;
pub mod options;
pub mod orchestration;
pub mod session;
pub mod skills;
#[cfg(feature = "testing")]
pub mod testing;
pub mod todos;
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
