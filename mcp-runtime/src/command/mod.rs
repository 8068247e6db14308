//! Slash commands written in Rust: the [`Command`] trait, its arguments and
//! outputs.
//!
//! A command is a name, a description, declared arguments and an async
//! function. It either answers locally ([`Reply`]) or expands into a prompt
//! for Claude ([`Prompt`]). The same command runs in two places:
//!
//! - in the `claude-agent-sdk` crate's command registry, which the client
//!   consults before sending a prompt that starts with `/`;
//! - in Claude Code itself, served as an MCP prompt by a standalone server
//!   ([`McpServer::slash_command`](crate::McpServer::slash_command)): the
//!   CLI offers the prompts of its stdio and HTTP servers as
//!   `/mcp__<server>__<command>`.
//!
//! `#[slash_command]` (feature `macros`) turns an async function into a
//! command; [`PromptTemplate`] makes one from a template; implement
//! [`Command`] by hand for anything else.

mod args;
mod context;
mod output;
mod template;

use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use futures::future::BoxFuture;

pub use args::{CommandArgs, CommandArgument, MissingArgument, argument_hint};
pub use context::{CommandContext, CommandOrigin};
pub use output::{CommandOutput, IntoCommandOutput, Prompt, Reply};
pub use template::PromptTemplate;

/// A slash command.
///
/// `#[slash_command]` implements it for you. The trait is object safe:
/// registries hold `Arc<dyn Command>`.
///
/// ```
/// use claude_agent_mcp::{Command, CommandArgs, CommandArgument, CommandContext, CommandOutput};
/// use futures::future::BoxFuture;
///
/// /// A command with state: counts its calls.
/// #[derive(Default)]
/// struct Count(std::sync::atomic::AtomicU32);
///
/// impl Command for Count {
///     fn name(&self) -> &str { "count" }
///     fn description(&self) -> Option<&str> { Some("Counts how often it ran.") }
///     fn arguments(&self) -> Vec<CommandArgument> { vec![CommandArgument::optional("step")] }
///     fn run<'a>(&'a self, args: CommandArgs, _ctx: CommandContext) -> BoxFuture<'a, CommandOutput> {
///         Box::pin(async move {
///             let step = args.get("step").and_then(|s| s.parse().ok()).unwrap_or(1);
///             let n = self.0.fetch_add(step, std::sync::atomic::Ordering::Relaxed) + step;
///             CommandOutput::Reply(format!("count: {n}"))
///         })
///     }
/// }
/// ```
pub trait Command: Send + Sync + 'static {
    /// The command's name, without the slash (`[A-Za-z0-9_-]{1,64}`).
    fn name(&self) -> &str;

    /// What the command does.
    fn description(&self) -> Option<&str> {
        None
    }

    /// The arguments it takes, in order.
    fn arguments(&self) -> Vec<CommandArgument> {
        Vec::new()
    }

    /// Runs the command. Its arguments were checked against
    /// [`arguments`](Self::arguments) (required ones are present).
    fn run<'a>(&'a self, args: CommandArgs, ctx: CommandContext) -> BoxFuture<'a, CommandOutput>;
}

/// Runs a command; a panic becomes a failure.
pub async fn run_command(
    command: &dyn Command,
    args: CommandArgs,
    ctx: CommandContext,
) -> CommandOutput {
    // `run` runs inside the caught future, so that a hand-written command
    // panicking before it returns its future is caught too.
    match AssertUnwindSafe(async move { command.run(args, ctx).await })
        .catch_unwind()
        .await
    {
        Ok(output) => output,
        Err(panic) => {
            let message = crate::panic_message::panic_message(panic.as_ref());
            tracing::error!(command = command.name(), %message, "slash command panicked");
            CommandOutput::Failed(format!(
                "the command /{} panicked: {message}",
                command.name()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Boom;

    impl Command for Boom {
        fn name(&self) -> &str {
            "boom"
        }
        fn run<'a>(&'a self, _: CommandArgs, _: CommandContext) -> BoxFuture<'a, CommandOutput> {
            Box::pin(async { panic!("kaput") })
        }
    }

    /// Panics before it returns its future.
    struct EagerBoom;

    impl Command for EagerBoom {
        fn name(&self) -> &str {
            "eager-boom"
        }
        fn run<'a>(&'a self, _: CommandArgs, _: CommandContext) -> BoxFuture<'a, CommandOutput> {
            panic!("kaput at once")
        }
    }

    #[tokio::test]
    async fn a_panic_is_a_failure() {
        let output = run_command(&Boom, CommandArgs::default(), CommandContext::default()).await;
        assert_eq!(
            output,
            CommandOutput::Failed("the command /boom panicked: kaput".into())
        );
    }

    #[tokio::test]
    async fn a_panic_before_the_future_is_a_failure_too() {
        let output = run_command(
            &EagerBoom,
            CommandArgs::default(),
            CommandContext::default(),
        )
        .await;
        assert_eq!(
            output,
            CommandOutput::Failed("the command /eager-boom panicked: kaput at once".into())
        );
    }
}
