//! Model errors surface as the CLI reports them: retries as
//! `system/api_retry`, the final error as an assistant message with `error`
//! and a result with `is_error` (never an `Err`).

use std::time::{Duration, Instant};

use claude_agent_sdk::messages::{ResultMessage, SystemMessage, last_result};
use claude_agent_sdk::testing::Turn;
use claude_agent_sdk::{ClaudeAgentOptions, Message, query};
use claude_agent_sdk_e2e::Harness;

#[tokio::test]
async fn an_overloaded_answer_is_retried_and_the_retry_is_reported() {
    let h = Harness::new().await;
    h.model.push(Turn::error(529));
    let messages = query("SAY recovered", h.options().build()).await.unwrap();
    let retries: Vec<_> = messages
        .iter()
        .filter_map(|m| match m {
            Message::System(SystemMessage::ApiRetry(retry)) => Some(retry),
            _ => None,
        })
        .collect();
    assert_eq!(retries.len(), 1, "{messages:#?}");
    assert_eq!(retries[0].attempt, 1);
    assert_eq!(retries[0].error_status, Some(529));
    assert!(retries[0].max_retries >= 1);
    let result = last_result(&messages).unwrap();
    assert_eq!(result.result(), Some("recovered"));
    assert!(!result.is_error());
    assert_eq!(h.model.requests().len(), 2);
}

#[tokio::test]
async fn a_bad_request_fails_fast_as_an_error_result() {
    let h = Harness::new().await;
    // The CLI retries a 400 a few times at once (with fewer betas) before
    // giving up: script enough of them.
    h.model.push_many(
        (0..8).map(|_| Turn::error(400).with_message("this request is refused by the test")),
    );
    let started = Instant::now();
    let messages = query("SAY unreachable", h.options().build()).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(20));
    let assistant = messages
        .iter()
        .filter_map(Message::as_assistant)
        .find(|a| a.is_error())
        .expect("an assistant message with an error");
    assert!(assistant.error.is_some());
    let result = last_result(&messages).unwrap();
    assert!(result.is_error());
    assert_eq!(
        result.terminal_reason.as_ref().map(|r| r.as_str()),
        Some("api_error")
    );
    assert!(
        result
            .result()
            .unwrap_or_default()
            .contains("refused by the test"),
        "{result:?}"
    );
}

/// Runs a query whose model calls all fail, with the CLI allowed one retry:
/// it reports that one retry and ends, within 30 s, with an error result.
async fn fails_after_one_retry(options: ClaudeAgentOptions) -> ResultMessage {
    let started = Instant::now();
    let messages = query("SAY unreachable", options).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(30));
    let retries = messages
        .iter()
        .filter(|m| matches!(m, Message::System(SystemMessage::ApiRetry(_))))
        .count();
    assert_eq!(retries, 1);
    let result = last_result(&messages).unwrap().clone();
    assert!(result.is_error());
    result
}

#[tokio::test]
async fn capped_retries_give_the_final_error_quickly() {
    let h = Harness::new().await;
    h.model
        .push_many([Turn::error(529), Turn::error(529), Turn::error(529)]);
    let options = h.options().env("CLAUDE_CODE_MAX_RETRIES", "1").build();
    let result = fails_after_one_retry(options).await;
    assert_eq!(result.api_error_status, Some(529));
}

#[tokio::test]
async fn a_stalled_model_server_surfaces_the_retry_and_a_timeout_error() {
    let h = Harness::new().await;
    h.model
        .push_many([Turn::hang(), Turn::hang(), Turn::hang()]);
    let options = h
        .options()
        .env("API_TIMEOUT_MS", "1500")
        .env("CLAUDE_CODE_MAX_RETRIES", "1")
        .build();
    let result = fails_after_one_retry(options).await;
    assert!(
        result.result().unwrap_or_default().contains("timed out"),
        "{result:?}"
    );
}

#[tokio::test]
async fn repeated_overload_reports_every_retry_then_the_final_error() {
    let h = Harness::new().await;
    h.model.push_many((0..5).map(|_| Turn::error(529)));
    let options = h.options().env("CLAUDE_CODE_MAX_RETRIES", "3").build();
    let messages = query("SAY unreachable", options).await.unwrap();
    let attempts: Vec<u32> = messages
        .iter()
        .filter_map(|m| match m {
            Message::System(SystemMessage::ApiRetry(retry)) => Some(retry.attempt),
            _ => None,
        })
        .collect();
    assert_eq!(attempts, [1, 2, 3]);
    let result = last_result(&messages).unwrap();
    assert!(result.is_error());
    assert_eq!(result.api_error_status, Some(529));
    assert_eq!(h.model.requests().len(), 4);
}
