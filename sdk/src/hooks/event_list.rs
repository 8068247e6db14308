//! The one list of hook events and their input types, for the macros that
//! generate the per-event items.

/// Calls `$callback!` with every hook event this SDK knows, as
/// `Event(EventInput),` pairs in the CLI's order.
macro_rules! for_each_hook_event {
    ($callback:ident) => {
        $callback! {
            PreToolUse(PreToolUseInput),
            PostToolUse(PostToolUseInput),
            PostToolUseFailure(PostToolUseFailureInput),
            PostToolBatch(PostToolBatchInput),
            Notification(NotificationInput),
            UserPromptSubmit(UserPromptSubmitInput),
            UserPromptExpansion(UserPromptExpansionInput),
            SessionStart(SessionStartInput),
            SessionEnd(SessionEndInput),
            Stop(StopInput),
            StopFailure(StopFailureInput),
            SubagentStart(SubagentStartInput),
            SubagentStop(SubagentStopInput),
            PreCompact(PreCompactInput),
            PostCompact(PostCompactInput),
            PreModelSwitch(PreModelSwitchInput),
            PostModelSwitch(PostModelSwitchInput),
            PermissionRequest(PermissionRequestInput),
            PermissionDenied(PermissionDeniedInput),
            Setup(SetupInput),
            TeammateIdle(TeammateIdleInput),
            TaskCreated(TaskCreatedInput),
            TaskCompleted(TaskCompletedInput),
            Elicitation(ElicitationInput),
            ElicitationResult(ElicitationResultInput),
            ConfigChange(ConfigChangeInput),
            WorktreeCreate(WorktreeCreateInput),
            WorktreeRemove(WorktreeRemoveInput),
            InstructionsLoaded(InstructionsLoadedInput),
            CwdChanged(CwdChangedInput),
            FileChanged(FileChangedInput),
            DirectoryAdded(DirectoryAddedInput),
            MessageDisplay(MessageDisplayInput),
        }
    };
}

pub(crate) use for_each_hook_event;
