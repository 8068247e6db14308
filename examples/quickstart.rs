//! Quickstart: one query through the real Claude Code CLI, with a tool call.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude, so it runs on any machine. If no
//! `claude` is installed, the tested CLI version is installed into `target/`.

use claude_agent_sdk::{Message, query};
use claude_agent_sdk_examples::Backend;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = Backend::start().await?;
    let options = backend
        .options()
        .allowed_tools(["Bash"])
        .max_turns(4)
        .build();
    let prompt = backend.prompt(
        "Use the Bash tool to run `echo $((6 * 7))`, then tell me the result in one sentence.",
        r#"CALL Bash {"command":"echo $((6 * 7))","description":"multiply"}; SAY The answer is 42."#,
    );
    println!("> {prompt}");
    for message in query(prompt, options).await? {
        match message {
            Message::Assistant(assistant) => {
                for tool in assistant.tool_uses() {
                    println!("[tool] {} {}", tool.name, tool.input);
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
            Message::Result(result) => {
                println!(
                    "[done] {} turn(s), {} ms, ${:.4}{}",
                    result.num_turns,
                    result.duration_ms,
                    result.cost_usd().unwrap_or_default(),
                    if result.is_error() { " (error)" } else { "" }
                );
            }
            _ => {}
        }
    }
    Ok(())
}
