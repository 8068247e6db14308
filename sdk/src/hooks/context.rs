//! [`HookContext`]: what a hook callback gets besides its input.

use crate::control::Cancellation;

/// What a hook callback gets besides its input.
///
/// ```
/// use claude_agent_sdk::hooks::{HookContext, HookEvent, HookMatcher, HookOutput};
///
/// let hook = HookMatcher::new(HookEvent::PreToolUse, |_input, ctx: HookContext| async move {
///     println!("tool use {:?}", ctx.tool_use_id);
///     HookOutput::default()
/// });
/// # drop(hook);
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct HookContext {
    /// The tool use the event is about. The CLI sends a fresh id for events
    /// that are not about a tool.
    pub tool_use_id: Option<String>,
    /// Fires when the CLI no longer waits for the answer (the request was
    /// cancelled, the hook's timeout passed, or the session ended).
    pub cancellation: Cancellation,
}

impl HookContext {
    /// A context for calling a hook directly, e.g. in a test.
    pub fn new(tool_use_id: Option<String>) -> Self {
        Self {
            tool_use_id,
            cancellation: Cancellation::default(),
        }
    }
}
