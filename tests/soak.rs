//! Soak: many sequential queries and many concurrent clients in one
//! process end with the same number of open file descriptors and no child
//! processes. One test function, so that nothing else runs alongside.
//!
//! `CLAUDE_SDK_SOAK=1` (set by `.ci/run`) runs the full size: 200 sequential
//! queries and 25 concurrent clients; otherwise a smaller round (20 and 5).

use std::time::Duration;

use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::{ClaudeClient, query};
use claude_agent_sdk_e2e::Harness;
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

async fn settle(baseline: usize) -> (usize, Vec<u32>) {
    // Reaping and pipe closing happen in background tasks: give them a moment.
    for _ in 0..100 {
        if open_fds() <= baseline && child_processes().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (open_fds(), child_processes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_queries_and_clients_leak_nothing() {
    let full = std::env::var("CLAUDE_SDK_SOAK").is_ok_and(|v| v == "1");
    let (sequential, concurrent) = if full { (200, 25) } else { (20, 5) };
    let h = Harness::new().await;
    // Warm up once so that lazily opened descriptors (runtime, DNS, ...) are
    // in the baseline.
    query("SAY warm", h.options().build()).await.unwrap();
    let (baseline, children) = settle(usize::MAX).await;
    assert!(
        children.is_empty(),
        "children before the soak: {children:?}"
    );

    for i in 0..sequential {
        let messages = query(format!("SAY q{i}"), h.options().build())
            .await
            .unwrap();
        let expected = format!("q{i}");
        assert_eq!(
            last_result(&messages).unwrap().result(),
            Some(expected.as_str())
        );
    }
    let (fds, children) = settle(baseline).await;
    assert!(
        fds <= baseline,
        "file descriptors leaked by {sequential} queries: {fds} > {baseline}"
    );
    assert!(children.is_empty(), "children left: {children:?}");

    let clients = (0..concurrent).map(|i| {
        let options = h.options().build();
        async move {
            let mut client = ClaudeClient::new(options);
            client.connect().await?;
            for turn in 0..2 {
                client.query(format!("SAY c{i} t{turn}")).await?;
                let mut stream = client.receive_response();
                let mut answer = None;
                while let Some(message) = stream.next().await {
                    if let claude_agent_sdk::Message::Result(result) = message? {
                        answer = result.result;
                    }
                }
                assert_eq!(answer, Some(format!("c{i} t{turn}")));
            }
            client.disconnect().await?;
            Ok::<_, claude_agent_sdk::Error>(())
        }
    });
    for outcome in futures::future::join_all(clients).await {
        outcome.unwrap();
    }
    let (fds, children) = settle(baseline).await;
    assert!(
        fds <= baseline,
        "file descriptors leaked by {concurrent} clients: {fds} > {baseline}"
    );
    assert!(children.is_empty(), "children left: {children:?}");
}
