//! Hook, permission and elicitation callbacks over the control protocol,
//! with the test playing the CLI's side over in-memory pipes: routing by
//! callback id, errors, panics, timeouts and cancellation.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use claude_agent_sdk::hooks::{
    HookContext, HookEvent, HookInput, HookMatcher, HookOutput, OnFailure, PreToolUseInput, event,
};
use claude_agent_sdk::permissions::{
    ElicitationRequest, ElicitationResponse, PermissionResult, ToolPermissionRequest,
};
use claude_agent_sdk::{Error, query, query_stream};
use serde_json::{Value, json};
use support::in_memory;
use tokio::sync::mpsc;

fn hook_request(callback_id: &str, input: Value) -> Value {
    json!({"subtype": "hook_callback", "callback_id": callback_id, "input": input, "tool_use_id": "toolu_1"})
}

fn pre_tool_use(command: &str) -> Value {
    json!({"hook_event_name": "PreToolUse", "session_id": "s", "transcript_path": "/t", "cwd": "/w",
           "tool_name": "Bash", "tool_input": {"command": command}, "tool_use_id": "toolu_1"})
}

fn stop() -> Value {
    json!({"hook_event_name": "Stop", "session_id": "s", "transcript_path": "/t", "cwd": "/w", "stop_hook_active": false})
}

#[tokio::test]
async fn hook_callbacks_are_routed_by_id_and_answered() {
    let (builder, mut peers) = in_memory();
    let options = builder
        .hook(
            HookMatcher::on(
                event::PreToolUse,
                |input: PreToolUseInput, ctx: HookContext| async move {
                    assert_eq!(ctx.tool_use_id.as_deref(), Some("toolu_1"));
                    if input.tool_input["command"] == "rm -rf /" {
                        HookOutput::deny("no")
                    } else {
                        HookOutput::default()
                    }
                },
            )
            .matcher("Bash"),
        )
        .hook(HookMatcher::new(
            HookEvent::Stop,
            |input: HookInput, _| async move {
                HookOutput::default().with_system_message(format!("saw {}", input.event()))
            },
        ))
        .build();
    let cli = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        let init = peer.start().await;
        assert_eq!(
            init["request"]["hooks"],
            json!({"PreToolUse": [{"matcher": "Bash", "hookCallbackIds": ["hook_0"]}],
                   "Stop": [{"matcher": null, "hookCallbackIds": ["hook_1"]}]})
        );
        let denied = peer
            .request("c1", hook_request("hook_0", pre_tool_use("rm -rf /")))
            .await;
        assert_eq!(
            denied["response"],
            json!({"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": "no"}})
        );
        let passed = peer
            .request("c2", hook_request("hook_0", pre_tool_use("ls")))
            .await;
        assert_eq!(passed["response"], json!({}));
        let stopped = peer.request("c3", hook_request("hook_1", stop())).await;
        assert_eq!(stopped["response"], json!({"systemMessage": "saw Stop"}));
        // An unknown callback id, and a typed hook given another event's
        // input, get errors.
        let unknown = peer.request("c4", hook_request("hook_7", stop())).await;
        assert_eq!(unknown["subtype"], "error");
        assert_eq!(unknown["error"], "No hook callback found for ID: hook_7");
        let misrouted = peer.request("c5", hook_request("hook_0", stop())).await;
        assert_eq!(misrouted["subtype"], "error");
        assert!(
            misrouted["error"]
                .as_str()
                .unwrap()
                .contains("expected the input of a PreToolUse hook, got Stop"),
            "{misrouted}"
        );
        peer.finish().await;
    });
    query("go", options).await.unwrap();
    cli.await.unwrap();
}

#[tokio::test]
async fn failing_panicking_and_slow_hooks_get_errors_and_the_session_goes_on() {
    let (builder, mut peers) = in_memory();
    let (cancelled_tx, mut cancelled) = mpsc::unbounded_channel();
    let options = builder
        .hook(HookMatcher::new(HookEvent::Stop, |_, _| async {
            Err::<HookOutput, _>("disk full")
        }))
        .hook(HookMatcher::new(HookEvent::Stop, |_, _| async {
            if true {
                panic!("hook exploded");
            }
            HookOutput::default()
        }))
        .hook(
            HookMatcher::new(HookEvent::Stop, move |_, ctx: HookContext| {
                let cancelled_tx = cancelled_tx.clone();
                async move {
                    let watcher = ctx.cancellation.clone();
                    tokio::spawn(async move {
                        watcher.cancelled().await;
                        let _ = cancelled_tx.send(());
                    });
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    HookOutput::default()
                }
            })
            .timeout(Duration::from_millis(300)),
        )
        .hook(HookMatcher::new(HookEvent::Stop, |_, _| async {
            HookOutput::default().with_system_message("still here")
        }))
        .build();
    let cli = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        let init = peer.start().await;
        assert_eq!(init["request"]["hooks"]["Stop"][2]["timeout"], 0.3);
        let failed = peer.request("c1", hook_request("hook_0", stop())).await;
        assert_eq!(failed["subtype"], "error");
        assert_eq!(failed["error"], "the Stop hook `hook_0` failed: disk full");
        let panicked = peer.request("c2", hook_request("hook_1", stop())).await;
        assert_eq!(panicked["subtype"], "error");
        assert!(
            panicked["error"]
                .as_str()
                .unwrap()
                .contains("hook exploded"),
            "{panicked}"
        );
        let started = Instant::now();
        let slow = peer.request("c3", hook_request("hook_2", stop())).await;
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(slow["subtype"], "error");
        assert!(
            slow["error"]
                .as_str()
                .unwrap()
                .contains("did not answer within 300ms"),
            "{slow}"
        );
        tokio::time::timeout(Duration::from_secs(2), cancelled.recv())
            .await
            .expect("the slow hook's cancellation fired")
            .unwrap();
        let fine = peer.request("c4", hook_request("hook_3", stop())).await;
        assert_eq!(fine["response"], json!({"systemMessage": "still here"}));
        peer.finish().await;
    });
    query("go", options).await.unwrap();
    cli.await.unwrap();
}

