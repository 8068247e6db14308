use claude_agent_sdk::hook;
use claude_agent_sdk::hooks::{HookContext, HookInput, HookOutput};

#[hook(Stop)]
async fn no_input() -> HookOutput {
    HookOutput::default()
}

#[hook(Stop)]
async fn too_many(_input: HookInput, _ctx: HookContext, _extra: u8) -> HookOutput {
    HookOutput::default()
}

#[hook(Stop)]
async fn generic<T>(_input: HookInput) -> HookOutput {
    HookOutput::default()
}

#[hook(Stop)]
async fn no_output(_input: HookInput) {}

fn main() {}
