//! Where generated code finds its support items: always through a
//! `__private` module, never through crates the user may not depend on.

use proc_macro2::TokenStream;
use quote::quote;

/// Which crate the macro was reached through.
#[derive(Clone, Copy)]
pub(crate) enum Target {
    /// `claude_agent_sdk::tool`: support items at `::claude_agent_sdk::mcp`.
    Sdk,
    /// `claude_agent_mcp::tool`: support items at `::claude_agent_mcp`.
    Runtime,
}

impl Target {
    /// The path of the module that holds `__private`, unless overridden
    /// with `crate = "..."`.
    pub(crate) fn default_root(self) -> TokenStream {
        match self {
            Target::Sdk => quote!(::claude_agent_sdk::mcp),
            Target::Runtime => quote!(::claude_agent_mcp),
        }
    }

    /// The path of the module that holds the slash commands' `__private`,
    /// unless overridden with `crate = "..."`.
    pub(crate) fn command_root(self) -> TokenStream {
        match self {
            Target::Sdk => quote!(::claude_agent_sdk::commands),
            Target::Runtime => quote!(::claude_agent_mcp),
        }
    }
}
