//! Permissions: decide in your code whether each tool call may run.
//!
//! ```text
//! cargo run --example permissions
//! ```
//!
//! The `can_use_tool` callback is asked whenever the CLI's rules would ask
//! the user. This policy lets commands that only read run, turns commands
//! that create files into a dry run (it rewrites the input), and denies
//! everything else with a reason the model sees.
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude, so it runs on any machine.

use claude_agent_sdk::permissions::{PermissionResult, ToolPermissionRequest};
use claude_agent_sdk::{Message, query};
use claude_agent_sdk_examples::backend;
use serde_json::json;

/// The policy.
fn decide(request: &ToolPermissionRequest) -> PermissionResult {
    if request.tool_name != "Bash" {
        return PermissionResult::deny(format!("{} is not allowed here", request.tool_name));
    }
    let command = request.input["command"].as_str().unwrap_or_default();
    match command.split_whitespace().next() {
        Some("ls" | "cat" | "pwd" | "echo") => PermissionResult::allow(),
        Some("touch" | "mkdir") => PermissionResult::allow().with_updated_input(json!({
            "command": format!("echo 'dry run: {}'", command.replace('\'', "")),
            "description": "dry run",
        })),
        _ => PermissionResult::deny(format!(
            "`{command}` is not on the list of allowed commands"
        )),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let options = backend
        .options()
        .max_turns(6)
        .can_use_tool(|request: ToolPermissionRequest| async move {
            let decision = decide(&request);
            let verdict = match &decision {
                PermissionResult::Allow {
                    updated_input: Some(input),
                    ..
                } => {
                    format!("allowed as {}", input["command"])
                }
                PermissionResult::Allow { .. } => "allowed".to_owned(),
                PermissionResult::Deny { message, .. } => format!("denied: {message}"),
                _ => "other".to_owned(),
            };
            println!(
                "[permission] {} {} -> {verdict}",
                request.tool_name, request.input["command"]
            );
            decision
        })
        .build();
    let prompt = backend.prompt(
        "With Bash, create a file notes.txt with `touch notes.txt`, then run `curl https://example.com`, and tell me what happened in one sentence.",
        r#"CALL Bash {"command":"touch notes.txt","description":"create"}; CALL Bash {"command":"curl https://example.com","description":"fetch"}; SAY The touch was a dry run and curl was denied."#,
    );
    println!("> {prompt}");
    for message in query(prompt, options).await? {
        match message {
            Message::User(user) => {
                for result in user.tool_results() {
                    println!("[tool result] {}", result.text());
                }
            }
            Message::Result(result) => {
                println!("[claude] {}", result.result().unwrap_or_default());
                for denial in &result.permission_denials {
                    println!("[denied] {} {}", denial.tool_name, denial.tool_input);
                }
            }
            _ => {}
        }
    }
    Ok(())
}
