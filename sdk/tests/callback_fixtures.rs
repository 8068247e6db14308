//! The callback requests the real CLI sent in the recorded transcripts
//! (`hook_callback`, `can_use_tool`, `elicitation`) decode into the typed
//! inputs without loss, and the answers the Python SDK gave are what this
//! SDK's builders produce.

use std::collections::HashMap;
use std::path::Path;

use claude_agent_sdk::hooks::{HookEvent, HookInput, HookOutput};
use claude_agent_sdk::permissions::{
    ElicitationRequest, ElicitationResponse, PermissionResult, PermissionUpdate,
    ToolPermissionRequest,
};
use serde_json::{Value, json};

/// Every record of every transcript of a CLI version.
fn records(version: &str) -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/protocol")
        .join(version);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            out.push((name.clone(), serde_json::from_str(line).unwrap()));
        }
    }
    out
}

/// The SDK's answers, by request id.
fn answers(records: &[(String, Value)]) -> HashMap<String, Value> {
    records
        .iter()
        .filter(|(_, r)| r["dir"] == "sdk->cli" && r["msg"]["type"] == "control_response")
        .map(|(_, r)| {
            let response = &r["msg"]["response"];
            (
                response["request_id"].as_str().unwrap().to_owned(),
                response.clone(),
            )
        })
        .collect()
}

fn check(version: &str) -> [usize; 3] {
    let records = records(version);
    let answers = answers(&records);
    let mut counts = [0; 3];
    for (file, record) in &records {
        if record["dir"] != "cli->sdk" || record["msg"]["type"] != "control_request" {
            continue;
        }
        let id = record["msg"]["request_id"].as_str().unwrap();
        let request = &record["msg"]["request"];
        // A request the CLI withdrew has no answer.
        let unanswered = json!({"subtype": "none"});
        let answer = answers.get(id).unwrap_or(&unanswered);
        if answer == &unanswered {
            assert!(
                records
                    .iter()
                    .any(|(_, r)| r["msg"]["type"] == "control_cancel_request"
                        && r["msg"]["request_id"] == id),
                "{file}: {id} was neither answered nor cancelled"
            );
        }
        match request["subtype"].as_str().unwrap() {
            "hook_callback" => {
                counts[0] += 1;
                let raw = request["input"].clone();
                let input = HookInput::from_value(raw.clone())
                    .unwrap_or_else(|e| panic!("{file}: {e}: {raw}"));
                assert!(!matches!(input, HookInput::Other { .. }), "{file}: {raw}");
                assert_eq!(input.to_value(), raw, "{file}: nothing is lost");
                assert!(!input.common().session_id.is_empty());
                if answer["subtype"] == "success" {
                    // The recorded answer reads as a `HookOutput` and is sent
                    // back unchanged.
                    let output: HookOutput =
                        serde_json::from_value(answer["response"].clone()).unwrap();
                    assert_eq!(output.to_wire(&input.event()), answer["response"], "{file}");
                }
            }
            "can_use_tool" => {
                counts[1] += 1;
                let mut fields = request.clone();
                fields.as_object_mut().unwrap().remove("subtype");
                let permission: ToolPermissionRequest = serde_json::from_value(fields.clone())
                    .unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(permission.tool_name, "Bash");
                assert!(!permission.tool_use_id.is_empty());
                assert!(
                    permission
                        .suggestions
                        .iter()
                        .all(|s| !matches!(s, PermissionUpdate::Other(_))),
                    "{file}: {:?}",
                    permission.suggestions
                );
                let mut reencoded = serde_json::to_value(&permission).unwrap();
                strip_nulls(&mut reencoded);
                assert_eq!(reencoded, fields, "{file}: nothing is lost");
                if answer["subtype"] == "success" {
                    let result: PermissionResult =
                        serde_json::from_value(answer["response"].clone()).unwrap();
                    assert_eq!(result.to_wire(&permission.input), answer["response"]);
                }
            }
            "elicitation" => {
                counts[2] += 1;
                let elicitation: ElicitationRequest =
                    serde_json::from_value(request.clone()).unwrap();
                assert_eq!(elicitation.mcp_server_name, "asker");
                assert!(elicitation.requested_schema.is_some());
                if answer["subtype"] == "success" {
                    let response: ElicitationResponse =
                        serde_json::from_value(answer["response"].clone()).unwrap();
                    assert_eq!(
                        response,
                        ElicitationResponse::accept(json!({"name": "Ada"}))
                    );
                    assert_eq!(response.to_value(), answer["response"]);
                }
            }
            _ => {}
        }
    }
    counts
}

fn strip_nulls(value: &mut Value) {
    if let Value::Object(fields) = value {
        fields.retain(|_, v| !v.is_null());
        fields.values_mut().for_each(strip_nulls);
    }
}

#[test]
fn cli_2_1_330_callback_requests_decode_and_answers_match() {
    let [hooks, permissions, elicitations] = check("2.1.330");
    assert!(hooks >= 7, "{hooks}");
    assert!(permissions >= 4, "{permissions}");
    assert_eq!(elicitations, 2);
}

#[test]
fn cli_2_1_197_callback_requests_decode_and_answers_match() {
    let [hooks, permissions, _] = check("2.1.197");
    assert!(hooks >= 7, "{hooks}");
    assert!(permissions >= 4, "{permissions}");
}

#[test]
fn recorded_events_are_the_expected_ones() {
    let events: Vec<HookEvent> = records("2.1.330")
        .iter()
        .filter(|(_, r)| r["msg"]["request"]["subtype"] == "hook_callback")
        .map(|(_, r)| {
            HookInput::from_value(r["msg"]["request"]["input"].clone())
                .unwrap()
                .event()
        })
        .collect();
    for event in [
        HookEvent::PreToolUse,
        HookEvent::PostToolUse,
        HookEvent::Stop,
        HookEvent::UserPromptSubmit,
    ] {
        assert!(events.contains(&event), "{event} in {events:?}");
    }
}
