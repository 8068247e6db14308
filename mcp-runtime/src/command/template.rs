//! [`PromptTemplate`]: a command that fills in a prompt, like the CLI's
//! custom commands.

use futures::future::BoxFuture;

use super::{Command, CommandArgs, CommandArgument, CommandContext, CommandOutput};

/// A command that expands into a prompt template, the way Claude Code
/// expands its custom commands (`.claude/commands/*.md`): `$ARGUMENTS` is
/// everything after the command's name, `$0`, `$1`, ... (or
/// `$ARGUMENTS[0]`, ...) its words. See [`CommandArgs::expand`].
///
/// ```
/// use claude_agent_mcp::{Command, CommandArgument, PromptTemplate};
///
/// let review = PromptTemplate::new("review", "Review $0 for $ARGUMENTS[1], strictly.")
///     .description("Reviews a file")
///     .argument(CommandArgument::required("file"))
///     .argument(CommandArgument::optional("focus"));
/// assert_eq!(review.name(), "review");
/// assert_eq!(review.arguments().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct PromptTemplate {
    name: String,
    description: Option<String>,
    arguments: Vec<CommandArgument>,
    template: String,
}

impl PromptTemplate {
    /// A command named `name` that expands into `template`.
    pub fn new(name: impl Into<String>, template: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            description: None,
            arguments: Vec::new(),
            template: template.into(),
        }
    }

    /// Describes the command.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Declares the next argument.
    pub fn argument(mut self, argument: CommandArgument) -> Self {
        self.arguments.push(argument);
        self
    }

    /// The template.
    #[must_use]
    pub fn template(&self) -> &str {
        &self.template
    }
}

impl Command for PromptTemplate {
    fn name(&self) -> &str {
        &self.name
    }

    fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    fn arguments(&self) -> Vec<CommandArgument> {
        self.arguments.clone()
    }

    fn run<'a>(&'a self, args: CommandArgs, _ctx: CommandContext) -> BoxFuture<'a, CommandOutput> {
        Box::pin(async move { CommandOutput::Prompt(args.expand(&self.template)) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn expands_its_template() {
        let review = PromptTemplate::new("review", "Review $0 ($ARGUMENTS)")
            .argument(CommandArgument::required("file"));
        let args = CommandArgs::parse("review", "lib.rs fast", &review.arguments()).unwrap();
        let output = review.run(args, CommandContext::default()).await;
        assert_eq!(
            output,
            CommandOutput::Prompt("Review lib.rs (lib.rs fast)".into())
        );
    }
}
