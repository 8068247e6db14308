//! The `initialize` handshake: what the SDK sends and what the CLI answers.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::options::{ClaudeAgentOptions, Skills, SystemPrompt};
use crate::wire::Extra;

/// A slash command the CLI offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SlashCommand {
    /// The name, without the slash.
    pub name: String,
    /// What it does.
    #[serde(default, deserialize_with = "crate::wire::null_default")]
    pub description: String,
    /// A hint for its arguments.
    #[serde(default, deserialize_with = "crate::wire::null_default")]
    pub argument_hint: String,
    /// Fields this SDK does not model (`builtin`, `aliases`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A subagent the CLI offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentInfo {
    /// The agent's name.
    pub name: String,
    /// When to use it.
    #[serde(default, deserialize_with = "crate::wire::null_default")]
    pub description: String,
    /// Its model, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A model the CLI offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ModelInfo {
    /// The value to pass as `model`.
    pub value: String,
    /// The name to show.
    #[serde(default, deserialize_with = "crate::wire::null_default")]
    pub display_name: String,
    /// A description.
    #[serde(default, deserialize_with = "crate::wire::null_default")]
    pub description: String,
    /// Fields this SDK does not model (`supportedEffortLevels`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The account the CLI uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountInfo {
    /// The account's email, if signed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The organisation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The subscription type, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_type: Option<String>,
    /// Where the API key comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_source: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The CLI's answer to `initialize`: its commands, agents, models, account
/// and protocol capabilities.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InitializeResponse {
    /// Slash commands (built-in, project, skills).
    #[serde(default, deserialize_with = "crate::wire::null_default")]
    pub commands: Vec<SlashCommand>,
    /// Subagents.
    #[serde(default, deserialize_with = "crate::wire::null_default")]
    pub agents: Vec<AgentInfo>,
    /// Models.
    #[serde(default, deserialize_with = "crate::wire::null_default")]
    pub models: Vec<ModelInfo>,
    /// The account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountInfo>,
    /// The active output style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_style: Option<String>,
    /// The CLI's process id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
    /// The CLI's version (newer CLIs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claude_code_version: Option<String>,
    /// Protocol capabilities (newer CLIs only).
    #[serde(
        default,
        deserialize_with = "crate::wire::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub capabilities: Vec<String>,
    /// Whether hook matchers may carry an on-failure policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hook_on_failure_supported: Option<bool>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl InitializeResponse {
    /// Whether the CLI announced a capability.
    #[must_use]
    pub fn has_capability(&self, name: &str) -> bool {
        self.capabilities.iter().any(|c| c == name)
    }
}

/// The body of the `initialize` request for these options.
pub(crate) fn initialize_request(
    options: &ClaudeAgentOptions,
    hooks: Option<Value>,
) -> Result<Map<String, Value>> {
    let mut body = Map::new();
    body.insert("subtype".into(), json!("initialize"));
    body.insert("hooks".into(), hooks.unwrap_or(Value::Null));
    if !options.agents.is_empty() {
        let mut agents = Map::new();
        for (name, agent) in &options.agents {
            let wire = agent
                .to_wire()
                .map_err(|e| Error::InvalidOptions(format!("agent `{name}`: {e}")))?;
            agents.insert(name.clone(), wire);
        }
        body.insert("agents".into(), Value::Object(agents));
    }
    if let Some(Skills::Only(names)) = &options.skills {
        body.insert("skills".into(), json!(names));
    }
    if let SystemPrompt::ClaudeCode {
        exclude_dynamic_sections: true,
        ..
    } = &options.system_prompt
    {
        body.insert("excludeDynamicSections".into(), json!(true));
    }
    if options.forward_subagent_text {
        body.insert("forwardSubagentText".into(), json!(true));
    }
    if let Some(title) = &options.title {
        body.insert("title".into(), json!(title));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::AgentDefinition;

    #[test]
    fn plain_options_send_null_hooks_only() {
        let body = initialize_request(&ClaudeAgentOptions::default(), None).unwrap();
        assert_eq!(
            Value::Object(body),
            json!({"subtype": "initialize", "hooks": null})
        );
    }

    #[test]
    fn agents_and_skills_go_in_initialize() {
        let options = ClaudeAgentOptions::builder()
            .agent_definition(
                "echoer",
                AgentDefinition::new("Echoes", "You echo.").max_turns(3),
            )
            .skills(Skills::Only(vec!["pdf".into()]))
            .build();
        let body = initialize_request(&options, None).unwrap();
        assert_eq!(body["agents"]["echoer"]["maxTurns"], 3);
        assert_eq!(body["skills"], json!(["pdf"]));
    }

    #[test]
    fn parses_a_recorded_response() {
        let raw = json!({
            "commands": [{"name": "compact", "description": "Compact", "argumentHint": "", "builtin": true}],
            "agents": [{"name": "Explore", "description": "Explores"}],
            "models": [{"value": "default", "displayName": "Default", "description": "d", "supportsEffort": true}],
            "account": {"tokenSource": "none", "apiKeySource": "ANTHROPIC_API_KEY"},
            "pid": 42, "claude_code_version": "2.1.330", "capabilities": ["ui_surface_v1"],
            "session_state": "idle"
        });
        let response: InitializeResponse = serde_json::from_value(raw).unwrap();
        assert_eq!(response.commands[0].name, "compact");
        assert_eq!(response.commands[0].extra["builtin"], true);
        assert_eq!(response.models[0].display_name, "Default");
        assert_eq!(
            response.account.as_ref().unwrap().api_key_source.as_deref(),
            Some("ANTHROPIC_API_KEY")
        );
        assert!(response.has_capability("ui_surface_v1"));
        assert_eq!(response.extra["session_state"], "idle");
    }

    #[test]
    fn nulls_in_the_answer_are_defaults() {
        let response: InitializeResponse = serde_json::from_value(serde_json::json!({
            "commands": [{"name": "review", "description": null, "argumentHint": null}],
            "agents": [{"name": "helper", "description": null}],
            "models": [{"value": "m", "displayName": null, "description": null}],
            "capabilities": null
        }))
        .unwrap();
        assert_eq!(response.commands[0].description, "");
        assert_eq!(response.agents[0].description, "");
        assert_eq!(response.models[0].display_name, "");
        assert!(response.capabilities.is_empty());
        let empty: InitializeResponse =
            serde_json::from_value(serde_json::json!({"commands": null})).unwrap();
        assert!(empty.commands.is_empty());
    }
}
