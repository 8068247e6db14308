//! Unit tests of the control protocol over an in-memory transport: a
//! scripted peer stands in for the CLI's stdin/stdout. (End-to-end tests
//! against the real CLI live in the workspace's `tests/` crate.)

mod support;

use std::time::Duration;

use claude_agent_sdk::{ClaudeAgentOptions, Error, Message, query, query_stream};
use futures::StreamExt;
use serde_json::{Value, json};
use support::{Peer, Signals, in_memory_with_signals};
use tokio::sync::mpsc;

/// Options whose sessions talk to a `Peer` the test receives, with a short
/// control timeout, and the signals the SDK sends to the process.
fn in_memory() -> (ClaudeAgentOptions, mpsc::UnboundedReceiver<Peer>, Signals) {
    let (builder, peers, signals) = in_memory_with_signals();
    let options = builder.control_timeout(Duration::from_millis(300)).build();
    (options, peers, signals)
}

/// Reads `initialize` and answers it.
async fn handshake(peer: &mut Peer) -> Value {
    peer.handshake_with(json!({"commands": [], "pid": 1})).await
}

/// The next CLI, with `initialize` answered and the prompt read.
async fn prompted(peers: &mut mpsc::UnboundedReceiver<Peer>) -> Peer {
    let mut peer = peers.recv().await.unwrap();
    handshake(&mut peer).await;
    peer.recv().await.unwrap();
    peer
}

#[tokio::test]
async fn query_sends_initialize_then_the_prompt_and_closes_input_after_the_result() {
    let (options, mut peers, _) = in_memory();
    let cli = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        let init = handshake(&mut peer).await;
        assert_eq!(init["request"]["hooks"], Value::Null);
        let user = peer.recv().await.unwrap();
        assert_eq!(user["type"], "user");
        assert_eq!(user["message"]["content"], "What is 2 + 2?");
        peer.send(json!({"type": "assistant", "message": {"model": "m", "content": [{"type": "text", "text": "4"}]}, "session_id": "s"})).await;
        peer.result("4").await;
        // No session-state frames: the result ends the run and the SDK
        // closes stdin.
        assert_eq!(peer.recv().await, None);
        peer.exit(0);
    });
    let messages = query("What is 2 + 2?", options).await.unwrap();
    cli.await.unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1].as_result().unwrap().result(), Some("4"));
}

#[tokio::test]
async fn with_session_state_frames_input_stays_open_until_idle() {
    let (options, mut peers, _) = in_memory();
    let cli = tokio::spawn(async move {
        let mut peer = prompted(&mut peers).await;
        peer.send(
            json!({"type": "system", "subtype": "session_state_changed", "state": "running"}),
        )
        .await;
        peer.result("first").await;
        // A background agent still runs: the SDK must keep stdin open and
        // answer control requests.
        peer.send(json!({"type": "control_request", "request_id": "cli-1", "request": {"subtype": "hook_callback", "callback_id": "hook_9", "input": {}}})).await;
        let reply = peer.recv().await.unwrap();
        assert_eq!(reply["type"], "control_response");
        assert_eq!(reply["response"]["subtype"], "error");
        peer.result("second").await;
        peer.send(json!({"type": "system", "subtype": "session_state_changed", "state": "idle"}))
            .await;
        assert_eq!(peer.recv().await, None, "stdin closes once idle");
        peer.exit(0);
    });
    let messages = query("go", options).await.unwrap();
    cli.await.unwrap();
    let results: Vec<_> = messages.iter().filter_map(Message::as_result).collect();
    assert_eq!(results.len(), 2);
}

