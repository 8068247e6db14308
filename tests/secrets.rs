//! Secrets the SDK passes to the CLI (environment variables, MCP header
//! tokens, MCP server environments, settings `env`) reach their destination
//! but never the CLI's command line, `Debug` output, errors (the CLI's
//! stderr tail), the stderr callback or traces; the private files that
//! carry them do not outlive the session, and those a dead process left
//! behind are swept; a CLI started from inside a Claude Code session does
//! not inherit that session's variables.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use claude_agent_sdk::options::Settings;
use claude_agent_sdk::transport::{CliCommand, SubprocessTransport, Transport, TransportIo};
use claude_agent_sdk::{
    AgentDefinition, ClaudeClient, Error, McpServerConfig, Message, query, query_stream,
};
use claude_agent_sdk_e2e::http_mcp::HttpMcp;
use claude_agent_sdk_e2e::{Harness, is_child_of_this_process, turn};
use futures::StreamExt;
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;

const SECRET: &str = "sk-ant-api03-THIS-IS-A-SECRET-VALUE";
const HTTP_TOKEN: &str = "http-bearer-token-7f3a9c";
const STDIO_SECRET: &str = "stdio-env-secret-51e0b2";
const SETTINGS_SECRET: &str = "settings-env-secret-c48d11";
const LEAKY_SECRET: &str = "leaky-server-secret-9d27e4";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Capture {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

fn result_text(messages: &[Message]) -> String {
    claude_agent_sdk::messages::last_result(messages)
        .and_then(|r| r.result())
        .unwrap_or_default()
        .to_owned()
}

/// The command line of a process, as `ps` and every local user see it.
fn cmdline(pid: u32) -> Vec<String> {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .unwrap()
        .split(|&b| b == 0)
        .filter(|arg| !arg.is_empty())
        .map(|arg| String::from_utf8_lossy(arg).into_owned())
        .collect()
}

fn value_after(argv: &[String], flag: &str) -> PathBuf {
    let i = argv
        .iter()
        .position(|a| a == flag)
        .unwrap_or_else(|| panic!("{flag} in {argv:?}"));
    PathBuf::from(&argv[i + 1])
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn env_secrets_stay_out_of_debug_errors_and_traces() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let h = Harness::new().await;
    let options = h
        .options()
        .env("MY_SERVICE_TOKEN", SECRET)
        .allowed_tools(["Bash"])
        .build();
    assert!(!format!("{options:?}").contains(SECRET));
    assert!(!format!("{:?}", ClaudeClient::new(options.clone())).contains(SECRET));

    // The secret really reaches the CLI's environment...
    let messages = query(
        r#"CALL Bash {"command":"test \"$MY_SERVICE_TOKEN\" = sk-ant-api03-THIS-IS-A-SECRET-VALUE && echo present","description":"check"}"#,
        options.clone(),
    )
    .await
    .unwrap();
    assert_eq!(result_text(&messages), "DONE present");

    // ...but not the errors...
    let failing = options
        .to_builder()
        .extra_arg("not-a-real-flag", None)
        .build();
    let err = query("SAY x", failing).await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains(SECRET));

    // ...nor the traces, at every level.
    let traces = capture.text();
    assert!(
        traces.contains("starting the Claude Code CLI"),
        "tracing is on"
    );
    assert!(
        traces.contains("MY_SERVICE_TOKEN"),
        "the variable's name may show"
    );
    assert!(
        !traces.contains(SECRET),
        "the secret leaked into the traces"
    );
}

