//! Recorded requests: what the CLI sent, with accessors for the parts tests
//! usually check (system prompt, tools, messages, tool results).

use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;

use super::content;

/// One HTTP request received by a [`ScriptedModel`](super::ScriptedModel).
///
/// Cloning is cheap: the parsed body is shared.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    method: String,
    path: String,
    query: Option<String>,
    headers: Vec<(String, String)>,
    body: Arc<Value>,
    received_at: Instant,
}

/// A tool offered to the model (an entry of the request's `tools`).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub struct ToolSpec {
    /// The tool's name, e.g. `Bash` or `mcp__calc__add`.
    pub name: String,
    /// Its description, if it has one.
    pub description: Option<String>,
    /// Its JSON schema (`Value::Null` for server tools without one).
    pub input_schema: Value,
}

/// A `tool_result` block sent back to the model.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolResult {
    /// The id of the `tool_use` block it answers, e.g. `toolu_0000`.
    pub tool_use_id: String,
    /// Its text: the string content, or the `text` blocks joined with `"\n"`.
    pub text: String,
    /// Whether the CLI marked it as an error (denied, failed, …).
    pub is_error: bool,
}

impl RecordedRequest {
    /// Records a request. `body` is `Value::Null` when it was not JSON.
    pub(super) fn new(
        method: String,
        path: String,
        query: Option<String>,
        headers: Vec<(String, String)>,
        body: Arc<Value>,
    ) -> Self {
        Self {
            method,
            path,
            query,
            headers,
            body,
            received_at: Instant::now(),
        }
    }

    /// The HTTP method, e.g. `POST`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path without the query string, e.g. `/v1/messages`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query string without `?`, e.g. `beta=true`.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// Whether this is a `POST /v1/messages` request (a model turn).
    pub fn is_messages_request(&self) -> bool {
        self.method == "POST" && self.path == "/v1/messages"
    }

    /// The value of a header (name case-insensitive), e.g. `anthropic-version`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every header, names lower-case, in the order received.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The parsed JSON body (`Value::Null` when it was empty or not JSON).
    pub fn body(&self) -> &Value {
        &self.body
    }

    /// When the request arrived.
    pub fn received_at(&self) -> Instant {
        self.received_at
    }

    /// The requested `model`.
    pub fn model(&self) -> Option<&str> {
        self.body.get("model").and_then(Value::as_str)
    }

    /// The system prompt: `system` when it is a string, else its text blocks
    /// joined with `"\n"` (empty without one).
    pub fn system_text(&self) -> String {
        self.body
            .get("system")
            .and_then(content::content_text)
            .unwrap_or_default()
    }

    /// The tools offered to the model.
    pub fn tools(&self) -> Vec<ToolSpec> {
        self.tool_values()
            .iter()
            .map(|tool| ToolSpec {
                name: str_field(tool, "name").unwrap_or_default().to_owned(),
                description: str_field(tool, "description").map(str::to_owned),
                input_schema: tool.get("input_schema").cloned().unwrap_or(Value::Null),
            })
            .collect()
    }

    /// The names of the tools offered to the model.
    pub fn tool_names(&self) -> Vec<&str> {
        self.tool_values()
            .iter()
            .filter_map(|tool| str_field(tool, "name"))
            .collect()
    }

    fn tool_values(&self) -> &[Value] {
        match self.body.get("tools") {
            Some(Value::Array(tools)) => tools,
            _ => &[],
        }
    }

    /// The conversation sent (`messages`), as raw JSON `{role, content}`
    /// objects. Roles are `user`, `assistant` and, with recent CLIs, `system`.
    pub fn messages(&self) -> &[Value] {
        match self.body.get("messages") {
            Some(Value::Array(messages)) => messages,
            _ => &[],
        }
    }

    /// Whether the client asked for a streamed (SSE) answer.
    pub fn is_streaming(&self) -> bool {
        self.body.get("stream").and_then(Value::as_bool) == Some(true)
    }

