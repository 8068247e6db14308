//! Feeding a [`TodoTracker`] from the `TaskCreated` and `TaskCompleted`
//! hooks.

use super::list::TodoList;
use super::todo::{Todo, TodoSource, TodoStatus};
use super::tracker::TodoTracker;
use crate::hooks::{HookMatcher, HookOutput, TaskCompletedInput, TaskCreatedInput, event};

impl TodoList {
    /// A `TaskCreated` hook: adds the task, or fills in its subject and
    /// description without moving it back to pending.
    pub(crate) fn record_created(
        &mut self,
        id: &str,
        subject: &str,
        description: Option<&str>,
    ) -> Vec<super::TodoEvent> {
        let before = self.todos.clone();
        match self.get_mut(id) {
            Some(todo) => {
                if !subject.is_empty() {
                    subject.clone_into(&mut todo.subject);
                }
                if let Some(description) = description {
                    description.clone_into(&mut todo.description);
                }
            }
            None => self.todos.push(
                Todo::with_id(id.to_owned(), subject, TodoSource::Tasks)
                    .with_description(description.unwrap_or_default()),
            ),
        }
        super::event::diff(&before, &self.todos)
    }
}

impl TodoTracker {
    /// Hooks that feed this tracker from the CLI's `TaskCreated` and
    /// `TaskCompleted` events. Register them next to (or instead of)
    /// [`track`](Self::track)ing the message stream; fed both ways, the list
    /// ends the same.
    ///
    /// ```
    /// use claude_agent_sdk::ClaudeAgentOptions;
    /// use claude_agent_sdk::todos::TodoTracker;
    ///
    /// let tracker = TodoTracker::new();
    /// let [created, completed] = tracker.hooks();
    /// let options = ClaudeAgentOptions::builder()
    ///     .track_todos(true)
    ///     .hook(created)
    ///     .hook(completed)
    ///     .build();
    /// # drop(options);
    /// ```
    pub fn hooks(&self) -> [HookMatcher; 2] {
        let on_created = self.clone();
        let on_completed = self.clone();
        [
            HookMatcher::on(event::TaskCreated, move |input: TaskCreatedInput, _ctx| {
                let tracker = on_created.clone();
                async move {
                    tracker.publish(|list| {
                        list.record_created(
                            &input.task_id,
                            &input.task_subject,
                            input.task_description.as_deref(),
                        )
                    });
                    HookOutput::default()
                }
            }),
            HookMatcher::on(
                event::TaskCompleted,
                move |input: TaskCompletedInput, _ctx| {
                    let tracker = on_completed.clone();
                    async move {
                        tracker.record_task(
                            &input.task_id,
                            &input.task_subject,
                            TodoStatus::Completed,
                        );
                        HookOutput::default()
                    }
                },
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_creation_never_moves_a_task_back() {
        let mut list = TodoList::new();
        list.record_task("1", "Write tests", TodoStatus::InProgress);
        let events = list.record_created("1", "Write tests", Some("all"));
        assert_eq!(events.len(), 1);
        let todo = list.get("1").unwrap();
        assert_eq!(todo.status, TodoStatus::InProgress);
        assert_eq!(todo.description, "all");
        list.record_created("2", "Ship", None);
        assert_eq!(list.get("2").unwrap().status, TodoStatus::Pending);
    }

    #[test]
    fn the_hooks_are_for_the_task_events() {
        let [created, completed] = TodoTracker::new().hooks();
        assert_eq!(created.event().as_str(), "TaskCreated");
        assert_eq!(completed.event().as_str(), "TaskCompleted");
    }
}
