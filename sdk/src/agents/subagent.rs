//! [`Subagent`]: what is known about one subagent run.

use crate::messages::{Message, TaskStatus, TaskUsage};

/// One run of a subagent, as seen on the message stream: the Agent tool
/// call that started it, its task, its messages and how it ended.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Subagent {
    pub(super) tool_use_id: String,
    pub(super) agent_id: Option<String>,
    pub(super) task_id: Option<String>,
    pub(super) subagent_type: Option<String>,
    pub(super) description: Option<String>,
    pub(super) prompt: Option<String>,
    pub(super) background: Option<bool>,
    pub(super) status: TaskStatus,
    pub(super) summary: Option<String>,
    pub(super) usage: Option<TaskUsage>,
    pub(super) last_tool_name: Option<String>,
    pub(super) result: Option<String>,
    pub(super) messages: Vec<Message>,
}

impl Subagent {
    pub(super) fn new(tool_use_id: &str) -> Self {
        Self {
            tool_use_id: tool_use_id.to_owned(),
            agent_id: None,
            task_id: None,
            subagent_type: None,
            description: None,
            prompt: None,
            background: None,
            status: TaskStatus::Running,
            summary: None,
            usage: None,
            last_tool_name: None,
            result: None,
            messages: Vec::new(),
        }
    }

    /// The id of the Agent tool call that started it.
    #[must_use]
    pub fn tool_use_id(&self) -> &str {
        &self.tool_use_id
    }

    /// Its agent id (as messages and hooks name it), once seen.
    #[must_use]
    pub fn agent_id(&self) -> Option<&str> {
        self.agent_id.as_deref()
    }

    /// Its task id (as `system/task_*` messages and `stop_task` name it),
    /// once seen.
    #[must_use]
    pub fn task_id(&self) -> Option<&str> {
        self.task_id.as_deref()
    }

    /// Its type: the agent's name (`general-purpose`, an `#[agent]`'s name).
    #[must_use]
    pub fn subagent_type(&self) -> Option<&str> {
        self.subagent_type.as_deref()
    }

    /// The short description the main agent gave the task.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The prompt the main agent wrote for it.
    #[must_use]
    pub fn prompt(&self) -> Option<&str> {
        self.prompt.as_deref()
    }

    /// Whether it runs in the background, once known.
    #[must_use]
    pub fn is_backgrounded(&self) -> Option<bool> {
        self.background
    }

    /// Where it stands: running until a `task_updated` or
    /// `task_notification` says otherwise, or until the Agent tool call's
    /// result arrives: failed when that result is an error (the call was
    /// denied or failed), completed when the subagent ran in the
    /// foreground (a background run goes on after its "launched" result).
    #[must_use]
    pub fn status(&self) -> &TaskStatus {
        &self.status
    }

    /// Its final report, from its `task_notification`.
    #[must_use]
    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    /// What it used (latest progress or final figures).
    #[must_use]
    pub fn usage(&self) -> Option<TaskUsage> {
        self.usage
    }

    /// The last tool it used, from its progress messages.
    #[must_use]
    pub fn last_tool_name(&self) -> Option<&str> {
        self.last_tool_name.as_deref()
    }

    /// The text of the Agent tool call's result in the main thread: the
    /// hand-back of a foreground subagent, a "launched" notice for a
    /// background one.
    #[must_use]
    pub fn tool_result(&self) -> Option<&str> {
        self.result.as_deref()
    }

    /// The messages of its conversation that reached the stream (its
    /// prompt, and its tool calls; its text too with
    /// `forward_subagent_text`, or when it runs in the background).
    #[must_use]
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }
}
