//! A scripted stand-in for the Anthropic Messages API, for deterministic tests.
//!
//! The real Claude Code CLI talks to the Messages API over HTTP; pointing its
//! `ANTHROPIC_BASE_URL` at a [`ScriptedModel`] makes it talk to a local server
//! that answers from a script instead of a model. Tests run the real CLI — its
//! tool loop, permission checks, hooks and MCP servers — without network
//! access, tokens or flakiness.
//!
//! # Scripting replies
//!
//! There are two ways to say what the "model" answers; the first wins.
//!
//! 1. **A queue of [`Turn`]s** set by the test with [`ScriptedModel::push`].
//!    While the queue is non-empty, every `POST /v1/messages` request takes the
//!    turn at its front: text, tool calls, thinking, API errors, delays, stalls.
//! 2. **Directives written in the prompt**, used when the queue is empty. The
//!    server looks at the request's own `messages`, finds the latest `user`
//!    message containing directives, splits each of its text blocks on `;` and
//!    treats every segment starting with a keyword as a directive (anything
//!    else, such as `<system-reminder>` blocks, is ignored):
//!
//!    | directive | meaning |
//!    | --- | --- |
//!    | `CALL <tool> <json>` | call `<tool>` with the JSON input (which may contain spaces, and `;` inside strings) |
//!    | `SAY <text>` | the final answer is `<text>` |
//!    | `LONG <n>` | the final answer is exactly `n` ASCII characters, streamed in chunks |
//!    | `SLOW <ms>` | wait `ms` milliseconds before every answer in this conversation |
//!    | `THINK <text>` | put a thinking block before the final answer |
//!
//!    The k-th model request after the directive message answers the k-th
//!    `CALL` with a single `tool_use` block; once every call has been answered,
//!    the final answer is `SAY`'s text, else `LONG`'s, else `DONE` followed by
//!    the results of the calls joined by ` | ` (`DONE 1 | 2 | 3`, or just
//!    `DONE` without calls). A malformed directive is answered with a text
//!    starting with `SCRIPT ERROR:`. A conversation without any directive is
//!    answered with `OK` (see [`ScriptedModelBuilder::fallback_text`]).
//!
//! Subagents need nothing special: their requests carry their own `messages`,
//! whose user message is the prompt the main agent wrote (e.g. `SAY reviewed`).
//!
//! # Inspecting what the CLI sent
//!
//! Every request is recorded as a [`RecordedRequest`] (see
//! [`ScriptedModel::requests`]), with accessors for the system prompt, the
//! tools offered, the messages and the tool results sent back.
//!
//! # What the CLI sends
//!
//! Observed with CLI 2.1.197 and 2.1.330: streamed `POST /v1/messages?beta=true`
//! requests; the first user message holds a `<system-reminder>` text block
//! and then the prompt as its own text block; 2.1.330 adds a `system`-role
//! message with environment details (ignored by the directives); 2.1.197
//! sends a `HEAD /` connectivity probe first (answered 404, which it accepts).
//! The Agent tool of 2.1.330 runs subagents in the background by default, so
//! the main conversation gets a "launched" tool result at once and a
//! notification message later.
//!
//! # Example
//!
//! ```no_run
//! use claude_agent_sdk::testing::{CliEnv, ScriptedModel, Turn};
//! use std::time::Duration;
//!
//! # async fn demo() -> std::io::Result<()> {
//! let model = ScriptedModel::start().await?;
//! // The first request fails with "overloaded" (the CLI retries it), the second
//! // calls a tool, the third ends the conversation.
//! model.push(Turn::error(529).with_retry_after(Duration::ZERO));
//! model.push(Turn::tool_use("Bash", serde_json::json!({"command": "echo hi"})));
//! model.push(Turn::text("all done"));
//!
//! let env = CliEnv::new(&model)?;
//! for (key, value) in env.vars() {
//!     // hand these to the CLI process, e.g. through the SDK's options builder
//!     println!("{key}={value}");
//! }
//! // … run the agent in `env.cwd()` …
//!
//! let requests = model.wait_for_requests(3, Duration::from_secs(30)).await?;
//! assert_eq!(requests[2].tool_results()[0].text, "hi");
//! # Ok(())
//! # }
//! ```
//!
//! Without any queued turn, the prompt alone drives the conversation:
//!
//! ```text
//! CALL Bash {"command":"echo hi","description":"greet"}; CALL Bash {"command":"echo there","description":"greet"}
//! ```
//!
//! makes the model call `Bash` twice and finally answer `DONE hi | there`.

mod backend;
mod cli;
mod content;
mod env;
mod error;
mod record;
mod reply;
mod script;
mod server;
mod session_store;
mod skill_changes;
mod sse;
mod turn;

pub use self::backend::Backend;
pub use self::cli::{CLI_PATH_VAR, cli_path, cli_path_for_version, cli_path_with_progress};
pub use self::env::CliEnv;
pub use self::error::ApiErrorKind;
pub use self::record::{RecordedRequest, ToolResult, ToolSpec};
pub use self::server::{ScriptedModel, ScriptedModelBuilder};
pub use self::session_store::session_store_conformance;
pub use self::skill_changes::wait_for_skill_changes;
pub use self::turn::{Block, StopReason, Turn};
