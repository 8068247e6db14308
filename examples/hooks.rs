//! Hooks: code that runs inside the agent loop and changes what happens.
//!
//! ```text
//! cargo run --example hooks
//! ```
//!
//! - a `#[hook]` function refuses `rm` commands (PreToolUse);
//! - a closure reports how long each tool took, to you and to the model
//!   (PostToolUse);
//! - a hook adds house rules to every prompt (UserPromptSubmit);
//! - a hook prints the final answer when the agent stops (Stop).
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude, so it runs on any machine.

use claude_agent_sdk::hooks::{
    HookEvent, HookInput, HookMatcher, HookOutput, PreToolUseInput, StopInput,
    UserPromptSubmitInput, event,
};
use claude_agent_sdk::{Message, hook, query};
use claude_agent_sdk_examples::backend;

/// Refuse destructive shell commands.
#[hook(PreToolUse, matcher = "Bash", timeout = 5)]
async fn guard_bash(input: PreToolUseInput) -> HookOutput {
    let command = input.tool_input["command"].as_str().unwrap_or_default();
    if command.split_whitespace().any(|word| word == "rm") {
        println!("[hook] refused: {command}");
        HookOutput::deny("deleting files is not allowed in this session")
    } else {
        HookOutput::default()
    }
}

/// Remind the model of the house rules with every prompt.
#[hook(UserPromptSubmit)]
async fn house_rules(_input: UserPromptSubmitInput) -> HookOutput {
    HookOutput::context("House rules: be brief, never delete files.")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let options = backend
        .options()
        .allowed_tools(["Bash"])
        .max_turns(6)
        .hook(guard_bash)
        .hook(house_rules)
        .hook(HookMatcher::new(
            HookEvent::PostToolUse,
            |input: HookInput, _ctx| async move {
                let HookInput::PostToolUse(call) = input else {
                    return HookOutput::default();
                };
                let ms = call.duration_ms.unwrap_or_default();
                println!("[hook] {} took {ms} ms", call.tool_name);
                HookOutput::context(format!("{} took {ms} ms", call.tool_name))
            },
        ))
        .hook(HookMatcher::on(
            event::Stop,
            |input: StopInput, _ctx| async move {
                println!(
                    "[hook] stopped with: {}",
                    input.last_assistant_message.unwrap_or_default()
                );
                HookOutput::default()
            },
        ))
        .build();
    let prompt = backend.prompt(
        "With Bash, run `echo hello`, then try `rm -rf ./hooks-demo-nothing`, and tell me what happened in one sentence.",
        r#"CALL Bash {"command":"echo hello","description":"greet"}; CALL Bash {"command":"rm -rf ./hooks-demo-nothing","description":"delete"}; SAY The echo ran, and a hook refused the rm."#,
    );
    println!("> {prompt}");
    for message in query(prompt, options).await? {
        match message {
            Message::User(user) => {
                for result in user.tool_results() {
                    let kind = if result.is_error() { "refused" } else { "ok" };
                    println!("[tool result, {kind}] {}", result.text());
                }
            }
            Message::Result(result) => {
                println!("[claude] {}", result.result().unwrap_or_default());
                println!(
                    "[done] {} permission denial(s)",
                    result.permission_denials.len()
                );
            }
            _ => {}
        }
    }
    Ok(())
}
