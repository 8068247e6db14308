//! [`CommandRegistry`]: the slash commands a session answers itself.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use claude_agent_mcp::{
    Command, CommandArgs, CommandArgument, CommandContext, CommandOutput, argument_hint,
    run_command, validate_command_name,
};
use serde_json::json;

use crate::control::SlashCommand;
use crate::error::{Error, Result};

/// A registered command, with its declared arguments read once.
#[derive(Clone)]
struct Registered {
    command: Arc<dyn Command>,
    arguments: Vec<CommandArgument>,
}

/// The slash commands registered with
/// [`ClaudeAgentOptionsBuilder::slash_command`](crate::ClaudeAgentOptionsBuilder::slash_command).
///
/// A prompt that starts with `/<name>` of a registered command is run by
/// the SDK ([`dispatch`](Self::dispatch)); anything else goes to the CLI
/// unchanged. Cloning is cheap: commands are shared.
///
/// ```
/// use claude_agent_sdk::commands::{CommandContext, CommandOutput, CommandRegistry, PromptTemplate};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mut registry = CommandRegistry::new();
/// registry.register(PromptTemplate::new("explain", "Explain $ARGUMENTS simply."));
/// let run = registry.dispatch("/explain monads", CommandContext::default()).await.unwrap();
/// assert_eq!(run.output, CommandOutput::Prompt("Explain monads simply.".into()));
/// assert!(registry.dispatch("/compact", CommandContext::default()).await.is_none());
/// # });
/// ```
#[derive(Clone, Default)]
pub struct CommandRegistry {
    commands: Vec<Registered>,
}

/// A command the registry ran: its name, its argument text and its output.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CommandRun {
    /// The command's name, without the slash.
    pub name: String,
    /// The text after the name, trimmed.
    pub args: String,
    /// What it produced.
    pub output: CommandOutput,
}

impl CommandRegistry {
    /// A registry without commands.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a command.
    ///
    /// # Panics
    ///
    /// If its name is invalid or taken; see [`try_register`](Self::try_register).
    #[track_caller]
    pub fn register(&mut self, command: impl Command) {
        if let Err(err) = self.try_register(command) {
            panic!("{err}");
        }
    }

    /// Registers a command, or says why it cannot be: its name is not 1 to
    /// 64 characters from `[A-Za-z0-9_-]`, or another registered command
    /// has it. (A command may have the name of one of the CLI's commands:
    /// it then replaces that command for this session.)
    pub fn try_register(&mut self, command: impl Command) -> Result<()> {
        let name = command.name();
        validate_command_name(name).map_err(|e| Error::InvalidOptions(e.to_string()))?;
        if self.get(name).is_some() {
            return Err(Error::InvalidOptions(format!(
                "a slash command named `/{name}` is already registered"
            )));
        }
        let arguments = command.arguments();
        self.commands.push(Registered {
            command: Arc::new(command),
            arguments,
        });
        Ok(())
    }

    /// The command with this name (without the slash).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&dyn Command> {
        self.find(name).map(|r| r.command.as_ref())
    }

    fn find(&self, name: &str) -> Option<&Registered> {
        self.commands.iter().find(|r| r.command.name() == name)
    }

    /// The names of the registered commands, in registration order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.commands.iter().map(|r| r.command.name())
    }

    /// Whether no command is registered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// How many commands are registered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.commands.len()
    }

    /// The commands as the CLI lists its own (see
    /// [`ClaudeClient::supported_commands`](crate::ClaudeClient::supported_commands)):
    /// name, description, argument hint, and `"source": "sdk"`.
    #[must_use]
    pub fn slash_commands(&self) -> Vec<SlashCommand> {
        self.commands
            .iter()
            .map(|r| SlashCommand {
                name: r.command.name().to_owned(),
                description: r.command.description().unwrap_or_default().to_owned(),
                argument_hint: argument_hint(&r.arguments),
                extra: [("source".to_owned(), json!("sdk"))].into_iter().collect(),
            })
            .collect()
    }

    /// Runs the registered command that `prompt` invokes (`/<name> args`),
    /// or returns `None` if `prompt` does not invoke one: then it goes to the
    /// CLI as it is (built-in commands, the project's `.claude/commands`,
    /// skills, plain text).
    ///
    /// Arguments are split on whitespace and assigned in declared order
    /// (see [`CommandArgs`]); a missing required argument is a
    /// [`CommandOutput::Failed`] that shows the usage, and the command does
    /// not run. A panic in the command is a failure too.
    pub async fn dispatch(&self, prompt: &str, ctx: CommandContext) -> Option<CommandRun> {
        let (name, args) = split_command_line(prompt)?;
        let registered = self.find(name)?;
        let output = match CommandArgs::parse(name, args, &registered.arguments) {
            Ok(parsed) => {
                let started = Instant::now();
                let output = run_command(registered.command.as_ref(), parsed, ctx).await;
                tracing::debug!(command = name, elapsed = ?started.elapsed(), "slash command ran");
                output
            }
            Err(missing) => CommandOutput::Failed(missing.to_string()),
        };
        Some(CommandRun {
            name: name.to_owned(),
            args: args.to_owned(),
            output,
        })
    }
}

