//! Content blocks: the parts of assistant and user messages.

use base64::prelude::{BASE64_STANDARD, Engine as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::wire::Extra;

/// One block of message content.
///
/// Blocks of a type this SDK does not know (new server tools, new media) are
/// kept as [`ContentBlock::Other`] with their raw JSON.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ContentBlock {
    /// Text.
    Text(TextBlock),
    /// Extended thinking.
    Thinking(ThinkingBlock),
    /// Thinking the API redacted.
    RedactedThinking(RedactedThinkingBlock),
    /// The model calls a tool.
    ToolUse(ToolUseBlock),
    /// The result of a tool call (in user messages).
    ToolResult(ToolResultBlock),
    /// An image.
    Image(ImageBlock),
    /// A document (PDF, plain text).
    Document(DocumentBlock),
    /// The model calls a server-side tool (web search, ...).
    ServerToolUse(ServerToolUseBlock),
    /// The result of a server-side tool (`web_search_tool_result`, ...).
    ServerToolResult(ServerToolResultBlock),
    /// A block type this SDK does not know, kept verbatim.
    Other(Value),
}

/// A text block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextBlock {
    /// The text.
    pub text: String,
    /// Fields this SDK does not model (citations, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// An extended-thinking block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ThinkingBlock {
    /// The thinking text.
    pub thinking: String,
    /// The signature the API attaches to thinking.
    #[serde(default)]
    pub signature: String,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A redacted-thinking block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RedactedThinkingBlock {
    /// The opaque redacted data.
    #[serde(default)]
    pub data: String,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The model calls a tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolUseBlock {
    /// The tool-use id (`toolu_...`), echoed by the tool result.
    pub id: String,
    /// The tool's name (`Bash`, `mcp__calc__add`, ...).
    pub name: String,
    /// The tool's input.
    #[serde(default)]
    pub input: Value,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The content of a tool result: a string or a list of blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ToolResultContent {
    /// Plain text.
    Text(String),
    /// Content blocks (text, images, ...).
    Blocks(Vec<ContentBlock>),
}

/// The result of a tool call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolResultBlock {
    /// The id of the tool use this answers.
    pub tool_use_id: String,
    /// The result, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<ToolResultContent>,
    /// Whether the tool failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_error: Option<bool>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ToolResultBlock {
    /// The result's text: the string content, or its text blocks joined with
    /// newlines.
    #[must_use]
    pub fn text(&self) -> String {
        match &self.content {
            None => String::new(),
            Some(ToolResultContent::Text(text)) => text.clone(),
            Some(ToolResultContent::Blocks(blocks)) => blocks
                .iter()
                .filter_map(ContentBlock::as_text)
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// Whether the tool reported an error.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.is_error.unwrap_or(false)
    }
}

/// Where an image or document comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MediaSource {
    /// `base64`, `url`, `text`, `file`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// The media type (`image/png`, `application/pdf`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// Base64 (or plain text) data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// A URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl MediaSource {
    /// Base64-encodes `bytes` as a source of the given media type.
    #[must_use]
    pub fn base64(media_type: impl Into<String>, bytes: &[u8]) -> Self {
        Self {
            kind: "base64".into(),
            media_type: Some(media_type.into()),
            data: Some(BASE64_STANDARD.encode(bytes)),
            url: None,
            extra: Extra::new(),
        }
    }

    /// A source the API fetches from a URL.
    #[must_use]
    pub fn url(url: impl Into<String>) -> Self {
        Self {
            kind: "url".into(),
            media_type: None,
            data: None,
            url: Some(url.into()),
            extra: Extra::new(),
        }
    }
}

/// An image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageBlock {
    /// Where the image comes from.
    pub source: MediaSource,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentBlock {
    /// Where the document comes from.
    pub source: MediaSource,
    /// Fields this SDK does not model (title, context, citations, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The model calls a server-side tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerToolUseBlock {
    /// The tool-use id.
    pub id: String,
    /// The server tool's name (`web_search`, ...).
    pub name: String,
    /// Its input.
    #[serde(default)]
    pub input: Value,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The result of a server-side tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerToolResultBlock {
    /// The block type, e.g. `web_search_tool_result`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The id of the server tool use this answers.
    #[serde(default)]
    pub tool_use_id: String,
    /// The result, as the API sent it.
    #[serde(default)]
    pub content: Value,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ContentBlock {
    /// A text block.
    #[must_use]
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(TextBlock {
            text: text.into(),
            extra: Extra::new(),
        })
    }

    /// An image block from raw bytes of the given media type (`image/png`, ...).
    #[must_use]
    pub fn image(media_type: impl Into<String>, bytes: &[u8]) -> Self {
        Self::Image(ImageBlock {
            source: MediaSource::base64(media_type, bytes),
            extra: Extra::new(),
        })
    }

    /// A PNG image block from raw bytes.
    #[must_use]
    pub fn image_png(bytes: &[u8]) -> Self {
        Self::image("image/png", bytes)
    }

    /// A JPEG image block from raw bytes.
    #[must_use]
    pub fn image_jpeg(bytes: &[u8]) -> Self {
        Self::image("image/jpeg", bytes)
    }

    /// A PDF document block from raw bytes.
    #[must_use]
    pub fn pdf(bytes: &[u8]) -> Self {
        Self::Document(DocumentBlock {
            source: MediaSource::base64("application/pdf", bytes),
            extra: Extra::new(),
        })
    }

    /// The block's `type` as it appears on the wire.
    #[must_use]
    pub fn type_name(&self) -> &str {
        match self {
            Self::Text(_) => "text",
            Self::Thinking(_) => "thinking",
            Self::RedactedThinking(_) => "redacted_thinking",
            Self::ToolUse(_) => "tool_use",
            Self::ToolResult(_) => "tool_result",
            Self::Image(_) => "image",
            Self::Document(_) => "document",
            Self::ServerToolUse(_) => "server_tool_use",
            Self::ServerToolResult(block) => &block.kind,
            Self::Other(raw) => raw.get("type").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// The text of a text block.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(block) => Some(&block.text),
            _ => None,
        }
    }

    /// The tool use, if this is one.
    #[must_use]
    pub fn as_tool_use(&self) -> Option<&ToolUseBlock> {
        match self {
            Self::ToolUse(block) => Some(block),
            _ => None,
        }
    }

    /// The tool result, if this is one.
    #[must_use]
    pub fn as_tool_result(&self) -> Option<&ToolResultBlock> {
        match self {
            Self::ToolResult(block) => Some(block),
            _ => None,
        }
    }

    /// Decodes a block from JSON. Never fails: a block that is not an
    /// object, has an unknown type or does not have the shape of its type is
    /// kept as [`ContentBlock::Other`].
    #[must_use]
    pub fn from_value(value: Value) -> Self {
        /// Decodes without consuming `value`, so that a block that does
        /// not fit its type can be kept whole. `type` is set aside first so
        /// that it does not land in the block's `extra`.
        fn typed<T: serde::de::DeserializeOwned>(
            mut value: Value,
            keep_type: bool,
            wrap: fn(T) -> ContentBlock,
        ) -> ContentBlock {
            let kind = if keep_type {
                None
            } else {
                value.as_object_mut().and_then(|map| map.remove("type"))
            };
            match T::deserialize(&value) {
                Ok(block) => wrap(block),
                Err(_) => {
                    if let (Some(kind), Value::Object(map)) = (kind, &mut value) {
                        map.insert("type".into(), kind);
                    }
                    ContentBlock::Other(value)
                }
            }
        }
        let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
        match kind {
            "text" => match value {
                Value::Object(mut map) => match map.remove("text") {
                    Some(Value::String(text)) => {
                        map.remove("type");
                        Self::Text(TextBlock { text, extra: map })
                    }
                    Some(other) => {
                        map.insert("text".into(), other);
                        Self::Other(Value::Object(map))
                    }
                    None => Self::Other(Value::Object(map)),
                },
                other => Self::Other(other),
            },
            "thinking" => typed(value, false, Self::Thinking),
            "redacted_thinking" => typed(value, false, Self::RedactedThinking),
            "tool_use" => typed(value, false, Self::ToolUse),
            "tool_result" => typed(value, false, Self::ToolResult),
            "image" => typed(value, false, Self::Image),
            "document" => typed(value, false, Self::Document),
            "server_tool_use" => typed(value, false, Self::ServerToolUse),
            k if k.ends_with("_tool_result") => typed(value, true, Self::ServerToolResult),
            _ => Self::Other(value),
        }
    }

    /// The block as JSON, in its wire shape.
    #[must_use]
    pub fn to_value(&self) -> Value {
        fn with_type<T: Serialize>(kind: &str, block: &T) -> Value {
            let mut value = serde_json::to_value(block).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.insert("type".into(), Value::String(kind.to_owned()));
            }
            value
        }
        match self {
            Self::Text(b) => with_type("text", b),
            Self::Thinking(b) => with_type("thinking", b),
            Self::RedactedThinking(b) => with_type("redacted_thinking", b),
            Self::ToolUse(b) => with_type("tool_use", b),
            Self::ToolResult(b) => with_type("tool_result", b),
            Self::Image(b) => with_type("image", b),
            Self::Document(b) => with_type("document", b),
            Self::ServerToolUse(b) => with_type("server_tool_use", b),
            Self::ServerToolResult(b) => serde_json::to_value(b).unwrap_or(Value::Null),
            Self::Other(raw) => raw.clone(),
        }
    }
}

impl Serialize for ContentBlock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ContentBlock {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Self::from_value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_blocks_decode_and_round_trip() {
        let raw = json!([
            {"type": "text", "text": "hi", "citations": null},
            {"type": "thinking", "thinking": "hmm", "signature": "sig"},
            {"type": "tool_use", "id": "toolu_1", "name": "Bash", "input": {"command": "ls"}},
            {"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}], "is_error": false},
            {"type": "redacted_thinking", "data": "xyz"},
            {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1", "content": []},
            {"type": "hologram", "depth": 3}
        ]);
        let blocks: Vec<ContentBlock> = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(blocks[0].as_text(), Some("hi"));
        assert!(matches!(blocks[1], ContentBlock::Thinking(_)));
        assert_eq!(blocks[2].as_tool_use().unwrap().input["command"], "ls");
        assert_eq!(blocks[3].as_tool_result().unwrap().text(), "a\nb");
        assert!(matches!(blocks[4], ContentBlock::RedactedThinking(_)));
        assert_eq!(blocks[5].type_name(), "web_search_tool_result");
        assert!(matches!(blocks[6], ContentBlock::Other(_)));
        assert_eq!(serde_json::to_value(&blocks).unwrap(), raw);
    }

    #[test]
    fn malformed_known_block_is_kept_raw() {
        let raw = json!({"type": "tool_use", "name": 5});
        assert_eq!(
            ContentBlock::from_value(raw.clone()),
            ContentBlock::Other(raw)
        );
        let text = json!({"type": "text", "text": 7});
        assert_eq!(
            ContentBlock::from_value(text.clone()),
            ContentBlock::Other(text)
        );
    }

    #[test]
    fn base64_sources_are_standard_padded_base64() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let source = MediaSource::base64("text/plain", input.as_bytes());
            assert_eq!(source.data.as_deref(), Some(expected));
        }
    }

    #[test]
    fn image_png_builds_a_base64_source() {
        let block = ContentBlock::image_png(&[0x89, b'P', b'N', b'G']);
        assert_eq!(
            block.to_value(),
            json!({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw=="}})
        );
    }
}
