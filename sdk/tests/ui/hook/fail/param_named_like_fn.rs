use claude_agent_sdk::hook;
use claude_agent_sdk::hooks::{HookContext, HookInput, HookOutput};

/// The function becomes a unit struct of its name: no parameter may shadow
/// it.
#[hook(Stop)]
async fn context(_input: HookInput, context: HookContext) -> HookOutput {
    let _ = context;
    HookOutput::default()
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .hook(context)
        .build();
}
