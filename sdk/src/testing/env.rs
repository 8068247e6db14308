//! The CLI's environment for a test: scratch home and working directories,
//! and the variables that point the CLI at a [`ScriptedModel`].

use std::io;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::server::ScriptedModel;

/// The API key given to the CLI; the scripted model accepts any key.
const TEST_API_KEY: &str = "sk-test-scripted";

/// A hermetic environment for running the real CLI against a
/// [`ScriptedModel`]: a scratch `HOME` (so the user's settings, sessions and
/// credentials are neither read nor written), a scratch working directory,
/// and the environment variables to give the CLI.
///
/// Both directories are deleted when the `CliEnv` is dropped: keep it alive
/// as long as the CLI runs.
///
/// ```no_run
/// use claude_agent_sdk::testing::{CliEnv, ScriptedModel};
///
/// # async fn demo() -> std::io::Result<()> {
/// let model = ScriptedModel::start().await?;
/// let env = CliEnv::new(&model)?.with_max_retries(0).with_var("MY_FLAG", "1");
/// let mut cli = std::process::Command::new("claude");
/// cli.current_dir(env.cwd()).envs(env.vars().iter().map(|(k, v)| (k, v)));
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct CliEnv {
    home: TempDir,
    cwd: TempDir,
    vars: Vec<(String, String)>,
}

/// Inherited variables that would route the CLI to another provider or
/// change what it sends; [`CliEnv`] sets them to empty.
const NEUTRALISED: [&str; 9] = [
    "CLAUDE_CODE_USE_BEDROCK",
    "CLAUDE_CODE_USE_VERTEX",
    "CLAUDE_CODE_USE_FOUNDRY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_MODEL",
    "ANTHROPIC_SMALL_FAST_MODEL",
    "ANTHROPIC_DEFAULT_OPUS_MODEL",
    "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL",
];

impl CliEnv {
    /// Creates the scratch directories (and `<home>/.claude`) and the
    /// variables:
    ///
    /// | variable | value |
    /// | --- | --- |
    /// | `HOME` | the scratch home |
    /// | `CLAUDE_CONFIG_DIR` | `<home>/.claude`, so an inherited value cannot point elsewhere |
    /// | `ANTHROPIC_BASE_URL` | the model's [`base_url`](ScriptedModel::base_url) |
    /// | `ANTHROPIC_API_KEY` | `sk-test-scripted` |
    /// | `CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC` | `1` (no telemetry, update checks, …) |
    ///
    /// Inherited variables that would send the CLI elsewhere or change its
    /// answers (`CLAUDE_CODE_USE_BEDROCK`, `CLAUDE_CODE_USE_VERTEX`,
    /// `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_MODEL`, ...) are set to empty, and
    /// when a proxy is configured `NO_PROXY` names the loopback addresses.
    ///
    /// # Errors
    ///
    /// When a temporary directory cannot be created.
    pub fn new(model: &ScriptedModel) -> io::Result<Self> {
        let home = tempfile::Builder::new()
            .prefix("claude-test-home-")
            .tempdir()?;
        let cwd = tempfile::Builder::new()
            .prefix("claude-test-cwd-")
            .tempdir()?;
        let config_dir = home.path().join(".claude");
        std::fs::create_dir_all(&config_dir)?;
        let vars = vec![
            ("HOME".to_owned(), path_string(home.path())),
            ("CLAUDE_CONFIG_DIR".to_owned(), path_string(&config_dir)),
            ("ANTHROPIC_BASE_URL".to_owned(), model.base_url()),
            ("ANTHROPIC_API_KEY".to_owned(), TEST_API_KEY.to_owned()),
            (
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC".to_owned(),
                "1".to_owned(),
            ),
        ];
        let mut env = Self { home, cwd, vars };
        for key in NEUTRALISED {
            if std::env::var_os(key).is_some() {
                env = env.with_var(key, "");
            }
        }
        let proxied = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]
            .iter()
            .any(|key| std::env::var_os(key).is_some());
        if proxied {
            env = env
                .with_var("NO_PROXY", "127.0.0.1,localhost")
                .with_var("no_proxy", "127.0.0.1,localhost");
        }
        Ok(env)
    }

    /// Applies this environment to SDK options: the variables, and the
    /// scratch working directory as `cwd`.
    ///
    /// ```no_run
    /// use claude_agent_sdk::ClaudeAgentOptions;
    /// use claude_agent_sdk::testing::{CliEnv, ScriptedModel};
    ///
    /// # async fn demo() -> claude_agent_sdk::Result<()> {
    /// let model = ScriptedModel::start().await?;
    /// let env = CliEnv::new(&model)?;
    /// let options = env
    ///     .apply(ClaudeAgentOptions::builder().cli_path(claude_agent_sdk::testing::cli_path().await?))
    ///     .build();
    /// let messages = claude_agent_sdk::query("SAY hello", options).await?;
    /// # Ok(()) }
    /// ```
    pub fn apply(
        &self,
        options: crate::options::ClaudeAgentOptionsBuilder,
    ) -> crate::options::ClaudeAgentOptionsBuilder {
        options.envs(self.vars.iter().cloned()).cwd(self.cwd.path())
    }

    /// Sets `CLAUDE_CODE_MAX_RETRIES`: how often the CLI retries a failed
    /// API request (its default applies otherwise).
    #[must_use]
    pub fn with_max_retries(self, retries: u32) -> Self {
        self.with_var("CLAUDE_CODE_MAX_RETRIES", retries.to_string())
    }

    /// Sets a variable, replacing an earlier value of the same name.
    #[must_use]
    pub fn with_var(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let key = key.into();
        let value = value.into();
        match self.vars.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.vars.push((key, value)),
        }
        self
    }

    /// The variables to set in the CLI's environment, in order.
    pub fn vars(&self) -> &[(String, String)] {
        &self.vars
    }

    /// The value of one of [`vars`](Self::vars).
    pub fn var(&self, key: &str) -> Option<&str> {
        self.vars
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The scratch home directory (`HOME`).
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The scratch working directory to run the CLI in.
    pub fn cwd(&self) -> &Path {
        self.cwd.path()
    }

    /// The CLI's configuration directory, `<home>/.claude` (settings,
    /// sessions). Since `CLAUDE_CONFIG_DIR` points there, the CLI also keeps
    /// its global state file here (`<home>/.claude/.claude.json`), not in
    /// `<home>/.claude.json`.
    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join(".claude")
    }
}

fn path_string(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn vars_and_dirs() {
        let model = ScriptedModel::start().await.unwrap();
        let env = CliEnv::new(&model)
            .unwrap()
            .with_max_retries(2)
            .with_var("X", "1")
            .with_var("X", "2");
        assert_eq!(env.var("HOME"), Some(path_string(env.home()).as_str()));
        assert_eq!(
            env.var("ANTHROPIC_BASE_URL"),
            Some(model.base_url().as_str())
        );
        assert_eq!(env.var("ANTHROPIC_API_KEY"), Some("sk-test-scripted"));
        assert_eq!(
            env.var("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"),
            Some("1")
        );
        assert_eq!(env.var("CLAUDE_CODE_MAX_RETRIES"), Some("2"));
        assert_eq!(env.var("X"), Some("2"));
        assert_eq!(env.vars().iter().filter(|(k, _)| k == "X").count(), 1);
        assert!(env.config_dir().is_dir());
        assert!(env.cwd().is_dir());
        assert_ne!(env.cwd(), env.home());
        let (home, cwd) = (env.home().to_owned(), env.cwd().to_owned());
        drop(env);
        assert!(!home.exists() && !cwd.exists());
    }
}
