//! Permission modes.

use crate::wire::string_enum;

string_enum! {
    /// How the CLI decides whether a tool may run without asking.
    ///
    /// ```
    /// use claude_agent_sdk::PermissionMode;
    /// assert_eq!(PermissionMode::AcceptEdits.as_str(), "acceptEdits");
    /// assert_eq!(PermissionMode::from("plan"), PermissionMode::Plan);
    /// ```
    pub enum PermissionMode {
        /// Ask (through `can_use_tool` or rules) for anything not allowed.
        Default = "default",
        /// Accept file edits without asking.
        AcceptEdits = "acceptEdits",
        /// Plan only: no tool with side effects runs.
        Plan = "plan",
        /// Run everything without asking (needs
        /// `allow_dangerously_skip_permissions`).
        BypassPermissions = "bypassPermissions",
        /// Deny anything that would need asking.
        DontAsk = "dontAsk",
        /// Let a classifier decide where available.
        Auto = "auto",
    }
}
