//! The scripted model over real HTTP, with a hand-written HTTP/1.1 client.

#[path = "scripted_model_support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use claude_agent_sdk::testing::{ApiErrorKind, Block, ScriptedModel, StopReason, Turn};
use serde_json::{Value, json};
use support::{Connection, HttpResponse, messages, prompt, send};
use tokio::task::JoinHandle;

#[tokio::test]
async fn say_directive_streams_sse() {
    let model = ScriptedModel::start().await.unwrap();
    assert!(model.base_url().starts_with("http://127.0.0.1:"));
    let r = messages(model.local_addr(), &prompt("SAY hi 3")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    let events = r.events();
    let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "message_start",
            "ping",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ]
    );
    let start = &events[0].1["message"];
    assert_eq!(start["model"], "claude-test-model");
    assert_eq!(start["id"], "msg_0001");
    assert_eq!(
        start["usage"],
        json!({"input_tokens": 10, "output_tokens": 1})
    );
    assert_eq!(events[5].1["delta"]["stop_reason"], "end_turn");
    assert_eq!(r.message_text(), "hi 3");

    let recorded = model.requests();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].path(), "/v1/messages");
    assert_eq!(recorded[0].query(), Some("beta=true"));
    assert_eq!(recorded[0].header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(recorded[0].system_text(), "You are a test.");
    assert_eq!(recorded[0].last_user_text().as_deref(), Some("SAY hi 3"));
    assert!(recorded[0].is_streaming());
}

/// Plays the client's side of the tool loop: every tool call is "run" by
/// `run` and its result sent back, until the model answers with text.
async fn tool_loop(
    model: &ScriptedModel,
    prompt_text: &str,
    run: impl Fn(&Value) -> Value,
) -> (String, Vec<Value>) {
    let mut body = prompt(prompt_text);
    let mut calls = Vec::new();
    for _ in 0..100 {
        let r = messages(model.local_addr(), &body).await;
        assert_eq!(r.status, 200, "{}", r.text());
        let content = r.content();
        let uses: Vec<&Value> = content.iter().filter(|b| b["type"] == "tool_use").collect();
        if uses.is_empty() {
            return (r.message_text(), calls);
        }
        let results: Vec<Value> = uses
            .iter()
            .map(|u| {
                calls.push((*u).clone());
                json!({"type": "tool_result", "tool_use_id": u["id"], "content": run(&u["input"])})
            })
            .collect();
        let msgs = body["messages"].as_array_mut().unwrap();
        msgs.push(json!({"role": "assistant", "content": content}));
        msgs.push(json!({"role": "user", "content": results}));
    }
    panic!("no final answer");
}

#[tokio::test]
async fn call_directives_run_a_tool_loop() {
    let model = ScriptedModel::start().await.unwrap();
    let (text, calls) = tool_loop(
        &model,
        r#"CALL Bash {"command":"echo hi; echo again","description":"x"}; CALL Bash {"command":"echo there","description":"y"}"#,
        |input| json!(input["command"].as_str().unwrap().replace("echo ", "")),
    )
    .await;
    assert_eq!(text, "DONE hi; again | there");
    assert_eq!(calls[0]["id"], "toolu_0000");
    assert_eq!(calls[1]["id"], "toolu_0001");
    assert_eq!(
        calls[0]["input"],
        json!({"command": "echo hi; echo again", "description": "x"})
    );

    let requests = model.requests();
    assert_eq!(requests.len(), 3);
    let results = requests[2].tool_results();
    assert_eq!(results.len(), 2);
    assert_eq!(results[1].tool_use_id, "toolu_0001");
    assert_eq!(results[1].text, "there");
    assert!(!results[1].is_error);
}

