//! Subagents: define them with [`#[agent]`](crate::agent) (or [`Agent`]),
//! and follow what they do on the message stream.
//!
//! # Defining subagents
//!
//! A subagent is a named [`AgentDefinition`](crate::AgentDefinition): a
//! description that tells the model when to use it, a system prompt, and
//! optionally its tools, model, MCP servers, skills, turn limit, effort,
//! permission mode, memory and first prompt. The SDK sends every definition
//! in the `initialize` request (never on the command line, so size is no
//! concern); the model starts one with the Agent tool, passing its name as
//! `subagent_type`, and the CLI runs it with its own system prompt and tool
//! set.
//!
//! ```
//! use claude_agent_sdk::{ClaudeAgentOptions, agent};
//!
//! /// Reviews Rust code for bugs and unsafe patterns. Use it after editing Rust files.
//! #[agent(prompt = "You are a strict Rust reviewer.", tools = ["Read", "Grep"], model = "sonnet")]
//! struct CodeReviewer;
//!
//! assert_eq!(CodeReviewer::NAME, "code-reviewer");
//! let options = ClaudeAgentOptions::builder().agent(CodeReviewer).build();
//! # drop(options);
//! ```
//!
//! Two builder methods are about agents, and they do different things:
//!
//! - [`agent`](crate::ClaudeAgentOptionsBuilder::agent) (and
//!   [`agent_definition`](crate::ClaudeAgentOptionsBuilder::agent_definition))
//!   *define* subagents that the model may start;
//! - [`main_agent`](crate::ClaudeAgentOptionsBuilder::main_agent) runs the
//!   *main thread* as a named agent (`--agent`): a built-in one, one from
//!   the settings, or one defined with `agent` (the CLI then uses that
//!   agent's prompt and tools for the whole session).
//!
//! # Following subagents
//!
//! Messages of a subagent carry the id of the Agent tool call that started
//! it (`parent_tool_use_id`) and its agent id; its task reports
//! `system/task_started`, `task_progress`, `task_updated` and
//! `task_notification` messages. [`AgentActivity`] puts each message in its
//! [`Thread`] and keeps a [`Subagent`] record per run; [`AgentEvents`] does
//! the same for a whole stream.
//!
//! What CLI 2.1.330 sends: the Agent tool runs subagents in the background
//! unless the call says `"run_in_background": false`. A background run
//! forwards the subagent's assistant messages and ends with a
//! `task_notification` that starts a follow-up turn (a second result); a
//! foreground run echoes the subagent's prompt as a user message, and the
//! Agent tool's result holds the subagent's report.

mod activity;
mod definition;
mod event;
mod stream;
mod subagent;
mod thread;

pub use activity::AgentActivity;
pub use definition::Agent;
pub use event::AgentEvent;
pub use stream::AgentEvents;
pub use subagent::Subagent;
pub use thread::Thread;
