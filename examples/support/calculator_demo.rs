//! The `--demo` of the standalone MCP server examples: Claude Code with the
//! calculator configured as its MCP server `calc`, one prompt, and what
//! came back.

use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::{McpServerConfig, query};

use crate::{Backend, calculator};

/// Runs `prompt` with the calculator reached through `config` as MCP server
/// `calc` (its tools allowed, at most four turns), and prints the tool
/// results and Claude's answer.
pub async fn ask_calculator(
    backend: &Backend,
    config: McpServerConfig,
    prompt: String,
) -> anyhow::Result<()> {
    let options = backend
        .options()
        .mcp_server_config("calc", config)
        .allowed_tools(calculator::server().qualified_tool_names())
        .max_turns(4)
        .build();
    let messages = query(prompt, options).await?;
    for message in &messages {
        if let Some(user) = message.as_user() {
            for result in user.tool_results() {
                println!("[calc] {}", result.text());
            }
        }
    }
    if let Some(result) = last_result(&messages) {
        println!("[claude] {}", result.result().unwrap_or_default());
    }
    Ok(())
}
