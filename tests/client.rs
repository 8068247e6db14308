//! `ClaudeClient`: many turns on one CLI process, and control methods.

use std::sync::Arc;
use std::time::{Duration, Instant};

use claude_agent_sdk::messages::{Message, ResultMessage, TerminalReason};
use claude_agent_sdk::{ClaudeClient, Error, PermissionMode};
use claude_agent_sdk_e2e::{Harness, receive_turn, wait_process_gone};
use futures::StreamExt;

async fn turn(client: &ClaudeClient) -> (Vec<Message>, ResultMessage) {
    let messages = receive_turn(client).await;
    let result = messages
        .iter()
        .rev()
        .find_map(Message::as_result)
        .cloned()
        .expect("the turn ends with a result");
    (messages, result)
}

#[tokio::test]
async fn two_turns_share_one_process_and_the_history() {
    let h = Harness::new().await;
    let mut client = ClaudeClient::new(h.options().build());
    client.connect().await.unwrap();
    let pid = client.pid().unwrap();
    assert!(!client.supported_commands().unwrap().is_empty());
    assert!(!client.supported_models().unwrap().is_empty());

    client.query("SAY first answer").await.unwrap();
    let (_, first) = turn(&client).await;
    assert_eq!(first.result(), Some("first answer"));
    let session = client.session_id().unwrap();

    client.query("SAY second answer").await.unwrap();
    let (_, second) = turn(&client).await;
    assert_eq!(second.result(), Some("second answer"));
    assert_eq!(second.session_id(), session);
    assert_eq!(client.pid(), Some(pid));

    let requests = h.model.requests();
    assert_eq!(requests.len(), 2);
    let history = requests[1].user_texts().join("\n");
    assert!(history.contains("SAY first answer"), "{history}");
    assert!(history.contains("SAY second answer"), "{history}");
    let replies: Vec<String> = requests[1]
        .messages()
        .iter()
        .filter(|m| m["role"] == "assistant")
        .map(|m| m.to_string())
        .collect();
    assert!(
        replies.iter().any(|r| r.contains("first answer")),
        "{replies:?}"
    );

    client.wait_idle().await.unwrap();
    let exit = client.disconnect().await.unwrap().unwrap();
    assert_eq!(exit.code, Some(0));
    assert!(wait_process_gone(pid, Duration::from_secs(5)).await);
}

#[tokio::test]
async fn interrupt_during_a_slow_answer_ends_the_turn_and_the_client_stays_usable() {
    let h = Harness::new().await;
    let mut client = ClaudeClient::new(h.options().build());
    client.connect().await.unwrap();
    let client = Arc::new(client);
    client.query("SLOW 3000; SAY too late").await.unwrap();
    h.model
        .wait_for_requests(1, Duration::from_secs(20))
        .await
        .unwrap();
    let interrupter = {
        let client = client.clone();
        tokio::spawn(async move { client.interrupt().await })
    };
    let (_, interrupted) = turn(&client).await;
    let outcome = interrupter
        .await
        .unwrap()
        .expect("interrupt is not an error");
    assert!(outcome.still_queued.is_empty());
    assert!(interrupted.is_error());
    assert_eq!(
        interrupted.terminal_reason,
        Some(TerminalReason::AbortedStreaming)
    );

    client.query("SAY after the interrupt").await.unwrap();
    let (_, next) = turn(&client).await;
    assert!(!next.is_error(), "{next:?}");
    assert!(
        next.result()
            .unwrap_or_default()
            .ends_with("after the interrupt"),
        "{next:?}"
    );
}

