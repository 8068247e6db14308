//! Property tests of the message parser and the control router on hostile
//! input: arbitrary and truncated JSON, huge numbers, deep nesting, invalid
//! UTF-8, lines over the limit. Never a panic; always a typed error or a
//! catch-all message.

use std::sync::Arc;
use std::time::Duration;

use claude_agent_sdk::transport::{CliCommand, Process, ProcessExit, Transport, TransportIo};
use claude_agent_sdk::{ClaudeAgentOptions, Error, Message, query_stream};
use futures::StreamExt;
use proptest::prelude::*;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Real CLI lines to mutate.
fn recorded_lines() -> Vec<String> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/protocol/2.1.330");
    let mut lines = Vec::new();
    for name in [
        "simple_query.jsonl",
        "sdk_mcp_server.jsonl",
        "hooks_pre_post.jsonl",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        for line in text.lines() {
            let record: Value = serde_json::from_str(line).unwrap();
            if record["dir"] == "cli->sdk" {
                lines.push(record["msg"].to_string());
            }
        }
    }
    lines
}

/// Arbitrary JSON values, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,20}".prop_map(Value::String),
        prop_oneof![
            Just("assistant"),
            Just("user"),
            Just("result"),
            Just("system"),
            Just("stream_event"),
            Just("control_request"),
            Just("control_response"),
            Just("control_cancel_request"),
            Just("keep_alive"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("subtype".to_owned()),
                    Just("message".to_owned()),
                    Just("content".to_owned()),
                    Just("request_id".to_owned()),
                    Just("request".to_owned()),
                    Just("response".to_owned()),
                    ".{0,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = Message::from_json(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            let _ = Message::from_value(value);
        }
    }

    #[test]
    fn arbitrary_json_is_a_message_or_a_typed_error(value in json_value()) {
        match Message::from_value(value.clone()) {
            // Whatever decodes re-encodes without panicking.
            Ok(message) => { let _ = message.to_value(); }
            Err(_) => {
                // Only known types may fail to decode; unknown ones are kept.
                let kind = value.get("type").and_then(Value::as_str).unwrap_or_default();
                prop_assert!(matches!(kind, "assistant" | "user" | "result" | "system" | "stream_event"
                    | "rate_limit_event" | "tool_progress" | "tool_use_summary"
                    | "conversation_reset" | "prompt_suggestion"), "{kind}");
            }
        }
    }

    #[test]
    fn truncated_recorded_lines_never_panic(index in 0usize..1000, cut in 0usize..5000) {
        let lines = recorded_lines();
        let line = &lines[index % lines.len()];
        let mut end = cut.min(line.len());
        while !line.is_char_boundary(end) { end -= 1; }
        let _ = Message::from_json(&line[..end]);
    }

    #[test]
    fn recorded_lines_with_a_field_replaced_never_panic(index in 0usize..1000, key in ".{0,10}", value in json_value()) {
        let lines = recorded_lines();
        let mut json: Value = serde_json::from_str(&lines[index % lines.len()]).unwrap();
        if let Value::Object(map) = &mut json {
            let key = map.keys().nth(key.len() % map.len().max(1)).cloned().unwrap_or(key);
            map.insert(key, value);
        }
        let _ = Message::from_value(json);
    }
}

#[test]
fn deep_nesting_and_huge_numbers_are_errors_not_crashes() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(Message::from_json(&deep).is_err());
    let deep_object = format!(
        r#"{{"type":"assistant","message":{}}}"#,
        "{\"a\":".repeat(5_000) + "1" + &"}".repeat(5_000)
    );
    assert!(Message::from_json(&deep_object).is_err());
    let huge = format!(
        r#"{{"type":"result","subtype":"success","duration_ms":{}}}"#,
        "9".repeat(400)
    );
    assert!(Message::from_json(&huge).is_err());
    let big_float = r#"{"type":"result","subtype":"success","total_cost_usd":1e400}"#;
    assert!(Message::from_json(big_float).is_err());
}

