//! # claude-agent-mcp
//!
//! The MCP runtime of `claude-agent-sdk`: Rust functions become MCP tools,
//! served in-process to Claude Code (through `claude-agent-sdk`) or
//! standalone, over stdio or streamable HTTP, to any MCP client. Built on
//! [rmcp](https://crates.io/crates/rmcp), whose types stay inside this
//! crate.
//!
//! ```
//! use claude_agent_mcp::{Json, McpServer, ToolContext, tool, tools};
//! use serde::{Deserialize, Serialize};
//! use schemars::JsonSchema;
//!
//! /// Add two numbers.
//! #[tool]
//! async fn add(a: i64, b: i64) -> String {
//!     (a + b).to_string()
//! }
//!
//! #[derive(Deserialize, JsonSchema)]
//! struct SearchArgs {
//!     /// What to look for.
//!     query: String,
//!     /// At most this many hits.
//!     limit: Option<u32>,
//! }
//!
//! #[derive(Serialize, JsonSchema)]
//! struct Hit { title: String }
//!
//! /// Search the notes.
//! #[tool(read_only)]
//! async fn search(args: SearchArgs, ctx: ToolContext) -> Result<Json<Vec<Hit>>, String> {
//!     let _ = ctx.tool_use_id();
//!     let limit = args.limit.unwrap_or(10) as usize;
//!     Ok(Json(vec![Hit { title: args.query }].into_iter().take(limit).collect()))
//! }
//!
//! struct Counter { step: i64 }
//!
//! #[tools]
//! impl Counter {
//!     /// Add the step to a number.
//!     #[tool]
//!     async fn step(&self, n: i64) -> String {
//!         (n + self.step).to_string()
//!     }
//! }
//!
//! let server = McpServer::new("notes")
//!     .version("1.0.0")
//!     .tool(add)
//!     .tool(search)
//!     .tools(Counter { step: 2 });
//! assert_eq!(server.tool_names().collect::<Vec<_>>(), ["add", "search", "step"]);
//! ```
//!
//! ## Tool inputs
//!
//! A `#[tool]` function takes its input in one of two ways:
//!
//! - **named parameters** (`async fn add(a: i64, b: i64)`): each parameter
//!   is a property of the input object. Parameter attributes such as
//!   `#[serde(default)]` or `#[schemars(description = "...")]` apply to the
//!   property, and doc comments on parameters become descriptions;
//! - **one arguments struct**: a single parameter named `args` (or `_args`),
//!   or a single parameter with a struct pattern (`SearchArgs { query, limit
//!   }: SearchArgs`), is the whole input: its type's schema is the tool's
//!   input schema, and its field docs describe the properties.
//!
//! A parameter of type [`ToolContext`] (at any position) is not part of the
//! input. Parameter types need `serde::Deserialize` and
//! `schemars::JsonSchema`.
//!
//! ## Tool outputs
//!
//! A tool returns anything [`IntoToolResult`]: text, [`Json<T>`] for JSON
//! (structured output when `T` serializes to an object; other values, like
//! the `Vec` above, go as JSON text), [`Content`] blocks, [`Image`]s,
//! [`ResourceLink`]s, a [`ToolResult`], or a `Result` of these whose `Err`
//! (any `Display`) becomes an `isError` result the model reads. Input that
//! does not match the schema and panics are `isError` results too.
//!
//! ## Schemas
//!
//! Every schema follows one policy, described in [`schema`].
//!
//! ## Serving
//!
//! - In-process, inside Claude Code's control protocol: through the
//!   `claude-agent-sdk` crate, which uses a [`Bridge`] per CLI process.
//! - Standalone over stdio: [`McpServer::serve_stdio`].
//! - Standalone over streamable HTTP (feature `http`): `McpServer::serve_http`
//!   and `McpServer::bind_http`; authentication, `Origin` checking and the
//!   limits on connections and sessions are set on `HttpServer`.
//!
//! Every server reports its own name and version, negotiates MCP revisions
//! up to 2025-11-25, and runs tool calls concurrently; a cancelled call is
//! dropped.
//!
//! ## Slash commands
//!
//! A server also serves slash commands written in Rust
//! ([`McpServer::slash_command`], [`slash_command`](macro@slash_command)) as
//! MCP prompts, which Claude Code offers as `/mcp__<server>__<command>`;
//! see [`Command`].
//!
//! ## Features
//!
//! - `macros` (default): `#[tool]`, `#[tools]` and `#[slash_command]`.
//! - `http`: streamable-HTTP serving (pulls in hyper).

