//! Attribute macros for claude-agent-sdk. Use them through the
//! `claude-agent-sdk` crate (its `macros` feature, on by default), which
//! documents them with examples.

use proc_macro::TokenStream;

mod hook;

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