#[test]
fn debug_output_hides_every_secret_bearing_field() {
    let mut agent = AgentDefinition::new("Helps", "You help.");
    agent.mcp_servers = Some(vec![json!({
        "x": {"type": "http", "url": "http://h", "headers": {"Authorization": SECRET}}
    })]);
    let options = claude_agent_sdk::ClaudeAgentOptions::builder()
        .mcp_server_config(
            "remote",
            McpServerConfig::http(format!("https://u:{SECRET}@h/mcp?key={SECRET}"))
                .header("Authorization", format!("Bearer {HTTP_TOKEN}")),
        )
        .mcp_server_config(
            "local",
            McpServerConfig::stdio("server").env("API_KEY", STDIO_SECRET),
        )
        .mcp_server_config(
            "raw",
            McpServerConfig::Raw(
                json!({"type": "sse", "url": "http://h", "headers": {"X-Key": SECRET}}),
            ),
        )
        .settings(Settings::Json(
            json!({"env": {"DB_PASSWORD": SETTINGS_SECRET}, "apiKeyHelper": SECRET}),
        ))
        .agent_definition("helper", agent)
        .build();
    let builder = options.to_builder();
    let client = ClaudeClient::new(options.clone());
    let configs = [
        McpServerConfig::http(format!("https://u:{SECRET}@h/mcp?key={SECRET}"))
            .header("Authorization", format!("Bearer {HTTP_TOKEN}")),
        McpServerConfig::stdio("server").env("API_KEY", STDIO_SECRET),
    ];
    let settings = Settings::Json(json!({"env": {"DB_PASSWORD": SETTINGS_SECRET}}));
    let shown = [
        format!("{configs:?} {settings:?}"),
        format!("{options:?}"),
        format!("{options:#?}"),
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{:?}", options.agents()),
    ];
    for text in &shown {
        for secret in [SECRET, HTTP_TOKEN, STDIO_SECRET, SETTINGS_SECRET] {
            assert!(!text.contains(secret), "{secret} shown in {text}");
        }
    }
    // What the configuration is stays visible.
    for text in &shown[..2] {
        assert!(text.contains("Authorization") && text.contains("DB_PASSWORD"));
        assert!(text.contains("API_KEY") && text.contains("\"server\""));
    }
}

