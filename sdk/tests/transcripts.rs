//! Every line the real CLI wrote in the recorded transcripts decodes, and
//! re-encodes to the JSON it came from (nothing dropped).

use std::path::Path;

use claude_agent_sdk::Message;
use claude_agent_sdk::control::InitializeResponse;
use claude_agent_sdk::messages::SystemMessage;
use serde_json::Value;

fn transcripts(version: &str) -> Vec<(String, Vec<Value>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/protocol")
        .join(version);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
        .collect();
    files.sort();
    assert!(files.len() >= 16, "fixtures missing in {}", dir.display());
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let records = text
                .lines()
                .map(|line| serde_json::from_str(line).unwrap())
                .collect();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                records,
            )
        })
        .collect()
}

/// Removes `null`s (a missing optional field and an explicit `null` mean the
/// same thing) and compares numbers by value (`0` and `0.0`).
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        Value::Number(n) => serde_json::json!(n.as_f64()),
        other => other.clone(),
    }
}

fn check_version(version: &str) -> (usize, usize) {
    let mut messages = 0;
    let mut control = 0;
    for (file, records) in transcripts(version) {
        for (i, record) in records.iter().enumerate() {
            if record["dir"] != "cli->sdk" {
                continue;
            }
            let msg = &record["msg"];
            let kind = msg["type"].as_str().unwrap_or_default();
            if kind.starts_with("control_") {
                control += 1;
                if kind == "control_response"
                    && msg["response"]["subtype"] == "success"
                    && msg["response"]["response"].get("commands").is_some()
                {
                    let init: InitializeResponse =
                        serde_json::from_value(msg["response"]["response"].clone())
                            .unwrap_or_else(|e| panic!("{version}/{file}:{i}: {e}"));
                    assert!(!init.commands.is_empty());
                    assert!(!init.models.is_empty());
                }
                continue;
            }
            let message = Message::from_value(msg.clone())
                .unwrap_or_else(|e| panic!("{version}/{file}:{}: {e}\n{msg}", i + 1));
            assert!(
                !matches!(message, Message::Unknown(_)),
                "{version}/{file}:{}: unexpected unknown type {kind}",
                i + 1
            );
            if let Message::System(SystemMessage::Other(raw)) = &message {
                panic!(
                    "{version}/{file}:{}: unmodelled system subtype {}",
                    i + 1,
                    raw["subtype"]
                );
            }
            assert_eq!(
                without_nulls(&message.to_value()),
                without_nulls(msg),
                "{version}/{file}:{}: the message does not re-encode to its JSON",
                i + 1
            );
            messages += 1;
        }
    }
    (messages, control)
}

#[test]
fn every_line_of_the_2_1_330_transcripts_decodes_without_loss() {
    let (messages, control) = check_version("2.1.330");
    assert!(messages >= 190, "{messages}");
    assert!(control > 50, "{control}");
}

#[test]
fn every_line_of_the_2_1_197_transcripts_decodes_without_loss() {
    let (messages, control) = check_version("2.1.197");
    assert!(messages >= 110, "{messages}");
    assert!(control > 50, "{control}");
}

#[test]
fn typed_fields_carry_the_recorded_values() {
    let records = transcripts("2.1.330");
    let (_, simple) = records
        .iter()
        .find(|(name, _)| name == "simple_query.jsonl")
        .unwrap();
    let messages: Vec<Message> = simple
        .iter()
        .filter(|r| r["dir"] == "cli->sdk" && r["msg"]["type"] != "control_response")
        .map(|r| Message::from_value(r["msg"].clone()).unwrap())
        .collect();
    let init = messages.iter().find_map(Message::as_init).unwrap();
    assert_eq!(init.claude_code_version.as_deref(), Some("2.1.330"));
    assert!(init.tools.iter().any(|t| t == "Bash"));
    assert!(init.has_capability("sdk_mcp_manifests"));
    let assistant = messages.iter().find_map(Message::as_assistant).unwrap();
    assert_eq!(assistant.text(), "Hello from mock");
    let result = messages.iter().find_map(Message::as_result).unwrap();
    assert_eq!(result.result(), Some("Hello from mock"));
    assert!(!result.is_error());
    assert!(result.cost_usd().unwrap() > 0.0);
    assert_eq!(result.usage().unwrap().input_tokens, 10);
    assert_eq!(result.result_index(), Some(0));
    assert_eq!(
        messages.last().unwrap().as_system().unwrap().subtype(),
        "session_state_changed"
    );
}
