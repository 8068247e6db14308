//! [`CommandContext`]: where a command runs.

/// Who runs a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum CommandOrigin {
    /// The SDK's command registry, before anything is sent to the CLI
    /// (`client.query("/status")`).
    #[default]
    Sdk,
    /// An MCP client asked for the command as a prompt (`prompts/get`),
    /// e.g. Claude Code running `/mcp__<server>__<command>`.
    McpPrompt,
}

/// What a command knows about the invocation it serves.
///
/// Add a `CommandContext` parameter to a `#[slash_command]` function to
/// get it.
///
/// ```
/// use claude_agent_mcp::{CommandContext, CommandOrigin};
///
/// let ctx = CommandContext::new(CommandOrigin::Sdk).with_session_id("s-1");
/// assert_eq!(ctx.session_id(), Some("s-1"));
/// assert_eq!(ctx.origin(), CommandOrigin::Sdk);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CommandContext {
    origin: CommandOrigin,
    session_id: Option<String>,
}

impl CommandContext {
    /// A context for a command run by `origin`.
    #[must_use]
    pub fn new(origin: CommandOrigin) -> Self {
        Self {
            origin,
            session_id: None,
        }
    }

    /// Sets the session the command runs in.
    #[must_use]
    pub fn with_session_id(mut self, id: impl Into<String>) -> Self {
        self.session_id = Some(id.into());
        self
    }

    /// Who runs the command.
    #[must_use]
    pub fn origin(&self) -> CommandOrigin {
        self.origin
    }

    /// The Claude session the command runs in, when the SDK knows it.
    #[must_use]
    pub fn session_id(&self) -> Option<&str> {
        self.session_id.as_deref()
    }
}
