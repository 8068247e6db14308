//! In-process MCP servers: Rust functions as tools that Claude calls.
//!
//! Write tools with [`#[tool]`](crate::tool) (or implement [`Tool`]), put
//! them in an [`McpServer`], and add it to a session with
//! [`ClaudeAgentOptionsBuilder::mcp_server`](crate::ClaudeAgentOptionsBuilder::mcp_server).
//! The CLI sees the server as `{"type": "sdk"}` and sends it every MCP
//! message through the control protocol; each CLI process gets its own
//! connection to the server, and tool calls run concurrently.
//!
//! Claude sees a tool as `mcp__<server>__<tool>`; allow it with
//! `allowed_tools` (or answer permission requests), or the CLI refuses the
//! call.
//!
//! Recent CLIs (2.1.330) defer MCP tools: the model first sees only their
//! names, behind the `ToolSearch` tool, and their schemas when it asks. A
//! tool with `_meta` `{"anthropic/alwaysLoad": true}` (`#[tool(meta =
//! r#"{"anthropic/alwaysLoad": true}"#)]`) is always in the prompt with its
//! schema.
//!
//! ```no_run
//! use claude_agent_sdk::mcp::McpServer;
//! use claude_agent_sdk::{ClaudeAgentOptions, query, tool};
//!
//! /// Add two numbers.
//! #[tool]
//! async fn add(a: i64, b: i64) -> String {
//!     (a + b).to_string()
//! }
//!
//! # async fn demo() -> claude_agent_sdk::Result<()> {
//! let calc = McpServer::new("calc").version("1.0.0").tool(add);
//! let options = ClaudeAgentOptions::builder()
//!     .allowed_tools(calc.qualified_tool_names())
//!     .mcp_server(calc)
//!     .build();
//! let messages = query("What is 40 + 2? Use the calculator.", options).await?;
//! # let _ = messages; Ok(()) }
//! ```
//!
//! The same [`McpServer`] can be served standalone, to any MCP client, with
//! [`McpServer::serve_stdio`] or (feature `http`) `McpServer::serve_http`.
//! The types here are those of the `claude-agent-mcp` crate, which servers
//! that do not drive Claude can use alone.

mod options;
mod sdk_server;

#[doc(hidden)]
pub use claude_agent_mcp::__private;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use claude_agent_mcp::HttpServer;
pub use claude_agent_mcp::{
    Bridge, Content, Error, Image, IntoToolResult, Json, McpServer, NameKind, ResourceLink,
    SchemaError, SharedTools, Tool, ToolAnnotations, ToolContext, ToolResult, ToolSet,
    qualified_tool_name, schema,
};
