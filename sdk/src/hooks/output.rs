//! [`HookOutput`]: what a hook callback answers.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::HookEvent;
use crate::permissions::{ElicitationAction, PermissionResult};
use crate::wire::{Extra, string_enum};

string_enum! {
    /// A PreToolUse (or PreModelSwitch) hook's decision on the call.
    pub enum PermissionDecision {
        /// Run the tool without asking.
        Allow = "allow",
        /// Refuse it; the model sees the reason.
        Deny = "deny",
        /// Ask (through `can_use_tool`, or the permission rules).
        Ask = "ask",
        /// Stop the run and hand the call to the host (the result carries
        /// `deferred_tool_use`).
        Defer = "defer",
    }
}

string_enum! {
    /// The top-level `decision` of a hook's answer.
    pub enum HookDecision {
        /// Deprecated approval (use [`PermissionDecision::Allow`]).
        Approve = "approve",
        /// Block: for Stop and SubagentStop, keep going with `reason` as
        /// the next instruction; for PostToolUse, show `reason` to the
        /// model; for UserPromptSubmit, drop the prompt.
        Block = "block",
    }
}

/// What a hook callback answers. The default answer (`{}`) changes
/// nothing.
///
/// Build it with the constructors ([`deny`](Self::deny),
/// [`allow`](Self::allow), [`context`](Self::context),
/// [`stop`](Self::stop), ...) and the `with_*` methods. The event-specific
/// part goes in [`HookSpecificOutput`]; its `hookEventName` is filled in
/// with the hook's event when it is sent.
///
/// ```
/// use claude_agent_sdk::hooks::{HookEvent, HookOutput};
/// use serde_json::json;
///
/// let output = HookOutput::allow()
///     .with_updated_input(json!({"command": "ls -la"}))
///     .with_system_message("rewrote the command");
/// assert_eq!(
///     output.to_wire(&HookEvent::PreToolUse),
///     json!({
///         "systemMessage": "rewrote the command",
///         "hookSpecificOutput": {
///             "hookEventName": "PreToolUse",
///             "permissionDecision": "allow",
///             "updatedInput": {"command": "ls -la"}
///         }
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HookOutput {
    /// `Some(false)` stops the agent after this hook (`continue: false`);
    /// [`stop_reason`](Self::stop_reason) says why.
    #[serde(rename = "continue", default, skip_serializing_if = "Option::is_none")]
    pub should_continue: Option<bool>,
    /// Why the agent stops, when `should_continue` is `Some(false)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reason: Option<String>,
    /// Hides the hook's output from the transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppress_output: Option<bool>,
    /// A message for the user (the CLI emits it as a `system/informational`
    /// message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_message: Option<String>,
    /// A top-level decision (see [`HookDecision`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<HookDecision>,
    /// The reason for [`decision`](Self::decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The event-specific part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook_specific_output: Option<HookSpecificOutput>,
    /// Fields this SDK does not model, sent as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The event-specific part of a [`HookOutput`] (`hookSpecificOutput`).
///
/// Each field names the events it applies to; the CLI ignores fields that
/// do not apply to the hook's event.
/// [`hook_event_name`](Self::hook_event_name) is filled in with the hook's
/// event when left `None`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HookSpecificOutput {
    /// The event this part is for (`hookEventName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook_event_name: Option<HookEvent>,
    /// PreToolUse, PreModelSwitch: allow, deny, ask (or defer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_decision: Option<PermissionDecision>,
    /// PreToolUse, PreModelSwitch: why (a denial's reason reaches the model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_decision_reason: Option<String>,
    /// PreToolUse: the input the tool runs with instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_input: Option<Value>,
    /// Text added to the model's context (PreToolUse, PostToolUse,
    /// PostToolUseFailure, PostToolBatch, UserPromptSubmit,
    /// UserPromptExpansion, SessionStart, Setup, Stop, SubagentStart,
    /// SubagentStop, Notification, PostModelSwitch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_context: Option<String>,
    /// PostToolUse: the output the model sees instead of the tool's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_tool_output: Option<Value>,
    /// PostToolUse: the older, MCP-only form of `updated_tool_output`.
    #[serde(
        rename = "updatedMCPToolOutput",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_mcp_tool_output: Option<Value>,
    /// PostToolUse: context for the auto-mode permission classifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classifier_context: Option<String>,
    /// UserPromptSubmit, SessionStart: a title for the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_title: Option<String>,
    /// UserPromptSubmit, UserPromptExpansion: keep the original prompt from
    /// the model (the additional context replaces it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppress_original_prompt: Option<bool>,
    /// SessionStart: a first user message to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_user_message: Option<String>,
    /// SessionStart, CwdChanged, FileChanged: files to watch (changes fire
    /// FileChanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch_paths: Option<Vec<PathBuf>>,
    /// SessionStart: reload skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reload_skills: Option<bool>,
    /// PermissionRequest: the decision on the permission request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<PermissionResult>,
    /// PermissionDenied: let the model retry the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<bool>,
    /// Elicitation, ElicitationResult: the answer to give the MCP server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ElicitationAction>,
    /// Elicitation, ElicitationResult: the content of an accepted answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Value>,
    /// WorktreeCreate: the path of the worktree the hook created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worktree_path: Option<PathBuf>,
    /// MessageDisplay: the text to display instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_content: Option<String>,
    /// Fields this SDK does not model, sent as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The events whose answers may carry a `hookSpecificOutput` (the CLI
/// rejects the whole answer when one comes for another event).
const EVENTS_WITH_SPECIFIC_OUTPUT: [HookEvent; 22] = [
    HookEvent::PreToolUse,
    HookEvent::PostToolUse,
    HookEvent::PostToolUseFailure,
    HookEvent::PostToolBatch,
    HookEvent::Notification,
    HookEvent::UserPromptSubmit,
    HookEvent::UserPromptExpansion,
    HookEvent::SessionStart,
    HookEvent::Stop,
    HookEvent::SubagentStart,
    HookEvent::SubagentStop,
    HookEvent::PreModelSwitch,
    HookEvent::PostModelSwitch,
    HookEvent::PermissionRequest,
    HookEvent::PermissionDenied,
    HookEvent::Setup,
    HookEvent::Elicitation,
    HookEvent::ElicitationResult,
    HookEvent::WorktreeCreate,
    HookEvent::CwdChanged,
    HookEvent::FileChanged,
    HookEvent::MessageDisplay,
];

impl HookOutput {
    /// PreToolUse: run the tool without asking.
    pub fn allow() -> Self {
        Self::default().with_permission_decision(PermissionDecision::Allow)
    }

    /// PreToolUse: refuse the tool call. The model sees `reason` in the
    /// tool's (error) result, and the run's result lists the call in
    /// `permission_denials`.
    pub fn deny(reason: impl Into<String>) -> Self {
        Self::default()
            .with_permission_decision(PermissionDecision::Deny)
            .with_permission_decision_reason(reason)
    }

    /// PreToolUse: ask for permission (through `can_use_tool` or the
    /// permission rules) even if the call would be allowed.
    pub fn ask(reason: impl Into<String>) -> Self {
        Self::default()
            .with_permission_decision(PermissionDecision::Ask)
            .with_permission_decision_reason(reason)
    }

    /// Adds text to the model's context (the event-specific
    /// `additionalContext`).
    pub fn context(text: impl Into<String>) -> Self {
        Self::default().with_additional_context(text)
    }

    /// Stops the agent after this hook (`continue: false`), with a reason
    /// for the user.
    pub fn stop(reason: impl Into<String>) -> Self {
        Self {
            should_continue: Some(false),
            stop_reason: Some(reason.into()),
            ..Self::default()
        }
    }

    /// Blocks (`decision: "block"`) with a reason; see
    /// [`HookDecision::Block`].
    pub fn block(reason: impl Into<String>) -> Self {
        Self {
            decision: Some(HookDecision::Block),
            reason: Some(reason.into()),
            ..Self::default()
        }
    }

    /// PostToolUse: the model sees `output` instead of the tool's output.
    pub fn replace_tool_output(output: impl Into<Value>) -> Self {
        Self::default().with_updated_tool_output(output)
    }

    /// PermissionRequest: decides the permission request.
    pub fn permission_request(decision: PermissionResult) -> Self {
        Self::default().with_specific(|s| s.decision = Some(decision))
    }

    /// Sets a message for the user.
    pub fn with_system_message(mut self, message: impl Into<String>) -> Self {
        self.system_message = Some(message.into());
        self
    }

    /// Hides the hook's output from the transcript.
    pub fn with_suppress_output(mut self, suppress: bool) -> Self {
        self.suppress_output = Some(suppress);
        self
    }

    /// Replaces the event-specific part.
    pub fn with_hook_specific_output(mut self, output: HookSpecificOutput) -> Self {
        self.hook_specific_output = Some(output);
        self
    }

    /// Changes the event-specific part (created if absent).
    pub fn with_specific(mut self, change: impl FnOnce(&mut HookSpecificOutput)) -> Self {
        change(
            self.hook_specific_output
                .get_or_insert_with(Default::default),
        );
        self
    }

    /// The answer as sent to the CLI for a hook on `event`: the
    /// event-specific part gets its `hookEventName`, and is dropped (with a
    /// warning in the log) for events that take none.
    #[must_use]
    pub fn to_wire(&self, event: &HookEvent) -> Value {
        let mut output = self.clone();
        if let Some(specific) = &mut output.hook_specific_output {
            let known = !matches!(event, HookEvent::Other(_));
            if known && !EVENTS_WITH_SPECIFIC_OUTPUT.contains(event) {
                tracing::warn!(
                    %event,
                    "a hook answered with event-specific output, which this event does not take; \
                     it was left out"
                );
                output.hook_specific_output = None;
            } else if specific.hook_event_name.is_none() {
                specific.hook_event_name = Some(event.clone());
            }
        }
        serde_json::to_value(&output).unwrap_or_else(|_| Value::Object(Extra::new()))
    }
}

macro_rules! specific_setters {
    ($( $(#[$doc:meta])* $method:ident($field:ident: $ty:ty); )*) => {
        impl HookOutput {
            $(
                $(#[$doc])*
                pub fn $method(self, value: impl Into<$ty>) -> Self {
                    let value: $ty = value.into();
                    self.with_specific(|s| s.$field = Some(value))
                }
            )*
        }
    };
}

specific_setters! {
    /// PreToolUse, PreModelSwitch: the decision.
    with_permission_decision(permission_decision: PermissionDecision);
    /// PreToolUse, PreModelSwitch: the reason for the decision.
    with_permission_decision_reason(permission_decision_reason: String);
    /// PreToolUse: the tool runs with this input instead.
    with_updated_input(updated_input: Value);
    /// Adds text to the model's context.
    with_additional_context(additional_context: String);
    /// PostToolUse: the model sees this instead of the tool's output.
    with_updated_tool_output(updated_tool_output: Value);
    /// UserPromptSubmit, SessionStart: a title for the session.
    with_session_title(session_title: String);
    /// SessionStart: a first user message to send.
    with_initial_user_message(initial_user_message: String);
    /// SessionStart, CwdChanged, FileChanged: files to watch.
    with_watch_paths(watch_paths: Vec<PathBuf>);
    /// PermissionDenied: let the model retry the call.
    with_retry(retry: bool);
    /// Elicitation, ElicitationResult: the action to answer with.
    with_elicitation_action(action: ElicitationAction);
    /// Elicitation, ElicitationResult: the content of an accepted answer.
    with_elicitation_content(content: Value);
    /// WorktreeCreate: the path of the created worktree.
    with_worktree_path(worktree_path: PathBuf);
    /// MessageDisplay: the text to display instead.
    with_display_content(display_content: String);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn builders_produce_the_recorded_wire_answers() {
        // Answers recorded from the Python SDK against CLI 2.1.330
        // (hooks_pre_post.jsonl, hooks_allow_updated_input.jsonl).
        assert_eq!(
            HookOutput::deny("rm is blocked by policy").to_wire(&HookEvent::PreToolUse),
            json!({"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": "rm is blocked by policy"}})
        );
        assert_eq!(
            HookOutput::context("post-hook saw Bash").to_wire(&HookEvent::PostToolUse),
            json!({"hookSpecificOutput": {"hookEventName": "PostToolUse", "additionalContext": "post-hook saw Bash"}})
        );
        assert_eq!(
            HookOutput::default()
                .with_system_message("stop hook ran")
                .to_wire(&HookEvent::Stop),
            json!({"systemMessage": "stop hook ran"})
        );
        assert_eq!(
            HookOutput::allow()
                .with_permission_decision_reason("ok")
                .with_updated_input(json!({"command": "echo from-hook", "description": "hooked"}))
                .to_wire(&HookEvent::PreToolUse),
            json!({"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "allow", "permissionDecisionReason": "ok", "updatedInput": {"command": "echo from-hook", "description": "hooked"}}})
        );
        assert_eq!(HookOutput::default().to_wire(&HookEvent::Stop), json!({}));
    }

    #[test]
    fn stop_block_and_replacement() {
        assert_eq!(
            HookOutput::stop("enough").to_wire(&HookEvent::PostToolUse),
            json!({"continue": false, "stopReason": "enough"})
        );
        assert_eq!(
            HookOutput::block("keep going").to_wire(&HookEvent::Stop),
            json!({"decision": "block", "reason": "keep going"})
        );
        assert_eq!(
            HookOutput::replace_tool_output("redacted").to_wire(&HookEvent::PostToolUse),
            json!({"hookSpecificOutput": {"hookEventName": "PostToolUse", "updatedToolOutput": "redacted"}})
        );
    }

    #[test]
    fn permission_request_decision() {
        let output = HookOutput::permission_request(PermissionResult::deny("no").and_interrupt());
        assert_eq!(
            output.to_wire(&HookEvent::PermissionRequest),
            json!({"hookSpecificOutput": {"hookEventName": "PermissionRequest", "decision": {"behavior": "deny", "message": "no", "interrupt": true}}})
        );
    }

    #[test]
    fn specific_output_is_dropped_for_events_without_one() {
        assert_eq!(
            HookOutput::context("x")
                .with_system_message("m")
                .to_wire(&HookEvent::PreCompact),
            json!({"systemMessage": "m"})
        );
        // Unknown events keep it: the CLI knows better.
        assert_eq!(
            HookOutput::context("x").to_wire(&HookEvent::Other("Future".into())),
            json!({"hookSpecificOutput": {"hookEventName": "Future", "additionalContext": "x"}})
        );
    }

    #[test]
    fn an_explicit_event_name_is_kept_and_unknown_fields_round_trip() {
        let raw = json!({"async": true, "hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDisplay": {"x": 1}}});
        let output: HookOutput = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(output.extra["async"], true);
        assert_eq!(output.to_wire(&HookEvent::PreToolUse), raw);
    }
}
