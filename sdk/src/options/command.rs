//! Options → the CLI's command line and environment.

use std::path::Path;

use serde_json::{Map, Value, json};

use super::parent_env::{ALWAYS_REMOVED, PARENT_SESSION_VARS};
use super::secret_files::{Needed, Owner, SecretFiles};
use super::{
    ClaudeAgentOptions, OutputFormat, PluginConfig, Settings, Skills, SystemPrompt, Thinking,
    ToolSet,
};
use crate::error::{Error, Result};
use crate::redact::{Redactor, secret_values};
use crate::transport::CliCommand;

/// The value of `CLAUDE_CODE_ENTRYPOINT` unless the caller overrides it.
const ENTRYPOINT: &str = "sdk-rust";

/// What starting the CLI takes: its command, the private files the command
/// names, and the redactor for what it writes to stderr.
#[derive(Debug)]
pub(crate) struct Launch {
    /// The command.
    pub(crate) command: CliCommand,
    /// The files holding `--mcp-config` and `--settings` (none when the
    /// transport does not share this machine's files).
    pub(crate) files: SecretFiles,
    /// The secret values the command passes.
    pub(crate) redactor: Redactor,
}

/// Builds the command that starts the CLI at `program` for `options`.
///
/// Argument order follows the official Python SDK. The prompt is never on
/// the command line, and neither are agents (they go in `initialize`). The
/// JSON of `--mcp-config` and `--settings` (MCP headers and environments,
/// settings `env`) is written to private files whose paths are passed
/// instead, unless a custom transport that does not share this machine's
/// files starts the CLI.
pub(crate) fn build_command(options: &ClaudeAgentOptions, program: &Path) -> Result<Launch> {
    validate(options)?;
    let mut secrets = SecretArgs {
        files: SecretFiles::default(),
        in_files: options
            .transport
            .as_ref()
            .is_none_or(|transport| transport.shares_filesystem()),
        values: options.env.iter().map(|(_, value)| value.clone()).collect(),
        owner: None,
    };
    #[cfg(unix)]
    if secrets.in_files
        && let Some(user) = &options.user
    {
        let (uid, gid) = crate::transport::user_ids(user)?;
        secrets.owner = Some(Owner { uid, gid });
    }
    let mut argv = Argv(Vec::with_capacity(24));
    argv.value("output-format", "stream-json");
    argv.flag("verbose");

    match &options.system_prompt {
        SystemPrompt::Empty => argv.value("system-prompt", ""),
        SystemPrompt::Text(text) => argv.value("system-prompt", text),
        SystemPrompt::File(path) => argv.value("system-prompt-file", &path_string(path)),
        SystemPrompt::ClaudeCode { append, .. } => {
            if let Some(append) = append {
                argv.value("append-system-prompt", append);
            }
        }
    }
    if let Some(tools) = &options.tools {
        match tools {
            ToolSet::List(list) => argv.value("tools", &list.join(",")),
            ToolSet::ClaudeCode => argv.value("tools", "default"),
        }
    }
    let allowed = allowed_tools(options);
    if !allowed.is_empty() {
        argv.value("allowedTools", &allowed.join(","));
    }
    if let Some(turns) = options.max_turns {
        argv.value("max-turns", &turns.to_string());
    }
    if let Some(usd) = options.max_budget_usd {
        argv.value("max-budget-usd", &usd.to_string());
    }
    if !options.disallowed_tools.is_empty() {
        argv.value("disallowedTools", &options.disallowed_tools.join(","));
    }
    if let Some(tokens) = options.task_budget {
        argv.value("task-budget", &tokens.to_string());
    }
    if let Some(model) = &options.model {
        argv.value("model", model);
    }
    if let Some(model) = &options.fallback_model {
        argv.value("fallback-model", model);
    }
    if let Some(agent) = &options.main_agent {
        argv.value("agent", agent);
    }
    if !options.betas.is_empty() {
        argv.value("betas", &options.betas.join(","));
    }
    if let Some(tool) = permission_prompt_tool(options) {
        argv.value("permission-prompt-tool", &tool);
    }
    if let Some(mode) = &options.permission_mode {
        argv.value("permission-mode", mode.as_str());
    }
    if options.allow_dangerously_skip_permissions {
        argv.flag("allow-dangerously-skip-permissions");
    }
    if options.continue_conversation {
        argv.flag("continue");
    }
    if let Some(resume) = &options.resume {
        argv.equals("resume", resume);
    }
    if let Some(id) = &options.session_id {
        argv.equals("session-id", id);
    }
    match settings_arg(options)? {
        None => {}
        Some(SettingsArg::Path(path)) => argv.value("settings", &path),
        Some(SettingsArg::Json(json)) => {
            let arg = secrets.pass("--settings", Needed::UntilExit, "settings.json", &json)?;
            argv.value("settings", &arg);
        }
    }
    for dir in &options.add_dirs {
        argv.value("add-dir", &path_string(dir));
    }
    if let Some(config) = mcp_config(options) {
        let arg = secrets.pass(
            "--mcp-config",
            Needed::UntilInitialized,
            "mcp-config.json",
            &config,
        )?;
        argv.value("mcp-config", &arg);
    }
    if options.include_partial_messages {
        argv.flag("include-partial-messages");
    }
    if options.include_hook_events {
        argv.flag("include-hook-events");
    }
    if options.strict_mcp_config {
        argv.flag("strict-mcp-config");
    }
    if options.fork_session {
        argv.flag("fork-session");
    }
    if !options.persist_session {
        argv.flag("no-session-persistence");
    }
    if options.replay_user_messages {
        argv.flag("replay-user-messages");
    }
    if let Some(at) = &options.resume_session_at {
        argv.equals("resume-session-at", at);
    }
    if let Some(sources) = setting_sources(options) {
        argv.equals("setting-sources", &sources);
    }
    for PluginConfig::Local(path) in &options.plugins {
        argv.value("plugin-dir", &path_string(path));
    }
    for (name, value) in &options.extra_args {
        match value {
            None => argv.flag(name),
            Some(value) if value.starts_with('-') => argv.equals(name, value),
            Some(value) => argv.value(name, value),
        }
    }
    match &options.thinking {
        Some(Thinking::Adaptive { display }) => {
            argv.value("thinking", "adaptive");
            if let Some(display) = display {
                argv.value("thinking-display", display.as_str());
            }
        }
        Some(Thinking::Enabled {
            budget_tokens,
            display,
        }) => {
            argv.value("max-thinking-tokens", &budget_tokens.to_string());
            if let Some(display) = display {
                argv.value("thinking-display", display.as_str());
            }
        }
        Some(Thinking::Disabled) => argv.value("thinking", "disabled"),
        None => {
            if let Some(tokens) = options.max_thinking_tokens {
                argv.value("max-thinking-tokens", &tokens.to_string());
            }
        }
    }
    if let Some(effort) = &options.effort {
        argv.value("effort", effort.as_str());
    }
    if let Some(OutputFormat::JsonSchema(schema)) = &options.output_format {
        argv.value("json-schema", &schema.to_string());
    }
    argv.value("input-format", "stream-json");
    let args = argv.0;

    let mut command = CliCommand::new(program).with_args(args);
    if options.inherit_parent_session_env {
        command.env_remove.push(ALWAYS_REMOVED.into());
    } else {
        command
            .env_remove
            .extend(PARENT_SESSION_VARS.iter().map(|&key| key.to_owned()));
    }
    command.set_env("CLAUDE_CODE_ENTRYPOINT", ENTRYPOINT);
    for (key, value) in &options.env {
        command.set_env(key.clone(), value.clone());
    }
    command.set_env("CLAUDE_AGENT_SDK_VERSION", env!("CARGO_PKG_VERSION"));
    // Session-state frames tell the SDK when a run is really over (background
    // agents included). Newer CLIs read the first variable, older ones the
    // second; both are harmless where unknown.
    if command
        .env_value("CLAUDE_CODE_SDK_READS_SESSION_STATE")
        .is_none()
    {
        command.set_env("CLAUDE_CODE_SDK_READS_SESSION_STATE", "1");
    }
    if command
        .env_value("CLAUDE_CODE_EMIT_SESSION_STATE_EVENTS")
        .is_none()
    {
        command.set_env("CLAUDE_CODE_EMIT_SESSION_STATE_EVENTS", "1");
    }
    if options.enable_file_checkpointing {
        command.set_env("CLAUDE_CODE_ENABLE_SDK_FILE_CHECKPOINTING", "true");
    }
    if let Some(app) = &options.client_app {
        command.set_env("CLAUDE_AGENT_SDK_CLIENT_APP", app.clone());
    }
    if let Some(cwd) = &options.cwd {
        command.set_env("PWD", path_string(cwd));
        command.cwd = Some(cwd.clone());
    }
    command.user.clone_from(&options.user);
    // What the command sets is passed, whatever it inherits.
    let set: std::collections::HashSet<String> =
        command.env.iter().map(|(key, _)| key.clone()).collect();
    command.env_remove.retain(|key| !set.contains(key));
    // Agents' inline MCP servers travel in `initialize`, not on argv, but
    // their values may still show up on stderr.
    let mut values = secrets.values;
    for agent in options.agents.values() {
        for server in agent.mcp_servers.iter().flatten() {
            secret_values(server, &mut values);
        }
    }
    Ok(Launch {
        command,
        files: secrets.files,
        redactor: Redactor::new(&values),
    })
}

