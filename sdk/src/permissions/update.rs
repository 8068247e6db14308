//! [`PermissionUpdate`]: changes to permission rules, modes and directories.

use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value, json};

use crate::options::PermissionMode;
use crate::wire::string_enum;

string_enum! {
    /// What a permission rule does.
    pub enum PermissionBehavior {
        /// Run without asking.
        Allow = "allow",
        /// Refuse.
        Deny = "deny",
        /// Ask.
        Ask = "ask",
    }
}

string_enum! {
    /// Where a permission update is stored.
    pub enum PermissionDestination {
        /// `~/.claude/settings.json`.
        UserSettings = "userSettings",
        /// `.claude/settings.json` (shared with the project).
        ProjectSettings = "projectSettings",
        /// `.claude/settings.local.json`.
        LocalSettings = "localSettings",
        /// This session only.
        Session = "session",
        /// Like a command-line argument (this process only).
        CliArg = "cliArg",
    }
}

impl Default for PermissionDestination {
    /// [`PermissionDestination::Session`].
    fn default() -> Self {
        Self::Session
    }
}

/// A permission rule: a tool, and optionally what the rule matches in its
/// input (`Bash(npm test:*)` is tool `Bash`, content `npm test:*`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PermissionRule {
    /// The tool.
    pub tool_name: String,
    /// What the rule matches, for the whole tool when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_content: Option<String>,
}

impl PermissionRule {
    /// A rule for every use of `tool`.
    pub fn tool(tool: impl Into<String>) -> Self {
        Self {
            tool_name: tool.into(),
            rule_content: None,
        }
    }

    /// A rule for the uses of `tool` that match `content` (for Bash, a
    /// command or a `prefix:*`).
    pub fn with_content(tool: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            tool_name: tool.into(),
            rule_content: Some(content.into()),
        }
    }
}

/// A change to the permission settings, as the CLI suggests it with a
/// permission request, or as a `can_use_tool` callback returns it with an
/// approval.
///
/// ```
/// use claude_agent_sdk::permissions::{
///     PermissionBehavior, PermissionDestination, PermissionRule, PermissionUpdate,
/// };
/// use serde_json::json;
///
/// let update = PermissionUpdate::add_rules(
///     [PermissionRule::with_content("Bash", "echo:*")],
///     PermissionBehavior::Allow,
/// );
/// assert_eq!(
///     update.to_value(),
///     json!({"type": "addRules", "rules": [{"toolName": "Bash", "ruleContent": "echo:*"}],
///            "behavior": "allow", "destination": "session"})
/// );
/// let kept = update.to(PermissionDestination::LocalSettings);
/// assert_eq!(kept.destination(), Some(&PermissionDestination::LocalSettings));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PermissionUpdate {
    /// Adds rules.
    AddRules {
        /// The rules.
        rules: Vec<PermissionRule>,
        /// What they do.
        behavior: PermissionBehavior,
        /// Where they are stored.
        destination: PermissionDestination,
    },
    /// Replaces all rules of `behavior` with these.
    ReplaceRules {
        /// The rules.
        rules: Vec<PermissionRule>,
        /// What they do.
        behavior: PermissionBehavior,
        /// Where they are stored.
        destination: PermissionDestination,
    },
    /// Removes rules.
    RemoveRules {
        /// The rules.
        rules: Vec<PermissionRule>,
        /// What they do.
        behavior: PermissionBehavior,
        /// Where they are stored.
        destination: PermissionDestination,
    },
    /// Sets the permission mode.
    SetMode {
        /// The mode.
        mode: PermissionMode,
        /// Where it is stored.
        destination: PermissionDestination,
    },
    /// Adds directories the tools may work in.
    AddDirectories {
        /// The directories.
        directories: Vec<PathBuf>,
        /// Where they are stored.
        destination: PermissionDestination,
    },
    /// Removes directories.
    RemoveDirectories {
        /// The directories.
        directories: Vec<PathBuf>,
        /// Where they are stored.
        destination: PermissionDestination,
    },
    /// An update this SDK does not know (or could not read), kept verbatim.
    Other(Value),
}

impl PermissionUpdate {
    /// Adds rules, for this session.
    pub fn add_rules(
        rules: impl IntoIterator<Item = PermissionRule>,
        behavior: PermissionBehavior,
    ) -> Self {
        Self::AddRules {
            rules: rules.into_iter().collect(),
            behavior,
            destination: PermissionDestination::Session,
        }
    }

