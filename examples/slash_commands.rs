//! Slash commands written in Rust: answered locally, expanded into prompts,
//! passed through to the CLI, or served to Claude Code as MCP prompts.
//!
//! ```text
//! cargo run --example slash_commands            # a session that uses them
//! cargo run --example slash_commands -- --mcp   # serve them over stdio MCP
//! ```
//!
//! In a session, `/status` is answered by the SDK (no model request),
//! `/review` and `/explain` expand into prompts for Claude, and `/cost` (a
//! command the SDK does not know) goes to the CLI unchanged.
//!
//! With `--mcp`, the same commands are an MCP server: add it to Claude Code
//! (`claude mcp add cmds -- cargo run --example slash_commands -- --mcp`)
//! and type `/mcp__cmds__review src/lib.rs` there.
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude, so it runs on any machine.

use claude_agent_sdk::commands::{
    CommandArgument, CommandContext, CommandOrigin, Prompt, PromptTemplate, Reply,
};
use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::{ClaudeClient, Message, slash_command};
use claude_agent_sdk_examples::backend;
use futures::StreamExt;

/// Shows the session this command runs in.
#[slash_command]
async fn status(ctx: CommandContext) -> Reply {
    match ctx.origin() {
        CommandOrigin::Sdk => Reply(format!(
            "session {}",
            ctx.session_id().unwrap_or("not started yet")
        )),
        _ => Reply::new("served by the slash_commands example"),
    }
}

/// Asks Claude to review a file.
#[slash_command]
async fn review(
    /// The file to review.
    file: String,
    /// What to look for (default: bugs).
    focus: Option<String>,
) -> Prompt {
    Prompt(format!(
        "Review {file}, looking for {}. Answer in two sentences.",
        focus.as_deref().unwrap_or("bugs")
    ))
}

/// `/explain`: a prompt template, like the CLI's custom commands.
fn explain() -> PromptTemplate {
    PromptTemplate::new(
        "explain",
        "Explain $ARGUMENTS to a beginner, in three sentences.",
    )
    .description("Explains a concept simply.")
    .argument(CommandArgument::required("topic").description("What to explain."))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::args().any(|arg| arg == "--mcp") {
        // Nothing else may write to stdout: it carries the MCP messages.
        McpServer::new("cmds")
            .version(env!("CARGO_PKG_VERSION"))
            .slash_command(status)
            .slash_command(review)
            .slash_command(explain())
            .serve_stdio()
            .await?;
        return Ok(());
    }

    let backend = backend().await?;
    let options = backend
        .options()
        .slash_command(status)
        .slash_command(review)
        .slash_command(explain())
        .max_turns(2)
        .build();
    let mut client = ClaudeClient::new(options);
    client.connect().await?;

    let commands = client.supported_commands()?;
    println!("{} slash commands; the SDK's own:", commands.len());
    for command in commands.iter().filter(|c| c.extra.get("source").is_some()) {
        println!(
            "  /{} {} — {}",
            command.name, command.argument_hint, command.description
        );
    }

    for line in [
        "/status",
        "/review src/lib.rs panics",
        "/explain lifetimes",
        "/review",
        "/cost",
    ] {
        println!("\n> {line}");
        client.query(line).await?;
        let mut turn = client.receive_response();
        while let Some(message) = turn.next().await {
            if let Message::Result(result) = message? {
                let who = match (result.is_sdk_command(), result.local_command()) {
                    (true, _) => "the SDK",
                    (false, Some(_)) => "the CLI",
                    (false, None) => "Claude",
                };
                let outcome = if result.is_error() { " (failed)" } else { "" };
                println!(
                    "{who}{outcome}: {}",
                    result
                        .result()
                        .unwrap_or_default()
                        .lines()
                        .next()
                        .unwrap_or_default()
                );
                // Offline, the scripted model only answers "OK": show what
                // an expanding command sent it instead.
                if let (false, None, Some(model)) = (
                    result.is_sdk_command(),
                    result.local_command(),
                    backend.scripted_model(),
                ) && let Some(sent) = model.requests().last().and_then(|r| r.last_user_text())
                {
                    // The prompt comes last, after the CLI's reminders.
                    let prompt = sent
                        .lines()
                        .rev()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or_default();
                    println!("  (the model was sent: {prompt})");
                }
            }
        }
    }
    client.disconnect().await?;
    Ok(())
}
