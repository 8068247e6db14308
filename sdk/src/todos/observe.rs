//! Following the agent's todo tools from the message stream.
//!
//! Shapes observed with CLI 2.1.330 and 2.1.197 (`CLAUDE_CODE_ENABLE_TODO_TOOLS=1`):
//!
//! | tool | input | `tool_use_result` |
//! | --- | --- | --- |
//! | `TaskCreate` | `subject`, `description`, `activeForm`, `metadata` | `{"task":{"id","subject","description"}}` (2.1.197: no `description`) |
//! | `TaskUpdate` | `taskId`, `status` (`deleted` removes), `subject`, `description`, `activeForm`, `owner`, `addBlocks`, `addBlockedBy`, `metadata` | `{"success","taskId","updatedFields","statusChange":{"from","to"}}`, or `{"success":false,"error":"Task not found"}` |
//! | `TaskGet` | `taskId` | `{"task":{"id","subject","description","status","blocks","blockedBy"}}` |
//! | `TaskList` | `{}` | `{"tasks":[{"id","subject","status","owner","blockedBy"}]}` (`blockedBy`: open blockers only) |
//! | `TodoWrite` | `{"todos":[{"content","status","activeForm"}]}` | `{"oldTodos":[…],"newTodos":[…]}` |
//!
//! A change is applied when the tool's result arrives (not when the model
//! asks), and only if the tool succeeded.

use serde_json::{Map, Value};

use super::event::{TodoEvent, diff};
use super::list::TodoList;
use super::todo::{Todo, TodoSource, TodoStatus};
use crate::messages::{Message, ToolResultBlock};

/// How many unanswered todo tool calls are remembered.
const MAX_PENDING: usize = 256;

/// The names of the CLI's todo tools.
pub(crate) const TODO_TOOLS: [&str; 5] = [
    "TaskCreate",
    "TaskUpdate",
    "TaskGet",
    "TaskList",
    "TodoWrite",
];

/// A todo tool call waiting for its result.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PendingCall {
    tool_use_id: String,
    tool: String,
    input: Value,
}

fn id_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn str_of<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str)
}

fn ids(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(|v| id_of(Some(v))).collect())
        .unwrap_or_default()
}

fn push_unique(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|x| x == id) {
        list.push(id.to_owned());
    }
}

impl TodoList {
    /// Follows the agent's todo tools: call it with every message of a
    /// session, in order. Returns what changed (nothing for most messages).
    ///
    /// Tool calls are remembered from assistant messages, and applied when
    /// their successful results arrive in user messages; subagents' calls
    /// count too (the CLI keeps one task list per session).
    pub fn observe(&mut self, message: &Message) -> Vec<TodoEvent> {
        match message {
            Message::Assistant(assistant) => {
                for call in assistant.tool_uses() {
                    if TODO_TOOLS.contains(&call.name.as_str()) {
                        if self.pending.len() >= MAX_PENDING {
                            self.pending.pop_front();
                        }
                        self.pending.push_back(PendingCall {
                            tool_use_id: call.id.clone(),
                            tool: call.name.clone(),
                            input: call.input.clone(),
                        });
                    }
                }
                Vec::new()
            }
            Message::User(user) => {
                let results: Vec<&ToolResultBlock> = user.tool_results().collect();
                if results.is_empty() || self.pending.is_empty() {
                    return Vec::new();
                }
                let before = self.todos.clone();
                // The structured result belongs to the message's only tool
                // result (the CLI sends one result per message).
                let structured = (results.len() == 1)
                    .then_some(user.tool_use_result.as_ref())
                    .flatten()
                    .filter(|v| v.is_object());
                for result in results {
                    let Some(index) = self
                        .pending
                        .iter()
                        .position(|call| call.tool_use_id == result.tool_use_id)
                    else {
                        continue;
                    };
                    let Some(call) = self.pending.remove(index) else {
                        continue;
                    };
                    if result.is_error() {
                        continue;
                    }
                    self.apply(&call, structured, &result.text());
                }
                diff(&before, &self.todos)
            }
            _ => Vec::new(),
        }
    }

    fn apply(&mut self, call: &PendingCall, result: Option<&Value>, text: &str) {
        let input = &call.input;
        match call.tool.as_str() {
            "TaskCreate" => self.apply_create(input, result, text),
            "TaskUpdate" => self.apply_update(input, result),
            "TaskGet" => {
                if let Some(task) = result.and_then(|r| r.get("task")) {
                    self.upsert_task(task, true);
                }
            }
            "TaskList" => {
                if let Some(tasks) = result
                    .and_then(|r| r.get("tasks"))
                    .and_then(Value::as_array)
                {
                    let listed: Vec<String> =
                        tasks.iter().filter_map(|t| id_of(t.get("id"))).collect();
                    for task in tasks {
                        self.upsert_task(task, false);
                    }
                    self.todos
                        .retain(|t| t.source != TodoSource::Tasks || listed.contains(&t.id));
                }
            }
            "TodoWrite" => {
                let todos = result
                    .and_then(|r| r.get("newTodos"))
                    .or_else(|| input.get("todos"))
                    .and_then(Value::as_array);
                if let Some(todos) = todos {
                    self.apply_todo_write(todos);
                }
            }
            _ => {}
        }
    }

