//! An application that panics in `main` (or, with the argument `hang`,
//! waits to be killed) while its query runs a Bash tool that started
//! long-lived processes (one in the foreground, one left in the background).
//! With the argument `query` it only runs one plain query. Run by
//! `tests/fault_panic.rs` with `CLAUDE_SDK_E2E_TREE_TAG` set, which the CLI
//! and its descendants inherit.

use std::time::{Duration, Instant};

use claude_agent_sdk::permissions::PermissionResult;
use claude_agent_sdk::query_stream;
use claude_agent_sdk_e2e::{Harness, TREE_TAG_VAR, tagged_processes};

#[tokio::main]
async fn main() {
    let tag = std::env::var(TREE_TAG_VAR).expect("the tree tag");
    let mode = std::env::args().nth(1).unwrap_or_default();
    let h = Harness::new().await;
    if mode == "query" {
        claude_agent_sdk::query("SAY hi", h.options().build())
            .await
            .expect("the query runs");
        println!("DONE");
        return;
    }
    let options = h
        .options()
        .can_use_tool(|_request| async { PermissionResult::allow() })
        .build();
    let _stream = query_stream(
        r#"CALL Bash {"command":"nohup tail -f /dev/null >/dev/null 2>&1 & exec tail -f /dev/null","description":"wait"}"#,
        options,
    )
    .await
    .expect("the query starts");
    // Both `tail`s run: the turn is in the middle of its tool call.
    let deadline = Instant::now() + Duration::from_secs(30);
    while tagged_processes(&tag)
        .iter()
        .filter(|(_, command)| command.starts_with("tail"))
        .count()
        < 2
    {
        assert!(Instant::now() < deadline, "the Bash tool never started");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!("READY");
    if mode == "hang" {
        tokio::time::sleep(Duration::from_secs(600)).await;
    }
    panic!("the application panics in main, mid-turn");
}
