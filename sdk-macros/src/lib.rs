//! Attribute macros for `claude-agent-sdk` and `claude-agent-mcp`.
//!
//! Use them through those crates: `claude_agent_sdk::tool` (paths in the
//! generated code go through `::claude_agent_sdk::mcp`) or
//! `claude_agent_mcp::tool` (paths go through `::claude_agent_mcp`). Each
//! entry point only hands its input to the module that implements it.

use proc_macro::TokenStream;

mod common;
mod tool;

use common::paths::Target;

/// `#[tool]` for users of `claude-agent-sdk`; see `claude_agent_sdk::tool`.
#[proc_macro_attribute]
pub fn tool(attr: TokenStream, item: TokenStream) -> TokenStream {
    tool::expand_fn(attr.into(), item.into(), Target::Sdk).into()
}

/// `#[tools]` for users of `claude-agent-sdk`; see `claude_agent_sdk::tools`.
#[proc_macro_attribute]
pub fn tools(attr: TokenStream, item: TokenStream) -> TokenStream {
    tool::expand_impl(attr.into(), item.into(), Target::Sdk).into()
}

/// `#[tool]` for users of `claude-agent-mcp` alone; re-exported there as
/// `claude_agent_mcp::tool`.
#[proc_macro_attribute]
pub fn runtime_tool(attr: TokenStream, item: TokenStream) -> TokenStream {
    tool::expand_fn(attr.into(), item.into(), Target::Runtime).into()
}

/// `#[tools]` for users of `claude-agent-mcp` alone; re-exported there as
/// `claude_agent_mcp::tools`.
#[proc_macro_attribute]
pub fn runtime_tools(attr: TokenStream, item: TokenStream) -> TokenStream {
    tool::expand_impl(attr.into(), item.into(), Target::Runtime).into()
}