#[tokio::test]
async fn set_model_and_set_permission_mode_take_effect() {
    let h = Harness::new().await;
    let mut client = ClaudeClient::new(h.options().build());
    client.connect().await.unwrap();

    // Default mode and no permission callback: the Write is refused.
    client
        .query(r#"CALL Write {"file_path":"one.txt","content":"1"}"#)
        .await
        .unwrap();
    turn(&client).await;
    assert!(!h.env.cwd().join("one.txt").exists());
    let refused = h.model.requests().last().unwrap().tool_results();
    assert!(refused[0].is_error, "{refused:?}");

    let mode = client
        .set_permission_mode(PermissionMode::AcceptEdits)
        .await
        .unwrap();
    assert_eq!(mode, PermissionMode::AcceptEdits);
    client.set_model(Some("claude-haiku-4-5")).await.unwrap();
    client
        .query(r#"CALL Write {"file_path":"two.txt","content":"2"}"#)
        .await
        .unwrap();
    let (_, result) = turn(&client).await;
    assert!(!result.is_error(), "{result:?}");
    assert_eq!(
        std::fs::read_to_string(h.env.cwd().join("two.txt")).unwrap(),
        "2"
    );
    let last = h.model.requests().pop().unwrap();
    assert_eq!(last.model(), Some("claude-haiku-4-5"));
    assert!(!last.tool_results().last().unwrap().is_error);

    let status = client.mcp_status().await.unwrap();
    assert!(status.is_empty());
    let usage = client.get_context_usage().await.unwrap();
    assert!(usage.max_tokens > 0);
    match client
        .control_request("no_such_subtype", serde_json::json!({}))
        .await
    {
        Err(Error::Unsupported { .. }) => {}
        other => panic!("expected Unsupported, got {other:?}"),
    }
    // Without file checkpointing a dry run says why it cannot rewind, and
    // the real thing is refused.
    let dry = client
        .rewind_files("00000000-0000-0000-0000-000000000000", true)
        .await
        .unwrap();
    assert!(!dry.can_rewind);
    assert!(dry.error.unwrap().contains("not enabled"));
    match client
        .rewind_files("00000000-0000-0000-0000-000000000000", false)
        .await
    {
        Err(Error::Control { message, .. }) => {
            assert!(message.contains("not enabled"), "{message}")
        }
        other => panic!("expected a control error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_client_dropped_mid_turn_leaves_no_process() {
    let h = Harness::new().await;
    let mut client = ClaudeClient::new(h.options().build());
    client.connect().await.unwrap();
    let pid = client.pid().unwrap();
    client.query("SLOW 30000; SAY never").await.unwrap();
    h.model
        .wait_for_requests(1, Duration::from_secs(20))
        .await
        .unwrap();
    drop(client);
    assert!(
        wait_process_gone(pid, Duration::from_secs(15)).await,
        "the CLI (pid {pid}) outlived its client"
    );
}

#[tokio::test]
async fn using_a_client_before_connect_is_a_typed_error() {
    let h = Harness::new().await;
    let client = ClaudeClient::new(h.options().build());
    assert!(matches!(
        client.query("hi").await,
        Err(Error::NotConnected(_))
    ));
    assert!(matches!(
        client.receive_response().next().await,
        Some(Err(Error::NotConnected(_)))
    ));
}

#[tokio::test]
async fn hooks_and_permission_callbacks_are_answered_after_a_result_and_in_later_turns() {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use claude_agent_sdk::hooks::{HookEvent, HookMatcher, HookOutput};
    use claude_agent_sdk::permissions::PermissionResult;

    let h = Harness::new().await;
    let hook_calls = Arc::new(AtomicUsize::new(0));
    let permission_calls = Arc::new(AtomicUsize::new(0));
    let hooks = hook_calls.clone();
    let permissions = permission_calls.clone();
    let mut client = ClaudeClient::new(
        h.options()
            .hook(
                HookMatcher::new(HookEvent::PreToolUse, move |_input, _ctx| {
                    hooks.fetch_add(1, Ordering::SeqCst);
                    async { HookOutput::default() }
                })
                .matcher("Bash"),
            )
            .can_use_tool(move |request| {
                permissions.fetch_add(1, Ordering::SeqCst);
                async move {
                    assert_eq!(request.tool_name, "Bash");
                    PermissionResult::allow()
                }
            })
            .allowed_tools(["Agent"])
            .build(),
    );
    client.connect().await.unwrap();

    // Turn 1 starts a background agent that runs Bash after the turn's
    // result: its hook and permission request must still be answered.
    client
        .query(r#"CALL Agent {"subagent_type":"general-purpose","description":"later","prompt":"SLOW 1000; CALL Bash {\"command\":\"until [ -e go ]\\ndo sleep 0.1\\ndone\\ntouch after-result.txt\",\"description\":\"x\"}"}"#)
        .await
        .unwrap();
    let (_, first) = turn(&client).await;
    assert!(!first.is_error(), "{first:?}");
    // The agent's Bash waits for `go`, written only now that the turn's
    // result is in.
    let marker = h.env.cwd().join("after-result.txt");
    assert!(!marker.exists());
    std::fs::write(h.env.cwd().join("go"), "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !marker.exists() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(marker.exists(), "the background agent's Bash never ran");
    assert!(hook_calls.load(Ordering::SeqCst) >= 1);
    assert!(permission_calls.load(Ordering::SeqCst) >= 1);
    client.wait_idle().await.unwrap();

    // A later turn: both are answered again.
    let (hooks_before, permissions_before) = (
        hook_calls.load(Ordering::SeqCst),
        permission_calls.load(Ordering::SeqCst),
    );
    // Drain what the background agent's follow-up turn left in the queue.
    let mut pending = client.receive_messages();
    while let Ok(Some(item)) =
        tokio::time::timeout(Duration::from_millis(500), pending.next()).await
    {
        item.unwrap();
    }
    drop(pending);
    client
        .query(r#"CALL Bash {"command":"touch second-turn.txt","description":"y"}"#)
        .await
        .unwrap();
    let (_, second) = turn(&client).await;
    assert!(!second.is_error(), "{second:?}");
    assert!(h.env.cwd().join("second-turn.txt").exists());
    assert_eq!(hook_calls.load(Ordering::SeqCst), hooks_before + 1);
    assert_eq!(
        permission_calls.load(Ordering::SeqCst),
        permissions_before + 1
    );
    client.disconnect().await.unwrap();
}

#[test]
fn the_client_can_be_shared_between_tasks() {
    fn shareable<T: Send + Sync + 'static>() {}
    fn movable<T: Send + 'static>() {}
    shareable::<ClaudeClient>();
    movable::<claude_agent_sdk::client::ResponseStream>();
    movable::<claude_agent_sdk::MessageStream>();
}

#[tokio::test]
async fn rewind_files_restores_a_file_written_in_an_earlier_turn() {
    let h = Harness::new().await;
    let mut client = ClaudeClient::new(
        h.options()
            .enable_file_checkpointing(true)
            .replay_user_messages(true)
            .permission_mode(PermissionMode::AcceptEdits)
            .build(),
    );
    client.connect().await.unwrap();
    let file = h.env.cwd().join("notes.txt");
    std::fs::write(&file, "original\n").unwrap();
    client
        .query(format!(
            r#"CALL Write {{"file_path":"{}","content":"changed\n"}}"#,
            file.display()
        ))
        .await
        .unwrap();
    let (messages, result) = turn(&client).await;
    assert!(!result.is_error(), "{result:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "changed\n");
    // The replayed prompt carries the uuid to rewind to.
    let prompt_uuid = messages
        .iter()
        .filter_map(Message::as_user)
        .find(|m| m.is_replay == Some(true))
        .and_then(|m| m.uuid.clone())
        .expect("the prompt is replayed with its uuid");

    let dry = client.rewind_files(&prompt_uuid, true).await.unwrap();
    assert!(dry.can_rewind, "{dry:?}");
    assert!(
        dry.files_changed.iter().any(|f| f.ends_with("notes.txt")),
        "{dry:?}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "changed\n");
    let done = client.rewind_files(&prompt_uuid, false).await.unwrap();
    assert!(done.can_rewind, "{done:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "original\n");
    client.disconnect().await.unwrap();
}

#[tokio::test]
async fn content_blocks_streaming_input_and_more_control_methods() {
    let h = Harness::new().await;
    let mut client = ClaudeClient::new(h.options().build());
    client.connect().await.unwrap();

    // A prompt with an image (a 1×1 PNG) reaches the model as an image
    // block.
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    client
        .query_with_content(vec![
            claude_agent_sdk::ContentBlock::text("SAY seen"),
            claude_agent_sdk::ContentBlock::image_png(PNG),
        ])
        .await
        .unwrap();
    let (_, seen) = turn(&client).await;
    assert_eq!(seen.result(), Some("seen"));
    let request = h.model.requests().pop().unwrap();
    let image = request
        .messages()
        .iter()
        .flat_map(|m| m["content"].as_array().cloned().unwrap_or_default())
        .find(|block| block["type"] == "image")
        .expect("the image block reached the model");
    assert_eq!(image["source"]["media_type"], "image/png");

    // Prompts from a stream, one after the other.
    client
        .send_stream(futures::stream::iter(["SAY streamed"]))
        .await
        .unwrap();
    let (_, streamed) = turn(&client).await;
    assert_eq!(streamed.result(), Some("streamed"));

    client.set_max_thinking_tokens(Some(1024)).await.unwrap();
    client.set_max_thinking_tokens(None).await.unwrap();
    client.stop_task("no-such-task").await.unwrap();
    client.background_tasks(None).await.unwrap();
    match client.mcp_reconnect("no-such-server").await {
        Err(Error::Control { message, .. }) => assert!(message.contains("not found"), "{message}"),
        other => panic!("expected a control error, got {other:?}"),
    }
    let set = client
        .mcp_set_servers(&std::collections::BTreeMap::new())
        .await
        .unwrap();
    assert!(set.added.is_empty());
    let capabilities = client.server_capabilities().unwrap();
    assert!(
        capabilities.iter().any(|c| c == "interrupt_receipt_v1"),
        "{capabilities:?}"
    );
    assert!(client.account_info().unwrap().is_some());
    assert!(!client.supported_agents().unwrap().is_empty());
    client.disconnect().await.unwrap();
}
