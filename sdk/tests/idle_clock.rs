//! The idle clock runs only while a turn does: a session that went idle is
//! never stopped for its silence, even when the CLI answered two prompts
//! with one result (a prompt sent mid-turn joins the running turn).

mod support;

use std::time::Duration;

use claude_agent_sdk::ClaudeClient;
use serde_json::json;
use support::in_memory;

#[tokio::test]
async fn an_idle_session_is_not_stopped_when_two_prompts_got_one_result() {
    let (builder, mut peers) = in_memory();
    let options = builder.idle_timeout(Duration::from_millis(300)).build();
    let mut client = ClaudeClient::new(options);
    let peer = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        peer.handshake_with(json!({"commands": []})).await;
        peer
    });
    client.connect().await.unwrap();
    let mut peer = peer.await.unwrap();
    client.query("first").await.unwrap();
    client.query("second, mid-turn").await.unwrap();
    assert_eq!(peer.recv().await.unwrap()["type"], "user");
    assert_eq!(peer.recv().await.unwrap()["type"], "user");
    // One turn, one result, then idle.
    peer.send(json!({"type": "system", "subtype": "session_state_changed", "state": "running"}))
        .await;
    peer.result("both").await;
    peer.send(json!({"type": "system", "subtype": "session_state_changed", "state": "idle"}))
        .await;
    // Silence well past the idle timeout: the session is idle, not stalled.
    assert!(peer.silent_for(Duration::from_millis(1500)).await);
    client.query("third").await.unwrap();
    let third = peer
        .recv()
        .await
        .expect("the session's input is still open");
    assert_eq!(third["message"]["content"], "third");
}
