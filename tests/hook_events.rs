//! Which hook events the real CLI sends to SDK callbacks, and when: each
//! event that can be triggered offline fires with its typed input, and the
//! events the CLI never sends (SessionStart at start-up or resume,
//! SessionEnd at close, Setup) are pinned so that a CLI change is noticed.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use claude_agent_sdk::hooks::{
    CompactTrigger, HookEvent, HookInput, HookMatcher, HookOutput, NotificationType,
    SessionEndReason, SessionStartSource,
};
use claude_agent_sdk::messages::{Message, SystemMessage, last_result};
use claude_agent_sdk::permissions::{PermissionResult, ToolPermissionRequest};
use claude_agent_sdk::{ClaudeAgentOptionsBuilder, ClaudeClient, query};
use claude_agent_sdk_e2e::{Harness, turn};

/// Records the inputs of hooks on several events.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<HookInput>>>,
}

impl Recorder {
    /// Registers a recording hook on each event.
    fn on(
        &self,
        mut options: ClaudeAgentOptionsBuilder,
        events: &[HookEvent],
    ) -> ClaudeAgentOptionsBuilder {
        for event in events {
            let seen = self.seen.clone();
            options = options.hook(HookMatcher::new(event.clone(), move |input, _ctx| {
                seen.lock().unwrap().push(input);
                async { HookOutput::default() }
            }));
        }
        options
    }

    /// The inputs of `event`, in order.
    fn of(&self, event: HookEvent) -> Vec<HookInput> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|input| input.event() == event)
            .cloned()
            .collect()
    }

    /// The events seen, in order.
    fn events(&self) -> Vec<HookEvent> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(HookInput::event)
            .collect()
    }
}

/// The events of the settings-file hooks that reported a response.
fn settings_hooks_run(messages: &[Message]) -> Vec<String> {
    let mut events: Vec<String> = messages
        .iter()
        .filter_map(|m| match m {
            Message::System(SystemMessage::Hook(hook)) if hook.subtype == "hook_response" => {
                Some(hook.hook_event.clone())
            }
            _ => None,
        })
        .collect();
    events.sort();
    events
}

#[tokio::test]
async fn subagent_start_and_stop_fire_for_the_agent_tool() {
    let h = Harness::new().await;
    let recorder = Recorder::default();
    let options = recorder
        .on(
            h.options(),
            &[HookEvent::SubagentStart, HookEvent::SubagentStop],
        )
        .build();
    let messages = query(
        r#"CALL Agent {"subagent_type":"general-purpose","description":"d","prompt":"SAY sub done","run_in_background":false}"#,
        options,
    )
    .await
    .unwrap();
    assert!(!last_result(&messages).unwrap().is_error());
    let starts = recorder.of(HookEvent::SubagentStart);
    let stops = recorder.of(HookEvent::SubagentStop);
    assert_eq!(starts.len(), 1, "{:?}", recorder.events());
    assert_eq!(stops.len(), 1, "{:?}", recorder.events());
    let (HookInput::SubagentStart(start), HookInput::SubagentStop(stop)) = (&starts[0], &stops[0])
    else {
        panic!("{starts:?} {stops:?}")
    };
    assert_eq!(start.agent_type, "general-purpose");
    assert!(!start.agent_id.is_empty());
    assert_eq!(stop.agent_id, start.agent_id);
    assert_eq!(stop.agent_type, "general-purpose");
    assert_eq!(stop.last_assistant_message.as_deref(), Some("sub done"));
    assert!(
        stop.agent_transcript_path
            .to_string_lossy()
            .ends_with(".jsonl")
    );
}

