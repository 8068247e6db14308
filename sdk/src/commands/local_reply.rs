//! The messages of a command answered by the SDK, shaped like those of the
//! CLI's own local commands (`/cost`, `/context`, ...).

use serde_json::{Value, json};

use crate::messages::Message;

/// The assistant message and the result of a local command's reply (or
/// failure), as CLI 2.1.330 reports its local commands: a `<synthetic>`
/// assistant message with `local_command_run`, then a result with
/// `num_turns: 0` and `local_command`. Both also carry `"sdk_command":
/// true`; a failure is a result with `is_error: true`.
pub(crate) fn local_reply_messages(
    name: &str,
    args: &str,
    text: &str,
    failed: bool,
    session_id: &str,
    duration_ms: u64,
) -> Vec<Message> {
    let tag = if failed {
        "local-command-stderr"
    } else {
        "local-command-stdout"
    };
    let mut assistant = json!({
        "type": "assistant",
        "message": {
            "id": uuid::Uuid::new_v4().to_string(),
            "type": "message",
            "role": "assistant",
            "model": "<synthetic>",
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn",
            "stop_sequence": null,
            "usage": {"input_tokens": 0, "output_tokens": 0},
        },
        "parent_tool_use_id": null,
        "session_id": session_id,
        "uuid": uuid::Uuid::new_v4().to_string(),
        "local_command_source": format!("<{tag}>{text}</{tag}>"),
        "local_command_run": {"command": name, "args": args},
        "sdk_command": true,
    });
    if failed {
        assistant["local_command_outcome"] = json!({"kind": "failed"});
    }
    let result = json!({
        "type": "result",
        "subtype": "success",
        "is_error": failed,
        "duration_ms": duration_ms,
        "duration_api_ms": 0,
        "num_turns": 0,
        "result": text,
        "stop_reason": null,
        "session_id": session_id,
        "total_cost_usd": 0,
        "usage": {"input_tokens": 0, "output_tokens": 0},
        "permission_denials": [],
        "uuid": uuid::Uuid::new_v4().to_string(),
        "local_command": name,
        "sdk_command": true,
    });
    [assistant, result]
        .into_iter()
        .map(|value: Value| Message::from_value(value).expect("a well-formed local reply"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_look_like_the_clis_local_commands() {
        let messages = local_reply_messages("status", "x", "all good", false, "s1", 3);
        let assistant = messages[0].as_assistant().unwrap();
        assert_eq!(assistant.text(), "all good");
        assert_eq!(assistant.model(), "<synthetic>");
        assert_eq!(assistant.extra["local_command_run"]["command"], "status");
        let result = messages[1].as_result().unwrap();
        assert_eq!(result.result(), Some("all good"));
        assert_eq!(result.local_command(), Some("status"));
        assert!(result.is_sdk_command());
        assert!(!result.is_error());
        assert_eq!(result.num_turns, 0);
        assert_eq!(result.session_id(), "s1");

        let failed = local_reply_messages("status", "", "boom", true, "", 0);
        assert!(failed[1].as_result().unwrap().is_error());
        assert_eq!(
            failed[0].as_assistant().unwrap().extra["local_command_outcome"]["kind"],
            "failed"
        );
        assert!(
            !messages[0]
                .as_assistant()
                .unwrap()
                .extra
                .contains_key("local_command_outcome")
        );
        assert_eq!(
            failed[0].as_assistant().unwrap().extra["local_command_source"],
            "<local-command-stderr>boom</local-command-stderr>"
        );
    }
}
