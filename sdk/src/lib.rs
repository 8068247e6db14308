#![doc = include_str!("../../README.md")]
//!
//! ## Modules
//!
//! The crate root re-exports the handful of types most programs need; the
//! rest lives in topic modules: [`messages`], [`options`], [`client`],
//! [`session`], [`cli`], [`transport`], [`control`], and (feature
//! `testing`) `testing`.

mod error;
mod query;
mod stream;
mod structured;
mod wire;

pub mod cli;
pub mod client;
pub mod control;
pub mod mcp;
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
pub use structured::query_typed;

/// Turns an `async fn` into an MCP tool: a unit struct of the same name that
/// implements [`mcp::Tool`], with the function still callable as
/// `<name>::call(..)` (in unit tests, say). Add it to an
/// [`mcp::McpServer`] with `.tool(name)`.
///
/// Doc comments become the tool's description (and, on parameters or the
/// fields of an arguments struct, the properties' descriptions).
///
/// - **Named parameters** (`async fn add(a: i64, b: i64)`) are the
///   properties of the tool's input; parameter attributes like
///   `#[serde(default)]` apply to the property.
/// - **An arguments struct**: when the only input parameter is named `args`
///   (or `_args`), or is a struct pattern (`Range { from, to }: Range`), its
///   type is the whole input and its schema the input schema.
/// - A [`mcp::ToolContext`] parameter (by value or reference, anywhere)
///   gives the tool-use id, progress reporting and cancellation.
///
/// Parameter types need `serde::Deserialize` and `schemars::JsonSchema`; the
/// return type anything [`mcp::IntoToolResult`] (text, [`mcp::Json`],
/// content, or a `Result` whose `Err` the model reads as an error).
///
/// Attribute arguments: `name = "..."`, `description = "..."`,
/// `title = "..."`, `read_only`, `destructive`, `idempotent`, `open_world`
/// (each optionally `= false`), `meta = r#"{...}"#` and `crate = "path"`
/// (the path of a module re-exporting `claude_agent_sdk::mcp`).
///
/// ```
/// use claude_agent_sdk::mcp::{Json, McpServer, ToolContext};
/// use claude_agent_sdk::tool;
///
/// /// Add two numbers.
/// #[tool]
/// async fn add(a: i64, b: i64) -> String {
///     (a + b).to_string()
/// }
///
/// #[derive(serde::Deserialize, schemars::JsonSchema)]
/// struct Range {
///     /// The first number.
///     from: i64,
///     /// The last number.
///     to: i64,
/// }
///
/// /// Sum a range of numbers.
/// #[tool(name = "sum", read_only)]
/// async fn sum_range(args: Range, ctx: ToolContext) -> Result<Json<i64>, String> {
///     if args.from > args.to {
///         return Err(format!("{} is after {}", args.from, args.to));
///     }
///     let _ = ctx.tool_use_id();
///     Ok(Json((args.from..=args.to).sum()))
/// }
///
/// let calc = McpServer::new("calc").tool(add).tool(sum_range);
/// assert_eq!(calc.qualified_tool_names(), ["mcp__calc__add", "mcp__calc__sum"]);
/// ```
///
/// In the module that defines a tool, the tool's name is a unit struct: a
/// local variable of the same name (`let add = ...`) does not compile there.
#[cfg(feature = "macros")]
pub use claude_agent_sdk_macros::tool;

/// Turns the `#[tool]` methods of an `impl` block into tools that share the
/// value (`&self`); the type then implements [`mcp::ToolSet`], and so does
/// `Arc` of it. Add them with [`mcp::McpServer::tools`].
///
/// ```
/// use std::sync::Mutex;
/// use claude_agent_sdk::mcp::McpServer;
/// use claude_agent_sdk::{tool, tools};
///
/// struct Notes {
///     notes: Mutex<Vec<String>>,
/// }
///
/// #[tools]
/// impl Notes {
///     /// Remember a note.
///     #[tool]
///     async fn remember(&self, note: String) -> String {
///         let mut notes = self.notes.lock().unwrap();
///         notes.push(note);
///         format!("{} notes", notes.len())
///     }
///
///     /// List the notes.
///     #[tool(read_only)]
///     async fn list(&self) -> String {
///         self.notes.lock().unwrap().join("\n")
///     }
/// }
///
/// let server = McpServer::new("notes").tools(Notes { notes: Mutex::default() });
/// assert_eq!(server.tool_names().collect::<Vec<_>>(), ["remember", "list"]);
/// ```
#[cfg(feature = "macros")]
pub use claude_agent_sdk_macros::tools;
pub use stream::MessageStream;
