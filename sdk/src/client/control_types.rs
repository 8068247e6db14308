//! Typed answers of the control requests a client can send.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::wire::Extra;

/// What an interrupt did.
///
/// Interrupting is not an error even when the turn ends as interrupted: the
/// turn's result (`error_during_execution`, terminal reason
/// `aborted_streaming` or `aborted_tools`) arrives as a message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InterruptOutcome {
    /// Prompts that were queued behind the interrupted turn and still are
    /// (newer CLIs only).
    #[serde(default)]
    pub still_queued: Vec<Value>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A tool of an MCP server, as `mcp_status` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpToolInfo {
    /// The tool's name.
    pub name: String,
    /// Fields this SDK does not model (`annotations`, `description`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The state of one MCP server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct McpServerStatus {
    /// The server's name.
    pub name: String,
    /// `connected`, `failed`, `pending`, `needs-auth` or `disabled`.
    #[serde(default)]
    pub status: String,
    /// The server's own name and version, once connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_info: Option<Value>,
    /// Why it failed, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Its tools.
    #[serde(default)]
    pub tools: Vec<McpToolInfo>,
    /// Fields this SDK does not model (`scope`, `source`, `transport`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// What `mcp_set_servers` changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpSetServersResult {
    /// Servers added.
    #[serde(default)]
    pub added: Vec<String>,
    /// Servers removed.
    #[serde(default)]
    pub removed: Vec<String>,
    /// Servers that could not be set up, with why.
    #[serde(default)]
    pub errors: Value,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How full the context window is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContextUsage {
    /// Tokens used.
    #[serde(default)]
    pub total_tokens: u64,
    /// The context window.
    #[serde(default)]
    pub max_tokens: u64,
    /// Percent used.
    #[serde(default)]
    pub percentage: f64,
    /// The model.
    #[serde(default)]
    pub model: String,
    /// Usage by category (system prompt, tools, messages, ...).
    #[serde(default)]
    pub categories: Vec<Value>,
    /// Fields this SDK does not model (`gridRows`, `memoryFiles`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// What rewinding files did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RewindFilesResult {
    /// Whether the files can be (or were) rewound.
    #[serde(default)]
    pub can_rewind: bool,
    /// Why not, if not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The files that change.
    #[serde(default)]
    pub files_changed: Vec<String>,
    /// Lines inserted.
    #[serde(default)]
    pub insertions: u64,
    /// Lines deleted.
    #[serde(default)]
    pub deletions: u64,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Decodes a control answer; an absent answer (older CLIs send none for
/// some requests) decodes as the type's default where it has one.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    subtype: &str,
    value: Value,
) -> crate::Result<T> {
    let value = if value.is_null() {
        Value::Object(Default::default())
    } else {
        value
    };
    serde_json::from_value(value).map_err(|e| crate::Error::Control {
        subtype: subtype.to_owned(),
        message: format!("unexpected answer: {e}"),
        code: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_recorded_answers() {
        let status: Vec<McpServerStatus> = serde_json::from_value(json!([
            {"name": "calc", "status": "connected", "serverInfo": {"name": "calc", "version": "1.0.0"},
             "transport": "sdk", "scope": "dynamic", "tools": [{"name": "add", "annotations": {}}]}
        ]))
        .unwrap();
        assert_eq!(status[0].tools[0].name, "add");
        assert_eq!(status[0].extra["transport"], "sdk");
        let interrupt: InterruptOutcome = decode("interrupt", Value::Null).unwrap();
        assert!(interrupt.still_queued.is_empty());
        let rewind: RewindFilesResult = decode(
            "rewind_files",
            json!({"canRewind": true, "filesChanged": ["a.txt"], "insertions": 1, "deletions": 2}),
        )
        .unwrap();
        assert_eq!(rewind.files_changed, ["a.txt"]);
        let usage: ContextUsage = decode(
            "get_context_usage",
            json!({"totalTokens": 2067, "maxTokens": 1000000, "percentage": 0, "categories": []}),
        )
        .unwrap();
        assert_eq!(usage.max_tokens, 1_000_000);
    }
}
