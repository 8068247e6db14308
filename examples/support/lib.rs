//! Shared set-up for the examples: find (or install) the CLI, and talk to
//! Claude when `ANTHROPIC_API_KEY` is set, or to the SDK's scripted model
//! server otherwise, so that every example runs on a fresh machine.

pub mod calculator;
pub mod calculator_demo;

use std::path::PathBuf;

use claude_agent_sdk::testing::{CliEnv, ScriptedModel};
use claude_agent_sdk::{ClaudeAgentOptions, ClaudeAgentOptionsBuilder, cli};

/// Where the examples get their answers from.
pub struct Backend {
    cli: PathBuf,
    scripted: Option<(ScriptedModel, CliEnv)>,
}

impl Backend {
    /// Finds the CLI (installing the tested version into the cargo target
    /// directory if there is none) and picks the model: Claude when
    /// `ANTHROPIC_API_KEY` is set (honouring `ANTHROPIC_BASE_URL`), the
    /// scripted model server otherwise.
    pub async fn start() -> anyhow::Result<Self> {
        let cli = match cli::find(None, None) {
            Ok(path) => path,
            Err(_) => {
                eprintln!(
                    "No Claude Code CLI on this machine: using the tested version {} in the cargo \
                     target directory (installed with npm the first time) ...",
                    cli::PINNED_VERSION
                );
                claude_agent_sdk::testing::cli_path().await?
            }
        };
        let version = cli::version(&cli).await?;
        eprintln!("Using the Claude Code CLI {version} at {}", cli.display());
        let scripted = if std::env::var_os("ANTHROPIC_API_KEY").is_some_and(|k| !k.is_empty()) {
            eprintln!("ANTHROPIC_API_KEY is set: talking to Claude.");
            None
        } else {
            let model = ScriptedModel::start().await?;
            let env = CliEnv::new(&model)?;
            eprintln!(
                "ANTHROPIC_API_KEY is not set: answering from the SDK's scripted model server at {} \
                 (set the key to talk to Claude).",
                model.base_url()
            );
            Some((model, env))
        };
        Ok(Self { cli, scripted })
    }

    /// Whether the answers come from Claude.
    pub fn is_live(&self) -> bool {
        self.scripted.is_none()
    }

    /// Options preset for this backend: the CLI, and for the scripted model
    /// a scratch home and working directory.
    pub fn options(&self) -> ClaudeAgentOptionsBuilder {
        let builder = ClaudeAgentOptions::builder().cli_path(&self.cli);
        match &self.scripted {
            Some((_, env)) => env.apply(builder),
            None => builder,
        }
    }

    /// The prompt for this backend: `live` for Claude, `scripted` (the
    /// scripted model's directives, e.g. `CALL <tool> <json>; SAY <text>`)
    /// otherwise.
    pub fn prompt(&self, live: &str, scripted: &str) -> String {
        if self.is_live() { live } else { scripted }.to_owned()
    }

    /// The CLI's configuration directory when it is not the default one
    /// (the scratch one of the scripted model); `None` means
    /// `$CLAUDE_CONFIG_DIR` or `~/.claude`.
    pub fn config_dir(&self) -> Option<PathBuf> {
        self.scripted.as_ref().map(|(_, env)| env.config_dir())
    }

    /// The folder sessions work in: the scratch one of the scripted model,
    /// or the current directory.
    pub fn work_dir(&self) -> PathBuf {
        match &self.scripted {
            Some((_, env)) => env.cwd().to_path_buf(),
            None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        }
    }

    /// The scripted model, when answers come from it.
    pub fn scripted_model(&self) -> Option<&ScriptedModel> {
        self.scripted.as_ref().map(|(model, _)| model)
    }
}
