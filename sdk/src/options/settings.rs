//! Settings, setting sources, sandbox, plugins, tools, skills and output format.

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
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Settings {
    /// A settings file.
    File(PathBuf),
    /// Inline settings JSON.
    Json(Value),
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
