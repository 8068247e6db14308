//! Subagent definitions sent to the CLI in `initialize`.

use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;

use super::model::Effort;
use super::permission_mode::PermissionMode;

/// A subagent the model can start with the Agent tool.
///
/// Agents are sent in the `initialize` request, never on the command line, so
/// their size is not limited by the OS.
///
/// ```
/// use claude_agent_sdk::AgentDefinition;
/// let reviewer = AgentDefinition::new("Reviews code", "You review Rust code.")
///     .tools(["Read", "Grep"])
///     .model("sonnet")
///     .max_turns(5);
/// # let _ = reviewer;
/// ```
///
/// `Debug` hides the secret values of inline MCP server configurations
/// (`env`, `headers`, tokens).
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AgentDefinition {
    /// When to use the agent (shown to the model).
    pub description: String,
    /// The agent's system prompt.
    pub prompt: String,
    /// A file to read the prompt from when the session starts (overrides
    /// `prompt`).
    #[serde(skip)]
    pub prompt_file: Option<PathBuf>,
    /// The tools it may use (all when `None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<String>>,
    /// Tools it may not use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disallowed_tools: Option<Vec<String>>,
    /// `sonnet`, `opus`, `haiku`, `inherit` or a model id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// MCP servers it may use: names of configured servers or inline configs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcp_servers: Option<Vec<Value>>,
    /// Skills it may use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
    /// Its own turn limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_turns: Option<u32>,
    /// Its effort level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    /// Its permission mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_mode: Option<PermissionMode>,
    /// Whether it runs in the background by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<bool>,
    /// Where it keeps memory: `user`, `project` or `local`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
    /// A first prompt the agent starts with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_prompt: Option<String>,
}

impl std::fmt::Debug for AgentDefinition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mcp_servers = self.mcp_servers.as_ref().map(|servers| {
            servers
                .iter()
                .map(crate::redact::redact_json)
                .collect::<Vec<_>>()
        });
        f.debug_struct("AgentDefinition")
            .field("description", &self.description)
            .field("prompt", &self.prompt)
            .field("prompt_file", &self.prompt_file)
            .field("tools", &self.tools)
            .field("disallowed_tools", &self.disallowed_tools)
            .field("model", &self.model)
            .field("mcp_servers", &mcp_servers)
            .field("skills", &self.skills)
            .field("max_turns", &self.max_turns)
            .field("effort", &self.effort)
            .field("permission_mode", &self.permission_mode)
            .field("background", &self.background)
            .field("memory", &self.memory)
            .field("initial_prompt", &self.initial_prompt)
            .finish()
    }
}

impl AgentDefinition {
    /// An agent with a description (when to use it) and a system prompt.
    #[must_use]
    pub fn new(description: impl Into<String>, prompt: impl Into<String>) -> Self {
        Self {
            description: description.into(),
            prompt: prompt.into(),
            prompt_file: None,
            tools: None,
            disallowed_tools: None,
            model: None,
            mcp_servers: None,
            skills: None,
            max_turns: None,
            effort: None,
            permission_mode: None,
            background: None,
            memory: None,
            initial_prompt: None,
        }
    }

    /// Reads the prompt from a file when the session starts.
    #[must_use]
    pub fn prompt_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.prompt_file = Some(path.into());
        self
    }

    /// The tools the agent may use.
    #[must_use]
    pub fn tools<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tools: I) -> Self {
        self.tools = Some(tools.into_iter().map(Into::into).collect());
        self
    }

    /// Tools the agent may not use.
    #[must_use]
    pub fn disallowed_tools<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        tools: I,
    ) -> Self {
        self.disallowed_tools = Some(tools.into_iter().map(Into::into).collect());
        self
    }

    /// The model (`sonnet`, `opus`, `haiku`, `inherit` or an id).
    #[must_use]
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.model = Some(model.into());
        self
    }

    /// MCP servers the agent may use, by name.
    #[must_use]
    pub fn mcp_servers<I: IntoIterator<Item = S>, S: Into<String>>(mut self, names: I) -> Self {
        self.mcp_servers = Some(names.into_iter().map(|n| Value::String(n.into())).collect());
        self
    }

    /// Skills the agent may use.
    #[must_use]
    pub fn skills<I: IntoIterator<Item = S>, S: Into<String>>(mut self, skills: I) -> Self {
        self.skills = Some(skills.into_iter().map(Into::into).collect());
        self
    }

    /// The agent's turn limit.
    #[must_use]
    pub fn max_turns(mut self, turns: u32) -> Self {
        self.max_turns = Some(turns);
        self
    }

    /// The agent's effort level.
    #[must_use]
    pub fn effort(mut self, effort: Effort) -> Self {
        self.effort = Some(effort);
        self
    }

    /// The agent's permission mode.
    #[must_use]
    pub fn permission_mode(mut self, mode: PermissionMode) -> Self {
        self.permission_mode = Some(mode);
        self
    }

    /// Whether the agent runs in the background by default.
    #[must_use]
    pub fn background(mut self, background: bool) -> Self {
        self.background = Some(background);
        self
    }

    /// Where the agent keeps memory (`user`, `project` or `local`).
    #[must_use]
    pub fn memory(mut self, scope: impl Into<String>) -> Self {
        self.memory = Some(scope.into());
        self
    }

    /// A first prompt the agent starts with.
    #[must_use]
    pub fn initial_prompt(mut self, prompt: impl Into<String>) -> Self {
        self.initial_prompt = Some(prompt.into());
        self
    }

    /// The definition as sent in `initialize`, with `prompt_file` read.
    pub(crate) fn to_wire(&self) -> std::io::Result<Value> {
        let mut value = serde_json::to_value(self).map_err(std::io::Error::other)?;
        if let Some(path) = &self.prompt_file {
            let prompt = std::fs::read_to_string(path).map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    format!("cannot read the agent prompt file {}: {e}", path.display()),
                )
            })?;
            value["prompt"] = Value::String(prompt);
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serialises_camel_case_and_skips_unset_fields() {
        let agent = AgentDefinition::new("Echoes", "You echo.")
            .tools(["Read"])
            .model("inherit")
            .max_turns(3);
        assert_eq!(
            agent.to_wire().unwrap(),
            json!({"description": "Echoes", "prompt": "You echo.", "tools": ["Read"], "model": "inherit", "maxTurns": 3})
        );
    }

    #[test]
    fn prompt_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.md");
        std::fs::write(&file, "from file").unwrap();
        let agent = AgentDefinition::new("d", "").prompt_file(&file);
        assert_eq!(agent.to_wire().unwrap()["prompt"], "from file");
        let missing = AgentDefinition::new("d", "").prompt_file(dir.path().join("nope"));
        assert!(missing.to_wire().is_err());
    }
}