#[tokio::test]
async fn fifty_calls_end_in_done_list() {
    let model = ScriptedModel::start().await.unwrap();
    let prompt_text = (1..=50)
        .map(|i| format!(r#"CALL mcp__calc__add {{"a":{i},"b":1}}"#))
        .collect::<Vec<_>>()
        .join("; ");
    let (text, calls) = tool_loop(
        &model,
        &prompt_text,
        |input| json!([{"type": "text", "text": input["a"].to_string()}]),
    )
    .await;
    assert_eq!(calls.len(), 50);
    let expected: Vec<String> = (1..=50).map(|i| i.to_string()).collect();
    assert_eq!(text, format!("DONE {}", expected.join(" | ")));
}

#[tokio::test]
async fn non_streaming_answer_is_one_json_message() {
    let model = ScriptedModel::start().await.unwrap();
    let mut body = prompt("THINK pondering; SAY plain");
    body["stream"] = json!(false);
    let r = messages(model.local_addr(), &body).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let m = r.json();
    assert_eq!(m["type"], "message");
    assert_eq!(m["role"], "assistant");
    assert_eq!(m["model"], "claude-test-model");
    assert_eq!(m["stop_reason"], "end_turn");
    assert_eq!(m["stop_sequence"], Value::Null);
    assert_eq!(m["content"][0]["type"], "thinking");
    assert_eq!(m["content"][0]["thinking"], "pondering");
    assert_eq!(m["content"][1], json!({"type": "text", "text": "plain"}));
    assert!(!model.requests()[0].is_streaming());
}

#[tokio::test]
async fn queued_turns_take_precedence_over_directives() {
    let model = ScriptedModel::start().await.unwrap();
    model.push(Turn::text("queued").with_thinking("first think"));
    model.push_many([Turn::blocks(vec![
        Block::text("two tools"),
        Block::tool_use("A", json!({"x": 1})),
        Block::tool_use("B", json!({})),
    ])]);
    assert_eq!(model.pending_turns(), 2);
    let addr = model.local_addr();

    let r = messages(addr, &prompt("SAY directive")).await;
    let content = r.content();
    assert_eq!(content[0]["type"], "thinking");
    assert_eq!(content[0]["thinking"], "first think");
    assert!(!content[0]["signature"].as_str().unwrap().is_empty());
    assert_eq!(r.message_text(), "queued");

    let r = messages(addr, &prompt("SAY directive")).await;
    let content = r.content();
    assert_eq!(content.len(), 3);
    assert_eq!(content[1]["id"], "toolu_0000");
    assert_eq!(content[1]["input"], json!({"x": 1}));
    assert_eq!(content[2]["id"], "toolu_0001");
    let stop = r
        .events()
        .into_iter()
        .find(|(n, _)| n == "message_delta")
        .unwrap();
    assert_eq!(stop.1["delta"]["stop_reason"], "tool_use");

    assert_eq!(model.pending_turns(), 0);
    let r = messages(addr, &prompt("SAY directive")).await;
    assert_eq!(r.message_text(), "directive");

    model.push(Turn::text("cut").with_stop_reason(StopReason::MaxTokens));
    let r = messages(addr, &prompt("x")).await;
    let stop = r
        .events()
        .into_iter()
        .find(|(n, _)| n == "message_delta")
        .unwrap();
    assert_eq!(stop.1["delta"]["stop_reason"], "max_tokens");

    model.push(Turn::text("dropped"));
    model.clear_turns();
    assert_eq!(
        messages(addr, &prompt("no directives"))
            .await
            .message_text(),
        "OK"
    );
}

#[tokio::test]
async fn errors_have_status_body_and_retry_after() {
    let model = ScriptedModel::start().await.unwrap();
    let addr = model.local_addr();
    model.push(Turn::error(529).with_retry_after(Duration::ZERO));
    model.push(Turn::error(401).with_message("bad key"));
    model.push(
        Turn::api_error(ApiErrorKind::RateLimit).with_retry_after(Duration::from_millis(2500)),
    );
    model.push(Turn::stream_error(ApiErrorKind::Overloaded));
    model.push(Turn::text("partial").with_stream_error(ApiErrorKind::Api));

    let r = messages(addr, &prompt("SAY x")).await;
    assert_eq!(r.status, 529);
    assert_eq!(
        r.json(),
        json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
    );
    assert_eq!(r.header("retry-after"), Some("0"));
    assert_eq!(r.header("retry-after-ms"), Some("0"));
    assert!(r.header("request-id").is_some());

    let r = messages(addr, &prompt("SAY x")).await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.json()["error"],
        json!({"type": "authentication_error", "message": "bad key"})
    );
    assert_eq!(r.header("retry-after"), None);

    let r = messages(addr, &prompt("SAY x")).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["error"]["type"], "rate_limit_error");
    assert_eq!(r.header("retry-after"), Some("2"));
    assert_eq!(r.header("retry-after-ms"), Some("2500"));

    let r = messages(addr, &prompt("SAY x")).await;
    assert_eq!(r.status, 200);
    let names: Vec<String> = r.events().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["message_start", "ping", "error"]);
    assert_eq!(r.events()[2].1["error"]["type"], "overloaded_error");

    let r = messages(addr, &prompt("SAY x")).await;
    let events = r.events();
    assert_eq!(events.last().unwrap().0, "error");
    assert_eq!(events.last().unwrap().1["error"]["type"], "api_error");
    assert_eq!(r.message_text(), "partial");

    // Afterwards the directives answer again.
    assert_eq!(messages(addr, &prompt("SAY x")).await.message_text(), "x");
}

