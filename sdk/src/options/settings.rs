//! Settings, setting sources, sandbox, plugins, tools, skills and output format.

use std::fmt;
use std::path::PathBuf;

use serde_json::Value;

use crate::wire::string_enum;

string_enum! {
    /// A layer of settings files the CLI may load.
    pub enum SettingSource {
        /// `~/.claude/settings.json`.
        User = "user",
        /// `.claude/settings.json` in the project (also CLAUDE.md, skills,
        /// commands).
        Project = "project",
        /// `.claude/settings.local.json`.
        Local = "local",
    }
}

/// Extra settings for the CLI (`--settings`).
///
/// Inline JSON is handed to the CLI in a private file, never on its command
/// line, and `Debug` hides the values of its `env` and of keys that name a
/// secret.
///
/// ```
/// use claude_agent_sdk::options::Settings;
/// let settings = Settings::Json(serde_json::json!({"env": {"DB_PASSWORD": "hunter22"}}));
/// assert!(!format!("{settings:?}").contains("hunter22"));
/// ```
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum Settings {
    /// A settings file.
    File(PathBuf),
    /// Inline settings JSON.
    Json(Value),
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(path) => f.debug_tuple("File").field(path).finish(),
            Self::Json(json) => f
                .debug_tuple("Json")
                .field(&crate::redact::redact_json(json))
                .finish(),
        }
    }
}

/// The base set of built-in tools (`--tools`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ToolSet {
    /// Exactly these built-in tools (an empty list means none).
    List(Vec<String>),
    /// The Claude Code default set.
    ClaudeCode,
}

/// Which skills the main session may use.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Skills {
    /// Every skill that is installed.
    All,
    /// Only these skills.
    Only(Vec<String>),
}

/// A plugin to load.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PluginConfig {
    /// A plugin in a local directory (`--plugin-dir`).
    Local(PathBuf),
}

/// The format of the session's final output.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum OutputFormat {
    /// Structured output matching a JSON schema (`--json-schema`); the result
    /// then carries `structured_output`.
    JsonSchema(Value),
}
