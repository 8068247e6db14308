//! `AgentActivity` on the messages CLI 2.1.330 really sent when the model
//! started a custom agent in the background (`custom_agents.jsonl`).

use std::path::Path;

use claude_agent_sdk::Message;
use claude_agent_sdk::agents::{AgentActivity, AgentEvent, Thread};
use claude_agent_sdk::messages::{TaskStatus, TaskUsage};
use serde_json::Value;

fn recorded_messages() -> Vec<Message> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/protocol/2.1.330/custom_agents.jsonl");
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|record| record["dir"] == "cli->sdk" && record["msg"]["type"] != "control_response")
        .map(|record| Message::from_value(record["msg"].clone()).unwrap())
        .collect()
}

#[test]
fn the_recorded_background_agent_is_followed_from_start_to_notification() {
    let mut activity = AgentActivity::new();
    let events: Vec<AgentEvent> = recorded_messages()
        .into_iter()
        .map(|message| activity.observe(message))
        .collect();
    let echoer = Thread::Subagent("toolu_0000".into());

    let kinds: Vec<&str> = events
        .iter()
        .map(|event| match event {
            AgentEvent::Message { thread, message } if *thread == echoer => match message {
                Message::Assistant(_) => "subagent assistant",
                _ => "subagent other",
            },
            AgentEvent::Message { .. } => "main",
            AgentEvent::TaskStarted { thread, .. } if *thread == echoer => "started",
            AgentEvent::TaskUpdated { thread, task } if *thread == echoer => {
                assert_eq!(task.status(), Some(TaskStatus::Completed));
                "updated"
            }
            AgentEvent::TaskNotification { thread, .. } if *thread == echoer => "notified",
            other => panic!("unexpected {other:?}"),
        })
        .filter(|kind| *kind != "main")
        .collect();
    assert_eq!(
        kinds,
        ["started", "subagent assistant", "updated", "notified"]
    );

    let subagent = activity.subagent("toolu_0000").unwrap();
    assert_eq!(subagent.subagent_type(), Some("echoer"));
    assert_eq!(subagent.description(), Some("echo test"));
    assert_eq!(subagent.prompt(), Some("SAY echoed by subagent"));
    assert_eq!(subagent.task_id(), Some("a98a47e03196166b7"));
    assert_eq!(subagent.agent_id(), Some("a98a47e03196166b7"));
    assert_eq!(subagent.is_backgrounded(), Some(true));
    assert_eq!(subagent.status(), &TaskStatus::Completed);
    assert_eq!(subagent.summary(), Some("echoed by subagent"));
    let usage: TaskUsage = subagent.usage().unwrap();
    assert_eq!(
        (usage.total_tokens, usage.tool_uses, usage.duration_ms),
        (15, 0, 131)
    );
    assert!(
        subagent
            .tool_result()
            .unwrap()
            .starts_with("Async agent launched successfully.")
    );
    assert_eq!(subagent.messages().len(), 1);
    assert_eq!(
        subagent.messages()[0].as_assistant().unwrap().text(),
        "echoed by subagent"
    );
    assert_eq!(activity.subagents().count(), 1);
    assert_eq!(activity.running().count(), 0);
    assert_eq!(activity.thread(&echoer).len(), 1);

    // Everything else is the main thread's, both results included.
    let main = activity.main_thread();
    assert_eq!(main.iter().filter(|m| m.is_result()).count(), 2);
    assert!(main.iter().all(|m| m.parent_tool_use_id().is_none()));
}

#[test]
fn messages_of_unknown_subagents_still_get_their_own_thread() {
    let mut activity = AgentActivity::new();
    let line = r#"{"type":"user","message":{"role":"user","content":"hi"},"parent_tool_use_id":"toolu_9","agent_id":"a9","session_id":"s"}"#;
    let event = activity.observe(Message::from_json(line).unwrap());
    assert_eq!(event.thread(), &Thread::Subagent("toolu_9".into()));
    // Later messages with only the agent id land in the same thread.
    let later = r#"{"type":"assistant","message":{"id":"m","model":"c","content":[]},"parent_tool_use_id":null,"agent_id":"a9","session_id":"s"}"#;
    let later = Message::from_json(later).unwrap();
    assert_eq!(
        activity.thread_of(&later),
        Thread::Subagent("toolu_9".into())
    );
    // A task nobody started in view is the main thread's.
    let task = r#"{"type":"system","subtype":"task_progress","task_id":"b1","description":"bash","usage":{"total_tokens":1,"tool_uses":1,"duration_ms":5},"session_id":"s"}"#;
    let event = activity.observe(Message::from_json(task).unwrap());
    assert!(event.thread().is_main());
    assert!(matches!(event.into_message(), Message::System(_)));
}