#[tokio::test]
async fn count_tokens_and_unknown_paths_are_recorded() {
    let model = ScriptedModel::start().await.unwrap();
    let addr = model.local_addr();
    let r = send(
        addr,
        "POST",
        "/v1/messages/count_tokens?beta=true",
        Some(&prompt("hello")),
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200);
    assert!(r.json()["input_tokens"].as_u64().unwrap() > 0);

    let r = send(addr, "GET", "/v1/models", None).await.unwrap();
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["type"], "error");
    assert_eq!(r.json()["error"]["type"], "not_found_error");

    let r = send(addr, "POST", "/v1/messages", None).await.unwrap();
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["type"], "invalid_request_error");

    let all = model.all_requests();
    let paths: Vec<(&str, &str)> = all.iter().map(|r| (r.method(), r.path())).collect();
    assert_eq!(
        paths,
        [
            ("POST", "/v1/messages/count_tokens"),
            ("GET", "/v1/models"),
            ("POST", "/v1/messages")
        ]
    );
    assert_eq!(all[0].last_user_text().as_deref(), Some("hello"));
    assert_eq!(model.requests().len(), 1);
}

#[tokio::test]
async fn long_five_million_chars_streams_exactly() {
    let model = ScriptedModel::start().await.unwrap();
    let started = Instant::now();
    let r = messages(model.local_addr(), &prompt("LONG 5000000")).await;
    let text = r.message_text();
    assert_eq!(text.len(), 5_000_000);
    assert!(text.bytes().all(|b| b.is_ascii_lowercase()));
    let deltas = r
        .events()
        .iter()
        .filter(|(_, d)| d["delta"]["type"] == "text_delta")
        .count();
    assert_eq!(deltas, 5000);
    // Generous: debug builds on a small machine.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn chunk_size_and_fallback_are_configurable() {
    let model = ScriptedModel::builder()
        .chunk_size(10)
        .fallback_text("nothing to do")
        .start()
        .await
        .unwrap();
    let r = messages(model.local_addr(), &prompt("LONG 95")).await;
    let deltas = r
        .events()
        .iter()
        .filter(|(_, d)| d["delta"]["type"] == "text_delta")
        .count();
    assert_eq!(deltas, 10);
    assert_eq!(r.message_text().len(), 95);
    let r = messages(model.local_addr(), &prompt("hello")).await;
    assert_eq!(r.message_text(), "nothing to do");
}

#[tokio::test]
async fn delays_and_slow_directive() {
    let model = ScriptedModel::start().await.unwrap();
    model.push(Turn::text("late").delay(Duration::from_millis(300)));
    let started = Instant::now();
    let r = messages(model.local_addr(), &prompt("x")).await;
    assert_eq!(r.message_text(), "late");
    assert!(started.elapsed() >= Duration::from_millis(300));

    let started = Instant::now();
    let r = messages(model.local_addr(), &prompt("SLOW 200; SAY slow")).await;
    assert_eq!(r.message_text(), "slow");
    assert!(started.elapsed() >= Duration::from_millis(200));
}