/// `/<name> <args>` → (`name`, `args` trimmed), for text starting with a
/// slash followed by a name.
fn split_command_line(prompt: &str) -> Option<(&str, &str)> {
    let rest = prompt.trim().strip_prefix('/')?;
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (name, args) = rest.split_at(end);
    (!name.is_empty()).then(|| (name, args.trim()))
}

impl fmt::Debug for CommandRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claude_agent_mcp::{PromptTemplate, Reply};
    use futures::future::BoxFuture;

    struct Status;

    impl Command for Status {
        fn name(&self) -> &str {
            "status"
        }
        fn description(&self) -> Option<&str> {
            Some("Shows the status")
        }
        fn arguments(&self) -> Vec<CommandArgument> {
            vec![CommandArgument::required("scope")]
        }
        fn run<'a>(&'a self, args: CommandArgs, _: CommandContext) -> BoxFuture<'a, CommandOutput> {
            Box::pin(async move { CommandOutput::Reply(format!("all good in {}", args.raw())) })
        }
    }

    fn ctx() -> CommandContext {
        CommandContext::default()
    }

    #[test]
    fn command_lines_split_into_name_and_arguments() {
        assert_eq!(split_command_line("/status"), Some(("status", "")));
        assert_eq!(
            split_command_line("  /status  a  b "),
            Some(("status", "a  b"))
        );
        assert_eq!(split_command_line("/status\ta"), Some(("status", "a")));
        assert_eq!(split_command_line("/"), None);
        assert_eq!(split_command_line("/ status"), None);
        assert_eq!(split_command_line("status"), None);
        assert_eq!(split_command_line(""), None);
    }

    #[tokio::test]
    async fn registered_commands_run_and_others_pass_through() {
        let mut registry = CommandRegistry::new();
        registry.register(Status);
        let run = registry.dispatch("/status repo", ctx()).await.unwrap();
        assert_eq!(run.name, "status");
        assert_eq!(run.args, "repo");
        assert_eq!(run.output, CommandOutput::Reply("all good in repo".into()));
        assert!(registry.dispatch("/statusx", ctx()).await.is_none());
        assert!(registry.dispatch("status", ctx()).await.is_none());
        assert!(registry.dispatch("/compact", ctx()).await.is_none());
    }

    #[tokio::test]
    async fn a_missing_argument_fails_with_the_usage() {
        let mut registry = CommandRegistry::new();
        registry.register(Status);
        let run = registry.dispatch("/status", ctx()).await.unwrap();
        assert_eq!(
            run.output,
            CommandOutput::Failed(
                "missing required argument `scope`; usage: /status <scope>".into()
            )
        );
    }

    #[test]
    fn names_are_checked_and_unique() {
        let mut registry = CommandRegistry::new();
        registry.register(Status);
        assert!(registry.try_register(Status).is_err());
        assert!(
            registry
                .try_register(PromptTemplate::new("bad name", "x"))
                .is_err()
        );
        assert!(registry.try_register(PromptTemplate::new("", "x")).is_err());
        assert_eq!(registry.len(), 1);
        let listed = registry.slash_commands();
        assert_eq!(listed[0].name, "status");
        assert_eq!(listed[0].argument_hint, "<scope>");
        assert_eq!(listed[0].extra["source"], "sdk");
        let _ = Reply::new("unused");
    }
}
