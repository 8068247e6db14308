//! What happens to a prompt before it is sent: the registry runs the
//! command it invokes, if any.

use std::time::Instant;

use claude_agent_mcp::{CommandContext, CommandOrigin, CommandOutput};

use super::local_reply::local_reply_messages;
use crate::messages::{Message, UserContent};
use crate::options::ClaudeAgentOptions;

/// A prompt after the registry looked at it.
pub(crate) enum Prepared {
    /// Send this to the CLI: the prompt as it was, or what its command
    /// expanded into.
    Send(UserContent),
    /// Answered locally: these messages (an assistant message and a result)
    /// are the whole turn; nothing is sent.
    Local(Vec<Message>),
}

/// Runs the registered command `prompt` invokes, if any.
pub(crate) async fn prepare(
    options: &ClaudeAgentOptions,
    prompt: UserContent,
    session_id: Option<String>,
) -> Prepared {
    let UserContent::Text(text) = &prompt else {
        return Prepared::Send(prompt);
    };
    if options.commands.is_empty() {
        return Prepared::Send(prompt);
    }
    let mut ctx = CommandContext::new(CommandOrigin::Sdk);
    if let Some(id) = &session_id {
        ctx = ctx.with_session_id(id.clone());
    }
    let started = Instant::now();
    let Some(run) = options.commands.dispatch(text, ctx).await else {
        return Prepared::Send(prompt);
    };
    let elapsed = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let (text, failed) = match run.output {
        CommandOutput::Prompt(expanded) => {
            tracing::debug!(command = %run.name, "slash command expanded into a prompt");
            return Prepared::Send(UserContent::Text(expanded));
        }
        CommandOutput::Reply(text) => (text, false),
        CommandOutput::Failed(text) => (text, true),
        other => (other.text().to_owned(), other.is_failed()),
    };
    tracing::debug!(command = %run.name, failed, "slash command answered locally");
    Prepared::Local(local_reply_messages(
        &run.name,
        &run.args,
        &text,
        failed,
        session_id.as_deref().unwrap_or_default(),
        elapsed,
    ))
}