    /// Replaces the rules of `behavior`, for this session.
    pub fn replace_rules(
        rules: impl IntoIterator<Item = PermissionRule>,
        behavior: PermissionBehavior,
    ) -> Self {
        Self::ReplaceRules {
            rules: rules.into_iter().collect(),
            behavior,
            destination: PermissionDestination::Session,
        }
    }

    /// Removes rules, for this session.
    pub fn remove_rules(
        rules: impl IntoIterator<Item = PermissionRule>,
        behavior: PermissionBehavior,
    ) -> Self {
        Self::RemoveRules {
            rules: rules.into_iter().collect(),
            behavior,
            destination: PermissionDestination::Session,
        }
    }

    /// Sets the permission mode, for this session.
    pub fn set_mode(mode: PermissionMode) -> Self {
        Self::SetMode {
            mode,
            destination: PermissionDestination::Session,
        }
    }

    /// Adds directories, for this session.
    pub fn add_directories<I, P>(directories: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        Self::AddDirectories {
            directories: directories.into_iter().map(Into::into).collect(),
            destination: PermissionDestination::Session,
        }
    }

    /// Removes directories, for this session.
    pub fn remove_directories<I, P>(directories: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        Self::RemoveDirectories {
            directories: directories.into_iter().map(Into::into).collect(),
            destination: PermissionDestination::Session,
        }
    }

    /// The same update, stored in `destination` (no effect on
    /// [`PermissionUpdate::Other`]).
    #[must_use]
    pub fn to(mut self, destination: PermissionDestination) -> Self {
        if let Some(d) = self.destination_mut() {
            *d = destination;
        }
        self
    }

    /// Where the update is stored (`None` for [`PermissionUpdate::Other`]).
    #[must_use]
    pub fn destination(&self) -> Option<&PermissionDestination> {
        match self {
            Self::AddRules { destination, .. }
            | Self::ReplaceRules { destination, .. }
            | Self::RemoveRules { destination, .. }
            | Self::SetMode { destination, .. }
            | Self::AddDirectories { destination, .. }
            | Self::RemoveDirectories { destination, .. } => Some(destination),
            Self::Other(_) => None,
        }
    }

    fn destination_mut(&mut self) -> Option<&mut PermissionDestination> {
        match self {
            Self::AddRules { destination, .. }
            | Self::ReplaceRules { destination, .. }
            | Self::RemoveRules { destination, .. }
            | Self::SetMode { destination, .. }
            | Self::AddDirectories { destination, .. }
            | Self::RemoveDirectories { destination, .. } => Some(destination),
            Self::Other(_) => None,
        }
    }

    /// The update as JSON, as the CLI reads it.
    #[must_use]
    pub fn to_value(&self) -> Value {
        let rules = |kind: &str,
                     rules: &[PermissionRule],
                     behavior: &PermissionBehavior,
                     destination: &PermissionDestination| {
            json!({"type": kind, "rules": rules, "behavior": behavior, "destination": destination})
        };
        let dirs = |kind: &str, directories: &[PathBuf], destination: &PermissionDestination| json!({"type": kind, "directories": directories, "destination": destination});
        match self {
            Self::AddRules {
                rules: r,
                behavior,
                destination,
            } => rules("addRules", r, behavior, destination),
            Self::ReplaceRules {
                rules: r,
                behavior,
                destination,
            } => rules("replaceRules", r, behavior, destination),
            Self::RemoveRules {
                rules: r,
                behavior,
                destination,
            } => rules("removeRules", r, behavior, destination),
            Self::SetMode { mode, destination } => {
                json!({"type": "setMode", "mode": mode, "destination": destination})
            }
            Self::AddDirectories {
                directories,
                destination,
            } => dirs("addDirectories", directories, destination),
            Self::RemoveDirectories {
                directories,
                destination,
            } => dirs("removeDirectories", directories, destination),
            Self::Other(raw) => raw.clone(),
        }
    }

    /// Reads an update; anything this SDK cannot read becomes
    /// [`PermissionUpdate::Other`].
    #[must_use]
    pub fn from_value(value: Value) -> Self {
        Self::read(&value).unwrap_or(Self::Other(value))
    }

