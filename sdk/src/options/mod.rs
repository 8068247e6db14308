//! [`ClaudeAgentOptions`]: everything that configures a session.
//!
//! Options are built with [`ClaudeAgentOptions::builder`]. Each setting maps
//! to a CLI flag, an environment variable of the CLI process, or a field of
//! the `initialize` control request, as the official SDKs map them; nothing is
//! silently ignored.
//!
//! ```
//! use claude_agent_sdk::{ClaudeAgentOptions, PermissionMode};
//!
//! let options = ClaudeAgentOptions::builder()
//!     .model("claude-sonnet-4-5")
//!     .max_turns(3)
//!     .allowed_tools(["Bash", "Read"])
//!     .permission_mode(PermissionMode::AcceptEdits)
//!     .env("MY_TOKEN", "secret")
//!     .build();
//! // Debug output never shows environment values.
//! assert!(!format!("{options:?}").contains("secret"));
//! ```

mod agents;
mod builder;
mod command;
mod mcp_config;
mod model;
mod parent_env;
mod permission_mode;
mod prompt;
pub(crate) mod secret_files;
mod settings;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use agents::AgentDefinition;
pub use builder::ClaudeAgentOptionsBuilder;
pub(crate) use command::{Launch, build_command};
pub use mcp_config::McpServerConfig;
pub use model::{Effort, Thinking, ThinkingDisplay};
pub use parent_env::PARENT_SESSION_VARS;
pub use permission_mode::PermissionMode;
pub use prompt::SystemPrompt;
pub use settings::{OutputFormat, PluginConfig, SettingSource, Settings, Skills, ToolSet};

use crate::commands::CommandRegistry;
use crate::control::Handlers;
use crate::transport::Transport;

/// A callback that receives each line the CLI writes to stderr.
pub type StderrCallback = Arc<dyn Fn(&str) + Send + Sync>;

/// The default maximum size of one line of CLI output: 64 MiB.
pub const DEFAULT_MAX_BUFFER_SIZE: usize = 64 * 1024 * 1024;

/// Everything that configures a session with the Claude Code CLI.
///
/// Build it with [`ClaudeAgentOptions::builder`]; change a copy with
/// [`ClaudeAgentOptions::to_builder`]. Cloning is cheap enough to do per
/// query (callbacks and servers are shared, not copied).
#[derive(Clone)]
pub struct ClaudeAgentOptions {
    pub(crate) cli_path: Option<PathBuf>,
    pub(crate) cwd: Option<PathBuf>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) inherit_parent_session_env: bool,
    pub(crate) user: Option<String>,
    pub(crate) client_app: Option<String>,

    pub(crate) model: Option<String>,
    pub(crate) fallback_model: Option<String>,
    pub(crate) system_prompt: SystemPrompt,
    pub(crate) max_turns: Option<u32>,
    pub(crate) max_budget_usd: Option<f64>,
    pub(crate) task_budget: Option<u64>,
    pub(crate) thinking: Option<Thinking>,
    pub(crate) max_thinking_tokens: Option<u32>,
    pub(crate) effort: Option<Effort>,
    pub(crate) betas: Vec<String>,

    pub(crate) tools: Option<ToolSet>,
    pub(crate) allowed_tools: Vec<String>,
    pub(crate) disallowed_tools: Vec<String>,
    pub(crate) permission_mode: Option<PermissionMode>,
    pub(crate) permission_prompt_tool_name: Option<String>,
    pub(crate) allow_dangerously_skip_permissions: bool,

    pub(crate) continue_conversation: bool,
    pub(crate) resume: Option<String>,
    pub(crate) session_id: Option<String>,
    pub(crate) fork_session: bool,
    pub(crate) resume_session_at: Option<String>,
    pub(crate) persist_session: bool,
    pub(crate) title: Option<String>,

    pub(crate) setting_sources: Option<Vec<SettingSource>>,
    pub(crate) settings: Option<Settings>,
    pub(crate) sandbox: Option<serde_json::Value>,
    pub(crate) add_dirs: Vec<PathBuf>,
    pub(crate) plugins: Vec<PluginConfig>,
    pub(crate) skills: Option<Skills>,

    pub(crate) mcp_servers: BTreeMap<String, McpServerConfig>,
    pub(crate) strict_mcp_config: bool,
    pub(crate) agents: BTreeMap<String, AgentDefinition>,
    pub(crate) main_agent: Option<String>,
    pub(crate) commands: CommandRegistry,

    pub(crate) include_partial_messages: bool,
    pub(crate) include_hook_events: bool,
    pub(crate) forward_subagent_text: bool,
    pub(crate) verbatim_prompts: bool,
    pub(crate) replay_user_messages: bool,
    pub(crate) output_format: Option<OutputFormat>,
    pub(crate) enable_file_checkpointing: bool,
    pub(crate) extra_args: Vec<(String, Option<String>)>,

    pub(crate) max_buffer_size: usize,
    pub(crate) stderr: Option<StderrCallback>,
    pub(crate) transport: Option<Arc<dyn Transport>>,
    pub(crate) control_timeout: Duration,
    pub(crate) initialize_timeout: Duration,
    pub(crate) shutdown_grace: Duration,
    pub(crate) idle_timeout: Option<Duration>,

    pub(crate) handlers: Handlers,
}

