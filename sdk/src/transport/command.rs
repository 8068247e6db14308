//! The CLI invocation a transport starts.

use std::fmt;
use std::path::PathBuf;

/// What to start: program, arguments, environment and working directory,
/// computed from [`ClaudeAgentOptions`](crate::ClaudeAgentOptions).
///
/// The prompt is never on the command line (it goes through stdin), and
/// `Debug` never shows environment values or the values of `--mcp-config`
/// and `--settings` (MCP server `env` and `headers`, settings `env`: they
/// may hold secrets).
///
/// When the transport [shares this machine's
/// files](super::Transport::shares_filesystem), `--mcp-config` and
/// `--settings` are paths to private files (`0600`, in a `0700` directory
/// of the temporary directory, removed when the CLI no longer needs them);
/// otherwise they carry the JSON itself, and the transport decides how it
/// reaches the CLI.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CliCommand {
    /// The program.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<String>,
    /// Variables to set on top of the inherited environment.
    pub env: Vec<(String, String)>,
    /// Inherited variables to remove (e.g. `CLAUDECODE`).
    pub env_remove: Vec<String>,
    /// The working directory.
    pub cwd: Option<PathBuf>,
    /// The OS user to run as (Unix).
    pub user: Option<String>,
}

impl CliCommand {
    /// A command with no arguments.
    #[must_use]
    pub fn new(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            args: Vec::new(),
            env: Vec::new(),
            env_remove: Vec::new(),
            cwd: None,
            user: None,
        }
    }

    /// Replaces the arguments.
    #[must_use]
    pub fn with_args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args = args.into_iter().map(Into::into).collect();
        self
    }

    /// Sets a variable.
    #[must_use]
    pub fn with_env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.set_env(key, value);
        self
    }

    /// Sets the working directory.
    #[must_use]
    pub fn with_cwd(mut self, cwd: impl Into<PathBuf>) -> Self {
        self.cwd = Some(cwd.into());
        self
    }

    /// Sets a variable, replacing an earlier value.
    pub fn set_env(&mut self, key: impl Into<String>, value: impl Into<String>) {
        let key = key.into();
        let value = value.into();
        if let Some(slot) = self.env.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value;
        } else {
            self.env.push((key, value));
        }
    }

    /// The value this command sets for `key`, if any.
    #[must_use]
    pub fn env_value(&self, key: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Options whose values may hold secrets; `Debug` shows only their size.
const SECRET_VALUED: [&str; 2] = ["--mcp-config", "--settings"];

impl fmt::Debug for CliCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let env_keys: Vec<&str> = self.env.iter().map(|(k, _)| k.as_str()).collect();
        let args: Vec<String> = self
            .args
            .iter()
            .enumerate()
            .map(|(i, arg)| {
                let hidden = i > 0 && SECRET_VALUED.contains(&self.args[i - 1].as_str());
                if hidden {
                    return format!("<{} bytes hidden>", arg.len());
                }
                match arg.split_once('=') {
                    Some((flag, value)) if SECRET_VALUED.contains(&flag) => {
                        format!("{flag}=<{} bytes hidden>", value.len())
                    }
                    _ => arg.clone(),
                }
            })
            .collect();
        f.debug_struct("CliCommand")
            .field("program", &self.program)
            .field("args", &args)
            .field("env (values hidden)", &env_keys)
            .field("env_remove", &self.env_remove)
            .field("cwd", &self.cwd)
            .field("user", &self.user)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_env_values() {
        let cmd = CliCommand::new("claude").with_env("ANTHROPIC_API_KEY", "sk-ant-secret");
        let shown = format!("{cmd:?}");
        assert!(shown.contains("ANTHROPIC_API_KEY"));
        assert!(!shown.contains("sk-ant-secret"), "{shown}");
    }

    #[test]
    fn debug_hides_mcp_config_and_settings() {
        let cmd = CliCommand::new("claude").with_args([
            "--mcp-config",
            r#"{"mcpServers":{"x":{"headers":{"Authorization":"Bearer tok-123"}}}}"#,
            "--settings",
            r#"{"env":{"TOKEN":"tok-456"}}"#,
            r#"--settings={"env":{"TOKEN":"tok-789"}}"#,
            "--model",
            "opus",
        ]);
        let shown = format!("{cmd:?}");
        assert!(
            !shown.contains("tok-123") && !shown.contains("tok-456") && !shown.contains("tok-789"),
            "{shown}"
        );
        assert!(
            shown.contains("--mcp-config") && shown.contains("opus"),
            "{shown}"
        );
    }

    #[test]
    fn set_env_replaces() {
        let mut cmd = CliCommand::new("claude").with_env("A", "1");
        cmd.set_env("A", "2");
        assert_eq!(cmd.env, vec![("A".to_owned(), "2".to_owned())]);
        assert_eq!(cmd.env_value("A"), Some("2"));
    }
}
