//! What a command produces: a reply shown to the user, a prompt for
//! Claude, or a failure.

use std::fmt::Display;

/// A command's answer, shown to the user without asking Claude.
///
/// Return it from a `#[slash_command]` function for a *local* command.
///
/// ```
/// use claude_agent_mcp::{CommandOutput, IntoCommandOutput, Reply};
/// assert_eq!(Reply::new("all good").into_command_output(), CommandOutput::Reply("all good".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply(pub String);

impl Reply {
    /// A reply with this text.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }
}

/// A prompt the command expands into, sent to Claude in place of the
/// command line (like the CLI's custom commands in `.claude/commands`).
///
/// ```
/// use claude_agent_mcp::{CommandOutput, IntoCommandOutput, Prompt};
/// let output = Prompt::new("Review src/lib.rs").into_command_output();
/// assert_eq!(output, CommandOutput::Prompt("Review src/lib.rs".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prompt(pub String);

impl Prompt {
    /// A prompt with this text.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }
}

/// The outcome of running a command.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommandOutput {
    /// Answered locally: the text is shown, nothing is sent to Claude.
    Reply(String),
    /// Expanded: the text is sent to Claude as the prompt.
    Prompt(String),
    /// The command failed (bad arguments, an error it returned, a panic):
    /// the message is shown, nothing is sent to Claude.
    Failed(String),
}

impl CommandOutput {
    /// The text of the reply, prompt or failure.
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            Self::Reply(text) | Self::Prompt(text) | Self::Failed(text) => text,
        }
    }

    /// Whether the command failed.
    #[must_use]
    pub fn is_failed(&self) -> bool {
        matches!(self, Self::Failed(_))
    }
}

/// Anything a slash command can return.
///
/// Implemented for [`Reply`] (a local answer), [`Prompt`] (sent to
/// Claude), [`CommandOutput`] (either, chosen at run time), and
/// `Result<T, E>` where `T: IntoCommandOutput` and `E: Display`: an `Err`
/// is a failure whose message is shown to the user.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a slash command",
    label = "this type does not implement `IntoCommandOutput`",
    note = "return `Reply` (answered locally, nothing is sent to Claude), `Prompt` (sent to Claude), `CommandOutput`, or a `Result<T, E>` of one of these with `E: Display`"
)]
pub trait IntoCommandOutput {
    /// Converts the value into a command output.
    fn into_command_output(self) -> CommandOutput;
}

impl IntoCommandOutput for CommandOutput {
    fn into_command_output(self) -> CommandOutput {
        self
    }
}

impl IntoCommandOutput for Reply {
    fn into_command_output(self) -> CommandOutput {
        CommandOutput::Reply(self.0)
    }
}

impl IntoCommandOutput for Prompt {
    fn into_command_output(self) -> CommandOutput {
        CommandOutput::Prompt(self.0)
    }
}

impl<T: IntoCommandOutput, E: Display> IntoCommandOutput for Result<T, E> {
    fn into_command_output(self) -> CommandOutput {
        match self {
            Ok(value) => value.into_command_output(),
            Err(err) => CommandOutput::Failed(err.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_fail_with_the_errors_message() {
        let ok: Result<Reply, String> = Ok(Reply::new("fine"));
        assert_eq!(
            ok.into_command_output(),
            CommandOutput::Reply("fine".into())
        );
        let err: Result<Prompt, std::fmt::Error> = Err(std::fmt::Error);
        let output = err.into_command_output();
        assert!(output.is_failed());
        assert_eq!(
            output.text(),
            "an error occurred when formatting an argument"
        );
    }
}
