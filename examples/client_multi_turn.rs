//! Many turns on one CLI process with `ClaudeClient`: the second turn sees
//! the first, an interrupt ends a slow turn without an error, and the model
//! and permission mode change between turns.
//!
//! ```text
//! cargo run --example client_multi_turn
//! ```
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude.

use std::sync::Arc;
use std::time::Duration;

use claude_agent_sdk::{ClaudeClient, Message, PermissionMode};
use claude_agent_sdk_examples::backend;
use futures::StreamExt;

/// Prints one turn's messages and returns its result text.
async fn print_turn(client: &ClaudeClient) -> anyhow::Result<String> {
    let mut answer = String::new();
    let mut turn = client.receive_response();
    while let Some(message) = turn.next().await {
        match message? {
            Message::Assistant(assistant) => {
                let text = assistant.text();
                if !text.is_empty() {
                    println!("[claude] {text}");
                }
            }
            Message::Result(result) => {
                answer = result.result().unwrap_or_default().to_owned();
                println!(
                    "[turn over] {}{}",
                    result.subtype,
                    result
                        .terminal_reason
                        .as_ref()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default()
                );
            }
            _ => {}
        }
    }
    Ok(answer)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let mut client = ClaudeClient::new(backend.options().build());
    client.connect().await?;
    println!(
        "connected to CLI pid {:?}; {} commands, {} models available",
        client.pid(),
        client.supported_commands()?.len(),
        client.supported_models()?.len()
    );
    let client = Arc::new(client);

    client
        .query(backend.prompt(
            "Remember the word 'heliotrope'. Reply with just OK.",
            "SAY OK",
        ))
        .await?;
    print_turn(&client).await?;
    client
        .query(backend.prompt("Which word did I ask you to remember?", "SAY heliotrope"))
        .await?;
    print_turn(&client).await?;

    // Interrupt a slow turn from another task: the turn ends as interrupted
    // (a result, not an error) and the client stays usable.
    client
        .query(backend.prompt(
            "Count slowly from 1 to 1000, one number per line.",
            "SLOW 5000; SAY 1 2 3 ...",
        ))
        .await?;
    let interrupter = {
        let client = client.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            client.interrupt().await
        })
    };
    print_turn(&client).await?;
    interrupter.await??;

    client.set_permission_mode(PermissionMode::Plan).await?;
    client.set_model(Some("claude-sonnet-4-5")).await?;
    client
        .query(backend.prompt("Say hi in five words.", "SAY hi from a new model"))
        .await?;
    print_turn(&client).await?;
    let usage = client.get_context_usage().await?;
    println!(
        "context: {} of {} tokens ({:.1}%)",
        usage.total_tokens, usage.max_tokens, usage.percentage
    );
    if let Ok(mut client) = Arc::try_unwrap(client) {
        client.disconnect().await?;
    }
    Ok(())
}
