//! The environment variables that tie a CLI to a parent Claude Code session.

/// Variables a running Claude Code session puts in the environment of the
/// processes it starts (its Bash tool, hooks, MCP servers), or that point a
/// CLI at another session's IDE, job or task list. When this SDK runs
/// inside such a process, a CLI it starts would otherwise inherit them and
/// act as part of that parent session (report itself as its child, write to
/// its job directory, share its task list, connect to its IDE).
///
/// The SDK removes them from the CLI's inherited environment by default.
/// [`inherit_parent_session_env`](crate::ClaudeAgentOptionsBuilder::inherit_parent_session_env)
/// keeps them (except `CLAUDECODE`: the CLI refuses to start with it), and a
/// value set with [`env`](crate::ClaudeAgentOptionsBuilder::env) is always
/// passed.
///
/// The list was read from the CLI (versions 2.1.197 and 2.1.330): the
/// variables it sets for its own children, and those it drops itself before
/// it starts an unrelated session.
///
/// | variable | what it carries |
/// | --- | --- |
/// | `CLAUDECODE` | "running inside Claude Code" (the CLI refuses to start nested) |
/// | `CLAUDE_CODE_ENTRYPOINT` | the parent's entry point (the SDK sets its own, `sdk-rust`) |
/// | `CLAUDE_CODE_SESSION_ID` | the parent session's id |
/// | `CLAUDE_CODE_CHILD_SESSION` | "started by a session" |
/// | `CLAUDE_CODE_LAUNCHED_BY_SESSION_IDS` | the chain of sessions that started this process |
/// | `CLAUDE_CODE_CHILD_NOTES_DIR` | the parent's notes directory for its children |
/// | `CLAUDE_CODE_SESSION_ATTENDED` | whether the parent session has a user watching |
/// | `CLAUDE_CODE_STARTER_MAY_HOLD_CONNECTOR_FILE` | the parent holds a connector download |
/// | `CLAUDE_PID` | the parent CLI's process id |
/// | `CLAUDE_EFFORT` | the parent turn's effort level |
/// | `AI_AGENT` | "started by an agent" (set for the Bash tool of subagents) |
/// | `CLAUDE_PROJECT_DIR` | the parent's project directory (set for hooks and MCP servers) |
/// | `CLAUDE_CODE_CHROME_MCP_ORG_DENIED` | the parent's browser-extension policy |
/// | `CLAUDE_CODE_TOOL_USE_ID` | the parent's tool call |
/// | `CLAUDE_CODE_SSE_PORT` | the port of the IDE the parent is connected to |
/// | `CLAUDE_CODE_SESSION_KIND`, `CLAUDE_JOB_DIR` | the parent's background job (the CLI writes its exit cause there) |
/// | `CLAUDE_CODE_TASK_LIST_ID` | the parent team's task list |
/// | `CLAUDE_CODE_MESSAGING_SOCKET`, `CLAUDE_CODE_MESSAGING_TOKEN` | the parent's messaging socket and its token |
/// | `CLAUDE_CODE_BRIDGE_SESSION_ID`, `CLAUDE_CODE_HOST_SESSION_ID`, `CLAUDE_CODE_REMOTE_SESSION_ID` | the bridge, host or remote session the parent belongs to |
/// | `CLAUDE_CODE_HOST_WORKTREE`, `CLAUDE_CODE_HOST_WORKTREE_FENCE` | the parent host's worktree |
/// | `CLAUDE_CODE_EVAL_INTERVIEW_SESSION` | the parent's evaluation session |
///
/// Variables that describe the machine or the user's choices rather than a
/// session (`CLAUDE_CODE_REMOTE`, `CLAUDE_CONFIG_DIR`, API keys, proxies,
/// `TRACEPARENT`, ...) are inherited as before.
///
/// ```
/// use claude_agent_sdk::options::PARENT_SESSION_VARS;
/// assert!(PARENT_SESSION_VARS.contains(&"CLAUDE_CODE_SSE_PORT"));
/// ```
pub const PARENT_SESSION_VARS: &[&str] = &[
    "CLAUDECODE",
    "CLAUDE_CODE_ENTRYPOINT",
    "CLAUDE_CODE_SESSION_ID",
    "CLAUDE_CODE_CHILD_SESSION",
    "CLAUDE_CODE_LAUNCHED_BY_SESSION_IDS",
    "CLAUDE_CODE_CHILD_NOTES_DIR",
    "CLAUDE_CODE_SESSION_ATTENDED",
    "CLAUDE_CODE_STARTER_MAY_HOLD_CONNECTOR_FILE",
    "CLAUDE_PID",
    "CLAUDE_EFFORT",
    "AI_AGENT",
    "CLAUDE_PROJECT_DIR",
    "CLAUDE_CODE_CHROME_MCP_ORG_DENIED",
    "CLAUDE_CODE_TOOL_USE_ID",
    "CLAUDE_CODE_SSE_PORT",
    "CLAUDE_CODE_SESSION_KIND",
    "CLAUDE_JOB_DIR",
    "CLAUDE_CODE_TASK_LIST_ID",
    "CLAUDE_CODE_MESSAGING_SOCKET",
    "CLAUDE_CODE_MESSAGING_TOKEN",
    "CLAUDE_CODE_BRIDGE_SESSION_ID",
    "CLAUDE_CODE_HOST_SESSION_ID",
    "CLAUDE_CODE_REMOTE_SESSION_ID",
    "CLAUDE_CODE_HOST_WORKTREE",
    "CLAUDE_CODE_HOST_WORKTREE_FENCE",
    "CLAUDE_CODE_EVAL_INTERVIEW_SESSION",
];

/// The one variable removed even when the parent's variables are kept: the
/// CLI refuses to start inside Claude Code.
pub(crate) const ALWAYS_REMOVED: &str = "CLAUDECODE";
