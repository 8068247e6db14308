//! Todo lists: driven by hand, or following the agent's own plan live.
//!
//! Claude Code gives the model todo tools to plan with: the task tools
//! `TaskCreate`, `TaskUpdate`, `TaskGet` and `TaskList` (turned on with
//! [`ClaudeAgentOptionsBuilder::track_todos`](crate::ClaudeAgentOptionsBuilder::track_todos)),
//! or the older `TodoWrite` ([`TodoTools::TodoWrite`]). A [`TodoList`]
//! mirrors them from the session's messages, so a program can show the
//! agent's progress, and is also a plain todo list to drive by hand. A
//! [`TodoTracker`] shares one list between the task reading the session and
//! the tasks showing it.
//!
//! ```
//! use claude_agent_sdk::Message;
//! use claude_agent_sdk::todos::{TodoList, TodoStatus};
//!
//! let call = Message::from_json(r#"{"type":"assistant","session_id":"s","parent_tool_use_id":null,
//!   "message":{"content":[{"type":"tool_use","id":"toolu_1","name":"TaskCreate",
//!   "input":{"subject":"Run the tests","activeForm":"Running the tests"}}]}}"#)?;
//! let result = Message::from_json(r#"{"type":"user","session_id":"s","parent_tool_use_id":null,
//!   "message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
//!   "content":"Task #1 created successfully: Run the tests"}]},
//!   "tool_use_result":{"task":{"id":"1","subject":"Run the tests","description":""}}}"#)?;
//!
//! let mut list = TodoList::new();
//! list.observe(&call);
//! let events = list.observe(&result);
//! assert_eq!(events.len(), 1);
//! assert_eq!(list.get("1").map(|t| t.status.clone()), Some(TodoStatus::Pending));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The `TaskCreated` and `TaskCompleted` hooks report the same changes:
//! register [`TodoTracker::hooks`] to feed a tracker from them, or feed any
//! source of task events in with [`TodoList::record_task`] or
//! [`TodoTracker::record_task`].

mod event;
mod hooks;
mod list;
mod observe;
mod options;
mod todo;
mod tracker;

pub use event::TodoEvent;
pub use list::{Progress, TodoError, TodoList};
pub use options::TodoTools;
pub use todo::{Todo, TodoSource, TodoStatus};
pub use tracker::TodoTracker;
