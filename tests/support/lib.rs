//! Shared set-up for the end-to-end tests: the real Claude Code CLI against
//! the SDK's scripted model server, in a scratch home and working directory.

pub mod http_mcp;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use claude_agent_sdk::testing::{self, CliEnv, ScriptedModel};
use claude_agent_sdk::{ClaudeAgentOptions, ClaudeAgentOptionsBuilder, ClaudeClient, Message};
use futures::StreamExt;

/// One test's world: a scripted model server, a scratch environment, and
/// the CLI under test (`CLAUDE_CLI_PATH`, or the pinned version installed
/// into `target/`).
pub struct Harness {
    /// The scripted Messages API.
    pub model: ScriptedModel,
    /// The scratch home, working directory and variables.
    pub env: CliEnv,
    /// The CLI.
    pub cli: PathBuf,
}

impl Harness {
    /// A harness for the pinned CLI (or `CLAUDE_CLI_PATH`).
    pub async fn new() -> Self {
        let cli = testing::cli_path()
            .await
            .unwrap_or_else(|e| panic!("no CLI to test against: {e}"));
        Self::with_cli(cli).await
    }

    /// A harness for a specific CLI version (installed once into
    /// `target/claude-cli/<version>`).
    pub async fn with_version(version: &str) -> Self {
        let cli = testing::cli_path_for_version(version)
            .await
            .unwrap_or_else(|e| panic!("cannot install CLI {version}: {e}"));
        Self::with_cli(cli).await
    }

    async fn with_cli(cli: PathBuf) -> Self {
        let model = ScriptedModel::start()
            .await
            .expect("start the scripted model");
        let env = CliEnv::new(&model).expect("create the scratch environment");
        Self { model, env, cli }
    }

    /// Options preset for this harness: the CLI, the scratch environment,
    /// and short timeouts so that a broken test fails fast.
    pub fn options(&self) -> ClaudeAgentOptionsBuilder {
        self.env
            .apply(ClaudeAgentOptions::builder().cli_path(&self.cli))
            .initialize_timeout(Duration::from_secs(30))
            .control_timeout(Duration::from_secs(30))
    }
}

/// Sends `prompt` on `client` and reads its turn.
pub async fn turn(client: &ClaudeClient, prompt: &str) -> Vec<Message> {
    client.query(prompt).await.unwrap();
    receive_turn(client).await
}

/// The messages of the turn under way on `client`, up to and including its
/// result.
pub async fn receive_turn(client: &ClaudeClient) -> Vec<Message> {
    let mut messages = Vec::new();
    let mut stream = client.receive_response();
    while let Some(message) = stream.next().await {
        messages.push(message.unwrap());
    }
    messages
}

/// Whether the process `pid` is gone (reaped).
pub fn process_gone(pid: u32) -> bool {
    !std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Whether `pid` is alive and a child of this process (so that it is safe to
/// signal it: a reaped pid may have been reused by someone else).
pub fn is_child_of_this_process(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let mut fields = after_name.split_whitespace();
    let state = fields.next();
    let parent = fields.next();
    state != Some("Z") && parent == Some(std::process::id().to_string().as_str())
}

/// Waits up to `timeout` for `pid` to be gone.
pub async fn wait_process_gone(pid: u32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if process_gone(pid) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    process_gone(pid)
}

/// Builds an example of the `claude-agent-sdk-examples` package (with the
/// cargo that runs the tests, into the same target directory) and returns
/// the path of its binary.
pub fn example_binary(name: &str) -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--package",
            "claude-agent-sdk-examples",
            "--example",
            name,
            "--message-format=json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(std::process::Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo to build the example {name}: {e}"));
    assert!(
        output.status.success(),
        "building the example {name} failed"
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == name)
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("cargo did not report the binary of the example {name}"))
}

/// `query` returns the run from its `system/init` to its result: the CLI's
/// host-only frames (`session_state_changed`) stay inside the SDK.
pub async fn assert_query_starts_with_init_and_ends_with_result(h: &Harness) {
    let messages = claude_agent_sdk::query("SAY hi", h.options().build())
        .await
        .unwrap();
    assert!(
        messages.first().and_then(Message::as_init).is_some(),
        "first message: {:?}",
        messages.first()
    );
    assert!(
        matches!(messages.last(), Some(Message::Result(_))),
        "last message: {:?}",
        messages.last()
    );
    assert!(
        !messages.iter().any(|m| matches!(
            m,
            Message::System(claude_agent_sdk::messages::SystemMessage::SessionStateChanged(_))
        )),
        "a session_state_changed frame reached the application"
    );
}

/// A variable the tests set on the CLI (through the options' `env`) to find
/// every process of its tree afterwards, whatever became of its parents:
/// the CLI, the Bash tool's shells (in sessions of their own), what they
/// left running, MCP servers.
pub const TREE_TAG_VAR: &str = "CLAUDE_SDK_E2E_TREE_TAG";

/// A tag unique to this test process and call.
pub fn new_tree_tag() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The live processes (not zombies) whose environment carries
/// [`TREE_TAG_VAR`]`=tag`, with their command names.
pub fn tagged_processes(tag: &str) -> Vec<(u32, String)> {
    let wanted = format!("{TREE_TAG_VAR}={tag}");
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(environ) = std::fs::read(format!("/proc/{pid}/environ")) else {
            continue;
        };
        if !environ
            .split(|&b| b == 0)
            .any(|var| var == wanted.as_bytes())
        {
            continue;
        }
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let zombie = stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.split_whitespace().next() == Some("Z"));
        if !zombie {
            let name = std::fs::read_to_string(format!("/proc/{pid}/cmdline"))
                .unwrap_or_default()
                .replace('\0', " ");
            found.push((pid, name.trim().to_owned()));
        }
    }
    found
}

/// Waits up to `timeout` for every process tagged `tag` to be gone; returns
/// those still alive.
pub async fn wait_tree_gone(tag: &str, timeout: Duration) -> Vec<(u32, String)> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = tagged_processes(tag);
        if left.is_empty() || Instant::now() >= deadline {
            return left;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Ends (SIGKILL) the processes tagged `tag` that a failed test left, so a
/// failure does not leak processes into the rest of the run.
pub fn kill_tagged(tag: &str) {
    for (pid, _) in tagged_processes(tag) {
        kill_pid(pid);
    }
}

/// Ends one process (SIGKILL), as the OOM killer or an operator would.
pub fn kill_pid(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .stderr(std::process::Stdio::null())
        .status();
}

impl Harness {
    /// Options for a spare (`prewarm`, `WarmPool`): like
    /// [`options`](Self::options) but without a working directory, which a
    /// claim gives later.
    pub fn spare_options(&self) -> ClaudeAgentOptionsBuilder {
        ClaudeAgentOptions::builder()
            .cli_path(&self.cli)
            .envs(self.env.vars().iter().cloned())
            .initialize_timeout(Duration::from_secs(30))
            .control_timeout(Duration::from_secs(30))
    }
}

/// Collects a stream of messages, failing the test on any error.
pub async fn collect(mut stream: claude_agent_sdk::MessageStream) -> Vec<Message> {
    let mut messages = Vec::new();
    while let Some(message) = stream.next().await {
        messages.push(message.unwrap());
    }
    messages
}

/// The text of the run's result.
pub fn result_text(messages: &[Message]) -> String {
    claude_agent_sdk::messages::last_result(messages)
        .and_then(|r| r.result().map(str::to_owned))
        .unwrap_or_default()
}
