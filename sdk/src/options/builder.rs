//! The builder of [`ClaudeAgentOptions`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::{
    AgentDefinition, ClaudeAgentOptions, Effort, McpServerConfig, OutputFormat, PermissionMode,
    PluginConfig, SettingSource, Settings, Skills, StderrCallback, SystemPrompt, Thinking, ToolSet,
};
use crate::transport::Transport;

/// Builds [`ClaudeAgentOptions`]. Every method consumes and returns the
/// builder; finish with [`build`](Self::build).
#[derive(Clone, Debug, Default)]
#[must_use = "a builder does nothing until `build()` is called"]
pub struct ClaudeAgentOptionsBuilder {
    // Other modules (hooks, permissions, MCP) add their own setters.
    pub(crate) options: ClaudeAgentOptions,
}

macro_rules! setters {
    ($( $(#[$doc:meta])* $name:ident : $field:ident = $ty:ty ; )*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: impl Into<$ty>) -> Self {
                self.options.$field = Some(value.into());
                self
            }
        )*
    };
}

macro_rules! flags {
    ($( $(#[$doc:meta])* $name:ident : $field:ident ; )*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, enabled: bool) -> Self {
                self.options.$field = enabled;
                self
            }
        )*
    };
}

fn strings<I, S>(items: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    items.into_iter().map(Into::into).collect()
}

