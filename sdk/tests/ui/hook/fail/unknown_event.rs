use claude_agent_sdk::hook;
use claude_agent_sdk::hooks::{HookInput, HookOutput};

#[hook(PreTooluse)]
async fn typo(_input: HookInput) -> HookOutput {
    HookOutput::default()
}

#[hook(Lunch)]
async fn unknown(_input: HookInput) -> HookOutput {
    HookOutput::default()
}

#[hook(matcher = "Bash")]
async fn missing(_input: HookInput) -> HookOutput {
    HookOutput::default()
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .hook(typo)
        .hook(unknown)
        .hook(missing)
        .build();
}
