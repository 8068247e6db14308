//! The Session API: create, send, receive per turn, resume and fork by id.

use claude_agent_sdk::session::{Session, prompt};
use claude_agent_sdk_e2e::Harness;
use futures::StreamExt;

#[tokio::test]
async fn a_session_keeps_every_option_and_its_id() {
    let h = Harness::new().await;
    let options = h
        .options()
        .model("claude-opus-4-5")
        .system_prompt("Session system prompt.")
        .build();
    let mut session = Session::create(options).await.unwrap();
    assert_eq!(session.id(), None, "unknown before the first turn");
    session.send("SAY hello").await.unwrap();
    let mut messages = Vec::new();
    let mut turn = session.receive();
    while let Some(message) = turn.next().await {
        messages.push(message.unwrap());
    }
    drop(turn);
    assert!(messages.last().unwrap().is_result());
    let id = session.id().expect("known after the first turn");
    session.wait_idle().await.unwrap();
    session.close().await.unwrap();
    let request = &h.model.requests()[0];
    assert_eq!(request.model(), Some("claude-opus-4-5"));
    assert!(request.system_text().contains("Session system prompt."));
    assert_eq!(id.len(), 36);
}

#[tokio::test]
async fn resume_keeps_the_history_and_fork_makes_a_new_id() {
    let h = Harness::new().await;
    let mut first = Session::create(h.options().build()).await.unwrap();
    let answer = first.turn("SAY remember 7").await.unwrap();
    assert_eq!(answer.result(), Some("remember 7"));
    let id = first.id().unwrap();
    first.close().await.unwrap();

    let mut resumed = Session::resume(&id, h.options().build()).await.unwrap();
    assert_eq!(resumed.id().as_deref(), Some(id.as_str()));
    let again = resumed.turn("SAY resumed").await.unwrap();
    assert_eq!(again.result(), Some("resumed"));
    assert_eq!(again.session_id(), id);
    resumed.close().await.unwrap();
    let history = h.model.requests()[1].user_texts().join("\n");
    assert!(history.contains("SAY remember 7"), "{history}");

    let mut forked = Session::fork(&id, h.options().build()).await.unwrap();
    let forked_answer = forked.turn("SAY forked").await.unwrap();
    assert_eq!(forked_answer.result(), Some("forked"));
    let fork_id = forked.id().unwrap();
    assert_ne!(fork_id, id);
    forked.close().await.unwrap();
    let history = h.model.requests()[2].user_texts().join("\n");
    assert!(history.contains("SAY remember 7"), "{history}");
    assert!(history.contains("SAY resumed"), "{history}");
}

#[tokio::test]
async fn prompt_is_a_one_shot_question() {
    let h = Harness::new().await;
    let result = prompt("SAY 4", h.options().build()).await.unwrap();
    assert_eq!(result.result(), Some("4"));
}