mod bridge;
mod command;
mod content;
mod context;
mod error;
mod handler;
mod names;
mod panic_message;
mod result;
mod serve;
mod server;
mod tool;

pub mod schema;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use bridge::{Bridge, NotificationSink};
pub use command::{
    Command, CommandArgs, CommandArgument, CommandContext, CommandOrigin, CommandOutput,
    IntoCommandOutput, MissingArgument, Prompt, PromptTemplate, Reply, argument_hint, run_command,
};
pub use content::{Content, Image, ResourceLink};
pub use context::ToolContext;
pub use error::{Error, NameKind, SchemaError};
pub use names::{
    MAX_QUALIFIED_LEN, qualified_tool_name, validate_command_name, validate_qualified_name,
    validate_server_name, validate_tool_name,
};
pub use result::{IntoToolResult, Json, ToolResult};
#[cfg(feature = "http")]
pub use serve::HttpServer;
pub use server::McpServer;
pub use tool::{SharedTools, Tool, ToolAnnotations, ToolSet};

/// Turns an `async fn` into a tool: a unit struct of the same name that
/// implements [`Tool`], with the function still callable as
/// `<name>::call(..)`.
///
/// Attribute arguments: `name = "..."`, `description = "..."` (default: the
/// doc comment), `title = "..."`, the annotations `read_only`,
/// `destructive`, `idempotent`, `open_world` (each optionally `= false`),
/// `meta = r#"{...}"#` (a JSON object) and `crate = "path"` (where this
/// crate is re-exported). See the [crate docs](crate#tool-inputs) for how
/// parameters become the input schema.
#[cfg(feature = "macros")]
pub use claude_agent_sdk_macros::runtime_tool as tool;

/// Turns the `#[tool]` methods of an `impl` block into tools that share
/// `&self`: the type then implements [`ToolSet`], and so does `Arc` of it.
/// Pass either to [`McpServer::tools`].
#[cfg(feature = "macros")]
pub use claude_agent_sdk_macros::runtime_tools as tools;

/// Turns an `async fn` into a slash command: a unit struct of the same name
/// that implements [`Command`], with the function still callable as
/// `<name>::call(..)`. Serve it with [`McpServer::slash_command`].
///
/// The doc comment is the description; each parameter is an argument, in
/// order (`String` or any `FromStr` type; `Option<T>` when optional; doc
/// comments on parameters describe them), except a [`CommandArgs`] (all the
/// arguments) and a [`CommandContext`]. The function returns [`Reply`],
/// [`Prompt`], [`CommandOutput`], or a `Result` of one of these. Attribute
/// arguments: `name = "..."` (default: the function's name with `_` as
/// `-`), `description = "..."`, `crate = "path"`.
///
/// ```
/// use claude_agent_mcp::{McpServer, Prompt, slash_command};
///
/// /// Asks Claude to review a file.
/// #[slash_command]
/// async fn review(
///     /// The file to review.
///     file: String,
///     /// What to focus on.
///     focus: Option<String>,
/// ) -> Prompt {
///     let focus = focus.unwrap_or_else(|| "bugs".into());
///     Prompt(format!("Review {file}, focusing on {focus}."))
/// }
///
/// let server = McpServer::new("dev").slash_command(review);
/// assert_eq!(server.prompt_definitions()[0]["arguments"][0]["name"], "file");
/// ```
#[cfg(feature = "macros")]
pub use claude_agent_sdk_macros::runtime_slash_command as slash_command;
