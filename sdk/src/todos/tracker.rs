//! [`TodoTracker`]: a shared todo list that follows a message stream and
//! tells its watchers.

use std::sync::{Arc, Mutex, PoisonError};

use futures::{Stream, StreamExt};
use tokio::sync::{broadcast, watch};

use super::event::TodoEvent;
use super::list::{Progress, TodoList};
use super::todo::TodoStatus;
use crate::messages::Message;

/// How many events a slow event subscriber may fall behind.
const EVENT_BUFFER: usize = 256;

/// A [`TodoList`] shared between the task that reads a session and the
/// tasks that show its progress.
///
/// Wrap a message stream with [`track`](Self::track) (messages pass through
/// unchanged), or call [`observe`](Self::observe) yourself; read the list
/// with [`snapshot`](Self::snapshot), wait for changes with
/// [`subscribe`](Self::subscribe), or receive each change with
/// [`events`](Self::events). Clones share one list.
///
/// ```no_run
/// use futures::StreamExt;
/// use claude_agent_sdk::{ClaudeAgentOptions, query_stream};
/// use claude_agent_sdk::todos::TodoTracker;
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let options = ClaudeAgentOptions::builder().track_todos(true).build();
/// let tracker = TodoTracker::new();
/// let mut progress = tracker.subscribe();
/// tokio::spawn(async move {
///     while progress.changed().await.is_ok() {
///         println!("{}", progress.borrow().progress());
///     }
/// });
/// let mut messages = tracker.track(query_stream("Plan, then do, the release.", options).await?);
/// while let Some(message) = messages.next().await {
///     message?;
/// }
/// println!("{}", tracker.snapshot());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct TodoTracker {
    list: Arc<watch::Sender<TodoList>>,
    events: broadcast::Sender<TodoEvent>,
    /// One change at a time (`update` changes a copy of the list, outside
    /// the watch channel's lock).
    changing: Arc<Mutex<()>>,
}

impl Default for TodoTracker {
    fn default() -> Self {
        Self::with_list(TodoList::new())
    }
}

impl TodoTracker {
    /// A tracker with an empty list.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A tracker starting from `list`.
    #[must_use]
    pub fn with_list(list: TodoList) -> Self {
        let (events, _) = broadcast::channel(EVENT_BUFFER);
        Self {
            list: Arc::new(watch::channel(list).0),
            events,
            changing: Arc::default(),
        }
    }

    /// Applies a change of the SDK's own (one that never calls back into
    /// the tracker) in place, and tells watchers when it returns events.
    pub(super) fn publish(
        &self,
        change: impl FnOnce(&mut TodoList) -> Vec<TodoEvent>,
    ) -> Vec<TodoEvent> {
        // A change that panicked is over: the lock is fine to take again.
        let _one_at_a_time = self.changing.lock().unwrap_or_else(PoisonError::into_inner);
        let mut events = Vec::new();
        self.list.send_if_modified(|list| {
            events = change(list);
            !events.is_empty()
        });
        self.announce(&events);
        events
    }

    fn announce(&self, events: &[TodoEvent]) {
        for event in events {
            // No subscriber is fine.
            let _ = self.events.send(event.clone());
        }
    }

    /// Applies one message of the session (see [`TodoList::observe`]).
    pub fn observe(&self, message: &Message) -> Vec<TodoEvent> {
        self.publish(|list| list.observe(message))
    }

    /// Records a task event from a `TaskCreated` or `TaskCompleted` hook
    /// (see [`TodoList::record_task`]).
    pub fn record_task(&self, id: &str, subject: &str, status: TodoStatus) -> Vec<TodoEvent> {
        self.publish(|list| list.record_task(id, subject, status))
    }

    /// Changes the list by hand; watchers are told of what changed.
    ///
    /// `change` works on a copy of the list, stored when it returns (a
    /// `change` that panics changes nothing). It may read this tracker
    /// ([`snapshot`](Self::snapshot), [`progress`](Self::progress)), but
    /// must not change it (`update`, `observe`, `record_task`): changes
    /// run one at a time, so that would deadlock.
    pub fn update<R>(&self, change: impl FnOnce(&mut TodoList) -> R) -> R {
        let _one_at_a_time = self.changing.lock().unwrap_or_else(PoisonError::into_inner);
        // A copy, outside the watch channel's lock, so that `change` may read
        // the tracker.
        let mut changed = self.list.borrow().clone();
        let out = change(&mut changed);
        let events = super::event::diff(&self.list.borrow().todos, &changed.todos);
        self.list.send_if_modified(|list| {
            *list = changed;
            !events.is_empty()
        });
        self.announce(&events);
        out
    }

