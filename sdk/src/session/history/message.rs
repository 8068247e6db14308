//! One user or assistant message of a stored conversation.

use serde_json::{Value, json};

use super::jsonl::{Entry, str_field};
use crate::messages::Message;

/// Who wrote a [`SessionMessage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SessionMessageKind {
    /// The user: a prompt, or tool results sent back to the model.
    User,
    /// The model.
    Assistant,
}

/// A user or assistant message as the session file stores it.
///
/// The file's line is kept whole in [`raw`](Self::raw), so nothing the CLI
/// wrote is lost; [`message`](Self::message) is the Messages API message
/// (`role` and `content`), and [`to_message`](Self::to_message) decodes it
/// into the SDK's typed [`Message`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SessionMessage {
    /// User or assistant.
    pub kind: SessionMessageKind,
    /// The message's id in the transcript (what
    /// [`fork_session`](super::SessionHistory::fork_session) takes).
    pub uuid: String,
    /// The id of the entry before it, if any.
    pub parent_uuid: Option<String>,
    /// The session the message was written in.
    pub session_id: String,
    /// When it was written (ISO 8601), if recorded.
    pub timestamp: Option<String>,
    /// For a subagent's message, the id of the `Agent` tool call that
    /// started the subagent; `None` in the main conversation.
    pub parent_tool_use_id: Option<String>,
    /// The Messages API message: `{"role": ..., "content": ...}` (an
    /// assistant message also has `id`, `model`, `usage`, ...).
    pub message: Value,
    /// The whole line of the session file.
    pub raw: Value,
}

impl SessionMessage {
    pub(crate) fn from_entry(entry: &Entry) -> Option<Self> {
        let kind = match str_field(entry, "type")? {
            "user" => SessionMessageKind::User,
            "assistant" => SessionMessageKind::Assistant,
            _ => return None,
        };
        Some(Self {
            kind,
            uuid: str_field(entry, "uuid")?.to_owned(),
            parent_uuid: str_field(entry, "parentUuid").map(str::to_owned),
            session_id: str_field(entry, "sessionId").unwrap_or_default().to_owned(),
            timestamp: str_field(entry, "timestamp").map(str::to_owned),
            parent_tool_use_id: None,
            message: entry.get("message").cloned().unwrap_or(Value::Null),
            raw: Value::Object(entry.clone()),
        })
    }

    /// The text of the message: its text content (a plain string, or the
    /// text blocks joined by newlines). Tool calls, tool results and
    /// thinking are left out.
    #[must_use]
    pub fn text(&self) -> String {
        match self.message.get("content") {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Array(blocks)) => blocks
                .iter()
                .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
                .filter_map(|b| b.get("text").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        }
    }

    /// Decodes the message into the SDK's typed [`Message`] (a
    /// [`Message::User`] or [`Message::Assistant`], as the CLI would have
    /// streamed it).
    ///
    /// # Errors
    ///
    /// When the stored message does not have the shape of a streamed one
    /// (e.g. an assistant message without `id` or `model`).
    pub fn to_message(&self) -> Result<Message, serde_json::Error> {
        let kind = match self.kind {
            SessionMessageKind::User => "user",
            SessionMessageKind::Assistant => "assistant",
        };
        serde_json::from_value(json!({
            "type": kind,
            "message": self.message,
            "session_id": self.session_id,
            "uuid": self.uuid,
            "parent_tool_use_id": self.parent_tool_use_id,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::history::jsonl::parse_line;

    #[test]
    fn keeps_the_line_and_decodes_typed_messages() {
        let line = br#"{"type":"assistant","uuid":"a1","parentUuid":"u1","sessionId":"s","timestamp":"t",
            "message":{"id":"msg_1","model":"m","role":"assistant","type":"message","content":[{"type":"text","text":"hi"},{"type":"text","text":"there"}]},
            "requestId":"req_1"}"#;
        let message = SessionMessage::from_entry(&parse_line(line).unwrap()).unwrap();
        assert_eq!(message.kind, SessionMessageKind::Assistant);
        assert_eq!(message.parent_uuid.as_deref(), Some("u1"));
        assert_eq!(message.text(), "hi\nthere");
        assert_eq!(message.raw["requestId"], "req_1");
        let Message::Assistant(typed) = message.to_message().unwrap() else {
            panic!("an assistant message");
        };
        assert_eq!(typed.text(), "hithere");

        let user = br#"{"type":"user","uuid":"u1","message":{"role":"user","content":"hello"}}"#;
        let user = SessionMessage::from_entry(&parse_line(user).unwrap()).unwrap();
        assert_eq!(user.text(), "hello");
        assert!(matches!(user.to_message().unwrap(), Message::User(_)));
        assert!(
            SessionMessage::from_entry(&parse_line(br#"{"type":"system","uuid":"x"}"#).unwrap())
                .is_none()
        );
    }
}
