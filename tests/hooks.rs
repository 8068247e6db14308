//! Hooks against the real CLI and the scripted model: deciding, rewriting
//! and annotating tool calls, prompts and stops, and surviving hooks that
//! fail.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use claude_agent_sdk::hooks::{
    HookContext, HookEvent, HookInput, HookMatcher, HookOutput, OnFailure, PostToolUseInput,
    PreToolUseInput, StopInput, UserPromptSubmitInput, event,
};
use claude_agent_sdk::messages::{SystemMessage, last_result};
use claude_agent_sdk::testing::RecordedRequest;
use claude_agent_sdk::{Error, Message, hook, query, query_stream};
use claude_agent_sdk_e2e::Harness;
use serde_json::json;

/// Every input a hook saw.
type Seen = Arc<Mutex<Vec<HookInput>>>;

/// A hook on `event` that records its inputs and answers `output`.
fn recorder(event: HookEvent, output: HookOutput) -> (HookMatcher, Seen) {
    let seen = Seen::default();
    let log = seen.clone();
    let hook = HookMatcher::new(event, move |input, _ctx| {
        log.lock().unwrap().push(input);
        let output = output.clone();
        async move { output }
    });
    (hook, seen)
}

/// Whether the conversation sent to the model contains `text` (hook
/// context arrives in a `system` or `user` message, depending on the CLI).
fn context_sent(request: &RecordedRequest, text: &str) -> bool {
    request
        .messages()
        .iter()
        .any(|m| m["role"] != "assistant" && m["content"].to_string().contains(text))
}

/// Refuse `rm` in shell commands.
#[hook(PreToolUse, matcher = "Bash", timeout = 10)]
async fn no_rm(input: PreToolUseInput) -> HookOutput {
    let command = input.tool_input["command"].as_str().unwrap_or_default();
    if command.starts_with("rm ") {
        HookOutput::deny("rm is blocked by policy")
    } else {
        HookOutput::default()
    }
}

#[tokio::test]
async fn a_pre_tool_use_hook_denies_a_command_and_the_model_sees_the_denial() {
    let h = Harness::new().await;
    std::fs::create_dir(h.env.cwd().join("scratch")).unwrap();
    let options = h.options().allowed_tools(["Bash"]).hook(no_rm).build();
    let messages = query(
        r#"CALL Bash {"command":"rm -rf scratch","description":"remove"}; CALL Bash {"command":"echo hello","description":"greet"}"#,
        options,
    )
    .await
    .unwrap();
    assert!(h.env.cwd().join("scratch").is_dir(), "rm did not run");
    let results = h.model.requests().last().unwrap().tool_results();
    assert_eq!(results.len(), 2);
    assert!(results[0].is_error);
    assert!(
        results[0].text.contains("rm is blocked by policy"),
        "{results:?}"
    );
    assert!(!results[1].is_error);
    assert_eq!(results[1].text, "hello");
    let result = last_result(&messages).unwrap();
    assert_eq!(result.permission_denials.len(), 1, "{result:?}");
    assert_eq!(result.permission_denials[0].tool_name, "Bash");
    assert_eq!(
        result.permission_denials[0].tool_input["command"],
        "rm -rf scratch"
    );
}

#[tokio::test]
async fn a_pre_tool_use_hook_rewrites_the_command_that_runs() {
    let h = Harness::new().await;
    let seen = Seen::default();
    let log = seen.clone();
    // No allow rule and no permission callback: the hook's "allow" is what
    // lets the call run.
    let options = h
        .options()
        .hook(
            HookMatcher::on(event::PreToolUse, move |input: PreToolUseInput, ctx| {
                log.lock()
                    .unwrap()
                    .push(HookInput::PreToolUse(input.clone()));
                assert_eq!(ctx.tool_use_id.as_deref(), Some(input.tool_use_id.as_str()));
                async move {
                    HookOutput::allow()
                        .with_permission_decision_reason("rewritten by the SDK")
                        .with_updated_input(
                            json!({"command": "touch rewritten.txt", "description": "hooked"}),
                        )
                }
            })
            .matcher("Bash"),
        )
        .build();
    let messages = query(
        r#"CALL Bash {"command":"touch original.txt","description":"orig"}"#,
        options,
    )
    .await
    .unwrap();
    assert!(h.env.cwd().join("rewritten.txt").is_file());
    assert!(!h.env.cwd().join("original.txt").exists());
    assert!(!last_result(&messages).unwrap().is_error());
    let seen = seen.lock().unwrap();
    let HookInput::PreToolUse(input) = &seen[0] else {
        panic!("{seen:?}")
    };
    assert_eq!(input.tool_name, "Bash");
    assert_eq!(input.tool_input["command"], "touch original.txt");
    assert_eq!(
        input.common.cwd.canonicalize().unwrap(),
        h.env.cwd().canonicalize().unwrap()
    );
    assert!(!input.common.session_id.is_empty());
}

