//! [`HookEvent`]: the events a hook can be registered for.

use crate::wire::string_enum;

string_enum! {
    /// An event a hook can be registered for: the 33 events of Claude Code
    /// 2.1.330, and [`HookEvent::Other`] for names this SDK does not know.
    ///
    /// Which of them reach SDK callbacks, and when, is documented per
    /// variant. Three never do at the moments one might expect:
    /// [`SessionStart`](Self::SessionStart) at start-up or resume,
    /// [`SessionEnd`](Self::SessionEnd) when the session closes, and
    /// [`Setup`](Self::Setup) at all.
    ///
    /// ```
    /// use claude_agent_sdk::hooks::HookEvent;
    ///
    /// assert_eq!(HookEvent::PreToolUse.as_str(), "PreToolUse");
    /// assert_eq!(HookEvent::from("PostCompact"), HookEvent::PostCompact);
    /// assert_eq!(HookEvent::from("Tomorrow"), HookEvent::Other("Tomorrow".into()));
    /// ```
    pub enum HookEvent {
        /// Before a tool runs, after its input is known: the hook may allow,
        /// deny or ask, rewrite the input, or add context.
        PreToolUse = "PreToolUse",
        /// After a tool succeeded: the hook may add context or replace the
        /// output the model sees.
        PostToolUse = "PostToolUse",
        /// After a tool failed.
        PostToolUseFailure = "PostToolUseFailure",
        /// After a batch of tool calls of one model response finished.
        PostToolBatch = "PostToolBatch",
        /// The CLI notifies the user, e.g. when a permission request has
        /// waited 6 s for an answer (`notification_type: "permission_prompt"`).
        Notification = "Notification",
        /// A prompt was submitted, before the model sees it (fired before the
        /// turn's `system/init`).
        UserPromptSubmit = "UserPromptSubmit",
        /// A slash command or MCP prompt was expanded into a prompt.
        UserPromptExpansion = "UserPromptExpansion",
        /// A session (re)starts.
        ///
        /// **SDK callbacks only see `source: "compact"` (during `/compact`)
        /// and `source: "clear"` (after `/clear`).** The CLI runs
        /// SessionStart for `startup` and `resume` while it handles
        /// `initialize`, before the callbacks it was just given are
        /// connected: only hooks from settings files run then. Put start-up
        /// work before the query instead.
        SessionStart = "SessionStart",
        /// A session ends.
        ///
        /// **SDK callbacks only see `reason: "clear"` (on `/clear`).** When
        /// the session closes (stdin closed, `end_session`), the CLI cancels
        /// the callback because the control channel is closing, so it never
        /// arrives. Put clean-up work after the query instead.
        SessionEnd = "SessionEnd",
        /// The main agent finished its turn (after the last assistant
        /// message, before the result).
        Stop = "Stop",
        /// The turn ended with an API error.
        StopFailure = "StopFailure",
        /// A subagent (the Agent tool) started.
        SubagentStart = "SubagentStart",
        /// A subagent finished. `/compact` also fires it (with an empty
        /// `agent_type`).
        SubagentStop = "SubagentStop",
        /// Before the conversation is compacted (`/compact` or automatically).
        PreCompact = "PreCompact",
        /// After the conversation was compacted, with the summary.
        PostCompact = "PostCompact",
        /// Before the model is switched; the hook may refuse the switch.
        PreModelSwitch = "PreModelSwitch",
        /// After the model was switched.
        PostModelSwitch = "PostModelSwitch",
        /// The CLI asks for permission to run a tool; the hook may decide.
        ///
        /// With a `can_use_tool` callback, the CLI asks the callback and
        /// these hooks at the same time: the first answer wins, and the
        /// other request is withdrawn (the callback's
        /// [`cancellation`](crate::permissions::ToolPermissionRequest::cancellation)
        /// fires).
        PermissionRequest = "PermissionRequest",
        /// A tool use was denied by the auto-mode classifier; the hook may ask
        /// for a retry.
        PermissionDenied = "PermissionDenied",
        /// Repository set-up or maintenance.
        ///
        /// **Never reaches SDK callbacks.** It runs only with the CLI's
        /// hidden `--init`, `--init-only` and `--maintenance` flags, and even
        /// then only for hooks from settings files, while `initialize` is
        /// handled.
        Setup = "Setup",
        /// An agent-team teammate became idle.
        TeammateIdle = "TeammateIdle",
        /// A task was created (the TaskCreate tool).
        TaskCreated = "TaskCreated",
        /// A task was completed (TaskUpdate to `completed`).
        TaskCompleted = "TaskCompleted",
        /// An MCP server asks the user for input, before the question is
        /// shown; the hook may answer it.
        Elicitation = "Elicitation",
        /// The user answered an MCP server's question; the hook may change
        /// the answer.
        ElicitationResult = "ElicitationResult",
        /// A settings file or skill changed.
        ConfigChange = "ConfigChange",
        /// A git worktree is to be created; the hook creates it and returns
        /// its path.
        WorktreeCreate = "WorktreeCreate",
        /// A git worktree was removed.
        WorktreeRemove = "WorktreeRemove",
        /// An instructions file (CLAUDE.md, rules) was loaded.
        InstructionsLoaded = "InstructionsLoaded",
        /// The working directory changed.
        CwdChanged = "CwdChanged",
        /// A watched file changed.
        FileChanged = "FileChanged",
        /// A directory was added to the session.
        DirectoryAdded = "DirectoryAdded",
        /// A message is about to be displayed; the hook may change its text.
        MessageDisplay = "MessageDisplay",
    }
}

impl HookEvent {
    /// Every event this SDK knows, in the CLI's order.
    pub const ALL: [HookEvent; 33] = [
        Self::PreToolUse,
        Self::PostToolUse,
        Self::PostToolUseFailure,
        Self::PostToolBatch,
        Self::Notification,
        Self::UserPromptSubmit,
        Self::UserPromptExpansion,
        Self::SessionStart,
        Self::SessionEnd,
        Self::Stop,
        Self::StopFailure,
        Self::SubagentStart,
        Self::SubagentStop,
        Self::PreCompact,
        Self::PostCompact,
        Self::PreModelSwitch,
        Self::PostModelSwitch,
        Self::PermissionRequest,
        Self::PermissionDenied,
        Self::Setup,
        Self::TeammateIdle,
        Self::TaskCreated,
        Self::TaskCompleted,
        Self::Elicitation,
        Self::ElicitationResult,
        Self::ConfigChange,
        Self::WorktreeCreate,
        Self::WorktreeRemove,
        Self::InstructionsLoaded,
        Self::CwdChanged,
        Self::FileChanged,
        Self::DirectoryAdded,
        Self::MessageDisplay,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_event_round_trips_and_is_distinct() {
        let mut names = std::collections::BTreeSet::new();
        for event in HookEvent::ALL {
            let name = event.as_str().to_owned();
            assert_eq!(HookEvent::from(name.as_str()), event);
            assert!(!matches!(event, HookEvent::Other(_)));
            assert!(names.insert(name));
        }
        assert_eq!(names.len(), 33);
    }
}
