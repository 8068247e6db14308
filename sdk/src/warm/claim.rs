//! What a claim asks of a parked spare ([`ClaimOptions`]) and what the CLI
//! answers ([`ClaimInfo`]).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::options::{AgentDefinition, ClaudeAgentOptions, PermissionMode, Settings, SystemPrompt};

/// The environment variables a claim may set: the CLI reads every other one
/// during start-up, so they belong in the spare's own options.
pub const CLAIMABLE_ENV_KEYS: [&str; 3] = [
    "CLAUDE_CODE_OAUTH_TOKEN",
    "CLAUDE_CODE_SESSION_ACCESS_TOKEN",
    "CLAUDE_CODE_HOST_SESSION_ID",
];

/// Settings keys a claim cannot apply: hooks must be in force before any
/// hook runs, so they go in the spare's options.
const HOOK_SETTINGS_KEYS: [&str; 5] = [
    "hooks",
    "disableAllHooks",
    "allowManagedHooksOnly",
    "allowedHttpHookUrls",
    "httpHookAllowedEnvVars",
];

/// What turns a parked spare into a session: the folder it works in, and
/// the options a running CLI can still take.
///
/// Everything else (tools, MCP servers, hooks, permission callback, system
/// prompt) is fixed when the spare starts, by the options given to
/// [`prewarm`](super::prewarm).
///
/// ```
/// use claude_agent_sdk::PermissionMode;
/// use claude_agent_sdk::warm::ClaimOptions;
///
/// let claim = ClaimOptions::new("/srv/repo")
///     .model("claude-sonnet-4-5")
///     .permission_mode(PermissionMode::AcceptEdits)
///     .append_system_prompt("Answer in French.")
///     .title("triage");
/// assert_eq!(claim.cwd().to_str(), Some("/srv/repo"));
/// ```
#[derive(Clone, Default)]
#[must_use]
pub struct ClaimOptions {
    pub(crate) cwd: PathBuf,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) additional_directories: Vec<PathBuf>,
    pub(crate) model: Option<String>,
    pub(crate) permission_mode: Option<PermissionMode>,
    pub(crate) max_thinking_tokens: Option<u32>,
    pub(crate) settings: Option<Value>,
    pub(crate) append_system_prompt: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) agents: BTreeMap<String, AgentDefinition>,
}

impl ClaimOptions {
    /// A claim for the folder `cwd` (an absolute path; a relative one is
    /// taken from the current directory).
    pub fn new(cwd: impl Into<PathBuf>) -> Self {
        Self {
            cwd: cwd.into(),
            ..Self::default()
        }
    }

