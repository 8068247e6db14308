//! Attribute macros for `claude-agent-sdk` and `claude-agent-mcp`. Use them
//! through those crates (the `macros` feature, on by default), which
//! document them with examples.
//!
//! `#[tool]`/`#[tools]` exist twice: `tool`/`tools` for users of
//! `claude-agent-sdk` (generated paths go through
//! `::claude_agent_sdk::mcp`) and `runtime_tool`/`runtime_tools`, which
//! `claude-agent-mcp` re-exports as `tool`/`tools` (paths go through
//! `::claude_agent_mcp`). `#[slash_command]` likewise exists as
//! `slash_command` (paths through `::claude_agent_sdk::commands`) and
//! `runtime_slash_command` (re-exported by `claude-agent-mcp`). `#[hook]`
//! and `#[agent]` belong to `claude-agent-sdk` only. Each entry point only
//! hands its input to the module that implements it.

use proc_macro::TokenStream;

mod agent;
mod common;
mod hook;
mod slash_command;
mod tool;

use common::paths::Target;

/// Turns an `async fn` into a hook that
/// `ClaudeAgentOptionsBuilder::hook` accepts.
///
/// ```text
/// #[hook(PreToolUse, matcher = "Bash", timeout = 5)]
/// async fn guard_bash(input: PreToolUseInput) -> HookOutput { ... }
/// ```
///
/// See `claude_agent_sdk::hook` for the full documentation.
#[proc_macro_attribute]
pub fn hook(attr: TokenStream, item: TokenStream) -> TokenStream {
    hook::expand(attr.into(), item.into()).into()
}

/// `#[tool]` for users of `claude-agent-sdk`; see `claude_agent_sdk::tool`.
#[proc_macro_attribute]
pub fn tool(attr: TokenStream, item: TokenStream) -> TokenStream {
    tool::expand_fn(attr.into(), item.into(), Target::Sdk).into()
}

/// `#[tools]` for users of `claude-agent-sdk`; see `claude_agent_sdk::tools`.
///
/// One `#[tools]` block per type: it implements `ToolSet` and `SharedTools`
/// for the type with the `#[tool]` methods of that block, so a second
/// `#[tools]` impl of the same type is a conflicting implementation
/// (E0119). Put every tool method of a type in one `#[tools]` block (other,
/// plain impl blocks of the type are fine).
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
///
/// One `#[tools]` block per type, as for [`tools`](macro@tools): a second
/// one conflicts with the first's `ToolSet` and `SharedTools` impls
/// (E0119).
#[proc_macro_attribute]
pub fn runtime_tools(attr: TokenStream, item: TokenStream) -> TokenStream {
    tool::expand_impl(attr.into(), item.into(), Target::Runtime).into()
}

/// `#[slash_command]` for users of `claude-agent-sdk`; see
/// `claude_agent_sdk::slash_command`.
#[proc_macro_attribute]
pub fn slash_command(attr: TokenStream, item: TokenStream) -> TokenStream {
    slash_command::expand(attr.into(), item.into(), Target::Sdk).into()
}

/// `#[slash_command]` for users of `claude-agent-mcp` alone; re-exported
/// there as `claude_agent_mcp::slash_command`.
#[proc_macro_attribute]
pub fn runtime_slash_command(attr: TokenStream, item: TokenStream) -> TokenStream {
    slash_command::expand(attr.into(), item.into(), Target::Runtime).into()
}

/// Turns a unit struct into a subagent definition that
/// `ClaudeAgentOptionsBuilder::agent` accepts.
///
/// ```text
/// /// Reviews Rust code for bugs.
/// #[agent(prompt = "You are a strict reviewer.", tools = ["Read", "Grep"])]
/// struct CodeReviewer;
/// ```
///
/// See `claude_agent_sdk::agent` for the full documentation.
#[proc_macro_attribute]
pub fn agent(attr: TokenStream, item: TokenStream) -> TokenStream {
    agent::expand(attr.into(), item.into()).into()
}