#[tokio::test]
async fn a_post_tool_use_hook_adds_context_and_replaces_the_output() {
    let h = Harness::new().await;
    let seen = Seen::default();
    let log = seen.clone();
    let options = h
        .options()
        .allowed_tools(["Bash"])
        .hook(
            HookMatcher::on(event::PostToolUse, move |input: PostToolUseInput, _ctx| {
                log.lock()
                    .unwrap()
                    .push(HookInput::PostToolUse(input.clone()));
                async move {
                    let stdout = input.tool_response["stdout"].as_str().unwrap_or_default();
                    HookOutput::context("the secret was redacted by a hook")
                        .with_updated_tool_output(json!({
                            "stdout": stdout.replace("s3cr3t", "[REDACTED]"),
                            "stderr": "",
                            "interrupted": false,
                            "isImage": false,
                        }))
                }
            })
            .matcher("Bash"),
        )
        .build();
    query(
        r#"CALL Bash {"command":"echo token=s3cr3t","description":"leak"}"#,
        options,
    )
    .await
    .unwrap();
    let last = h.model.requests().pop().unwrap();
    let results = last.tool_results();
    assert_eq!(results[0].text, "token=[REDACTED]", "{results:?}");
    assert!(results.iter().all(|r| !r.text.contains("s3cr3t")));
    // 2.1.330 sends the context as a `system` message after the tool result.
    assert!(
        context_sent(&last, "the secret was redacted by a hook"),
        "{:#?}",
        last.messages()
    );
    let seen = seen.lock().unwrap();
    let HookInput::PostToolUse(input) = &seen[0] else {
        panic!("{seen:?}")
    };
    assert_eq!(input.tool_response["stdout"], "token=s3cr3t");
    assert!(input.duration_ms.is_some());
}

/// Greets the model before every prompt.
#[hook(UserPromptSubmit)]
async fn add_house_rules(input: UserPromptSubmitInput) -> HookOutput {
    HookOutput::context(format!("House rules apply to: {}", input.prompt))
}

