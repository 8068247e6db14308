//! One-shot queries against the real CLI and the scripted model.

use claude_agent_sdk::messages::{SystemMessage, last_result};
use claude_agent_sdk::{Message, query, query_stream};
use claude_agent_sdk_e2e::Harness;
use futures::StreamExt;

#[tokio::test]
async fn a_simple_query_returns_the_answer_and_the_request_carries_the_options() {
    let h = Harness::new().await;
    let options = h
        .options()
        .model("claude-sonnet-4-5")
        .system_prompt("You are terse.")
        .build();
    let messages = query("SAY four", options).await.unwrap();
    let init = messages
        .iter()
        .find_map(Message::as_init)
        .expect("system/init");
    assert!(init.tools.iter().any(|t| t == "Bash"));
    assert_eq!(init.model, "claude-sonnet-4-5");
    let result = last_result(&messages).expect("a result");
    assert_eq!(result.result(), Some("four"));
    assert!(!result.is_error());
    assert!(result.cost_usd().unwrap() > 0.0);
    assert!(!result.session_id().is_empty());
    assert_eq!(
        claude_agent_sdk::messages::assistant_text(&messages),
        "four"
    );
    let requests = h.model.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].model(), Some("claude-sonnet-4-5"));
    assert!(requests[0].system_text().contains("You are terse."));
}

#[tokio::test]
async fn a_bash_tool_call_really_runs() {
    let h = Harness::new().await;
    let options = h.options().allowed_tools(["Bash"]).build();
    let messages = query(
        r#"CALL Bash {"command":"echo made-by-bash > proof.txt && cat proof.txt","description":"write"}"#,
        options,
    )
    .await
    .unwrap();
    let proof = std::fs::read_to_string(h.env.cwd().join("proof.txt")).unwrap();
    assert_eq!(proof.trim(), "made-by-bash");
    let tool_use = messages
        .iter()
        .filter_map(Message::as_assistant)
        .flat_map(|a| a.tool_uses())
        .next()
        .expect("a tool use");
    assert_eq!(tool_use.name, "Bash");
    let result = last_result(&messages).unwrap();
    assert_eq!(result.result(), Some("DONE made-by-bash"));
    let sent = h.model.requests();
    let tool_results = sent.last().unwrap().tool_results();
    assert_eq!(tool_results.len(), 1);
    assert_eq!(tool_results[0].text, "made-by-bash");
    assert!(!tool_results[0].is_error);
}

#[tokio::test]
async fn exceeding_max_turns_is_an_error_result_not_an_err() {
    let h = Harness::new().await;
    let options = h.options().allowed_tools(["Bash"]).max_turns(1).build();
    let messages = query(
        r#"CALL Bash {"command":"echo one","description":"a"}; CALL Bash {"command":"echo two","description":"b"}"#,
        options,
    )
    .await
    .expect("a failed turn is still Ok");
    let result = last_result(&messages).unwrap();
    assert!(result.is_error());
    assert_eq!(result.subtype.as_str(), "error_max_turns");
    assert_eq!(
        result.terminal_reason.as_ref().map(|r| r.as_str()),
        Some("max_turns")
    );
}

#[tokio::test]
async fn partial_messages_stream_text_deltas_and_thinking() {
    let h = Harness::new().await;
    let options = h.options().include_partial_messages(true).build();
    let mut stream = query_stream("THINK pondering; LONG 20000", options)
        .await
        .unwrap();
    let mut deltas = String::new();
    let mut thinking = String::new();
    let mut result_text = None;
    let mut states = Vec::new();
    while let Some(message) = stream.next().await {
        match message.unwrap() {
            Message::StreamEvent(event) => {
                if let Some(text) = event.text_delta() {
                    deltas.push_str(text);
                }
                if let Some(text) = event.thinking_delta() {
                    thinking.push_str(text);
                }
            }
            Message::Result(result) => result_text = result.result.clone(),
            Message::System(SystemMessage::SessionStateChanged(change)) => {
                states.push(change.state.as_str().to_owned())
            }
            _ => {}
        }
    }
    assert_eq!(deltas.len(), 20_000);
    assert_eq!(thinking, "pondering");
    assert_eq!(result_text.unwrap().len(), 20_000);
    // The session-state frames the run waits for are the SDK's business.
    assert!(states.is_empty(), "host-only frames delivered: {states:?}");
}

#[tokio::test]
async fn query_returns_init_first_and_the_result_last() {
    let h = Harness::new().await;
    claude_agent_sdk_e2e::assert_query_starts_with_init_and_ends_with_result(&h).await;
}
