//! [`TodoList`]: todos driven by hand or by the agent.

use std::collections::VecDeque;
use std::fmt;

use super::event::{TodoEvent, diff};
use super::observe::PendingCall;
use super::todo::{Todo, TodoSource, TodoStatus};

/// What can go wrong when changing a todo by hand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TodoError {
    /// No todo has this id.
    #[error("no todo with id {0:?}")]
    UnknownTodo(String),
}

/// How far a list is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Todos in the list.
    pub total: usize,
    /// Not started.
    pub pending: usize,
    /// Being worked on.
    pub in_progress: usize,
    /// Done.
    pub completed: usize,
}

impl Progress {
    /// The share of todos done, from 0.0 to 1.0 (0.0 for an empty list).
    #[must_use]
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            // Lists are far smaller than 2^52 items.
            #[allow(clippy::cast_precision_loss)]
            let fraction = self.completed as f64 / self.total as f64;
            fraction
        }
    }

    /// Whether there are todos and every one is done.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.total > 0 && self.completed == self.total
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{} done", self.completed, self.total)?;
        if self.in_progress > 0 {
            write!(f, ", {} in progress", self.in_progress)?;
        }
        Ok(())
    }
}

/// A todo list that a program drives by hand, and that follows the
/// agent's own plan live: feed it the session's messages with
/// [`observe`](Self::observe) (or wrap the stream with
/// [`TodoTracker::track`](super::TodoTracker::track)) and it mirrors the
/// CLI's todo tools (`TaskCreate`, `TaskUpdate`, `TaskGet`, `TaskList`, and
/// `TodoWrite` where the CLI offers it).
///
/// Todos are kept in the order they were added.
///
/// ```
/// use claude_agent_sdk::todos::{Todo, TodoList, TodoStatus};
///
/// let mut list = TodoList::new();
/// let tests = list.add("Write the tests");
/// let docs = list.add_todo(Todo::new("Write the docs").with_active_form("Writing the docs"));
/// list.start(&docs)?;
/// list.complete(&tests)?;
/// assert_eq!(list.progress().to_string(), "1/2 done, 1 in progress");
/// assert_eq!(list.current().map(|t| t.label()), Some("Writing the docs"));
/// assert_eq!(list.filter(TodoStatus::Completed).count(), 1);
/// assert!(list.set_status("nope", TodoStatus::Completed).is_err());
/// # Ok::<(), claude_agent_sdk::todos::TodoError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TodoList {
    pub(super) todos: Vec<Todo>,
    /// Calls to todo tools whose results have not arrived yet.
    pub(super) pending: VecDeque<PendingCall>,
    next_local: u64,
}

impl TodoList {
    /// An empty list.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a pending todo; returns its id (`local-<n>`).
    pub fn add(&mut self, subject: impl Into<String>) -> String {
        self.add_todo(Todo::new(subject))
    }

    /// Adds a todo; returns its id. A todo without an id, or with one that
    /// is taken, gets a fresh `local-<n>` id.
    pub fn add_todo(&mut self, mut todo: Todo) -> String {
        if todo.id.is_empty() || self.get(&todo.id).is_some() {
            loop {
                self.next_local += 1;
                let id = format!("local-{}", self.next_local);
                if self.get(&id).is_none() {
                    todo.id = id;
                    break;
                }
            }
        }
        let id = todo.id.clone();
        self.todos.push(todo);
        id
    }

