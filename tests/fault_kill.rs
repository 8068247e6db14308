//! The CLI killed at chosen and at random points gives a typed error within
//! seconds, and leaves no process of its tree (the Bash tool's shells and
//! what they started included, though they run in sessions of their own) and
//! no file descriptor behind. The application panicking mid-turn leaves no
//! process either. One test function for the kills, so that the descriptor
//! count is not disturbed by other tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use claude_agent_sdk::transport::{CliCommand, SubprocessTransport, Transport, TransportIo};
use claude_agent_sdk::{ClaudeAgentOptionsBuilder, Error, Message, query_stream};
use claude_agent_sdk_e2e::{
    Harness, TREE_TAG_VAR, kill_tagged, new_tree_tag, wait_process_gone, wait_tree_gone,
};
use futures::StreamExt;

/// Starts the real CLI and kills it (SIGKILL, by its pid) after `after`.
struct KillAfter {
    after: Duration,
    /// The kill task, aborted when the run is over so it can never hit a
    /// later process that reuses the pid.
    task: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

#[claude_agent_sdk::async_trait]
impl Transport for KillAfter {
    async fn start(&self, command: &CliCommand) -> claude_agent_sdk::Result<TransportIo> {
        let io = SubprocessTransport::new().start(command).await?;
        let pid = io.process.id().expect("a pid");
        let after = self.after;
        let task = tokio::spawn(async move {
            tokio::time::sleep(after).await;
            // Only while it is still our child: a reaped pid may be reused.
            if claude_agent_sdk_e2e::is_child_of_this_process(pid) {
                let _ = std::process::Command::new("kill")
                    .args(["-9", &pid.to_string()])
                    .stderr(std::process::Stdio::null())
                    .status();
            }
        });
        *self.task.lock().unwrap() = Some(task);
        Ok(io)
    }
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

/// The CLI to kill from inside a callback (a tool or a permission request).
static TARGET: AtomicU32 = AtomicU32::new(0);

fn kill_target() {
    let pid = TARGET.load(Ordering::SeqCst);
    if pid != 0 && claude_agent_sdk_e2e::is_child_of_this_process(pid) {
        let _ = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status();
    }
}

/// A tool that kills its own CLI while it runs.
#[claude_agent_sdk::tool]
async fn self_destruct() -> String {
    kill_target();
    tokio::time::sleep(Duration::from_secs(5)).await;
    "too late".to_owned()
}

/// Asserts that nothing of the tree tagged `tag` is left.
async fn assert_tree_gone(tag: &str, what: &str) {
    let left = wait_tree_gone(tag, Duration::from_secs(10)).await;
    if !left.is_empty() {
        kill_tagged(tag);
        panic!("processes of the CLI's tree left after {what}: {left:?}");
    }
}

/// Runs a query whose CLI dies inside a callback; returns how it ended.
async fn run_killed_inside(options: ClaudeAgentOptionsBuilder, prompt: &str) -> String {
    let tag = new_tree_tag();
    let options = options.env(TREE_TAG_VAR, &tag);
    let started = Instant::now();
    let mut stream = query_stream(prompt, options.build()).await.unwrap();
    let pid = stream.pid().unwrap();
    TARGET.store(pid, Ordering::SeqCst);
    let outcome = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(item) = stream.next().await {
            if let Err(err) = item
                && err.is_fatal()
            {
                return Some(err);
            }
        }
        None
    })
    .await
    .expect("no hang after the CLI died in a callback");
    TARGET.store(0, Ordering::SeqCst);
    assert!(
        wait_process_gone(pid, Duration::from_secs(10)).await,
        "pid {pid} left"
    );
    assert_tree_gone(&tag, &format!("a kill inside a callback ({prompt})")).await;
    match outcome {
        Some(Error::ProcessExited { exit }) => {
            assert!(started.elapsed() < Duration::from_secs(15));
            format!("ProcessExited({exit})")
        }
        other => panic!("expected ProcessExited, got {other:?}"),
    }
}