    /// The folder the session works in.
    #[must_use]
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// Sets one of the [claimable variables](CLAIMABLE_ENV_KEYS) (a
    /// sign-in token, the host's session id). Its value never appears in a
    /// log or a `Debug` string.
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Adds a directory the session may work in besides its folder.
    pub fn add_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.additional_directories.push(dir.into());
        self
    }

    /// The model of the session.
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.model = Some(model.into());
        self
    }

    /// The permission mode of the session.
    pub fn permission_mode(mut self, mode: PermissionMode) -> Self {
        self.permission_mode = Some(mode);
        self
    }

    /// The thinking budget of the session.
    pub fn max_thinking_tokens(mut self, tokens: u32) -> Self {
        self.max_thinking_tokens = Some(tokens);
        self
    }

    /// A settings overlay (a JSON object, as `--settings` takes), applied
    /// after the claim and before the prompt. Hook settings cannot be
    /// applied to a running CLI: put them in the spare's options.
    pub fn settings(mut self, settings: Value) -> Self {
        self.settings = Some(settings);
        self
    }

    /// Text appended to the system prompt.
    pub fn append_system_prompt(mut self, text: impl Into<String>) -> Self {
        self.append_system_prompt = Some(text.into());
        self
    }

    /// The session's title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// A subagent the session may call.
    pub fn agent(mut self, name: impl Into<String>, agent: AgentDefinition) -> Self {
        self.agents.insert(name.into(), agent);
        self
    }

    /// Checks what the SDK can check before anything is sent: only
    /// claimable variables, no hook settings, an object as settings.
    pub(crate) fn validate(&self) -> Result<()> {
        if let Some((key, _)) = self
            .env
            .iter()
            .find(|(key, _)| !CLAIMABLE_ENV_KEYS.contains(&key.as_str()))
        {
            return Err(Error::InvalidOptions(format!(
                "claim: the variable `{key}` is read while the CLI starts and cannot be set by a \
                 claim (only {}); set it in the spare's options",
                CLAIMABLE_ENV_KEYS.join(", ")
            )));
        }
        match &self.settings {
            None => {}
            Some(Value::Object(map)) => {
                let hooks: Vec<&str> = HOOK_SETTINGS_KEYS
                    .into_iter()
                    .filter(|key| map.contains_key(*key))
                    .collect();
                if !hooks.is_empty() {
                    return Err(Error::InvalidOptions(format!(
                        "claim: hook settings ({}) cannot be applied to a running CLI; put them \
                         in the spare's options, where they are in force before any hook runs",
                        hooks.join(", ")
                    )));
                }
            }
            Some(_) => {
                return Err(Error::InvalidOptions(
                    "claim: settings must be a JSON object".into(),
                ));
            }
        }
        Ok(())
    }

    /// The absolute folder of the claim.
    pub(crate) fn absolute_cwd(&self) -> PathBuf {
        if self.cwd.is_absolute() {
            return self.cwd.clone();
        }
        std::env::current_dir()
            .map(|dir| dir.join(&self.cwd))
            .unwrap_or_else(|_| self.cwd.clone())
    }

    /// `options` as a cold start would need them to run this claim's
    /// session: the claim's folder, model, mode and the rest set on top.
    pub(crate) fn apply_to(&self, options: &mut ClaudeAgentOptions) -> Result<()> {
        options.cwd = Some(self.absolute_cwd());
        options.env.extend(self.env.iter().cloned());
        options
            .add_dirs
            .extend(self.additional_directories.iter().cloned());
        if let Some(model) = &self.model {
            options.model = Some(model.clone());
        }
        if let Some(mode) = &self.permission_mode {
            options.permission_mode = Some(mode.clone());
        }
        if let Some(tokens) = self.max_thinking_tokens {
            options.max_thinking_tokens = Some(tokens);
        }
        if let Some(title) = &self.title {
            options.title = Some(title.clone());
        }
        options.agents.extend(
            self.agents
                .iter()
                .map(|(name, agent)| (name.clone(), agent.clone())),
        );
        if let Some(text) = &self.append_system_prompt {
            options.system_prompt = match std::mem::take(&mut options.system_prompt) {
                SystemPrompt::Empty => SystemPrompt::Text(text.clone()),
                SystemPrompt::Text(prompt) => SystemPrompt::Text(format!("{prompt}\n\n{text}")),
                SystemPrompt::ClaudeCode {
                    append,
                    exclude_dynamic_sections,
                } => SystemPrompt::ClaudeCode {
                    append: Some(match append {
                        Some(prompt) => format!("{prompt}\n\n{text}"),
                        None => text.clone(),
                    }),
                    exclude_dynamic_sections,
                },
                // A prompt file is read by the CLI: pass the text on top.
                file @ SystemPrompt::File(_) => {
                    options
                        .extra_args
                        .push(("append-system-prompt".into(), Some(text.clone())));
                    file
                }
            };
        }
        if let Some(Value::Object(overlay)) = &self.settings {
            options.settings = Some(match options.settings.take() {
                Some(Settings::Json(Value::Object(mut base))) => {
                    base.extend(overlay.clone());
                    Settings::Json(Value::Object(base))
                }
                None => Settings::Json(Value::Object(overlay.clone())),
                Some(other) => {
                    let kept = other.clone();
                    options.settings = Some(other);
                    return Err(Error::InvalidOptions(format!(
                        "claim: a settings overlay cannot be added to {kept:?} for a cold \
                         start; give the spare inline settings (JSON) instead"
                    )));
                }
            });
        }
        Ok(())
    }

    /// The body of the `claim_session` request.
    pub(crate) fn request(&self, sdk_mcp_servers: Vec<String>) -> Result<Map<String, Value>> {
        let mut body = Map::new();
        body.insert("subtype".into(), json!("claim_session"));
        body.insert("cwd".into(), json!(self.absolute_cwd().to_string_lossy()));
        body.insert("include_initialize".into(), json!(true));
        body.insert("sdk_mcp_servers".into(), json!(sdk_mcp_servers));
        if let Some(mode) = &self.permission_mode {
            body.insert("permission_mode".into(), json!(mode));
        }
        if !self.env.is_empty() {
            let env: Map<String, Value> = self
                .env
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            body.insert("env".into(), Value::Object(env));
        }
        if !self.additional_directories.is_empty() {
            let dirs: Vec<String> = self
                .additional_directories
                .iter()
                .map(|d| d.to_string_lossy().into_owned())
                .collect();
            body.insert("additional_directories".into(), json!(dirs));
        }
        if let Some(text) = &self.append_system_prompt {
            body.insert("append_system_prompt".into(), json!(text));
        }
        if let Some(title) = &self.title {
            body.insert("title".into(), json!(title));
        }
        if !self.agents.is_empty() {
            let mut agents = Map::new();
            for (name, agent) in &self.agents {
                let wire = agent
                    .to_wire()
                    .map_err(|e| Error::InvalidOptions(format!("agent `{name}`: {e}")))?;
                agents.insert(name.clone(), wire);
            }
            body.insert("agents".into(), Value::Object(agents));
        }
        Ok(body)
    }
}