/// How the secret-bearing JSON arguments are passed, and their values.
struct SecretArgs {
    files: SecretFiles,
    /// In private files (else inline, for a transport that runs the CLI
    /// elsewhere).
    in_files: bool,
    /// Every secret value passed to the CLI, for redaction.
    values: Vec<String>,
    /// The user the CLI runs as, when it is not this process's.
    owner: Option<Owner>,
}

impl SecretArgs {
    /// The argument for `json`: the path of a private file holding it, or
    /// the JSON itself.
    fn pass(&mut self, flag: &str, needed: Needed, file: &str, json: &Value) -> Result<String> {
        secret_values(json, &mut self.values);
        let text = json.to_string();
        if !self.in_files {
            return Ok(text);
        }
        let path = self
            .files
            .write(needed, file, &text, self.owner)
            .map_err(|source| Error::SecretFile {
                flag: flag.to_owned(),
                dir: std::env::temp_dir(),
                source,
            })?;
        Ok(path_string(&path))
    }
}

fn validate(options: &ClaudeAgentOptions) -> Result<()> {
    if options.handlers.can_use_tool.is_some() && options.permission_prompt_tool_name.is_some() {
        return Err(Error::InvalidOptions(
            "`can_use_tool` and `permission_prompt_tool_name` cannot be combined: the callback \
             answers permission prompts itself"
                .into(),
        ));
    }
    if let Some(Skills::Only(names)) = &options.skills {
        for name in names {
            let bad = name.trim() != name
                || name.is_empty()
                || name.starts_with('/')
                || name.chars().any(|c| c.is_control() || "(),*".contains(c));
            if bad {
                return Err(Error::InvalidOptions(format!(
                    "invalid skill name {name:?}"
                )));
            }
        }
    }
    if let Some(id) = &options.session_id
        && (id.starts_with('-') || id.contains(char::is_whitespace))
    {
        return Err(Error::InvalidOptions(format!("invalid session id {id:?}")));
    }
    Ok(())
}

