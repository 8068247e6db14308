//! A typed hook for each of the 33 events: the macro's list of events and the
//! SDK's cannot drift apart.

use claude_agent_sdk::hook;
use claude_agent_sdk::hooks::*;

macro_rules! hooks {
    ($( $event:ident($input:ident) $name:ident, )*) => {
        $(
            #[hook($event)]
            async fn $name(_input: $input) -> HookOutput {
                HookOutput::default()
            }
        )*

        fn main() {
            let options = claude_agent_sdk::ClaudeAgentOptions::builder()
                $( .hook($name) )*
                .build();
            drop(options);
        }
    };
}

hooks! {
    PreToolUse(PreToolUseInput) h1,
    PostToolUse(PostToolUseInput) h2,
    PostToolUseFailure(PostToolUseFailureInput) h3,
    PostToolBatch(PostToolBatchInput) h4,
    Notification(NotificationInput) h5,
    UserPromptSubmit(UserPromptSubmitInput) h6,
    UserPromptExpansion(UserPromptExpansionInput) h7,
    SessionStart(SessionStartInput) h8,
    SessionEnd(SessionEndInput) h9,
    Stop(StopInput) h10,
    StopFailure(StopFailureInput) h11,
    SubagentStart(SubagentStartInput) h12,
    SubagentStop(SubagentStopInput) h13,
    PreCompact(PreCompactInput) h14,
    PostCompact(PostCompactInput) h15,
    PreModelSwitch(PreModelSwitchInput) h16,
    PostModelSwitch(PostModelSwitchInput) h17,
    PermissionRequest(PermissionRequestInput) h18,
    PermissionDenied(PermissionDeniedInput) h19,
    Setup(SetupInput) h20,
    TeammateIdle(TeammateIdleInput) h21,
    TaskCreated(TaskCreatedInput) h22,
    TaskCompleted(TaskCompletedInput) h23,
    Elicitation(ElicitationInput) h24,
    ElicitationResult(ElicitationResultInput) h25,
    ConfigChange(ConfigChangeInput) h26,
    WorktreeCreate(WorktreeCreateInput) h27,
    WorktreeRemove(WorktreeRemoveInput) h28,
    InstructionsLoaded(InstructionsLoadedInput) h29,
    CwdChanged(CwdChangedInput) h30,
    FileChanged(FileChangedInput) h31,
    DirectoryAdded(DirectoryAddedInput) h32,
    MessageDisplay(MessageDisplayInput) h33,
}
