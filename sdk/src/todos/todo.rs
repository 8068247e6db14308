//! [`Todo`]: one item of a todo list.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::wire::string_enum;

string_enum! {
    /// Where a todo stands.
    pub enum TodoStatus {
        /// Not started.
        Pending = "pending",
        /// Being worked on.
        InProgress = "in_progress",
        /// Done.
        Completed = "completed",
    }
}

/// Who made a todo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TodoSource {
    /// Added by the program ([`TodoList::add`](super::TodoList::add)).
    Manual,
    /// The agent's task tools (`TaskCreate`, `TaskUpdate`, ...), or a
    /// `TaskCreated`/`TaskCompleted` hook.
    Tasks,
    /// The agent's `TodoWrite` tool.
    TodoWrite,
}

/// One item of a [`TodoList`](super::TodoList).
///
/// The fields follow the CLI's task tools: a subject, a description, the
/// present-continuous form shown while it is in progress (`activeForm`), an
/// owner, dependencies and free-form metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Todo {
    /// The id: the CLI's task id (`1`, `2`, ...), `todo-<n>` for `TodoWrite`
    /// items, `local-<n>` for todos added by the program.
    pub id: String,
    /// What to do, in a few words.
    pub subject: String,
    /// Details.
    #[serde(default)]
    pub description: String,
    /// What to show while it is in progress ("Running the tests").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_form: Option<String>,
    /// Where it stands.
    pub status: TodoStatus,
    /// Who works on it (an agent's name), if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Todos that wait for this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<String>,
    /// Todos this one waits for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<String>,
    /// Free-form metadata.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    /// Who made it.
    pub source: TodoSource,
}

impl Todo {
    /// A pending todo. Its id is set when it is added to a list.
    #[must_use]
    pub fn new(subject: impl Into<String>) -> Self {
        Self::with_id(String::new(), subject, TodoSource::Manual)
    }

    pub(crate) fn with_id(id: String, subject: impl Into<String>, source: TodoSource) -> Self {
        Self {
            id,
            subject: subject.into(),
            description: String::new(),
            active_form: None,
            status: TodoStatus::Pending,
            owner: None,
            blocks: Vec::new(),
            blocked_by: Vec::new(),
            metadata: Map::new(),
            source,
        }
    }

    /// Sets the description.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Sets the form shown while in progress.
    #[must_use]
    pub fn with_active_form(mut self, active_form: impl Into<String>) -> Self {
        self.active_form = Some(active_form.into());
        self
    }

    /// Sets the status.
    #[must_use]
    pub fn with_status(mut self, status: TodoStatus) -> Self {
        self.status = status;
        self
    }

    /// Sets the owner.
    #[must_use]
    pub fn with_owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = Some(owner.into());
        self
    }

    /// Adds a todo this one waits for.
    #[must_use]
    pub fn blocked_by(mut self, id: impl Into<String>) -> Self {
        self.blocked_by.push(id.into());
        self
    }

    /// Adds a metadata entry.
    #[must_use]
    pub fn with_metadata(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// Whether it is done.
    #[must_use]
    pub fn is_completed(&self) -> bool {
        self.status == TodoStatus::Completed
    }

    /// The text to show for it: the active form while in progress, the
    /// subject otherwise.
    #[must_use]
    pub fn label(&self) -> &str {
        match (&self.status, &self.active_form) {
            (TodoStatus::InProgress, Some(active)) => active,
            _ => &self.subject,
        }
    }
}
