//! `#[agent]` subagents run by the real CLI, and the stream sorted by agent.

use claude_agent_sdk::agents::{Agent, AgentActivity, AgentEvent, AgentEvents, Thread};
use claude_agent_sdk::messages::{TaskStatus, last_result};
use claude_agent_sdk::{Message, agent, query, query_stream};
use claude_agent_sdk_e2e::Harness;
use futures::StreamExt;

/// Reviews Rust code for bugs. Use it to review files.
#[agent(
    prompt = "You are the CODE-REVIEWER subagent. Report every bug you find.",
    tools = ["Read", "Grep"],
    model = "inherit",
    max_turns = 3
)]
struct CodeReviewer;

/// Answers in French.
#[agent(prompt = "You are FRENCH: always answer in French.", tools = ["Read"])]
struct French;

fn agent_call(background: bool) -> String {
    format!(
        r#"CALL Agent {{"subagent_type":"{}","description":"review lib","prompt":"SAY reviewed","run_in_background":{background}}}"#,
        CodeReviewer::NAME
    )
}

#[tokio::test]
async fn the_model_starts_an_agent_macro_subagent_with_its_prompt_and_tools() {
    let h = Harness::new().await;
    let options = h
        .options()
        .agent(CodeReviewer)
        .allowed_tools(["Agent"])
        .build();
    let stream = query_stream(agent_call(false), options).await.unwrap();
    let mut events = AgentEvents::new(stream);
    let mut seen = Vec::new();
    while let Some(event) = events.next().await {
        seen.push(event.unwrap());
    }
    let (_, activity) = events.into_parts();

    // The subagent's own request carries its prompt and exactly its tools;
    // the main agent's requests do not.
    let requests = h.model.requests();
    let (sub, main): (Vec<_>, Vec<_>) = requests
        .iter()
        .partition(|r| r.system_text().contains("CODE-REVIEWER subagent"));
    assert_eq!(sub.len(), 1, "{requests:#?}");
    assert_eq!(sub[0].tool_names(), ["Read", "Grep"]);
    assert!(sub[0].last_user_text().unwrap().ends_with("SAY reviewed"));
    assert!(main.len() >= 2, "{requests:#?}");
    assert!(main[0].tool_names().contains(&"Agent"));

    // The stream, sorted by agent.
    let subagent = activity.subagents().next().expect("one subagent");
    let thread = Thread::Subagent(subagent.tool_use_id().to_owned());
    assert_eq!(activity.subagents().count(), 1);
    assert_eq!(subagent.subagent_type(), Some("code-reviewer"));
    assert_eq!(subagent.description(), Some("review lib"));
    assert_eq!(subagent.prompt(), Some("SAY reviewed"));
    assert_eq!(subagent.is_backgrounded(), Some(false));
    assert_eq!(subagent.status(), &TaskStatus::Completed);
    assert_eq!(subagent.summary(), Some("reviewed"));
    assert!(subagent.task_id().is_some());
    assert!(subagent.agent_id().is_some());
    assert!(
        subagent.tool_result().unwrap().contains("reviewed"),
        "{:?}",
        subagent.tool_result()
    );
    assert!(
        subagent
            .messages()
            .iter()
            .any(|m| m.as_user().is_some_and(|u| u.text() == "SAY reviewed")),
        "{:?}",
        subagent.messages()
    );
    assert!(activity.running().next().is_none());

    let started = seen
        .iter()
        .position(|e| matches!(e, AgentEvent::TaskStarted { thread: t, task } if *t == thread && task.subagent_type.as_deref() == Some("code-reviewer")))
        .expect("task_started for the subagent");
    let finished = seen
        .iter()
        .position(|e| matches!(e, AgentEvent::TaskNotification { thread: t, task } if *t == thread && task.summary == "reviewed"))
        .expect("task_notification for the subagent");
    assert!(started < finished);
    assert!(
        seen.iter()
            .any(|e| matches!(e, AgentEvent::Message { thread: t, .. } if *t == thread))
    );

    // The main thread holds the Agent call and the final answer.
    let main_messages = activity.main_thread();
    assert!(
        main_messages
            .iter()
            .any(|m| m.as_assistant().is_some_and(|a| a
                .tool_uses()
                .any(|t| t.name == "Agent" && t.id == subagent.tool_use_id())))
    );
    let result = last_result(main_messages).unwrap();
    assert!(result.result().unwrap().starts_with("DONE "), "{result:?}");
}

#[tokio::test]
async fn a_background_subagents_messages_are_grouped_by_agent_id() {
    let h = Harness::new().await;
    let options = h
        .options()
        .agent(CodeReviewer)
        .allowed_tools(["Agent"])
        .build();
    // The run lasts until the session is idle: the subagent's notification
    // and the follow-up turn included.
    let messages = query(agent_call(true), options).await.unwrap();
    let mut activity = AgentActivity::new();
    for message in &messages {
        activity.observe(message.clone());
    }
    let subagent = activity.subagents().next().expect("one subagent");
    assert_eq!(subagent.is_backgrounded(), Some(true));
    assert_eq!(subagent.status(), &TaskStatus::Completed);
    assert_eq!(subagent.summary(), Some("reviewed"));
    // The subagent's answer is forwarded with its agent id.
    let answer = subagent
        .messages()
        .iter()
        .find_map(Message::as_assistant)
        .expect("the subagent's assistant message");
    assert_eq!(answer.text(), "reviewed");
    assert_eq!(answer.agent_id.as_deref(), subagent.agent_id());
    assert_eq!(
        activity.thread_of(&Message::Assistant(answer.clone())),
        Thread::Subagent(subagent.tool_use_id().to_owned())
    );
    // Two results: the first turn's, and the one of the turn the
    // notification started.
    let results = messages.iter().filter(|m| m.is_result()).count();
    assert_eq!(results, 2, "{messages:#?}");
    assert!(
        activity
            .main_thread()
            .iter()
            .all(|m| m.parent_tool_use_id().is_none())
    );
}

#[tokio::test]
async fn main_agent_runs_the_session_as_an_agent_defined_in_initialize() {
    let h = Harness::new().await;
    let options = h.options().agent(French).main_agent(French::NAME).build();
    assert_eq!(French.definition().tools, Some(vec!["Read".to_owned()]));
    let messages = query("SAY bonjour", options).await.unwrap();
    assert_eq!(last_result(&messages).unwrap().result(), Some("bonjour"));
    let requests = h.model.requests();
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0].system_text().contains("You are FRENCH"),
        "{}",
        requests[0].system_text()
    );
    // The main thread has the agent's tools (and what the CLI always adds).
    assert!(requests[0].tool_names().contains(&"Read"));
    assert!(!requests[0].tool_names().contains(&"Bash"));
    let init = messages.iter().find_map(Message::as_init).unwrap();
    assert!(
        init.agents.iter().any(|a| a == "french"),
        "{:?}",
        init.agents
    );
}
