//! [`AgentEvent`]: one message of the stream, placed in its thread.

use super::thread::Thread;
use crate::messages::{Message, TaskNotification, TaskProgress, TaskStarted, TaskUpdated};

/// A message of the stream, sorted out by [`AgentActivity`](super::AgentActivity):
/// either a message of a thread, or a typed task event.
///
/// A task event's `thread` is the subagent the task runs (when the task is
/// a subagent started by a known Agent tool call), or [`Thread::Main`] for
/// the main agent's own background work.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[expect(
    clippy::large_enum_variant,
    reason = "most events are messages; boxing them would only make matching on them clumsy"
)]
pub enum AgentEvent {
    /// A message of the main agent or of a subagent.
    Message {
        /// Whose message it is.
        thread: Thread,
        /// The message.
        message: Message,
    },
    /// A task (a subagent, a background command) started.
    TaskStarted {
        /// The subagent it runs, or the main thread.
        thread: Thread,
        /// The `system/task_started` message.
        task: TaskStarted,
    },
    /// A task reported progress.
    TaskProgress {
        /// The subagent it runs, or the main thread.
        thread: Thread,
        /// The `system/task_progress` message.
        task: TaskProgress,
    },
    /// A task's state changed (e.g. to `completed`).
    TaskUpdated {
        /// The subagent it runs, or the main thread.
        thread: Thread,
        /// The `system/task_updated` message.
        task: TaskUpdated,
    },
    /// A task ended: completed, failed or stopped, with a summary.
    TaskNotification {
        /// The subagent it runs, or the main thread.
        thread: Thread,
        /// The `system/task_notification` message.
        task: TaskNotification,
    },
}

impl AgentEvent {
    /// The thread the event belongs to.
    #[must_use]
    pub fn thread(&self) -> &Thread {
        match self {
            Self::Message { thread, .. }
            | Self::TaskStarted { thread, .. }
            | Self::TaskProgress { thread, .. }
            | Self::TaskUpdated { thread, .. }
            | Self::TaskNotification { thread, .. } => thread,
        }
    }

    /// The event as the message it came from.
    #[must_use]
    pub fn into_message(self) -> Message {
        use crate::messages::SystemMessage;
        match self {
            Self::Message { message, .. } => message,
            Self::TaskStarted { task, .. } => Message::System(SystemMessage::TaskStarted(task)),
            Self::TaskProgress { task, .. } => Message::System(SystemMessage::TaskProgress(task)),
            Self::TaskUpdated { task, .. } => Message::System(SystemMessage::TaskUpdated(task)),
            Self::TaskNotification { task, .. } => {
                Message::System(SystemMessage::TaskNotification(task))
            }
        }
    }
}
