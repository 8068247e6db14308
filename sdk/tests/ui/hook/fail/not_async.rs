use claude_agent_sdk::hook;
use claude_agent_sdk::hooks::{HookOutput, StopInput};

#[hook(Stop)]
fn on_stop(_input: StopInput) -> HookOutput {
    HookOutput::default()
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder().hook(on_stop).build();
}