impl fmt::Debug for ClaimOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClaimOptions")
            .field("cwd", &self.cwd)
            .field(
                "env",
                &self.env.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            )
            .field("additional_directories", &self.additional_directories)
            .field("model", &self.model)
            .field("permission_mode", &self.permission_mode)
            .field("max_thinking_tokens", &self.max_thinking_tokens)
            .field("settings", &self.settings.as_ref().map(|_| "<overlay>"))
            .field("append_system_prompt", &self.append_system_prompt.is_some())
            .field("title", &self.title)
            .field("agents", &self.agents.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// What the CLI reported when a spare was claimed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ClaimInfo {
    /// The folder the session now works in (as the CLI resolved it).
    pub cwd: Option<PathBuf>,
    /// The session id.
    pub session_id: String,
    /// How long the spare was parked, in milliseconds.
    pub parked_ms: Option<u64>,
    /// Whether the in-process MCP servers had finished connecting.
    pub sdk_mcp_settled: Option<bool>,
    /// Fields this SDK does not model.
    pub extra: Map<String, Value>,
}

impl ClaimInfo {
    /// Reads the CLI's answer to `claim_session` (without its `initialize`
    /// payload, which the caller takes first).
    pub(crate) fn from_answer(mut answer: Map<String, Value>) -> Self {
        let cwd = answer
            .remove("cwd")
            .and_then(|v| v.as_str().map(PathBuf::from));
        let session_id = answer
            .remove("session_id")
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let parked_ms = answer.remove("parked_ms").and_then(|v| v.as_u64());
        let sdk_mcp_settled = answer.remove("sdk_mcp_settled").and_then(|v| v.as_bool());
        answer.remove("status");
        Self {
            cwd,
            session_id,
            parked_ms,
            sdk_mcp_settled,
            extra: answer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_carries_every_claimable_field() {
        let claim = ClaimOptions::new("/srv/repo")
            .env("CLAUDE_CODE_HOST_SESSION_ID", "h1")
            .add_dir("/srv/other")
            .permission_mode(PermissionMode::AcceptEdits)
            .append_system_prompt("extra")
            .title("t")
            .agent("helper", AgentDefinition::new("helps", "You help."));
        claim.validate().unwrap();
        let body = claim.request(vec!["calc".into()]).unwrap();
        assert_eq!(body["subtype"], "claim_session");
        assert_eq!(body["cwd"], "/srv/repo");
        assert_eq!(body["include_initialize"], true);
        assert_eq!(body["sdk_mcp_servers"], json!(["calc"]));
        assert_eq!(body["permission_mode"], "acceptEdits");
        assert_eq!(body["env"]["CLAUDE_CODE_HOST_SESSION_ID"], "h1");
        assert_eq!(body["additional_directories"], json!(["/srv/other"]));
        assert_eq!(body["append_system_prompt"], "extra");
        assert_eq!(body["title"], "t");
        assert_eq!(body["agents"]["helper"]["description"], "helps");
    }

    #[test]
    fn variables_read_at_start_up_and_hook_settings_are_refused_before_sending() {
        let err = ClaimOptions::new("/x")
            .env("FOO", "1")
            .validate()
            .unwrap_err();
        assert!(err.to_string().contains("`FOO`"), "{err}");
        let err = ClaimOptions::new("/x")
            .settings(json!({"hooks": {}, "model": "m"}))
            .validate()
            .unwrap_err();
        assert!(err.to_string().contains("hooks"), "{err}");
        ClaimOptions::new("/x")
            .settings(json!({"model": "m"}))
            .validate()
            .unwrap();
    }

    #[test]
    fn debug_hides_variable_values() {
        let claim = ClaimOptions::new("/x").env("CLAUDE_CODE_OAUTH_TOKEN", "sk-secret-token");
        let debug = format!("{claim:?}");
        assert!(!debug.contains("sk-secret-token"), "{debug}");
        assert!(debug.contains("CLAUDE_CODE_OAUTH_TOKEN"));
    }
}
