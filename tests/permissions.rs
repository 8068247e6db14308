//! The permission callback and elicitation handler against the real CLI and
//! the scripted model: allowing with a rewritten input and new rules,
//! denying, cancellation on interrupt, and answering an MCP server's
//! question.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use claude_agent_sdk::messages::{Message, TerminalReason, last_result};
use claude_agent_sdk::permissions::{
    ElicitationAction, ElicitationMode, ElicitationRequest, ElicitationResponse,
    PermissionBehavior, PermissionDestination, PermissionResult, PermissionRule, PermissionUpdate,
    ToolPermissionRequest,
};
use claude_agent_sdk::{ClaudeClient, McpServerConfig, PermissionMode, query};
use claude_agent_sdk_e2e::{Harness, receive_turn};
use futures::StreamExt;
use serde_json::json;
use tokio::sync::mpsc;

#[tokio::test]
async fn can_use_tool_allows_with_a_rewritten_input_and_new_rules_and_denies() {
    let h = Harness::new().await;
    let asked = Arc::new(Mutex::new(Vec::<ToolPermissionRequest>::new()));
    let log = asked.clone();
    let options = h
        .options()
        .can_use_tool(move |request: ToolPermissionRequest| {
            log.lock().unwrap().push(request.clone());
            async move {
                let command = request.input["command"].as_str().unwrap_or_default();
                if command == "touch original.txt" {
                    PermissionResult::allow()
                        .with_updated_input(
                            json!({"command": "touch rewritten.txt", "description": "rewritten"}),
                        )
                        .with_permission_update(PermissionUpdate::add_rules(
                            [PermissionRule::with_content("Bash", "mkdir made-by-rule")],
                            PermissionBehavior::Allow,
                        ))
                } else {
                    PermissionResult::deny(format!("`{command}` is not allowed"))
                }
            }
        })
        .build();
    let messages = query(
        r#"CALL Bash {"command":"touch original.txt","description":"make file"}; CALL Bash {"command":"mkdir made-by-rule","description":"dir"}; CALL Bash {"command":"touch denied.txt","description":"no"}"#,
        options,
    )
    .await
    .unwrap();
    let cwd = h.env.cwd();
    // The approval ran the rewritten command, not the model's.
    assert!(cwd.join("rewritten.txt").is_file());
    assert!(!cwd.join("original.txt").exists());
    // The rule it added let the next command run without asking.
    assert!(cwd.join("made-by-rule").is_dir());
    // The denial kept the last one from running, and the model was told.
    assert!(!cwd.join("denied.txt").exists());
    let results = h.model.requests().pop().unwrap().tool_results();
    assert_eq!(results.len(), 3);
    assert!(!results[0].is_error && !results[1].is_error, "{results:?}");
    assert!(results[2].is_error);
    assert_eq!(results[2].text, "`touch denied.txt` is not allowed");
    let result = last_result(&messages).unwrap();
    assert_eq!(result.permission_denials.len(), 1);
    assert_eq!(
        result.permission_denials[0].tool_input["command"],
        "touch denied.txt"
    );

    let asked = asked.lock().unwrap();
    let commands: Vec<&str> = asked
        .iter()
        .map(|r| r.input["command"].as_str().unwrap())
        .collect();
    assert_eq!(commands, ["touch original.txt", "touch denied.txt"]);
    let first = &asked[0];
    assert_eq!(first.tool_name, "Bash");
    assert!(first.tool_use_id.starts_with("toolu_"));
    assert_eq!(first.description.as_deref(), Some("make file"));
    assert!(
        first
            .blocked_path
            .as_ref()
            .is_some_and(|p| p.ends_with("original.txt")),
        "{first:?}"
    );
    assert!(
        first.suggestions.contains(
            &PermissionUpdate::add_rules(
                [PermissionRule::with_content("Bash", "touch original.txt")],
                PermissionBehavior::Allow,
            )
            .to(PermissionDestination::LocalSettings)
        )
    );
    assert!(
        first
            .suggestions
            .contains(&PermissionUpdate::set_mode(PermissionMode::AcceptEdits)),
        "{:?}",
        first.suggestions
    );
}

#[tokio::test]
async fn an_interrupt_cancels_a_pending_permission_request() {
    let h = Harness::new().await;
    let (entered_tx, mut entered) = mpsc::unbounded_channel();
    let (cancelled_tx, mut cancelled) = mpsc::unbounded_channel();
    let options = h
        .options()
        .can_use_tool(move |request: ToolPermissionRequest| {
            let entered_tx = entered_tx.clone();
            let cancelled_tx = cancelled_tx.clone();
            async move {
                let signal = request.cancellation().clone();
                tokio::spawn(async move {
                    signal.cancelled().await;
                    let _ = cancelled_tx.send(());
                });
                let _ = entered_tx.send(request.tool_use_id.clone());
                // A user who never answers.
                tokio::time::sleep(Duration::from_secs(120)).await;
                PermissionResult::allow()
            }
        })
        .build();
    let mut client = ClaudeClient::new(options);
    client.connect().await.unwrap();
    let client = Arc::new(client);
    client
        .query(r#"CALL Bash {"command":"touch never.txt","description":"slow approval"}"#)
        .await
        .unwrap();
    let reader = {
        let client = client.clone();
        tokio::spawn(async move { receive_turn(&client).await })
    };
    tokio::time::timeout(Duration::from_secs(30), entered.recv())
        .await
        .expect("the permission callback was called")
        .unwrap();
    client.interrupt().await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), cancelled.recv())
        .await
        .expect("the callback's cancellation fired")
        .unwrap();
    let messages = reader.await.unwrap();
    let result = last_result(&messages).unwrap();
    assert_eq!(result.terminal_reason, Some(TerminalReason::AbortedTools));
    assert!(!h.env.cwd().join("never.txt").exists());

    // The session goes on.
    client.query("SAY still here").await.unwrap();
    let mut stream = client.receive_response();
    let mut last = None;
    while let Some(message) = stream.next().await {
        if let Message::Result(result) = message.unwrap() {
            last = Some(result);
        }
    }
    assert_eq!(last.unwrap().result(), Some("still here"));
}