    /// Every `tool_result` block in the messages, in order.
    pub fn tool_results(&self) -> Vec<ToolResult> {
        self.messages()
            .iter()
            .filter(|m| content::role(m) == Some("user"))
            .flat_map(content::tool_result_blocks)
            .map(|block| ToolResult {
                tool_use_id: str_field(block, "tool_use_id")
                    .unwrap_or_default()
                    .to_owned(),
                text: content::tool_result_text(block),
                is_error: block.get("is_error").and_then(Value::as_bool) == Some(true),
            })
            .collect()
    }

    /// The text of each `user` message that has text, in order: the string
    /// content, or its `text` blocks joined with `"\n"` (CLI reminders
    /// included).
    pub fn user_texts(&self) -> Vec<String> {
        self.messages()
            .iter()
            .filter(|m| content::role(m) == Some("user"))
            .filter_map(content::joined_text)
            .collect()
    }

    /// The text of the last `user` message that has text (see
    /// [`user_texts`](Self::user_texts)).
    pub fn last_user_text(&self) -> Option<String> {
        self.messages()
            .iter()
            .rev()
            .filter(|m| content::role(m) == Some("user"))
            .find_map(content::joined_text)
    }
}

fn str_field<'a>(value: &'a Value, field: &str) -> Option<&'a str> {
    value.get(field).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(body: Value) -> RecordedRequest {
        RecordedRequest::new(
            "POST".into(),
            "/v1/messages".into(),
            Some("beta=true".into()),
            vec![("anthropic-version".into(), "2023-06-01".into())],
            Arc::new(body),
        )
    }

    #[test]
    fn accessors() {
        let r = request(json!({
            "model": "claude-sonnet-4-5",
            "stream": true,
            "system": [{"type": "text", "text": "You are Claude."}, {"type": "text", "text": "Be brief."}],
            "tools": [
                {"name": "Bash", "description": "Run a command", "input_schema": {"type": "object"}},
                {"type": "web_search_20250305", "name": "web_search"}
            ],
            "messages": [
                {"role": "user", "content": [
                    {"type": "text", "text": "<system-reminder>r</system-reminder>"},
                    {"type": "text", "text": "CALL Bash {}"}
                ]},
                {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_0000", "name": "Bash", "input": {}}]},
                {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_0000", "content": "denied", "is_error": true}
                ]},
                {"role": "system", "content": "env info"}
            ]
        }));
        assert!(r.is_messages_request());
        assert_eq!(r.query(), Some("beta=true"));
        assert_eq!(r.header("Anthropic-Version"), Some("2023-06-01"));
        assert_eq!(r.model(), Some("claude-sonnet-4-5"));
        assert!(r.is_streaming());
        assert_eq!(r.system_text(), "You are Claude.\nBe brief.");
        assert_eq!(r.tool_names(), ["Bash", "web_search"]);
        let tools = r.tools();
        assert_eq!(tools[0].description.as_deref(), Some("Run a command"));
        assert_eq!(tools[0].input_schema, json!({"type": "object"}));
        assert_eq!(tools[1].input_schema, Value::Null);
        assert_eq!(r.messages().len(), 4);
        assert_eq!(
            r.tool_results(),
            [ToolResult {
                tool_use_id: "toolu_0000".into(),
                text: "denied".into(),
                is_error: true
            }]
        );
        assert_eq!(
            r.user_texts(),
            ["<system-reminder>r</system-reminder>\nCALL Bash {}"]
        );
        assert_eq!(
            r.last_user_text().as_deref(),
            Some("<system-reminder>r</system-reminder>\nCALL Bash {}")
        );
    }

    #[test]
    fn missing_parts() {
        let r = request(json!({"system": "plain"}));
        assert_eq!(r.system_text(), "plain");
        assert!(!r.is_streaming());
        assert!(r.tools().is_empty());
        assert!(r.messages().is_empty());
        assert_eq!(r.last_user_text(), None);
        let r = request(Value::Null);
        assert_eq!(r.model(), None);
        assert_eq!(r.system_text(), "");
    }
}
