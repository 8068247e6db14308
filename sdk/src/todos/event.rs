//! [`TodoEvent`]: how a todo list changed.

use super::todo::{Todo, TodoStatus};

/// A change to a [`TodoList`](super::TodoList).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[expect(
    clippy::large_enum_variant,
    reason = "events are short-lived; boxing the two todos would only add allocations"
)]
pub enum TodoEvent {
    /// A todo was added.
    Added(Todo),
    /// A todo changed.
    Updated {
        /// As it was.
        before: Todo,
        /// As it is.
        after: Todo,
    },
    /// A todo was removed (the agent deleted it, or it no longer lists it).
    Removed(Todo),
}

impl TodoEvent {
    /// The todo as it is now (as it was, for a removal).
    #[must_use]
    pub fn todo(&self) -> &Todo {
        match self {
            Self::Added(todo) | Self::Removed(todo) | Self::Updated { after: todo, .. } => todo,
        }
    }

    /// Whether this event completed a todo.
    #[must_use]
    pub fn is_completion(&self) -> bool {
        match self {
            Self::Added(todo) => todo.status == TodoStatus::Completed,
            Self::Updated { before, after } => {
                before.status != TodoStatus::Completed && after.status == TodoStatus::Completed
            }
            Self::Removed(_) => false,
        }
    }

    /// Whether this event changed a todo's status.
    #[must_use]
    pub fn is_status_change(&self) -> bool {
        matches!(self, Self::Updated { before, after } if before.status != after.status)
    }
}

/// The events that turn `before` into `after` (todos matched by id).
pub(crate) fn diff(before: &[Todo], after: &[Todo]) -> Vec<TodoEvent> {
    let mut events = Vec::new();
    for todo in after {
        match before.iter().find(|old| old.id == todo.id) {
            None => events.push(TodoEvent::Added(todo.clone())),
            Some(old) if old != todo => events.push(TodoEvent::Updated {
                before: old.clone(),
                after: todo.clone(),
            }),
            Some(_) => {}
        }
    }
    for old in before {
        if !after.iter().any(|todo| todo.id == old.id) {
            events.push(TodoEvent::Removed(old.clone()));
        }
    }
    events
}
