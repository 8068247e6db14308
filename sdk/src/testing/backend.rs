//! [`Backend`]: Claude when an API key is set, the scripted model server
//! otherwise, so that a program runs on any machine.

use std::path::PathBuf;

use super::{CliEnv, ScriptedModel};
use crate::cli::{self, InstallEvent};
use crate::error::Result;
use crate::options::{ClaudeAgentOptions, ClaudeAgentOptionsBuilder};

/// Where a program's answers come from: Claude when `ANTHROPIC_API_KEY` is
/// set (honouring `ANTHROPIC_BASE_URL`), the SDK's [`ScriptedModel`]
/// otherwise, with a scratch home and working folder for the CLI. Either
/// way the CLI is found on this machine, or the tested version is installed
/// into the cargo target directory the first time.
///
/// This is what the examples and the README's quickstart use to run
/// offline; a program that always talks to Claude does not need it.
///
/// ```no_run
/// use claude_agent_sdk::query;
/// use claude_agent_sdk::testing::Backend;
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let backend = Backend::start().await?;
/// eprintln!("{}", backend.describe());
/// // Claude gets the first prompt; the scripted model follows the directives.
/// let prompt = backend.prompt("Say hello.", "SAY hello");
/// let messages = query(prompt, backend.options().build()).await?;
/// # drop(messages); Ok(()) }
/// ```
pub struct Backend {
    cli: PathBuf,
    cli_version: String,
    scripted: Option<(ScriptedModel, CliEnv)>,
}

impl Backend {
    /// Finds (or installs) the CLI and picks where answers come from. An
    /// install is reported through `tracing`; use
    /// [`start_with_progress`](Self::start_with_progress) to show it.
    pub async fn start() -> Result<Self> {
        Self::start_with_progress(|_| {}).await
    }

    /// Like [`start`](Self::start), calling `on_install` while the CLI is
    /// installed (never when one is found).
    pub async fn start_with_progress(
        on_install: impl Fn(&InstallEvent) + Send + 'static,
    ) -> Result<Self> {
        let cli = match cli::find(None, None) {
            Ok(path) => path,
            Err(_) => super::cli::cli_path_with_progress(on_install).await?,
        };
        let cli_version = cli::version(&cli).await?.to_string();
        let scripted = if std::env::var_os("ANTHROPIC_API_KEY").is_some_and(|k| !k.is_empty()) {
            None
        } else {
            let model = ScriptedModel::start().await.map_err(crate::Error::Io)?;
            let env = CliEnv::new(&model).map_err(crate::Error::Io)?;
            Some((model, env))
        };
        Ok(Self {
            cli,
            cli_version,
            scripted,
        })
    }

    /// One line saying which CLI runs and where answers come from, to print.
    #[must_use]
    pub fn describe(&self) -> String {
        match &self.scripted {
            None => format!(
                "Claude Code CLI {} at {}; ANTHROPIC_API_KEY is set: talking to Claude.",
                self.cli_version,
                self.cli.display()
            ),
            Some((model, _)) => format!(
                "Claude Code CLI {} at {}; ANTHROPIC_API_KEY is not set: the SDK's scripted model \
                 server at {} answers (set the key to talk to Claude).",
                self.cli_version,
                self.cli.display(),
                model.base_url()
            ),
        }
    }

    /// Whether the answers come from Claude.
    #[must_use]
    pub fn is_live(&self) -> bool {
        self.scripted.is_none()
    }

    /// Options preset for this backend: the CLI, and for the scripted model
    /// a scratch home and working folder.
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
    #[must_use]
    pub fn prompt(&self, live: &str, scripted: &str) -> String {
        if self.is_live() { live } else { scripted }.to_owned()
    }

    /// The folder sessions work in: the scratch one of the scripted model,
    /// or the current directory.
    #[must_use]
    pub fn work_dir(&self) -> PathBuf {
        match &self.scripted {
            Some((_, env)) => env.cwd().to_path_buf(),
            None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        }
    }

    /// The CLI's configuration folder when it is not the default one (the
    /// scratch one of the scripted model); `None` means
    /// `$CLAUDE_CONFIG_DIR` or `~/.claude`.
    #[must_use]
    pub fn config_dir(&self) -> Option<PathBuf> {
        self.scripted.as_ref().map(|(_, env)| env.config_dir())
    }

    /// The scripted model, when answers come from it.
    #[must_use]
    pub fn scripted_model(&self) -> Option<&ScriptedModel> {
        self.scripted.as_ref().map(|(model, _)| model)
    }

    /// The CLI in use.
    #[must_use]
    pub fn cli_path(&self) -> &std::path::Path {
        &self.cli
    }
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend")
            .field("cli", &self.cli)
            .field("cli_version", &self.cli_version)
            .field("live", &self.is_live())
            .finish_non_exhaustive()
    }
}