/// Options with the `asker` MCP server, whose `ask` tool asks the user.
fn with_asker(h: &Harness) -> claude_agent_sdk::ClaudeAgentOptionsBuilder {
    h.options()
        .mcp_server_config(
            "asker",
            McpServerConfig::stdio(env!("CARGO_BIN_EXE_mcp-asker")),
        )
        .allowed_tools(["mcp__asker__ask"])
}

const ASK: &str = r#"CALL mcp__asker__ask {"question":"What is your name?"}"#;

#[tokio::test]
async fn an_elicitation_handler_answers_an_mcp_servers_question() {
    let h = Harness::new().await;
    let asked = Arc::new(Mutex::new(Vec::<ElicitationRequest>::new()));
    let log = asked.clone();
    let options = with_asker(&h)
        .on_elicitation(move |request: ElicitationRequest| {
            log.lock().unwrap().push(request);
            async { ElicitationResponse::accept(json!({"name": "Ada"})) }
        })
        .build();
    query(ASK, options).await.unwrap();
    let results = h.model.requests().pop().unwrap().tool_results();
    assert_eq!(
        results[0].text,
        r#"answer: {"action":"accept","content":{"name":"Ada"}}"#
    );
    let asked = asked.lock().unwrap();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].mcp_server_name, "asker");
    assert_eq!(asked[0].message, "What is your name?");
    assert_eq!(asked[0].mode, Some(ElicitationMode::Form));
    assert_eq!(
        asked[0].requested_schema.as_ref().unwrap()["required"],
        json!(["name"])
    );
}

#[tokio::test]
async fn without_an_elicitation_handler_the_sdk_declines() {
    let h = Harness::new().await;
    query(ASK, with_asker(&h).build()).await.unwrap();
    let results = h.model.requests().pop().unwrap().tool_results();
    let declined = ElicitationResponse::decline();
    assert_eq!(declined.action, ElicitationAction::Decline);
    assert_eq!(results[0].text, format!("answer: {}", declined.to_value()));
}

#[tokio::test]
async fn an_asking_hook_sends_the_call_to_permission_request_hooks_and_the_callback_first_answer_wins()
 {
    use claude_agent_sdk::hooks::{
        HookMatcher, HookOutput, PermissionRequestInput, PreToolUseInput, event,
    };
    let h = Harness::new().await;
    let (asked_tx, mut asked) = mpsc::unbounded_channel();
    let (cancelled_tx, mut cancelled) = mpsc::unbounded_channel();
    let options = h
        .options()
        // Bash is allowed outright...
        .allowed_tools(["Bash"])
        // ...but this hook asks for permission anyway...
        .hook(HookMatcher::on(
            event::PreToolUse,
            |input: PreToolUseInput, _ctx| async move {
                if input.tool_input["command"] == "touch ask-me.txt" {
                    HookOutput::ask("needs a second look")
                } else {
                    HookOutput::default()
                }
            },
        ))
        // ...and the CLI asks this hook and the callback at the same time.
        // The hook answers at once, rewriting the command...
        .hook(HookMatcher::on(
            event::PermissionRequest,
            |input: PermissionRequestInput, _ctx| async move {
                assert_eq!(input.tool_input["command"], "touch ask-me.txt");
                HookOutput::permission_request(PermissionResult::allow().with_updated_input(
                    json!({"command": "touch decided-by-hook.txt", "description": "hook"}),
                ))
            },
        ))
        // ...so the slower callback's request is withdrawn.
        .can_use_tool(move |request: ToolPermissionRequest| {
            let _ = asked_tx.send(request.input.clone());
            let signal = request.cancellation().clone();
            let cancelled_tx = cancelled_tx.clone();
            tokio::spawn(async move {
                signal.cancelled().await;
                let _ = cancelled_tx.send(());
            });
            async {
                tokio::time::sleep(Duration::from_secs(60)).await;
                PermissionResult::deny("the callback answered")
            }
        })
        .build();
    query(
        r#"CALL Bash {"command":"touch ask-me.txt","description":"x"}"#,
        options,
    )
    .await
    .unwrap();
    assert!(h.env.cwd().join("decided-by-hook.txt").is_file());
    assert!(!h.env.cwd().join("ask-me.txt").exists());
    let results = h.model.requests().pop().unwrap().tool_results();
    assert!(!results[0].is_error, "{results:?}");
    assert_eq!(
        asked.try_recv().unwrap()["command"],
        "touch ask-me.txt",
        "the `ask` reached the permission callback"
    );
    tokio::time::timeout(Duration::from_secs(5), cancelled.recv())
        .await
        .expect("the callback's request was withdrawn")
        .unwrap();
}
