//! Bounded queues in both directions: a CLI that stops reading its input
//! makes writers wait and then fail (memory stays bounded), and a flood of
//! control requests from the CLI is served with bounded concurrency, the
//! excess refused at once.

mod support;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use claude_agent_sdk::permissions::{PermissionResult, ToolPermissionRequest};
use claude_agent_sdk::{ClaudeClient, Error, query_stream};
use serde_json::json;
use support::in_memory;
use tokio::sync::Semaphore;

#[tokio::test]
async fn a_cli_that_stops_reading_makes_prompts_wait_then_fail() {
    let (builder, mut peers) = in_memory();
    let options = builder.control_timeout(Duration::from_millis(300)).build();
    let mut client = ClaudeClient::new(options);
    let peer = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        peer.handshake_with(json!({"commands": []})).await;
        // From now on the CLI reads nothing: keep its pipes open.
        peer
    });
    tokio::time::timeout(Duration::from_secs(10), client.connect())
        .await
        .expect("connect")
        .unwrap();
    let _peer = peer.await.unwrap();

    let prompt = "x".repeat(1 << 20);
    let mut accepted = 0;
    let mut failure = None;
    for _ in 0..60 {
        let sent = tokio::time::timeout(Duration::from_secs(10), client.query(prompt.as_str()))
            .await
            .expect("a write waits at most the control timeout");
        match sent {
            Ok(()) => accepted += 1,
            Err(err) => {
                failure = Some(err);
                break;
            }
        }
    }
    // 8 MiB of budget and a 64 KiB pipe: about 8 prompts fit, not 60.
    assert!(
        accepted <= 12,
        "{accepted} MiB accepted by a CLI that reads nothing"
    );
    match failure {
        Some(Error::Timeout { operation, .. }) => {
            assert!(operation.contains("stopped reading"), "{operation}");
        }
        other => panic!("expected a write timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn a_flood_of_permission_requests_is_served_with_bounded_concurrency() {
    const FLOOD: usize = 3000;
    let (builder, mut peers) = in_memory();
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(Semaphore::new(0));
    let options = {
        let (running, most, gate) = (running.clone(), most.clone(), gate.clone());
        builder
            .can_use_tool(move |_request: ToolPermissionRequest| {
                let (running, most, gate) = (running.clone(), most.clone(), gate.clone());
                async move {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    let _ = gate.acquire().await.map(|p| p.forget());
                    running.fetch_sub(1, Ordering::SeqCst);
                    PermissionResult::allow()
                }
            })
            .build()
    };
    let cli = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        peer.start().await;
        for i in 0..FLOOD {
            peer.send(
                json!({"type": "control_request", "request_id": format!("r{i}"),
                "request": {"subtype": "can_use_tool", "tool_name": "Bash",
                            "input": {"command": "ls"}, "tool_use_id": format!("t{i}")}}),
            )
            .await;
        }
        // Every request is answered exactly once: the excess at once with an
        // error, the rest once the handlers are let go.
        let mut answers: HashMap<String, String> = HashMap::new();
        let mut refused = 0;
        while answers.len() < FLOOD {
            let reply = peer.recv().await.expect("an answer");
            let response = &reply["response"];
            let id = response["request_id"].as_str().unwrap().to_owned();
            let subtype = response["subtype"].as_str().unwrap().to_owned();
            if subtype == "error" {
                refused += 1;
                assert!(
                    response["error"]
                        .as_str()
                        .unwrap()
                        .contains("already serving"),
                    "{reply}"
                );
            }
            assert!(answers.insert(id, subtype).is_none(), "answered twice");
            if refused == FLOOD - 1024 && answers.len() == refused {
                gate.add_permits(FLOOD);
            }
        }
        peer.finish().await;
        refused
    });
    let mut stream = query_stream("go", options).await.unwrap();
    let refused = tokio::time::timeout(Duration::from_secs(60), cli)
        .await
        .expect("every request answered")
        .unwrap();
    use futures::StreamExt;
    while stream.next().await.is_some() {}
    assert_eq!(refused, FLOOD - 1024);
    let most = most.load(Ordering::SeqCst);
    assert!(most <= 64, "{most} permission handlers ran at once");
    assert!(most >= 2, "handlers ran concurrently ({most})");
}

#[tokio::test]
async fn an_answer_to_the_cli_waits_for_room_instead_of_being_lost() {
    let (builder, mut peers) = in_memory();
    let options = builder
        .control_timeout(Duration::from_millis(200))
        .can_use_tool(|_request: ToolPermissionRequest| async { PermissionResult::allow() })
        .build();
    let mut client = ClaudeClient::new(options);
    let peer = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        peer.handshake_with(json!({"commands": []})).await;
        peer
    });
    client.connect().await.unwrap();
    let mut peer = peer.await.unwrap();
    // The CLI stops reading: fill the outbound budget to the last bytes.
    for size in [1 << 20, 1 << 14, 1 << 10, 64, 1] {
        let prompt = "x".repeat(size);
        while client.query(prompt.as_str()).await.is_ok() {}
    }
    // It asks for a permission; the answer cannot be written yet, and waits
    // past the control timeout.
    peer.send(
        json!({"type": "control_request", "request_id": "late-answer",
        "request": {"subtype": "can_use_tool", "tool_name": "Bash",
                    "input": {"command": "ls"}, "tool_use_id": "t1"}}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    // The CLI reads again: the answer is there.
    let mut found = false;
    for _ in 0..100_000 {
        let Some(line) = peer.recv().await else { break };
        if line["type"] == "control_response" && line["response"]["request_id"] == "late-answer" {
            assert_eq!(line["response"]["subtype"], "success", "{line}");
            found = true;
            break;
        }
    }
    assert!(found, "the answer to the permission request was lost");
}