fn allowed_tools(options: &ClaudeAgentOptions) -> Vec<String> {
    let mut allowed = options.allowed_tools.clone();
    match &options.skills {
        Some(Skills::All) => allowed.push("Skill".into()),
        Some(Skills::Only(names)) => allowed.extend(names.iter().map(|n| format!("Skill({n})"))),
        None => {}
    }
    let mut seen = std::collections::HashSet::new();
    allowed.retain(|t| seen.insert(t.clone()));
    allowed
}

fn permission_prompt_tool(options: &ClaudeAgentOptions) -> Option<String> {
    if options.handlers.can_use_tool.is_some() {
        return Some("stdio".into());
    }
    options.permission_prompt_tool_name.clone()
}

fn setting_sources(options: &ClaudeAgentOptions) -> Option<String> {
    let joined = |sources: &[super::SettingSource]| {
        sources
            .iter()
            .map(super::SettingSource::as_str)
            .collect::<Vec<_>>()
            .join(",")
    };
    match (&options.setting_sources, &options.skills) {
        (Some(sources), _) => Some(joined(sources)),
        // Skills live in user and project settings: load those when skills
        // are asked for and the caller did not choose.
        (None, Some(_)) => Some("user,project".into()),
        (None, None) => None,
    }
}

/// The value of `--settings`.
enum SettingsArg {
    /// The caller's own settings file.
    Path(String),
    /// Settings JSON (may hold secrets in `env`).
    Json(Value),
}