    fn apply_create(&mut self, input: &Value, result: Option<&Value>, text: &str) {
        let task = result.and_then(|r| r.get("task"));
        let id = id_of(task.and_then(|t| t.get("id"))).or_else(|| {
            // "Task #1 created successfully: <subject>"
            let rest = text.strip_prefix("Task #")?;
            let (id, tail) = rest.split_once(' ')?;
            tail.starts_with("created").then(|| id.to_owned())
        });
        let Some(id) = id else {
            return;
        };
        let subject = task
            .and_then(|t| str_of(t, "subject"))
            .or_else(|| str_of(input, "subject"))
            .unwrap_or_default();
        let mut todo = Todo::with_id(id.clone(), subject, TodoSource::Tasks);
        todo.description = task
            .and_then(|t| str_of(t, "description"))
            .or_else(|| str_of(input, "description"))
            .unwrap_or_default()
            .to_owned();
        todo.active_form = str_of(input, "activeForm").map(str::to_owned);
        if let Some(Value::Object(metadata)) = input.get("metadata") {
            todo.metadata.clone_from(metadata);
        }
        match self.get_mut(&id) {
            Some(existing) => *existing = todo,
            None => self.todos.push(todo),
        }
    }

    fn apply_update(&mut self, input: &Value, result: Option<&Value>) {
        if result.and_then(|r| r.get("success")) == Some(&Value::Bool(false)) {
            return;
        }
        let Some(id) =
            id_of(input.get("taskId")).or_else(|| id_of(result.and_then(|r| r.get("taskId"))))
        else {
            return;
        };
        let status = result
            .and_then(|r| r.get("statusChange"))
            .and_then(|c| str_of(c, "to"))
            .or_else(|| str_of(input, "status"));
        if status == Some("deleted") {
            self.remove(&id);
            return;
        }
        if self.get(&id).is_none() {
            self.todos
                .push(Todo::with_id(id.clone(), "", TodoSource::Tasks));
        }
        let blocks = ids(input.get("addBlocks"));
        let blocked_by = ids(input.get("addBlockedBy"));
        if let Some(todo) = self.get_mut(&id) {
            if let Some(subject) = str_of(input, "subject") {
                subject.clone_into(&mut todo.subject);
            }
            if let Some(description) = str_of(input, "description") {
                description.clone_into(&mut todo.description);
            }
            if let Some(active) = str_of(input, "activeForm") {
                todo.active_form = Some(active.to_owned());
            }
            if let Some(owner) = str_of(input, "owner") {
                todo.owner = Some(owner.to_owned());
            }
            if let Some(status) = status {
                todo.status = TodoStatus::from(status);
            }
            for other in &blocks {
                push_unique(&mut todo.blocks, other);
            }
            for other in &blocked_by {
                push_unique(&mut todo.blocked_by, other);
            }
            if let Some(Value::Object(changes)) = input.get("metadata") {
                merge_metadata(&mut todo.metadata, changes);
            }
        }
        for other in &blocks {
            if let Some(todo) = self.get_mut(other) {
                push_unique(&mut todo.blocked_by, &id);
            }
        }
        for other in &blocked_by {
            if let Some(todo) = self.get_mut(other) {
                push_unique(&mut todo.blocks, &id);
            }
        }
    }

    /// Takes what a `TaskGet` or `TaskList` result says about a task.
    /// `TaskGet` gives the full dependency lists; `TaskList` gives only the
    /// blockers that are still open (observed: a completed blocker is left
    /// out), so it can add dependencies but not remove them.
    fn upsert_task(&mut self, task: &Value, full_dependencies: bool) {
        let Some(id) = id_of(task.get("id")) else {
            return;
        };
        if self.get(&id).is_none() {
            self.todos
                .push(Todo::with_id(id.clone(), "", TodoSource::Tasks));
        }
        let Some(todo) = self.get_mut(&id) else {
            return;
        };
        if let Some(subject) = str_of(task, "subject") {
            subject.clone_into(&mut todo.subject);
        }
        if let Some(description) = str_of(task, "description") {
            description.clone_into(&mut todo.description);
        }
        if let Some(status) = str_of(task, "status") {
            todo.status = TodoStatus::from(status);
        }
        if let Some(owner) = str_of(task, "owner") {
            todo.owner = Some(owner.to_owned());
        }
        if full_dependencies {
            if task.get("blocks").is_some() {
                todo.blocks = ids(task.get("blocks"));
            }
            if task.get("blockedBy").is_some() {
                todo.blocked_by = ids(task.get("blockedBy"));
            }
        } else {
            for id in ids(task.get("blocks")) {
                push_unique(&mut todo.blocks, &id);
            }
            for id in ids(task.get("blockedBy")) {
                push_unique(&mut todo.blocked_by, &id);
            }
        }
    }

    /// `TodoWrite` replaces the whole list it manages.
    fn apply_todo_write(&mut self, items: &[Value]) {
        let mut fresh = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let id = id_of(item.get("id")).unwrap_or_else(|| format!("todo-{}", index + 1));
            let subject = str_of(item, "content")
                .or_else(|| str_of(item, "subject"))
                .unwrap_or_default();
            let mut todo = Todo::with_id(id, subject, TodoSource::TodoWrite);
            if let Some(status) = str_of(item, "status") {
                todo.status = TodoStatus::from(status);
            }
            todo.active_form = str_of(item, "activeForm").map(str::to_owned);
            fresh.push(todo);
        }
        self.todos.retain(|t| t.source != TodoSource::TodoWrite);
        self.todos.extend(fresh);
    }
}

/// Merges metadata changes: a `null` value removes the key.
fn merge_metadata(metadata: &mut Map<String, Value>, changes: &Map<String, Value>) {
    for (key, value) in changes {
        if value.is_null() {
            metadata.remove(key);
        } else {
            metadata.insert(key.clone(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests;
