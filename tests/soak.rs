//! Soak: many sequential queries and many concurrent clients in one
//! process, some of whose Bash tool calls leave a process running in the
//! background, end with the same number of open file descriptors and no
//! process of any CLI's tree (children of the test or reparented to init).
//! One test function, so that nothing else runs alongside.
//!
//! `CLAUDE_SDK_SOAK=1` (set by `.ci/run`) runs the full size: 200 sequential
//! queries and 25 concurrent clients; otherwise a smaller round (20 and 5).

use std::time::Duration;

use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::permissions::PermissionResult;
use claude_agent_sdk::{ClaudeAgentOptionsBuilder, ClaudeClient, query};
use claude_agent_sdk_e2e::{Harness, TREE_TAG_VAR, kill_tagged, new_tree_tag, tagged_processes};
use futures::StreamExt;

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

fn child_processes() -> Vec<u32> {
    let me = std::process::id().to_string();
    let mut children = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // The parent pid is the 4th field, after the parenthesised name.
        let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        if after_name.split_whitespace().nth(1) == Some(me.as_str()) {
            children.push(pid);
        }
    }
    children
}

/// The file descriptors open, and the processes left: children of the test
/// and every process of a CLI's tree, wherever it was reparented.
async fn settle(baseline: usize, tag: &str) -> (usize, Vec<String>) {
    let left = || {
        let mut left: Vec<String> = child_processes()
            .into_iter()
            .map(|pid| format!("child {pid}"))
            .collect();
        left.extend(
            tagged_processes(tag)
                .into_iter()
                .map(|(pid, command)| format!("{pid} {command}")),
        );
        left
    };
    // Reaping and pipe closing happen in background tasks: give them a moment.
    for _ in 0..100 {
        if open_fds() <= baseline && left().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let left = left();
    if !left.is_empty() {
        kill_tagged(tag);
    }
    (open_fds(), left)
}

/// Options that tag the CLI's tree and allow the Bash tool.
fn tagged(h: &Harness, tag: &str) -> ClaudeAgentOptionsBuilder {
    h.options()
        .env(TREE_TAG_VAR, tag)
        .can_use_tool(|_request| async { PermissionResult::allow() })
}

/// A prompt whose Bash call leaves a process running in the background and
/// answers `DONE <word>`.
fn leaves_a_process(word: &str) -> String {
    format!(
        r#"CALL Bash {{"command":"nohup tail -f /dev/null >/dev/null 2>&1 & echo {word}","description":"x"}}"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_queries_and_clients_leak_nothing() {
    let full = std::env::var("CLAUDE_SDK_SOAK").is_ok_and(|v| v == "1");
    let (sequential, concurrent) = if full { (200, 25) } else { (20, 5) };
    let h = Harness::new().await;
    let tag = new_tree_tag();
    // Warm up once so that lazily opened descriptors (runtime, DNS, ...) are
    // in the baseline.
    query("SAY warm", tagged(&h, &tag).build()).await.unwrap();
    let (baseline, children) = settle(usize::MAX, &tag).await;
    assert!(
        children.is_empty(),
        "children before the soak: {children:?}"
    );

    for i in 0..sequential {
        // One query in five starts a process that outlives its Bash call.
        let (prompt, expected) = if i % 5 == 0 {
            (leaves_a_process(&format!("q{i}")), format!("DONE q{i}"))
        } else {
            (format!("SAY q{i}"), format!("q{i}"))
        };
        let messages = query(prompt, tagged(&h, &tag).build()).await.unwrap();
        assert_eq!(
            last_result(&messages).unwrap().result(),
            Some(expected.as_str())
        );
    }
    let (fds, children) = settle(baseline, &tag).await;
    assert!(
        fds <= baseline,
        "file descriptors leaked by {sequential} queries: {fds} > {baseline}"
    );
    assert!(children.is_empty(), "children left: {children:?}");

    let clients = (0..concurrent).map(|i| {
        let options = tagged(&h, &tag).build();
        async move {
            let mut client = ClaudeClient::new(options);
            client.connect().await?;
            for turn in 0..2 {
                // The first turn leaves a process in the background.
                let (prompt, expected) = if turn == 0 {
                    (leaves_a_process(&format!("c{i}")), format!("DONE c{i}"))
                } else {
                    (format!("SAY c{i} t{turn}"), format!("c{i} t{turn}"))
                };
                client.query(prompt).await?;
                let mut stream = client.receive_response();
                let mut answer = None;
                while let Some(message) = stream.next().await {
                    if let claude_agent_sdk::Message::Result(result) = message? {
                        answer = result.result;
                    }
                }
                assert_eq!(answer, Some(expected));
            }
            client.disconnect().await?;
            Ok::<_, claude_agent_sdk::Error>(())
        }
    });
    for outcome in futures::future::join_all(clients).await {
        outcome.unwrap();
    }
    let (fds, children) = settle(baseline, &tag).await;
    assert!(
        fds <= baseline,
        "file descriptors leaked by {concurrent} clients: {fds} > {baseline}"
    );
    assert!(children.is_empty(), "children left: {children:?}");
}