fn settings_arg(options: &ClaudeAgentOptions) -> Result<Option<SettingsArg>> {
    let Some(sandbox) = &options.sandbox else {
        return Ok(match &options.settings {
            None => None,
            Some(Settings::File(path)) => Some(SettingsArg::Path(path_string(path))),
            Some(Settings::Json(json)) => Some(SettingsArg::Json(json.clone())),
        });
    };
    let mut merged = match &options.settings {
        None => Map::new(),
        Some(Settings::Json(Value::Object(map))) => map.clone(),
        Some(Settings::Json(other)) => {
            // Not the value itself: it may be a secret.
            return Err(Error::InvalidOptions(format!(
                "settings must be a JSON object to merge the sandbox into, got {}",
                json_kind(other)
            )));
        }
        Some(Settings::File(path)) => {
            let path = match &options.cwd {
                Some(cwd) if path.is_relative() => cwd.join(path),
                _ => path.clone(),
            };
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::InvalidOptions(format!("cannot read settings {}: {e}", path.display()))
            })?;
            let text = text.trim_start_matches('\u{feff}');
            match serde_json::from_str(text) {
                Ok(Value::Object(map)) => map,
                _ => {
                    return Err(Error::InvalidOptions(format!(
                        "settings file {} is not a JSON object",
                        path.display()
                    )));
                }
            }
        }
    };
    merged.insert("sandbox".into(), sandbox.clone());
    Ok(Some(SettingsArg::Json(Value::Object(merged))))
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn mcp_config(options: &ClaudeAgentOptions) -> Option<Value> {
    let mut servers = Map::new();
    for (name, config) in &options.mcp_servers {
        servers.insert(name.clone(), config.to_value());
    }
    for name in options.handlers.sdk_server_names() {
        servers.insert(name.clone(), json!({"type": "sdk", "name": name}));
    }
    if servers.is_empty() {
        return None;
    }
    Some(json!({ "mcpServers": servers }))
}

/// The CLI's argument list under construction.
struct Argv(Vec<String>);

impl Argv {
    /// `--name`
    fn flag(&mut self, name: &str) {
        self.0.push(format!("--{name}"));
    }

    /// `--name value`
    fn value(&mut self, name: &str, value: &str) {
        self.0.push(format!("--{name}"));
        self.0.push(value.to_owned());
    }

    /// `--name=value`: a value that starts with `-` cannot be mistaken for a
    /// flag.
    fn equals(&mut self, name: &str, value: &str) {
        self.0.push(format!("--{name}={value}"));
    }
}

