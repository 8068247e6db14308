//! Property tests of the message parser on hostile input: arbitrary and
//! truncated JSON, huge numbers, deep nesting, invalid UTF-8. Never a panic;
//! always a typed error or a catch-all message. (The control router's
//! property tests, with real handlers, are in `fault_router.rs`.)

mod support;

use claude_agent_sdk::Message;
use proptest::prelude::*;
use serde_json::Value;
use support::hostile::json_value;

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