async fn secrets_reach_their_destination_but_never_the_command_line(h: Harness) {
    let http = HttpMcp::start(HTTP_TOKEN).await;
    let options = h
        .options()
        .mcp_server_config(
            "remote",
            McpServerConfig::http(&http.url)
                .header("Authorization", format!("Bearer {HTTP_TOKEN}")),
        )
        .mcp_server_config(
            "envecho",
            McpServerConfig::stdio(env!("CARGO_BIN_EXE_mcp-env-echo"))
                .env("ECHO_SECRET", STDIO_SECRET),
        )
        .settings(Settings::Json(
            json!({"env": {"SETTINGS_SECRET": SETTINGS_SECRET}}),
        ))
        .allowed_tools(["Bash", "mcp__envecho__read_env", "mcp__remote__whoami"])
        .build();
    let mut client = ClaudeClient::new(options);
    client.connect().await.unwrap();
    let pid = client.pid().unwrap();

    // What every local user can read.
    let argv = cmdline(pid);
    let line = argv.join(" ");
    for secret in [HTTP_TOKEN, STDIO_SECRET, SETTINGS_SECRET] {
        assert!(
            !line.contains(secret),
            "{secret} on the command line: {line}"
        );
    }
    // The flags name private files. The MCP configuration was read before
    // `initialize` was answered and is gone; the settings stay until the
    // CLI exits (CLI 2.1.197 reads them again when settings change).
    let mcp_config = value_after(&argv, "--mcp-config");
    let settings = value_after(&argv, "--settings");
    assert!(
        !mcp_config.exists(),
        "{} outlived `initialize`",
        mcp_config.display()
    );
    assert!(settings.is_file(), "{}", settings.display());
    #[cfg(unix)]
    {
        assert_eq!(mode(&settings), 0o600);
        assert_eq!(mode(settings.parent().unwrap()), 0o700);
    }

    // Each secret reaches its destination.
    let echoed = turn(
        &client,
        r#"CALL mcp__envecho__read_env {"name":"ECHO_SECRET"}"#,
    )
    .await;
    assert_eq!(result_text(&echoed), format!("DONE {STDIO_SECRET}"));
    let printed = turn(
        &client,
        r#"CALL Bash {"command":"echo $SETTINGS_SECRET","description":"print"}"#,
    )
    .await;
    assert_eq!(result_text(&printed), format!("DONE {SETTINGS_SECRET}"));
    let whoami = turn(&client, r#"CALL mcp__remote__whoami {}"#).await;
    assert_eq!(result_text(&whoami), "DONE authorized");
    assert!(
        http.authorizations()
            .contains(&format!("Bearer {HTTP_TOKEN}")),
        "{:?}",
        http.authorizations()
    );

    client.disconnect().await.unwrap();
    assert!(
        !settings.parent().unwrap().exists(),
        "{} outlived the session",
        settings.display()
    );
}

#[tokio::test]
async fn mcp_and_settings_secrets_reach_their_destination_but_never_the_command_line() {
    secrets_reach_their_destination_but_never_the_command_line(Harness::new().await).await;
}

#[tokio::test]
async fn mcp_and_settings_secrets_stay_off_the_command_line_of_cli_2_1_197() {
    secrets_reach_their_destination_but_never_the_command_line(
        Harness::with_version("2.1.197").await,
    )
    .await;
}

/// Runs the real CLI and remembers its pid at once.
#[derive(Default)]
struct PidOf {
    pid: Arc<AtomicU32>,
}

#[claude_agent_sdk::async_trait]
impl Transport for PidOf {
    async fn start(&self, command: &CliCommand) -> claude_agent_sdk::Result<TransportIo> {
        let io = SubprocessTransport::new().start(command).await?;
        self.pid
            .store(io.process.id().expect("a pid"), Ordering::SeqCst);
        Ok(io)
    }
}

/// SIGKILLs `pid` if it is still a child of this process.
fn crash(pid: u32) {
    if pid != 0 && is_child_of_this_process(pid) {
        let _ = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status();
    }
}

#[tokio::test]
async fn secrets_the_cli_writes_to_stderr_are_redacted_in_the_callback_errors_and_traces() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let h = Harness::new().await;
    let transport = Arc::new(PidOf::default());
    let pid = transport.pid.clone();
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let lines = seen.clone();
    // A stdio MCP server that prints its secret and fails; in debug mode
    // the CLI copies the server's stderr to its own. The CLI is then made
    // to crash at once, so that the line is in the tail of the error.
    let options = h
        .options()
        .transport(transport)
        .mcp_server_config(
            "leaky",
            McpServerConfig::stdio("sh")
                .args(["-c", "echo \"leaked: $LEAKY_TOKEN\" >&2; exit 3"])
                .env("LEAKY_TOKEN", LEAKY_SECRET),
        )
        .extra_arg("debug-to-stderr", None)
        .stderr(move |line| {
            let leaked = line.contains("leaked:");
            lines.lock().unwrap().push(line.to_owned());
            if leaked {
                crash(pid.load(Ordering::SeqCst));
            }
        })
        .build();
    // The crash comes before or after the CLI answers `initialize`.
    let error = match query_stream("SLOW 60000 SAY too late", options).await {
        Err(err) => Some(err),
        Ok(mut stream) => {
            let mut error = None;
            while let Some(item) = stream.next().await {
                if let Err(err) = item {
                    error = Some(err);
                }
            }
            error
        }
    };

    let lines = seen.lock().unwrap().clone();
    let leaked: Vec<&String> = lines.iter().filter(|l| l.contains("leaked:")).collect();
    assert!(!leaked.is_empty(), "the CLI printed the server's stderr");
    for line in &leaked {
        assert!(!line.contains(LEAKY_SECRET), "callback got: {line}");
        assert!(line.contains("leaked: [redacted]"), "{line}");
    }
    let err = error.expect("the crash is an error");
    assert!(matches!(err, Error::ProcessExited { .. }), "{err:?}");
    let tail = err.stderr_tail().unwrap();
    assert!(tail.contains("leaked: [redacted]"), "{tail}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(LEAKY_SECRET), "{shown}");
    assert!(!capture.text().contains(LEAKY_SECRET), "the traces");
}

/// A private directory named like the SDK's, owned by a process that is
/// gone.
fn stale_secret_dir() -> PathBuf {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let dir = std::env::temp_dir().join(format!("claude-agent-sdk-{dead}-secretstest"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("settings.json"), SETTINGS_SECRET).unwrap();
    dir
}

#[tokio::test]
async fn private_files_go_with_the_session_and_stale_ones_are_swept() {
    let h = Harness::new().await;
    let stale = stale_secret_dir();
    let options = h
        .options()
        .mcp_server_config(
            "envecho",
            McpServerConfig::stdio(env!("CARGO_BIN_EXE_mcp-env-echo"))
                .env("ECHO_SECRET", STDIO_SECRET),
        )
        .settings(Settings::Json(
            json!({"env": {"SETTINGS_SECRET": SETTINGS_SECRET}}),
        ))
        .build();
    let mut stream = query_stream("SAY done", options).await.unwrap();
    let argv = cmdline(stream.pid().unwrap());
    assert!(
        !stale.exists(),
        "a dead process's directory is swept at the next start"
    );
    let settings = value_after(&argv, "--settings");
    assert!(
        settings.is_file(),
        "--settings names a private file: {}",
        settings.display()
    );
    let mut messages = Vec::new();
    while let Some(message) = stream.next().await {
        messages.push(message.unwrap());
    }
    assert_eq!(result_text(&messages), "done");
    for path in [value_after(&argv, "--mcp-config"), settings] {
        let dir = path.parent().unwrap();
        assert!(!dir.exists(), "{} outlived the session", dir.display());
    }
}

#[tokio::test]
async fn a_cli_started_inside_a_claude_code_session_does_not_join_it() {
    let h = Harness::new().await;
    let parent = [
        ("CLAUDECODE", "1"),
        ("CLAUDE_CODE_ENTRYPOINT", "cli"),
        ("CLAUDE_CODE_SESSION_ID", "parent-session"),
        ("CLAUDE_CODE_CHILD_SESSION", "1"),
        ("CLAUDE_CODE_SSE_PORT", "1"),
        ("CLAUDE_PID", "1"),
        ("CLAUDE_JOB_DIR", "/nonexistent/parent-job"),
        ("CLAUDE_CODE_TASK_LIST_ID", "parent-tasks"),
    ];
    let probe = |inherit: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_parent-env-probe"));
        command
            .env("CLAUDE_CLI_PATH", &h.cli)
            .envs(parent)
            .stderr(std::process::Stdio::inherit());
        if inherit {
            command.arg("--inherit");
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "the probe failed");
        serde_json::from_slice::<std::collections::BTreeMap<String, String>>(&output.stdout)
            .unwrap()
    };

    let seen = probe(false);
    let expected: std::collections::BTreeMap<String, String> = [
        ("CLAUDE_CODE_ENTRYPOINT", "sdk-rust"),
        // Set with `.env()`: passed, whatever is inherited.
        ("CLAUDE_CODE_TASK_LIST_ID", "set-with-env"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(seen, expected, "the CLI inherited the parent's session");

    let kept = probe(true);
    for (key, value) in parent {
        let expected = match key {
            "CLAUDECODE" => None,
            "CLAUDE_CODE_ENTRYPOINT" => Some("sdk-rust"),
            "CLAUDE_CODE_TASK_LIST_ID" => Some("set-with-env"),
            _ => Some(value),
        };
        assert_eq!(kept.get(key).map(String::as_str), expected, "{key}");
    }
}