fn path_string(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{
        ClaudeAgentOptionsBuilder, Effort, McpServerConfig, PermissionMode, SettingSource,
    };

    fn launch(options: &ClaudeAgentOptions) -> Launch {
        build_command(options, Path::new("claude")).unwrap()
    }

    fn args(options: &ClaudeAgentOptions) -> Vec<String> {
        launch(options).command.args
    }

    /// The JSON a flag passes: read from its private file.
    fn flag_json(launch: &Launch, flag: &str) -> Value {
        let a = &launch.command.args;
        let i = a.iter().position(|x| x == flag).unwrap();
        let text = std::fs::read_to_string(&a[i + 1])
            .unwrap_or_else(|e| panic!("{flag} {} is not a readable file: {e}", a[i + 1]));
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn defaults_match_the_official_sdks() {
        let command = launch(&ClaudeAgentOptions::default()).command;
        assert_eq!(
            command.args,
            [
                "--output-format",
                "stream-json",
                "--verbose",
                "--system-prompt",
                "",
                "--input-format",
                "stream-json"
            ]
        );
        assert_eq!(
            command.env_value("CLAUDE_CODE_ENTRYPOINT"),
            Some("sdk-rust")
        );
        assert_eq!(
            command.env_value("CLAUDE_CODE_SDK_READS_SESSION_STATE"),
            Some("1")
        );
        assert_eq!(
            command.env_value("CLAUDE_AGENT_SDK_VERSION"),
            Some(env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(command.env_remove.len(), PARENT_SESSION_VARS.len() - 1);
        assert!(command.env_remove.iter().any(|k| k == "CLAUDECODE"));
        assert!(
            command
                .env_remove
                .iter()
                .any(|k| k == "CLAUDE_CODE_SSE_PORT")
        );
        // Set by the SDK, so not removed.
        assert!(
            !command
                .env_remove
                .iter()
                .any(|k| k == "CLAUDE_CODE_ENTRYPOINT")
        );
    }

    #[test]
    fn maps_common_options_in_order() {
        let options = ClaudeAgentOptions::builder()
            .model("claude-sonnet-4-5")
            .max_turns(3)
            .allowed_tools(["Bash", "Read"])
            .disallowed_tools(["WebFetch"])
            .permission_mode(PermissionMode::AcceptEdits)
            .resume("-abc")
            .setting_sources([SettingSource::Project])
            .effort(Effort::High)
            .thinking(Thinking::enabled(2048))
            .include_partial_messages(true)
            .mcp_server_config("fs", McpServerConfig::stdio("fs-server"))
            .extra_arg("debug-file", Some("/tmp/x"))
            .json_schema(json!({"type": "object"}))
            .build();
        let launch = launch(&options);
        let a = &launch.command.args;
        let pos = |s: &str| {
            a.iter()
                .position(|x| x == s)
                .unwrap_or_else(|| panic!("{s} in {a:?}"))
        };
        assert_eq!(a[pos("--model") + 1], "claude-sonnet-4-5");
        assert_eq!(a[pos("--max-turns") + 1], "3");
        assert_eq!(a[pos("--allowedTools") + 1], "Bash,Read");
        assert_eq!(a[pos("--disallowedTools") + 1], "WebFetch");
        assert_eq!(a[pos("--permission-mode") + 1], "acceptEdits");
        assert!(a.contains(&"--resume=-abc".to_owned()));
        assert!(a.contains(&"--setting-sources=project".to_owned()));
        assert_eq!(a[pos("--effort") + 1], "high");
        assert_eq!(a[pos("--max-thinking-tokens") + 1], "2048");
        assert!(a.contains(&"--include-partial-messages".to_owned()));
        assert_eq!(a[pos("--debug-file") + 1], "/tmp/x");
        assert_eq!(a[pos("--json-schema") + 1], r#"{"type":"object"}"#);
        let config = flag_json(&launch, "--mcp-config");
        assert_eq!(config["mcpServers"]["fs"]["command"], "fs-server");
        assert_eq!(a[a.len() - 2..], ["--input-format", "stream-json"]);
        assert!(pos("--model") < pos("--permission-mode"));
    }

    #[test]
    fn env_is_extended_and_may_override_the_entrypoint() {
        let options = ClaudeAgentOptions::builder()
            .env("CLAUDE_CODE_ENTRYPOINT", "my-app")
            .env("FOO", "bar")
            .cwd("/tmp")
            .enable_file_checkpointing(true)
            .build();
        let command = launch(&options).command;
        assert_eq!(command.env_value("CLAUDE_CODE_ENTRYPOINT"), Some("my-app"));
        assert_eq!(command.env_value("FOO"), Some("bar"));
        assert_eq!(command.env_value("PWD"), Some("/tmp"));
        assert_eq!(
            command.env_value("CLAUDE_CODE_ENABLE_SDK_FILE_CHECKPOINTING"),
            Some("true")
        );
    }

    #[test]
    fn subagents_stay_off_the_command_line_and_main_agent_is_agent() {
        let options = ClaudeAgentOptions::builder()
            .agent_definition(
                "reviewer",
                crate::AgentDefinition::new("Reviews", "You review."),
            )
            .main_agent("reviewer")
            .build();
        let argv = args(&options);
        let at = argv.iter().position(|a| a == "--agent").unwrap();
        assert_eq!(argv[at + 1], "reviewer");
        assert!(!argv.iter().any(|a| a.contains("You review.")));
        let plain = args(
            &ClaudeAgentOptions::builder()
                .agent_definition(
                    "reviewer",
                    crate::AgentDefinition::new("Reviews", "You review."),
                )
                .build(),
        );
        assert!(!plain.iter().any(|a| a == "--agent" || a == "--agents"));
    }

    #[test]
    fn system_prompt_variants() {
        let text = args(
            &ClaudeAgentOptions::builder()
                .system_prompt("be brief")
                .build(),
        );
        assert!(
            text.windows(2)
                .any(|w| w == ["--system-prompt", "be brief"])
        );
        let preset = args(
            &ClaudeAgentOptions::builder()
                .system_prompt(SystemPrompt::claude_code())
                .build(),
        );
        assert!(!preset.iter().any(|a| a.contains("system-prompt")));
        let appended = args(
            &ClaudeAgentOptions::builder()
                .append_system_prompt("extra")
                .build(),
        );
        assert!(
            appended
                .windows(2)
                .any(|w| w == ["--append-system-prompt", "extra"])
        );
    }

    #[test]
    fn skills_add_allow_rules_and_setting_sources() {
        let options = ClaudeAgentOptions::builder()
            .skills(Skills::Only(vec!["pdf".into()]))
            .allowed_tools(["Read"])
            .build();
        let a = args(&options);
        assert!(
            a.windows(2)
                .any(|w| w == ["--allowedTools", "Read,Skill(pdf)"])
        );
        assert!(a.contains(&"--setting-sources=user,project".to_owned()));
        let bad = ClaudeAgentOptions::builder()
            .skills(Skills::Only(vec!["a,b".into()]))
            .build();
        assert!(build_command(&bad, Path::new("claude")).is_err());
    }

    #[test]
    fn sandbox_is_merged_into_settings() {
        let options = ClaudeAgentOptions::builder()
            .settings(Settings::Json(json!({"model": "x"})))
            .sandbox(json!({"enabled": true}))
            .build();
        let merged = flag_json(&launch(&options), "--settings");
        assert_eq!(merged, json!({"model": "x", "sandbox": {"enabled": true}}));
    }

    const SECRETS: [&str; 4] = [
        "env-secret-0001",
        "Bearer header-secret-0002",
        "stdio-secret-0003",
        "settings-secret-0004",
    ];

    fn options_with_secrets() -> ClaudeAgentOptionsBuilder {
        ClaudeAgentOptions::builder()
            .env("MY_TOKEN", SECRETS[0])
            .mcp_server_config(
                "remote",
                McpServerConfig::http("http://127.0.0.1:1/mcp").header("Authorization", SECRETS[1]),
            )
            .mcp_server_config(
                "local",
                McpServerConfig::stdio("server").env("API_KEY", SECRETS[2]),
            )
            .settings(Settings::Json(json!({"env": {"DB_PASSWORD": SECRETS[3]}})))
    }

    #[test]
    fn secrets_go_in_private_files_not_on_the_command_line() {
        let launch = launch(&options_with_secrets().build());
        let argv = launch.command.args.join(" ");
        for secret in &SECRETS[1..] {
            assert!(
                !argv.contains(secret),
                "{secret} on the command line: {argv}"
            );
        }
        let config = flag_json(&launch, "--mcp-config");
        assert_eq!(
            config["mcpServers"]["remote"]["headers"]["Authorization"],
            SECRETS[1]
        );
        assert_eq!(config["mcpServers"]["local"]["env"]["API_KEY"], SECRETS[2]);
        let settings = flag_json(&launch, "--settings");
        assert_eq!(settings["env"]["DB_PASSWORD"], SECRETS[3]);
        // `--mcp-config` is needed until `initialize` is answered,
        // `--settings` until the CLI exits.
        let startup = launch.files.startup.as_ref().unwrap().path().to_path_buf();
        let session = launch.files.session.as_ref().unwrap().path().to_path_buf();
        assert_ne!(startup, session);
        #[cfg(unix)]
        for dir in [&startup, &session] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", dir.display());
        }
        drop(launch.files);
        assert!(!startup.exists() && !session.exists());
    }

    #[test]
    fn the_redactor_knows_every_secret_passed() {
        let launch = launch(&options_with_secrets().build());
        let line = format!("oops: {}", SECRETS.join(" | "));
        assert_eq!(
            launch.redactor.redact(&line),
            "oops: [redacted] | [redacted] | [redacted] | [redacted]"
        );
    }

    /// A transport that runs the CLI elsewhere.
    struct Remote;

    #[async_trait::async_trait]
    impl crate::transport::Transport for Remote {
        async fn start(&self, _: &CliCommand) -> Result<crate::transport::TransportIo> {
            Err(Error::NotConnected("remote".into()))
        }
    }

    #[test]
    fn a_transport_that_does_not_share_files_gets_the_json() {
        let options = options_with_secrets()
            .transport(std::sync::Arc::new(Remote))
            .build();
        let launch = launch(&options);
        let a = &launch.command.args;
        let i = a.iter().position(|x| x == "--mcp-config").unwrap();
        let config: Value = serde_json::from_str(&a[i + 1]).unwrap();
        assert_eq!(config["mcpServers"]["local"]["env"]["API_KEY"], SECRETS[2]);
        assert!(launch.files.dirs().next().is_none());
    }

    #[test]
    fn parent_session_variables_are_dropped_unless_kept_or_set() {
        let dropped = launch(
            &ClaudeAgentOptions::builder()
                .env("CLAUDE_CODE_TASK_LIST_ID", "mine")
                .build(),
        )
        .command;
        assert!(
            dropped
                .env_remove
                .iter()
                .any(|k| k == "CLAUDE_CODE_SESSION_ID")
        );
        assert!(
            !dropped
                .env_remove
                .iter()
                .any(|k| k == "CLAUDE_CODE_TASK_LIST_ID")
        );
        assert_eq!(dropped.env_value("CLAUDE_CODE_TASK_LIST_ID"), Some("mine"));

        let kept = launch(
            &ClaudeAgentOptions::builder()
                .inherit_parent_session_env(true)
                .build(),
        )
        .command;
        assert_eq!(kept.env_remove, ["CLAUDECODE"]);
    }
}
