//! The vocabulary of background tasks (subagents, background commands):
//! their status and usage, read from the `system/task_*` messages.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::system::{TaskNotification, TaskProgress, TaskStarted, TaskUpdated};
use crate::wire::string_enum;

string_enum! {
    /// Where a task stands.
    pub enum TaskStatus {
        /// Not started yet.
        Pending = "pending",
        /// Running.
        Running = "running",
        /// Finished.
        Completed = "completed",
        /// Failed.
        Failed = "failed",
        /// Stopped (`stop_task`, or the session ended).
        Stopped = "stopped",
        /// Killed.
        Killed = "killed",
    }
}

impl TaskStatus {
    /// Whether the task is over (completed, failed, stopped or killed).
    #[must_use]
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            Self::Completed | Self::Failed | Self::Stopped | Self::Killed
        )
    }
}

/// What a task has used so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskUsage {
    /// Tokens, input and output.
    #[serde(default)]
    pub total_tokens: u64,
    /// Tool calls.
    #[serde(default)]
    pub tool_uses: u64,
    /// Wall time, in milliseconds.
    #[serde(default)]
    pub duration_ms: u64,
}

impl TaskUsage {
    fn from_value(value: &Value) -> Option<Self> {
        value
            .is_object()
            .then(|| serde_json::from_value(value.clone()).ok())
            .flatten()
    }
}

fn str_field<'a>(extra: &'a crate::wire::Extra, key: &str) -> Option<&'a str> {
    extra.get(key).and_then(Value::as_str)
}

impl TaskStarted {
    /// Whether the task runs in the background (`is_backgrounded`).
    #[must_use]
    pub fn is_backgrounded(&self) -> Option<bool> {
        self.extra.get("is_backgrounded").and_then(Value::as_bool)
    }

    /// The prompt the task was given (for a subagent).
    #[must_use]
    pub fn prompt(&self) -> Option<&str> {
        str_field(&self.extra, "prompt")
    }

    /// Whether the task is a subagent (`task_type` `local_agent`, or a
    /// subagent type).
    #[must_use]
    pub fn is_subagent(&self) -> bool {
        self.task_type.as_deref() == Some("local_agent") || self.subagent_type.is_some()
    }
}

impl TaskProgress {
    /// The usage so far, when the message carries it.
    #[must_use]
    pub fn task_usage(&self) -> Option<TaskUsage> {
        TaskUsage::from_value(&self.usage)
    }

    /// A summary of the progress, when the CLI writes one.
    #[must_use]
    pub fn summary(&self) -> Option<&str> {
        str_field(&self.extra, "summary")
    }
}

impl TaskUpdated {
    /// The new status, when the update changes it.
    #[must_use]
    pub fn status(&self) -> Option<TaskStatus> {
        self.patch
            .get("status")
            .and_then(Value::as_str)
            .map(TaskStatus::from)
    }
}

impl TaskNotification {
    /// The final status.
    #[must_use]
    pub fn task_status(&self) -> TaskStatus {
        TaskStatus::from(self.status.as_str())
    }

    /// What the task used, when the message carries it.
    #[must_use]
    pub fn usage(&self) -> Option<TaskUsage> {
        self.extra.get("usage").and_then(TaskUsage::from_value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Message, SystemMessage};
    use serde_json::json;

    #[test]
    fn reads_status_and_usage_from_recorded_frames() {
        let updated = json!({"type": "system", "subtype": "task_updated", "task_id": "a1",
            "patch": {"status": "completed", "end_time": 1}, "session_id": "s"});
        let Message::System(SystemMessage::TaskUpdated(updated)) =
            Message::from_value(updated).unwrap()
        else {
            panic!("a task_updated");
        };
        assert_eq!(updated.status(), Some(TaskStatus::Completed));
        let done = json!({"type": "system", "subtype": "task_notification", "task_id": "a1",
            "status": "completed", "summary": "ok", "output_file": "/tmp/x",
            "usage": {"total_tokens": 15, "tool_uses": 0, "duration_ms": 131}, "session_id": "s"});
        let Message::System(SystemMessage::TaskNotification(done)) =
            Message::from_value(done).unwrap()
        else {
            panic!("a task_notification");
        };
        assert_eq!(done.task_status(), TaskStatus::Completed);
        assert!(done.task_status().is_finished());
        assert_eq!(done.usage().unwrap().total_tokens, 15);
        assert!(!TaskStatus::from("running").is_finished());
    }
}
