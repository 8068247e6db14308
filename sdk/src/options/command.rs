//! Options → the CLI's command line and environment.

use std::path::Path;

use serde_json::{Map, Value, json};

use super::{
    ClaudeAgentOptions, OutputFormat, PluginConfig, Settings, Skills, SystemPrompt, Thinking,
    ToolSet,
};
use crate::error::{Error, Result};
use crate::transport::CliCommand;

/// The value of `CLAUDE_CODE_ENTRYPOINT` unless the caller overrides it.
const ENTRYPOINT: &str = "sdk-rust";

/// Builds the command that starts the CLI at `program` for `options`.
///
/// Argument order follows the official Python SDK. The prompt is never on
/// the command line, and neither are agents (they go in `initialize`).
pub(crate) fn build_command(options: &ClaudeAgentOptions, program: &Path) -> Result<CliCommand> {
    validate(options)?;
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
    if let Some(settings) = settings_arg(options)? {
        argv.value("settings", &settings);
    }
    for dir in &options.add_dirs {
        argv.value("add-dir", &path_string(dir));
    }
    if let Some(config) = mcp_config(options) {
        argv.value("mcp-config", &config);
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
    command.env_remove.push("CLAUDECODE".into());
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
    Ok(command)
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

fn settings_arg(options: &ClaudeAgentOptions) -> Result<Option<String>> {
    let Some(sandbox) = &options.sandbox else {
        return Ok(match &options.settings {
            None => None,
            Some(Settings::File(path)) => Some(path_string(path)),
            Some(Settings::Json(json)) => Some(json.to_string()),
        });
    };
    let mut merged = match &options.settings {
        None => Map::new(),
        Some(Settings::Json(Value::Object(map))) => map.clone(),
        Some(Settings::Json(other)) => {
            return Err(Error::InvalidOptions(format!(
                "settings must be a JSON object to merge the sandbox into, got {other}"
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
    Ok(Some(Value::Object(merged).to_string()))
}

fn mcp_config(options: &ClaudeAgentOptions) -> Option<String> {
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
    Some(json!({ "mcpServers": servers }).to_string())
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
    use crate::options::{Effort, McpServerConfig, PermissionMode, SettingSource};

    fn args(options: &ClaudeAgentOptions) -> Vec<String> {
        build_command(options, Path::new("claude")).unwrap().args
    }

    #[test]
    fn defaults_match_the_official_sdks() {
        let command = build_command(&ClaudeAgentOptions::default(), Path::new("claude")).unwrap();
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
        assert_eq!(command.env_remove, ["CLAUDECODE"]);
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
        let a = args(&options);
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
        let config: Value = serde_json::from_str(&a[pos("--mcp-config") + 1]).unwrap();
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
        let command = build_command(&options, Path::new("claude")).unwrap();
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
        let a = args(&options);
        let i = a.iter().position(|x| x == "--settings").unwrap();
        let merged: Value = serde_json::from_str(&a[i + 1]).unwrap();
        assert_eq!(merged, json!({"model": "x", "sandbox": {"enabled": true}}));
    }
}
