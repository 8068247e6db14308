//! The claim code against what CLI 2.1.330 really sent and answered
//! (`tests/fixtures/protocol/2.1.330/claim_session.jsonl` and
//! `tests/fixtures/claim/claim_rejections.jsonl`).

use serde_json::Value;

use super::claim::{ClaimInfo, ClaimOptions};
use super::rejection::ClaimRejection;
use crate::control::InitializeResponse;

const CLAIM: &str = include_str!("../../tests/fixtures/protocol/2.1.330/claim_session.jsonl");
const REJECTIONS: &str = include_str!("../../tests/fixtures/claim/claim_rejections.jsonl");

fn records(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("a JSON record"))
        .collect()
}

#[test]
fn the_request_has_the_recorded_shape_and_the_answer_decodes() {
    let records = records(CLAIM);
    let sent = records
        .iter()
        .find(|r| r["dir"] == "sdk->cli" && r["msg"]["request"]["subtype"] == "claim_session")
        .expect("the claim request");
    let ours = ClaimOptions::new("/work")
        .request(vec!["calc".into()])
        .unwrap();
    let mut recorded_keys: Vec<&String> =
        sent["msg"]["request"].as_object().unwrap().keys().collect();
    let mut our_keys: Vec<&String> = ours.keys().collect();
    recorded_keys.sort();
    our_keys.sort();
    assert_eq!(our_keys, recorded_keys);
    assert_eq!(
        ours["sdk_mcp_servers"],
        sent["msg"]["request"]["sdk_mcp_servers"]
    );

    let answer = records
        .iter()
        .find(|r| {
            r["dir"] == "cli->sdk"
                && r["msg"]["response"]["request_id"] == sent["msg"]["request_id"]
        })
        .expect("the claim answer");
    let mut body = answer["msg"]["response"]["response"]
        .as_object()
        .unwrap()
        .clone();
    let initialize: InitializeResponse =
        serde_json::from_value(body.remove("initialize").unwrap()).unwrap();
    assert!(!initialize.commands.is_empty());
    let info = ClaimInfo::from_answer(body);
    assert_eq!(info.cwd.as_deref(), Some(std::path::Path::new("$CWD")));
    assert_eq!(info.session_id, "c7381f2b-561f-40a5-a6b0-0bfc8fad530d");
    assert_eq!(info.parked_ms, Some(2732));
    assert_eq!(info.sdk_mcp_settled, Some(true));
    assert!(info.extra.is_empty(), "{:?}", info.extra);
}

#[test]
fn every_recorded_refusal_has_its_typed_reason() {
    let expected = [
        ("badcwd", ClaimRejection::CwdNotFound),
        ("badenv", ClaimRejection::EnvKeyNotClaimable),
        ("badmode", ClaimRejection::PermissionModeNotClaimable),
        ("twice", ClaimRejection::NotASpare),
    ];
    let records = records(REJECTIONS);
    for (scenario, reason) in expected {
        let refusal = records
            .iter()
            .find(|r| r["scenario"] == scenario && r["msg"]["response"]["subtype"] == "error")
            .unwrap_or_else(|| panic!("no refusal for {scenario}"));
        let message = refusal["msg"]["response"]["error"].as_str().unwrap();
        assert_eq!(ClaimRejection::from_message(message), reason, "{message}");
    }
}