/// A model whose next answer hangs, and the request it hangs on, once the
/// model has it.
async fn hung_request() -> (ScriptedModel, JoinHandle<HttpResponse>) {
    let model = ScriptedModel::start().await.unwrap();
    let addr = model.local_addr();
    model.push(Turn::hang());
    let hung = tokio::spawn(async move { messages(addr, &prompt("x")).await });
    model
        .wait_for_requests(1, Duration::from_secs(5))
        .await
        .unwrap();
    (model, hung)
}

#[tokio::test]
async fn hang_blocks_neither_other_requests_nor_shutdown() {
    let (model, hung) = hung_request().await;
    let addr = model.local_addr();

    let r = messages(addr, &prompt("SAY meanwhile")).await;
    assert_eq!(r.message_text(), "meanwhile");
    assert!(!hung.is_finished());

    let started = Instant::now();
    model.shutdown().await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let r = tokio::time::timeout(Duration::from_secs(2), hung)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.status, 503);
    assert!(Connection::open(addr).await.is_err(), "no longer listening");
}

#[tokio::test]
async fn dropping_the_model_stops_it() {
    let (model, hung) = hung_request().await;
    let addr = model.local_addr();
    drop(model);
    let r = tokio::time::timeout(Duration::from_secs(2), hung)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.status, 503);
    let deadline = Instant::now() + Duration::from_secs(2);
    while Connection::open(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "still listening");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn wait_for_requests_times_out_with_a_count() {
    let model = ScriptedModel::start().await.unwrap();
    messages(model.local_addr(), &prompt("SAY a")).await;
    let err = model
        .wait_for_requests(2, Duration::from_millis(50))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
    assert!(err.to_string().contains("only 1 of 2"), "{err}");
    assert_eq!(
        model
            .wait_for_requests(1, Duration::ZERO)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn keep_alive_connection_serves_several_requests() {
    let model = ScriptedModel::start().await.unwrap();
    let mut conn = Connection::open(model.local_addr()).await.unwrap();
    for i in 0..3 {
        let r = conn
            .send(
                "POST",
                "/v1/messages?beta=true",
                Some(&prompt(&format!("SAY n{i}"))),
            )
            .await
            .unwrap();
        assert_eq!(r.message_text(), format!("n{i}"));
    }
    let r = conn
        .send(
            "POST",
            "/v1/messages/count_tokens?beta=true",
            Some(&prompt("x")),
        )
        .await
        .unwrap();
    assert_eq!(r.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_conversations() {
    let model = ScriptedModel::start().await.unwrap();
    let addr = model.local_addr();
    let tasks: Vec<_> = (0..25)
        .map(|i| {
            tokio::spawn(async move {
                let mut conn = Connection::open(addr).await.unwrap();
                let mut body = prompt(&format!("SLOW 50; CALL T {{\"i\":{i}}}; SAY agent {i}"));
                let r = conn
                    .send("POST", "/v1/messages?beta=true", Some(&body))
                    .await
                    .unwrap();
                let content = r.content();
                assert_eq!(content[0]["input"], json!({"i": i}));
                let msgs = body["messages"].as_array_mut().unwrap();
                msgs.push(json!({"role": "assistant", "content": content}));
                msgs.push(json!({"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": content[0]["id"], "content": "ok"}
                ]}));
                let r = conn
                    .send("POST", "/v1/messages?beta=true", Some(&body))
                    .await
                    .unwrap();
                r.message_text()
            })
        })
        .collect();
    let started = Instant::now();
    for (i, task) in tasks.into_iter().enumerate() {
        assert_eq!(task.await.unwrap(), format!("agent {i}"));
    }
    // Delays overlap instead of adding up (25 × 2 × 50 ms = 2.5 s serially).
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(model.requests().len(), 50);
    let mut ids: Vec<String> = model
        .requests()
        .iter()
        .flat_map(|r| r.tool_results())
        .map(|t| t.tool_use_id)
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 25, "tool ids are unique per server");
}
