use claude_agent_sdk::hook;
use claude_agent_sdk::hooks::{HookOutput, PostToolUseInput};

#[hook(PreToolUse, matcher = "Bash")]
async fn guard(input: PostToolUseInput) -> HookOutput {
    let _ = input;
    HookOutput::default()
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder().hook(guard).build();
}
