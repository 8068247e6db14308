//! Inputs of the workspace events: settings, instructions, worktrees,
//! directories and files.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::HookCommon;
use crate::wire::{Extra, string_enum};

string_enum! {
    /// Which configuration changed.
    pub enum ConfigChangeSource {
        /// `~/.claude/settings.json`.
        UserSettings = "user_settings",
        /// `.claude/settings.json`.
        ProjectSettings = "project_settings",
        /// `.claude/settings.local.json`.
        LocalSettings = "local_settings",
        /// Managed policy settings.
        PolicySettings = "policy_settings",
        /// Skills.
        Skills = "skills",
    }
}

/// The input of [`HookEvent::ConfigChange`](crate::hooks::HookEvent::ConfigChange).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConfigChangeInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// Which configuration changed.
    pub source: ConfigChangeSource,
    /// The file that changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_path: Option<PathBuf>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of [`HookEvent::WorktreeCreate`](crate::hooks::HookEvent::WorktreeCreate):
/// the hook is to create a worktree and return its path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorktreeCreateInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The worktree's name.
    #[serde(default)]
    pub name: String,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of [`HookEvent::WorktreeRemove`](crate::hooks::HookEvent::WorktreeRemove).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorktreeRemoveInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The worktree that was removed.
    #[serde(default)]
    pub worktree_path: PathBuf,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// The kind of an instructions file.
    pub enum MemoryType {
        /// The user's `~/.claude/CLAUDE.md`.
        User = "User",
        /// The project's `CLAUDE.md`.
        Project = "Project",
        /// `CLAUDE.local.md`.
        Local = "Local",
        /// Managed instructions.
        Managed = "Managed",
    }
}

string_enum! {
    /// Why an instructions file was loaded.
    pub enum InstructionsLoadReason {
        /// At session start.
        SessionStart = "session_start",
        /// While walking into a subdirectory.
        NestedTraversal = "nested_traversal",
        /// A path-scoped rule matched a file.
        PathGlobMatch = "path_glob_match",
        /// Included by another file.
        Include = "include",
        /// Reloaded after a compaction.
        Compact = "compact",
    }
}

/// The input of
/// [`HookEvent::InstructionsLoaded`](crate::hooks::HookEvent::InstructionsLoaded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InstructionsLoadedInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The file.
    #[serde(default)]
    pub file_path: PathBuf,
    /// Its kind.
    pub memory_type: MemoryType,
    /// Why it was loaded.
    pub load_reason: InstructionsLoadReason,
    /// The path globs of a path-scoped rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub globs: Option<Vec<String>>,
    /// The file whose access loaded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_file_path: Option<PathBuf>,
    /// The file that included it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_file_path: Option<PathBuf>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of [`HookEvent::CwdChanged`](crate::hooks::HookEvent::CwdChanged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CwdChangedInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The previous working directory.
    #[serde(default)]
    pub old_cwd: PathBuf,
    /// The new one.
    #[serde(default)]
    pub new_cwd: PathBuf,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// How a watched file changed.
    pub enum FileChangeKind {
        /// Its content changed.
        Change = "change",
        /// It was created.
        Add = "add",
        /// It was deleted.
        Unlink = "unlink",
    }
}

/// The input of [`HookEvent::FileChanged`](crate::hooks::HookEvent::FileChanged):
/// a file registered with `watchPaths` changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileChangedInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The file.
    #[serde(default)]
    pub file_path: PathBuf,
    /// How it changed.
    pub event: FileChangeKind,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// How a directory was added.
    pub enum DirectoryAddedSource {
        /// `/add-dir`.
        SlashCommand = "slash_command",
        /// The `register_repo_root` control request.
        RegisterRepoRoot = "register_repo_root",
    }
}

/// The input of [`HookEvent::DirectoryAdded`](crate::hooks::HookEvent::DirectoryAdded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DirectoryAddedInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// The directory.
    #[serde(default)]
    pub directory: PathBuf,
    /// How it was added.
    pub source: DirectoryAddedSource,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