#[tokio::test]
async fn can_use_tool_answers_and_a_cancelled_request_gets_no_answer() {
    let (builder, mut peers) = in_memory();
    let cancelled = Arc::new(AtomicBool::new(false));
    let seen = cancelled.clone();
    let options = builder
        .can_use_tool(move |request: ToolPermissionRequest| {
            let seen = seen.clone();
            async move {
                match request.input["command"].as_str() {
                    Some("ls") => PermissionResult::allow(),
                    Some("wait") => {
                        let signal = request.cancellation().clone();
                        tokio::spawn(async move {
                            signal.cancelled().await;
                            seen.store(true, Ordering::SeqCst);
                        });
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        PermissionResult::allow()
                    }
                    _ => PermissionResult::deny("not that").and_interrupt(),
                }
            }
        })
        .build();
    let cli = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        peer.start().await;
        let request = |command: &str| {
            json!({"subtype": "can_use_tool", "tool_name": "Bash", "input": {"command": command},
                   "permission_suggestions": [{"type": "addRules", "rules": [{"toolName": "Bash", "ruleContent": command}], "behavior": "allow", "destination": "localSettings"}],
                   "tool_use_id": "toolu_1"})
        };
        let allowed = peer.request("p1", request("ls")).await;
        assert_eq!(
            allowed["response"],
            json!({"behavior": "allow", "updatedInput": {"command": "ls"}})
        );
        let denied = peer.request("p2", request("rm")).await;
        assert_eq!(
            denied["response"],
            json!({"behavior": "deny", "message": "not that", "interrupt": true})
        );
        // The CLI withdraws a pending request: no answer, the callback is
        // stopped and its cancellation fires.
        peer.send(
            json!({"type": "control_request", "request_id": "p3", "request": request("wait")}),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        peer.send(json!({"type": "control_cancel_request", "request_id": "p3"}))
            .await;
        assert!(
            peer.silent_for(Duration::from_millis(500)).await,
            "no answer to a withdrawn request"
        );
        assert!(
            cancelled.load(Ordering::SeqCst),
            "the callback saw the cancellation"
        );
        // Later requests are still answered.
        let again = peer.request("p4", request("ls")).await;
        assert_eq!(again["response"]["behavior"], "allow");
        peer.finish().await;
    });
    query("go", options).await.unwrap();
    cli.await.unwrap();
}

#[tokio::test]
async fn elicitation_goes_to_the_handler() {
    let (builder, mut peers) = in_memory();
    let options = builder
        .on_elicitation(|request: ElicitationRequest| async move {
            assert_eq!(request.mcp_server_name, "asker");
            ElicitationResponse::accept(json!({"name": "Ada"}))
        })
        .build();
    let cli = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        peer.start().await;
        let answer = peer
            .request(
                "e1",
                json!({"subtype": "elicitation", "mcp_server_name": "asker", "message": "Name?", "mode": "form",
                       "requested_schema": {"type": "object"}, "property_order": ["name"]}),
            )
            .await;
        assert_eq!(
            answer["response"],
            json!({"action": "accept", "content": {"name": "Ada"}})
        );
        peer.finish().await;
    });
    query("go", options).await.unwrap();
    cli.await.unwrap();
}

#[tokio::test]
async fn on_failure_block_is_refused_by_a_cli_that_does_not_support_it() {
    let (builder, mut peers) = in_memory();
    let options = builder
        .hook(
            HookMatcher::new(HookEvent::PreToolUse, |_, _| async {
                HookOutput::default()
            })
            .on_failure(OnFailure::Block),
        )
        .build();
    tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        // CLI 2.1.197's answer has no `hook_on_failure_supported`.
        let init = peer.handshake_with(json!({"commands": []})).await;
        assert_eq!(
            init["request"]["hooks"]["PreToolUse"][0]["onFailure"],
            "block"
        );
        while peer.recv().await.is_some() {}
    });
    match query_stream("go", options).await {
        Err(Error::Unsupported { feature, .. }) => {
            assert!(feature.contains("on-failure policy `block`"), "{feature}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
}