    fn read(value: &Value) -> Option<Self> {
        let fields: &Map<String, Value> = value.as_object()?;
        let destination = match fields.get("destination") {
            None | Some(Value::Null) => PermissionDestination::Session,
            Some(d) => PermissionDestination::deserialize(d).ok()?,
        };
        let rules = || -> Option<(Vec<PermissionRule>, PermissionBehavior)> {
            Some((
                Vec::<PermissionRule>::deserialize(fields.get("rules")?).ok()?,
                PermissionBehavior::deserialize(fields.get("behavior")?).ok()?,
            ))
        };
        let directories = || Vec::<PathBuf>::deserialize(fields.get("directories")?).ok();
        Some(match fields.get("type")?.as_str()? {
            "addRules" => {
                let (rules, behavior) = rules()?;
                Self::AddRules {
                    rules,
                    behavior,
                    destination,
                }
            }
            "replaceRules" => {
                let (rules, behavior) = rules()?;
                Self::ReplaceRules {
                    rules,
                    behavior,
                    destination,
                }
            }
            "removeRules" => {
                let (rules, behavior) = rules()?;
                Self::RemoveRules {
                    rules,
                    behavior,
                    destination,
                }
            }
            "setMode" => Self::SetMode {
                mode: PermissionMode::deserialize(fields.get("mode")?).ok()?,
                destination,
            },
            "addDirectories" => Self::AddDirectories {
                directories: directories()?,
                destination,
            },
            "removeDirectories" => Self::RemoveDirectories {
                directories: directories()?,
                destination,
            },
            _ => return None,
        })
    }
}

impl Serialize for PermissionUpdate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PermissionUpdate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::from_value(Value::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_cli_suggestions() {
        // Recorded (can_use_tool_updated_input.jsonl, CLI 2.1.330).
        let suggestions: Vec<PermissionUpdate> = serde_json::from_value(json!([
            {"type": "addRules", "rules": [{"toolName": "Bash", "ruleContent": "touch created.txt"}], "behavior": "allow", "destination": "localSettings"},
            {"type": "addDirectories", "directories": ["/work"], "destination": "session"},
            {"type": "setMode", "mode": "acceptEdits", "destination": "session"},
            {"type": "grantEverything", "scope": "universe"},
            {"type": "addRules", "rules": "not a list", "behavior": "allow"}
        ]))
        .unwrap();
        assert_eq!(
            suggestions[0],
            PermissionUpdate::add_rules(
                [PermissionRule::with_content("Bash", "touch created.txt")],
                PermissionBehavior::Allow
            )
            .to(PermissionDestination::LocalSettings)
        );
        assert_eq!(suggestions[1], PermissionUpdate::add_directories(["/work"]));
        assert_eq!(
            suggestions[2],
            PermissionUpdate::set_mode(PermissionMode::AcceptEdits)
        );
        assert!(
            matches!(&suggestions[3], PermissionUpdate::Other(raw) if raw["scope"] == "universe")
        );
        assert!(matches!(&suggestions[4], PermissionUpdate::Other(_)));
    }

    #[test]
    fn every_kind_round_trips() {
        let updates = [
            PermissionUpdate::add_rules([PermissionRule::tool("Read")], PermissionBehavior::Allow),
            PermissionUpdate::replace_rules(
                [PermissionRule::with_content("Bash", "git:*")],
                PermissionBehavior::Ask,
            )
            .to(PermissionDestination::ProjectSettings),
            PermissionUpdate::remove_rules(
                [PermissionRule::tool("Write")],
                PermissionBehavior::Deny,
            )
            .to(PermissionDestination::UserSettings),
            PermissionUpdate::set_mode(PermissionMode::Plan).to(PermissionDestination::CliArg),
            PermissionUpdate::add_directories(["/a", "/b"]),
            PermissionUpdate::remove_directories(["/a"]),
        ];
        for update in updates {
            let value = update.to_value();
            assert_eq!(
                PermissionUpdate::from_value(value.clone()),
                update,
                "{value}"
            );
        }
        assert_eq!(
            PermissionUpdate::add_rules([PermissionRule::tool("Read")], PermissionBehavior::Allow)
                .to_value(),
            json!({"type": "addRules", "rules": [{"toolName": "Read"}], "behavior": "allow", "destination": "session"})
        );
    }
}