#[tokio::test]
async fn compact_and_clear_fire_their_events() {
    let h = Harness::new().await;
    let recorder = Recorder::default();
    let options = recorder
        .on(
            h.options(),
            &[
                HookEvent::PreCompact,
                HookEvent::PostCompact,
                HookEvent::SessionStart,
                HookEvent::SessionEnd,
            ],
        )
        .build();
    let mut client = ClaudeClient::new(options);
    client.connect().await.unwrap();
    turn(&client, "SAY something worth keeping").await;
    let first_session = client.session_id().unwrap();

    turn(&client, "/compact").await;
    let pre = recorder.of(HookEvent::PreCompact);
    let post = recorder.of(HookEvent::PostCompact);
    let [HookInput::PreCompact(pre)] = pre.as_slice() else {
        panic!("{:?}", recorder.events())
    };
    let [HookInput::PostCompact(post)] = post.as_slice() else {
        panic!("{:?}", recorder.events())
    };
    assert_eq!(pre.trigger, CompactTrigger::Manual);
    assert_eq!(pre.custom_instructions, None);
    assert_eq!(post.trigger, CompactTrigger::Manual);
    assert!(!post.compact_summary.is_empty());

    let cleared = turn(&client, "/clear").await;
    let ends = recorder.of(HookEvent::SessionEnd);
    let [HookInput::SessionEnd(end)] = ends.as_slice() else {
        panic!("{:?}", recorder.events())
    };
    assert_eq!(end.reason, SessionEndReason::Clear);
    assert_eq!(end.common.session_id, first_session);
    let sources: Vec<SessionStartSource> = recorder
        .of(HookEvent::SessionStart)
        .into_iter()
        .map(|input| match input {
            HookInput::SessionStart(start) => start.source,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        sources,
        [SessionStartSource::Compact, SessionStartSource::Clear]
    );
    assert!(
        cleared
            .iter()
            .any(|m| matches!(m, Message::ConversationReset(_))),
        "{cleared:#?}"
    );
    client.disconnect().await.unwrap();
}

#[tokio::test]
async fn task_created_and_completed_fire_for_the_todo_tools() {
    let h = Harness::new().await;
    let recorder = Recorder::default();
    let options = recorder
        .on(
            h.options().env("CLAUDE_CODE_ENABLE_TODO_TOOLS", "1"),
            &[HookEvent::TaskCreated, HookEvent::TaskCompleted],
        )
        .build();
    let messages = query(
        r#"CALL TaskCreate {"subject":"Write the tests","description":"all of them"}; CALL TaskUpdate {"taskId":"1","status":"completed"}"#,
        options,
    )
    .await
    .unwrap();
    assert!(!last_result(&messages).unwrap().is_error());
    let created = recorder.of(HookEvent::TaskCreated);
    let completed = recorder.of(HookEvent::TaskCompleted);
    let [HookInput::TaskCreated(created)] = created.as_slice() else {
        panic!("{:?}", recorder.events())
    };
    let [HookInput::TaskCompleted(completed)] = completed.as_slice() else {
        panic!("{:?}", recorder.events())
    };
    assert_eq!(created.task_id, "1");
    assert_eq!(created.task_subject, "Write the tests");
    assert_eq!(created.task_description.as_deref(), Some("all of them"));
    assert_eq!(completed.task_id, "1");
    assert_eq!(completed.task_subject, "Write the tests");
}

#[tokio::test]
async fn notification_fires_when_a_permission_request_waits() {
    let h = Harness::new().await;
    let recorder = Recorder::default();
    let options = recorder
        .on(h.options(), &[HookEvent::Notification])
        .can_use_tool(|_request: ToolPermissionRequest| async {
            // Longer than the CLI's 6 s before it notifies the user.
            tokio::time::sleep(Duration::from_secs(7)).await;
            PermissionResult::allow()
        })
        .build();
    let messages = query(
        r#"CALL Bash {"command":"touch approved-late.txt","description":"x"}"#,
        options,
    )
    .await
    .unwrap();
    assert!(!last_result(&messages).unwrap().is_error());
    assert!(h.env.cwd().join("approved-late.txt").is_file());
    let notifications = recorder.of(HookEvent::Notification);
    let [HookInput::Notification(notification)] = notifications.as_slice() else {
        panic!("{:?}", recorder.events())
    };
    assert_eq!(
        notification.notification_type,
        NotificationType::PermissionPrompt
    );
    assert!(notification.message.contains("Bash"), "{notification:?}");
}

#[tokio::test]
async fn session_start_session_end_and_setup_never_reach_sdk_callbacks_at_start_or_close() {
    let h = Harness::new().await;
    let recorder = Recorder::default();
    let events = [
        HookEvent::SessionStart,
        HookEvent::SessionEnd,
        HookEvent::Setup,
        HookEvent::UserPromptSubmit,
    ];
    // The same events as command hooks in the project's settings: these do
    // run, which shows the events happen (and when).
    let command = |name: &str| serde_json::json!([{"hooks": [{"type": "command", "command": format!("echo {name}-ran")}]}]);
    std::fs::create_dir_all(h.env.cwd().join(".claude")).unwrap();
    std::fs::write(
        h.env.cwd().join(".claude/settings.json"),
        serde_json::json!({"hooks": {"SessionStart": command("start"), "Setup": command("setup")}})
            .to_string(),
    )
    .unwrap();
    let options = recorder.on(h.options(), &events).build();
    // A new session: it starts, runs a turn, and closes.
    let messages = query("SAY first", options.clone()).await.unwrap();
    assert_eq!(settings_hooks_run(&messages), ["SessionStart"]);
    let session = last_result(&messages).unwrap().session_id().to_owned();
    // The same session resumed, started with `--init` (which runs Setup).
    let resumed = options
        .to_builder()
        .resume(session)
        .extra_arg("init", None)
        .build();
    let messages = query("SAY second", resumed).await.unwrap();
    assert_eq!(last_result(&messages).unwrap().result(), Some("second"));
    assert_eq!(settings_hooks_run(&messages), ["SessionStart", "Setup"]);
    // Hooks work (UserPromptSubmit fired for both prompts), but SessionStart
    // (startup, resume), SessionEnd (close) and Setup never arrived. If this
    // fails, the CLI changed: update the docs of these events.
    assert_eq!(
        recorder.events(),
        [HookEvent::UserPromptSubmit, HookEvent::UserPromptSubmit]
    );
}
