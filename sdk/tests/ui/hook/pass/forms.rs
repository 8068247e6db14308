//! Every accepted form of a hook function.

#![deny(missing_docs)]
//! (crate docs)

use claude_agent_sdk::hooks::{HookContext, HookInput, HookOutput, PreToolUseInput, StopInput};
use claude_agent_sdk::{ClaudeAgentOptions, hook};

/// With a context, a matcher, a fractional timeout and an on-failure policy.
#[hook(PreToolUse, matcher = "Bash|Write", timeout = 2.5, on_failure = "block")]
pub async fn with_context(input: PreToolUseInput, ctx: HookContext) -> HookOutput {
    let _ = (input.tool_name, ctx.tool_use_id, ctx.cancellation.is_cancelled());
    HookOutput::default()
}

/// Returning a `Result`.
#[hook(Stop, timeout = 3, on_failure = "continue")]
pub(crate) async fn fallible(input: StopInput) -> Result<HookOutput, String> {
    if input.stop_hook_active {
        Err("looping".to_owned())
    } else {
        Ok(HookOutput::default())
    }
}

/// Any event's input, with an explicit crate path.
#[hook(PostToolUse, crate = "::claude_agent_sdk")]
async fn any_input(input: HookInput) -> HookOutput {
    HookOutput::context(format!("{}", input.event()))
}

mod inner {
    use super::*;

    /// A hook in a module, used from outside.
    #[hook(SessionStart, matcher = "compact")]
    pub(crate) async fn on_compact(_input: claude_agent_sdk::hooks::SessionStartInput) -> HookOutput {
        HookOutput::default()
    }
}

fn main() {
    let options = ClaudeAgentOptions::builder()
        .hook(with_context)
        .hook(fallible)
        .hook(any_input)
        .hook(inner::on_compact)
        .build();
    drop(options);
    // The function stays callable.
    let _future = fallible::call;
    let _ = with_context;
}
