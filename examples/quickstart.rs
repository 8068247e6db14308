//! Quickstart: a Rust function becomes a tool that Claude calls, through the
//! real Claude Code CLI.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude, so it runs on any machine. If no
//! `claude` is installed, the tested CLI version is installed into `target/`.
//!
//! It uses nothing but the SDK's public API (with its `testing` feature for
//! the offline switch): the README's quickstart is this file.

use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::testing::Backend;
use claude_agent_sdk::{Message, query, tool};

/// Multiply two integers. Returns the product.
#[tool(read_only, meta = r#"{"anthropic/alwaysLoad": true}"#)]
async fn multiply(
    /// The first factor.
    a: i64,
    /// The second factor.
    b: i64,
) -> String {
    a.saturating_mul(b).to_string()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Claude with ANTHROPIC_API_KEY, else the scripted model server; the CLI
    // is installed into the cargo target directory if there is none.
    let backend = Backend::start().await?;
    eprintln!("{}", backend.describe());
    let calculator = McpServer::new("calc").version("1.0.0").tool(multiply);
    let options = backend
        .options()
        .mcp_server(calculator)
        .allowed_tools(["mcp__calc__multiply"])
        .max_turns(4)
        .build();
    let prompt = backend.prompt(
        "What is 6 times 7? Use the multiply tool, then answer in one sentence.",
        r#"CALL mcp__calc__multiply {"a":6,"b":7}; SAY 6 times 7 is 42."#,
    );
    println!("> {prompt}");
    for message in query(prompt, options).await? {
        match message {
            Message::Assistant(assistant) => {
                for call in assistant.tool_uses() {
                    println!("[tool call] {} {}", call.name, call.input);
                }
                let text = assistant.text();
                if !text.is_empty() {
                    println!("[claude] {text}");
                }
            }
            Message::User(user) => {
                for result in user.tool_results() {
                    println!("[tool result] {}", result.text());
                }
            }
            Message::Result(result) => println!(
                "[done] {} model call(s), {} ms, ${:.4}{}",
                result.num_turns,
                result.duration_ms,
                result.cost_usd().unwrap_or_default(),
                if result.is_error() { " (error)" } else { "" }
            ),
            _ => {}
        }
    }
    Ok(())
}