#[tokio::test]
async fn user_prompt_submit_and_stop_hooks_fire() {
    let h = Harness::new().await;
    let stops = Seen::default();
    let log = stops.clone();
    let options = h
        .options()
        .hook(add_house_rules)
        .hook(HookMatcher::on(
            event::Stop,
            move |input: StopInput, _ctx: HookContext| {
                log.lock().unwrap().push(HookInput::Stop(input));
                async { HookOutput::default().with_system_message("stop hook ran") }
            },
        ))
        .build();
    let messages = query("SAY all done", options).await.unwrap();
    let request = h.model.requests().pop().unwrap();
    assert!(
        context_sent(&request, "House rules apply to: SAY all done"),
        "{:#?}",
        request.messages()
    );
    let stops = stops.lock().unwrap();
    assert_eq!(stops.len(), 1);
    let HookInput::Stop(stop) = &stops[0] else {
        panic!()
    };
    assert_eq!(stop.last_assistant_message.as_deref(), Some("all done"));
    assert!(!stop.stop_hook_active);
    // The Stop hook's message reaches the caller.
    let notices: Vec<&str> = messages
        .iter()
        .filter_map(|m| match m {
            Message::System(SystemMessage::Informational(info)) => Some(info.content.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        notices.iter().any(|n| n.contains("stop hook ran")),
        "{notices:?}"
    );
}

#[tokio::test]
async fn a_panicking_hook_and_a_slow_hook_do_not_break_the_session() {
    let h = Harness::new().await;
    let (after, after_seen) = recorder(HookEvent::PostToolUse, HookOutput::default());
    let options = h
        .options()
        .allowed_tools(["Bash"])
        .hook(
            HookMatcher::new(HookEvent::PreToolUse, |_input, _ctx| async {
                if true {
                    panic!("this hook is broken");
                }
                HookOutput::default()
            })
            .matcher("Bash"),
        )
        .hook(
            HookMatcher::new(HookEvent::PostToolUse, |_input, _ctx| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                HookOutput::stop("never sent")
            })
            .timeout(Duration::from_secs(1)),
        )
        .hook(after)
        .build();
    let started = std::time::Instant::now();
    let messages = query(
        r#"CALL Bash {"command":"echo survived > alive.txt && cat alive.txt","description":"x"}; SAY finished"#,
        options,
    )
    .await
    .unwrap();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(
        std::fs::read_to_string(h.env.cwd().join("alive.txt"))
            .unwrap()
            .trim(),
        "survived"
    );
    let result = last_result(&messages).unwrap();
    assert!(!result.is_error(), "{result:?}");
    assert_eq!(result.result(), Some("finished"));
    assert_eq!(
        after_seen.lock().unwrap().len(),
        1,
        "the other hooks still ran"
    );
    // The CLI reports the failed callbacks.
    let failures = messages
        .iter()
        .filter(|m| {
            matches!(m, Message::System(SystemMessage::Informational(info))
                if info.tag.as_deref() == Some("hook_callback_failed"))
        })
        .count();
    assert!(failures >= 1, "{messages:#?}");
}

#[tokio::test]
async fn on_failure_block_stops_a_tool_whose_hook_fails() {
    let h = Harness::new().await;
    let options = h
        .options()
        .allowed_tools(["Bash"])
        .hook(
            HookMatcher::new(HookEvent::PreToolUse, |_input, _ctx| async {
                Err::<HookOutput, _>("the policy service is down")
            })
            .matcher("Bash")
            .on_failure(OnFailure::Block),
        )
        .build();
    let messages = query(
        r#"CALL Bash {"command":"touch blocked.txt","description":"x"}"#,
        options,
    )
    .await
    .unwrap();
    assert!(!h.env.cwd().join("blocked.txt").exists());
    let results = h.model.requests().pop().unwrap().tool_results();
    assert!(results[0].is_error, "{results:?}");
    assert!(last_result(&messages).is_some());
}

#[tokio::test]
async fn hooks_work_on_cli_2_1_197_which_refuses_on_failure_block() {
    let h = Harness::with_version("2.1.197").await;
    let (prompts, prompts_seen) = recorder(
        HookEvent::UserPromptSubmit,
        HookOutput::context("context from an old CLI's hook"),
    );
    let options = h
        .options()
        .allowed_tools(["Bash"])
        .hook(no_rm)
        .hook(prompts)
        .build();
    let messages = query(
        r#"CALL Bash {"command":"rm -rf nothing-here","description":"x"}; SAY ok"#,
        options.clone(),
    )
    .await
    .unwrap();
    assert_eq!(prompts_seen.lock().unwrap().len(), 1);
    let request = h.model.requests().pop().unwrap();
    let results = request.tool_results();
    assert!(results[0].is_error);
    assert!(
        results[0].text.contains("rm is blocked by policy"),
        "{results:?}"
    );
    assert!(
        context_sent(&request, "context from an old CLI's hook"),
        "{:#?}",
        request.messages()
    );
    assert_eq!(last_result(&messages).unwrap().permission_denials.len(), 1);

    // 2.1.197 does not know on-failure policies: `block` would silently be
    // `continue`, so the session is refused.
    let blocking = options
        .to_builder()
        .hook(
            HookMatcher::new(HookEvent::PreToolUse, |_, _| async {
                HookOutput::default()
            })
            .on_failure(OnFailure::Block),
        )
        .build();
    match query_stream("SAY hi", blocking).await {
        Err(Error::Unsupported { feature, detail }) => {
            assert!(feature.contains("on-failure policy `block`"), "{feature}");
            assert!(detail.contains("hook_on_failure_supported"), "{detail}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
}

#[tokio::test]
async fn a_hook_can_stop_the_agent() {
    let h = Harness::new().await;
    let options = h
        .options()
        .allowed_tools(["Bash"])
        .hook(
            HookMatcher::new(HookEvent::PostToolUse, |_input, _ctx| async {
                HookOutput::stop("one command is enough")
            })
            .matcher("Bash"),
        )
        .build();
    let messages = query(
        r#"CALL Bash {"command":"touch first.txt","description":"one"}; CALL Bash {"command":"touch second.txt","description":"two"}"#,
        options,
    )
    .await
    .unwrap();
    assert!(h.env.cwd().join("first.txt").is_file());
    assert!(!h.env.cwd().join("second.txt").exists());
    // The model was not asked again after the first tool.
    assert_eq!(h.model.requests().len(), 1);
    assert!(last_result(&messages).is_some());
}
