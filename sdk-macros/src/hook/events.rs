//! The hook events `#[hook]` knows: the same list as
//! `claude_agent_sdk::hooks::HookEvent` (a UI test uses every one of them, so
//! the two cannot drift apart unnoticed).

pub(super) const EVENTS: [&str; 33] = [
    "PreToolUse",
    "PostToolUse",
    "PostToolUseFailure",
    "PostToolBatch",
    "Notification",
    "UserPromptSubmit",
    "UserPromptExpansion",
    "SessionStart",
    "SessionEnd",
    "Stop",
    "StopFailure",
    "SubagentStart",
    "SubagentStop",
    "PreCompact",
    "PostCompact",
    "PreModelSwitch",
    "PostModelSwitch",
    "PermissionRequest",
    "PermissionDenied",
    "Setup",
    "TeammateIdle",
    "TaskCreated",
    "TaskCompleted",
    "Elicitation",
    "ElicitationResult",
    "ConfigChange",
    "WorktreeCreate",
    "WorktreeRemove",
    "InstructionsLoaded",
    "CwdChanged",
    "FileChanged",
    "DirectoryAdded",
    "MessageDisplay",
];

/// The known event closest to `name`, if one is close enough to be a typo.
pub(super) fn suggestion(name: &str) -> Option<&'static str> {
    crate::common::suggest::closest(name, &EVENTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(suggestion("PreTooluse"), Some("PreToolUse"));
        assert_eq!(suggestion("pre_tool_use"), Some("PreToolUse"));
        assert_eq!(suggestion("SubagentStrt"), Some("SubagentStart"));
        assert_eq!(suggestion("Banana"), None);
    }
}