impl ClaudeAgentOptionsBuilder {
    /// A builder with every option at its default.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn from_options(options: ClaudeAgentOptions) -> Self {
        Self { options }
    }

    /// Finishes the options.
    ///
    /// Combinations that cannot work (both [`can_use_tool`](Self::can_use_tool)
    /// and [`permission_prompt_tool_name`](Self::permission_prompt_tool_name),
    /// an invalid skill name, ...) are reported as
    /// [`Error::InvalidOptions`](crate::Error::InvalidOptions) when a session
    /// starts with them.
    #[must_use]
    pub fn build(self) -> ClaudeAgentOptions {
        self.options
    }

    setters! {
        /// The `claude` executable to run (otherwise it is searched for; see
        /// [`cli::find`](crate::cli::find)).
        cli_path: cli_path = PathBuf;
        /// The working directory of the session (default: this process's).
        cwd: cwd = PathBuf;
        /// Runs the CLI as this OS user (Unix).
        user: user = String;
        /// Identifies your application in the CLI's User-Agent.
        client_app: client_app = String;
        /// The model (`claude-sonnet-4-5`, `opus`, ...).
        model: model = String;
        /// The model to fall back to when the main one is overloaded.
        fallback_model: fallback_model = String;
        /// Thinking: adaptive, with a budget, or disabled.
        thinking: thinking = Thinking;
        /// How much effort the model spends.
        effort: effort = Effort;
        /// The permission mode.
        permission_mode: permission_mode = PermissionMode;
        /// An MCP tool that answers permission prompts
        /// (`--permission-prompt-tool`).
        permission_prompt_tool_name: permission_prompt_tool_name = String;
        /// Resumes the session with this id.
        resume: resume = String;
        /// Uses this id (a UUID) for the new session.
        session_id: session_id = String;
        /// When resuming, resumes at this message uuid (drops later turns).
        resume_session_at: resume_session_at = String;
        /// The session's title (skips automatic titling).
        title: title = String;
        /// Extra settings: a settings file or inline JSON. Inline JSON is
        /// handed to the CLI in a private file (`0600`) that is removed when
        /// the CLI exits, never on its command line.
        settings: settings = Settings;
        /// Sandbox settings for Bash (merged into the settings as `sandbox`).
        sandbox: sandbox = serde_json::Value;
        /// Which skills the main session may use.
        skills: skills = Skills;
        /// The format of the final output (structured output).
        output_format: output_format = OutputFormat;
    }

    flags! {
        /// Continues the most recent session in the working directory.
        continue_conversation: continue_conversation;
        /// When resuming, forks into a new session id.
        fork_session: fork_session;
        /// Whether the CLI writes the session to disk (default `true`).
        persist_session: persist_session;
        /// Only use the MCP servers given here, not those of settings files.
        strict_mcp_config: strict_mcp_config;
        /// Emits raw API streaming events (`Message::StreamEvent`).
        include_partial_messages: include_partial_messages;
        /// Emits `system/hook_*` messages for settings hooks.
        include_hook_events: include_hook_events;
        /// Forwards subagents' text and thinking, not only their tool calls.
        forward_subagent_text: forward_subagent_text;
        /// Sends prompts verbatim: no `@file` expansion or slash commands.
        verbatim_prompts: verbatim_prompts;
        /// Echoes user messages back with their uuids (needed to rewind files).
        replay_user_messages: replay_user_messages;
        /// Backs up files before edits so that `rewind_files` can restore them.
        enable_file_checkpointing: enable_file_checkpointing;
        /// Allows `PermissionMode::BypassPermissions`.
        allow_dangerously_skip_permissions: allow_dangerously_skip_permissions;
    }

    /// Keeps the variables that tie the CLI to a parent Claude Code session
    /// ([`PARENT_SESSION_VARS`](crate::options::PARENT_SESSION_VARS):
    /// `CLAUDE_CODE_SESSION_ID`, `CLAUDE_CODE_SSE_PORT`, ...) when this
    /// process has them. By default (`false`) they are removed from the
    /// environment the CLI inherits, so that a CLI started from inside a
    /// Claude Code session (its Bash tool, a hook, an MCP server) is a
    /// session of its own. `CLAUDECODE` is removed either way (the CLI
    /// refuses to start with it), and variables set with
    /// [`env`](Self::env) are always passed.
    ///
    /// ```
    /// use claude_agent_sdk::ClaudeAgentOptions;
    /// // A CLI that reports to the IDE of the session this program runs in.
    /// let options = ClaudeAgentOptions::builder()
    ///     .inherit_parent_session_env(true)
    ///     .build();
    /// # let _ = options;
    /// ```
    pub fn inherit_parent_session_env(mut self, inherit: bool) -> Self {
        self.options.inherit_parent_session_env = inherit;
        self
    }

    /// Sets an environment variable of the CLI process (on top of this
    /// process's environment). Values never appear in `Debug` output, and
    /// values of 8 bytes or more are cut out of the CLI's stderr (the stderr
    /// callback, logs and error messages show `[redacted]`).
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let key = key.into();
        let value = value.into();
        self.options.env.retain(|(k, _)| *k != key);
        self.options.env.push((key, value));
        self
    }

    /// Sets several environment variables.
    pub fn envs<I, K, V>(mut self, vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        for (key, value) in vars {
            self = self.env(key, value);
        }
        self
    }

    /// The system prompt (default: empty).
    pub fn system_prompt(mut self, prompt: impl Into<SystemPrompt>) -> Self {
        self.options.system_prompt = prompt.into();
        self
    }

    /// Appends text to the Claude Code system prompt (selects that preset).
    pub fn append_system_prompt(mut self, text: impl Into<String>) -> Self {
        self.options.system_prompt = match self.options.system_prompt {
            prompt @ SystemPrompt::ClaudeCode { .. } => prompt.append(text),
            _ => SystemPrompt::claude_code().append(text),
        };
        self
    }

    /// Stops after this many turns (API round trips).
    pub fn max_turns(mut self, turns: u32) -> Self {
        self.options.max_turns = Some(turns);
        self
    }

    /// Stops when the session has cost this much (US dollars).
    pub fn max_budget_usd(mut self, usd: f64) -> Self {
        self.options.max_budget_usd = Some(usd);
        self
    }

    /// A token budget for the task (`--task-budget`).
    pub fn task_budget(mut self, tokens: u64) -> Self {
        self.options.task_budget = Some(tokens);
        self
    }

    /// A thinking budget in tokens (prefer [`thinking`](Self::thinking)).
    pub fn max_thinking_tokens(mut self, tokens: u32) -> Self {
        self.options.max_thinking_tokens = Some(tokens);
        self
    }

    /// API beta features (`--betas`).
    pub fn betas<I: IntoIterator<Item = S>, S: Into<String>>(mut self, betas: I) -> Self {
        self.options.betas = strings(betas);
        self
    }

    /// The base set of built-in tools (`--tools`): a list, or the Claude Code
    /// default set.
    pub fn tools(mut self, tools: ToolSet) -> Self {
        self.options.tools = Some(tools);
        self
    }

    /// Tools that run without asking (`--allowedTools`). This does not limit
    /// the tools offered; use [`tools`](Self::tools) or
    /// [`disallowed_tools`](Self::disallowed_tools) for that.
    pub fn allowed_tools<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tools: I) -> Self {
        self.options.allowed_tools = strings(tools);
        self
    }

    /// Tools removed from the model's context (`--disallowedTools`).
    pub fn disallowed_tools<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        tools: I,
    ) -> Self {
        self.options.disallowed_tools = strings(tools);
        self
    }

    /// Which settings files the CLI loads. Not calling this loads all of
    /// them (or only `user` and `project` when [`skills`](Self::skills) is
    /// set, since skills live there); an empty list loads none.
    pub fn setting_sources<I: IntoIterator<Item = SettingSource>>(mut self, sources: I) -> Self {
        self.options.setting_sources = Some(sources.into_iter().collect());
        self
    }

    /// Adds a directory the tools may access (`--add-dir`).
    pub fn add_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.options.add_dirs.push(dir.into());
        self
    }

    /// Loads a plugin.
    pub fn plugin(mut self, plugin: PluginConfig) -> Self {
        self.options.plugins.push(plugin);
        self
    }

    /// Adds an external MCP server (stdio, SSE or HTTP) under `name`; its
    /// tools are named `mcp__<name>__<tool>`. The configuration (header
    /// tokens, environment) is handed to the CLI in a private file (`0600`)
    /// that is removed once the CLI has read it, never on its command line.
    pub fn mcp_server_config(mut self, name: impl Into<String>, config: McpServerConfig) -> Self {
        self.options.mcp_servers.insert(name.into(), config);
        self
    }

    /// Defines a subagent the model may start with the Agent tool: an
    /// [`#[agent]`](crate::agent) struct, or anything that implements
    /// [`Agent`](crate::agents::Agent). A later agent of the same name
    /// replaces an earlier one.
    ///
    /// This does not change the main thread; for that, see
    /// [`main_agent`](Self::main_agent).
    ///
    /// ```
    /// use claude_agent_sdk::{ClaudeAgentOptions, agent};
    ///
    /// /// Reviews Rust code for bugs and unsafe patterns.
    /// #[agent(prompt = "You are a strict Rust reviewer.", tools = ["Read", "Grep"])]
    /// struct CodeReviewer;
    ///
    /// let options = ClaudeAgentOptions::builder().agent(CodeReviewer).build();
    /// assert!(options.agents().contains_key("code-reviewer"));
    /// ```
    pub fn agent(self, agent: impl crate::agents::Agent) -> Self {
        let name = agent.name().to_owned();
        self.agent_definition(name, agent.definition())
    }

    /// Defines a subagent under `name` (see [`agent`](Self::agent)).
    pub fn agent_definition(mut self, name: impl Into<String>, agent: AgentDefinition) -> Self {
        self.options.agents.insert(name.into(), agent);
        self
    }

    /// Runs the main thread as the agent `name` (`--agent`): the session
    /// then uses that agent's prompt, tools and model. The agent is a
    /// built-in one, one from the settings, or one defined with
    /// [`agent`](Self::agent) (CLI 2.1.330 accepts agents defined in
    /// `initialize` here).
    ///
    /// ```
    /// use claude_agent_sdk::{ClaudeAgentOptions, agent};
    ///
    /// /// Answers in French.
    /// #[agent(prompt = "Always answer in French.")]
    /// struct French;
    ///
    /// let options = ClaudeAgentOptions::builder()
    ///     .agent(French)
    ///     .main_agent(French::NAME)
    ///     .build();
    /// assert_eq!(options.main_agent(), Some("french"));
    /// ```
    pub fn main_agent(mut self, name: impl Into<String>) -> Self {
        self.options.main_agent = Some(name.into());
        self
    }

    /// Registers a slash command the SDK answers itself (see
    /// [`commands`](crate::commands)): a [`#[slash_command]`](crate::slash_command)
    /// function, a [`PromptTemplate`](crate::commands::PromptTemplate), or
    /// anything that implements [`Command`](crate::commands::Command).
    ///
    /// # Panics
    ///
    /// If the command's name is not 1 to 64 characters from
    /// `[A-Za-z0-9_-]`, or another registered command has it.
    #[track_caller]
    pub fn slash_command(mut self, command: impl crate::commands::Command) -> Self {
        self.options.commands.register(command);
        self
    }

    /// Structured output: the final result must match this JSON schema.
    pub fn json_schema(mut self, schema: serde_json::Value) -> Self {
        self.options.output_format = Some(OutputFormat::JsonSchema(schema));
        self
    }

    /// Passes an arbitrary flag to the CLI: `--flag value`, or a bare
    /// `--flag` when `value` is `None`.
    pub fn extra_arg(mut self, flag: impl Into<String>, value: Option<&str>) -> Self {
        let flag = flag.into();
        let flag = flag.trim_start_matches('-').to_owned();
        self.options
            .extra_args
            .push((flag, value.map(str::to_owned)));
        self
    }

    /// The largest line of CLI output accepted, in bytes (default 64 MiB,
    /// at least 1024). Longer lines are reported as
    /// [`Error::LineTooLong`](crate::Error::LineTooLong).
    pub fn max_buffer_size(mut self, bytes: usize) -> Self {
        self.options.max_buffer_size = bytes.max(1024);
        self
    }

    /// Receives every line the CLI writes to stderr, with the secrets the
    /// SDK passed to the CLI cut out (`[redacted]`): the values of
    /// [`env`](Self::env), of MCP server headers and environments, and of
    /// the settings' `env` (values under 8 bytes are left alone). Logs and
    /// the stderr tail of errors get the same lines.
    pub fn stderr<F>(mut self, callback: F) -> Self
    where
        F: Fn(&str) + Send + Sync + 'static,
    {
        self.options.stderr = Some(Arc::new(callback) as StderrCallback);
        self
    }

    /// Runs the CLI through a custom transport (a container, a remote host).
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.options.transport = Some(transport);
        self
    }

    /// How long to wait for the answer to a control request (default 60 s).
    pub fn control_timeout(mut self, timeout: Duration) -> Self {
        self.options.control_timeout = timeout;
        self
    }

    /// How long to wait for the CLI to answer `initialize` (default 60 s).
    pub fn initialize_timeout(mut self, timeout: Duration) -> Self {
        self.options.initialize_timeout = timeout;
        self
    }

    /// How long the CLI gets to exit after its input is closed before it is
    /// asked to stop (SIGTERM), and again before it is killed (default 2 s).
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.options.shutdown_grace = grace;
        self
    }

    /// Ends a turn whose CLI stays silent this long (off by default).
    ///
    /// The clock runs while the SDK waits for the CLI (a prompt was sent and
    /// its result has not come) and restarts at every line the CLI writes;
    /// it stops while the SDK's own callbacks run (tools, hooks, permission
    /// requests), whose time is theirs. When it runs out, the stream yields
    /// [`Error::Stalled`](crate::Error::Stalled) and the CLI is stopped and
    /// reaped (with its whole process tree). A long-running Bash command
    /// counts as silence: choose a limit above the longest tool call you
    /// expect.
    ///
    /// ```
    /// use std::time::Duration;
    /// use claude_agent_sdk::ClaudeAgentOptions;
    ///
    /// let options = ClaudeAgentOptions::builder()
    ///     .idle_timeout(Duration::from_secs(300))
    ///     .build();
    /// # let _ = options;
    /// ```
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.options.idle_timeout = Some(timeout);
        self
    }
}
