//! A standalone stdio MCP server whose prompts are slash commands written
//! in Rust: what Claude Code offers as `/mcp__cmds__<command>`.

use claude_agent_sdk::commands::{Prompt, Reply};
use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::slash_command;

/// Greets someone (a directive for the scripted model).
#[slash_command]
async fn greet(
    /// Whom to greet.
    who: String,
    /// How they feel.
    mood: Option<String>,
) -> Prompt {
    Prompt(format!(
        "SAY hello {who} ({})",
        mood.as_deref().unwrap_or("fine")
    ))
}

/// Reports the build (a reply: Claude Code still passes it to the model).
#[slash_command(name = "build-info")]
async fn build_info() -> Reply {
    Reply::new("build 7 reporting")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    McpServer::new("cmds")
        .version("1.0.0")
        .slash_command(greet)
        .slash_command(build_info)
        .serve_stdio()
        .await?;
    Ok(())
}