// ----- the router, end to end over an in-memory transport -----

struct Hostile {
    lines: Vec<Vec<u8>>,
}

struct Done(Option<tokio::sync::oneshot::Receiver<()>>);

#[claude_agent_sdk::async_trait]
impl Process for Done {
    fn id(&self) -> Option<u32> {
        None
    }
    async fn wait(&mut self) -> std::io::Result<ProcessExit> {
        if let Some(rx) = self.0.take() {
            let _ = rx.await;
        }
        Ok(ProcessExit::code(0))
    }
    fn terminate(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn kill(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[claude_agent_sdk::async_trait]
impl Transport for Hostile {
    async fn start(&self, _: &CliCommand) -> claude_agent_sdk::Result<TransportIo> {
        let (sdk_in, cli_in) = tokio::io::duplex(1 << 16);
        let (mut cli_out, sdk_out) = tokio::io::duplex(1 << 16);
        let (done_tx, done_rx) = tokio::sync::oneshot::channel();
        let lines = self.lines.clone();
        tokio::spawn(async move {
            let mut input = BufReader::new(cli_in).lines();
            // Answer initialize, then play the hostile lines, then a result.
            let init: Value =
                serde_json::from_str(&input.next_line().await.unwrap().unwrap()).unwrap();
            let answer = json!({"type":"control_response","response":{"subtype":"success","request_id":init["request_id"],"response":{}}});
            cli_out
                .write_all(format!("{answer}\n").as_bytes())
                .await
                .unwrap();
            for line in lines {
                let _ = cli_out.write_all(&line).await;
                let _ = cli_out.write_all(b"\n").await;
            }
            let _ = cli_out
                .write_all(b"{\"type\":\"result\",\"subtype\":\"success\",\"session_id\":\"s\"}\n")
                .await;
            let _ = cli_out
                .write_all(b"{\"type\":\"system\",\"subtype\":\"session_state_changed\",\"state\":\"idle\"}\n")
                .await;
            // Drain whatever the SDK writes (error replies) until it closes.
            while let Ok(Some(_)) = input.next_line().await {}
            drop(cli_out);
            let _ = done_tx.send(());
        });
        Ok(TransportIo::new(
            Box::pin(sdk_in),
            Box::pin(sdk_out),
            None,
            Box::new(Done(Some(done_rx))),
        ))
    }
}

fn hostile_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200).prop_map(|mut v| {
            v.retain(|b| *b != b'\n');
            v
        }),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        json_value().prop_map(|v| {
            json!({"type": "control_request", "request_id": "x", "request": v})
                .to_string()
                .into_bytes()
        }),
        json_value().prop_map(|v| json!({"type": "control_response", "response": v})
            .to_string()
            .into_bytes()),
        Just(b"{\"type\":\"control_cancel_request\"}".to_vec()),
        Just(vec![b'x'; 3000]),
        Just(vec![0xff, 0xfe, b'{', 0xc3]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_router_survives_hostile_output(lines in prop::collection::vec(hostile_line(), 0..20)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let options = ClaudeAgentOptions::builder()
                .transport(Arc::new(Hostile { lines }))
                .max_buffer_size(2048)
                .control_timeout(Duration::from_secs(2))
                .build();
            let stream = query_stream("x", options).await.unwrap();
            let items: Vec<_> = tokio::time::timeout(Duration::from_secs(10), stream.collect::<Vec<_>>())
                .await
                .expect("the stream ends");
            // Every item is a message or a typed, non-fatal line error; the
            // scripted result and idle frame always arrive last.
            let last_result = items.iter().rev().find_map(|i| i.as_ref().ok().and_then(Message::as_result));
            prop_assert!(last_result.is_some_and(|r| r.session_id == "s"), "{items:?}");
            for item in &items {
                if let Err(err) = item {
                    prop_assert!(matches!(err, Error::Decode { .. } | Error::LineTooLong { .. }), "{err:?}");
                }
            }
            Ok(())
        })?;
    }
}