    /// The todo with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Todo> {
        self.todos.iter().find(|t| t.id == id)
    }

    pub(super) fn get_mut(&mut self, id: &str) -> Option<&mut Todo> {
        self.todos.iter_mut().find(|t| t.id == id)
    }

    /// Changes a todo.
    ///
    /// # Errors
    ///
    /// [`TodoError::UnknownTodo`] when no todo has this id.
    pub fn update(&mut self, id: &str, change: impl FnOnce(&mut Todo)) -> Result<(), TodoError> {
        let todo = self
            .get_mut(id)
            .ok_or_else(|| TodoError::UnknownTodo(id.to_owned()))?;
        change(todo);
        todo.id = id.to_owned();
        Ok(())
    }

    /// Sets a todo's status.
    ///
    /// # Errors
    ///
    /// [`TodoError::UnknownTodo`] when no todo has this id.
    pub fn set_status(&mut self, id: &str, status: TodoStatus) -> Result<(), TodoError> {
        self.update(id, |todo| todo.status = status)
    }

    /// Marks a todo in progress.
    ///
    /// # Errors
    ///
    /// [`TodoError::UnknownTodo`] when no todo has this id.
    pub fn start(&mut self, id: &str) -> Result<(), TodoError> {
        self.set_status(id, TodoStatus::InProgress)
    }

    /// Marks a todo completed.
    ///
    /// # Errors
    ///
    /// [`TodoError::UnknownTodo`] when no todo has this id.
    pub fn complete(&mut self, id: &str) -> Result<(), TodoError> {
        self.set_status(id, TodoStatus::Completed)
    }

    /// Removes a todo (and mentions of it in other todos' dependencies).
    pub fn remove(&mut self, id: &str) -> Option<Todo> {
        let index = self.todos.iter().position(|t| t.id == id)?;
        let removed = self.todos.remove(index);
        for todo in &mut self.todos {
            todo.blocks.retain(|b| b != id);
            todo.blocked_by.retain(|b| b != id);
        }
        Some(removed)
    }

    /// Removes every todo.
    pub fn clear(&mut self) {
        self.todos.clear();
        self.pending.clear();
    }

    /// The todos, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Todo> {
        self.todos.iter()
    }

    /// The todos with this status.
    pub fn filter(&self, status: TodoStatus) -> impl Iterator<Item = &Todo> {
        self.todos.iter().filter(move |t| t.status == status)
    }

    /// The todos from this source.
    pub fn from_source(&self, source: TodoSource) -> impl Iterator<Item = &Todo> {
        self.todos.iter().filter(move |t| t.source == source)
    }

    /// The first todo in progress.
    #[must_use]
    pub fn current(&self) -> Option<&Todo> {
        self.filter(TodoStatus::InProgress).next()
    }

    /// How many todos there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.todos.len()
    }

    /// Whether there is no todo.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.todos.is_empty()
    }

    /// How far the list is.
    #[must_use]
    pub fn progress(&self) -> Progress {
        let count = |status: TodoStatus| self.filter(status).count();
        Progress {
            total: self.todos.len(),
            pending: count(TodoStatus::Pending),
            in_progress: count(TodoStatus::InProgress),
            completed: count(TodoStatus::Completed),
        }
    }

    /// Records a task event from outside the message stream: the extension
    /// point for the `TaskCreated` and `TaskCompleted` hooks.
    ///
    /// A hook callback passes the hook input's `task_id` and `task_subject`
    /// with [`TodoStatus::Pending`] for `TaskCreated` and
    /// [`TodoStatus::Completed`] for `TaskCompleted`. An unknown task is
    /// added; a known one gets the subject (when not empty) and the status.
    /// [`TodoTracker::hooks`](super::TodoTracker::hooks) does this for you.
    /// Feeding both the hooks and the messages is harmless: the list ends
    /// the same.
    ///
    /// ```
    /// use claude_agent_sdk::todos::{TodoList, TodoStatus};
    ///
    /// let mut list = TodoList::new();
    /// list.record_task("1", "Write tests", TodoStatus::Pending);
    /// let events = list.record_task("1", "Write tests", TodoStatus::Completed);
    /// assert!(events[0].is_completion());
    /// assert!(list.progress().is_done());
    /// ```
    pub fn record_task(&mut self, id: &str, subject: &str, status: TodoStatus) -> Vec<TodoEvent> {
        let before = self.todos.clone();
        match self.get_mut(id) {
            Some(todo) => {
                if !subject.is_empty() {
                    subject.clone_into(&mut todo.subject);
                }
                todo.status = status;
            }
            None => self
                .todos
                .push(Todo::with_id(id.to_owned(), subject, TodoSource::Tasks).with_status(status)),
        }
        diff(&before, &self.todos)
    }
}

impl<'a> IntoIterator for &'a TodoList {
    type Item = &'a Todo;
    type IntoIter = std::slice::Iter<'a, Todo>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Display for TodoList {
    /// One line per todo: `[x] subject`, `[>] active form`, `[ ] subject`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, todo) in self.todos.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let mark = match todo.status {
                TodoStatus::Completed => "[x]",
                TodoStatus::InProgress => "[>]",
                _ => "[ ]",
            };
            write!(f, "{mark} {}", todo.label())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_use() {
        let mut list = TodoList::new();
        let a = list.add("a");
        let b = list.add_todo(Todo::new("b").blocked_by(a.clone()));
        assert_eq!((a.as_str(), b.as_str()), ("local-1", "local-2"));
        // A taken id is replaced.
        let mut dup = Todo::new("c");
        dup.id.clone_from(&a);
        let c = list.add_todo(dup);
        assert_eq!(c, "local-3");
        list.start(&a).unwrap();
        assert_eq!(list.progress().in_progress, 1);
        list.complete(&a).unwrap();
        list.update(&b, |t| t.owner = Some("me".into())).unwrap();
        assert_eq!(list.get(&b).unwrap().owner.as_deref(), Some("me"));
        assert_eq!(list.remove(&a).unwrap().subject, "a");
        assert!(list.get(&b).unwrap().blocked_by.is_empty());
        assert_eq!(
            list.set_status(&a, TodoStatus::Pending),
            Err(TodoError::UnknownTodo(a))
        );
        assert_eq!(list.to_string(), "[ ] b\n[ ] c");
        assert_eq!(list.progress().fraction(), 0.0);
        assert!(!list.progress().is_done());
        assert_eq!(TodoList::new().progress().fraction(), 0.0);
        assert_eq!(list.from_source(TodoSource::Manual).count(), 2);
        list.clear();
        assert!(list.is_empty());
    }

    #[test]
    fn record_task_is_idempotent() {
        let mut list = TodoList::new();
        assert_eq!(list.record_task("1", "x", TodoStatus::Pending).len(), 1);
        assert!(list.record_task("1", "x", TodoStatus::Pending).is_empty());
        let events = list.record_task("1", "", TodoStatus::Completed);
        assert_eq!(events.len(), 1);
        assert_eq!(list.get("1").unwrap().subject, "x");
        assert_eq!(list.get("1").unwrap().source, TodoSource::Tasks);
    }
}
