use claude_agent_sdk::hook;
use claude_agent_sdk::hooks::{HookInput, HookOutput};

#[hook(Stop)]
async fn returns_text(_input: HookInput) -> String {
    String::new()
}

#[hook(Stop)]
async fn wrong_context(_input: HookInput, _ctx: u32) -> HookOutput {
    HookOutput::default()
}

#[hook(Stop)]
async fn not_an_input(_input: String) -> HookOutput {
    HookOutput::default()
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .hook(returns_text)
        .hook(wrong_context)
        .hook(not_an_input)
        .hook(42)
        .build();
}
