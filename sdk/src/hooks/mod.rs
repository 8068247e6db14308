//! Hooks: your code runs at points of the agent loop (before and after a
//! tool, when a prompt is submitted, when the agent stops, ...) and can
//! change what happens there.
//!
//! A hook is an async callback registered for one [`HookEvent`], optionally
//! for the tools whose name matches a regular expression. The CLI calls it
//! through the control protocol and waits for its [`HookOutput`]:
//!
//! ```
//! use claude_agent_sdk::ClaudeAgentOptions;
//! use claude_agent_sdk::hooks::{HookEvent, HookInput, HookMatcher, HookOutput};
//!
//! let options = ClaudeAgentOptions::builder()
//!     .hook(
//!         HookMatcher::new(HookEvent::PreToolUse, |input: HookInput, _ctx| async move {
//!             let HookInput::PreToolUse(call) = input else {
//!                 return HookOutput::default();
//!             };
//!             let command = call.tool_input["command"].as_str().unwrap_or_default();
//!             if command.contains("rm -rf") {
//!                 HookOutput::deny("destructive commands are not allowed")
//!             } else {
//!                 HookOutput::default()
//!             }
//!         })
//!         .matcher("Bash"),
//!     )
//!     .build();
//! # drop(options);
//! ```
//!
//! With the `macros` feature (on by default), [`#[hook]`](crate::hook) turns
//! an async function into a hook, and checks at compile time that its input
//! type belongs to its event:
//!
//! ```
//! use claude_agent_sdk::{hook, ClaudeAgentOptions};
//! use claude_agent_sdk::hooks::{HookOutput, PostToolUseInput};
//!
//! /// Tell the model how long each tool took.
//! #[hook(PostToolUse)]
//! async fn timing(input: PostToolUseInput) -> HookOutput {
//!     let ms = input.duration_ms.unwrap_or_default();
//!     HookOutput::context(format!("{} took {ms} ms", input.tool_name))
//! }
//!
//! let options = ClaudeAgentOptions::builder().hook(timing).build();
//! # drop(options);
//! ```
//!
//! # What the CLI does with a hook
//!
//! - Hooks are sent in `initialize` as callback ids (`hook_0`, `hook_1`, ...)
//!   with their matcher, timeout and on-failure policy; the CLI sends a
//!   `hook_callback` request for each call, which is routed to the callback.
//! - A callback that returns an error, panics, or cannot decode its input is
//!   answered with an error: the CLI treats it as an empty answer (and says
//!   so in a `system/informational` message), and the session goes on.
//! - A callback slower than its [timeout](HookMatcher::timeout) is stopped
//!   and answered with an error; its [`HookContext::cancellation`] fires.
//!   The CLI stops waiting at the same time (and withdraws the request,
//!   which also stops the callback, when its own default timeout passes).
//! - The input types are documented per event in [`HookEvent`], including
//!   the events that never reach SDK callbacks.

mod callback;
mod context;
mod event_list;
mod hook_event;
mod input;
mod matcher;
mod output;
mod register;

pub mod event;

pub use context::HookContext;
pub use hook_event::HookEvent;
pub use input::{
    BackgroundTaskSummary, CompactTrigger, ConfigChangeInput, ConfigChangeSource, CwdChangedInput,
    DirectoryAddedInput, DirectoryAddedSource, EffortInfo, ElicitationInput,
    ElicitationResultInput, ExpansionType, FileChangeKind, FileChangedInput, HookCommon, HookInput,
    InstructionsLoadReason, InstructionsLoadedInput, McpServerInfo, MemoryType,
    MessageDisplayInput, ModelSwitchSource, NotificationInput, NotificationType,
    PermissionDeniedInput, PermissionRequestInput, PostCompactInput, PostModelSwitchInput,
    PostToolBatchInput, PostToolUseFailureInput, PostToolUseInput, PreCompactInput,
    PreModelSwitchInput, PreToolUseInput, PromptSource, SessionCronSummary, SessionEndInput,
    SessionEndReason, SessionStartInput, SessionStartSource, SetupInput, SetupTrigger,
    StopFailureInput, StopInput, SubagentStartInput, SubagentStopInput, TaskCompletedInput,
    TaskCreatedInput, TeammateIdleInput, ToolCallSummary, UserPromptExpansionInput,
    UserPromptSubmitInput, WorktreeCreateInput, WorktreeRemoveInput,
};
pub use matcher::{HookInputFor, HookMatcher, IntoHookMatcher, IntoHookResult, OnFailure};
pub use output::{HookDecision, HookOutput, HookSpecificOutput, PermissionDecision};

pub(crate) use register::check_initialize_response;
