use claude_agent_sdk::hook;
use claude_agent_sdk::hooks::{HookOutput, PreToolUseInput};

#[hook(PreToolUse, matcher = Bash)]
async fn ident_matcher(_input: PreToolUseInput) -> HookOutput {
    HookOutput::default()
}

#[hook(PreToolUse, matcher = 5, timeout = 0, on_failure = "explode")]
async fn all_wrong(_input: PreToolUseInput) -> HookOutput {
    HookOutput::default()
}

#[hook(PreToolUse, matchr = "Bash", matcher = "a", matcher = "b")]
async fn unknown_and_twice(_input: PreToolUseInput) -> HookOutput {
    HookOutput::default()
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .hook(ident_matcher)
        .hook(all_wrong)
        .hook(unknown_and_twice)
        .build();
}