impl Default for ClaudeAgentOptions {
    fn default() -> Self {
        Self {
            cli_path: None,
            cwd: None,
            env: Vec::new(),
            inherit_parent_session_env: false,
            user: None,
            client_app: None,
            model: None,
            fallback_model: None,
            system_prompt: SystemPrompt::Empty,
            max_turns: None,
            max_budget_usd: None,
            task_budget: None,
            thinking: None,
            max_thinking_tokens: None,
            effort: None,
            betas: Vec::new(),
            tools: None,
            allowed_tools: Vec::new(),
            disallowed_tools: Vec::new(),
            permission_mode: None,
            permission_prompt_tool_name: None,
            allow_dangerously_skip_permissions: false,
            continue_conversation: false,
            resume: None,
            session_id: None,
            fork_session: false,
            resume_session_at: None,
            persist_session: true,
            title: None,
            setting_sources: None,
            settings: None,
            sandbox: None,
            add_dirs: Vec::new(),
            plugins: Vec::new(),
            skills: None,
            mcp_servers: BTreeMap::new(),
            strict_mcp_config: false,
            agents: BTreeMap::new(),
            main_agent: None,
            commands: CommandRegistry::new(),
            include_partial_messages: false,
            include_hook_events: false,
            forward_subagent_text: false,
            verbatim_prompts: false,
            replay_user_messages: false,
            output_format: None,
            enable_file_checkpointing: false,
            extra_args: Vec::new(),
            max_buffer_size: DEFAULT_MAX_BUFFER_SIZE,
            stderr: None,
            transport: None,
            control_timeout: Duration::from_secs(60),
            initialize_timeout: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(2),
            idle_timeout: None,
            handlers: Handlers::default(),
        }
    }
}

impl ClaudeAgentOptions {
    /// A builder with every option at its default.
    pub fn builder() -> ClaudeAgentOptionsBuilder {
        ClaudeAgentOptionsBuilder::new()
    }

    /// A builder starting from these options.
    pub fn to_builder(&self) -> ClaudeAgentOptionsBuilder {
        ClaudeAgentOptionsBuilder::from_options(self.clone())
    }

    /// The configured CLI path, if any.
    #[must_use]
    pub fn cli_path(&self) -> Option<&std::path::Path> {
        self.cli_path.as_deref()
    }

    /// The configured working directory, if any.
    #[must_use]
    pub fn cwd(&self) -> Option<&std::path::Path> {
        self.cwd.as_deref()
    }

    /// The configured model, if any.
    #[must_use]
    pub fn model(&self) -> Option<&str> {
        self.model.as_deref()
    }

    /// The session to resume, if any.
    #[must_use]
    pub fn resume(&self) -> Option<&str> {
        self.resume.as_deref()
    }

    /// The subagents defined with [`ClaudeAgentOptionsBuilder::agent`] and
    /// [`ClaudeAgentOptionsBuilder::agent_definition`], by name.
    #[must_use]
    pub fn agents(&self) -> &BTreeMap<String, AgentDefinition> {
        &self.agents
    }

    /// The agent the main thread runs as, if any
    /// ([`ClaudeAgentOptionsBuilder::main_agent`]).
    #[must_use]
    pub fn main_agent(&self) -> Option<&str> {
        self.main_agent.as_deref()
    }

    /// The slash commands the SDK answers itself
    /// ([`ClaudeAgentOptionsBuilder::slash_command`]).
    #[must_use]
    pub fn commands(&self) -> &CommandRegistry {
        &self.commands
    }

    /// The names of the variables set with [`ClaudeAgentOptionsBuilder::env`]
    /// (their values are not exposed).
    pub fn env_keys(&self) -> impl Iterator<Item = &str> {
        self.env.iter().map(|(k, _)| k.as_str())
    }
}

impl fmt::Debug for ClaudeAgentOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let env_keys: Vec<&str> = self.env_keys().collect();
        f.debug_struct("ClaudeAgentOptions")
            .field("cli_path", &self.cli_path)
            .field("cwd", &self.cwd)
            .field("env (values hidden)", &env_keys)
            .field(
                "inherit_parent_session_env",
                &self.inherit_parent_session_env,
            )
            .field("model", &self.model)
            .field("fallback_model", &self.fallback_model)
            .field("system_prompt", &self.system_prompt)
            .field("max_turns", &self.max_turns)
            .field("max_budget_usd", &self.max_budget_usd)
            .field("thinking", &self.thinking)
            .field("effort", &self.effort)
            .field("tools", &self.tools)
            .field("allowed_tools", &self.allowed_tools)
            .field("disallowed_tools", &self.disallowed_tools)
            .field("permission_mode", &self.permission_mode)
            .field("resume", &self.resume)
            .field("session_id", &self.session_id)
            .field("continue_conversation", &self.continue_conversation)
            .field("fork_session", &self.fork_session)
            .field("setting_sources", &self.setting_sources)
            .field("settings", &self.settings)
            .field("mcp_servers", &self.mcp_servers)
            .field("agents", &self.agents.keys().collect::<Vec<_>>())
            .field("main_agent", &self.main_agent)
            .field("commands", &self.commands)
            .field("include_partial_messages", &self.include_partial_messages)
            .field("output_format", &self.output_format.is_some())
            .field("handlers", &self.handlers)
            .field("transport", &self.transport.as_ref().map(|_| "custom"))
            .finish_non_exhaustive()
    }
}
