//! Inputs of the subagent, task and team events.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::HookCommon;
use super::turn::{BackgroundTaskSummary, SessionCronSummary};
use crate::wire::Extra;

/// The input of [`HookEvent::SubagentStart`](crate::hooks::HookEvent::SubagentStart).
///
/// `agent_id` and `agent_type` are this struct's own fields; the ones in
/// [`common`](Self::common) stay empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubagentStartInput {
    /// Session id, transcript, working directory, permission mode.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The subagent's id.
    #[serde(default)]
    pub agent_id: String,
    /// The subagent's type (`general-purpose`, a custom agent's name, ...).
    #[serde(default)]
    pub agent_type: String,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of [`HookEvent::SubagentStop`](crate::hooks::HookEvent::SubagentStop).
///
/// `agent_id` and `agent_type` are this struct's own fields; the ones in
/// [`common`](Self::common) stay empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubagentStopInput {
    /// Session id, transcript, working directory, permission mode.
    #[serde(flatten)]
    pub common: HookCommon,
    /// Whether the subagent continues because a stop hook told it to.
    #[serde(default)]
    pub stop_hook_active: bool,
    /// The subagent's id.
    #[serde(default)]
    pub agent_id: String,
    /// The subagent's own transcript.
    #[serde(default)]
    pub agent_transcript_path: PathBuf,
    /// The subagent's type (empty for the pseudo-agent of `/compact`).
    #[serde(default)]
    pub agent_type: String,
    /// The text of the subagent's last message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_assistant_message: Option<String>,
    /// Background work still in flight.
    #[serde(default)]
    pub background_tasks: Vec<BackgroundTaskSummary>,
    /// Scheduled wake-ups.
    #[serde(default)]
    pub session_crons: Vec<SessionCronSummary>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of [`HookEvent::TeammateIdle`](crate::hooks::HookEvent::TeammateIdle).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TeammateIdleInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The teammate.
    #[serde(default)]
    pub teammate_name: String,
    /// The team (deprecated by the CLI).
    #[serde(default)]
    pub team_name: String,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

macro_rules! task_input {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            /// Session id, transcript, working directory, permission mode, agent.
            #[serde(flatten)]
            pub common: HookCommon,
            /// The task's id (`1`, `2`, ...).
            #[serde(default)]
            pub task_id: String,
            /// The task's subject.
            #[serde(default)]
            pub task_subject: String,
            /// The task's description.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub task_description: Option<String>,
            /// The teammate that owns it, in agent teams.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub teammate_name: Option<String>,
            /// The team, in agent teams.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub team_name: Option<String>,
            /// Fields this SDK does not model.
            #[serde(flatten)]
            pub extra: Extra,
        }
    };
}

task_input! {
    /// The input of [`HookEvent::TaskCreated`](crate::hooks::HookEvent::TaskCreated):
    /// the TaskCreate tool created a task (todo tools, enabled with
    /// `CLAUDE_CODE_ENABLE_TODO_TOOLS=1`).
    TaskCreatedInput
}

task_input! {
    /// The input of
    /// [`HookEvent::TaskCompleted`](crate::hooks::HookEvent::TaskCompleted): a
    /// task was marked completed.
    TaskCompletedInput
}