/// Runs one query whose CLI is killed after `after`; returns how it ended.
async fn run_killed(options: ClaudeAgentOptionsBuilder, prompt: &str, after: Duration) -> String {
    let killer = Arc::new(KillAfter {
        after,
        task: std::sync::Mutex::new(None),
    });
    let tag = new_tree_tag();
    let options = options
        .env(TREE_TAG_VAR, &tag)
        .transport(killer.clone())
        .build();
    let started = Instant::now();
    let outcome = tokio::time::timeout(Duration::from_secs(20), async {
        let mut stream = match query_stream(prompt, options).await {
            Ok(stream) => stream,
            Err(err) => return (None, Err(err)),
        };
        let pid = stream.pid();
        let mut last = Ok(None);
        while let Some(item) = stream.next().await {
            match item {
                Ok(Message::Result(result)) => last = Ok(Some(result)),
                Ok(_) => {}
                Err(err) if err.is_fatal() => {
                    last = Err(err);
                    break;
                }
                Err(_) => {}
            }
        }
        (pid, last)
    })
    .await
    .unwrap_or_else(|_| panic!("hung after a kill at {after:?}"));
    let elapsed = started.elapsed();
    if let Some(task) = killer.task.lock().unwrap().take() {
        task.abort();
    }
    let (pid, outcome) = outcome;
    if let Some(pid) = pid {
        assert!(
            wait_process_gone(pid, Duration::from_secs(10)).await,
            "pid {pid} left after a kill at {after:?}"
        );
    }
    assert_tree_gone(&tag, &format!("a kill at {after:?} ({prompt})")).await;
    match outcome {
        Ok(Some(result)) => format!("finished first ({:?})", result.result()),
        Ok(None) => panic!("the stream ended without a result or an error (kill at {after:?})"),
        Err(Error::ProcessExited { exit }) => {
            assert!(
                elapsed < after + Duration::from_secs(5),
                "the error came {elapsed:?} after a kill at {after:?}"
            );
            format!("ProcessExited({exit})")
        }
        Err(other) => panic!("unexpected error after a kill at {after:?}: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_cli_at_any_point_is_a_typed_error_and_leaks_nothing() {
    let h = Harness::new().await;
    // Warm up: lazily created descriptors belong to the baseline.
    let _ = run_killed(h.options(), "SAY warm", Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let baseline = open_fds();

    // During start-up, before `initialize` is answered.
    let early = run_killed(h.options(), "SAY hi", Duration::from_millis(50)).await;
    assert!(early.starts_with("ProcessExited"), "{early}");
    // Mid-stream, while the model is answering.
    let mid = run_killed(
        h.options(),
        "SLOW 5000; SAY late",
        Duration::from_millis(1500),
    )
    .await;
    assert!(mid.starts_with("ProcessExited"), "{mid}");
    // While a Bash tool runs.
    let tool = run_killed(
        h.options().allowed_tools(["Bash"]),
        r#"CALL Bash {"command":"sleep 5","description":"wait"}"#,
        Duration::from_millis(1500),
    )
    .await;
    assert!(tool.starts_with("ProcessExited"), "{tool}");
    // While a Bash tool runs a long-lived process, and has left another one
    // running in the background: both run in the tool shell's own session,
    // out of reach of the CLI's process group.
    let long_lived = run_killed(
        h.options().can_use_tool(|_request| async {
            claude_agent_sdk::permissions::PermissionResult::allow()
        }),
        r#"CALL Bash {"command":"nohup tail -f /dev/null >/dev/null 2>&1 & exec tail -f /dev/null","description":"wait"}"#,
        Duration::from_millis(2500),
    )
    .await;
    assert!(long_lived.starts_with("ProcessExited"), "{long_lived}");
    // While an in-process tool runs.
    let calc = claude_agent_sdk::mcp::McpServer::new("boom").tool(self_destruct);
    let in_tool = run_killed_inside(
        h.options()
            .mcp_server(calc)
            .allowed_tools(["mcp__boom__self_destruct"]),
        "CALL mcp__boom__self_destruct {}",
    )
    .await;
    assert!(in_tool.starts_with("ProcessExited"), "{in_tool}");
    // While a permission request waits for its answer.
    let in_permission = run_killed_inside(
        h.options().can_use_tool(|_request| async {
            kill_target();
            tokio::time::sleep(Duration::from_secs(5)).await;
            claude_agent_sdk::permissions::PermissionResult::allow()
        }),
        r#"CALL Bash {"command":"touch never.txt","description":"x"}"#,
    )
    .await;
    assert!(
        in_permission.starts_with("ProcessExited"),
        "{in_permission}"
    );
    assert!(!h.env.cwd().join("never.txt").exists());

    // At pseudo-random points of a run with tool calls.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let after = Duration::from_millis(seed % 2500);
        let outcome = run_killed(
            h.options().allowed_tools(["Bash"]),
            r#"SLOW 200; CALL Bash {"command":"echo a","description":"a"}; CALL Bash {"command":"echo b","description":"b"}"#,
            after,
        )
        .await;
        eprintln!("kill at {after:?}: {outcome}");
    }

    let mut fds = open_fds();
    for _ in 0..50 {
        if fds <= baseline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        fds = open_fds();
    }
    assert!(
        fds <= baseline,
        "file descriptors leaked: {fds} > {baseline}"
    );
}