#[tokio::test]
async fn undecodable_lines_are_reported_and_the_stream_goes_on() {
    let (options, mut peers, _) = in_memory();
    tokio::spawn(async move {
        let mut peer = prompted(&mut peers).await;
        peer.send_raw("[SandboxDebug] not json").await;
        peer.send(json!({"type": "hologram", "depth": 3})).await;
        peer.send(json!({"type": "result", "subtype": 7})).await;
        peer.result("ok").await;
        let _ = peer.recv().await;
        peer.exit(0);
    });
    let items: Vec<_> = query_stream("x", options).await.unwrap().collect().await;
    assert_eq!(items.len(), 4, "{items:?}");
    match &items[0] {
        Err(Error::Decode { line, .. }) => assert_eq!(line, "[SandboxDebug] not json"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    match &items[1] {
        Ok(Message::Unknown(raw)) => assert_eq!(raw["depth"], 3),
        other => panic!("expected an unknown message, got {other:?}"),
    }
    assert!(matches!(&items[2], Err(Error::Decode { line, .. }) if line.contains("\"subtype\":7")));
    assert!(items[3].as_ref().unwrap().is_result());
}

#[tokio::test]
async fn query_keeps_undecodable_lines_instead_of_failing() {
    let (options, mut peers, _) = in_memory();
    tokio::spawn(async move {
        let mut peer = prompted(&mut peers).await;
        peer.send_raw("[SandboxDebug] not json").await;
        peer.send(json!({"type": "assistant", "message": 42})).await;
        peer.result("ok").await;
        let _ = peer.recv().await;
        peer.exit(0);
    });
    let messages = query("x", options).await.unwrap();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(matches!(&messages[0], Message::Unknown(raw) if raw["message"] == 42));
    assert_eq!(messages[1].as_result().unwrap().result(), Some("ok"));
}

#[tokio::test]
async fn a_result_that_cannot_be_decoded_still_ends_the_run() {
    let (options, mut peers, _) = in_memory();
    let cli = tokio::spawn(async move {
        let mut peer = prompted(&mut peers).await;
        // A CLI without session-state frames (2.1.197): the SDK closes stdin
        // after the result, even one whose fields have an unexpected shape.
        peer.send(json!({"type": "result", "subtype": ["odd"], "session_id": "s"}))
            .await;
        let closed = tokio::time::timeout(Duration::from_secs(5), peer.recv()).await;
        assert_eq!(closed.expect("stdin closes"), None);
        peer.exit(0);
    });
    let items: Vec<_> = query_stream("x", options).await.unwrap().collect().await;
    cli.await.unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(matches!(&items[0], Err(Error::Decode { line, .. }) if line.contains("odd")));
}

#[tokio::test]
async fn a_cli_that_exits_without_a_result_is_an_error_and_pending_requests_fail_at_once() {
    let (options, mut peers, _) = in_memory();
    tokio::spawn(async move {
        let mut peer = prompted(&mut peers).await;
        peer.send(json!({"type": "system", "subtype": "init", "session_id": "s"}))
            .await;
        peer.exit(3);
    });
    let mut stream = query_stream("x", options).await.unwrap();
    assert!(stream.next().await.unwrap().unwrap().as_init().is_some());
    let started = std::time::Instant::now();
    match stream.next().await {
        Some(Err(Error::ProcessExited { exit })) => assert_eq!(exit.code, Some(3)),
        other => panic!("expected ProcessExited, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn initialize_failure_is_reported_by_query_stream() {
    let (options, mut peers, _) = in_memory();
    tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        let init = peer.recv().await.unwrap();
        peer.send(json!({"type": "control_response", "response": {"subtype": "error", "request_id": init["request_id"], "error": "bad hooks"}})).await;
        let _ = peer.recv().await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        peer.exit(1);
    });
    match query_stream("x", options).await {
        Err(Error::Control {
            subtype, message, ..
        }) => {
            assert_eq!(subtype, "initialize");
            assert_eq!(message, "bad hooks");
        }
        other => panic!("expected a control error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unanswered_initialize_times_out() {
    let (options, mut peers, signals) = in_memory();
    let options = options
        .to_builder()
        .initialize_timeout(Duration::from_millis(200))
        .build();
    let keep = tokio::spawn(async move {
        let peer = peers.recv().await.unwrap();
        tokio::time::sleep(Duration::from_secs(3)).await;
        drop(peer);
    });
    match query_stream("x", options).await {
        Err(Error::Timeout { operation, .. }) => assert!(operation.contains("initialize")),
        other => panic!("expected a timeout, got {other:?}"),
    }
    // The dropped stream stops the process: stdin closed, then terminate,
    // then kill.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(*signals.lock().unwrap(), ["term", "kill"]);
    keep.abort();
}

#[tokio::test]
async fn cancelled_inbound_requests_get_no_reply() {
    let (options, mut peers, _) = in_memory();
    let cli = tokio::spawn(async move {
        let mut peer = prompted(&mut peers).await;
        // An unknown inbound request gets an error reply...
        peer.send(json!({"type": "control_request", "request_id": "a", "request": {"subtype": "request_user_dialog"}})).await;
        let reply = peer.recv().await.unwrap();
        assert_eq!(reply["response"]["request_id"], "a");
        assert_eq!(
            reply["response"]["error"],
            "Unsupported control request subtype: request_user_dialog"
        );
        // ...keep_alive and a cancel for something unknown are ignored.
        peer.send(json!({"type": "keep_alive"})).await;
        peer.send(json!({"type": "control_cancel_request", "request_id": "zzz"}))
            .await;
        peer.result("done").await;
        assert_eq!(peer.recv().await, None);
        peer.exit(0);
    });
    let messages = query("x", options).await.unwrap();
    cli.await.unwrap();
    assert_eq!(messages.len(), 1);
}

#[tokio::test]
async fn inbound_requests_are_served_while_nobody_reads_the_messages() {
    let (options, mut peers, _) = in_memory();
    let cli = tokio::spawn(async move {
        let mut peer = prompted(&mut peers).await;
        // A flood of messages the consumer does not read...
        for i in 0..5000 {
            peer.send(json!({"type": "assistant", "message": {"model": "m", "content": [{"type": "text", "text": format!("chunk {i} {}", "x".repeat(200))}]}}))
                .await;
        }
        // ...must not keep a control request from being answered.
        peer.send(json!({"type": "control_request", "request_id": "late", "request": {"subtype": "can_use_tool", "tool_name": "Bash", "input": {}}})).await;
        let reply = peer.recv().await.unwrap();
        assert_eq!(reply["response"]["request_id"], "late");
        peer.result("done").await;
        let _ = peer.recv().await;
        peer.exit(0);
    });
    let stream = query_stream("x", options).await.unwrap();
    // Do not read until the peer got its answer.
    tokio::time::timeout(Duration::from_secs(10), cli)
        .await
        .expect("the request was answered without anyone reading")
        .unwrap();
    let messages: Vec<_> = stream.collect().await;
    assert_eq!(messages.len(), 5001);
}