    /// A copy of the list as it is now.
    #[must_use]
    pub fn snapshot(&self) -> TodoList {
        self.list.borrow().clone()
    }

    /// How far the list is now.
    #[must_use]
    pub fn progress(&self) -> Progress {
        self.list.borrow().progress()
    }

    /// A receiver that sees the list each time it changes.
    #[must_use]
    pub fn subscribe(&self) -> watch::Receiver<TodoList> {
        self.list.subscribe()
    }

    /// A receiver of every change from now on.
    #[must_use]
    pub fn events(&self) -> broadcast::Receiver<TodoEvent> {
        self.events.subscribe()
    }

    /// Passes `messages` through unchanged, applying each one to the list.
    pub fn track<S, E>(&self, messages: S) -> impl Stream<Item = Result<Message, E>> + use<S, E>
    where
        S: Stream<Item = Result<Message, E>>,
    {
        let tracker = self.clone();
        messages.inspect(move |item| {
            if let Ok(message) = item {
                tracker.observe(message);
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(value: serde_json::Value) -> Message {
        Message::from_value(value).unwrap()
    }

    #[tokio::test]
    async fn a_tracked_stream_updates_watchers() {
        let tracker = TodoTracker::new();
        let mut watcher = tracker.subscribe();
        let mut events = tracker.events();
        let frames = vec![
            Ok::<_, std::convert::Infallible>(message(json!({
                "type": "assistant", "session_id": "s", "parent_tool_use_id": null,
                "message": {"content": [{"type": "tool_use", "id": "a", "name": "TaskCreate",
                                         "input": {"subject": "S", "description": "D"}}]}
            }))),
            Ok(message(json!({
                "type": "user", "session_id": "s", "parent_tool_use_id": null,
                "message": {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "a",
                            "content": "Task #1 created successfully: S"}]},
                "tool_use_result": {"task": {"id": "1", "subject": "S", "description": "D"}}
            }))),
        ];
        let passed: Vec<_> = tracker.track(futures::stream::iter(frames)).collect().await;
        assert_eq!(passed.len(), 2, "messages pass through");
        assert!(watcher.has_changed().unwrap());
        assert_eq!(watcher.borrow_and_update().len(), 1);
        assert!(matches!(events.recv().await.unwrap(), TodoEvent::Added(t) if t.id == "1"));

        let id = tracker.update(|list| list.add("by hand"));
        assert!(watcher.has_changed().unwrap());
        assert_eq!(tracker.snapshot().get(&id).unwrap().subject, "by hand");
        tracker.record_task("1", "S", TodoStatus::Completed);
        assert_eq!(tracker.progress().completed, 1);
        // Nothing changed: watchers are not woken.
        watcher.borrow_and_update();
        tracker.record_task("1", "S", TodoStatus::Completed);
        assert!(!watcher.has_changed().unwrap());
    }

    #[test]
    fn a_change_may_read_the_tracker() {
        let tracker = TodoTracker::new();
        let mut watcher = tracker.subscribe();
        let seen = tracker.update(|list| {
            list.add("first");
            // The stored list is not changed until the change returns.
            (tracker.snapshot().len(), tracker.progress().total)
        });
        assert_eq!(seen, (0, 0));
        assert!(watcher.has_changed().unwrap());
        assert_eq!(watcher.borrow_and_update().len(), 1);
    }

    #[test]
    fn a_panicking_change_changes_nothing() {
        let tracker = TodoTracker::new();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tracker.update(|list| {
                list.add("half done");
                panic!("the change failed");
            })
        }));
        assert!(outcome.is_err());
        assert!(tracker.snapshot().is_empty());
        tracker.update(|list| list.add("after"));
        assert_eq!(tracker.snapshot().len(), 1);
    }
}
