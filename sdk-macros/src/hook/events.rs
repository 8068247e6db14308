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
    let lower = name.to_lowercase();
    EVENTS
        .iter()
        .map(|event| (distance(&lower, &event.to_lowercase()), *event))
        .filter(|(d, event)| *d <= 3.max(event.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, event)| event)
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
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
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
